using System.Globalization;
using AppealStudio.Core;
using AppealStudio.Core.Denials;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Lifecycle;
using AppealStudio.Data.Viability;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Denials;

/// <summary>The money a later 835 paid on a denial (issue 13's closed loop), as the denial page shows it.</summary>
/// <param name="Full">The whole denied amount came back.</param>
/// <param name="Amount">What the later remittances paid on it in total.</param>
/// <param name="On">The payment date of the remittance that paid.</param>
/// <param name="ImportId">The import of that remittance (a link to it), if it is still on file.</param>
/// <param name="FileName">The file of that remittance.</param>
/// <param name="WithoutAppeal">The payer paid with no appeal on file (reprocessing, a corrected claim, a late check).</param>
public sealed record RecoveryInfo(bool Full, decimal Amount, DateOnly? On, long? ImportId, string? FileName, bool WithoutAppeal);

/// <summary>The denial page's lifecycle panels: the ladder of appeal levels, the live priority, the viability warnings, the recovery.</summary>
/// <param name="Ladder">Every appeal level with its state and deadline.</param>
/// <param name="Priority">The priority evaluated for today, with its components.</param>
/// <param name="PriorityWords">The priority's components in words, one sentence each.</param>
/// <param name="Viability">The warnings and the acknowledgments on file.</param>
/// <param name="Recovery">What a later remittance paid; null when nothing came back.</param>
public sealed record DenialLifecycleDetails(
    AppealLadderResult Ladder,
    PriorityBreakdown Priority,
    IReadOnlyList<string> PriorityWords,
    ViabilityReport Viability,
    RecoveryInfo? Recovery);

/// <summary>
/// Reads what the lifecycle adds to one denial for the denial page, from the services that own each rule
/// (<see cref="AppealLevels"/>, <see cref="LivePriority"/>, <see cref="ViabilityService"/>): specialists, managers and
/// admins, like the page itself. The page's own read (<see cref="DenialDetailsService"/>) is the audited one.
/// </summary>
public sealed class DenialLifecycleView(AppDbContext db, AppealLevels levels, LivePriority priority, ViabilityService viability, ICurrentActor actor,
    TimeProvider clock)
{
    public async Task<DenialLifecycleDetails?> LoadAsync(long denialId, CancellationToken cancellationToken = default)
    {
        RoleGuard.Demand(actor, RoleGuard.WorkDenials, "The denial's lifecycle");
        var denial = await db.Denials.AsNoTracking().FirstOrDefaultAsync(d => d.Id == denialId, cancellationToken);
        if (denial is null)
        {
            return null;
        }

        var today = DenialWorkflow.Today(clock);
        var ladder = await levels.LadderAsync(denialId, today, cancellationToken);
        var report = await viability.ForDenialAsync(denialId, today, cancellationToken);
        if (ladder is null || report is null)
        {
            return null;
        }

        var breakdown = LivePriority.Evaluate(await priority.AssessorAsync(cancellationToken), denial, today);
        RecoveryInfo? recovery = null;
        if (denial.RecoveredByRemittance is { } amount && amount > 0m)
        {
            var file = denial.RecoveredByImportId is { } importId
                ? await db.RemittanceImports.AsNoTracking().Where(i => i.Id == importId).Select(i => i.FileName).FirstOrDefaultAsync(cancellationToken)
                : null;
            recovery = new RecoveryInfo(denial.RecoveryKind == Remittances.RemittanceRecoveries.Full, amount, denial.RecoveredOn,
                file is null ? null : denial.RecoveredByImportId, file, denial.RecoveredWithoutAppeal);
        }

        return new DenialLifecycleDetails(ladder, breakdown, Explain(breakdown, denial), report, recovery);
    }

    /// <summary>The priority's components as sentences a specialist reads: why this denial ranks where it does today.</summary>
    public static IReadOnlyList<string> Explain(PriorityBreakdown b, Denial denial)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(denial);
        var words = new List<string>
        {
            $"{Display.Money(b.Amount)} is at stake.",
            $"The chance of overturning it is {Display.Percent(b.Probability)}: a starting estimate of {Display.Percent(b.PriorMean)} ({b.PriorBasis}), " +
            $"moved by this practice's record for the payer and root cause ({Display.Count(b.ObservedWins, "win")}, {Display.Count(b.ObservedLosses, "loss")}).",
            $"Working it costs about {Display.Money(b.Cost)}, so the expected recovery is {Display.Money(b.ExpectedRecovery)}.",
        };
        if (b.Flags.HasFlag(PriorityFlags.NoActionNeeded))
        {
            words.Add("It is not being worked now (waiting on the payer, decided or written off), so it scores 0.");
        }
        else if (b.Flags.HasFlag(PriorityFlags.PastDeadline))
        {
            words.Add("The deadline has passed, so it scores 0: only a good-cause request is left.");
        }
        else if (b.Flags.HasFlag(PriorityFlags.NoDeadline))
        {
            words.Add("No deadline is known, so the urgency is neutral and it is listed after the denials with a deadline; find the payer's window.");
        }
        else if (b.DaysLeft is { } days)
        {
            words.Add($"With {Display.Count(days, "day")} left, the urgency multiplies it by {Display.Number(decimal.Round(b.UrgencyMultiplier, 2))}.");
        }

        if (b.Flags.HasFlag(PriorityFlags.WriteOffRecommended))
        {
            words.Add("The classification recommends a write-off, so it scores 0.");
        }

        if (b.Flags.HasFlag(PriorityFlags.NotWorthWorking))
        {
            words.Add("The expected recovery does not cover the cost of the work.");
        }

        if (b.Flags.HasFlag(PriorityFlags.NeedsReview))
        {
            words.Add("No reviewed rule decided its action: a person should read the codes and choose.");
        }

        words.Add($"Priority score today: {Display.Number(b.Score)}" + (denial.PriorityScore != b.Score ? $" (stored {Display.Number(denial.PriorityScore)}, recomputed nightly)." : "."));
        return words;
    }
}
