using AppealStudio.Data.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Infrastructure;

/// <summary>Creates a throwaway user through the same use case the Settings page and the CLI call.</summary>
public static class UserFactory
{
    public const string Password = "Test!Passw0rd#1";

    public static async Task<string> CreateAsync(AppFactory factory, params string[] roles)
    {
        var email = $"user-{Guid.NewGuid():N}@test.local";
        await using var scope = factory.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var result = await admin.CreateAsync(email, "Test User", null, roles, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return email;
    }
}
