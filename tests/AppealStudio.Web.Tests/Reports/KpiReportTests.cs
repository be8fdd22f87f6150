using System.Globalization;
using AppealStudio.Core.Analytics;
using AppealStudio.Data.Reports;
using AppealStudio.Web.Tests.Infrastructure;
using AppealStudio.Web.Tests.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Reports;

public class KpiReportTests
{
    private static DateOnly T => ReportFixture.Today;

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Kpis_Fixture_ShowHandComputedKpisWithDefinitions(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        await using var f = await OutcomeHistory.BuildAsync(factory);

        var view = await Acting.RunAsync<ReportService, KpiView>(factory, Acting.Manager, s => s.KpisAsync(f.Filter(T.AddDays(OutcomeHistory.From), T)));
        var kpis = ReportFixture.Rows(view.Table).ToDictionary(r => r["kpi"]);

        // Claims adjudicated in the period: C1..C30 = 30 (the reversal C31 and the T-200 claim are out). Denied: C1..C19
        // = 19 (C19's two denials count once). 19 / 30 = 63.3 %.
        Assert.Equal(("63.3%", "19", "30"), Values(kpis["Initial denial rate (claims)"]));

        // Charges: 29 × $500 + $1,000 = $15,500; denied claims 18 × $500 + $1,000 = $10,000. 10,000 / 15,500 = 64.5 %.
        Assert.Equal(("64.5%", "$10,000.00", "$15,500.00"), Values(kpis["Initial denial rate (dollars)"]));

        // Decided 12 + 3 = 15, wins 8 + 1 = 9: 60.0 %, Wilson(9, 15) = 35.7 .. 80.2 %.
        Assert.Equal(("60.0% (95% range 35.7–80.2%)", "9", "15"), Values(kpis["Overturn rate"]));

        // Denied dollars won 8 × $100 + 1 × $250 = $1,050 of 12 × $100 + 3 × $250 = $1,950: 53.8 %.
        Assert.Equal(("53.8%", "$1,050.00", "$1,950.00"), Values(kpis["Overturn rate (dollars)"]));

        // Written off: $300 + $200 = $500 (2 denials); final denial rate 500 / 15,500 = 3.2 %.
        Assert.Equal(("$500.00", "2 denials", "—"), Values(kpis["Denial write-offs"]));
        Assert.Equal(("3.2%", "$500.00", "$15,500.00"), Values(kpis["Final denial rate (dollars)"]));

        // Denial to appeal: 14 appeals × 10 days + 3 × 27 days = 221 days / 17 appeals = 13.0 (the draft is not submitted).
        Assert.Equal(("13.0 days", "—", "17 appeals"), Values(kpis["Days from denial to appeal"]));

        // Appeal to decision: 12 × 20 days + 3 × 30 days = 330 / 15 = 22.0.
        Assert.Equal(("22.0 days", "—", "15 decisions"), Values(kpis["Days from appeal to decision"]));

        // Recovered 6 × $100 + 2 × $40 + $250 = $930; 2 in flight; 20 denials for $1,500 + $750 + $500 = $2,750.
        Assert.Equal("$930.00", kpis["Recovered"]["value"]);
        Assert.Equal("2", kpis["Appeals in flight"]["value"]);
        Assert.Equal(("20", "$2,750.00"), (kpis["Denials"]["value"], kpis["Denials"]["numerator"]));

        // Blank cells show a dash. Every KPI says what it is.
        Assert.All(kpis.Values, k => Assert.False(string.IsNullOrWhiteSpace(k["definition"])));
        Assert.Contains("HFMA CITF KPI 1", kpis["Initial denial rate (claims)"]["definition"], StringComparison.Ordinal);

        // Definitions in plain words: no reference to the project's own documents.
        Assert.All(kpis.Values, k => Assert.DoesNotContain("REFERENCE", k["definition"], StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Kpis_Months_RecoveredByDecisionMonthAndDeniedByRemittanceMonth(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        await using var f = await OutcomeHistory.BuildAsync(factory);

        var view = await Acting.RunAsync<ReportService, KpiView>(factory, Acting.Manager, s => s.KpisAsync(f.Filter(T.AddDays(OutcomeHistory.From), T)));
        var recovered = ReportFixture.Rows(view.Recovered).ToDictionary(r => r["month"]);
        var denied = ReportFixture.Rows(view.Denied).ToDictionary(r => r["month"]);

        // Group A's 8 wins ($680) were decided on T-28, group B's win ($250) on T-1: one or two calendar months.
        static string Month(DateOnly d) => d.ToString("MMM yyyy", CultureInfo.InvariantCulture);
        if (Month(T.AddDays(-28)) == Month(T.AddDays(-1)))
        {
            Assert.Equal(("9", "$930.00"), (recovered[Month(T)]["count"], recovered[Month(T)]["amount"]));
        }
        else
        {
            Assert.Equal(("8", "$680.00"), (recovered[Month(T.AddDays(-28))]["count"], recovered[Month(T.AddDays(-28))]["amount"]));
            Assert.Equal(("1", "$250.00"), (recovered[Month(T.AddDays(-1))]["count"], recovered[Month(T.AddDays(-1))]["amount"]));
        }

        // All 20 denials were remitted on T-58; every other month of the period shows zero, not a gap.
        Assert.Equal(("20", "$2,750.00"), (denied[Month(T.AddDays(-58))]["count"], denied[Month(T.AddDays(-58))]["amount"]));
        Assert.All(denied.Where(d => d.Key != Month(T.AddDays(-58))), d => Assert.Equal("0", d.Value["count"]));
        Assert.Equal(Month(T.AddDays(OutcomeHistory.From)), denied.Keys.First());
        Assert.Equal(Month(T), denied.Keys.Last());

        // The page reads "Mar 2026"; the CSV keeps the sortable ISO month.
        Assert.Equal(T.AddDays(OutcomeHistory.From).ToString("yyyy-MM", CultureInfo.InvariantCulture),
            view.Denied.ToCsv(null, true).Split("\r\n")[1].Split(',')[0]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task ClaimRates_SpecialtyFilter_CountsClaimsByTheirServiceLines(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        await using var f = await OutcomeHistory.BuildAsync(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var report = scope.ServiceProvider.GetRequiredService<KpiReport>();
        var period = new ReportFilter(T.AddDays(OutcomeHistory.From), T, f.Payer);

        var ortho = await report.GetClaimRatesAsync(period with { Specialty = Specialty.Orthopedics });
        var other = await report.GetClaimRatesAsync(period with { Specialty = Specialty.Other });
        var mental = await report.GetClaimRatesAsync(period with { Specialty = Specialty.MentalHealth });

        // Lines 29881 (orthopedics): C16..C18, all denied: 3 of 3, $1,500 of $1,500.
        Assert.Equal(new ClaimRates(3, 1500m, 3, 1500m), ortho);
        Assert.Equal(1m, ortho.RateByCount);

        // Everything else is 99213 (other): C1..C15, C19, C20..C30 = 27 claims, of which C1..C15 and C19 denied = 16.
        // Charges 26 × $500 + $1,000 = $14,000; denied 15 × $500 + $1,000 = $8,500.
        Assert.Equal(new ClaimRates(27, 14000m, 16, 8500m), other);
        Assert.Equal(new ClaimRates(0, 0m, 0, 0m), mental);
        Assert.Null(mental.RateByCount);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Overview_Fixture_GivesTheHeadlineKpisAndTheFourCharts(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        await using var f = await OutcomeHistory.BuildAsync(factory);

        var overview = await Acting.RunAsync<ReportService, ReportOverview>(factory, Acting.Manager,
            s => s.OverviewAsync(f.Filter(T.AddDays(OutcomeHistory.From), T)));

        Assert.Equal(19m / 30m, overview.Kpi.Claims.RateByCount);
        Assert.Equal((9, 15), (overview.Kpi.Appeals.OverturnRate.Successes, overview.Kpi.Appeals.OverturnRate.Trials));
        Assert.Equal(930m, overview.Kpi.Appeals.Recovered);

        // The charts' figures: win rate by payer and by denial type, and the root causes with the most denials.
        var payer = Assert.Single(overview.ByPayer);
        Assert.Equal((f.Payer, 15, 9), (payer.Label, payer.Decided, payer.Wins));
        Assert.Equal(["Authorization", "Medical necessity"], overview.ByType.Select(t => t.Label));
        Assert.Equal(["Authorization", "Medical necessity", "Timely filing"], overview.TopCauses.Select(c => c.Label));
        Assert.Equal(15, overview.TopCauses[0].Count);
        Assert.Equal(InventoryReport.DeadlineBuckets.Count, overview.ByDeadline.Count);
    }

    private static (string Value, string Numerator, string Denominator) Values(Dictionary<string, string> row) =>
        (row["value"], row["numerator"], row["denominator"]);
}
