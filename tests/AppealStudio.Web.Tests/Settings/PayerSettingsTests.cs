using AppealStudio.Data.Practice;
using AppealStudio.Web.Features.Settings;
using AppealStudio.Web.Features.Settings.Payers;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using AppealStudio.Data.Denials;

namespace AppealStudio.Web.Tests.Settings;

/// <summary>Settings &gt; Payers through the service the page's dialogs call, as an Admin, on every database.</summary>
public class PayerSettingsTests
{
    private static PayerDraft Draft(string name, string? payerId = null, int? firstLevel = 90, int? timelyFiling = null, string type = "Commercial",
        long? stamp = null) =>
        new(name, payerId, type, [], null, firstLevel, null, null, timelyFiling, 0, null, stamp);

    private static Task<T> AsAdminAsync<T>(AppFactory factory, Func<PayerAdministration, Task<T>> operation) =>
        Acting.RunAsync(factory, Acting.Admin, operation);

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task CreatePayer_BadValues_EveryReasonAtItsField_NothingSaved(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var name = SettingsTestData.Unique("BAD VALUES PLAN ");
        var before = await factory.WithDbAsync(d => d.PayerSettings.CountAsync());
        var input = new PayerInput
        {
            Name = name, Type = "Bogus", FirstLevelDays = "0", SecondLevelDays = "abc", TimelyFilingDays = "5000", ReceiptPresumptionDays = "-1",
        };

        // The form's own check (text that is not a number) and the service's, together, as the dialog shows them.
        var numberErrors = new List<FieldError>();
        var draft = input.ToDraft(numberErrors);
        var serviceErrors = await AsAdminAsync(factory, p => p.CheckAsync(draft, null));
        var result = await AsAdminAsync(factory, p => p.CreateAsync(draft));

        Assert.Equal("SecondLevelDays", Assert.Single(numberErrors).Field);
        Assert.Contains("second-level appeal window must be a whole number", numberErrors[0].Message, StringComparison.Ordinal);
        Assert.False(result.Succeeded);
        var byField = serviceErrors.ToDictionary(e => e.Field, e => e.Message);
        Assert.Contains("first-level appeal window is 1 to 3650 days", byField["FirstLevelDays"], StringComparison.Ordinal);
        Assert.Contains("Choose the payer type", byField["Type"], StringComparison.Ordinal);
        Assert.Contains("timely filing window is 1 to 3650 days", byField["TimelyFilingDays"], StringComparison.Ordinal);
        Assert.Contains("Receipt presumption is 0", byField["ReceiptPresumptionDays"], StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDbAsync(d => d.PayerSettings.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task CreatePayer_NameOrIdOfAnotherPayer_IsRefused_AndASecondCreateDoesNotDuplicate(TestDatabase db)
    {
        var factory = AppFactory.For(db);

        // "Aetna Inc." normalizes to the shipped Aetna's name; 87726 is UnitedHealthcare's payer id.
        var sameName = await AsAdminAsync(factory, p => p.CreateAsync(Draft("Aetna Inc.")));
        var name = SettingsTestData.Unique("CLICK TWICE PLAN ");
        var sameId = await AsAdminAsync(factory, p => p.CreateAsync(Draft(name, "87726")));
        var created = await AsAdminAsync(factory, p => p.CreateAsync(Draft(name)));
        var again = await AsAdminAsync(factory, p => p.CreateAsync(Draft(name)));

        Assert.Contains("already has this name", Assert.Single(sameName.Errors, e => e.Field == "Name").Message, StringComparison.Ordinal);
        Assert.Contains("87726 already belongs to \"UnitedHealthcare\"", Assert.Single(sameId.Errors, e => e.Field == "PayerIdentifier").Message,
            StringComparison.Ordinal);
        Assert.True(created.Succeeded);
        Assert.Contains("already has this name", Assert.Single(again.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(1, await factory.WithDbAsync(d => d.PayerSettings.CountAsync(p => p.Name == name)));
        var id = created.Id!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audit = await factory.WithDbAsync(d => d.AuditEvents.SingleAsync(e => e.Action == "payer.create" && e.EntityId == id));
        Assert.Equal(Acting.Admin, audit.Actor);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task EditPayer_FirstLevelWindowChanged_RecomputesOpenDenialsOnly(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var name = SettingsTestData.Unique("WINDOW TEST HEALTH ");
        var payerId = SettingsTestData.Unique("WT");

        // Created through the service, so the import that follows matches the new payer by its id.
        var created = await AsAdminAsync(factory, p => p.CreateAsync(Draft(name, payerId, firstLevel: 30, timelyFiling: 180)));
        Assert.True(created.Succeeded);
        var id = created.Id!.Value;

        // XS on the line makes CO-97 an appeal, whose deadline is the first-level window from the remittance date.
        var open = SettingsTestData.Unique("OPEN-");
        var closed = SettingsTestData.Unique("DONE-");
        var denials = await SettingsTestData.ImportAsync(factory, name, payerId,
            new TestClaim(open, "97", "N19", "XS"), new TestClaim(closed, "97", "N19", "XS"));
        Assert.Equal("appeal", denials[open].Action);
        Assert.Equal(SettingsTestData.RemittanceDate.AddDays(30), denials[open].AppealDeadline);
        Assert.False(denials[open].DeadlineIsDefault);
        await factory.WithDbAsync(d => d.Denials.Where(x => x.Id == denials[closed].Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, DenialStatus.Submitted)));

        var saved = await AsAdminAsync(factory, p => p.FindAsync(id));
        var result = await AsAdminAsync(factory, p => p.UpdateAsync(id, Draft(name, payerId, firstLevel: 90, timelyFiling: 180, stamp: saved!.UpdatedAt.UtcTicks)));

        Assert.True(result.Succeeded);
        Assert.Equal("1 open denial recomputed: 1 changed (1 new deadline).", SettingsForms.Describe(result.Reassessment, classification: false));
        var after = await SettingsTestData.DenialAsync(factory, denials[open].Id);
        Assert.Equal(SettingsTestData.RemittanceDate.AddDays(90), after.AppealDeadline);
        Assert.Contains("90 days", after.DeadlineBasis, StringComparison.Ordinal);
        Assert.Equal(denials[open].Version, after.Version);
        var untouched = await SettingsTestData.DenialAsync(factory, denials[closed].Id);
        Assert.Equal(SettingsTestData.RemittanceDate.AddDays(30), untouched.AppealDeadline);

        var entityId = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audit = await factory.WithDbAsync(d => d.AuditEvents.AsNoTracking().Where(e => e.Action == "payer.update" && e.EntityId == entityId).ToListAsync());
        Assert.Contains(audit, e => e.Details!.Contains("firstLevel=30->90", StringComparison.Ordinal));
        Assert.True(await factory.WithDbAsync(d => d.AuditEvents.AnyAsync(e => e.Action == "denial.reassess" && e.Details!.Contains("trigger=payer:" + entityId))));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task EditPayer_SomeoneSavedMeanwhile_StaleEditIsRefused(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var name = SettingsTestData.Unique("STALE PLAN ");
        var payerId = SettingsTestData.Unique("ST");
        var id = await SettingsTestData.AddPayerAsync(factory, name, payerId, 60, 90);
        var opened = (await AsAdminAsync(factory, p => p.FindAsync(id)))!.UpdatedAt.UtcTicks;

        var first = await AsAdminAsync(factory, p => p.UpdateAsync(id, Draft(name, payerId, firstLevel: 120, timelyFiling: 90, stamp: opened)));
        var stale = await AsAdminAsync(factory, p => p.UpdateAsync(id, Draft(name, payerId, firstLevel: 45, timelyFiling: 90, stamp: opened)));

        Assert.True(first.Succeeded);
        Assert.False(stale.Succeeded);
        Assert.Contains("since you opened it", Assert.Single(stale.Errors, e => e.Field == "").Message, StringComparison.Ordinal);
        Assert.Equal(120, await factory.WithDbAsync(d => d.PayerSettings.Where(p => p.Id == id).Select(p => p.FirstLevelDays).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task DeletePayer_ItsDenialsFallBackToTheFlaggedDefault_AndASecondDeleteIsNotFound(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var name = SettingsTestData.Unique("DELETE ME HEALTH ");
        var payerId = SettingsTestData.Unique("DM");
        var id = await SettingsTestData.AddPayerAsync(factory, name, payerId, 200, 300);
        var pcn = SettingsTestData.Unique("DEL-");
        var denial = (await SettingsTestData.ImportAsync(factory, name, payerId, new TestClaim(pcn, "97", "N19", "XS")))[pcn];
        Assert.Equal(SettingsTestData.RemittanceDate.AddDays(200), denial.AppealDeadline);

        // The confirmation dialog shows the overview's count of the payer's open denials.
        var overview = await AsAdminAsync(factory, p => p.OverviewAsync());
        Assert.Equal(1, overview.Payers.Single(p => p.Setting.Id == id).OpenDenials);

        var stamp = overview.Payers.Single(p => p.Setting.Id == id).Setting.UpdatedAt.UtcTicks;
        var result = await AsAdminAsync(factory, p => p.DeleteAsync(id, stamp));
        var again = await AsAdminAsync(factory, p => p.DeleteAsync(id, stamp));

        Assert.True(result.Succeeded);
        var after = await SettingsTestData.DenialAsync(factory, denial.Id);
        Assert.True(after.DeadlineIsDefault);
        Assert.Equal(SettingsTestData.RemittanceDate.AddDays(60), after.AppealDeadline);
        Assert.False(await factory.WithDbAsync(d => d.PayerSettings.AnyAsync(p => p.Id == id)));
        var entityId = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await factory.WithDbAsync(d => d.AuditEvents.AnyAsync(e => e.Action == "payer.delete" && e.EntityId == entityId)));
        Assert.True(again.NotFound);
        Assert.Null(await AsAdminAsync(factory, p => p.FindAsync(id)));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Overview_GivesTheConfiguredUnknownPayerDefaultAndTheUnmatchedPayers(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var stranger = SettingsTestData.Unique("NOBODY KNOWS MUTUAL ");
        var pcn = SettingsTestData.Unique("UNK-");
        var denial = (await SettingsTestData.ImportAsync(factory, stranger, SettingsTestData.Unique("NK"), new TestClaim(pcn, "97", "N19", "XS")))[pcn];
        Assert.True(denial.DeadlineIsDefault);

        var overview = await AsAdminAsync(factory, p => p.OverviewAsync());

        Assert.Equal((60, 90), (overview.UnknownPayerRule.FirstLevelDays, overview.UnknownPayerRule.TimelyFilingDays));
        Assert.Contains(overview.UnknownPayers, u => u.Name == stranger && u.OpenDenials == 1);
        Assert.NotEmpty(overview.Payers);
    }
}
