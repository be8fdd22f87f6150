using AppealStudio.Data.FeeSchedules;
using AppealStudio.Data.Identity;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Lifecycle;

public class FeeScheduleTests
{
    public static IEnumerable<object[]> Databases() => TestDatabases.All();

    private const string Header = "code,modifier,allowed,effective_from,effective_to\n";

    /// <summary>99213 charged 100, paid 60, patient coinsurance 10, contractual 30: nothing is denied without a schedule.</summary>
    private static ClaimSpec Visit(string pcn) =>
        new(pcn, "1", "C" + pcn, new Line("99213", 100m, 60m, new Cas("CO", "45", 30m), new Cas("PR", "2", 10m)));

    private static Task<(Data.Lifecycle.LifecycleResult Result, UnderpaymentReassessment? Reassessment)> UploadAsync(LifecycleHarness h, string payer, string csv) =>
        h.RunAsync(sp => sp.GetRequiredService<FeeScheduleStore>().ImportAsync(payer, "rates.csv", new StringReader(csv)));

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Upload_ReassessesEarlierClaims_AndTheNextImportFindsUnderpayments(TestDatabase database)
    {
        var h = await LifecycleHarness.ForAsync(database);
        h.Reset();
        var payer = Remit835.UniquePayer();
        var payerId = "ID" + payer[^8..];
        var first = Remit835.UniquePcn();
        await h.ImportAsync(new Remit835(payer, payerId, h.Clock.Today.AddDays(-20)).Add(Visit(first)).ToString());
        Assert.False(await h.WithDbAsync(db => db.Denials.AnyAsync(d => d.Claim.PatientControlNumber == first)));

        // Named by the payer id the 835 carries (REF*2U), lower-case: the match ignores case.
        var (result, reassessment) = await UploadAsync(h, payerId.ToLowerInvariant(), Header + "99213,,85.00,2026-01-01,\n99214,,120.00,2026-01-01,\n");

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal((1, 1, 0), (reassessment!.LinesChecked, reassessment.Added, reassessment.Updated));
        var found = await h.WithDbAsync(db => db.Denials.SingleAsync(d => d.Claim.PatientControlNumber == first));
        // Expected: 85 contracted - 10 patient share = 75; paid 60.
        Assert.Equal(("underpayment", 15m, 75m, 60m), (found.Kind, found.Amount, found.ExpectedAmount!.Value, found.PaidAmount!.Value));
        Assert.Equal("contractual", found.RootCause);
        Assert.NotNull(found.AppealDeadline);

        var second = Remit835.UniquePcn();
        await h.ImportAsync(new Remit835(payer, payerId, h.Clock.Today.AddDays(-2)).Add(Visit(second)).ToString());

        var imported = await h.WithDbAsync(db => db.Denials.SingleAsync(d => d.Claim.PatientControlNumber == second));
        Assert.Equal(("underpayment", 15m, 75m, 60m), (imported.Kind, imported.Amount, imported.ExpectedAmount!.Value, imported.PaidAmount!.Value));

        // Uploading again finds nothing new: the earlier underpayments are already there.
        var (_, again) = await UploadAsync(h, payer, Header + "99213,,85.00,2026-01-01,\n");
        Assert.Equal((2, 0, 0), (again!.LinesChecked, again.Added, again.Updated));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Upload_RateOutsideTheServiceDate_FindsNothing(TestDatabase database)
    {
        var h = await LifecycleHarness.ForAsync(database);
        h.Reset();
        var payer = Remit835.UniquePayer();
        var pcn = Remit835.UniquePcn();
        await h.ImportAsync(new Remit835(payer, "X1", h.Clock.Today.AddDays(-20)).Add(Visit(pcn)).ToString());

        var (_, reassessment) = await UploadAsync(h, payer, Header + "99213,,85.00,2027-01-01,\n");

        Assert.Equal(0, reassessment!.LinesChecked);
        Assert.False(await h.WithDbAsync(db => db.Denials.AnyAsync(d => d.Claim.PatientControlNumber == pcn)));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Upload_BadRows_SavesNothingAndListsEveryLine(TestDatabase database)
    {
        var h = await LifecycleHarness.ForAsync(database);
        h.Reset();
        var payer = Remit835.UniquePayer();

        var (result, reassessment) = await UploadAsync(h, payer, Header + "99213,,85.00,2026-01-01,\n99214,,abc,2026-01-01,\n99215,,90,01/02/2026,\n");

        Assert.False(result.Succeeded);
        Assert.Null(reassessment);
        Assert.Equal(2, result.Problems.Count);
        Assert.StartsWith("line 3:", result.Problems[0], StringComparison.Ordinal);
        Assert.StartsWith("line 4:", result.Problems[1], StringComparison.Ordinal);
        var key = payer.ToUpperInvariant();
        Assert.False(await h.WithDbAsync(db => db.FeeScheduleRates.AnyAsync(r => r.PayerKey == key)));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Upload_Specialist_IsRefused(TestDatabase database)
    {
        var h = await LifecycleHarness.ForAsync(database);
        h.Reset();
        h.ActAs("x", Roles.Specialist, Roles.Manager);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => UploadAsync(h, "ANY", Header + "99213,,85.00,2026-01-01,\n"));
        h.Reset();
    }
}
