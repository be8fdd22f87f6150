using System.Security.Claims;
using AppealStudio.Data.Identity;
using Microsoft.AspNetCore.Identity;

namespace AppealStudio.Web.Infrastructure;

/// <summary>
/// Enforces <see cref="TwoFactorRequirement"/>: a signed-in user in a role that requires two-factor sign-in, who did not
/// sign in with a second factor and has not enrolled one, reaches only the account pages; every page request is
/// redirected to enrolment (<c>/account/two-factor?required=1</c>) and anything else is refused with 403.
/// </summary>
public static class SecurityTwoFactorEnrollment
{
    public const string EnrolPath = "/account/two-factor";

    public static IApplicationBuilder UseTwoFactorEnrollment(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var user = context.User;
            if (user.Identity?.IsAuthenticated == true && !IsAlwaysAllowed(context.Request.Path)
                && await MustEnrolAsync(context, user))
            {
                if (HttpMethods.IsGet(context.Request.Method))
                {
                    context.Response.Redirect(EnrolPath + "?required=1");
                }
                else
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                }

                return;
            }

            await next(context);
        });

    private static async Task<bool> MustEnrolAsync(HttpContext context, ClaimsPrincipal user)
    {
        var requirement = context.RequestServices.GetRequiredService<TwoFactorRequirement>();
        if (!requirement.AppliesTo(user.IsInRole))
        {
            return false;
        }

        // Signed in with a code: nothing to check. Otherwise they may have enrolled since signing in (the cookie keeps
        // the password-only method until the next sign-in): ask the store.
        if (user.FindFirstValue("amr") == "mfa")
        {
            return false;
        }

        var users = context.RequestServices.GetRequiredService<UserManager<AppUser>>();
        return await users.GetUserAsync(user) is not { } account || !await users.GetTwoFactorEnabledAsync(account);
    }

    private static bool IsAlwaysAllowed(PathString path) =>
        path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/_framework", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/_content", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/css", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/js", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/fonts", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/status", StringComparison.OrdinalIgnoreCase)
        || path.Value?.EndsWith(".css", StringComparison.OrdinalIgnoreCase) == true
        || path.Value?.EndsWith(".js", StringComparison.OrdinalIgnoreCase) == true;
}
