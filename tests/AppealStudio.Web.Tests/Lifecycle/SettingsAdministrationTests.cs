using AppealStudio.Data.Assignment;
using AppealStudio.Data.Denials;
using AppealStudio.Data.FeeSchedules;
using AppealStudio.Data.Identity;
using AppealStudio.Data.Lifecycle;
using AppealStudio.Data.Viability;
using AppealStudio.Web.Tests.Denials;
using AppealStudio.Web.Tests.Infrastructure;
using AppealStudio.Web.Tests.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Lifecycle;

/// <summary>
/// The services behind Settings &gt; Fee schedules, Settings &gt; Viability data and the denial page's assignment dialog:
/// Managers read, Admins change, every change audited, a second click refused.
/// </summary>
public class SettingsAdministrationTests
{
    public static IEnumerable<object[]> Databases() => TestDatabases.All();

    private const string Header = "code,modifier,allowed,effective_from,effective_to\n";

    private static Task<(LifecycleResult Result, UnderpaymentReassessment? Reassessment)> UploadAsync(LifecycleHarness h, string payer, string csv, string name = "rates.csv") =>
        h.RunAsync(sp => sp.GetRequiredService<FeeScheduleStore>().ImportAsync(payer, name, new StringReader(csv)));

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task FeeSchedules_ListShowsDatesAndRows_ReplaceKeepsHistory_RetireTwiceSaysSo(TestDatabase database)
    {
        var h = await LifecycleHarness.ForAsync(database);
        h.Reset();
        var payer = Remit835.UniquePayer();
        await UploadAsync(h, payer, Header + "99213,,85.00,2026-01-01,2026-12-31\n99214,,120.00,2026-03-01,2026-12-31\n", "first.csv");
        var (replaced, _) = await UploadAsync(h, payer, Header + "99213,,88.00,2027-01-01,\n", "second.csv");

        var listed = Assert.Single(await h.RunAsync(sp => sp.GetRequiredService<FeeScheduleStore>().PayersAsync()), p => p.Payer == payer);
        var history = (await h.RunAsync(sp => sp.GetRequiredService<FeeScheduleStore>().HistoryAsync())).Where(e => e.Payer == payer).ToList();
        var retired = await h.RunAsync(sp => sp.GetRequiredService<FeeScheduleStore>().DeleteAsync(payer));
        var again = await h.RunAsync(sp => sp.GetRequiredService<FeeScheduleStore>().DeleteAsync(payer));

        Assert.True(replaced.Succeeded, replaced.Message);
        Assert.Equal(("second.csv", 1, new DateOnly(2027, 1, 1), (DateOnly?)null), (listed.FileName, listed.Rates, listed.EffectiveFrom!.Value, listed.EffectiveTo));
        Assert.Equal(["second.csv", "first.csv"], history.Select(e => e.FileName));
        Assert.NotNull(history[1].ReplacedAt);
        Assert.True(retired.Succeeded, retired.Message);
        Assert.True(again.NotFound);
        Assert.DoesNotContain(await h.RunAsync(sp => sp.GetRequiredService<FeeScheduleStore>().PayersAsync()), p => p.Payer == payer);
        Assert.True(await h.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "fees.delete" && e.Details!.Contains(payer))));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task FeeSchedules_Manager_ReadsButCannotUploadOrRetire(TestDatabase database)
    {
        var h = await LifecycleHarness.ForAsync(database);
        h.Reset();
        var payer = Remit835.UniquePayer();
        await UploadAsync(h, payer, Header + "99213,,85.00,2026-01-01,\n");
        h.ActAs("manager-1", Roles.Manager);

        var payers = await h.RunAsync(sp => sp.GetRequiredService<FeeScheduleStore>().PayersAsync());
        var rates = await h.RunAsync(sp => sp.GetRequiredService<FeeScheduleStore>().RatesAsync(payer));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => UploadAsync(h, payer, Header + "99213,,90.00,2026-01-01,\n"));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => h.RunAsync(sp => sp.GetRequiredService<FeeScheduleStore>().DeleteAsync(payer)));
        h.ActAs("specialist-1", Roles.Specialist);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => h.RunAsync(sp => sp.GetRequiredService<FeeScheduleStore>().PayersAsync()));

        Assert.Contains(payers, p => p.Payer == payer);
        Assert.Equal(85.00m, Assert.Single(rates).Allowed);
        h.Reset();
        Assert.Equal(85.00m, Assert.Single(await h.RunAsync(sp => sp.GetRequiredService<FeeScheduleStore>().RatesAsync(payer))).Allowed);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task PhysicalStatusUnits_SavedThenRemoved_BothAudited_AndTheManagerOnlyReads(TestDatabase database)
    {
        var h = await LifecycleHarness.CreateAsync(database, null);
        var payers = await h.RunAsync(sp => sp.GetRequiredService<ViabilityDataAdministration>().PayerNamesAsync());
        var payer = payers[0];
        var saved = await h.RunAsync(sp => sp.GetRequiredService<ViabilityDataAdministration>().SavePhysicalStatusUnitsAsync(
            new PhysicalStatusUnitsInput(payer, 0, 0, 1, 2, 3, 0, "Contract 2026")));
        var tooMany = await h.RunAsync(sp => sp.GetRequiredService<ViabilityDataAdministration>().SavePhysicalStatusUnitsAsync(
            new PhysicalStatusUnitsInput(payer, 0, 0, 1, 2, 30, 0, "Contract 2026")));
        var row = Assert.Single(await h.RunAsync(sp => sp.GetRequiredService<ViabilityDataAdministration>().PhysicalStatusRowsAsync()));
        h.ActAs("manager-1", Roles.Manager);
        Assert.Single(await h.RunAsync(sp => sp.GetRequiredService<ViabilityDataAdministration>().PhysicalStatusRowsAsync()));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => h.RunAsync(sp => sp.GetRequiredService<ViabilityDataAdministration>().DeletePhysicalStatusUnitsAsync(row.Id)));
        h.Reset();

        var removed = await h.RunAsync(sp => sp.GetRequiredService<ViabilityDataAdministration>().DeletePhysicalStatusUnitsAsync(row.Id));
        var twice = await h.RunAsync(sp => sp.GetRequiredService<ViabilityDataAdministration>().DeletePhysicalStatusUnitsAsync(row.Id));

        Assert.True(saved.Succeeded, saved.Message);
        Assert.False(tooMany.Succeeded);
        Assert.Equal(2m, row.P4);
        Assert.True(removed.Succeeded, removed.Message);
        Assert.True(twice.NotFound);
        Assert.Empty(await h.RunAsync(sp => sp.GetRequiredService<ViabilityDataAdministration>().PhysicalStatusRowsAsync()));
        Assert.Equal(["viability.p-units-deleted", "viability.p-units-saved"],
            await h.WithDbAsync(db => db.AuditEvents.Where(e => e.Action.StartsWith("viability.p-units")).OrderByDescending(e => e.Id).Select(e => e.Action).ToListAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Assignment_WithANote_ListsRoleMembersFirst_KeepsTheHistory_AndRefusesAStaleVersion(TestDatabase database)
    {
        // The web app's services (DenialWorkflow is registered by the web app and the CLI, not the lifecycle).
        var app = AppFactory.For(database);
        var denial = await new DenialBuilder(app).AddAsync(d => d.Owner = "clinician");
        var member = await app.WithDbAsync(db => db.Users.Where(u => u.Email == Acting.Specialist).Select(u => u.Id).SingleAsync());
        var other = await app.WithDbAsync(db => db.Users.Where(u => u.Email == Acting.Manager).Select(u => u.Id).SingleAsync());
        await Acting.RunAsync<OwnerAssignment, LifecycleResult>(app, Acting.Admin, o => o.AddMemberAsync("clinician", member));
        await Acting.RunAsync<OwnerAssignment, LifecycleResult>(app, Acting.Admin, o => o.RemoveMemberAsync("clinician", other));

        var options = (await Acting.RunAsync<DenialAssignmentView, DenialAssignmentOptions?>(app, Acting.Specialist, s => s.LoadAsync(denial.Id)))!;
        var assigned = await Acting.RunAsync<DenialWorkflow, WorkflowResult>(app, Acting.Manager, w => w.AssignAsync(denial.Id, options.Version, member, "Payer portal access needed"));
        // A second dialog opened before the first saved still holds the old version.
        var stale = await Acting.RunAsync<DenialWorkflow, WorkflowResult>(app, Acting.Manager, w => w.AssignAsync(denial.Id, options.Version, other, null));
        var after = (await Acting.RunAsync<DenialAssignmentView, DenialAssignmentOptions?>(app, Acting.Specialist, s => s.LoadAsync(denial.Id)))!;
        var same = await Acting.RunAsync<DenialWorkflow, WorkflowResult>(app, Acting.Manager, w => w.AssignAsync(denial.Id, after.Version, member, null));

        Assert.Contains(options.RoleMembers, u => u.Id == member);
        Assert.DoesNotContain(options.RoleMembers, u => u.Id == other);
        Assert.Contains(options.Others, u => u.Id == other);
        Assert.Null(options.AssigneeUserId);
        Assert.True(assigned.Succeeded, assigned.Message);
        Assert.Equal(WorkflowOutcome.Conflict, stale.Outcome);
        Assert.Equal(member, after.AssigneeUserId);
        Assert.Contains("Payer portal access needed", Assert.Single(after.History).Text, StringComparison.Ordinal);
        Assert.Equal(WorkflowOutcome.Invalid, same.Outcome);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "denial.assign" && e.EntityId == denial.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)
            && e.Details!.Contains("note=yes"))));
        Assert.Null(await Acting.RunAsync<DenialAssignmentView, DenialAssignmentOptions?>(app, Acting.Specialist, s => s.LoadAsync(-1)));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Acting.RunAsync<DenialAssignmentView, DenialAssignmentOptions?>(app, Acting.Physician, s => s.LoadAsync(denial.Id)));
    }
}
