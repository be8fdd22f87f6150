using System.Net;
using AppealStudio.Web.Tests.Infrastructure;

namespace AppealStudio.Web.Tests.Settings;

public class UserAdministrationTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task CreateUser_ValidForm_UserCanSignInWithTheirRole(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var admin = await BrowserlessClient.SignedInAsync(factory, "admin@demo.local");
        var email = $"new-{Guid.NewGuid():N}@practice.test";
        var form = await admin.GetDocumentAsync("/settings/users/new");

        var response = await admin.SubmitAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.DisplayName"] = "Pat Coder",
            ["Input.Specialist"] = "true",
            ["Input.Password"] = "Fresh!Passw0rd42",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = await admin.GetDocumentAsync("/settings/users");
        Assert.Contains(email, list.QuerySelector("[data-testid=users-table]")!.TextContent, StringComparison.Ordinal);
        using var user = await BrowserlessClient.SignedInAsync(factory, email, "Fresh!Passw0rd42");
        Assert.Equal("/worklist", Account.SignInTests.PathOf(await user.Http.GetAsync("/")));
        Assert.True(await factory.CountAuditAsync("user.create") >= 1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task CreateUser_WeakPasswordNoRole_ShowsEveryReasonAndKeepsInput(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var admin = await BrowserlessClient.SignedInAsync(factory, "admin@demo.local");
        var form = await admin.GetDocumentAsync("/settings/users/new");

        var response = await admin.SubmitAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = "weak@practice.test",
            ["Input.DisplayName"] = "Weak Password",
            ["Input.Password"] = "short",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await BrowserlessClient.ParseAsync(response);
        var errors = page.QuerySelector("[data-testid=form-errors]")!.TextContent;
        Assert.Contains("Choose at least one role.", errors, StringComparison.Ordinal);
        Assert.Equal("weak@practice.test", page.QuerySelector("#email")!.GetAttribute("value"));
        Assert.Equal("Weak Password", page.QuerySelector("#displayName")!.GetAttribute("value"));

        // Now with a role: the password policy speaks.
        response = await admin.SubmitAsync(page, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = "weak@practice.test",
            ["Input.DisplayName"] = "Weak Password",
            ["Input.Manager"] = "true",
            ["Input.Password"] = "short",
        });
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("at least 12 characters", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task CreateUser_DuplicateEmail_IsRefused(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var admin = await BrowserlessClient.SignedInAsync(factory, "admin@demo.local");
        var form = await admin.GetDocumentAsync("/settings/users/new");

        var response = await admin.SubmitAsync(form, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = "manager@demo.local",
            ["Input.DisplayName"] = "Again",
            ["Input.Manager"] = "true",
            ["Input.Password"] = "Fresh!Passw0rd42",
        });

        Assert.Contains("already exists", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task DisableUser_TheyCanNoLongerSignIn_AndReEnableRestoresAccess(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var email = await UserFactory.CreateAsync(factory, "Physician");
        var id = await factory.WithDbAsync(d => Task.FromResult(d.Users.Single(u => u.Email == email).Id));
        using var admin = await BrowserlessClient.SignedInAsync(factory, "admin@demo.local");

        var edit = await admin.GetDocumentAsync($"/settings/users/{id}");
        await admin.SubmitAsync(edit, "form:has([data-testid=toggle-user])", new Dictionary<string, string>());

        using var user = BrowserlessClient.Create(factory);
        var refused = await user.SignInAsync(email, UserFactory.Password);
        Assert.Contains("disabled", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        edit = await admin.GetDocumentAsync($"/settings/users/{id}");
        await admin.SubmitAsync(edit, "form:has([data-testid=toggle-user])", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, (await user.SignInAsync(email, UserFactory.Password)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task ResetPassword_NewPasswordWorks_OldDoesNot(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var email = await UserFactory.CreateAsync(factory, "Manager");
        var id = await factory.WithDbAsync(d => Task.FromResult(d.Users.Single(u => u.Email == email).Id));
        using var admin = await BrowserlessClient.SignedInAsync(factory, "admin@demo.local");
        var edit = await admin.GetDocumentAsync($"/settings/users/{id}");

        var response = await admin.SubmitAsync(edit, "form:has(#newPassword)",
            new Dictionary<string, string> { ["Reset.NewPassword"] = "Another!Passw0rd9" });

        var page = await BrowserlessClient.ParseAsync(response);
        Assert.Contains("Password reset", page.QuerySelector("[data-testid=user-message]")!.TextContent, StringComparison.Ordinal);
        using var user = BrowserlessClient.Create(factory);
        Assert.Equal(HttpStatusCode.OK, (await user.SignInAsync(email, UserFactory.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await user.SignInAsync(email, "Another!Passw0rd9")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task AuditTrail_AdminSeesSignInEvents_FilterNarrowsThem(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var admin = await BrowserlessClient.SignedInAsync(factory, "admin@demo.local");

        var page = await admin.GetDocumentAsync("/settings/audit?action=auth.sign-in");

        var actions = page.QuerySelectorAll("[data-testid=audit-table] tbody tr td:nth-child(3)").Select(td => td.TextContent).ToList();
        Assert.NotEmpty(actions);
        Assert.All(actions, a => Assert.StartsWith("auth.sign-in", a, StringComparison.Ordinal));
    }
}
