using AppealStudio.Core.Analytics;
using AppealStudio.Data.Reports;
using AppealStudio.Web.Tests.Infrastructure;
using AppealStudio.Web.Tests.Settings;

namespace AppealStudio.Web.Tests.Reports;

/// <summary>The win-rate report through the service the page calls (as a manager), with every figure worked out by hand.</summary>
public class WinRateReportTests
{
    private static DateOnly T => ReportFixture.Today;

    private static Task<WinRateView> WinRatesAsync(AppFactory factory, ReportFilter filter, string by) =>
        Acting.RunAsync<ReportService, WinRateView>(factory, Acting.Manager, s => s.WinRatesAsync(filter, by));

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task WinRatesByRootCause_Fixture_ShowHandCountedOutcomesIntervalsAndDollars(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        await using var f = await OutcomeHistory.BuildAsync(factory);

        var view = await WinRatesAsync(factory, f.Filter(T.AddDays(OutcomeHistory.From), T), "root-cause");
        var rows = ReportFixture.Rows(view.Table);

        // Group A: 6 + 2 + 3 + 1 = 12 decided, wins 6 + 2 = 8, 8/12 = 66.7 %; Wilson(8, 12) = 0.3906 .. 0.8619.
        // At stake 12 × $100 = $1,200; recovered 6 × $100 + 2 × $40 = $680. 2 in flight; the draft is nowhere.
        // Group B: 1 + 0 + 2 + 0 = 3 decided, 1 win, 33.3 %; Wilson(1, 3) = 0.0615 .. 0.7923; 3 < 10: flagged.
        // At stake 3 × $250 = $750; recovered $250. Ordered by the lower bound: A (0.39) before B (0.06).
        Assert.Equal(2, rows.Count);
        var a = rows[0];
        Assert.Equal(f.Payer, a["payer"]);
        Assert.Equal("Authorization", a["key"]);
        Assert.Equal(("12", "6", "2", "3", "1"), (a["decided"], a["overturned"], a["partial"], a["upheld"], a["no-response"]));
        Assert.Equal("66.7%", a["rate"]);
        Assert.Equal("39.1–86.2%", a["ci"]);
        Assert.Equal("", a["small"]);
        Assert.Equal("2", a["in-flight"]);
        Assert.Equal("$1,200.00", a["at-stake"]);
        Assert.Equal("$680.00", a["recovered"]);

        var b = rows[1];
        Assert.Equal("Medical necessity", b["key"]);
        Assert.Equal(("3", "1", "0", "2", "0"), (b["decided"], b["overturned"], b["partial"], b["upheld"], b["no-response"]));
        Assert.Equal("33.3%", b["rate"]);
        Assert.Equal("6.1–79.2%", b["ci"]);
        Assert.Equal("yes", b["small"]);
        Assert.Equal("0", b["in-flight"]);
        Assert.Equal("$750.00", b["at-stake"]);
        Assert.Equal("$250.00", b["recovered"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task PlainWinRates_Fixture_SumTheCrossTabByPayerAndByDenialType(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        await using var f = await OutcomeHistory.BuildAsync(factory);

        var view = await WinRatesAsync(factory, f.Filter(T.AddDays(OutcomeHistory.From), T), "carc");

        // By payer: 12 + 3 = 15 decided, 8 + 1 = 9 wins: 60.0 %, Wilson(9, 15) = 35.7 .. 80.2 %, $930 back; not a small sample.
        var payer = Assert.Single(ReportFixture.Rows(view.ByPayerTable));
        Assert.Equal((f.Payer, "15", "9", "60.0%", "35.7–80.2%", "$930.00", ""),
            (payer["key"], payer["decided"], payer["won"], payer["rate"], payer["ci"], payer["recovered"], payer["small"]));

        // By denial type: the two root causes, in words, whichever grouping the cross-tab shows.
        Assert.Equal([("Authorization", "12", "66.7%"), ("Medical necessity", "3", "33.3%")],
            ReportFixture.Rows(view.ByTypeTable).Select(r => (r["key"], r["decided"], r["rate"])));
        Assert.Equal(["win-rates-by-payer", "win-rates-by-type"], [view.ByPayerTable.Id, view.ByTypeTable.Id]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task WinRates_OtherDimensions_GroupByCarcScenarioAndTemplateInWords(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        await using var f = await OutcomeHistory.BuildAsync(factory);
        var filter = f.Filter(T.AddDays(OutcomeHistory.From), T);

        var carc = ReportFixture.Rows((await WinRatesAsync(factory, filter, "carc")).Table);
        var scenario = ReportFixture.Rows((await WinRatesAsync(factory, filter, "scenario")).Table);
        var templates = await WinRatesAsync(factory, filter, "template");

        // CARCs keep their codes, with their meaning from the code dictionary beside them.
        Assert.Equal([("CO-197", "12"), ("CO-50", "3")], carc.Select(r => (r["key"], r["decided"])));
        Assert.Contains("authorization", carc[0]["meaning"], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("medical necessity", carc[1]["meaning"], StringComparison.OrdinalIgnoreCase);
        Assert.Equal([("None", "12"), ("Modifier 59", "3")], scenario.Select(r => (r["key"], r["decided"])));

        // By template there is no payer column: the template is the whole key, by its title (medical-necessity is in the
        // library); the fixture's prior-authorization is not, so its id reads in words.
        var rows = ReportFixture.Rows(templates.Table);
        Assert.All(rows, r => Assert.False(r.ContainsKey("payer")));
        Assert.Equal(["12", "3"], rows.Select(r => r["decided"]));
        Assert.Equal("Prior authorization", rows[0]["key"]);
        Assert.StartsWith("Medical necessity", rows[1]["key"], StringComparison.Ordinal);
        Assert.NotEqual("Medical necessity", rows[1]["key"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task WinRates_SortedByDecided_PutTheSmallGroupFirstAscending(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        await using var f = await OutcomeHistory.BuildAsync(factory);

        var table = (await WinRatesAsync(factory, f.Filter(T.AddDays(OutcomeHistory.From), T), "root-cause")).Table;

        Assert.Equal(["Medical necessity", "Authorization"], ReportFixture.Rows(table, "decided", descending: false).Select(r => r["key"]));
        Assert.Equal(["Authorization", "Medical necessity"], ReportFixture.Rows(table, "decided", descending: true).Select(r => r["key"]));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task WinRates_SpecialtyFilter_UsesProcedureFirstThenScenario(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        await using var f = await OutcomeHistory.BuildAsync(factory);
        var filter = f.Filter(T.AddDays(OutcomeHistory.From), T);

        // Group B has no procedure code and the modifier-59 scenario: orthopedics. Group A's 99213 is in no range: other.
        var ortho = ReportFixture.Rows((await WinRatesAsync(factory, filter with { Specialty = Specialty.Orthopedics }, "root-cause")).Table);
        var other = ReportFixture.Rows((await WinRatesAsync(factory, filter with { Specialty = Specialty.Other }, "root-cause")).Table);
        var cardio = ReportFixture.Rows((await WinRatesAsync(factory, filter with { Specialty = Specialty.Cardiology }, "root-cause")).Table);

        Assert.Equal(["Medical necessity"], ortho.Select(r => r["key"]));
        Assert.Equal(["Authorization"], other.Select(r => r["key"]));
        Assert.Empty(cardio);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task WinRates_PeriodBeforeTheDenials_ExcludesThem(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        await using var f = await OutcomeHistory.BuildAsync(factory);

        // T-220 .. T-100 holds only the T-200 denial: one decided appeal, overturned.
        var rows = ReportFixture.Rows((await WinRatesAsync(factory, f.Filter(T.AddDays(-220), T.AddDays(-100)), "root-cause")).Table);

        var only = Assert.Single(rows);
        Assert.Equal(("1", "1", "100.0%", "$999.00"), (only["decided"], only["overturned"], only["rate"], only["recovered"]));
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
