using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Assignment;

/// <summary>One change of a denial's assignee, as the assignment dialog lists it.</summary>
public sealed record AssignmentHistoryEntry(DateTimeOffset At, string Actor, string Text);

/// <summary>
/// What the assignment dialog of a denial shows: the current assignee, the members of the denial's owner role first
/// (the people who work that kind of denial), everyone else who may work denials, and the history of assignments.
/// </summary>
/// <param name="Version">The denial's version the dialog was read at (the assignment is refused if it moved on).</param>
/// <param name="OwnerRole">The owner role code of the denial's classification.</param>
public sealed record DenialAssignmentOptions(
    long DenialId,
    int Version,
    string? AssigneeUserId,
    string? AssigneeName,
    string OwnerRole,
    IReadOnlyList<AssignableUser> RoleMembers,
    IReadOnlyList<AssignableUser> Others,
    IReadOnlyList<AssignmentHistoryEntry> History);

/// <summary>
/// Reads the assignment dialog's choices (Denial page). The change itself goes through
/// <see cref="DenialWorkflow.AssignAsync(long, int?, string?, string?, CancellationToken)"/>, which checks, versions and audits it.
/// </summary>
public sealed class DenialAssignmentView(AppDbContext db, DenialWorkflow workflow, ICurrentActor actor)
{
    public async Task<DenialAssignmentOptions?> LoadAsync(long denialId, CancellationToken cancellationToken = default)
    {
        RoleGuard.Demand(actor, RoleGuard.WorkDenials, "Assignment");
        var denial = await db.Denials.AsNoTracking().Where(d => d.Id == denialId)
            .Select(d => new { d.Id, d.Version, d.AssigneeUserId, d.Owner }).FirstOrDefaultAsync(cancellationToken);
        if (denial is null)
        {
            return null;
        }

        var users = await workflow.AssignableUsersAsync(cancellationToken);
        var memberIds = await db.Set<OwnerRoleMember>().AsNoTracking().Where(m => m.OwnerRole == denial.Owner).Select(m => m.UserId).ToListAsync(cancellationToken);
        var history = await db.DenialEvents.AsNoTracking().Where(e => e.DenialId == denialId && e.Type == "assign")
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(50)
            .Select(e => new AssignmentHistoryEntry(e.At, e.Actor, e.Text ?? "")).ToListAsync(cancellationToken);
        var assignee = users.FirstOrDefault(u => u.Id == denial.AssigneeUserId);
        string? assigneeName = assignee?.Label;
        if (denial.AssigneeUserId is not null && assignee is null)
        {
            // Assigned to someone who can no longer work denials (disabled, role removed): still named, so a manager sees it.
            assigneeName = await db.Users.AsNoTracking().Where(u => u.Id == denial.AssigneeUserId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "A former user";
        }

        return new DenialAssignmentOptions(denial.Id, denial.Version, denial.AssigneeUserId, assigneeName, denial.Owner,
            users.Where(u => memberIds.Contains(u.Id)).ToList(), users.Where(u => !memberIds.Contains(u.Id)).ToList(), history);
    }
}
