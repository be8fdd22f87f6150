using AppealStudio.Core.Denials;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Identity;
using AppealStudio.Data.Viability;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Lifecycle;

/// <summary>What the start form reads before a letter starts: the warnings to acknowledge and the next level on offer.</summary>
public class AppealStartOptionsTests
{
    public static IEnumerable<object[]> Databases() => TestDatabases.All();

    private static async Task<long> BundledKneeAsync(LifecycleHarness h)
    {
        var pcn = Remit835.UniquePcn();
        await h.ImportAsync(new Remit835(Remit835.UniquePayer(), "U4", h.Clock.Today.AddDays(-10)).Add(new ClaimSpec(pcn, "1", "C" + pcn,
            new Line("29881", 2850m, 1420m, new Cas("CO", "45", 1430m)) { Modifiers = ["RT"] },
            new Line("29877", 900m, 0m, new Cas("CO", "97", 900m)) { Modifiers = ["59", "RT"], Remarks = ["N19"] })).ToString());
        return await h.WithDbAsync(db => db.Denials.Where(d => d.Claim.PatientControlNumber == pcn).Select(d => d.Id).SingleAsync());
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task OptionsAsync_WarningThenAcknowledged_MovesFromUnacknowledgedToAcknowledged(TestDatabase database)
    {
        var h = await LifecycleHarness.ForAsync(database);
        h.Reset();
        var denialId = await BundledKneeAsync(h);
        h.ActAs(await h.CreateUserAsync(Roles.Specialist), Roles.Specialist);

        var before = await h.RunAsync(sp => sp.GetRequiredService<AppealStart>().OptionsAsync(denialId));
        await h.RunAsync(sp => sp.GetRequiredService<AppealStart>().StartAsync(denialId, "ortho-modifier-59", LetterStartDetails.None, false,
            [ViabilityChecker.ColumnOneInclusion], "Going ahead: the chart says left knee."));
        var after = await h.RunAsync(sp => sp.GetRequiredService<AppealStart>().OptionsAsync(denialId));

        Assert.Equal(ViabilityChecker.ColumnOneInclusion, Assert.Single(before!.Unacknowledged).Code);
        Assert.Null(before.Offered);
        Assert.Empty(after!.Unacknowledged);
        Assert.Equal("Going ahead: the chart says left knee.", Assert.Single(after.Acknowledged).Note);
        h.Reset();
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task OptionsAsync_MissingDenial_IsNull_AndAPhysicianIsRefused(TestDatabase database)
    {
        var h = await LifecycleHarness.ForAsync(database);
        h.Reset();
        var denialId = await BundledKneeAsync(h);

        Assert.Null(await h.RunAsync(sp => sp.GetRequiredService<AppealStart>().OptionsAsync(long.MaxValue)));
        h.ActAs(await h.CreateUserAsync(Roles.Physician), Roles.Physician);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => h.RunAsync(sp => sp.GetRequiredService<AppealStart>().OptionsAsync(denialId)));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => h.RunAsync(sp => sp.GetRequiredService<AppealStart>().StartAsync(denialId, "ortho-modifier-59",
            LetterStartDetails.None, false, [ViabilityChecker.ColumnOneInclusion], null)));
        Assert.False(await h.WithDbAsync(db => db.ViabilityAcknowledgments.AnyAsync(a => a.DenialId == denialId)));
        h.Reset();
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task StartAsync_NoteTooLong_StartsNothingAndRecordsNothing(TestDatabase database)
    {
        var h = await LifecycleHarness.ForAsync(database);
        h.Reset();
        var denialId = await BundledKneeAsync(h);
        h.ActAs(await h.CreateUserAsync(Roles.Specialist), Roles.Specialist);

        var result = await h.RunAsync(sp => sp.GetRequiredService<AppealStart>().StartAsync(denialId, "ortho-modifier-59", LetterStartDetails.None, false,
            [ViabilityChecker.ColumnOneInclusion], new string('x', ViabilityService.MaxNoteLength + 1)));

        Assert.False(result.Appeal!.Succeeded);
        Assert.False(await h.WithDbAsync(db => db.Appeals.AnyAsync(a => a.DenialId == denialId)));
        Assert.False(await h.WithDbAsync(db => db.ViabilityAcknowledgments.AnyAsync(a => a.DenialId == denialId)));
        h.Reset();
    }
}
