using System.Security.Claims;
using AppealStudio.Data.Identity;
using AppealStudio.Web.Infrastructure;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Settings;

/// <summary>
/// A service scope of the real app acting as a given user, as a circuit operation does (<see cref="Operations"/>): the
/// services' own role checks see that user's roles, and the audit trail their name.
/// </summary>
internal static class Acting
{
    public const string Admin = "admin@demo.local";
    public const string Manager = "manager@demo.local";
    public const string Specialist = "specialist@demo.local";
    public const string Physician = "physician@demo.local";

    public static async Task<AsyncServiceScope> AsAsync(AppFactory factory, string email)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException(email + " is not a user");
        var roles = await users.GetRolesAsync(user);
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, user.Id), new(ClaimTypes.Name, user.UserName ?? email) };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        scope.ServiceProvider.GetRequiredService<WebActor>().UseCircuitUser(new ClaimsPrincipal(new ClaimsIdentity(claims, "test")), "127.0.0.1");
        return scope;
    }

    /// <summary>Runs one operation as the user, in a scope of its own (a fresh DbContext, as on the circuit).</summary>
    public static async Task<T> RunAsync<TService, T>(AppFactory factory, string email, Func<TService, Task<T>> operation)
        where TService : notnull
    {
        ArgumentNullException.ThrowIfNull(operation);
        await using var scope = await AsAsync(factory, email);
        return await operation(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
