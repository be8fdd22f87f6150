using System.Security.Claims;
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
        return await IsCurrentAsync(users, authenticationState.User);
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
