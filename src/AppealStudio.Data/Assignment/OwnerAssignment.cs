using System.Globalization;
using AppealStudio.Core.Denials;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Lifecycle;
using AppealStudio.Data.Practice;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Assignment;

/// <summary>How new denials are given to the members of their owner role (a practice setting).</summary>
public enum AssignmentMode
{
    /// <summary>Nobody is assigned automatically; managers assign by hand.</summary>
    Off,

    /// <summary>Each member in turn.</summary>
    RoundRobin,

    /// <summary>The member with the fewest open denials.</summary>
    LeastLoaded,
}

/// <summary>A member of an owner role, with the open work assigned to them.</summary>
public sealed record OwnerRoleMemberInfo(string UserId, string Name, int OpenDenials);

/// <summary>An owner role and its members, for Settings &gt; Owner roles.</summary>
public sealed record OwnerRoleInfo(string Role, IReadOnlyList<OwnerRoleMemberInfo> Members, int OpenUnassigned);

/// <summary>
/// Owners are people (issue 13): each owner role (the classification's owners) has members; new denials are assigned
/// to a member automatically, in turn (round robin) or to the least loaded, as the practice chooses, or by hand
/// (<see cref="DenialWorkflow.AssignAsync"/>). Membership changes and every assignment are audited, and each automatic
/// assignment writes the denial's timeline.
/// </summary>
public sealed class OwnerAssignment(AppDbContext db, AuditLog audit, ICurrentActor actor, TimeProvider clock)
{
    public const string ModeKey = "assignment-mode";
    public const string RoundRobinKeyPrefix = "assignment-last:";

    public static string ModeCode(AssignmentMode mode) => mode switch
    {
        AssignmentMode.Off => "off",
        AssignmentMode.RoundRobin => "round-robin",
        AssignmentMode.LeastLoaded => "least-loaded",
    };

    public async Task<AssignmentMode> ModeAsync(CancellationToken cancellationToken = default)
    {
        var value = await db.SystemSettings.AsNoTracking().Where(s => s.Key == ModeKey).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);
        return value switch
        {
            "off" => AssignmentMode.Off,
            "least-loaded" => AssignmentMode.LeastLoaded,
            // Round robin by default: without members nobody is assigned anyway.
            _ => AssignmentMode.RoundRobin,
        };
    }

    public async Task<LifecycleResult> SetModeAsync(AssignmentMode mode, CancellationToken cancellationToken = default)
    {
        RoleGuard.Demand(actor, RoleGuard.Settings, "The assignment setting");
        if (!Enum.IsDefined(mode))
        {
            return LifecycleResult.Fail("Choose off, round robin or least loaded.");
        }

        await SetSettingAsync(ModeKey, ModeCode(mode), cancellationToken);
        audit.Add("owner.assignment-mode", nameof(SystemSetting), ModeKey, "mode=" + ModeCode(mode));
        await db.SaveChangesAsync(cancellationToken);
        return LifecycleResult.Ok($"New denials are assigned: {ModeCode(mode).Replace('-', ' ')}.");
    }

    public async Task<IReadOnlyList<OwnerRoleInfo>> RolesAsync(CancellationToken cancellationToken = default)
    {
        RoleGuard.Demand(actor, RoleGuard.WorkDenials, "Owner roles");
        var members = await db.Set<OwnerRoleMember>().AsNoTracking()
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.OwnerRole, m.UserId, u.DisplayName, u.Email, u.IsDisabled })
            .ToListAsync(cancellationToken);
        var load = await OpenLoadAsync(cancellationToken);
        var unassigned = await db.Denials.AsNoTracking().Open().Where(d => d.AssigneeUserId == null)
            .GroupBy(d => d.Owner).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return VocabularyCodes.Codes<Owner>().Select(role => new OwnerRoleInfo(
            role,
            members.Where(m => m.OwnerRole == role && !m.IsDisabled)
                .Select(m => new OwnerRoleMemberInfo(m.UserId, string.IsNullOrWhiteSpace(m.DisplayName) ? m.Email ?? m.UserId : m.DisplayName, load.GetValueOrDefault(m.UserId)))
                .OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase).ToList(),
            unassigned.GetValueOrDefault(role))).ToList();
    }

    public async Task<LifecycleResult> AddMemberAsync(string ownerRole, string userId, CancellationToken cancellationToken = default)
    {
        RoleGuard.Demand(actor, RoleGuard.Manage, "Owner role members");
        if (!VocabularyCodes.TryParse<Owner>(ownerRole, out var owner))
        {
            return LifecycleResult.Fail($"Choose an owner role: {string.Join(", ", VocabularyCodes.Codes<Owner>())}.");
        }

        var role = owner.ToCode();
        var roleIds = db.Roles.Where(r => DenialWorkflow.AssignableRoles.Contains(r.Name!)).Select(r => r.Id);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && !u.IsDisabled && db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)))
            .Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return LifecycleResult.Fail("Choose an active specialist, manager or admin: they work the denials.");
        }

        if (await db.Set<OwnerRoleMember>().AnyAsync(m => m.OwnerRole == role && m.UserId == userId, cancellationToken))
        {
            return LifecycleResult.Fail($"{user.DisplayName} is already in the {role} role.");
        }

        db.Set<OwnerRoleMember>().Add(new OwnerRoleMember { OwnerRole = role, UserId = userId, AddedAt = clock.GetUtcNow(), AddedBy = Truncate(actor.Name, 256) });
        audit.Add("owner.member-added", nameof(OwnerRoleMember), role, "user=" + userId);
        await db.SaveChangesAsync(cancellationToken);
        return LifecycleResult.Ok($"{user.DisplayName} now works the {role} denials.");
    }

    public async Task<LifecycleResult> RemoveMemberAsync(string ownerRole, string userId, CancellationToken cancellationToken = default)
    {
        RoleGuard.Demand(actor, RoleGuard.Manage, "Owner role members");
        var member = await db.Set<OwnerRoleMember>().FirstOrDefaultAsync(m => m.OwnerRole == ownerRole && m.UserId == userId, cancellationToken);
        if (member is null)
        {
            return LifecycleResult.Missing("That person is not in this role.");
        }

        db.Set<OwnerRoleMember>().Remove(member);
        audit.Add("owner.member-removed", nameof(OwnerRoleMember), ownerRole, "user=" + userId);
        await db.SaveChangesAsync(cancellationToken);
        return LifecycleResult.Ok("Removed from the role; the denials already assigned stay with them until reassigned.");
    }

    /// <summary>
    /// Assigns the open, unassigned denials among <paramref name="denialIds"/> (all open unassigned denials when null: the
    /// daily catch-up) to members of their owner role, as the practice's mode says. Returns how many were assigned.
    /// </summary>
    public Task<int> AutoAssignAsync(IReadOnlyCollection<long>? denialIds, string actorName, CancellationToken cancellationToken = default) =>
        AutoAssignAsync(denialIds, null, actorName, cancellationToken);

    /// <summary>Assigns the new denials of one import (called by the importer once the file is saved).</summary>
    public Task<int> AutoAssignImportAsync(long importId, string actorName, CancellationToken cancellationToken = default) =>
        AutoAssignAsync(null, importId, actorName, cancellationToken);

    private async Task<int> AutoAssignAsync(IReadOnlyCollection<long>? denialIds, long? importId, string actorName, CancellationToken cancellationToken)
    {
        var mode = await ModeAsync(cancellationToken);
        if (mode == AssignmentMode.Off)
        {
            return 0;
        }

        var members = await db.Set<OwnerRoleMember>().AsNoTracking()
            .Join(db.Users.Where(u => !u.IsDisabled), m => m.UserId, u => u.Id, (m, u) => new { m.OwnerRole, m.UserId, u.DisplayName, u.Email })
            .ToListAsync(cancellationToken);
        if (members.Count == 0)
        {
            return 0;
        }

        var roles = members.Select(m => m.OwnerRole).Distinct().ToList();
        var query = db.Denials.AsNoTracking().Open().Where(d => d.AssigneeUserId == null && roles.Contains(d.Owner));
        if (denialIds is not null)
        {
            var ids = denialIds.ToList();
            query = query.Where(d => ids.Contains(d.Id));
        }

        if (importId is { } import)
        {
            query = query.Where(d => d.Claim.ImportId == import);
        }

        var pending = await query.OrderByDescending(d => d.PriorityScore).ThenBy(d => d.Id).Select(d => new { d.Id, d.Owner }).ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return 0;
        }

        var load = mode == AssignmentMode.LeastLoaded ? await OpenLoadAsync(cancellationToken) : [];
        var now = clock.GetUtcNow();
        var byUser = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        var events = new List<DenialEvent>();
        foreach (var role in pending.GroupBy(p => p.Owner))
        {
            // A stable order (by user id), so "in turn" means the same turn on every instance and after a restart.
            var team = members.Where(m => m.OwnerRole == role.Key).OrderBy(m => m.UserId, StringComparer.Ordinal).ToList();
            var last = await db.SystemSettings.AsNoTracking().Where(s => s.Key == RoundRobinKeyPrefix + role.Key).Select(s => s.Value)
                .FirstOrDefaultAsync(cancellationToken);
            var next = last is null ? 0 : (team.FindIndex(m => m.UserId == last) + 1) % team.Count;
            foreach (var denial in role)
            {
                var member = mode == AssignmentMode.LeastLoaded
                    ? team.OrderBy(m => load.GetValueOrDefault(m.UserId)).ThenBy(m => m.UserId, StringComparer.Ordinal).First()
                    : team[next];
                next = (team.IndexOf(member) + 1) % team.Count;
                load[member.UserId] = load.GetValueOrDefault(member.UserId) + 1;
                (byUser.TryGetValue(member.UserId, out var list) ? list : byUser[member.UserId] = []).Add(denial.Id);
                events.Add(new DenialEvent
                {
                    DenialId = denial.Id, At = now, Actor = actorName, Type = "assign",
                    Text = $"Assigned automatically to {(string.IsNullOrWhiteSpace(member.DisplayName) ? member.Email : member.DisplayName)} ({ModeCode(mode).Replace('-', ' ')}, owner role {role.Key}).",
                });
            }

            await SetSettingAsync(RoundRobinKeyPrefix + role.Key, team[(next + team.Count - 1) % team.Count].UserId, cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var done = new HashSet<long>();
        foreach (var (userId, ids) in byUser)
        {
            foreach (var chunk in ids.Chunk(500))
            {
                // Only still unassigned rows: a person who assigned one meanwhile keeps their choice (and no event says otherwise).
                var free = await db.Denials.Where(d => chunk.Contains(d.Id) && d.AssigneeUserId == null).Select(d => d.Id).ToListAsync(cancellationToken);
                await db.Denials.Where(d => free.Contains(d.Id) && d.AssigneeUserId == null)
                    .ExecuteUpdateAsync(u => u.SetProperty(d => d.AssigneeUserId, userId).SetProperty(d => d.Version, d => d.Version + 1)
                        .SetProperty(d => d.UpdatedAt, now), cancellationToken);
                done.UnionWith(free);
            }
        }

        var assigned = done.Count;
        db.DenialEvents.AddRange(events.Where(e => done.Contains(e.DenialId)));
        await audit.RecordAsAsync(null, actorName, "denial.auto-assign", "Denial", null, string.Join(' ',
            byUser.Select(kv => $"{kv.Key}={kv.Value.Count.ToString(CultureInfo.InvariantCulture)}")) + " mode=" + ModeCode(mode), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return assigned;
    }

    private async Task<Dictionary<string, int>> OpenLoadAsync(CancellationToken cancellationToken) =>
        await db.Denials.AsNoTracking().Open().Where(d => d.AssigneeUserId != null)
            .GroupBy(d => d.AssigneeUserId!).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, cancellationToken);

    private async Task SetSettingAsync(string key, string value, CancellationToken cancellationToken)
    {
        var row = await db.SystemSettings.FirstOrDefaultAsync(s => s.Key == key, cancellationToken);
        if (row is null)
        {
            db.SystemSettings.Add(new SystemSetting { Key = key, Value = value, UpdatedAt = clock.GetUtcNow() });
        }
        else
        {
            row.Value = value;
            row.UpdatedAt = clock.GetUtcNow();
        }
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
