using AppealStudio.Core.Analytics;
using AppealStudio.Core.Denials;
using AppealStudio.Data.Denials;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AppealStudio.Data.Reports;

/// <summary>Open denials in one bucket (of age or of days left to the appeal deadline).</summary>
public sealed record BucketRow(string Bucket, int Count, decimal Amount);

/// <summary>Open work of one owner role or one assignee, with its service-level breaches.</summary>
public sealed record WorkloadRow(string Key, string Name, int Open, decimal OpenAmount, int PastDue, int SoftSlaBreaches, int HardSlaBreaches);

public sealed record InventorySummary(
    IReadOnlyList<BucketRow> ByAge,
    IReadOnlyList<BucketRow> ByDeadline,
    IReadOnlyList<WorkloadRow> ByOwner,
    IReadOnlyList<WorkloadRow> ByAssignee,
    int SoftSlaBusinessDays,
    int HardSlaDays);

/// <summary>
/// Today's open denials (New, In progress, Awaiting sign-off, Ready): by age, by days left to the deadline, and by
/// owner role and assignee with SLA breaches. The date range of the filter does not apply (old open work is exactly
/// what this report must show); payer, provider and specialty do.
/// </summary>
public sealed class InventoryReport(AppDbContext db, TimeProvider clock, IOptions<ReportOptions> options)
{
    public static readonly IReadOnlyList<DenialStatus> OpenStatuses =
        [DenialStatus.New, DenialStatus.InProgress, DenialStatus.AwaitingSignOff, DenialStatus.Ready];

    /// <summary>Closed statuses for an SLA clock that stops once the appeal is filed.</summary>
    public static readonly IReadOnlyList<DenialStatus> FiledOrClosedStatuses =
        [DenialStatus.Submitted, DenialStatus.Decided, DenialStatus.WrittenOff];

    public const string Unassigned = "(unassigned)";

    /// <summary>The SLA thresholds in force (the page states them next to the figures).</summary>
    public ReportOptions Options => options.Value;

    public static readonly IReadOnlyList<string> AgeBuckets = ["0-30 days", "31-60 days", "61-90 days", "91-120 days", "over 120 days", "no remittance date"];

    public static readonly IReadOnlyList<string> DeadlineBuckets = ["past due", "0-7 days", "8-14 days", "15-30 days", "more than 30 days", "no deadline"];

    public async Task<InventorySummary> GetAsync(ReportFilter filter, CancellationToken cancellationToken = default) => new(
        await GetByAgeAsync(filter, cancellationToken),
        await GetByDeadlineAsync(filter, cancellationToken),
        await GetByOwnerAsync(filter, cancellationToken),
        await GetByAssigneeAsync(filter, cancellationToken),
        options.Value.SoftSlaBusinessDays,
        options.Value.HardSlaDays);

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private IQueryable<Denial> Open(ReportFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var open = OpenStatuses.ToList();
        return filter.ApplyDimensions(db.Denials).Where(d => open.Contains(d.Status));
    }

    /// <summary>Age = days since the remittance date (the day the 835 denied it).</summary>
    public async Task<IReadOnlyList<BucketRow>> GetByAgeAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        var today = Today;
        var d30 = today.AddDays(-30);
        var d60 = today.AddDays(-60);
        var d90 = today.AddDays(-90);
        var d120 = today.AddDays(-120);
        var rows = await Open(filter)
            .GroupBy(d => d.RemittanceDate == null ? 5
                : d.RemittanceDate >= d30 ? 0
                : d.RemittanceDate >= d60 ? 1
                : d.RemittanceDate >= d90 ? 2
                : d.RemittanceDate >= d120 ? 3
                : 4)
            .Select(g => new { Bucket = g.Key, Count = g.Count(), Amount = g.Sum(d => d.Amount) })
            .ToListAsync(cancellationToken);
        return AgeBuckets.Select((label, i) => rows.FirstOrDefault(r => r.Bucket == i) is { } r
            ? new BucketRow(label, r.Count, r.Amount)
            : new BucketRow(label, 0, 0m)).ToList();
    }

    /// <summary>Days left = appeal deadline − today; past due when negative.</summary>
    public async Task<IReadOnlyList<BucketRow>> GetByDeadlineAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        var today = Today;
        var d7 = today.AddDays(7);
        var d14 = today.AddDays(14);
        var d30 = today.AddDays(30);
        var rows = await Open(filter)
            .GroupBy(d => d.AppealDeadline == null ? 5
                : d.AppealDeadline < today ? 0
                : d.AppealDeadline <= d7 ? 1
                : d.AppealDeadline <= d14 ? 2
                : d.AppealDeadline <= d30 ? 3
                : 4)
            .Select(g => new { Bucket = g.Key, Count = g.Count(), Amount = g.Sum(d => d.Amount) })
            .ToListAsync(cancellationToken);
        return DeadlineBuckets.Select((label, i) => rows.FirstOrDefault(r => r.Bucket == i) is { } r
            ? new BucketRow(label, r.Count, r.Amount)
            : new BucketRow(label, 0, 0m)).ToList();
    }

    public async Task<IReadOnlyList<WorkloadRow>> GetByOwnerAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        var rows = await Workload(filter, d => d.Owner, cancellationToken);
        return rows.Select(r => r with { Name = r.Key }).ToList();
    }

    public async Task<IReadOnlyList<WorkloadRow>> GetByAssigneeAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        var rows = await Workload(filter, d => d.AssigneeUserId ?? "", cancellationToken);
        var ids = rows.Select(r => r.Key).Where(k => k.Length > 0).ToList();
        var names = await db.Users.Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Email })
            .ToDictionaryAsync(u => u.Id, u => string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? u.Id : u.DisplayName, cancellationToken);
        return rows.Select(r => r with
        {
            Name = r.Key.Length == 0 ? Unassigned : names.GetValueOrDefault(r.Key, r.Key),
        }).ToList();
    }

    /// <summary>
    /// Soft SLA: a soft denial still New after <see cref="ReportOptions.SoftSlaBusinessDays"/> business days from its
    /// import. Hard SLA: a hard denial whose recommended action is an appeal, not submitted
    /// <see cref="ReportOptions.HardSlaDays"/> days after its import. Both clocks start at <c>CreatedAt</c>.
    /// </summary>
    private async Task<List<WorkloadRow>> Workload(ReportFilter filter, System.Linq.Expressions.Expression<Func<Denial, string>> key,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var softCutoff = new DateTimeOffset(BusinessDays.Subtract(today, options.Value.SoftSlaBusinessDays).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var hardCutoff = now.ToUniversalTime().AddDays(-options.Value.HardSlaDays);
        var soft = Severity.Soft.ToCode();
        var hard = Severity.Hard.ToCode();
        var appeal = RecommendedAction.Appeal.ToCode();
        return await Open(filter)
            .GroupBy(key)
            .Select(g => new WorkloadRow(
                g.Key,
                g.Key,
                g.Count(),
                g.Sum(d => d.Amount),
                g.Sum(d => d.AppealDeadline < today ? 1 : 0),
                g.Sum(d => d.Severity == soft && d.Status == DenialStatus.New && d.CreatedAt < softCutoff ? 1 : 0),
                g.Sum(d => d.Severity == hard && d.Action == appeal && d.CreatedAt < hardCutoff ? 1 : 0)))
            .ToListAsync(cancellationToken);
    }
}
