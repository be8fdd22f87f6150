using System.Globalization;
using AppealStudio.Core.Denials;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Viability;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Lifecycle;

/// <summary>How a later remittance recovered a denial.</summary>
public sealed record RemittanceRecovery(long ImportId, DateOnly? PaymentDate, string Kind, decimal Amount, bool WithoutAppeal);

/// <summary>One denial as <c>appealstudio denials list</c> prints it, evaluated for a date.</summary>
/// <param name="Status">The status code (new, in-progress, awaiting-sign-off, ready, submitted, decided, written-off), or
/// <c>expired</c> for an open denial whose deadline passed on the evaluation date.</param>
/// <param name="Level">The level of the denial's latest appeal (first-level ...), null without one.</param>
/// <param name="RecoveredAmount">Money recovered so far: by a later remittance, else by decided appeals.</param>
public sealed record DenialListItem(
    long Id,
    string PatientControlNumber,
    string? PayerClaimNumber,
    string Payer,
    string? ProcedureCode,
    string? BilledProcedureCode,
    string? GroupCode,
    string? ReasonCode,
    string Kind,
    decimal Amount,
    decimal? ExpectedAmount,
    decimal? PaidAmount,
    string Status,
    string? Assignee,
    string? Level,
    DateOnly? Deadline,
    int? DaysLeft,
    PriorityBreakdown Priority,
    decimal? RecoveredAmount,
    RemittanceRecovery? RecoveredByRemittance,
    IReadOnlyList<ViabilityWarning> Warnings);

/// <summary>
/// Every denial evaluated for a date (issue 13's <c>denials list</c>): status (expired once the deadline passed),
/// deadline and days left, the living priority with its components, recoveries and viability warnings, in the work
/// queue's order (deadline work by priority first, then work without a deadline by age). <c>--as-of</c> shows
/// tomorrow's queue today.
/// </summary>
public sealed class DenialListing(AppDbContext db, LivePriority live, ViabilityService viability, AuditLog audit, ICurrentActor actor)
{
    public const string Expired = "expired";
    public const string Open = "open";

    /// <summary>The values <c>--status</c> takes.</summary>
    public static readonly IReadOnlyList<string> StatusFilters =
        [Open, Expired, .. Enum.GetValues<DenialStatus>().Select(StatusCode)];

    public static string StatusCode(DenialStatus status) => status switch
    {
        DenialStatus.New => "new",
        DenialStatus.InProgress => "in-progress",
        DenialStatus.AwaitingSignOff => "awaiting-sign-off",
        DenialStatus.Ready => "ready",
        DenialStatus.Submitted => "submitted",
        DenialStatus.Decided => "decided",
        DenialStatus.WrittenOff => "written-off",
    };

    /// <param name="status">One of <see cref="StatusFilters"/>, or null for every denial.</param>
    /// <param name="asOf">The date status, deadline, days left and priority are evaluated for.</param>
    public async Task<IReadOnlyList<DenialListItem>> ListAsync(string? status, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        RoleGuard.Demand(actor, RoleGuard.WorkDenials, "The denial list");
        if (status is not null && !StatusFilters.Contains(status, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Unknown status '{status}'; use one of {string.Join(", ", StatusFilters)}.", nameof(status));
        }

        var query = db.Denials.AsNoTracking();
        var stored = Enum.GetValues<DenialStatus>().FirstOrDefault(s => StatusCode(s) == status);
        query = status switch
        {
            null => query,
            Open => query.Open(),
            Expired => query.Expired(asOf),
            _ => query.Where(d => d.Status == stored),
        };
        var denials = await query.Include(d => d.Claim).Include(d => d.ServiceLine).OrderBy(d => d.Id).AsSplitQuery().ToListAsync(cancellationToken);
        if (status is not null && status != Expired && status != Open)
        {
            // A stored status filter asks for that status; an open one past its deadline on the date is "expired" instead.
            denials = denials.Where(d => !IsExpired(d, asOf)).ToList();
        }

        var ids = denials.Select(d => d.Id).ToList();
        var appeals = (await db.Appeals.AsNoTracking().Where(a => ids.Contains(a.DenialId))
                .Select(a => new { a.Id, a.DenialId, a.Level, a.Decision, a.AmountRecovered }).ToListAsync(cancellationToken))
            .ToLookup(a => a.DenialId);
        var userIds = denials.Select(d => d.AssigneeUserId).Where(u => u is not null).Distinct().ToList();
        var emails = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, cancellationToken);
        var warnings = await viability.WarningsAsync(ids, asOf, cancellationToken);
        var assessor = await live.AssessorAsync(cancellationToken);

        var items = denials.Select(d =>
        {
            var mine = appeals[d.Id].OrderBy(a => a.Id).ToList();
            var fromAppeals = mine.Where(a => a.Decision != null).Sum(a => a.AmountRecovered ?? 0m);
            var recovery = d.RecoveredByRemittance is { } amount
                ? new RemittanceRecovery(d.RecoveredByImportId ?? 0, d.RecoveredOn, d.RecoveryKind ?? "", amount, d.RecoveredWithoutAppeal)
                : null;
            return new DenialListItem(
                d.Id,
                d.Claim.PatientControlNumber,
                d.Claim.PayerClaimNumber,
                d.PayerName,
                d.ProcedureCode,
                d.ServiceLine?.SubmittedProcedureCode ?? d.ServiceLine?.ProcedureCode,
                d.GroupCode,
                d.ReasonCode,
                d.Kind,
                d.Amount,
                d.ExpectedAmount,
                d.PaidAmount,
                IsExpired(d, asOf) ? Expired : StatusCode(d.Status),
                d.AssigneeUserId is { } user ? emails.GetValueOrDefault(user, user) : null,
                mine.LastOrDefault()?.Level,
                d.AppealDeadline,
                d.AppealDeadline is { } due ? due.DayNumber - asOf.DayNumber : null,
                LivePriority.Evaluate(assessor, d, asOf),
                recovery?.Amount ?? (fromAppeals > 0m ? fromAppeals : null),
                recovery,
                warnings.GetValueOrDefault(d.Id) ?? []);
        }).ToList();

        // The queue's order (DenialViews.ByPriority), on the scores of the evaluation date.
        var remitted = denials.ToDictionary(d => d.Id, d => d.RemittanceDate);
        var ordered = items.OrderBy(i => i.Deadline is null)
            .ThenBy(i => i.Deadline is null ? remitted[i.Id] : null)
            .ThenByDescending(i => i.Priority.Score)
            .ThenBy(i => i.Deadline)
            .ThenBy(i => i.Id)
            .ToList();
        await audit.RecordViewAsync("denial.list", "Denial", null,
            string.Create(CultureInfo.InvariantCulture, $"count={ordered.Count} status={status ?? "all"} as-of={Core.Invariant.Date(asOf)}"), cancellationToken);
        return ordered;
    }

    private static bool IsExpired(Denial d, DateOnly asOf) => DenialWorkflow.IsOpen(d.Status) && d.AppealDeadline < asOf;
}
