using AppealStudio.Data.Audit;
using AppealStudio.Data.Identity;

namespace AppealStudio.Data.Lifecycle;

/// <summary>
/// The role checks of the lifecycle services, made by the service itself under the pages' policies (defence in depth):
/// a refusal throws <see cref="UnauthorizedAccessException"/>, which a page turns into "access denied".
/// </summary>
public static class RoleGuard
{
    /// <summary>Roles that work denials: specialists, managers and admins.</summary>
    public static readonly IReadOnlyList<string> WorkDenials = [Roles.Specialist, Roles.Manager, Roles.Admin];

    /// <summary>Roles that manage the practice's work: managers and admins (void an import, assign owners).</summary>
    public static readonly IReadOnlyList<string> Manage = [Roles.Manager, Roles.Admin];

    /// <summary>Settings: admins only.</summary>
    public static readonly IReadOnlyList<string> Settings = [Roles.Admin];

    public static void Demand(ICurrentActor actor, IReadOnlyList<string> roles, string what)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(roles);
        if (!roles.Any(actor.IsInRole))
        {
            throw new UnauthorizedAccessException($"{what} is for {string.Join(", ", roles.Select(r => r.ToLowerInvariant() + "s"))}.");
        }
    }
}
