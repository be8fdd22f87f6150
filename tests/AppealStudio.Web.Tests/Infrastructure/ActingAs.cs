using System.Security.Claims;
using AppealStudio.Data.Identity;
using AppealStudio.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Infrastructure;

/// <summary>
/// A service scope of the real app acting as a seeded user, the way <see cref="Operations"/> runs a page's operation:
/// the user's id, name and roles as the sign-in cookie carries them. For service tests of what a page calls.
/// </summary>
public static class ActingAs
{
    public static async Task<AsyncServiceScope> ScopeAsync(WebApplicationFactory<Program> factory, string email)
    {
        var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException(email + " is not a user");
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user);
        scope.ServiceProvider.GetRequiredService<WebActor>().UseCircuitUser(principal, "127.0.0.1");
        return scope;
    }

    /// <summary>Runs one operation of <typeparamref name="TService"/> as <paramref name="email"/>, in its own scope.</summary>
    public static async Task<TResult> RunAsync<TService, TResult>(WebApplicationFactory<Program> factory, string email, Func<TService, Task<TResult>> operation)
        where TService : notnull
    {
        await using var scope = await ScopeAsync(factory, email);
        return await operation(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public static ClaimsPrincipal Anonymous => new(new ClaimsIdentity());
}
