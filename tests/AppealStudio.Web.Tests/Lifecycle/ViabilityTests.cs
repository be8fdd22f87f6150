using System.Text;
using AppealStudio.Core.Denials;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Identity;
using AppealStudio.Data.Viability;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Lifecycle;

public class ViabilityTests
{
    public static IEnumerable<object[]> Databases() => TestDatabases.All();

    private static string ExtractPath => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Ncci", "ccipra-v321r0-f1.extract.txt");

    private static Task<NcciImportResult> LoadAsync(LifecycleHarness h, string name, string content) =>
        h.RunAsync(async sp =>
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
            return await sp.GetRequiredService<NcciImport>().ImportAsync(name, stream);
        });

    /// <summary>A claim whose 99213-25 was bundled (CO-97) into a same-day 20610, the pair the extract gives indicator 0.</summary>
    private static async Task<long> ImportBundledEmAsync(LifecycleHarness h)
    {
        var pcn = Remit835.UniquePcn();
        await h.ImportAsync(new Remit835(Remit835.UniquePayer(), "U3", h.Clock.Today.AddDays(-10)).Add(new ClaimSpec(pcn, "1", "C" + pcn,
            new Line("20610", 150m, 90m, new Cas("CO", "45", 60m)),
            new Line("99213", 120m, 0m, new Cas("CO", "97", 120m)) { Modifiers = ["25"], Remarks = ["M15"] })).ToString());
        return await h.WithDbAsync(db => db.Denials.Where(d => d.Claim.PatientControlNumber == pcn && d.ReasonCode == "97").Select(d => d.Id).SingleAsync());
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task NcciImport_CmsExtract_IndicatorZeroPairWarnsAndCitesTheFileVersion(TestDatabase database)
    {
        var h = await LifecycleHarness.CreateAsync(database, null);
        var denialId = await ImportBundledEmAsync(h);
        var before = await h.RunAsync(sp => sp.GetRequiredService<ViabilityService>().ForDenialAsync(denialId));
        Assert.DoesNotContain(before!.Warnings, w => w.Code == ViabilityChecker.NcciIndicatorZero);

        var result = await LoadAsync(h, "ccipra-v321r0-f1.txt", await File.ReadAllTextAsync(ExtractPath));

        Assert.True(result.Saved);
        Assert.Equal(4, result.Edits);
        Assert.Equal("v321r0", result.Version);
        var after = await h.RunAsync(sp => sp.GetRequiredService<ViabilityService>().ForDenialAsync(denialId));
        var warning = Assert.Single(after!.Warnings, w => w.Code == ViabilityChecker.NcciIndicatorZero);
        Assert.Contains("no modifier lets 99213 be paid with 20610", warning.Message, StringComparison.Ordinal);
        Assert.Contains("CMS NCCI PTP v321r0, ccipra-f1", warning.Source, StringComparison.Ordinal);
        Assert.Equal(1, await h.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "ncci.import")));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task NcciImport_SameFileAgain_NothingChanges_AndTheNextQuarterReplacesThePart(TestDatabase database)
    {
        var h = await LifecycleHarness.CreateAsync(database, null);
        var extract = await File.ReadAllTextAsync(ExtractPath);
        await LoadAsync(h, "ccipra-v321r0-f1.txt", extract);

        var again = await LoadAsync(h, "ccipra-v321r0-f1.txt", extract);
        var next = await LoadAsync(h, "ccipra-v322r0-f1.txt", extract.Replace("20200101\t*\t0", "20200101\t*\t1", StringComparison.Ordinal));

        Assert.True(again.AlreadyLoaded);
        Assert.Equal(["ccipra-v321r0-f1.txt"], next.ReplacedFiles);
        var edits = await h.WithDbAsync(db => db.NcciEdits.Where(e => e.Column2 == "99213").Select(e => e.ModifierIndicator).ToListAsync());
        Assert.Equal([1], edits);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task NcciImport_LineThatIsNotAnEdit_SavesNothingAndNamesTheLine(TestDatabase database)
    {
        var h = await LifecycleHarness.CreateAsync(database, null);
        var broken = (await File.ReadAllTextAsync(ExtractPath)).Replace("20240101\t20250101\t9", "20240101\t20250101\t7", StringComparison.Ordinal);

        var result = await LoadAsync(h, "ccipra-v321r0-f2.txt", broken);

        Assert.False(result.Saved);
        var error = Assert.Single(result.Errors);
        Assert.Equal(11, error.Line);
        Assert.Equal(0, await h.WithDbAsync(db => db.NcciEdits.CountAsync()));
        Assert.Equal(0, await h.WithDbAsync(db => db.NcciEditFiles.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task NcciImport_Specialist_IsRefused(TestDatabase database)
    {
        var h = await LifecycleHarness.ForAsync(database);
        h.Reset();
        h.ActAs("someone", Roles.Specialist);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => LoadAsync(h, "ccipra-v321r0-f1.txt", "x"));
        h.Reset();
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task StartLetter_WithUnacknowledgedWarning_IsRefusedUntilAcknowledged_AndTheAcknowledgmentNamesTheAppeal(TestDatabase database)
    {
        var h = await LifecycleHarness.ForAsync(database);
        h.Reset();
        var pcn = Remit835.UniquePcn();
        // 29877-59 bundled into 29881 on the same knee: included by definition (no NCCI file needed).
        await h.ImportAsync(new Remit835(Remit835.UniquePayer(), "U4", h.Clock.Today.AddDays(-10)).Add(new ClaimSpec(pcn, "1", "C" + pcn,
            new Line("29881", 2850m, 1420m, new Cas("CO", "45", 1430m)) { Modifiers = ["RT"] },
            new Line("29877", 900m, 0m, new Cas("CO", "97", 900m)) { Modifiers = ["59", "RT"], Remarks = ["N19"] })).ToString());
        var denialId = await h.WithDbAsync(db => db.Denials.Where(d => d.Claim.PatientControlNumber == pcn).Select(d => d.Id).SingleAsync());
        var userId = await h.CreateUserAsync(Roles.Specialist);
        h.ActAs(userId, Roles.Specialist);

        var refused = await h.RunAsync(sp => sp.GetRequiredService<AppealStart>().StartAsync(denialId, "ortho-modifier-59", LetterStartDetails.None, false, [], null));
        // No chart is linked here, so the letter's own record-support check would refuse too; this test is about the
        // lifecycle gate, so the specialist drafts anyway (allowUnsupported) once the warning is acknowledged.
        var started = await h.RunAsync(sp => sp.GetRequiredService<AppealStart>().StartAsync(denialId, "ortho-modifier-59", LetterStartDetails.None, false,
            [ViabilityChecker.ColumnOneInclusion], "Operative note shows the left knee; corrected claim pending.", allowUnsupported: true));

        Assert.True(refused.NeedsAcknowledgment);
        Assert.Equal(ViabilityChecker.ColumnOneInclusion, Assert.Single(refused.Unacknowledged).Code);
        Assert.Null(refused.Appeal);
        Assert.Equal(AppealOutcome.Done, started.Appeal!.Outcome);
        var acknowledgment = await h.WithDbAsync(db => db.ViabilityAcknowledgments.SingleAsync(a => a.DenialId == denialId));
        Assert.Equal((ViabilityChecker.ColumnOneInclusion, started.Appeal.AppealId, userId), (acknowledgment.Codes, acknowledgment.AppealId!.Value, acknowledgment.UserId!));
        Assert.True(await h.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "viability.acknowledge" && e.EntityId == denialId.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        h.Reset();
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task PracticeInclusionRow_SwitchesTheShippedRuleOff(TestDatabase database)
    {
        var h = await LifecycleHarness.CreateAsync(database, null);
        var pcn = Remit835.UniquePcn();
        await h.ImportAsync(new Remit835(Remit835.UniquePayer(), "U5", h.Clock.Today.AddDays(-10)).Add(new ClaimSpec(pcn, "1", "C" + pcn,
            new Line("29880", 2850m, 1420m, new Cas("CO", "45", 1430m)),
            new Line("G0289", 300m, 0m, new Cas("CO", "97", 300m)))).ToString());
        var denialId = await h.WithDbAsync(db => db.Denials.Where(d => d.Claim.PatientControlNumber == pcn).Select(d => d.Id).SingleAsync());
        Assert.Contains((await h.RunAsync(sp => sp.GetRequiredService<ViabilityService>().ForDenialAsync(denialId)))!.Warnings,
            w => w.Code == ViabilityChecker.ColumnOneInclusion);

        var saved = await h.RunAsync(sp => sp.GetRequiredService<ViabilityDataAdministration>().SaveInclusionAsync(
            new InclusionInput("29880", "G0289", null, true, false, "Our MAC pays G0289 for loose bodies here.", "MAC article")));

        Assert.True(saved.Succeeded, saved.Message);
        Assert.DoesNotContain((await h.RunAsync(sp => sp.GetRequiredService<ViabilityService>().ForDenialAsync(denialId)))!.Warnings,
            w => w.Code == ViabilityChecker.ColumnOneInclusion);
    }
}
