using AppealStudio.Core.Denials;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Identity;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Denials;

public enum WorkflowOutcome
{
    Done,
    NotFound,

    /// <summary>Someone else changed the denial since the form was read (its Version moved on).</summary>
    Conflict,

    /// <summary>The request breaks a rule (transition not allowed, reason missing, unknown user); Message says which.</summary>
    Invalid,
}

/// <summary>What became of one change; <see cref="CurrentVersion"/> lets a form that hit a conflict retry.</summary>
public sealed record WorkflowResult(WorkflowOutcome Outcome, string? Message = null, int? CurrentVersion = null)
{
    public static readonly WorkflowResult NotFound = new(WorkflowOutcome.NotFound, "This denial no longer exists.");

    public bool Succeeded => Outcome == WorkflowOutcome.Done;

    public static WorkflowResult Invalid(string message, int? version = null) => new(WorkflowOutcome.Invalid, message, version);
}

/// <summary>A new classification as the specialist picks it: kebab-case codes of the core vocabularies.</summary>
public sealed record ClassificationChange(
    string Severity, string Action, string Category, string RootCause, string Owner, string? Scenario);

/// <summary>A user a denial can be assigned to (Specialist, Manager or Admin, not disabled).</summary>
public sealed record AssignableUser(string Id, string DisplayName, string Email)
{
    public string Label => string.IsNullOrWhiteSpace(DisplayName) ? Email : DisplayName;
}

/// <summary>
/// The life of a denial after import: status transitions, assignment, notes and classification overrides. Every
/// change bumps <see cref="Denial.Version"/> (an optimistic-concurrency token), writes a <see cref="DenialEvent"/> for
/// the timeline and an audit row in the same transaction. The web app and the command line share it so that the
/// transition rules live in one place.
/// </summary>
public sealed class DenialWorkflow(AppDbContext db, AuditLog audit, ICurrentActor actor, TimeProvider clock, DenialRules rules)
{
    public const int MaxNoteLength = 4000;
    public const int MaxReasonLength = 1000;

    /// <summary>Worked or finished: Decided, WrittenOff and Submitted (waiting on the payer) are not "open" work.</summary>
    public static readonly IReadOnlyList<DenialStatus> ClosedStatuses = [DenialStatus.Submitted, DenialStatus.Decided, DenialStatus.WrittenOff];

    public static readonly IReadOnlyList<DenialStatus> OpenStatuses =
        Enum.GetValues<DenialStatus>().Except(ClosedStatuses).ToArray();

    /// <summary>Roles whose users work denials (the Worklist policy's roles).</summary>
    public static readonly IReadOnlyList<string> AssignableRoles = [Roles.Specialist, Roles.Manager, Roles.Admin];

    // Forward through the work, back a step when sign-off is returned or the payer bounces a submission, and out to
    // a write-off from anywhere still being worked. Reopening a decided or written-off denial is allowed but needs a
    // reason (a second-level appeal, a write-off made in error).
    private static readonly Dictionary<DenialStatus, DenialStatus[]> Transitions = new()
    {
        [DenialStatus.New] = [DenialStatus.InProgress, DenialStatus.AwaitingSignOff, DenialStatus.Ready, DenialStatus.Submitted, DenialStatus.WrittenOff],
        [DenialStatus.InProgress] = [DenialStatus.New, DenialStatus.AwaitingSignOff, DenialStatus.Ready, DenialStatus.Submitted, DenialStatus.WrittenOff],
        [DenialStatus.AwaitingSignOff] = [DenialStatus.InProgress, DenialStatus.Ready, DenialStatus.WrittenOff],
        [DenialStatus.Ready] = [DenialStatus.InProgress, DenialStatus.AwaitingSignOff, DenialStatus.Submitted, DenialStatus.WrittenOff],
        [DenialStatus.Submitted] = [DenialStatus.InProgress, DenialStatus.Decided],
        [DenialStatus.Decided] = [DenialStatus.InProgress],
        [DenialStatus.WrittenOff] = [DenialStatus.InProgress],
    };

    public static bool IsOpen(DenialStatus status) => !ClosedStatuses.Contains(status);

    public static IReadOnlyList<DenialStatus> NextStatuses(DenialStatus from) => Transitions[from];

    public static bool CanMove(DenialStatus from, DenialStatus to) => Transitions[from].Contains(to);

    /// <summary>A write-off, or reopening something decided or written off, must say why.</summary>
    public static bool RequiresReason(DenialStatus from, DenialStatus to) =>
        to == DenialStatus.WrittenOff || from is DenialStatus.Decided or DenialStatus.WrittenOff;

    public static string Label(DenialStatus status) => status switch
    {
        DenialStatus.New => "New",
        DenialStatus.InProgress => "In progress",
        DenialStatus.AwaitingSignOff => "Awaiting sign-off",
        DenialStatus.Ready => "Ready to submit",
        DenialStatus.Submitted => "Submitted",
        DenialStatus.Decided => "Decided",
        DenialStatus.WrittenOff => "Written off",
    };

    /// <summary>Refuses an actor whose roles do not work denials (the page's policy says the same; this is the service's own check).</summary>
    public static void Demand(ICurrentActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!AssignableRoles.Any(actor.IsInRole))
        {
            throw new UnauthorizedAccessException("Denials are worked by specialists, managers and admins.");
        }
    }

    /// <summary>The practice's calendar day (the server's local date), against which deadlines count.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    // Read once per scope (a request): a bulk assignment checks every row against the same list.
    private IReadOnlyList<AssignableUser>? assignableUsers;

    public async Task<IReadOnlyList<AssignableUser>> AssignableUsersAsync(CancellationToken cancellationToken = default)
    {
        if (assignableUsers is not null)
        {
            return assignableUsers;
        }

        var roleIds = db.Roles.Where(r => AssignableRoles.Contains(r.Name!)).Select(r => r.Id);
        var userIds = db.UserRoles.Where(ur => roleIds.Contains(ur.RoleId)).Select(ur => ur.UserId);
        var users = await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && userIds.Contains(u.Id))
            .Select(u => new AssignableUser(u.Id, u.DisplayName, u.Email ?? ""))
            .ToListAsync(cancellationToken);
        return assignableUsers = users.OrderBy(u => u.Label, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public async Task<WorkflowResult> ChangeStatusAsync(long denialId, int? expectedVersion, DenialStatus to, string? reason,
        CancellationToken cancellationToken = default)
    {
        Demand(actor);
        var denial = await db.Denials.FirstOrDefaultAsync(d => d.Id == denialId, cancellationToken);
        if (denial is null)
        {
            return WorkflowResult.NotFound;
        }

        if (Stale(denial, expectedVersion) is { } conflict)
        {
            return conflict;
        }

        var from = denial.Status;
        reason = Clean(reason);
        if (from == to)
        {
            return WorkflowResult.Invalid($"It is already {Label(to)}.", denial.Version);
        }

        if (!CanMove(from, to))
        {
            return WorkflowResult.Invalid(
                $"{Label(from)} cannot move to {Label(to)}; from {Label(from)} it can go to {string.Join(", ", NextStatuses(from).Select(Label))}.",
                denial.Version);
        }

        if (RequiresReason(from, to) && reason is null)
        {
            return WorkflowResult.Invalid(
                to == DenialStatus.WrittenOff ? "Enter the reason for the write-off." : $"Enter the reason for reopening a {Label(from).ToLowerInvariant()} denial.",
                denial.Version);
        }

        if (reason is { Length: > MaxReasonLength })
        {
            return WorkflowResult.Invalid($"Keep the reason under {MaxReasonLength} characters.", denial.Version);
        }

        var now = clock.GetUtcNow();
        denial.Status = to;
        denial.StatusChangedAt = now;
        Touch(denial, expectedVersion, now);
        AddEvent(denial, "status", now, from.ToString(), to.ToString(), reason);
        audit.Add("denial.status", nameof(Denial), Id(denial), $"from={from} to={to}{(reason is null ? "" : " reason=yes")}");
        return await SaveAsync(denial, cancellationToken);
    }

    public Task<WorkflowResult> AssignAsync(long denialId, int? expectedVersion, string? assigneeUserId,
        CancellationToken cancellationToken = default) => AssignAsync(denialId, expectedVersion, assigneeUserId, null, cancellationToken);

    /// <summary>Assigns (or unassigns) with an optional note for the assignee, kept on the timeline with the change.</summary>
    public async Task<WorkflowResult> AssignAsync(long denialId, int? expectedVersion, string? assigneeUserId, string? note,
        CancellationToken cancellationToken = default)
    {
        Demand(actor);
        note = Clean(note);
        if (note is { Length: > MaxReasonLength })
        {
            return WorkflowResult.Invalid($"Keep the note under {MaxReasonLength} characters.");
        }

        var denial = await db.Denials.FirstOrDefaultAsync(d => d.Id == denialId, cancellationToken);
        if (denial is null)
        {
            return WorkflowResult.NotFound;
        }

        if (Stale(denial, expectedVersion) is { } conflict)
        {
            return conflict;
        }

        assigneeUserId = Clean(assigneeUserId);
        string? assigneeName = null;
        if (assigneeUserId is not null)
        {
            var user = (await AssignableUsersAsync(cancellationToken)).FirstOrDefault(u => u.Id == assigneeUserId);
            if (user is null)
            {
                return WorkflowResult.Invalid("Choose a specialist, manager or admin who can work denials.", denial.Version);
            }

            assigneeName = user.Label;
        }

        if (denial.AssigneeUserId == assigneeUserId)
        {
            return WorkflowResult.Invalid(assigneeUserId is null ? "It is already unassigned." : $"It is already assigned to {assigneeName}.", denial.Version);
        }

        var now = clock.GetUtcNow();
        denial.AssigneeUserId = assigneeUserId;
        Touch(denial, expectedVersion, now);
        AddEvent(denial, "assign", now, null, null, (assigneeName is null ? "Unassigned" : $"Assigned to {assigneeName}") + (note is null ? "" : ": " + note));
        audit.Add("denial.assign", nameof(Denial), Id(denial), $"assignee={assigneeUserId ?? "none"}{(note is null ? "" : " note=yes")}");
        return await SaveAsync(denial, cancellationToken);
    }

    /// <summary>Notes only append to the timeline, so they never conflict and do not move the version.</summary>
    public async Task<WorkflowResult> AddNoteAsync(long denialId, string? text, CancellationToken cancellationToken = default)
    {
        Demand(actor);
        text = Clean(text);
        if (text is null)
        {
            return WorkflowResult.Invalid("Write the note first.");
        }

        if (text.Length > MaxNoteLength)
        {
            return WorkflowResult.Invalid($"Keep a note under {MaxNoteLength} characters.");
        }

        var denial = await db.Denials.FirstOrDefaultAsync(d => d.Id == denialId, cancellationToken);
        if (denial is null)
        {
            return WorkflowResult.NotFound;
        }

        AddEvent(denial, "note", clock.GetUtcNow(), null, null, text);
        audit.Add("denial.note", nameof(Denial), Id(denial));
        return await SaveAsync(denial, cancellationToken);
    }

    /// <summary>
    /// Replaces the classification with the specialist's, with a required reason. The rule id becomes
    /// "override: reason"; the first override writes the original rule and classification into the explanation, and
    /// every override writes the before and after into the timeline, so the original stays visible. The priority is
    /// recomputed from the new classification.
    /// </summary>
    public async Task<WorkflowResult> OverrideAsync(long denialId, int? expectedVersion, ClassificationChange change, string? reason,
        CancellationToken cancellationToken = default)
    {
        Demand(actor);
        ArgumentNullException.ThrowIfNull(change);
        var denial = await db.Denials.FirstOrDefaultAsync(d => d.Id == denialId, cancellationToken);
        if (denial is null)
        {
            return WorkflowResult.NotFound;
        }

        if (Stale(denial, expectedVersion) is { } conflict)
        {
            return conflict;
        }

        reason = Clean(reason);
        if (reason is null)
        {
            return WorkflowResult.Invalid("Enter the reason for the override.", denial.Version);
        }

        if (reason.Length > MaxReasonLength)
        {
            return WorkflowResult.Invalid($"Keep the reason under {MaxReasonLength} characters.", denial.Version);
        }

        if (!VocabularyCodes.TryParse<Severity>(change.Severity, out var severity) ||
            !VocabularyCodes.TryParse<RecommendedAction>(change.Action, out var action) ||
            !VocabularyCodes.TryParse<DenialCategory>(change.Category, out var category) ||
            !VocabularyCodes.TryParse<RootCause>(change.RootCause, out var rootCause) ||
            !VocabularyCodes.TryParse<Owner>(change.Owner, out var owner))
        {
            return WorkflowResult.Invalid("Choose a severity, action, category, root cause and owner from the lists.", denial.Version);
        }

        Scenario? scenario = null;
        if (Clean(change.Scenario) is { } scenarioCode)
        {
            if (!VocabularyCodes.TryParse<Scenario>(scenarioCode, out var s))
            {
                return WorkflowResult.Invalid("Choose a scenario from the list, or none.", denial.Version);
            }

            scenario = s;
        }

        var before = Summary(denial.Severity, denial.Action, denial.Category, denial.RootCause, denial.Owner, denial.Scenario);
        var after = Summary(severity.ToCode(), action.ToCode(), category.ToCode(), rootCause.ToCode(), owner.ToCode(), scenario?.ToCode());
        if (before == after)
        {
            return WorkflowResult.Invalid("Change at least one part of the classification, or leave it as it is.", denial.Version);
        }

        if (denial.OverrideReason is null)
        {
            denial.Explanation = Truncate($"Originally classified by rule {denial.RuleId} as {before}. {denial.Explanation}", 1000);
        }

        var oldScore = denial.PriorityScore;
        var previousRule = denial.RuleId;
        denial.Severity = severity.ToCode();
        denial.Action = action.ToCode();
        denial.Category = category.ToCode();
        denial.RootCause = rootCause.ToCode();
        denial.Owner = owner.ToCode();
        denial.Scenario = scenario?.ToCode();
        denial.OverrideReason = reason;
        denial.RuleId = Truncate("override: " + reason, 200);

        // The same assessor as the import (the practice's payer windows and outcome history), so an overridden
        // denial ranks on the same scale as the rest of the worklist.
        var assessor = await rules.BuildAssessorAsync(cancellationToken);
        var breakdown = assessor.Priority(denial.Amount, severity, rootCause, action, denial.PayerIdentifier, denial.PayerName,
            denial.AppealDeadline, Today(clock));
        denial.Probability = decimal.Round(breakdown.Probability, 4, MidpointRounding.AwayFromZero);
        denial.ExpectedRecovery = breakdown.ExpectedRecovery;
        denial.PriorityScore = breakdown.Score;

        var now = clock.GetUtcNow();
        Touch(denial, expectedVersion, now);
        AddEvent(denial, "override", now, null, null,
            Truncate($"Classification changed from {before} (rule {previousRule}) to {after}. Reason: {reason}", MaxNoteLength));
        audit.Add("denial.override", nameof(Denial), Id(denial),
            $"from={before.Replace(" ", "", StringComparison.Ordinal)} to={after.Replace(" ", "", StringComparison.Ordinal)} score={Core.Invariant.Money(oldScore)}->{Core.Invariant.Money(denial.PriorityScore)}");
        return await SaveAsync(denial, cancellationToken);
    }

    /// <summary>Each row in its own transaction: one failure (a bad transition, a concurrent edit) leaves the others done.</summary>
    public async Task<IReadOnlyList<(long Id, WorkflowResult Result)>> ChangeStatusManyAsync(IEnumerable<long> denialIds,
        DenialStatus to, string? reason, CancellationToken cancellationToken = default)
    {
        var results = new List<(long, WorkflowResult)>();
        foreach (var id in denialIds.Distinct())
        {
            results.Add((id, await ChangeStatusAsync(id, null, to, reason, cancellationToken)));
        }

        return results;
    }

    public async Task<IReadOnlyList<(long Id, WorkflowResult Result)>> AssignManyAsync(IEnumerable<long> denialIds,
        string? assigneeUserId, CancellationToken cancellationToken = default)
    {
        var results = new List<(long, WorkflowResult)>();
        foreach (var id in denialIds.Distinct())
        {
            results.Add((id, await AssignAsync(id, null, assigneeUserId, cancellationToken)));
        }

        return results;
    }

    private static WorkflowResult? Stale(Denial denial, int? expectedVersion) =>
        expectedVersion is { } expected && expected != denial.Version
            ? new WorkflowResult(WorkflowOutcome.Conflict,
                "Someone else changed this denial while you were looking at it. Your input is kept below: check the current values and submit again.",
                denial.Version)
            : null;

    // The UPDATE then carries "WHERE Version = expected": a change saved between our read and our write is a conflict.
    private void Touch(Denial denial, int? expectedVersion, DateTimeOffset now)
    {
        var version = db.Entry(denial).Property(d => d.Version);
        if (expectedVersion is { } expected)
        {
            version.OriginalValue = expected;
        }

        denial.Version = version.OriginalValue + 1;
        denial.UpdatedAt = now;
    }

    private void AddEvent(Denial denial, string type, DateTimeOffset at, string? from, string? to, string? text) =>
        db.DenialEvents.Add(new DenialEvent
        {
            DenialId = denial.Id,
            At = at,
            UserId = actor.UserId,
            Actor = Truncate(actor.Name, 256),
            Type = type,
            FromStatus = from,
            ToStatus = to,
            Text = text is null ? null : Truncate(text, MaxNoteLength),
        });

    private async Task<WorkflowResult> SaveAsync(Denial denial, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new WorkflowResult(WorkflowOutcome.Done, null, denial.Version);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Nothing of this attempt may ride along with a later save (the event, the audit row).
            db.ChangeTracker.Clear();
            var current = await db.Denials.AsNoTracking().Where(d => d.Id == denial.Id).Select(d => (int?)d.Version)
                .FirstOrDefaultAsync(cancellationToken);
            return current is null
                ? WorkflowResult.NotFound
                : new WorkflowResult(WorkflowOutcome.Conflict,
                    "Someone else changed this denial at the same moment. Your input is kept below: check the current values and submit again.",
                    current);
        }
    }

    private static string Summary(string severity, string action, string category, string rootCause, string owner, string? scenario) =>
        $"{severity} / {action} / {category} / {rootCause} / {owner} / {(string.IsNullOrEmpty(scenario) ? "no scenario" : scenario)}";

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Id(Denial denial) => denial.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
