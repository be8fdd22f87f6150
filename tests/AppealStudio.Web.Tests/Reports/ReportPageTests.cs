using System.Globalization;
using AppealStudio.Data.Reports;
using AppealStudio.Web.Components.Layout;
using AppealStudio.Web.Features.Reports;
using AppealStudio.Web.Tests.Components;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace AppealStudio.Web.Tests.Reports;

/// <summary>The report pages on bunit, against the real services and database: what a manager sees and what a click does.</summary>
public class ReportPageTests : ComponentTest
{
    private const string Manager = "manager@demo.local";

    private static DateOnly T => ReportFixture.Today;

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task WinRatesPage_FilterInTheUrl_ShowsTheFiguresInWordsAndDrawsTheCharts()
    {
        await using var f = await OutcomeHistory.BuildAsync(App);
        var charts = JSInterop.SetupModule("./js/charts.js");
        charts.Setup<bool>("draw", _ => true).SetResult(true);
        SignIn(Manager);
        At("/reports/win-rates" + f.Query(T.AddDays(OutcomeHistory.From), T));

        var page = Render<WinRatesPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=table-win-rates] tbody tr").Count), Wait);
        Assert.Equal("Authorization", Cell(page, "win-rates", 0, "key"));
        Assert.Equal("66.7%", Cell(page, "win-rates", 0, "rate"));
        Assert.Equal("39.1–86.2%", Cell(page, "win-rates", 0, "ci"));
        Assert.Equal("$1,200.00", Cell(page, "win-rates", 0, "at-stake"));
        Assert.Contains("Small sample", Cell(page, "win-rates", 1, "small"), StringComparison.Ordinal);
        Assert.Equal("60.0%", Cell(page, "win-rates-by-payer", 0, "rate"));
        Assert.Equal(["Authorization", "Medical necessity"], page.FindAll("[data-testid=table-win-rates-by-type] td[data-col=key]").Select(td => td.TextContent.Trim()));

        // Three charts, each drawn once with the interval of its groups.
        page.WaitForAssertion(() => Assert.Equal(3, charts.Invocations.Count(i => i.Identifier == "draw")), Wait);
        var crossTab = (ChartSpec)charts.Invocations.Where(i => i.Identifier == "draw").Select(i => i.Arguments[1]!).Cast<ChartSpec>()
            .Single(s => s.Labels.Any(l => l.Contains('·', StringComparison.Ordinal)));
        Assert.Equal("interval", crossTab.Kind);
        Assert.Equal([66.7m, 33.3m], crossTab.Rates);
        Assert.Equal([39.1m, 6.1m], crossTab.Lower);
        Assert.Equal([12, 3], crossTab.Decided);
    }

    [Fact]
    public async Task ReportsPage_Fixture_ShowsHeadlineFiguresTheFourChartsAndSectionsKeepingTheFilter()
    {
        await using var f = await OutcomeHistory.BuildAsync(App);
        var charts = JSInterop.SetupModule("./js/charts.js");
        charts.Setup<bool>("draw", _ => true).SetResult(true);
        SignIn(Manager);
        At("/reports" + f.Query(T.AddDays(OutcomeHistory.From), T));

        var page = Render<ReportsPage>();

        page.WaitForAssertion(() => Assert.Equal("63.3%", page.Find("[data-testid=value-initial-denial-rate]").TextContent.Trim()), Wait);
        Assert.Equal("60.0%", page.Find("[data-testid=value-overturn-rate]").TextContent.Trim());
        Assert.Contains("9 of 15 decided; 95% range 35.7–80.2%", page.Find("[data-testid=headline-overturn-rate]").TextContent, StringComparison.Ordinal);
        Assert.Equal("$930.00", page.Find("[data-testid=value-recovered]").TextContent.Trim());
        foreach (var chart in new[] { "win-rate-by-payer", "denials-by-month", "inventory-age", "top-root-causes" })
        {
            Assert.NotNull(page.Find($"[data-testid=chart-{chart}]"));
        }

        page.WaitForAssertion(() => Assert.Equal(4, charts.Invocations.Count(i => i.Identifier == "draw")), Wait);
        var months = charts.Invocations.Where(i => i.Identifier == "draw").Select(i => (ChartSpec)i.Arguments[1]!).Single(s => s.Y2Title == "Denied dollars");
        Assert.Equal(("Month of the remittance", "Denials"), (months.XTitle, months.YTitle));
        var sections = page.FindAll("[data-testid=report-nav] a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(5, sections.Count);
        Assert.All(sections, href => Assert.Contains("payer=" + Uri.EscapeDataString(f.Payer), href, StringComparison.Ordinal));
    }

    [Fact]
    public void WinRatesPage_BadFilter_ShowsEachReasonAtItsFieldKeepsTheInputAndRunsNoReport()
    {
        SignIn(Manager);
        At("/reports/win-rates?from=2026-13-01&provider=12345&specialty=astrology&by=horoscope");

        var page = Render<WinRatesPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=filter-errors]")), Wait);
        var errors = page.Find("[data-testid=filter-errors]").TextContent;
        Assert.Contains("Enter a date as YYYY-MM-DD.", errors, StringComparison.Ordinal);
        Assert.Contains("Enter the provider's 10-digit NPI.", errors, StringComparison.Ordinal);
        Assert.Contains("Choose a specialty from the list.", errors, StringComparison.Ordinal);
        Assert.Contains("Group by one of", errors, StringComparison.Ordinal);

        // The reasons sit under their fields too, and the typed NPI stays in its box.
        Assert.Contains("Enter the provider's 10-digit NPI.", page.Find("[data-testid=report-filter]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Enter a date as YYYY-MM-DD.", page.Find("[data-testid=report-filter]").TextContent, StringComparison.Ordinal);
        Assert.Equal("12345", page.Find(".filter-provider input").GetAttribute("value"));
        Assert.Empty(page.FindAll("[data-testid^=table-]"));
    }

    [Fact]
    public void KpisPage_ReversedDates_SaysSoAndShowsNoKpis()
    {
        SignIn(Manager);
        At("/reports/kpis?from=2026-05-01&to=2026-04-01");

        var page = Render<KpisPage>();

        page.WaitForAssertion(() => Assert.Contains("The end date is before the start date.", page.Find("[data-testid=filter-errors]").TextContent,
            StringComparison.Ordinal), Wait);
        Assert.Empty(page.FindAll("[data-testid=table-kpis]"));
    }

    [Fact]
    public void KpisPage_NoFilter_UsesTheLast90DaysAndExplainsTheKpisInPlainWords()
    {
        SignIn(Manager);
        At("/reports/kpis");

        var page = Render<KpisPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=table-kpis]")), Wait);
        Assert.Equal(T.AddDays(-89).ToString("MM/dd/yyyy", CultureInfo.InvariantCulture), page.Find(".filter-date input").GetAttribute("value"));
        Assert.Equal(T.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture), page.FindAll(".filter-date input")[1].GetAttribute("value"));
        Assert.Contains("HFMA Claim Integrity Task Force", page.Find("[data-testid=kpi-basis]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("REFERENCE", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("§", page.Markup, StringComparison.Ordinal);
        Assert.NotNull(page.Find("[data-testid=table-denials-by-month]"));
        Assert.NotNull(page.Find("[data-testid=table-recovered-by-month]"));
    }

    [Fact]
    public async Task FilterBar_Apply_PutsTheWholeFilterInTheAddressAndTheTablesFollowIt()
    {
        await using var f = await OutcomeHistory.BuildAsync(App);
        SignIn(Manager);
        At("/reports/win-rates" + f.Query(T.AddDays(-220), T.AddDays(-100)));
        var page = Render<WinRatesPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=table-win-rates] tbody tr")), Wait);

        page.Find("[data-testid=apply-filter]").Click();

        // The filter is the address: dates in ISO, the payer, nothing else invented.
        var uri = new Uri(Navigation.Uri);
        Assert.Equal("/reports/win-rates", uri.AbsolutePath);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query);
        Assert.Equal((ReportFixture.Iso(T.AddDays(-220)), ReportFixture.Iso(T.AddDays(-100)), f.Payer), (query["from"].ToString(), query["to"].ToString(), query["payer"].ToString()));

        // A new filter in the address (Back, a shared link) re-draws the page on the circuit: no reload.
        Navigation.NavigateTo("/reports/win-rates" + f.Query(T.AddDays(OutcomeHistory.From), T));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=table-win-rates] tbody tr").Count), Wait);
    }

    [Fact]
    public async Task GroupBySwitch_Carc_ChangesTheAddressAndTheCrossTab()
    {
        await using var f = await OutcomeHistory.BuildAsync(App);
        SignIn(Manager);
        At("/reports/win-rates" + f.Query(T.AddDays(OutcomeHistory.From), T, ("sort", "win-rates.decided"), ("dir", "asc")));
        var page = Render<WinRatesPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=table-win-rates] tbody tr").Count), Wait);

        page.Find("[data-testid=by-carc]").Click();

        Assert.Contains("by=carc", Navigation.Uri, StringComparison.Ordinal);
        Assert.DoesNotContain("sort=", Navigation.Uri, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Equal(["CO-197", "CO-50"],
            page.FindAll("[data-testid=table-win-rates] td[data-col=key]").Select(td => td.TextContent.Trim())), Wait);
        Assert.Contains("What the CARC means", page.Find("[data-testid=table-win-rates] thead").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SortLink_OfTheSortedColumn_ReversesTheOrderAndKeepsTheFilter()
    {
        await using var f = await OutcomeHistory.BuildAsync(App);
        SignIn(Manager);
        At("/reports/win-rates" + f.Query(T.AddDays(OutcomeHistory.From), T, ("sort", "win-rates.decided"), ("dir", "asc")));
        var page = Render<WinRatesPage>();
        page.WaitForAssertion(() => Assert.Equal(["Medical necessity", "Authorization"],
            page.FindAll("[data-testid=table-win-rates] td[data-col=key]").Select(td => td.TextContent.Trim())), Wait);

        var link = page.Find("[data-testid=sort-win-rates-decided]").GetAttribute("href")!;
        Assert.Contains("dir=desc", link, StringComparison.Ordinal);
        Assert.Contains("payer=" + Uri.EscapeDataString(f.Payer), link, StringComparison.Ordinal);
        Assert.Equal("ascending", page.Find("[data-testid=sort-win-rates-decided]").ParentElement!.GetAttribute("aria-sort"));

        Navigation.NavigateTo(link);

        page.WaitForAssertion(() => Assert.Equal(["Authorization", "Medical necessity"],
            page.FindAll("[data-testid=table-win-rates] td[data-col=key]").Select(td => td.TextContent.Trim())), Wait);
    }

    [Fact]
    public async Task EveryReportPage_EachTable_HasACsvDownloadWithThePageFilter()
    {
        await using var f = await OutcomeHistory.BuildAsync(App);
        SignIn(Manager);
        var query = f.Query(T.AddDays(OutcomeHistory.From), T);
        var seen = new HashSet<string>();

        void Check<TPage>(string path)
            where TPage : IComponent
        {
            At(path + query);
            var page = Render<TPage>();
            page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid^=csv-]")), Wait);
            var sections = page.FindAll("[data-testid^=table-]");
            var links = page.FindAll("a[data-testid^=csv-]");
            Assert.Equal(sections.Count, links.Count);
            foreach (var link in links)
            {
                var href = link.GetAttribute("href")!;
                Assert.NotNull(link.GetAttribute("download"));
                Assert.Contains("payer=" + Uri.EscapeDataString(f.Payer), href, StringComparison.Ordinal);
                seen.Add(href[..href.IndexOf('?', StringComparison.Ordinal)]);
            }
        }

        Check<WinRatesPage>("/reports/win-rates");
        Check<KpisPage>("/reports/kpis");
        Check<InventoryPage>("/reports/inventory");
        Check<UpstreamPage>("/reports/upstream");

        Assert.Equal(ReportTables.Ids.Select(id => $"reports/{id}.csv").Order(), seen.Order());
    }

    [Fact]
    public void InventoryPage_SaysWhatItCounts_WithBucketsInWords()
    {
        SignIn(Manager);
        At("/reports/inventory");

        var page = Render<InventoryPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=inventory-scope]")), Wait);
        Assert.Contains("the date range does not", page.Find("[data-testid=inventory-scope]").TextContent, StringComparison.Ordinal);
        Assert.Contains(T.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture), page.Find("[data-testid=inventory-scope]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["Past due", "0-7 days", "8-14 days", "15-30 days", "More than 30 days", "No deadline"],
            page.FindAll("[data-testid=table-inventory-deadline] td[data-col=bucket]").Select(td => td.TextContent.Trim()));
        Assert.NotNull(page.Find("[data-testid=table-inventory-owner]"));
        Assert.NotNull(page.Find("[data-testid=table-inventory-assignee]"));
    }

    [Fact]
    public async Task UpstreamPage_ByOwner_NamesRootCausesAndOwnerRolesInWords()
    {
        await using var f = await OutcomeHistory.BuildAsync(App);
        SignIn(Manager);
        At("/reports/upstream" + f.Query(T.AddDays(OutcomeHistory.From), T, ("by", "owner")));

        var page = Render<UpstreamPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=table-upstream] tbody tr")), Wait);
        var causes = page.FindAll("[data-testid=table-upstream] td[data-col=cause]").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("Authorization", causes[0]);
        Assert.Contains("Timely filing", causes);
        Assert.DoesNotContain(causes, c => c.Contains('-', StringComparison.Ordinal));
        Assert.Contains("Scheduler", page.FindAll("[data-testid=table-upstream] td[data-col=value]").Select(td => td.TextContent.Trim()));
    }

    [Theory]
    [InlineData("manager@demo.local", true)]
    [InlineData("admin@demo.local", true)]
    [InlineData("specialist@demo.local", false)]
    [InlineData("physician@demo.local", false)]
    public void Navigation_ShowsReportsOnlyToManagersAndAdmins(string email, bool shown)
    {
        SignIn(email);

        var nav = Render<NavMenu>();

        Assert.Equal(shown, nav.FindAll("a").Any(a => a.GetAttribute("href") == "/reports"));
    }

    private static string Cell(IRenderedComponent<WinRatesPage> page, string table, int row, string column) =>
        page.FindAll($"[data-testid=table-{table}] tbody tr")[row].QuerySelector($"td[data-col={column}]")!.TextContent.Trim();
}
