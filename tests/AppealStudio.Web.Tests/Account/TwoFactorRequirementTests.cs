using System.Net;
using AppealStudio.Data.Identity;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace AppealStudio.Web.Tests.Account;

/// <summary>Issue 16: roles that must sign in with a second factor (Admin by default) enrol before anything else.</summary>
public class TwoFactorRequirementTests
{
    /// <summary>The app with the shipped default: Admins must use two-factor sign-in.</summary>
    private sealed class DefaultRequirementApp() : AppFactory(TestDatabase.Sqlite)
    {
        protected override string RequireTwoFactorRoles => "";
    }

    [Fact]
    public async Task Admin_WithoutAuthenticator_IsSentToEnrolBeforeAnyPage()
    {
        await using var app = new DefaultRequirementApp();
        using var admin = await BrowserlessClient.SignedInAsync(app, "admin@demo.local");

        var settings = await admin.Http.GetAsync("/settings");
        var reports = await admin.Http.GetAsync("/reports");
        var enrol = await admin.Http.GetAsync("/account/two-factor?required=1");

        Assert.Equal(HttpStatusCode.Redirect, settings.StatusCode);
        Assert.Equal("/account/two-factor?required=1", settings.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, reports.StatusCode);
        Assert.Equal(HttpStatusCode.OK, enrol.StatusCode);
        Assert.Contains("Your role requires two-factor sign-in", await enrol.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Specialist_RoleNotRequired_ReachesTheirPages()
    {
        await using var app = new DefaultRequirementApp();
        using var specialist = await BrowserlessClient.SignedInAsync(app, "specialist@demo.local");

        Assert.Equal(HttpStatusCode.OK, (await specialist.Http.GetAsync("/worklist")).StatusCode);
    }

    [Theory]
    [InlineData(null, new[] { Roles.Admin })]
    [InlineData("admin, physician", new[] { Roles.Admin, Roles.Physician })]
    [InlineData("none", new string[0])]
    public void From_Configuration_ReadsTheRoles(string? setting, string[] expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Security:RequireTwoFactorRoles"] = setting }).Build();

        var requirement = TwoFactorRequirement.From(configuration);

        Assert.Equal(expected.Order(StringComparer.Ordinal), requirement.Roles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void From_UnknownRole_RefusesToStartWithTheRoleNames()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Security:RequireTwoFactorRoles"] = "Wizard" }).Build();

        var refused = Assert.Throws<InvalidOperationException>(() => TwoFactorRequirement.From(configuration));

        Assert.Contains("'Wizard', which is not a role", refused.Message, StringComparison.Ordinal);
    }
}
