using AppealStudio.Data.Identity;
using AppealStudio.Web.Tests.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Infrastructure;

/// <summary>Creates a throwaway user through the same use case the Settings page and the CLI call.</summary>
public static class UserFactory
{
    public const string Password = "Test!Passw0rd#1";

    public static async Task<string> CreateAsync(AppFactory factory, params string[] roles)
    {
        var email = $"user-{Guid.NewGuid():N}@test.local";
        // Users are created by an Admin (the service checks the role), as on Settings > Users.
        await using var scope = await Acting.AsAsync(factory, Acting.Admin);
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var result = await admin.CreateAsync(email, "Test User", null, roles, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return email;
    }
}
