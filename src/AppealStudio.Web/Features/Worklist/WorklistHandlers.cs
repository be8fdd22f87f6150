using System.Security.Claims;
using AppealStudio.Data;
using AppealStudio.Data.Denials;
using AppealStudio.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AppealStudio.Web.Features.Worklist;

public sealed class WorklistOptions
{
    /// <summary>The "High value" view's threshold in dollars (<c>Worklist:HighValueThreshold</c>).</summary>
    public decimal HighValueThreshold { get; set; } = 500m;
}

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
    string? AssigneeUserId);

/// <summary>The result of a bulk action, per row, for the message above the table.</summary>
public sealed record BulkOutcome(string Summary, IReadOnlyList<(long Id, string Message)> Failures, string? Error = null);

/// <summary>Everything the worklist body renders.</summary>
public sealed record WorklistModel(
    WorklistQuery Query,
    IReadOnlyList<WorklistRow> Rows,
    int Total,
    int PageCount,
    IReadOnlyDictionary<string, int> ViewCounts,
    bool AnyDenials,
    IReadOnlyList<string> Payers,
    IReadOnlyList<AssignableUser> Users,
    DateOnly Today,
    decimal HighValueThreshold)
{
    public string? UserName(string? id) => id is null ? null : Users.FirstOrDefault(u => u.Id == id)?.Label ?? "(former user)";
}

/// <summary>The worklist's query: filters, views with counts, sort and paging, all in SQL.</summary>
public sealed class WorklistService(AppDbContext db, TimeProvider clock, IOptions<WorklistOptions> options, DenialWorkflow workflow)
{
    public async Task<WorklistModel> LoadAsync(WorklistQuery query, string? userId, CancellationToken cancellationToken = default)
    {
        var today = DenialWorkflow.Today(clock);
        var threshold = options.Value.HighValueThreshold;
        var filtered = Filter(db.Denials.AsNoTracking(), query, today);

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (key, _) in WorklistQuery.Views)
        {
            counts[key] = await InView(filtered, key, query.Status is not null, userId, today, threshold).CountAsync(cancellationToken);
        }

        var total = counts[query.View];
        var pageCount = Math.Max(1, (total + WorklistQuery.PageSize - 1) / WorklistQuery.PageSize);
        if (query.Page > pageCount)
        {
            query = query.WithPage(pageCount);
        }

        var rows = await Sort(InView(filtered, query.View, query.Status is not null, userId, today, threshold), query)
            .Skip((query.Page - 1) * WorklistQuery.PageSize)
            .Take(WorklistQuery.PageSize)
            .Select(d => new WorklistRow(
                d.Id, d.PriorityScore,
                (d.Claim.PatientLastName ?? "") + (d.Claim.PatientFirstName != null ? ", " + d.Claim.PatientFirstName : ""),
                d.Claim.PatientControlNumber, d.Claim.PayerClaimNumber, d.PayerName, d.Kind, d.GroupCode, d.ReasonCode,
                d.ProcedureCode, d.Severity, d.RootCause, d.Scenario, d.Owner, d.Amount, d.AppealDeadline,
                d.DeadlineIsDefault, d.RemittanceDate, d.Status, d.AssigneeUserId))
            .ToListAsync(cancellationToken);

        var any = total > 0 || await db.Denials.AnyAsync(cancellationToken);
        var payers = await db.Denials.AsNoTracking().Select(d => d.PayerName).Distinct().OrderBy(p => p).Take(500).ToListAsync(cancellationToken);
        var users = await workflow.AssignableUsersAsync(cancellationToken);
        return new WorklistModel(query, rows, total, pageCount, counts, any, payers, users, today, threshold);
    }

    private static IQueryable<Denial> Filter(IQueryable<Denial> denials, WorklistQuery q, DateOnly today)
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
            // Upper-cased on both sides: PostgreSQL compares case-sensitively, and codes are typed either way.
            var t = text.ToUpperInvariant();
#pragma warning disable CA1304 // ToUpper() here is translated to SQL UPPER(); no .NET culture is involved.
            denials = denials.Where(d =>
                d.Claim.PatientControlNumber.ToUpper().Contains(t) ||
                (d.Claim.PayerClaimNumber != null && d.Claim.PayerClaimNumber.ToUpper().Contains(t)) ||
                (d.ProcedureCode != null && d.ProcedureCode.ToUpper().Contains(t)));
#pragma warning restore CA1304
        }

        return denials;
    }

    private static IQueryable<Denial> Between(IQueryable<Denial> denials, DateOnly from, DateOnly to) =>
        denials.Where(d => d.AppealDeadline >= from && d.AppealDeadline <= to);

    /// <summary>
    /// The views narrow the filtered set. Every view but "Needs sign-off" shows open work only, unless the user picked
    /// a status filter: then that status is what they asked to see.
    /// </summary>
    internal static IQueryable<Denial> InView(IQueryable<Denial> denials, string view, bool statusFiltered, string? userId,
        DateOnly today, decimal threshold)
    {
        if (!statusFiltered)
        {
            denials = denials.Where(d =>
                d.Status != DenialStatus.Submitted && d.Status != DenialStatus.Decided && d.Status != DenialStatus.WrittenOff);
        }

        var horizon = today.AddDays(14);
        return view switch
        {
            "mine" => denials.Where(d => userId != null && d.AssigneeUserId == userId),
            "due14" => denials.Where(d => d.AppealDeadline >= today && d.AppealDeadline <= horizon),
            "high" => denials.Where(d => d.Amount >= threshold),
            "signoff" => denials.Where(d => d.Status == DenialStatus.AwaitingSignOff),
            "past" => denials.Where(d => d.AppealDeadline < today),
            _ => denials,
        };
    }

    private static IQueryable<Denial> Sort(IQueryable<Denial> denials, WorklistQuery q) => (q.Sort, q.Descending) switch
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
        _ => denials.OrderByDescending(d => d.PriorityScore).ThenBy(d => d.AppealDeadline == null).ThenBy(d => d.AppealDeadline).ThenBy(d => d.Id),
    };
}

/// <summary>Bulk assign and bulk status change from the worklist's selection.</summary>
public sealed class WorklistBulk(DenialWorkflow workflow)
{
    public const int MaxRows = 200;

    public async Task<BulkOutcome> RunAsync(BulkInput input, IReadOnlyList<AssignableUser> users, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Ids.Count == 0)
        {
            return new BulkOutcome("", [], "Select at least one denial with the boxes in the first column.");
        }

        if (input.Ids.Count > MaxRows)
        {
            return new BulkOutcome("", [], $"Select at most {MaxRows} denials at a time.");
        }

        IReadOnlyList<(long Id, WorkflowResult Result)> results;
        string verb;
        if (input.Op == "assign")
        {
            if (string.IsNullOrEmpty(input.AssigneeId))
            {
                return new BulkOutcome("", [], "Choose who to assign the selected denials to.");
            }

            var unassign = input.AssigneeId == WorklistQuery.Unassigned;
            var user = users.FirstOrDefault(u => u.Id == input.AssigneeId);
            if (!unassign && user is null)
            {
                return new BulkOutcome("", [], "Choose a specialist, manager or admin from the list.");
            }

            results = await workflow.AssignManyAsync(input.Ids, unassign ? null : user!.Id, cancellationToken);
            verb = unassign ? "Unassigned" : $"Assigned to {user!.Label}";
        }
        else if (input.Op == "status")
        {
            if (!Enum.TryParse<DenialStatus>(input.Status, out var to) || !Enum.IsDefined(to))
            {
                return new BulkOutcome("", [], "Choose the new status.");
            }

            if (to == DenialStatus.WrittenOff && string.IsNullOrWhiteSpace(input.Reason))
            {
                return new BulkOutcome("", [], "Enter the reason for the write-off.");
            }

            results = await workflow.ChangeStatusManyAsync(input.Ids, to, input.Reason, cancellationToken);
            verb = $"Moved to {DenialWorkflow.Label(to)}";
        }
        else
        {
            return new BulkOutcome("", [], "Choose an action: assign or change status.");
        }

        var failures = results.Where(r => !r.Result.Succeeded)
            .Select(r => (r.Id, r.Result.Outcome switch
            {
                WorkflowOutcome.NotFound => "no longer exists.",
                WorkflowOutcome.Conflict => "was changed by someone else at the same moment; try again.",
                _ => r.Result.Message ?? "could not be changed.",
            }))
            .ToList();
        var done = results.Count - failures.Count;
        var summary = $"{verb}: {done} of {results.Count} denial{(results.Count == 1 ? "" : "s")}.";
        return new BulkOutcome(summary, failures);
    }
}

/// <summary>What the bulk form posts (read from the form by hand: the row boxes repeat one name).</summary>
public sealed record BulkInput(string? Op, IReadOnlyList<long> Ids, string? AssigneeId, string? Status, string? Reason)
{
    public static BulkInput From(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var ids = form["ids"].Select(v => long.TryParse(v, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0).Distinct().ToList();
        string? Value(string key) => form[key].LastOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
        return new BulkInput(Value("op"), ids, Value("assignee"), Value("status"), Value("reason"));
    }
}

public static class WorklistEndpoints
{
    public static IServiceCollection AddWorklist(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WorklistOptions>(configuration.GetSection("Worklist"));
        services.AddScoped<WorklistService>();
        services.AddScoped<WorklistBulk>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, HtmxRequestMatcherPolicy>());
        return services;
    }

    /// <summary>
    /// GET /worklist from htmx returns only the worklist body; the same URL from a browser is the page (a Razor
    /// component). <see cref="HtmxRequestMatcherPolicy"/> picks between them, so the pushed URL is always a real page.
    /// </summary>
    public static IEndpointRouteBuilder MapWorklist(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/worklist", async Task<RazorComponentResult<WorklistBody>> (HttpContext http, WorklistService worklist) =>
            {
                var query = WorklistQuery.Parse(http.Request.Query);
                var model = await worklist.LoadAsync(query, http.User.FindFirstValue(ClaimTypes.NameIdentifier), http.RequestAborted);
                http.Response.Headers.Vary = "HX-Request";
                // The canonical URL (no empty fields) goes into the address bar and the history.
                http.Response.Headers["HX-Push-Url"] = model.Query.ToUrl();
                return new RazorComponentResult<WorklistBody>(new { Model = model });
            })
            .WithMetadata(new HtmxOnlyAttribute())
            .WithOrder(-1)
            .RequireAuthorization(Policies.Worklist);
        return endpoints;
    }
}
