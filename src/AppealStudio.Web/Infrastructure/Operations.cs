using System.Security.Claims;
using AppealStudio.Data;
using AppealStudio.Data.BreakGlass;
using Microsoft.AspNetCore.Components.Authorization;

namespace AppealStudio.Web.Infrastructure;

/// <summary>Where the circuit's user connected from, captured from the HTTP request that started the circuit.</summary>
public sealed class CircuitClient
{
    public string? Address { get; set; }
}

/// <summary>
/// Runs one operation of an interactive page in a fresh service scope: a new DbContext, new feature services, and
/// the circuit's current user as the actor. A circuit lives for minutes, so nothing that holds a DbContext may live
/// as long as the circuit (one context per operation, ADR 0018). Pages call services only through this.
/// </summary>
public sealed class Operations(IServiceScopeFactory scopes, AuthenticationStateProvider authentication, CircuitClient client)
{
    public async Task<TResult> RunAsync<TService, TResult>(Func<TService, Task<TResult>> operation)
        where TService : notnull
    {
        ArgumentNullException.ThrowIfNull(operation);
        await using var scope = await BeginAsync();
        return await operation(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task RunAsync<TService>(Func<TService, Task> operation)
        where TService : notnull
    {
        ArgumentNullException.ThrowIfNull(operation);
        await using var scope = await BeginAsync();
        await operation(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>For an operation that needs several services of one unit of work.</summary>
    public async Task<TResult> RunAsync<TResult>(Func<IServiceProvider, Task<TResult>> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        await using var scope = await BeginAsync();
        return await operation(scope.ServiceProvider);
    }

    public async Task<ClaimsPrincipal> UserAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    private async Task<AsyncServiceScope> BeginAsync()
    {
        var user = await UserAsync();
        var scope = scopes.CreateAsyncScope();
        IReadOnlyList<ActiveGrant>? grants = null;
        // A circuit's principal learns of grants at most a minute late; an operation of a holder re-reads them so a
        // grant ended or revoked meanwhile stops counting at once (ADR 0085). Users without a grant pay nothing.
        if (BreakGlassClaims.Read(user).Count > 0 && user.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            var sp = scope.ServiceProvider;
            grants = await BreakGlassGrants.ActiveForAsync(sp.GetRequiredService<AppDbContext>(), userId, sp.GetRequiredService<TimeProvider>().GetUtcNow());
        }

        scope.ServiceProvider.GetRequiredService<WebActor>().UseCircuitUser(user, client.Address, grants);
        return scope;
    }
}
