using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace AppealStudio.Web.Infrastructure;

/// <summary>
/// The absolute session lifetime (<c>Security:AbsoluteSessionHours</c>, default 12): however active the user, a
/// session ends that long after the password was entered (164.312(a)(2)(iii) automatic logoff, besides the idle
/// timeout). The sign-in time travels in the cookie's properties (kept when the cookie slides or is refreshed) and as a
/// claim (so an interactive circuit, which sees only the principal, can check it too).
/// </summary>
public static class SessionLifetime
{
    public const string ClaimType = "appealstudio:signed_in";

    private const string ItemKey = ".appealstudio.signed_in";

    public static TimeSpan From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var hours = configuration.GetValue("Security:AbsoluteSessionHours", 12.0);
        if (hours is < 0.25 or > 24 * 7)
        {
            throw new InvalidOperationException(
                string.Create(CultureInfo.InvariantCulture, $"Security:AbsoluteSessionHours is {hours}; use a number of hours from 0.25 to 168 (default 12)."));
        }

        return TimeSpan.FromHours(hours);
    }

    /// <summary>When this principal signed in, or null for a principal issued before the claim existed.</summary>
    public static DateTimeOffset? SignedIn(ClaimsPrincipal principal) =>
        principal?.FindFirst(ClaimType)?.Value is { } text && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>True once the session is older than <paramref name="lifetime"/>; a session without a sign-in time has expired.</summary>
    public static bool HasExpired(ClaimsPrincipal principal, DateTimeOffset now, TimeSpan lifetime) =>
        SignedIn(principal) is not { } signedIn || now - signedIn > lifetime;

    /// <summary>Stamps the sign-in time at sign-in and refuses (signs out) a cookie past the lifetime.</summary>
    public static void Apply(CookieAuthenticationOptions options, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(options);
        var onSigningIn = options.Events.OnSigningIn;
        options.Events.OnSigningIn = async context =>
        {
            var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            // A refresh (role change, two-factor enrolment) signs in again with the same properties: keep the first time.
            var signedIn = context.Properties.Items.TryGetValue(ItemKey, out var kept) && kept is not null ? kept
                : now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            context.Properties.Items[ItemKey] = signedIn;
            if (context.Principal?.Identity is ClaimsIdentity identity)
            {
                foreach (var old in identity.FindAll(ClaimType).ToList())
                {
                    identity.RemoveClaim(old);
                }

                identity.AddClaim(new Claim(ClaimType, signedIn));
            }

            await onSigningIn(context);
        };

        // Identity's security-stamp check runs here; the lifetime is checked first, then the stamp.
        var onValidate = options.Events.OnValidatePrincipal;
        options.Events.OnValidatePrincipal = async context =>
        {
            var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            if (context.Principal is null || HasExpired(context.Principal, now, lifetime))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }

            await onValidate(context);
        };
    }

    /// <summary>The security-stamp check builds a fresh principal every minute: it keeps the sign-in time.</summary>
    public static void KeepOnRefresh(SecurityStampValidatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.OnRefreshingPrincipal = context =>
        {
            if (context.CurrentPrincipal?.FindFirst(ClaimType) is { } claim && context.NewPrincipal?.Identity is ClaimsIdentity identity
                && identity.FindFirst(ClaimType) is null)
            {
                identity.AddClaim(new Claim(ClaimType, claim.Value));
            }

            return Task.CompletedTask;
        };
    }
}

/// <summary>
/// Sign-in attempts per client address (<c>Security:SignInAttemptsPerMinute</c>, default 10), besides Identity's
/// per-account lockout: one address guessing many accounts' passwords is slowed down too. Only the sign-in and
/// two-factor form posts are counted; the client address is the one the forwarded headers resolved.
/// </summary>
public static class SignInRateLimiting
{
    public static IServiceCollection AddSignInRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue("Security:SignInAttemptsPerMinute", 10);
        if (perMinute is < 1 or > 10_000)
        {
            throw new InvalidOperationException(
                string.Create(CultureInfo.InvariantCulture, $"Security:SignInAttemptsPerMinute is {perMinute}; use a whole number from 1 to 10000 (default 10)."));
        }

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(
                    "Too many sign-in attempts from this address. Wait a minute and try again.", cancellationToken);
            };
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => IsSignInPost(http.Request)
                ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter(""));
        });
        return services;
    }

    private static bool IsSignInPost(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.Equals("/account/signin", StringComparison.OrdinalIgnoreCase)
            || request.Path.Equals("/account/signin-2fa", StringComparison.OrdinalIgnoreCase));
}
