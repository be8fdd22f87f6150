using System.Globalization;
using System.Linq.Expressions;
using AppealStudio.Core;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Identity;
using AppealStudio.Data.Lifecycle;
using AppealStudio.Data.Reports;
using AppealStudio.Data.Viability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AppealStudio.Data.Worklist;

public sealed class WorklistOptions
{
    /// <summary>The "High value" view's threshold in dollars (<c>Worklist:HighValueThreshold</c>).</summary>
    public decimal HighValueThreshold { get; set; } = 500m;
}

/// <summary>One row of the worklist, as the grid and the CSV export show it.</summary>
public sealed record WorklistRow(
    long Id,
    decimal PriorityScore,
    string Patient,
    string PatientControlNumber,
    string? PayerClaimNumber,
    string PayerName,
    string Kind,
    string? GroupCode,
    string? ReasonCode,
    string? ProcedureCode,
    string Severity,
    string RootCause,
    string? Scenario,
    string Owner,
    decimal Amount,
    DateOnly? Deadline,
    bool DeadlineIsDefault,
    DateOnly? RemittanceDate,
    DenialStatus Status,
    string? AssigneeUserId,
    string? Liability = null,
    string? Level = null,
    decimal? Recovered = null,
    decimal? ExpectedAmount = null,
    decimal? PaidAmount = null);

/// <summary>One page of rows and how many match in all, with the viability warnings of the rows shown (by denial id).</summary>
public sealed record WorklistRows(WorklistQuery Query, IReadOnlyList<WorklistRow> Rows, int Total, int PageCount, DateOnly Today,
    IReadOnlyDictionary<long, IReadOnlyList<AppealStudio.Core.Denials.ViabilityWarning>>? Warnings = null)
{
    public IReadOnlyList<AppealStudio.Core.Denials.ViabilityWarning> WarningsOf(long id) =>
        Warnings is not null && Warnings.TryGetValue(id, out var list) ? list : [];
}

/// <summary>What the filters offer: payers that have denials, and the people work can be assigned to.</summary>
public sealed record WorklistChoices(IReadOnlyList<string> Payers, IReadOnlyList<AssignableUser> Users, bool AnyDenials, decimal HighValueThreshold);

/// <summary>The result of a bulk action, per row, for the message above the grid.</summary>
public sealed record BulkOutcome(string Summary, IReadOnlyList<(long Id, string Message)> Failures, string? Error = null);

/// <summary>
/// The worklist's queries: filters, views with their counts, sort and paging, all in SQL with a stable order (every
/// order ends on the id). Only roles that work denials may read it; each page read is audited with the ids shown.
/// </summary>
public sealed class WorklistService(AppDbContext db, TimeProvider clock, IOptions<WorklistOptions> options, DenialWorkflow workflow,
    AuditLog audit, ICurrentActor actor, IOptions<ReportOptions> reportOptions, ViabilityService viability)
{
    public static readonly IReadOnlyList<string> Roles = [Identity.Roles.Specialist, Identity.Roles.Manager, Identity.Roles.Admin];

    public const int MaxExportRows = 10_000;

    private decimal Threshold => options.Value.HighValueThreshold;

    public async Task<WorklistRows> PageAsync(WorklistQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        Demand();
        var today = DenialWorkflow.Today(clock);
        var inView = InViewQuery(query, today);
        var total = await inView.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + WorklistQuery.PageSize - 1) / WorklistQuery.PageSize);
        if (query.Page > pageCount)
        {
            query = query.WithPage(pageCount);
        }

        var rows = await RowsQuery(inView, query).ToListAsync(cancellationToken);
        // The warning badge of each row shown: a handful of queries for the page, whatever its size.
        var warnings = rows.Count == 0 ? null : await viability.WarningsAsync(rows.Select(r => r.Id).ToList(), today, cancellationToken);
        // Names are on screen: the trail records which denials were shown (ids only, never the filter text).
        await audit.RecordViewAsync("worklist.view", "Denial", null, Ids(rows.Select(r => r.Id)), cancellationToken);
        return new WorklistRows(query, rows, total, pageCount, today, warnings);
    }

    /// <summary>The denials of the query's view under its filters (the page's total counts these).</summary>
    internal IQueryable<Denial> InViewQuery(WorklistQuery query, DateOnly today) =>
        InView(Filter(db.Denials.AsNoTracking(), query, today), query.View, query.Status is not null, today);

    /// <summary>The query's page of <paramref name="inView"/>, in its order (a test checks the plan reads the order index).</summary>
    internal IQueryable<WorklistRow> RowsQuery(IQueryable<Denial> inView, WorklistQuery query) =>
        Project(Sort(inView, query).Skip((query.Page - 1) * WorklistQuery.PageSize).Take(WorklistQuery.PageSize), db.Appeals);

    /// <summary>
    /// How many denials each view holds under the current filters (the counts beside the view names), exact. Every view
    /// but "follow-ups" is counted in one pass over the filtered denials (one <c>COUNT(CASE WHEN ...)</c> per view,
    /// each the view's own condition), which with no status filter reads only the open denials' partial index;
    /// "follow-ups" starts from the appeals due (ADR 0110).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> CountsAsync(WorklistQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        Demand();
        var today = DenialWorkflow.Today(clock);
        var statusFiltered = query.Status is not null;
        var filtered = Filter(db.Denials.AsNoTracking(), query, today);
        // Without a status filter every one of these views is open work: saying so once lets the database read the open
        // denials' partial index alone (the condition is repeated as it is written there), and each view's condition
        // is then what it asks beyond being open.
        var source = statusFiltered ? filtered : filtered.Where(DenialViews.IsOpen);
        var conditions = WorklistQuery.Views.Select(v => (v.Key, Condition: ViewCondition(v.Key, statusFiltered, today, knownOpen: !statusFiltered))).ToList();
        var inOnePass = conditions.Where(c => c.Condition is not null).ToList();
        // Grouped by status, the index's first column, so the rows arrive in index order and need no sort (a constant
        // key made SQLite sort every row); the few groups are added up here.
        var groups = await source.GroupBy(d => d.Status).Select(CountEach(inOnePass.Select(c => c.Condition!).ToList())).ToListAsync(cancellationToken);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, condition) in conditions)
        {
            var slot = inOnePass.FindIndex(c => c.Key == key);
            counts[key] = condition is null
                ? await InView(filtered, key, statusFiltered, today).CountAsync(cancellationToken)
                : groups.Sum(g => g.Of(slot));
        }

        return counts;
    }

    /// <summary><c>g => new ViewCountRow { C0 = g.Count(condition0), C1 = g.Count(condition1), ... }</c>.</summary>
    private static Expression<Func<IGrouping<DenialStatus, Denial>, ViewCountRow>> CountEach(IReadOnlyList<Expression<Func<Denial, bool>>> conditions)
    {
        if (conditions.Count > ViewCountRow.Slots)
        {
            throw new InvalidOperationException($"Counting {conditions.Count} views in one pass needs more than {ViewCountRow.Slots} slots.");
        }

        var group = Expression.Parameter(typeof(IGrouping<DenialStatus, Denial>), "g");
        var count = typeof(Enumerable).GetMethods().Single(m => m.Name == nameof(Enumerable.Count) && m.GetParameters().Length == 2)
            .MakeGenericMethod(typeof(Denial));
        var countAll = typeof(Enumerable).GetMethods().Single(m => m.Name == nameof(Enumerable.Count) && m.GetParameters().Length == 1)
            .MakeGenericMethod(typeof(Denial));
        // "Every row" is COUNT(*), not a CASE on a constant.
        var bindings = conditions.Select((c, i) => Expression.Bind(typeof(ViewCountRow).GetProperty("C" + i.ToString(CultureInfo.InvariantCulture))!,
            c.Body is ConstantExpression { Value: true } ? Expression.Call(countAll, group) : Expression.Call(count, group, c)));
        return Expression.Lambda<Func<IGrouping<DenialStatus, Denial>, ViewCountRow>>(Expression.MemberInit(Expression.New(typeof(ViewCountRow)), bindings), group);
    }

    /// <summary>The counts of one pass for one status, by position (EF projects into a class with settable properties).</summary>
    private sealed class ViewCountRow
    {
        public const int Slots = 10;

        public int C0 { get; set; }

        public int C1 { get; set; }

        public int C2 { get; set; }

        public int C3 { get; set; }

        public int C4 { get; set; }

        public int C5 { get; set; }

        public int C6 { get; set; }

        public int C7 { get; set; }

        public int C8 { get; set; }

        public int C9 { get; set; }

        public int Of(int slot) => slot switch
        {
            0 => C0, 1 => C1, 2 => C2, 3 => C3, 4 => C4, 5 => C5, 6 => C6, 7 => C7, 8 => C8, 9 => C9,
            _ => throw new ArgumentOutOfRangeException(nameof(slot)),
        };
    }

    public async Task<WorklistChoices> ChoicesAsync(CancellationToken cancellationToken = default)
    {
        Demand();
        var payers = await db.Denials.AsNoTracking().Select(d => d.PayerName).Distinct().OrderBy(p => p).Take(500).ToListAsync(cancellationToken);
        var users = await workflow.AssignableUsersAsync(cancellationToken);
        var any = await db.Denials.AnyAsync(cancellationToken);
        return new WorklistChoices(payers, users, any, Threshold);
    }

    /// <summary>
    /// The selected rows (or, with no selection, every row of the query up to <see cref="MaxExportRows"/>) as the rows
    /// of a CSV file, in the grid's order. Audited as an export of those ids.
    /// </summary>
    public async Task<IReadOnlyList<WorklistRow>> ExportAsync(WorklistQuery query, IReadOnlyCollection<long>? ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        Demand();
        var today = DenialWorkflow.Today(clock);
        var source = ids is { Count: > 0 }
            ? db.Denials.AsNoTracking().Where(d => ids.Contains(d.Id))
            : InView(Filter(db.Denials.AsNoTracking(), query, today), query.View, query.Status is not null, today);
        var rows = await Project(Sort(source, query).Take(MaxExportRows), db.Appeals).ToListAsync(cancellationToken);
        await audit.RecordViewAsync("worklist.export", "Denial", null, "count=" + rows.Count.ToString(CultureInfo.InvariantCulture) + " " + Ids(rows.Select(r => r.Id)), cancellationToken);
        return rows;
    }

    private void Demand()
    {
        if (!Roles.Any(actor.IsInRole))
        {
            throw new UnauthorizedAccessException("The worklist is for specialists, managers and admins.");
        }
    }

    // The audit row keeps to its 2,000 characters: the first ids shown, then how many more.
    private static string Ids(IEnumerable<long> ids)
    {
        var list = ids.ToList();
        var shown = list.Take(150).Select(i => i.ToString(CultureInfo.InvariantCulture));
        return "ids=" + string.Join(',', shown) + (list.Count > 150 ? $" (+{list.Count - 150})" : "");
    }

    // The level is the latest appeal's (a first letter not sent yet has none recorded: it is the first level).
    private static IQueryable<WorklistRow> Project(IQueryable<Denial> denials, IQueryable<Appeals.Appeal> appeals) => denials.Select(d => new WorklistRow(
        d.Id, d.PriorityScore,
        // "Last, First" as remittances list people; a first name alone when the payer sent no last name.
        d.Claim.PatientLastName == null || d.Claim.PatientLastName == ""
            ? d.Claim.PatientFirstName ?? ""
            : d.Claim.PatientLastName + (d.Claim.PatientFirstName != null && d.Claim.PatientFirstName != "" ? ", " + d.Claim.PatientFirstName : ""),
        d.Claim.PatientControlNumber, d.Claim.PayerClaimNumber, d.PayerName, d.Kind, d.GroupCode, d.ReasonCode,
        d.ProcedureCode, d.Severity, d.RootCause, d.Scenario, d.Owner, d.Amount, d.AppealDeadline,
        d.DeadlineIsDefault, d.RemittanceDate, d.Status, d.AssigneeUserId, d.Liability,
        appeals.Where(a => a.DenialId == d.Id).OrderByDescending(a => a.Sequence).Select(a => a.Level ?? (a.Sequence == 1 ? "first-level" : null)).FirstOrDefault(),
        d.RecoveredByRemittance, d.ExpectedAmount, d.PaidAmount));

    internal static IQueryable<Denial> Filter(IQueryable<Denial> denials, WorklistQuery q, DateOnly today)
    {
        if (q.Owner is { } owner)
        {
            denials = denials.Where(d => d.Owner == owner);
        }

        if (q.Assignee is { } assignee)
        {
            denials = assignee == WorklistQuery.Unassigned
                ? denials.Where(d => d.AssigneeUserId == null)
                : denials.Where(d => d.AssigneeUserId == assignee);
        }

        if (q.Payer is { } payer)
        {
            denials = denials.Where(d => d.PayerName == payer);
        }

        if (q.RootCause is { } root)
        {
            denials = denials.Where(d => d.RootCause == root);
        }

        if (q.Scenario is { } scenario)
        {
            denials = scenario == WorklistQuery.NoScenario
                ? denials.Where(d => d.Scenario == null || d.Scenario == "")
                : denials.Where(d => d.Scenario == scenario);
        }

        if (q.Severity is { } severity)
        {
            denials = denials.Where(d => d.Severity == severity);
        }

        if (q.Status is { } status)
        {
            denials = denials.Where(d => d.Status == status);
        }

        // Dates compare as dates on PostgreSQL and as ISO text on SQLite: both order correctly.
        denials = q.Deadline switch
        {
            "past" => denials.Where(d => d.AppealDeadline < today),
            "0-7" => Between(denials, today, today.AddDays(7)),
            "8-14" => Between(denials, today.AddDays(8), today.AddDays(14)),
            "15-30" => Between(denials, today.AddDays(15), today.AddDays(30)),
            "30+" => denials.Where(d => d.AppealDeadline > today.AddDays(30)),
            "none" => denials.Where(d => d.AppealDeadline == null),
            _ => denials,
        };

        if (q.Min is { } min)
        {
            denials = denials.Where(d => d.Amount >= min);
        }

        if (q.Max is { } max)
        {
            denials = denials.Where(d => d.Amount <= max);
        }

        if (q.Text is { } text)
        {
            // Upper-cased on both sides: PostgreSQL compares case-sensitively, and codes and names are typed either way.
            var t = text.ToUpperInvariant();
#pragma warning disable CA1304, CA1311 // ToUpper() here is translated to SQL UPPER(); no .NET culture is involved.
            denials = denials.Where(d =>
                d.Claim.PatientControlNumber.ToUpper().Contains(t) ||
                (d.Claim.PayerClaimNumber != null && d.Claim.PayerClaimNumber.ToUpper().Contains(t)) ||
                (d.ProcedureCode != null && d.ProcedureCode.ToUpper().Contains(t)) ||
                (d.Claim.PatientLastName != null && d.Claim.PatientLastName.ToUpper().Contains(t)) ||
                (d.Claim.PatientFirstName != null && d.Claim.PatientFirstName.ToUpper().Contains(t)));
#pragma warning restore CA1304, CA1311
        }

        return denials;
    }

    private static IQueryable<Denial> Between(IQueryable<Denial> denials, DateOnly from, DateOnly to) =>
        denials.Where(d => d.AppealDeadline >= from && d.AppealDeadline <= to);

    /// <summary>
    /// The views narrow the filtered set. The lifecycle's views are <see cref="DenialViews"/> evaluated for today (open
    /// work only, except follow-ups, which wait on the payer). The worklist's own views ("High value", "Needs sign-off",
    /// "All open") show open work only, unless the user picked a status filter: then that status is what they asked to see.
    /// </summary>
    internal IQueryable<Denial> InView(IQueryable<Denial> denials, string view, bool statusFiltered, DateOnly today) =>
        ViewCondition(view, statusFiltered, today) is { } condition
            ? denials.Where(condition)
            : denials.View(view, db.Appeals, today, clock.GetUtcNow(), reportOptions.Value, actor.UserId);

    /// <summary>
    /// The view as one condition on a denial (null for "follow-ups", which reads the appeals): see <see cref="InView"/>.
    /// With <paramref name="knownOpen"/>, for a query already limited to open denials, the part after the open test.
    /// </summary>
    private Expression<Func<Denial, bool>>? ViewCondition(string view, bool statusFiltered, DateOnly today, bool knownOpen = false)
    {
        if (DenialViews.All.Any(v => v.Key == view))
        {
            return DenialViews.Predicate(view, today, clock.GetUtcNow(), reportOptions.Value, actor.UserId, knownOpen);
        }

        // The worklist's own views are open work unless the user picked a status.
        var open = !statusFiltered && !knownOpen;
        var threshold = Threshold;
        Expression<Func<Denial, bool>> condition = view switch
        {
            "high" => d => d.Amount >= threshold,
            "signoff" => d => d.Status == DenialStatus.AwaitingSignOff,
            _ => d => true,
        };
        return !open ? condition : view is "high" or "signoff" ? DenialViews.OpenAnd(condition) : DenialViews.IsOpen;
    }

    /// <summary>Every order ends on the id, so paging never repeats or skips a row between pages.</summary>
    internal static IQueryable<Denial> Sort(IQueryable<Denial> denials, WorklistQuery q) => (q.Sort, q.Descending) switch
    {
        // Unknown deadlines go last either way: they are neither urgent nor safely far away.
        ("deadline", false) => denials.OrderBy(d => d.AppealDeadline == null).ThenBy(d => d.AppealDeadline).ThenByDescending(d => d.PriorityScore).ThenBy(d => d.Id),
        ("deadline", true) => denials.OrderBy(d => d.AppealDeadline == null).ThenByDescending(d => d.AppealDeadline).ThenByDescending(d => d.PriorityScore).ThenBy(d => d.Id),
        ("amount", false) => denials.OrderBy(d => d.Amount).ThenBy(d => d.Id),
        ("amount", true) => denials.OrderByDescending(d => d.Amount).ThenBy(d => d.Id),
        ("payer", false) => denials.OrderBy(d => d.PayerName).ThenByDescending(d => d.PriorityScore).ThenBy(d => d.Id),
        ("payer", true) => denials.OrderByDescending(d => d.PayerName).ThenByDescending(d => d.PriorityScore).ThenBy(d => d.Id),
        // Age counts from the remittance: the oldest first when descending.
        ("age", true) => denials.OrderBy(d => d.RemittanceDate == null).ThenBy(d => d.RemittanceDate).ThenBy(d => d.Id),
        ("age", false) => denials.OrderBy(d => d.RemittanceDate == null).ThenByDescending(d => d.RemittanceDate).ThenBy(d => d.Id),
        (_, false) => denials.OrderBy(d => d.PriorityScore).ThenBy(d => d.Id),
        // The default: the lifecycle's order (dated denials by priority, then the ones with no known deadline, flagged).
        _ => denials.ByPriority(),
    };
}

/// <summary>Bulk assign and bulk status change from the worklist's selection.</summary>
public sealed class WorklistBulk(DenialWorkflow workflow, ICurrentActor actor)
{
    public const int MaxRows = 200;

    public async Task<BulkOutcome> AssignAsync(IReadOnlyCollection<long> ids, string? assigneeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (Refuse(ids) is { } refused)
        {
            return refused;
        }

        if (string.IsNullOrEmpty(assigneeId))
        {
            return new BulkOutcome("", [], "Choose who to assign the selected denials to.");
        }

        var unassign = assigneeId == WorklistQuery.Unassigned;
        var users = await workflow.AssignableUsersAsync(cancellationToken);
        var user = users.FirstOrDefault(u => u.Id == assigneeId);
        if (!unassign && user is null)
        {
            return new BulkOutcome("", [], "Choose a specialist, manager or admin from the list.");
        }

        var results = await workflow.AssignManyAsync(ids, unassign ? null : user!.Id, cancellationToken);
        return Outcome(unassign ? "Unassigned" : $"Assigned to {user!.Label}", results);
    }

    public async Task<BulkOutcome> ChangeStatusAsync(IReadOnlyCollection<long> ids, DenialStatus? to, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (Refuse(ids) is { } refused)
        {
            return refused;
        }

        if (to is not { } status || !Enum.IsDefined(status))
        {
            return new BulkOutcome("", [], "Choose the new status.");
        }

        if (status == DenialStatus.WrittenOff && string.IsNullOrWhiteSpace(reason))
        {
            return new BulkOutcome("", [], "Enter the reason for the write-off.");
        }

        var results = await workflow.ChangeStatusManyAsync(ids, status, reason, cancellationToken);
        return Outcome($"Moved to {DenialWorkflow.Label(status)}", results);
    }

    private BulkOutcome? Refuse(IReadOnlyCollection<long> ids)
    {
        if (!WorklistService.Roles.Any(actor.IsInRole))
        {
            throw new UnauthorizedAccessException("Bulk changes are for specialists, managers and admins.");
        }

        return ids.Count switch
        {
            0 => new BulkOutcome("", [], "Select at least one denial with the boxes in the first column."),
            > MaxRows => new BulkOutcome("", [], $"Select at most {MaxRows} denials at a time."),
            _ => null,
        };
    }

    private static BulkOutcome Outcome(string verb, IReadOnlyList<(long Id, WorkflowResult Result)> results)
    {
        var failures = results.Where(r => !r.Result.Succeeded)
            .Select(r => (r.Id, r.Result.Outcome switch
            {
                WorkflowOutcome.NotFound => "no longer exists.",
                WorkflowOutcome.Conflict => "was changed by someone else at the same moment; try again.",
                _ => r.Result.Message ?? "could not be changed.",
            }))
            .ToList();
        var done = results.Count - failures.Count;
        return new BulkOutcome($"{verb}: {done} of {Display.Count(results.Count, "denial")}.", failures);
    }
}
