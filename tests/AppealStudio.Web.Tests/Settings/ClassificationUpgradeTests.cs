using AppealStudio.Cli;
using AppealStudio.Core.Denials;
using AppealStudio.Data;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Practice;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Settings;

/// <summary>
/// Stored denials follow the shipped rules across an upgrade: start-up and <c>appealstudio db migrate</c> re-assess the
/// open denials when the rules version recorded in the database is not the one that ships. Each test has a database of
/// its own, because a re-assessment touches every open denial.
/// </summary>
public class ClassificationUpgradeTests
{
    private const string OldVersion = "2026.11-before-liability";

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task StartUp_RulesVersionChanged_ReassessesOpenDenials_KeepsHandAndClosed(TestDatabase db)
    {
        using var factory = new AppFactory(db);
        _ = factory.Services; // start-up migrates, seeds the demo data and records the rules version
        Assert.Equal(AssessmentRules.Current, await RecordedAsync(factory));

        var payer = SettingsTestData.Unique("UPGRADE CARE ");
        var denials = await SettingsTestData.ImportAsync(factory, payer, SettingsTestData.Unique("UP"),
            new TestClaim("DUP", "18"), new TestClaim("HAND", "18"), new TestClaim("CLOSED", "18"), new TestClaim("PKG", "234", "M15", "XS", "11042"));
        Assert.Equal(("none", "provider"), (denials["DUP"].Action, denials["DUP"].Liability));
        Assert.Equal("write-off", denials["PKG"].Action);

        await SimulateTheOldReleaseAsync(factory, denials["DUP"].Id, denials["HAND"].Id, denials["CLOSED"].Id, denials["PKG"].Id);

        UpgradeResult? upgrade;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
            await initializer.MigrateAsync();
            upgrade = initializer.Upgrade;
        }

        Assert.NotNull(upgrade);
        Assert.True(upgrade.Reassessed);
        Assert.Equal(OldVersion, upgrade.PreviousVersion);
        Assert.True(upgrade.Reassessment.Examined >= 3, $"examined {upgrade.Reassessment.Examined}");
        Assert.True(upgrade.Reassessment.Reclassified >= 2);
        Assert.True(upgrade.Reassessment.HandOverriddenKept >= 1);

        var dup = await SettingsTestData.DenialAsync(factory, denials["DUP"].Id);
        Assert.Equal(("soft", "none", "provider", "*-18"), (dup.Severity, dup.Action, dup.Liability, dup.RuleId));
        Assert.StartsWith("Owed by: the practice", dup.Explanation, StringComparison.Ordinal);
        Assert.NotNull(dup.AppealDeadline);

        var pkg = await SettingsTestData.DenialAsync(factory, denials["PKG"].Id);
        Assert.Equal(("hard", "write-off", "provider"), (pkg.Severity, pkg.Action, pkg.Liability));

        // A specialist's classification stays; only the liability the group code gives is filled in.
        var hand = await SettingsTestData.DenialAsync(factory, denials["HAND"].Id);
        Assert.Equal(("override: checked the original claim", "appeal", "provider"), (hand.RuleId, hand.Action, hand.Liability));

        // A closed denial keeps what it was worked with.
        var closed = await SettingsTestData.DenialAsync(factory, denials["CLOSED"].Id);
        Assert.Equal(("write-off", null, DenialStatus.WrittenOff), (closed.Action, closed.Liability, closed.Status));

        Assert.Equal(AssessmentRules.Current, await RecordedAsync(factory));
        var audit = await factory.WithDbAsync(d => d.AuditEvents.AsNoTracking()
            .Where(e => e.Action == "denial.reassess" && e.Actor == ClassificationUpgrade.SystemActor).ToListAsync());
        Assert.Contains(audit, e => e.Details!.Contains($"trigger=rules-version:{OldVersion}->{AssessmentRules.Current}", StringComparison.Ordinal));

        // Nothing changed since: the next start does no work.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var again = await scope.ServiceProvider.GetRequiredService<ClassificationUpgrade>().ApplyAsync();
            Assert.False(again.Reassessed);
            Assert.Equal(ReassessmentResult.None, again.Reassessment);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task DbMigrate_RulesVersionChanged_ReassessesAndSaysSo(TestDatabase db)
    {
        using var factory = new AppFactory(db);
        _ = factory.Services;
        var denials = await SettingsTestData.ImportAsync(factory, SettingsTestData.Unique("MIGRATE CARE "), SettingsTestData.Unique("MG"),
            new TestClaim("DUP", "18"));
        var id = denials["DUP"].Id;
        await factory.WithDbAsync(d => d.Denials.Where(x => x.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Action, "write-off").SetProperty(x => x.Severity, "hard").SetProperty(x => x.Liability, (string?)null)));
        await SetRecordedAsync(factory, OldVersion);

        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(["db", "migrate"], new StringReader(""), output, error, new Dictionary<string, string?>
        {
            ["Database:Provider"] = factory.Provider,
            ["Database:ConnectionString"] = factory.ConnectionString,
        });

        Assert.True(code == 0, error.ToString());
        Assert.Contains("Classification rules changed", output.ToString(), StringComparison.Ordinal);
        Assert.Matches(@"re-assessed \d+ open denials, \d+ changed", output.ToString());
        var after = await SettingsTestData.DenialAsync(factory, id);
        Assert.Equal(("none", "provider"), (after.Action, after.Liability));
        Assert.Equal(AssessmentRules.Current, await RecordedAsync(factory));

        using var quiet = new StringWriter();
        await CliApp.RunAsync(["db", "migrate"], new StringReader(""), quiet, error, new Dictionary<string, string?>
        {
            ["Database:Provider"] = factory.Provider,
            ["Database:ConnectionString"] = factory.ConnectionString,
        });
        Assert.DoesNotContain("Classification rules changed", quiet.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Override_ThatOutranksShippedRows_SaysSo_AndKeepsItsLiability(TestDatabase db)
    {
        using var factory = new AppFactory(db);
        _ = factory.Services;
        await using var scope = await ActingAs.ScopeAsync(factory, "admin@demo.local");
        var admin = scope.ServiceProvider.GetRequiredService<ClassificationAdministration>();

        // A group-blind row with a modifier condition outranks every CO-16 row without one.
        var broad = await admin.CreateAsync(Draft("*", "16", null, "GP", "patient"));
        Assert.True(broad.Succeeded, string.Join("; ", broad.Errors.Select(e => e.Message)));
        var notice = Assert.Single(broad.Notices);
        Assert.Contains("takes precedence over", notice, StringComparison.Ordinal);
        Assert.Contains("*-16 + M51", notice, StringComparison.Ordinal);
        Assert.Equal("patient", await factory.WithDbAsync(d => d.ClassificationOverrides.Where(o => o.Id == broad.Id).Select(o => o.Liability).SingleAsync()));
        var effective = await admin.EffectiveAsync();
        Assert.Contains(effective.Rows, r => r.IsOverride && r.Rule.Liability == Liability.Patient && r.Rule.Carc == "16");

        // Same key as a shipped row: it replaces that row, and says so before and after saving.
        var sameKey = Draft("*", "97", null, null, null);
        Assert.Contains(await admin.PreviewNoticesAsync(sameKey, null), n => n.Contains("replaces the shipped rule *-97", StringComparison.Ordinal));
        var replaced = await admin.CreateAsync(sameKey);
        Assert.Contains(replaced.Notices, n => n.Contains("replaces the shipped rule *-97", StringComparison.Ordinal));

        // A narrow row for a made-up code outranks nothing.
        var narrow = await admin.CreateAsync(Draft("CO", "Z" + SettingsTestData.Unique("")[..5], null, null, null));
        Assert.True(narrow.Succeeded);
        Assert.Empty(narrow.Notices);

        var bad = await admin.CreateAsync(Draft("*", "Z" + SettingsTestData.Unique("")[..5], null, null, "medicaid"));
        Assert.False(bad.Succeeded);
        Assert.Contains(bad.Errors, e => e.Field == "Liability" && e.Message.Contains("other-payer", StringComparison.Ordinal));
    }

    private static OverrideDraft Draft(string group, string carc, string? rarc, string? modifiers, string? liability) =>
        new(group, carc, rarc, modifiers, "hard", "write-off", "technical", "coding", "coder",
            "Practice rule for the test.", "Testing the override notices.", Liability: liability);

    private static async Task SimulateTheOldReleaseAsync(AppFactory factory, long dup, long hand, long closed, long pkg)
    {
        // What the previous release stored: duplicates written off blind, packaged lines with a modifier appealed, no liability.
        await factory.WithDbAsync(d => d.Denials.Where(x => x.Id == dup || x.Id == closed).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Severity, "hard").SetProperty(x => x.Action, "write-off").SetProperty(x => x.Liability, (string?)null)));
        await factory.WithDbAsync(d => d.Denials.Where(x => x.Id == pkg).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Action, "appeal").SetProperty(x => x.RuleId, "*-234 + modifier XS present").SetProperty(x => x.Liability, (string?)null)));
        await factory.WithDbAsync(d => d.Denials.Where(x => x.Id == hand).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.Action, "appeal").SetProperty(x => x.RuleId, "override: checked the original claim").SetProperty(x => x.Liability, (string?)null)));
        await factory.WithDbAsync(d => d.Denials.Where(x => x.Id == closed).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, DenialStatus.WrittenOff)));
        await SetRecordedAsync(factory, OldVersion);
    }

    private static Task<string?> RecordedAsync(AppFactory factory) =>
        factory.WithDbAsync(d => d.SystemSettings.AsNoTracking().Where(s => s.Key == ClassificationUpgrade.VersionKey).Select(s => s.Value).SingleOrDefaultAsync());

    private static Task<int> SetRecordedAsync(AppFactory factory, string version) =>
        factory.WithDbAsync(d => d.SystemSettings.Where(s => s.Key == ClassificationUpgrade.VersionKey)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Value, version)));
}
