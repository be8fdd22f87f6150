using AppealStudio.Data.Identity;
using Microsoft.AspNetCore.Authorization;

namespace AppealStudio.Web.Infrastructure;

/// <summary>
/// Who may open which area. Pages name a policy, never a list of roles, so the navigation and the pages cannot
/// disagree. Patient-level checks (which letter, which chart) are resource handlers on top of these.
/// </summary>
public static class Policies
{
    public const string Worklist = nameof(Worklist);
    public const string SignOff = nameof(SignOff);
    public const string Reports = nameof(Reports);
    public const string Imports = nameof(Imports);
    public const string Settings = nameof(Settings);

    public static readonly IReadOnlyDictionary<string, string[]> RolesByPolicy = new Dictionary<string, string[]>
    {
        [Worklist] = [Roles.Specialist, Roles.Manager, Roles.Admin],
        [SignOff] = [Roles.Physician],
        [Reports] = [Roles.Manager, Roles.Admin],
        [Imports] = [Roles.Specialist, Roles.Manager, Roles.Admin],
        [Settings] = [Roles.Admin],
    };

    public static void Add(AuthorizationOptions options)
    {
        foreach (var (policy, roles) in RolesByPolicy)
        {
            options.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
        }

        // Sign-in is required unless an endpoint says [AllowAnonymous] (sign-in page, health check, error pages).
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }

    /// <summary>Where a user lands after sign-in: the first area their role works in.</summary>
    public static string HomeFor(System.Security.Claims.ClaimsPrincipal user) =>
        user.IsInRole(Roles.Specialist) ? "/worklist"
        : user.IsInRole(Roles.Physician) ? "/signoff"
        : user.IsInRole(Roles.Manager) ? "/reports"
        : user.IsInRole(Roles.Admin) ? "/settings"
        : "/account/no-role";
}
