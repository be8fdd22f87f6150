using System.Globalization;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Practice;
using AppealStudio.Web.Tests.Infrastructure;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Settings;

/// <summary>Settings &gt; Audit trail through the service the page calls: filters, names, practice time, paging, export.</summary>
public class AuditTrailTests
{
    private static Task<T> AsAdminAsync<T>(AppFactory factory, Func<AuditTrail, Task<T>> operation) =>
        Acting.RunAsync(factory, Acting.Admin, operation);

    /// <summary>Events of an action of their own (so other tests' events never match), at the given instants.</summary>
    private static async Task<string> AddEventsAsync(AppFactory factory, params (DateTimeOffset At, string? UserId, string Actor, string? Type, string? Id, string? Details)[] events)
    {
        var action = "test." + Guid.NewGuid().ToString("N")[..10];
        await factory.WithDbAsync(async d =>
        {
            foreach (var e in events)
            {
                d.AuditEvents.Add(new AuditEvent { At = e.At, UserId = e.UserId, Actor = e.Actor, Action = action, EntityType = e.Type, EntityId = e.Id, Details = e.Details });
            }

            return await d.SaveChangesAsync();
        });
        return action;
    }

    private static Task<string> UserIdAsync(AppFactory factory, string email) =>
        factory.WithDbAsync(d => d.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Page_SignInEvents_FilteredByAction_ReadWithTheUsersNames(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using (await BrowserlessClient.SignedInAsync(factory, Acting.Admin))
        {
        }

        var page = await AsAdminAsync(factory, a => a.PageAsync(new AuditQuery(Action: "auth.sign-in"), 0, 50));

        Assert.NotEmpty(page.Rows);
        Assert.All(page.Rows, r => Assert.StartsWith("auth.sign-in", r.Action, StringComparison.Ordinal));
        var mine = page.Rows.First(r => r.Actor == Acting.Admin && r.Action == "auth.sign-in");
        Assert.Equal(("Alex Admin", "Signed in"), (mine.UserName, mine.ActionLabel));
        Assert.Equal(page.Rows.OrderByDescending(r => r.Id).Select(r => r.Id), page.Rows.Select(r => r.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Page_UserRecordAndDateRange_NarrowTheTrail_DaysInThePracticesZone(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        TimeZoneInfo zone;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            zone = await scope.ServiceProvider.GetRequiredService<PracticeContext>().ZoneAsync();
        }

        var manager = await UserIdAsync(factory, Acting.Manager);
        var admin = await UserIdAsync(factory, Acting.Admin);
        var day = new DateOnly(2026, 7, 14);
        DateTimeOffset Local(DateOnly d, int hour, int minute)
        {
            var local = d.ToDateTime(new TimeOnly(hour, minute));
            return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        }

        // Just inside the day at both ends where the practice is, and just outside it after.
        var action = await AddEventsAsync(factory,
            (Local(day, 0, 5), manager, Acting.Manager, "User", admin, null),
            (Local(day, 23, 55), admin, Acting.Admin, "Denial", "4711", null),
            (Local(day.AddDays(1), 0, 5), manager, Acting.Manager, "Denial", "4711", null),
            (Local(day, 12, 0), null, "cli:operator", null, null, null));

        var byDay = await AsAdminAsync(factory, a => a.PageAsync(new AuditQuery(Action: action, From: day, To: day), 0, 50));
        var byUser = await AsAdminAsync(factory, a => a.PageAsync(new AuditQuery(UserId: manager, Action: action), 0, 50));
        var byRecord = await AsAdminAsync(factory, a => a.PageAsync(new AuditQuery(Action: action, RecordType: "Denial", RecordId: "4711"), 0, 50));
        var reversed = await AsAdminAsync(factory, a => a.PageAsync(new AuditQuery(Action: action, From: day, To: day.AddDays(-1)), 0, 50));

        Assert.Equal(3, byDay.Total);
        Assert.Equal(2, byUser.Total);
        Assert.All(byUser.Rows, r => Assert.Equal("Morgan Manager", r.UserName));
        Assert.Equal(2, byRecord.Total);
        Assert.Empty(reversed.Rows);
        Assert.Equal("To", Assert.Single(new AuditQuery(From: day, To: day.AddDays(-1)).Problems()).Field);

        // Names, not ids: the user acted on, and the command line's operator.
        Assert.Contains(byDay.Rows, r => r.Record == "User Alex Admin");
        Assert.Contains(byDay.Rows, r => r.UserName == "Command line (operator)");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Page_ServerPaging_GivesDisjointPagesNewestFirstWithTheTotal(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var start = DateTimeOffset.UtcNow.AddDays(-3);
        var action = await AddEventsAsync(factory, Enumerable.Range(0, 7)
            .Select(i => (start.AddMinutes(i), (string?)null, "cli:pager", (string?)"Denial", (string?)i.ToString(CultureInfo.InvariantCulture), (string?)null)).ToArray());

        var first = await AsAdminAsync(factory, a => a.PageAsync(new AuditQuery(Action: action), 0, 3));
        var third = await AsAdminAsync(factory, a => a.PageAsync(new AuditQuery(Action: action), 2, 3));

        Assert.Equal((7, 7), (first.Total, third.Total));
        Assert.Equal(["6", "5", "4"], first.Rows.Select(r => r.EntityId));
        Assert.Equal(["0"], third.Rows.Select(r => r.EntityId));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Export_FilteredTrail_IsAnRfc4180FileInUtcAndPracticeTime_DefusesFormulas_AndIsAudited(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var at = new DateTimeOffset(2026, 3, 2, 15, 4, 5, TimeSpan.Zero);
        var action = await AddEventsAsync(factory,
            (at, null, "cli:operator", "Denial", "9", "=HYPERLINK(\"x\"), note"),
            (at.AddMinutes(1), null, "cli:operator", "Denial", "10", "plain"));
        var before = await factory.CountAuditAsync("audit.export");

        var bytes = await AsAdminAsync(factory, a => a.ExportAsync(new AuditQuery(Action: action)));

        using var csv = CsvReader.FromText(System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF'),
            new CsvReaderOptions { HasHeader = false, FormatProvider = CultureInfo.InvariantCulture });
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i) ?? "").ToArray());
        }

        Assert.Equal(["time_utc", "time_practice", "user", "actor", "action", "record_type", "record_id", "record", "details", "ip_address", "break_glass"], rows[0]);
        Assert.Equal(3, rows.Count);
        Assert.Equal("2026-03-02T15:05:05Z", rows[1][0]);
        Assert.Equal("2026-03-02T15:04:05Z", rows[2][0]);
        Assert.Matches(@"^03/02/2026 \d{1,2}:04 (AM|PM) [A-Z]{2,5}$", rows[2][1]);
        Assert.StartsWith("'=", rows[2][8], StringComparison.Ordinal);
        Assert.Equal(before + 1, await factory.CountAuditAsync("audit.export"));
        var exported = await factory.WithDbAsync(d => d.AuditEvents.Where(e => e.Action == "audit.export").OrderByDescending(e => e.Id).FirstAsync());
        Assert.Equal(("filters=action rows=2", Acting.Admin), (exported.Details, exported.Actor));
    }

    [Theory]
    [InlineData("payer.update", "Payers: update")]
    [InlineData("auth.sign-in-failed", "Sign-in failed")]
    [InlineData("classification.override-create", "Classification: override create")]
    [InlineData("worklist.view", "Worklist: view")]
    public void ActionLabel_DottedCodes_ReadAsWords(string action, string label) =>
        Assert.Equal(label, AuditTrail.ActionLabel(action));
}
