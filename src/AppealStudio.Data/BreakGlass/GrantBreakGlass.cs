using System.Globalization;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Identity;
using AppealStudio.Data.Practice;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.BreakGlass;

/// <summary>What an Admin asks for: who, which role, for how long, and why.</summary>
public sealed record BreakGlassRequest(string UserId, string Role, int Minutes, string Reason);

/// <summary>A grant made, or the reasons it was refused, by field (UserId, Role, Minutes, Reason; "" = the whole form).</summary>
public sealed record BreakGlassResult(bool Succeeded, IReadOnlyList<FieldError> Errors, long? GrantId = null)
{
    public static BreakGlassResult Ok(long id) => new(true, [], id);

    public static BreakGlassResult Fail(string field, string message) => new(false, [new FieldError(field, message)]);
}

/// <summary>
/// Grants emergency access (ADR 0085). Admins only (an <see cref="UnauthorizedAccessException"/> otherwise), never to
/// themselves (the person who grants is a second pair of eyes), within the configured bounds, and one open grant per
/// user and role: a grant cannot be stacked on another to stretch access past the maximum. The grant is audited
/// (<c>break-glass.grant</c>, ids and the duration only; the reason stays on the grant).
/// </summary>
public sealed class GrantBreakGlass(AppDbContext db, AuditLog audit, ICurrentActor actor, TimeProvider clock, BreakGlassRules rules)
{
    public async Task<BreakGlassResult> GrantAsync(BreakGlassRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        SettingsAccess.DemandAdmin(actor);
        if (actor.UserId is not { } adminId)
        {
            // The command line acts as the installation's operator but is nobody an auditor could ask about the grant.
            throw new UnauthorizedAccessException("Emergency access is granted by a signed-in Admin.");
        }

        if (string.Equals(request.UserId, adminId, StringComparison.Ordinal))
        {
            return BreakGlassResult.Fail(nameof(BreakGlassRequest.UserId), "You cannot grant emergency access to yourself; ask another Admin.");
        }

        var user = await db.Users.AsNoTracking().Where(u => u.Id == request.UserId).Select(u => new { u.Id, u.IsDisabled }).FirstOrDefaultAsync(cancellationToken);
        if (user is null || user.IsDisabled)
        {
            return BreakGlassResult.Fail(nameof(BreakGlassRequest.UserId), "Choose an active user.");
        }

        var role = BreakGlassRules.GrantableRoles.FirstOrDefault(r => string.Equals(r, request.Role, StringComparison.OrdinalIgnoreCase));
        if (role is null)
        {
            return BreakGlassResult.Fail(nameof(BreakGlassRequest.Role), "Choose Specialist, Physician or Manager.");
        }

        var holds = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == user.Id && r.Name == role
                           select ur.UserId).AnyAsync(cancellationToken);
        if (holds)
        {
            return BreakGlassResult.Fail(nameof(BreakGlassRequest.Role), $"This user already is a {role}.");
        }

        if (request.Minutes < BreakGlassRules.MinMinutes || request.Minutes > rules.MaxMinutes)
        {
            return BreakGlassResult.Fail(nameof(BreakGlassRequest.Minutes), string.Create(CultureInfo.InvariantCulture,
                $"Choose from {BreakGlassRules.MinMinutes} minutes to {Duration(rules.MaxMinutes)}."));
        }

        var reason = request.Reason?.Trim() ?? "";
        if (reason.Length == 0)
        {
            return BreakGlassResult.Fail(nameof(BreakGlassRequest.Reason), "Enter the reason for emergency access.");
        }

        if (reason.Length > BreakGlassRules.MaxReasonLength)
        {
            return BreakGlassResult.Fail(nameof(BreakGlassRequest.Reason), string.Create(CultureInfo.InvariantCulture,
                $"Keep the reason within {BreakGlassRules.MaxReasonLength} characters."));
        }

        var now = clock.GetUtcNow();
        var open = await db.BreakGlassGrants.AsNoTracking()
            .Where(g => g.UserId == user.Id && g.Role == role && g.EndedAt == null && g.ExpiresAt > now)
            .Select(g => (DateTimeOffset?)g.ExpiresAt).FirstOrDefaultAsync(cancellationToken);
        if (open is not null)
        {
            return BreakGlassResult.Fail(nameof(BreakGlassRequest.Role),
                "This user already has emergency access in this role. End it first to grant a new period.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var grant = new BreakGlassGrant
        {
            UserId = user.Id,
            Role = role,
            Reason = reason,
            GrantedByUserId = adminId,
            GrantedByName = actor.Name,
            GrantedAt = now,
            ExpiresAt = now.AddMinutes(request.Minutes),
        };
        db.BreakGlassGrants.Add(grant);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync("break-glass.grant", "BreakGlassGrant", grant.Id.ToString(CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"user={user.Id} role={role} minutes={request.Minutes} until={grant.ExpiresAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}"),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return BreakGlassResult.Ok(grant.Id);
    }

    /// <summary>"8 hours", "90 minutes".</summary>
    public static string Duration(int minutes) =>
        minutes % 60 == 0
            ? (minutes / 60).ToString(CultureInfo.InvariantCulture) + (minutes == 60 ? " hour" : " hours")
            : minutes.ToString(CultureInfo.InvariantCulture) + " minutes";
}
