using AppealStudio.Data.Appeals;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Reports;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Lifecycle;

public class ClosingTheLoopTests
{
    public static IEnumerable<object[]> Databases() => TestDatabases.All();

    /// <summary>The first remittance: 29880-XS-LT denied CO-97 in full.</summary>
    private static async Task<(long DenialId, string Pcn, string Payer)> DeniedAsync(LifecycleHarness h, decimal charge = 612.40m)
    {
        var payer = Remit835.UniquePayer();
        var pcn = Remit835.UniquePcn();
        await h.ImportAsync(new Remit835(payer, "P1", h.Clock.Today.AddDays(-60)).Add(new ClaimSpec(pcn, "1", "ICN-" + pcn,
            new Line("29880", charge, 0m, new Cas("CO", "97", charge)) { Modifiers = ["XS", "LT"], Remarks = ["N19"] })).ToString());
        var id = await h.WithDbAsync(db => db.Denials.Where(d => d.Claim.PatientControlNumber == pcn).Select(d => d.Id).SingleAsync());
        return (id, pcn, payer);
    }

    /// <summary>An appeal on file: submitted 30 days ago (inserted as the workspace leaves it).</summary>
    private static async Task<long> SubmittedAppealAsync(LifecycleHarness h, long denialId) =>
        await h.WithDbAsync(async db =>
        {
            var denial = await db.Denials.SingleAsync(d => d.Id == denialId);
            denial.Status = DenialStatus.Submitted;
            var appeal = new Appeal
            {
                DenialId = denialId, TemplateId = "ortho-modifier-59", Status = AppealStatus.Submitted, Markdown = "letter", Version = 3,
                CreatedAt = h.Clock.Now, UpdatedAt = h.Clock.Now, Level = "first-level", Method = "portal", SubmittedOn = h.Clock.Today.AddDays(-30),
            };
            db.Appeals.Add(appeal);
            await db.SaveChangesAsync();
            return appeal.Id;
        });

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task ReversalAndCorrection_DecideTheSubmittedAppealAndRecordTheRecovery(TestDatabase database)
    {
        var h = await LifecycleHarness.ForAsync(database);
        h.Reset();
        var (denialId, pcn, payer) = await DeniedAsync(h);
        var appealId = await SubmittedAppealAsync(h, denialId);
        var paidOn = h.Clock.Today.AddDays(-3);

        // The payer reverses the original claim (CLP02 22, its claim number) and pays the corrected one (a new claim number).
        var summary = await h.ImportAsync(new Remit835(payer, "P1", paidOn)
            .Add(new ClaimSpec(pcn, "22", "ICN-" + pcn, new Line("29880", -612.40m, 0m, new Cas("CO", "97", -612.40m)) { Modifiers = ["XS", "LT"] }))
            .Add(new ClaimSpec(pcn, "1", "ICN2-" + pcn, new Line("29880", 612.40m, 500m, new Cas("CO", "45", 112.40m)) { Modifiers = ["XS", "LT"] }))
            .ToString());

        Assert.Equal((1, 1), (summary.RecoveredDenials, summary.RecoveredAppeals));
        var denial = await h.WithDbAsync(db => db.Denials.AsNoTracking().SingleAsync(d => d.Id == denialId));
        Assert.Equal((500m, "partial", paidOn, summary.ImportId), (denial.RecoveredByRemittance!.Value, denial.RecoveryKind!, denial.RecoveredOn!.Value, denial.RecoveredByImportId!.Value));
        Assert.False(denial.RecoveredWithoutAppeal);
        Assert.Equal(DenialStatus.Decided, denial.Status);
        var appeal = await h.WithDbAsync(db => db.Appeals.AsNoTracking().SingleAsync(a => a.Id == appealId));
        Assert.Equal((AppealStatus.Decided, AppealDecisions.PartiallyOverturned, 500m, paidOn),
            (appeal.Status, appeal.Decision!, appeal.AmountRecovered!.Value, appeal.DecidedOn!.Value));
        var events = await h.WithDbAsync(db => db.DenialEvents.Where(e => e.DenialId == denialId).Select(e => e.Text).ToListAsync());
        Assert.Contains(events, t => t!.StartsWith("Recovered in part: 500.00 paid by the remittance", StringComparison.Ordinal));
        Assert.True(await h.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "appeal.recovered" && e.EntityId == appealId.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task LaterCheck_WithoutAppeal_RecordsRecoveredWithoutAppealAndCountsInTheReport(TestDatabase database)
    {
        var h = await LifecycleHarness.ForAsync(database);
        h.Reset();
        var (partialId, partialPcn, payer) = await DeniedAsync(h);
        var (fullId, fullPcn, otherPayer) = await DeniedAsync(h, 200m);

        // A later check pays 300 on the first claim (same control and claim numbers): an additional payment.
        await h.ImportAsync(new Remit835(payer, "P1", h.Clock.Today.AddDays(-5))
            .Add(new ClaimSpec(partialPcn, "1", "ICN-" + partialPcn, new Line("29880", 0m, 300m) { Modifiers = ["XS", "LT"] })).ToString());
        // The other payer pays the second claim in full.
        await h.ImportAsync(new Remit835(otherPayer, "P1", h.Clock.Today.AddDays(-4))
            .Add(new ClaimSpec(fullPcn, "1", "ICN-" + fullPcn, new Line("29880", 0m, 200m) { Modifiers = ["XS", "LT"] })).ToString());

        var partial = await h.WithDbAsync(db => db.Denials.AsNoTracking().SingleAsync(d => d.Id == partialId));
        var full = await h.WithDbAsync(db => db.Denials.AsNoTracking().SingleAsync(d => d.Id == fullId));
        Assert.Equal((300m, "partial", true, DenialStatus.New), (partial.RecoveredByRemittance!.Value, partial.RecoveryKind!, partial.RecoveredWithoutAppeal, partial.Status));
        Assert.Equal((200m, "full", true, DenialStatus.Decided), (full.RecoveredByRemittance!.Value, full.RecoveryKind!, full.RecoveredWithoutAppeal, full.Status));

        var totals = await h.RunAsync(sp => sp.GetRequiredService<LifecycleReport>().GetAsync(new ReportFilter(h.Clock.Today.AddDays(-90), h.Clock.Today, payer)));
        Assert.Equal((1, 300m, 0), (totals.RecoveredWithoutAppeal, totals.RecoveredWithoutAppealAmount, totals.RecoveredWithAppeal));
        Assert.Equal(55d, totals.AverageDaysToRecovery);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task SameControlNumber_OtherPayer_RecoversNothing(TestDatabase database)
    {
        var h = await LifecycleHarness.ForAsync(database);
        h.Reset();
        var (denialId, pcn, _) = await DeniedAsync(h);

        await h.ImportAsync(new Remit835(Remit835.UniquePayer(), "OTHER", h.Clock.Today.AddDays(-5))
            .Add(new ClaimSpec(pcn, "1", "ICN-" + pcn, new Line("29880", 612.40m, 612.40m) { Modifiers = ["XS", "LT"] })).ToString());

        var denial = await h.WithDbAsync(db => db.Denials.AsNoTracking().SingleAsync(d => d.Id == denialId));
        Assert.Null(denial.RecoveredByRemittance);
        Assert.Equal(DenialStatus.New, denial.Status);
    }
}
