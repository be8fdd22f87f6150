using System.Linq.Expressions;
using AppealStudio.Core.Analytics;
using AppealStudio.Core.Denials;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Reports;
using Microsoft.EntityFrameworkCore.Query;

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

    /// <summary>
    /// Still being worked here (not submitted, decided or written off). The worklist's partial indexes (ADR 0110:
    /// IX_Denials_Worklist_Order, _AssigneeOrder and _Counts) have this condition as their WHERE
    /// (DenialConfiguration.OpenFilter): SQLite uses a partial index only when the query repeats the condition term
    /// for term, so change them together.
    /// </summary>
    public static readonly Expression<Func<Denial, bool>> IsOpen =
        d => d.Status != DenialStatus.Submitted && d.Status != DenialStatus.Decided && d.Status != DenialStatus.WrittenOff;

    /// <summary>Still being worked here (not submitted, decided or written off).</summary>
    public static IQueryable<Denial> Open(this IQueryable<Denial> denials) => denials.Where(IsOpen);

    /// <summary>
    /// The work queue: open denials whose deadline has not passed, or that have no known deadline (flagged and ranked
    /// by age, after every denial with one: see <see cref="ByPriority"/>). A denial past its last deadline leaves the
    /// queue for <see cref="Expired"/>.
    /// </summary>
    public static IQueryable<Denial> WorkQueue(this IQueryable<Denial> denials, DateOnly today) => denials.Where(OpenAnd(QueueDeadline(today)));

    private static Expression<Func<Denial, bool>> QueueDeadline(DateOnly today) => d => d.AppealDeadline == null || d.AppealDeadline >= today;

    /// <summary>Open denials whose deadline passed: the amount is lost unless good cause applies.</summary>
    public static IQueryable<Denial> Expired(this IQueryable<Denial> denials, DateOnly today) => denials.Where(OpenAnd(PastDeadline(today)));

    private static Expression<Func<Denial, bool>> PastDeadline(DateOnly today) => d => d.AppealDeadline < today;

    /// <summary>Open denials due from today to six days from now.</summary>
    public static IQueryable<Denial> DueThisWeek(this IQueryable<Denial> denials, DateOnly today) => denials.Where(OpenAnd(DueWithinWeek(today)));

    private static Expression<Func<Denial, bool>> DueWithinWeek(DateOnly today)
    {
        var last = today.AddDays(DueThisWeekDays - 1);
        return d => d.AppealDeadline >= today && d.AppealDeadline <= last;
    }

    /// <summary>The queue's work assigned to one person ("My work", the specialist's default view).</summary>
    public static IQueryable<Denial> MyWork(this IQueryable<Denial> denials, string? userId, DateOnly today) => denials.Where(OpenAnd(InMyWork(userId, today)));

    private static Expression<Func<Denial, bool>> InMyWork(string? userId, DateOnly today) =>
        d => (d.AppealDeadline == null || d.AppealDeadline >= today) && userId != null && d.AssigneeUserId == userId;

    /// <summary>
    /// Denials whose submitted appeal reached its follow-up date with no decision (the payer owes an answer).
    /// <paramref name="appeals"/> is the context's <c>Appeals</c> set.
    /// </summary>
    /// <remarks>
    /// Written as "id in (the appeals due)" rather than "exists an appeal": SQLite then reads the few appeals due from
    /// their partial index and looks their denials up by id, where EXISTS walked every denial (ADR 0110).
    /// </remarks>
    public static IQueryable<Denial> FollowUpsDue(this IQueryable<Denial> denials, IQueryable<Appeal> appeals, DateOnly today)
    {
        var due = appeals.Where(a => a.Status == AppealStatus.Submitted && a.Decision == null && a.FollowUpOn != null && a.FollowUpOn <= today)
            .Select(a => a.DenialId);
        return denials.Where(d => due.Contains(d.Id));
    }

    /// <summary>
    /// Open denials past their service level, as the inventory report counts them: a soft denial still New
    /// <see cref="ReportOptions.SoftSlaBusinessDays"/> business days after import; a hard denial to appeal not
    /// submitted <see cref="ReportOptions.HardSlaDays"/> days after import.
    /// </summary>
    public static IQueryable<Denial> SlaBreaches(this IQueryable<Denial> denials, ReportOptions options, DateTimeOffset now) =>
        denials.Where(OpenAnd(BreachesSla(options, now)));

    private static Expression<Func<Denial, bool>> BreachesSla(ReportOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (softCutoff, hardCutoff) = SlaCutoffs(options, now);
        var soft = Severity.Soft.ToCode();
        var hard = Severity.Hard.ToCode();
        var appeal = RecommendedAction.Appeal.ToCode();
        return d =>
            (d.Severity == soft && d.Status == DenialStatus.New && d.CreatedAt < softCutoff) ||
            (d.Severity == hard && d.Action == appeal && d.CreatedAt < hardCutoff);
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
        "follow-ups" => denials.FollowUpsDue(appeals, today),
        _ => denials.Where(Predicate(key, today, now, options, userId)!),
    };

    /// <summary>
    /// The view as one condition on a denial, for every view but "follow-ups" (which reads the appeals: null), so that
    /// the worklist can count several views in one pass (<c>COUNT(CASE WHEN ...)</c>). Each is the same condition the
    /// view's own method above uses, so a count always equals its view's rows. With <paramref name="knownOpen"/>, the
    /// part after <see cref="IsOpen"/> only, for a query already limited to open denials (every one of these views is
    /// open work): evaluating the open test again for each view and row tripled the cost of the counts.
    /// </summary>
    public static Expression<Func<Denial, bool>>? Predicate(string key, DateOnly today, DateTimeOffset now, ReportOptions options, string? userId,
        bool knownOpen = false)
    {
        Expression<Func<Denial, bool>>? withinOpen = key switch
        {
            "follow-ups" => null,
            "mine" => InMyWork(userId, today),
            "due-week" => DueWithinWeek(today),
            "sla" => BreachesSla(options, now),
            "expired" => PastDeadline(today),
            _ => QueueDeadline(today),
        };
        return withinOpen is null || knownOpen ? withinOpen : OpenAnd(withinOpen);
    }

    /// <summary><see cref="IsOpen"/> and <paramref name="condition"/>, as one lambda over the same denial.</summary>
    public static Expression<Func<Denial, bool>> OpenAnd(Expression<Func<Denial, bool>> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var d = IsOpen.Parameters[0];
        var body = ReplacingExpressionVisitor.Replace(condition.Parameters[0], d, condition.Body);
        return Expression.Lambda<Func<Denial, bool>>(Expression.AndAlso(IsOpen.Body, body), d);
    }
}
