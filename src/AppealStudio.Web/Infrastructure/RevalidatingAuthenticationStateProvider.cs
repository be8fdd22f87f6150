using System.Security.Claims;
using AppealStudio.Data;
using AppealStudio.Data.BreakGlass;
using AppealStudio.Data.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AppealStudio.Web.Infrastructure;

/// <summary>When the circuit's user last did something (an event or a JS call from the page).</summary>
public sealed class CircuitActivity(TimeProvider clock)
{
    public DateTimeOffset Last { get; private set; } = clock.GetUtcNow();

    public void Touch() => Last = clock.GetUtcNow();
}

/// <summary>
/// An interactive circuit keeps the user it started with until this says otherwise. Every minute it re-reads the
/// user: a disabled account, a changed security stamp (password reset, role change, sign-out everywhere), the idle
/// timeout passed in the circuit or the absolute session lifetime ends the session there too, and the page falls back to the sign-in.
/// </summary>
public sealed class RevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopes,
    IOptions<IdentityOptions> identityOptions,
    CircuitActivity activity,
    TimeProvider clock,
    IConfiguration configuration,
    Features.Account.AbsoluteSessionLifetime lifetime)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    private readonly TimeSpan idle = TimeSpan.FromMinutes(configuration.GetValue("Security:IdleTimeoutMinutes", 15));

    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState,
        CancellationToken cancellationToken)
    {
        if (clock.GetUtcNow() - activity.Last > idle)
        {
            return false;
        }

        // The absolute lifetime ends an open circuit too, not only the next HTTP request (issue 16).
        if (SessionLifetime.HasExpired(authenticationState.User, clock.GetUtcNow(), lifetime.Value))
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (!await IsCurrentAsync(users, authenticationState.User))
        {
            return false;
        }

        // Last: a changed state restarts the revalidation loop with the new principal.
        await RefreshGrantsAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), authenticationState.User, cancellationToken);
        return true;
    }

    /// <summary>
    /// Puts the user's open emergency-access grants on the circuit's principal now (the banner calls it after "end
    /// now"); otherwise revalidation does it every minute, so the menus and page policies follow grants within a minute.
    /// </summary>
    public async Task RefreshBreakGlassAsync(CancellationToken cancellationToken = default)
    {
        var state = await GetAuthenticationStateAsync();
        await using var scope = scopes.CreateAsyncScope();
        await RefreshGrantsAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), state.User, cancellationToken);
    }

    private async Task RefreshGrantsAsync(AppDbContext db, ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return;
        }

        var grants = await BreakGlassGrants.ActiveForAsync(db, userId, clock.GetUtcNow(), cancellationToken);
        var held = BreakGlassClaims.Read(principal);
        if (!grants.Select(g => g.Id).Order().SequenceEqual(held.Select(g => g.Id).Order()))
        {
            SetAuthenticationState(Task.FromResult(new AuthenticationState(BreakGlassClaims.With(principal, grants))));
        }
    }

    private async Task<bool> IsCurrentAsync(UserManager<AppUser> users, ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null || user.IsDisabled)
        {
            return false;
        }

        if (!users.SupportsUserSecurityStamp)
        {
            return true;
        }

        var principalStamp = principal.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await users.GetSecurityStampAsync(user);
    }
}
