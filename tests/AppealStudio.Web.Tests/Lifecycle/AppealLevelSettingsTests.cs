using AppealStudio.Core.Denials;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Identity;
using AppealStudio.Data.Lifecycle;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Lifecycle;

/// <summary>Settings &gt; Appeal levels through its service: validation, history, concurrency, roles, deadlines that follow.</summary>
public class AppealLevelSettingsTests
{
    public static IEnumerable<object[]> Databases() => TestDatabases.All();

    private static AppealLevelRuleInput Row(string level = "council-review", int? window = 60, DateOnly? from = null, DateOnly? to = null, string? payer = null,
        string source = "Test source") =>
        new("medicare", payer, level, window, null, null, from, to, source);

    private static Task<LifecycleResult> AddAsync(LifecycleHarness h, AppealLevelRuleInput input) =>
        h.RunAsync(sp => sp.GetRequiredService<AppealLevelSettings>().AddAsync(input));

    private static Task<AppealLevelRuleRow> ReadAsync(LifecycleHarness h, long id) =>
        h.WithDbAsync(db => db.AppealLevelRules.AsNoTracking().SingleAsync(r => r.Id == id));

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Add_OverlappingRangeForTheSameKey_IsRefusedAtTheDates_AndAnotherPayerIsNot(TestDatabase database)
    {
        var h = await LifecycleHarness.CreateAsync(database, null);
        var first = await AddAsync(h, Row(from: new DateOnly(2026, 1, 1), to: new DateOnly(2026, 12, 31)));

        var overlapping = await AddAsync(h, Row(from: new DateOnly(2026, 6, 1)));
        var after = await AddAsync(h, Row(from: new DateOnly(2027, 1, 1)));
        var otherPayer = await AddAsync(h, Row(from: new DateOnly(2026, 6, 1), payer: "Noridian"));

        Assert.True(first.Succeeded, first.Message);
        Assert.False(overlapping.Succeeded);
        Assert.Equal(nameof(AppealLevelRuleInput.EffectiveFrom), overlapping.Field);
        Assert.Contains("overlap", overlapping.Message, StringComparison.Ordinal);
        Assert.True(after.Succeeded, after.Message);
        Assert.True(otherPayer.Succeeded, otherPayer.Message);
        Assert.Equal(3, await h.WithDbAsync(db => db.AppealLevelRules.CountAsync()));
        Assert.Equal(3, await h.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "appeal-level.added")));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Add_BadFields_AreRefusedAtTheirField_AndNothingIsSaved(TestDatabase database)
    {
        var h = await LifecycleHarness.CreateAsync(database, null);

        var zero = await AddAsync(h, Row(window: 0));
        var backwards = await AddAsync(h, Row(from: new DateOnly(2026, 5, 1), to: new DateOnly(2026, 4, 1)));
        var noSource = await AddAsync(h, Row(source: " "));
        var firstLevelWindow = await AddAsync(h, Row(level: "first-level", window: 90));
        var reopening = await AddAsync(h, Row(level: "reopening"));
        var badType = await AddAsync(h, Row() with { PayerType = "cash" });

        Assert.Equal(
            [nameof(AppealLevelRuleInput.WindowDays), nameof(AppealLevelRuleInput.EffectiveTo), nameof(AppealLevelRuleInput.Source),
             nameof(AppealLevelRuleInput.WindowDays), nameof(AppealLevelRuleInput.Level), nameof(AppealLevelRuleInput.PayerType)],
            new[] { zero, backwards, noSource, firstLevelWindow, reopening, badType }.Select(r => r.Field));
        Assert.Contains("Settings > Payers", firstLevelWindow.Message, StringComparison.Ordinal);
        Assert.Equal(0, await h.WithDbAsync(db => db.AppealLevelRules.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Update_RowInUse_KeepsItsNumbers_ButItsSourceAndEndChange(TestDatabase database)
    {
        var h = await LifecycleHarness.CreateAsync(database, null);
        var added = await AddAsync(h, Row(from: h.Clock.Today.AddDays(-30)));
        var row = await ReadAsync(h, added.Id!.Value);

        var rewrite = await h.RunAsync(sp => sp.GetRequiredService<AppealLevelSettings>().UpdateAsync(row.Id, row.UpdatedAt, Row(window: 30, from: row.EffectiveFrom)));
        var source = await h.RunAsync(sp => sp.GetRequiredService<AppealLevelSettings>().UpdateAsync(row.Id, row.UpdatedAt,
            Row(from: row.EffectiveFrom, source: "42 CFR 405.1102, corrected")));

        Assert.False(rewrite.Succeeded);
        Assert.Contains("in use", rewrite.Message, StringComparison.Ordinal);
        Assert.True(source.Succeeded, source.Message);
        var saved = await ReadAsync(h, row.Id);
        Assert.Equal((60, "42 CFR 405.1102, corrected"), (saved.WindowDays!.Value, saved.Source));
        Assert.True(await h.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "appeal-level.changed" && e.EntityId == row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Update_RowNotInUseYet_ChangesFreely_ButAStaleFormIsAConflict(TestDatabase database)
    {
        var h = await LifecycleHarness.CreateAsync(database, null);
        var added = await AddAsync(h, Row(from: h.Clock.Today.AddDays(30)));
        var row = await ReadAsync(h, added.Id!.Value);

        var first = await h.RunAsync(sp => sp.GetRequiredService<AppealLevelSettings>().UpdateAsync(row.Id, row.UpdatedAt, Row(window: 45, from: row.EffectiveFrom)));
        h.Clock.Now = h.Clock.Now.AddMinutes(1);
        // A second admin's form still holds the first version of the row.
        var stale = await h.RunAsync(sp => sp.GetRequiredService<AppealLevelSettings>().UpdateAsync(row.Id, row.UpdatedAt, Row(window: 90, from: row.EffectiveFrom)));

        Assert.True(first.Succeeded, first.Message);
        Assert.True(stale.Conflict);
        Assert.Equal(45, (await ReadAsync(h, row.Id)).WindowDays);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Delete_RowInUse_IsRefused_ButEndDatingKeepsItAsHistory_AndASecondClickSaysSo(TestDatabase database)
    {
        var h = await LifecycleHarness.CreateAsync(database, null);
        var inUse = await AddAsync(h, Row(from: h.Clock.Today.AddDays(-30)));
        var later = await AddAsync(h, Row(level: "judicial-review", from: h.Clock.Today.AddDays(30)));

        var refused = await h.RunAsync(sp => sp.GetRequiredService<AppealLevelSettings>().DeleteAsync((int)inUse.Id!.Value));
        var row = await ReadAsync(h, inUse.Id!.Value);
        var ended = await h.RunAsync(sp => sp.GetRequiredService<AppealLevelSettings>().EndAsync(row.Id, row.UpdatedAt, h.Clock.Today));
        var endedRow = await ReadAsync(h, row.Id);
        var again = await h.RunAsync(sp => sp.GetRequiredService<AppealLevelSettings>().EndAsync(row.Id, endedRow.UpdatedAt, h.Clock.Today));
        var deleted = await h.RunAsync(sp => sp.GetRequiredService<AppealLevelSettings>().DeleteAsync((int)later.Id!.Value));
        var deletedTwice = await h.RunAsync(sp => sp.GetRequiredService<AppealLevelSettings>().DeleteAsync((int)later.Id!.Value));

        Assert.False(refused.Succeeded);
        Assert.Contains("end-date it", refused.Message, StringComparison.Ordinal);
        Assert.True(ended.Succeeded, ended.Message);
        Assert.Equal(h.Clock.Today, endedRow.EffectiveTo);
        Assert.False(again.Succeeded);
        Assert.Contains("already ends", again.Message, StringComparison.Ordinal);
        Assert.True(deleted.Succeeded, deleted.Message);
        Assert.True(deletedTwice.NotFound);
        Assert.Equal([(int)inUse.Id!.Value], await h.WithDbAsync(db => db.AppealLevelRules.Select(r => r.Id).ToListAsync()));
        Assert.Equal(2, await h.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "appeal-level.ended" || e.Action == "appeal-level.deleted")));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Manager_ReadsTheRows_ButCannotChangeThem(TestDatabase database)
    {
        var h = await LifecycleHarness.CreateAsync(database, null);
        var added = await AddAsync(h, Row());
        h.ActAs("manager-1", Roles.Manager);

        var rows = await h.RunAsync(sp => sp.GetRequiredService<AppealLevelSettings>().RowsAsync());
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => AddAsync(h, Row(level: "judicial-review")));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => h.RunAsync(sp => sp.GetRequiredService<AppealLevelSettings>().DeleteAsync((int)added.Id!.Value)));
        h.ActAs("specialist-1", Roles.Specialist);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => h.RunAsync(sp => sp.GetRequiredService<AppealLevelSettings>().RowsAsync()));

        Assert.Equal(added.Id, Assert.Single(rows).Row.Id);
        Assert.True(Assert.Single(rows).InUse);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Change_MovesTheDeadlineOfAnOpenDenialAtALaterLevel_AndEndingItMovesItBack(TestDatabase database)
    {
        var h = await LifecycleHarness.CreateAsync(database, null);
        var pcn = Remit835.UniquePcn();
        await h.ImportAsync(new Remit835("MEDICARE PART B JURISDICTION " + pcn, "", h.Clock.Today.AddDays(-60))
            .Add(new ClaimSpec(pcn, "1", "C" + pcn, new Line("72148", 640m, 0m, new Cas("CO", "50", 640m)))).ToString());
        var denialId = await h.WithDbAsync(db => db.Denials.Where(d => d.Claim.PatientControlNumber == pcn).Select(d => d.Id).SingleAsync());
        var first = await h.RunAsync(sp => sp.GetRequiredService<StartAppeal>().StartAsync(denialId, "medical-necessity", LetterStartDetails.None, false));
        var decided = h.Clock.Today.AddDays(-2);
        await h.WithDbAsync(async db =>
        {
            var appeal = await db.Appeals.Include(a => a.Denial).SingleAsync(a => a.Id == first.AppealId);
            (appeal.Status, appeal.Level, appeal.Method, appeal.SubmittedOn, appeal.Decision, appeal.DecidedOn, appeal.AmountRecovered) =
                (AppealStatus.Decided, "first-level", "mail", h.Clock.Today.AddDays(-20), AppealDecisions.Upheld, decided, 0m);
            appeal.Denial.Status = DenialStatus.Decided;
            return await db.SaveChangesAsync();
        });
        await h.RunAsync(sp => sp.GetRequiredService<StartAppeal>().StartAsync(denialId, "medical-necessity", LetterStartDetails.None, false));
        Task<DateOnly?> DeadlineAsync() => h.WithDbAsync(db => db.Denials.Where(d => d.Id == denialId).Select(d => d.AppealDeadline).SingleAsync());
        Assert.Equal(decided.AddDays(5 + 180), await DeadlineAsync());

        var added = await AddAsync(h, Row(level: "second-level", window: 90, from: new DateOnly(2026, 1, 1), source: "Test: a shorter QIC window"));

        Assert.True(added.Succeeded, added.Message);
        Assert.Contains("1 open denial", added.Message, StringComparison.Ordinal);
        Assert.Equal(decided.AddDays(5 + 90), await DeadlineAsync());
        Assert.True(await h.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "appeal-level.deadlines-refreshed")));

        var row = await ReadAsync(h, added.Id!.Value);
        var ended = await h.RunAsync(sp => sp.GetRequiredService<AppealLevelSettings>().EndAsync(row.Id, row.UpdatedAt, decided.AddDays(-1)));

        Assert.True(ended.Succeeded, ended.Message);
        Assert.Equal(decided.AddDays(5 + 180), await DeadlineAsync());
        Assert.Equal(AppealLevel.SecondLevel, (await h.RunAsync(sp => sp.GetRequiredService<AppealLevels>().LadderAsync(denialId)))!.Current!.Level);
    }
}
