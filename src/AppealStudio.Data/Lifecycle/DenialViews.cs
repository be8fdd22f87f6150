using AppealStudio.Core.Analytics;
using AppealStudio.Core.Denials;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Reports;

namespace AppealStudio.Data.Lifecycle;

/// <summary>
/// The lifecycle's views of the denials as query filters, for the worklist (which composes them with its own filters),
/// the CLI, the reminders and the reports. Every view is evaluated for a date (<c>today</c>, or the CLI's
/// <c>--as-of</c>), never frozen at import. All of them translate to SQL on SQLite and PostgreSQL.
/// </summary>
public static class DenialViews
{
    /// <summary>The keys and labels of the views, for a page's view switcher.</summary>
    public static readonly IReadOnlyList<(string Key, string Label)> All =
    [
        ("queue", "Work queue"),
        ("mine", "My work"),
        ("due-week", "Due this week"),
        ("follow-ups", "Follow-ups due"),
        ("sla", "SLA breaches"),
        ("expired", "Expired"),
    ];

    /// <summary>Days from today that "due this week" covers (today and the next six days).</summary>
    public const int DueThisWeekDays = 7;

    /// <summary>Still being worked here (not submitted, decided or written off).</summary>
    public static IQueryable<Denial> Open(this IQueryable<Denial> denials) =>
        denials.Where(d => d.Status != DenialStatus.Submitted && d.Status != DenialStatus.Decided && d.Status != DenialStatus.WrittenOff);

    /// <summary>
    /// The work queue: open denials whose deadline has not passed, or that have no known deadline (flagged and ranked
    /// by age, after every denial with one: see <see cref="ByPriority"/>). A denial past its last deadline leaves the
    /// queue for <see cref="Expired"/>.
    /// </summary>
    public static IQueryable<Denial> WorkQueue(this IQueryable<Denial> denials, DateOnly today) =>
        denials.Open().Where(d => d.AppealDeadline == null || d.AppealDeadline >= today);

    /// <summary>Open denials whose deadline passed: the amount is lost unless good cause applies.</summary>
    public static IQueryable<Denial> Expired(this IQueryable<Denial> denials, DateOnly today) =>
        denials.Open().Where(d => d.AppealDeadline < today);

    /// <summary>Open denials due from today to six days from now.</summary>
    public static IQueryable<Denial> DueThisWeek(this IQueryable<Denial> denials, DateOnly today)
    {
        var last = today.AddDays(DueThisWeekDays - 1);
        return denials.Open().Where(d => d.AppealDeadline >= today && d.AppealDeadline <= last);
    }

    /// <summary>The queue's work assigned to one person ("My work", the specialist's default view).</summary>
    public static IQueryable<Denial> MyWork(this IQueryable<Denial> denials, string? userId, DateOnly today) =>
        denials.WorkQueue(today).Where(d => userId != null && d.AssigneeUserId == userId);

    /// <summary>
    /// Denials whose submitted appeal reached its follow-up date with no decision (the payer owes an answer).
    /// <paramref name="appeals"/> is the context's <c>Appeals</c> set.
    /// </summary>
    public static IQueryable<Denial> FollowUpsDue(this IQueryable<Denial> denials, IQueryable<Appeal> appeals, DateOnly today) =>
        denials.Where(d => appeals.Any(a => a.DenialId == d.Id && a.Status == AppealStatus.Submitted && a.Decision == null
                                            && a.FollowUpOn != null && a.FollowUpOn <= today));

    /// <summary>
    /// Open denials past their service level, as the inventory report counts them: a soft denial still New
    /// <see cref="ReportOptions.SoftSlaBusinessDays"/> business days after import; a hard denial to appeal not
    /// submitted <see cref="ReportOptions.HardSlaDays"/> days after import.
    /// </summary>
    public static IQueryable<Denial> SlaBreaches(this IQueryable<Denial> denials, ReportOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (softCutoff, hardCutoff) = SlaCutoffs(options, now);
        var soft = Severity.Soft.ToCode();
        var hard = Severity.Hard.ToCode();
        var appeal = RecommendedAction.Appeal.ToCode();
        return denials.Open().Where(d =>
            (d.Severity == soft && d.Status == DenialStatus.New && d.CreatedAt < softCutoff) ||
            (d.Severity == hard && d.Action == appeal && d.CreatedAt < hardCutoff));
    }

    /// <summary>Denials created before the first cutoff breach the soft SLA (if still New); before the second, the hard one.</summary>
    public static (DateTimeOffset Soft, DateTimeOffset Hard) SlaCutoffs(ReportOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var soft = new DateTimeOffset(BusinessDays.Subtract(today, options.SoftSlaBusinessDays).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return (soft, now.ToUniversalTime().AddDays(-options.HardSlaDays));
    }

    /// <summary>
    /// The queue's order: denials with a known deadline first, by priority (highest first), the nearer deadline
    /// breaking ties; then the denials with no known deadline, oldest remittance first, so that they are never ranked
    /// above work that has a deadline. The id last, so paging is stable.
    /// </summary>
    public static IOrderedQueryable<Denial> ByPriority(this IQueryable<Denial> denials) =>
        denials.OrderBy(d => d.AppealDeadline == null)
            .ThenBy(d => d.AppealDeadline == null ? d.RemittanceDate : null)
            .ThenByDescending(d => d.PriorityScore)
            .ThenBy(d => d.AppealDeadline)
            .ThenBy(d => d.Id);

    /// <summary>One of <see cref="All"/> by key (unknown keys give the work queue).</summary>
    public static IQueryable<Denial> View(this IQueryable<Denial> denials, string key, IQueryable<Appeal> appeals, DateOnly today,
        DateTimeOffset now, ReportOptions options, string? userId) => key switch
    {
        "mine" => denials.MyWork(userId, today),
        "due-week" => denials.DueThisWeek(today),
        "follow-ups" => denials.FollowUpsDue(appeals, today),
        "sla" => denials.SlaBreaches(options, now),
        "expired" => denials.Expired(today),
        _ => denials.WorkQueue(today),
    };
}
