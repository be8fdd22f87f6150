using System.Security.Claims;
using AppealStudio.Data.Identity;
using AppealStudio.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Infrastructure;

/// <summary>
/// A service scope of the real app acting as a given user, as an interactive page's operation does
/// (<see cref="Operations"/>): the user's id, name and roles as their sign-in cookie carries them. Service tests call
/// the Data services through it, so role checks, resource checks and the audit trail see that user.
/// </summary>
internal static class ActorScopes
{
    public static async Task<AsyncServiceScope> ScopeAsAsync(this AppFactory factory, string email)
    {
        var scope = factory.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        var user = await signIn.UserManager.FindByEmailAsync(email) ?? throw new InvalidOperationException(email + " is not a user");
        var principal = await signIn.CreateUserPrincipalAsync(user);
        scope.ServiceProvider.GetRequiredService<WebActor>().UseCircuitUser(principal, "127.0.0.1");
        return scope;
    }

    /// <summary>A scope whose actor is signed in but holds no role (an account an Admin has not finished).</summary>
    public static AsyncServiceScope ScopeWithoutRole(this AppFactory factory, string userId = "no-role-user")
    {
        var scope = factory.Services.CreateAsyncScope();
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Name, "norole@test.local")], "test");
        scope.ServiceProvider.GetRequiredService<WebActor>().UseCircuitUser(new ClaimsPrincipal(identity), "127.0.0.1");
        return scope;
    }

    public static T Get<T>(this AsyncServiceScope scope)
        where T : notnull => scope.ServiceProvider.GetRequiredService<T>();
}
