using AppealStudio.Data.Denials;
using AppealStudio.Data.Reports;
using AppealStudio.Web.Tests.Infrastructure;
using AppealStudio.Web.Tests.Settings;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Web.Tests.Reports;

public class InventoryReportTests
{
    private static DateOnly T => ReportFixture.Today;

    /// <summary>
    /// Five open denials (T = today, now = this instant), plus a submitted and a written-off one that are not open:
    ///   D1 New, soft, remitted T-10, deadline T+5, imported now-10d, $100, coder, unassigned: soft SLA breach
    ///      (10 calendar days is more than 5 business days from any weekday or weekend).
    ///   D2 In progress, hard appeal, remitted T-45, deadline T-1 (past due), imported now-45d, $200, clinician,
    ///      Sam Specialist: hard SLA breach (45 > 30 days).
    ///   D3 Ready, hard appeal, remitted T-100, deadline T+20, imported now-100d, $300, clinician, Sam Specialist:
    ///      hard SLA breach.
    ///   D4 New, soft, remitted T-2, deadline T+40, imported now-1h, $400, coder, unassigned: no breach.
    ///   D5 Awaiting sign-off, hard write-off, remitted T-130, no deadline, imported now-130d, $500, biller,
    ///      Sam Specialist: no hard breach (its action is not an appeal).
    /// </summary>
    private static async Task<ReportFixture> BuildAsync(AppFactory factory)
    {
        var f = ReportFixture.Create(factory);
        var specialist = await f.Db.Users.Where(u => u.Email == "specialist@demo.local").Select(u => u.Id).SingleAsync();
        var now = DateTimeOffset.UtcNow;

        void Open(int remitted, int? deadline, TimeSpan age, decimal amount, DenialStatus status, string severity, string action, string owner,
            string? assignee)
        {
            var claim = f.Claim(f.Payment(T.AddDays(remitted)), amount);
            f.Denial(claim, amount, "coding", status, d =>
            {
                d.AppealDeadline = deadline is { } days ? T.AddDays(days) : null;
                d.CreatedAt = now - age;
                d.Severity = severity;
                d.Action = action;
                d.Owner = owner;
                d.AssigneeUserId = assignee;
            });
        }

        Open(-10, 5, TimeSpan.FromDays(10), 100m, DenialStatus.New, "soft", "resubmit", "coder", null);
        Open(-45, -1, TimeSpan.FromDays(45), 200m, DenialStatus.InProgress, "hard", "appeal", "clinician", specialist);
        Open(-100, 20, TimeSpan.FromDays(100), 300m, DenialStatus.Ready, "hard", "appeal", "clinician", specialist);
        Open(-2, 40, TimeSpan.FromHours(1), 400m, DenialStatus.New, "soft", "resubmit", "coder", null);
        Open(-130, null, TimeSpan.FromDays(130), 500m, DenialStatus.AwaitingSignOff, "hard", "write-off", "biller", specialist);
        Open(-20, 3, TimeSpan.FromDays(20), 9000m, DenialStatus.Submitted, "hard", "appeal", "clinician", specialist);
        Open(-20, 3, TimeSpan.FromDays(20), 9000m, DenialStatus.WrittenOff, "soft", "resubmit", "coder", null);
        await f.SaveAsync();
        return f;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Inventory_Fixture_BucketsByAgeAndDeadline(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        await using var f = await BuildAsync(factory);

        // The date range does not apply to the inventory: a range that holds none of these denials changes nothing.
        var view = await Acting.RunAsync<ReportService, InventoryView>(factory, Acting.Manager, s => s.InventoryAsync(f.Filter(T.AddDays(-1), T)));

        // Age: D1 (10 d) and D4 (2 d) → 0-30: 2, $500; D2 (45 d) → 31-60; D3 (100 d) → 91-120; D5 (130 d) → over 120.
        Assert.Equal(
            [("0-30 days", "2", "$500.00"), ("31-60 days", "1", "$200.00"), ("61-90 days", "0", "$0.00"), ("91-120 days", "1", "$300.00"),
             ("Over 120 days", "1", "$500.00"), ("No remittance date", "0", "$0.00")],
            ReportFixture.Rows(view.ByAge).Select(r => (r["bucket"], r["count"], r["amount"])));

        // Days left: D2 past due; D1 5 days → 0-7; none 8-14; D3 20 days → 15-30; D4 40 days → more; D5 no deadline.
        Assert.Equal(
            [("Past due", "1", "$200.00"), ("0-7 days", "1", "$100.00"), ("8-14 days", "0", "$0.00"), ("15-30 days", "1", "$300.00"),
             ("More than 30 days", "1", "$400.00"), ("No deadline", "1", "$500.00")],
            ReportFixture.Rows(view.ByDeadline).Select(r => (r["bucket"], r["count"], r["amount"])));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Inventory_Fixture_CountsSlaBreachesByOwnerRoleAndAssignee(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        await using var f = await BuildAsync(factory);

        var view = await Acting.RunAsync<ReportService, InventoryView>(factory, Acting.Manager, s => s.InventoryAsync(f.Filter(T.AddDays(-1), T)));

        // Owner coder: D1 + D4 = 2 open, $500, no past due, soft breach D1, no hard.
        // Clinician: D2 + D3 = 2, $500, past due D2, hard breaches D2 and D3. Biller: D5 = 1, $500, nothing breached.
        var owners = ReportFixture.Rows(view.ByOwner).ToDictionary(r => r["name"], r => (r["open"], r["amount"], r["past-due"], r["soft-sla"], r["hard-sla"]));
        Assert.Equal(3, owners.Count);
        Assert.Equal(("2", "$500.00", "0", "1", "0"), owners["Coder"]);
        Assert.Equal(("2", "$500.00", "1", "0", "2"), owners["Clinician"]);
        Assert.Equal(("1", "$500.00", "0", "0", "0"), owners["Biller"]);

        // Sam Specialist: D2, D3, D5 = 3 open, $1,000, past due 1, hard 2. Unassigned: D1, D4 = 2, $500, soft 1.
        var assignees = ReportFixture.Rows(view.ByAssignee).ToDictionary(r => r["name"], r => (r["open"], r["amount"], r["past-due"], r["soft-sla"], r["hard-sla"]));
        Assert.Equal(2, assignees.Count);
        Assert.Equal(("3", "$1,000.00", "1", "0", "2"), assignees["Sam Specialist"]);
        Assert.Equal(("2", "$500.00", "0", "1", "0"), assignees["Unassigned"]);
        Assert.Contains("5 business days", view.ByOwner.Note, StringComparison.Ordinal);
    }
}
