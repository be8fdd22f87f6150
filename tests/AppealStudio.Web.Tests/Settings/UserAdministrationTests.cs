using System.Net;
using AppealStudio.Data.Identity;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Web.Tests.Settings;

/// <summary>Settings &gt; Users through the service the page calls (as an Admin), checked by signing in over HTTP.</summary>
public class UserAdministrationTests
{
    private static Task<T> AsAdminAsync<T>(AppFactory factory, Func<UserAdministration, Task<T>> operation) =>
        Acting.RunAsync(factory, Acting.Admin, operation);

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task CreateUser_Valid_UserCanSignInWithTheirRole(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var email = $"new-{Guid.NewGuid():N}@practice.test";

        var result = await AsAdminAsync(factory, a => a.CreateAsync(email, "Pat Coder", null, [Roles.Specialist], "Fresh!Passw0rd42"));

        Assert.True(result.Succeeded);
        Assert.Contains(await AsAdminAsync(factory, a => a.ListAsync()), u => u.Email == email && u.Roles.SequenceEqual([Roles.Specialist]));
        using var user = await BrowserlessClient.SignedInAsync(factory, email, "Fresh!Passw0rd42");
        Assert.Equal(HttpStatusCode.OK, (await user.Http.GetAsync("/worklist")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await user.Http.GetAsync("/settings/users")).StatusCode);
        Assert.True(await factory.WithDbAsync(d => d.AuditEvents.AnyAsync(e => e.Action == "user.create" && e.EntityId == result.UserId && e.Actor == Acting.Admin)));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task CreateUser_WeakPasswordNoRoleBadNpi_EveryReasonAtItsField(TestDatabase db)
    {
        var factory = AppFactory.For(db);

        var noRole = await AsAdminAsync(factory, a => a.CreateAsync("weak@practice.test", "Weak Password", "12", [], "short"));
        var weak = await AsAdminAsync(factory, a => a.CreateAsync("weak@practice.test", "Weak Password", null, [Roles.Manager], "short"));

        var fields = noRole.FieldErrors.ToLookup(e => e.Field, e => e.Message);
        Assert.Contains("Choose at least one role.", fields["Roles"]);
        Assert.Contains("An NPI is 10 digits.", fields["Npi"]);
        Assert.All(weak.FieldErrors, e => Assert.Equal("Password", e.Field));
        Assert.Contains(weak.FieldErrors, e => e.Message.Contains("at least 12 characters", StringComparison.Ordinal));
        Assert.False(await factory.WithDbAsync(d => d.Users.AnyAsync(u => u.Email == "weak@practice.test")));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task CreateUser_DuplicateEmail_IsRefusedAtTheEmail(TestDatabase db)
    {
        var factory = AppFactory.For(db);

        var result = await AsAdminAsync(factory, a => a.CreateAsync("manager@demo.local", "Again", null, [Roles.Manager], "Fresh!Passw0rd42"));

        var error = Assert.Single(result.FieldErrors);
        Assert.Equal("Email", error.Field);
        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task DisableUser_TheyCanNoLongerSignIn_AndReEnableRestoresAccess(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var email = await UserFactory.CreateAsync(factory, "Physician");
        var id = await factory.WithDbAsync(d => d.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

        Assert.True((await AsAdminAsync(factory, a => a.SetDisabledAsync(id, true))).Succeeded);
        using var user = BrowserlessClient.Create(factory);
        var refused = await user.SignInAsync(email, UserFactory.Password);
        Assert.Contains("disabled", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.True((await AsAdminAsync(factory, a => a.SetDisabledAsync(id, false))).Succeeded);
        Assert.Equal(HttpStatusCode.Redirect, (await user.SignInAsync(email, UserFactory.Password)).StatusCode);
        Assert.True(await factory.WithDbAsync(d => d.AuditEvents.AnyAsync(e => e.Action == "user.disable" && e.EntityId == id)));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task DisableUser_OwnAccount_IsRefused(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var adminId = await factory.WithDbAsync(d => d.Users.Where(u => u.Email == Acting.Admin).Select(u => u.Id).SingleAsync());

        var result = await AsAdminAsync(factory, a => a.SetDisabledAsync(adminId, true));

        Assert.False(result.Succeeded);
        Assert.False(await factory.WithDbAsync(d => d.Users.Where(u => u.Id == adminId).Select(u => u.IsDisabled).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task ResetPassword_NewPasswordWorks_OldDoesNot(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var email = await UserFactory.CreateAsync(factory, "Manager");
        var id = await factory.WithDbAsync(d => d.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

        var empty = await AsAdminAsync(factory, a => a.ResetPasswordAsync(id, ""));
        var result = await AsAdminAsync(factory, a => a.ResetPasswordAsync(id, "Another!Passw0rd9"));

        Assert.Equal("Password", Assert.Single(empty.FieldErrors).Field);
        Assert.True(result.Succeeded);
        using var user = BrowserlessClient.Create(factory);
        Assert.Equal(HttpStatusCode.OK, (await user.SignInAsync(email, UserFactory.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await user.SignInAsync(email, "Another!Passw0rd9")).StatusCode);
    }
}
