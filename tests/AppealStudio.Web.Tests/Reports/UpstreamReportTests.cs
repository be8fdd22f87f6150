using AppealStudio.Data.Reports;
using AppealStudio.Web.Tests.Infrastructure;
using AppealStudio.Web.Tests.Settings;

namespace AppealStudio.Web.Tests.Reports;

public class UpstreamReportTests
{
    private static DateOnly T => ReportFixture.Today;

    /// <summary>
    /// T = today; this month runs from its 1st to T, last month is the whole month before; the period starts 20 days
    /// before last month. Coding (coder, procedure 29881, NPI 1111111111, $100 each): 3 on T, 1 on the 6th of last month,
    /// 1 on the first day of the period. Eligibility (front-desk, procedure 99213, NPI 2222222222, $50 each): 2 on the
    /// 6th of last month. One more coding denial before the period is in no figure.
    /// </summary>
    private static async Task<(ReportFixture Fixture, DateOnly From)> BuildAsync(AppFactory factory)
    {
        var f = ReportFixture.Create(factory);
        var months = TrendMonths.For(T);
        var from = months.LastMonthStart.AddDays(-20);

        void Add(DateOnly day, string cause, string owner, string procedure, string npi, decimal amount) =>
            f.Denial(f.Claim(f.Payment(day), amount, npi: npi), amount, cause, configure: d =>
            {
                d.Owner = owner;
                d.ProcedureCode = procedure;
            });

        for (var i = 0; i < 3; i++)
        {
            Add(T, "coding", "coder", "29881", "1111111111", 100m);
        }

        Add(months.LastMonthStart.AddDays(5), "coding", "coder", "29881", "1111111111", 100m);
        Add(from, "coding", "coder", "29881", "1111111111", 100m);
        Add(from.AddDays(-1), "coding", "coder", "29881", "1111111111", 100m);
        Add(months.LastMonthStart.AddDays(5), "eligibility", "front-desk", "99213", "2222222222", 50m);
        Add(months.LastMonthStart.AddDays(5), "eligibility", "front-desk", "99213", "2222222222", 50m);
        await f.SaveAsync();
        return (f, from);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Upstream_ByEachDimension_CountsDollarsAndMonthTrend(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var (f, from) = await BuildAsync(factory);
        await using var _ = f;

        // Coding: 3 + 1 + 1 = 5 in the period, $500; this month 3 ($300), last month 1 ($100): change +2, +200 %.
        // Eligibility: 2, $100; this month 0, last month 2 ($100): change −2, −100 %. Ordered by count.
        // Everything in words: root causes and owner roles as people say them, providers by name where a user has the NPI.
        foreach (var (by, coding, eligibility) in new[]
                 {
                     ("owner", "Coder", "Front desk"), ("payer", f.Payer, f.Payer), ("provider", "1111111111", "2222222222"),
                     ("procedure", "29881", "99213"),
                 })
        {
            var view = await Acting.RunAsync<ReportService, UpstreamView>(factory, Acting.Manager, s => s.UpstreamAsync(f.Filter(from, T), by));
            var rows = ReportFixture.Rows(view.Table);

            Assert.Equal(2, rows.Count);
            Assert.Equal(("Coding", coding, "5", "$500.00"), (rows[0]["cause"], rows[0]["value"], rows[0]["count"], rows[0]["amount"]));
            Assert.Equal(("3", "1", "2", "200.0%", "$300.00", "$100.00"),
                (rows[0]["this-month"], rows[0]["last-month"], rows[0]["change"], rows[0]["change-rate"], rows[0]["this-month-amount"], rows[0]["last-month-amount"]));
            Assert.Equal(("Eligibility", eligibility, "2", "$100.00"), (rows[1]["cause"], rows[1]["value"], rows[1]["count"], rows[1]["amount"]));
            Assert.Equal(("0", "2", "-2", "-100.0%"), (rows[1]["this-month"], rows[1]["last-month"], rows[1]["change"], rows[1]["change-rate"]));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Upstream_SortedByChangeAscending_PutsTheFallingCauseFirst_AndChartsCauses(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var (f, from) = await BuildAsync(factory);
        await using var _ = f;

        var view = await Acting.RunAsync<ReportService, UpstreamView>(factory, Acting.Manager, s => s.UpstreamAsync(f.Filter(from, T), "owner"));

        Assert.Equal(["Eligibility", "Coding"], ReportFixture.Rows(view.Table, "change", descending: false).Select(r => r["cause"]));

        // The chart's figures: root causes summed over the owner roles, largest first, with this month and last month.
        Assert.Equal([("Coding", 5, 3, 1), ("Eligibility", 2, 0, 2)], view.Causes.Select(c => (c.Label, c.Count, c.ThisMonth, c.LastMonth)));
    }
}
