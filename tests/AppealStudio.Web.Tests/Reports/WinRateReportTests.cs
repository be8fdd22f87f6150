using AppealStudio.Core.Analytics;
using AppealStudio.Web.Tests.Infrastructure;

namespace AppealStudio.Web.Tests.Reports;

public class WinRateReportTests
{
    private static DateOnly T => ReportFixture.Today;

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task WinRatesByRootCause_Fixture_ShowHandCountedOutcomesIntervalsAndDollars(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        await using var f = await OutcomeHistory.BuildAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, "manager@demo.local");

        var page = await client.GetDocumentAsync("/reports/win-rates" + f.Query(T.AddDays(OutcomeHistory.From), T));
        var rows = ReportFixture.Rows(page, "win-rates");

        // Group A: 6 + 2 + 3 + 1 = 12 decided, wins 6 + 2 = 8, 8/12 = 66.7 %; Wilson(8, 12) = 0.3906 .. 0.8619.
        // At stake 12 × $100 = $1,200; recovered 6 × $100 + 2 × $40 = $680. 2 in flight; the draft is nowhere.
        // Group B: 1 + 0 + 2 + 0 = 3 decided, 1 win, 33.3 %; Wilson(1, 3) = 0.0615 .. 0.7923; 3 < 10: flagged.
        // At stake 3 × $250 = $750; recovered $250. Ordered by the lower bound: A (0.39) before B (0.06).
        Assert.Equal(2, rows.Count);
        var a = rows[0];
        Assert.Equal(f.Payer, a["payer"]);
        Assert.Equal("authorization", a["key"]);
        Assert.Equal(("12", "6", "2", "3", "1"), (a["decided"], a["overturned"], a["partial"], a["upheld"], a["no-response"]));
        Assert.Equal("66.7 %", a["rate"]);
        Assert.Equal("39.1–86.2 %", a["ci"]);
        Assert.Equal("", a["small"]);
        Assert.Equal("2", a["in-flight"]);
        Assert.Equal("$1,200.00", a["at-stake"]);
        Assert.Equal("$680.00", a["recovered"]);

        var b = rows[1];
        Assert.Equal("medical-necessity", b["key"]);
        Assert.Equal(("3", "1", "0", "2", "0"), (b["decided"], b["overturned"], b["partial"], b["upheld"], b["no-response"]));
        Assert.Equal("33.3 %", b["rate"]);
        Assert.Equal("6.1–79.2 %", b["ci"]);
        Assert.Equal("n < 10", b["small"]);
        Assert.Equal("0", b["in-flight"]);
        Assert.Equal("$750.00", b["at-stake"]);
        Assert.Equal("$250.00", b["recovered"]);
        Assert.NotNull(page.QuerySelector("canvas[data-testid=chart-win-rates][data-chart]"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task WinRates_OtherDimensions_GroupByCarcScenarioAndTemplate(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        await using var f = await OutcomeHistory.BuildAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, "manager@demo.local");
        var query = f.Query(T.AddDays(OutcomeHistory.From), T);

        async Task<List<(string Key, string Decided)>> Keys(string by)
        {
            var page = await client.GetDocumentAsync("/reports/win-rates" + query + "&by=" + by);
            return ReportFixture.Rows(page, "win-rates").Select(r => (r["key"], r["decided"])).ToList();
        }

        Assert.Equal([("CO-197", "12"), ("CO-50", "3")], await Keys("carc"));
        Assert.Equal([("(none)", "12"), ("modifier-59", "3")], await Keys("scenario"));

        // By template there is no payer column: the template is the whole key.
        var templates = await client.GetDocumentAsync("/reports/win-rates" + query + "&by=template");
        var rows = ReportFixture.Rows(templates, "win-rates");
        Assert.Equal(["prior-authorization", "medical-necessity"], rows.Select(r => r["key"]));
        Assert.All(rows, r => Assert.False(r.ContainsKey("payer")));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task WinRates_SortedByDecidedAscending_PutTheSmallGroupFirst(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        await using var f = await OutcomeHistory.BuildAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, "manager@demo.local");
        var url = "/reports/win-rates" + f.Query(T.AddDays(OutcomeHistory.From), T);

        var ascending = ReportFixture.Rows(await client.GetDocumentAsync(url + "&sort=win-rates.decided&dir=asc"), "win-rates");
        var descending = ReportFixture.Rows(await client.GetDocumentAsync(url + "&sort=win-rates.decided&dir=desc"), "win-rates");

        Assert.Equal(["medical-necessity", "authorization"], ascending.Select(r => r["key"]));
        Assert.Equal(["authorization", "medical-necessity"], descending.Select(r => r["key"]));

        // The header link of the sorted column reverses the direction and keeps the filter.
        var page = await client.GetDocumentAsync(url + "&sort=win-rates.decided&dir=asc");
        var link = page.QuerySelector("[data-testid=sort-win-rates-decided]")!.GetAttribute("href")!;
        Assert.Contains("dir=desc", link, StringComparison.Ordinal);
        Assert.Contains("payer=" + Uri.EscapeDataString(f.Payer), link, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task WinRates_SpecialtyFilter_UsesProcedureFirstThenScenario(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        await using var f = await OutcomeHistory.BuildAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, "manager@demo.local");
        var url = "/reports/win-rates" + f.Query(T.AddDays(OutcomeHistory.From), T);

        // Group B has no procedure code and the modifier-59 scenario: orthopedics. Group A's 99213 is in no range: other.
        var ortho = ReportFixture.Rows(await client.GetDocumentAsync(url + "&specialty=orthopedics"), "win-rates");
        var other = ReportFixture.Rows(await client.GetDocumentAsync(url + "&specialty=other"), "win-rates");
        var cardio = await client.GetDocumentAsync(url + "&specialty=cardiology");

        Assert.Equal(["medical-necessity"], ortho.Select(r => r["key"]));
        Assert.Equal(["authorization"], other.Select(r => r["key"]));
        Assert.NotNull(cardio.QuerySelector("[data-testid=table-win-rates] [data-testid=no-rows]"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task WinRates_PeriodBeforeTheDenials_ExcludesThem(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        await using var f = await OutcomeHistory.BuildAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, "manager@demo.local");

        // T-220 .. T-100 holds only the T-200 denial: one decided appeal, overturned.
        var rows = ReportFixture.Rows(await client.GetDocumentAsync("/reports/win-rates" + f.Query(T.AddDays(-220), T.AddDays(-100))), "win-rates");

        var only = Assert.Single(rows);
        Assert.Equal(("1", "1", "100.0 %", "$999.00"), (only["decided"], only["overturned"], only["rate"], only["recovered"]));
    }

    [Theory]
    [InlineData(8, 12, 0.3906, 0.8619)]
    [InlineData(1, 3, 0.0615, 0.7923)]
    [InlineData(9, 15, 0.3575, 0.8018)]
    public void WilsonInterval_FixtureGroups_MatchKnownValues(int wins, int decided, double lower, double upper)
    {
        // p̂ ± z·√(p̂(1−p̂)/n + z²/4n²), centred on (p̂ + z²/2n), all over 1 + z²/n, with z = 1.96.
        var ci = WilsonInterval.Compute(wins, decided);

        Assert.Equal(lower, ci.Lower, 4);
        Assert.Equal(upper, ci.Upper, 4);
    }
}
