using Microsoft.Extensions.Configuration;

namespace AppealStudio.Data.Identity;

/// <summary>
/// Which roles must sign in with a second factor (<c>Security:RequireTwoFactorRoles</c>: comma-separated role names,
/// default <c>Admin</c>; <c>none</c> turns the requirement off). A user holding any of them who has not enrolled an
/// authenticator is sent to enrol before anything else (164.312(d)).
/// </summary>
public sealed record TwoFactorRequirement(IReadOnlySet<string> Roles)
{
    public static TwoFactorRequirement From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration["Security:RequireTwoFactorRoles"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return new TwoFactorRequirement(new HashSet<string>([Identity.Roles.Admin], StringComparer.Ordinal));
        }

        if (string.Equals(text.Trim(), "none", StringComparison.OrdinalIgnoreCase))
        {
            return new TwoFactorRequirement(new HashSet<string>(StringComparer.Ordinal));
        }

        var roles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var role = Identity.Roles.All.FirstOrDefault(r => string.Equals(r, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidOperationException(
                    $"Security:RequireTwoFactorRoles names '{name}', which is not a role; use any of {string.Join(", ", Identity.Roles.All)}, or none.");
            roles.Add(role);
        }

        return new TwoFactorRequirement(roles);
    }

    /// <summary>Whether a user with these roles must have two-factor sign-in turned on.</summary>
    public bool AppliesTo(Func<string, bool> isInRole)
    {
        ArgumentNullException.ThrowIfNull(isInRole);
        return Roles.Any(isInRole);
    }
}
