using System.Globalization;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Identity;
using AppealStudio.Web.Features.Worklist;
using AppealStudio.Web.Tests.Components;
using AppealStudio.Web.Tests.Denials;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Web.Tests.Worklist;

/// <summary>The worklist page rendered with bunit over the real app: what the specialist sees and what each control does.</summary>
public class WorklistPageTests : ComponentTest
{
    private const string Specialist = "specialist@demo.local";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> Open(string url, int rows)
    {
        At(url);
        var page = RenderInApp<WorklistPage>();
        page.WaitForAssertion(() => Assert.Equal(rows, page.FindAll("[data-testid=denial-link]").Count), Wait);
        return page;
    }

    private static List<string?> RowIds(IRenderedComponent<Bunit.Rendering.ContainerFragment> page) =>
        page.FindAll("[data-testid=denial-link]").Select(a => a.GetAttribute("data-denial-id")).ToList();

    [Fact]
    public async Task Render_PayerInTheUrl_ShowsThatPayersRowsByPriorityWithMoneyAndCounts()
    {
        var seed = new DenialBuilder(App);
        var low = await seed.AddAsync(d => { d.PriorityScore = 10m; d.Amount = 1234.5m; });
        var high = await seed.AddAsync(d => d.PriorityScore = 300m);
        SignIn(Specialist);

        var page = Open("/worklist?" + seed.PayerQuery, 2);

        Assert.Equal([Id(high.Id), Id(low.Id)], RowIds(page));
        Assert.Equal($"/denials/{high.Id}", page.Find("[data-testid=denial-link]").GetAttribute("href"));
        Assert.Contains("$1,234.50", page.Markup, StringComparison.Ordinal);
        Assert.Equal("2", page.Find("[data-testid=count-all]").TextContent.Trim());
        Assert.Equal("300", page.Find("[data-testid=priority]").TextContent.Trim());
    }

    [Fact]
    public async Task Render_BadAmountInTheUrl_SaysWhyAndOffersToClearTheFilters()
    {
        var seed = new DenialBuilder(App);
        await seed.AddAsync();
        SignIn(Specialist);
        At($"/worklist?{seed.PayerQuery}&owner=credentialing&min=abc");

        var page = RenderInApp<WorklistPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=no-rows]")), Wait);
        Assert.Contains("Amount from must be an amount", page.Find("[data-testid=filter-error]").TextContent, StringComparison.Ordinal);
        page.Find("[data-testid=no-rows] a").Click();
        // Navigation follows the page's queued audit write of the view (ADR 95), so it is awaited, not assumed.
        page.WaitForAssertion(() => Assert.EndsWith("/worklist", Navigation.Uri, StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task ViewChip_Click_PutsTheViewInTheUrlKeepingTheFilters()
    {
        var seed = new DenialBuilder(App);
        await seed.AddAsync(d => d.Amount = 900m);
        SignIn(Specialist);
        var page = Open($"/worklist?{seed.PayerQuery}&sort=amount&dir=asc", 1);

        page.Find("[data-testid=view-high]").Click();

        page.WaitForAssertion(() => Assert.EndsWith($"/worklist?view=high&{seed.PayerQuery.Replace(" ", "%20", StringComparison.Ordinal)}&sort=amount&dir=asc", Uri.UnescapeDataString(Navigation.Uri).Replace(" ", "%20", StringComparison.Ordinal), StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task Filters_Apply_BuildsTheCanonicalUrlFromTheDraft()
    {
        var seed = new DenialBuilder(App);
        await seed.AddAsync();
        SignIn(Specialist);
        var page = Open($"/worklist?{seed.PayerQuery}&q=99214", 1);
        page.Find("[data-testid=toggle-filters]").Click();

        page.Find("input[data-testid=filter-min]").Change("600");
        page.Find("[data-testid=apply-filters]").Click();

        page.WaitForAssertion(() => Assert.Contains("min=600", Navigation.Uri, StringComparison.Ordinal), Wait);
        var uri = new Uri(Navigation.Uri);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query);
        Assert.Equal("600", query["min"].ToString());
        Assert.Equal(seed.Payer, query["payer"].ToString());
        // The search box is not part of the filter draft; applying filters keeps it (as its key: the words stay out of the URL).
        Assert.False(query.ContainsKey("q"));
        Assert.True(query.ContainsKey("s"));
        Assert.DoesNotContain("99214", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_OpenedOnAFilteredUrl_ShowTheUrlsValues()
    {
        var seed = new DenialBuilder(App);
        await seed.AddAsync(d => { d.Owner = "coder"; d.Amount = 700m; d.AppealDeadline = DenialBuilder.Today.AddDays(9); });
        SignIn(Specialist);

        var page = Open($"/worklist?view=high&owner=coder&{seed.PayerQuery}&deadline=8-14&min=600&sort=amount&dir=asc", 1);
        page.Find("[data-testid=toggle-filters]").Click();

        Assert.Equal("600", page.Find("input[data-testid=filter-min]").GetAttribute("value"));
        Assert.Equal("Coder", page.Find("input[data-testid=filter-owner]").GetAttribute("value"));
        Assert.Equal("8 to 14 days", page.Find("input[data-testid=filter-deadline]").GetAttribute("value"));
        Assert.Equal("1", page.Find("[data-testid=count-high]").TextContent.Trim());
    }

    [Fact]
    public async Task SearchBox_Enter_SearchesAndResetsThePage()
    {
        var seed = new DenialBuilder(App);
        await seed.AddAsync();
        SignIn(Specialist);
        var page = Open($"/worklist?{seed.PayerQuery}", 1);

        page.Find("input[data-testid=search]").Change("ZX-77");
        page.Find("input[data-testid=search]").KeyUp(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        page.WaitForAssertion(() => Assert.Contains("s=", Navigation.Uri, StringComparison.Ordinal), Wait);
        Assert.DoesNotContain("ZX-77", Uri.UnescapeDataString(Navigation.Uri), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("page=", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SearchBox_PatientName_FiltersWithTheNameOutOfTheUrlAndBackRestoresIt()
    {
        var seed = new DenialBuilder(App);
        var kowalski = await seed.AddAsync(claim: c => c.PatientLastName = "Kowalski");
        await seed.AddAsync(claim: c => c.PatientLastName = "Nowak");
        SignIn(Specialist);
        var page = Open($"/worklist?{seed.PayerQuery}", 2);

        page.Find("input[data-testid=search]").Change("Kowalski");
        page.Find("input[data-testid=search]").KeyUp(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        // The search words are stored under a key before the URL changes (an await): wait for the keyed URL.
        page.WaitForAssertion(() => Assert.Contains("s=", Navigation.Uri, StringComparison.Ordinal), Wait);
        var searched = Navigation.Uri;
        Assert.DoesNotContain("kowalski", Uri.UnescapeDataString(searched), StringComparison.OrdinalIgnoreCase);
        page.WaitForAssertion(() => Assert.Equal([Id(kowalski.Id)], RowIds(page)), Wait);

        // Back (or a reload) lands on the keyed URL again: the same user gets the search back, words and rows.
        await DisposeComponentsAsync();
        At($"/worklist?{seed.PayerQuery}");
        At(searched);
        var again = RenderInApp<WorklistPage>();
        again.WaitForAssertion(() => Assert.Equal([Id(kowalski.Id)], RowIds(again)), Wait);
        Assert.Equal("Kowalski", again.Find("input[data-testid=search]").GetAttribute("value"));
    }

    [Fact]
    public async Task SearchKey_AnotherUsersUrl_ShowsTheListUnsearchedAndDropsTheKey()
    {
        var seed = new DenialBuilder(App);
        await seed.AddAsync(claim: c => c.PatientLastName = "Kowalski");
        await seed.AddAsync(claim: c => c.PatientLastName = "Nowak");
        SignIn(Specialist);
        var page = Open($"/worklist?{seed.PayerQuery}", 2);
        page.Find("input[data-testid=search]").Change("Kowalski");
        page.Find("input[data-testid=search]").KeyUp(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
        page.WaitForAssertion(() => Assert.Contains("s=", Navigation.Uri, StringComparison.Ordinal), Wait);
        var shared = Navigation.Uri;

        await DisposeComponentsAsync();
        SignIn("manager@demo.local");
        var theirs = Open(shared, 2);

        Assert.DoesNotContain("s=", Navigation.Uri, StringComparison.Ordinal);
        Assert.True(string.IsNullOrEmpty(theirs.Find("input[data-testid=search]").GetAttribute("value")));
    }

    [Fact]
    public async Task SearchInUrl_LinkFromBefore_StillFiltersAndTheWordsLeaveTheAddress()
    {
        var seed = new DenialBuilder(App);
        var kowalski = await seed.AddAsync(claim: c => c.PatientLastName = "Kowalski");
        await seed.AddAsync(claim: c => c.PatientLastName = "Nowak");
        SignIn(Specialist);

        var page = Open($"/worklist?{seed.PayerQuery}&q=Kowalski", 1);

        Assert.Equal([Id(kowalski.Id)], RowIds(page));
        page.WaitForAssertion(() => Assert.Contains("s=", Navigation.Uri, StringComparison.Ordinal), Wait);
        Assert.DoesNotContain("kowalski", Uri.UnescapeDataString(Navigation.Uri), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Pager_Next_LoadsTheSecondPageAndPutsItInTheUrl()
    {
        var seed = new DenialBuilder(App);
        for (var i = 0; i < 52; i++)
        {
            var score = 500m - i;
            await seed.AddAsync(d => d.PriorityScore = score);
        }

        SignIn(Specialist);
        var page = Open("/worklist?" + seed.PayerQuery, 50);
        var firstPage = RowIds(page);

        page.Find("button[aria-label='Next page']").Click();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=denial-link]").Count), Wait);
        Assert.Contains("page=2", Navigation.Uri, StringComparison.Ordinal);
        Assert.Empty(RowIds(page).Intersect(firstPage));
    }

    [Fact]
    public async Task SortHeader_Click_SortsInSqlAndPutsTheSortInTheUrl()
    {
        var seed = new DenialBuilder(App);
        var small = await seed.AddAsync(d => { d.Amount = 10m; d.PriorityScore = 90m; });
        var big = await seed.AddAsync(d => { d.Amount = 999m; d.PriorityScore = 5m; });
        SignIn(Specialist);
        var page = Open("/worklist?" + seed.PayerQuery, 2);
        Assert.Equal([Id(small.Id), Id(big.Id)], RowIds(page));

        var amountHeader = page.FindAll("th").First(th => th.TextContent.Contains("Amount", StringComparison.Ordinal));
        amountHeader.QuerySelector(".sortable-column-header, .column-header span")!.Click();

        page.WaitForAssertion(() => Assert.Contains("sort=amount", Navigation.Uri, StringComparison.Ordinal), Wait);
        page.WaitForAssertion(() => Assert.Equal(RowIds(page).Count == 2 && Navigation.Uri.Contains("dir=asc", StringComparison.Ordinal)
            ? [Id(small.Id), Id(big.Id)] : [Id(big.Id), Id(small.Id)], RowIds(page)), Wait);
    }

    [Fact]
    public async Task BulkAssign_SelectAndAssign_ChangesTheRowsAndSaysSo()
    {
        var seed = new DenialBuilder(App);
        var a = await seed.AddAsync(d => d.PriorityScore = 2m);
        var b = await seed.AddAsync(d => d.PriorityScore = 1m);
        var managerId = await DenialBuilder.UserIdAsync(App, "manager@demo.local");
        SignIn(Specialist);
        var page = Open("/worklist?" + seed.PayerQuery, 2);

        foreach (var box in page.FindAll("tbody input[type=checkbox]"))
        {
            box.Change(true);
        }

        page.WaitForAssertion(() => Assert.Contains("2 denials", page.Find("[data-testid=bulk-bar]").TextContent, StringComparison.Ordinal), Wait);
        page.Find("[data-testid=bulk-assignee]").Closest("div.mud-input-control")!.MouseDown();
        page.WaitForAssertion(() => page.FindAll(".mud-list-item").First(i => i.TextContent.Contains("Morgan Manager", StringComparison.Ordinal)).Click(), Wait);
        page.Find("[data-testid=bulk-assign]").Click();

        await EventuallyAsync(async () =>
        {
            Assert.Equal(managerId, (await seed.ReloadAsync(a.Id)).AssigneeUserId);
            Assert.Equal(managerId, (await seed.ReloadAsync(b.Id)).AssigneeUserId);
        }, Wait);
    }

    [Fact]
    public async Task Columns_HideOne_IsRememberedForTheUser()
    {
        var seed = new DenialBuilder(App);
        await seed.AddAsync();
        var userId = SignIn("admin@demo.local");
        var page = Open("/worklist?" + seed.PayerQuery, 1);
        Assert.Contains(page.FindAll("th"), th => th.TextContent.Contains("Payer", StringComparison.Ordinal));

        page.Find("[data-testid=columns-menu] button").Click();
        page.WaitForAssertion(() => page.FindAll(".mud-menu-item, .mud-list-item").First(i => i.TextContent.Trim() == "Payer").Click(), Wait);

        await EventuallyAsync(async () =>
        {
            var saved = await App.WithDbAsync(d => d.Set<UserPreference>().Where(p => p.UserId == userId && p.Key == UserPreferences.WorklistColumns)
                .Select(p => p.Value).FirstOrDefaultAsync());
            Assert.Contains("payer", saved ?? "", StringComparison.Ordinal);
        }, Wait);
        await App.WithDbAsync(async d =>
        {
            await d.Set<UserPreference>().Where(p => p.UserId == userId).ExecuteDeleteAsync();
            return 0;
        });
    }

    [Fact]
    public async Task BulkWriteOff_AsksForAReasonInADialog_AndAnEmptyReasonIsRefusedAtTheField()
    {
        var seed = new DenialBuilder(App);
        var a = await seed.AddAsync();
        SignIn(Specialist);
        var page = Open("/worklist?" + seed.PayerQuery, 1);
        page.Find("tbody input[type=checkbox]").Change(true);
        page.WaitForAssertion(() => page.Find("[data-testid=bulk-status]"), Wait);

        page.Find("[data-testid=bulk-status]").Closest("div.mud-input-control")!.MouseDown();
        page.WaitForAssertion(() => page.FindAll(".mud-list-item").First(i => i.TextContent.Contains("Written off", StringComparison.Ordinal)).Click(), Wait);
        page.Find("[data-testid=bulk-move]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=reason-confirm]"), Wait);

        page.Find("[data-testid=reason-confirm]").Click();
        page.WaitForAssertion(() => Assert.Contains("Enter the reason.", page.Markup, StringComparison.Ordinal), Wait);
        Assert.Equal(DenialStatus.New, (await seed.ReloadAsync(a.Id)).Status);

        page.Find("textarea[data-testid=reason]").Change("Patient paid at the front desk");
        page.Find("[data-testid=reason-confirm]").Click();

        await EventuallyAsync(async () => Assert.Equal(DenialStatus.WrittenOff, (await seed.ReloadAsync(a.Id)).Status), Wait);
        Assert.Contains("Patient paid at the front desk", (await seed.EventsAsync(a.Id)).Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_LifecycleViews_ShowTheLevelTheWarningBadgeAndTheUnderpayment_AndTheExpiredViewIsInTheUrl()
    {
        var seed = new DenialBuilder(App);
        var under = await seed.AddAsync(d => { d.Kind = "underpayment"; d.ExpectedAmount = 180m; d.PaidAmount = 140m; d.Amount = 40m; d.PriorityScore = 50m; });
        var late = await seed.AddAsync(d => { d.AppealDeadline = DenialBuilder.Today.AddDays(-5); d.PriorityScore = 10m; });
        SignIn(Specialist);

        var page = Open("/worklist?view=all&" + seed.PayerQuery, 2);

        Assert.Contains("expected $180.00, paid $140.00", page.Find("[data-testid=underpaid]").TextContent, StringComparison.Ordinal);
        Assert.Single(page.FindAll("[data-testid=viability-badge]"));
        Assert.All(page.FindAll("[data-testid=level]"), l => Assert.Equal("Not started", l.TextContent.Trim()));
        Assert.Equal("1", page.Find("[data-testid=count-expired]").TextContent.Trim());
        Assert.Equal("1", page.Find("[data-testid=count-queue]").TextContent.Trim());

        page.Find("[data-testid=view-expired]").Click();

        page.WaitForAssertion(() => Assert.Contains("view=expired", Navigation.Uri, StringComparison.Ordinal), Wait);
        page.WaitForAssertion(() => Assert.Equal([Id(late.Id)], RowIds(page)), Wait);
        Assert.DoesNotContain(Id(under.Id), RowIds(page));
    }
}
