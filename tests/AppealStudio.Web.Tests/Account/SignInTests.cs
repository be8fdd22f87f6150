using System.Net;
using AppealStudio.Web.Tests.Infrastructure;

namespace AppealStudio.Web.Tests.Account;

public class SignInTests
{
    public static IEnumerable<object[]> DatabasesAndRoles() =>
        from db in TestDatabases.All()
        from role in new[]
        {
            ("specialist@demo.local", "/worklist", "Specialist"),
            ("physician@demo.local", "/signoff", "Physician"),
            ("manager@demo.local", "/reports", "Manager"),
            ("admin@demo.local", "/settings", "Admin"),
        }
        select new object[] { db[0], role.Item1, role.Item2, role.Item3 };

    internal static string PathOf(HttpResponseMessage response) =>
        response.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.AbsolutePath : response.Headers.Location!.OriginalString.Split('?')[0];

    [Theory]
    [MemberData(nameof(DatabasesAndRoles))]
    public async Task SignIn_DemoUser_LandsOnRoleHome_AndTheShellKnowsWhoTheyAre(TestDatabase db, string email, string home, string role)
    {
        var factory = AppFactory.For(db);
        using var client = await BrowserlessClient.SignedInAsync(factory, email);

        var root = await client.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal(home, PathOf(root));
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync(home)).StatusCode);

        // The app bar's name and roles come from the circuit's user (the navigation per role: NavMenuTests).
        await using var scope = await factory.ScopeAsAsync(email);
        var user = await scope.Get<AppealStudio.Data.Identity.SignedInUsers>().CurrentAsync();
        Assert.Equal(email, user!.Email);
        Assert.Equal(role, Assert.Single(user.Roles));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task SignIn_WrongPassword_ShowsErrorKeepsEmailAndAudits(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var client = BrowserlessClient.Create(factory);
        var before = await factory.CountAuditAsync("auth.sign-in-failed");

        var response = await client.SignInAsync("manager@demo.local", "not-the-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await BrowserlessClient.ParseAsync(response);
        Assert.Equal("The email or password is not right.", page.QuerySelector("[data-testid=signin-error]")!.TextContent.Trim());
        Assert.Equal("manager@demo.local", page.QuerySelector("#email")!.GetAttribute("value"));
        Assert.Equal(before + 1, await factory.CountAuditAsync("auth.sign-in-failed"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task SignIn_FiveFailures_LocksTheAccountEvenForTheRightPassword(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var email = await UserFactory.CreateAsync(factory, "Specialist");
        using var client = BrowserlessClient.Create(factory);

        for (var i = 0; i < 5; i++)
        {
            await client.SignInAsync(email, "Wrong!Password99");
        }

        var response = await client.SignInAsync(email, UserFactory.Password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = (await BrowserlessClient.ParseAsync(response)).QuerySelector("[data-testid=signin-error]")!.TextContent;
        Assert.Contains("locked", error, StringComparison.OrdinalIgnoreCase);
        Assert.True(await factory.CountAuditAsync("auth.locked-out") >= 1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task SignIn_EmptyForm_ShowsFieldMessages(TestDatabase db)
    {
        using var client = BrowserlessClient.Create(AppFactory.For(db));
        var page = await client.GetDocumentAsync("/account/signin");

        var response = await client.SubmitAsync(page, "main form", new Dictionary<string, string> { ["Input.Email"] = "", ["Input.Password"] = "" });

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Enter your email.", html, StringComparison.Ordinal);
        Assert.Contains("Enter your password.", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task SignIn_ExternalReturnUrl_IsIgnored(TestDatabase db)
    {
        using var client = BrowserlessClient.Create(AppFactory.For(db));
        var page = await client.GetDocumentAsync("/account/signin?ReturnUrl=%2F%2Fevil.example%2F");

        var response = await client.SubmitAsync(page, "main form", new Dictionary<string, string>
        {
            ["Input.Email"] = "admin@demo.local",
            ["Input.Password"] = BrowserlessClient.DemoPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", PathOf(response));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task SignOut_EndsTheSessionAndIsAudited(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var client = await BrowserlessClient.SignedInAsync(factory, "physician@demo.local");
        // The app bar's sign-out form renders on the circuit; a static page's form carries the same antiforgery token.
        var page = await client.GetDocumentAsync("/account/two-factor");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var before = await factory.CountAuditAsync("auth.sign-out");

        var response = await client.Http.PostAsync("/account/signout", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await client.Http.GetAsync("/signoff");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("http://localhost/account/signin", after.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(before + 1, await factory.CountAuditAsync("auth.sign-out"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task TwoFactor_Enabled_SignInAsksForTheAuthenticatorCode(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var email = await UserFactory.CreateAsync(factory, "Manager");
        using (var client = await BrowserlessClient.SignedInAsync(factory, email, UserFactory.Password))
        {
            var setup = await client.GetDocumentAsync("/account/two-factor");
            var key = setup.QuerySelector("[data-testid=authenticator-key]")!.TextContent;
            var wrong = await client.SubmitAsync(setup, "main form", new Dictionary<string, string> { ["Input.Code"] = "000000" });
            Assert.Contains("not right", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            setup = await client.GetDocumentAsync("/account/two-factor");
            var enabled = await client.SubmitAsync(setup, "main form",
                new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
            var enabledPage = await BrowserlessClient.ParseAsync(enabled);
            Assert.NotNull(enabledPage.QuerySelector("[data-testid=recovery-codes]"));

            using var second = BrowserlessClient.Create(factory);
            var response = await second.SignInAsync(email, UserFactory.Password);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/signin-2fa", PathOf(response));

            var codePage = await second.GetDocumentAsync("/account/signin-2fa");
            var verified = await second.SubmitAsync(codePage, "main form",
                new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
            Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await second.Http.GetAsync("/reports")).StatusCode);
        }
    }
}
