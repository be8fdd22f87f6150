using AppealStudio.Data;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using AppealStudio.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace AppealStudio.Web.Features.Account;

public static class AccountServices
{
    public static IServiceCollection AddAccount(this IServiceCollection services, IConfiguration configuration,
        IWebHostEnvironment environment)
    {
        services.AddIdentity<AppUser, IdentityRole>(DataServiceCollectionExtensions.ApplyAppealStudioPolicy)
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<AppSignInManager>()
            .AddDefaultTokenProviders();

        var idleMinutes = configuration.GetValue("Security:IdleTimeoutMinutes", 15);
        if (idleMinutes is < 1 or > 24 * 60)
        {
            throw new InvalidOperationException(
                $"Security:IdleTimeoutMinutes is {idleMinutes}; use a number of minutes from 1 to 1440.");
        }

        var lifetime = SessionLifetime.From(configuration);
        services.AddSingleton(new AbsoluteSessionLifetime(lifetime));
        services.AddSignInRateLimiting(configuration);
        services.AddConfiguredForwardedHeaders(configuration);
        services.AddSingleton(TwoFactorRequirement.From(configuration));
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/signin";
            o.LogoutPath = "/account/signout";
            o.AccessDeniedPath = "/account/access-denied";
            // Idle sign-out: the cookie lapses after this much inactivity; activity slides it forward.
            o.ExpireTimeSpan = TimeSpan.FromMinutes(idleMinutes);
            o.SlidingExpiration = true;
            o.Cookie.Name = "AppealStudio.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => RedirectOrStatus(ctx, StatusCodes.Status403Forbidden);
            SessionLifetime.Apply(o, lifetime);
        });

        // A disabled user or a password reset ends existing sessions within a minute, not the default 30.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            SessionLifetime.KeepOnRefresh(o);
        });
        services.ConfigureExternalCookie(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        return services;
    }

    public static IEndpointRouteBuilder MapAccount(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/signout", async (SignInManager<AppUser> signIn, AuditLog audit, HttpContext http) =>
        {
            var idle = http.Request.HasFormContentType && (await http.Request.ReadFormAsync())["reason"] == "idle";
            if (http.User.Identity?.IsAuthenticated == true)
            {
                await audit.RecordAsync(idle ? "auth.idle-sign-out" : "auth.sign-out", "User", signIn.UserManager.GetUserId(http.User));
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect(idle ? "/account/signin?signedOut=2" : "/account/signin?signedOut=1");
        }).AllowAnonymous();

        // Interactive pages send no HTTP requests, so the sliding sign-in cookie would lapse under an active user:
        // session.js calls this about once a minute while the user types or clicks, and the cookie slides forward.
        endpoints.MapGet("/account/keepalive", () => Results.NoContent());
        return endpoints;
    }

    // Downloads and scripts (fetch) cannot follow a redirect to the sign-in page into something useful: they get the
    // status code; a page request is redirected as usual.
    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/account/keepalive", StringComparison.OrdinalIgnoreCase))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>The configured absolute session lifetime, for the circuit's revalidation.</summary>
public sealed record AbsoluteSessionLifetime(TimeSpan Value);

/// <summary>Refuses sign-in to users an Admin disabled, whatever their password.</summary>
public sealed class AppSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user) =>
        !user.IsDisabled && await base.CanSignInAsync(user);
}
