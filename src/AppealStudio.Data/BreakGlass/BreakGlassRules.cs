using System.Globalization;
using AppealStudio.Data.Identity;
using Microsoft.Extensions.Configuration;

namespace AppealStudio.Data.BreakGlass;

/// <summary>
/// The bounds of a grant (section <c>BreakGlass</c>): at least 15 minutes, at most <c>BreakGlass:MaxMinutes</c>
/// (default 480, one shift; the setting may not exceed 1,440, a day).
/// </summary>
public sealed record BreakGlassRules(int MaxMinutes)
{
    public const int MinMinutes = 15;

    public const int CeilingMinutes = 24 * 60;

    public const int MaxReasonLength = 1000;

    /// <summary>The roles a grant may give. Admin is not one: a user who needs to administer is made an Admin, visibly.</summary>
    public static readonly IReadOnlyList<string> GrantableRoles = [Roles.Specialist, Roles.Physician, Roles.Manager];

    public static BreakGlassRules From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration["BreakGlass:MaxMinutes"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return new BreakGlassRules(480);
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var max) || max < MinMinutes || max > CeilingMinutes)
        {
            throw new InvalidOperationException(
                $"BreakGlass:MaxMinutes is '{text}'; use a whole number of minutes from {MinMinutes} to {CeilingMinutes} (default 480).");
        }

        return new BreakGlassRules(max);
    }
}
