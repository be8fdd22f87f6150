using AppealStudio.Web.Components.Layout;
using AppealStudio.Web.Features.Account;
using AppealStudio.Web.Tests.Components;
using Bunit;

namespace AppealStudio.Web.Tests.Account;

/// <summary>The interactive account pages and the navigation each role sees.</summary>
public class AccountPageTests : ComponentTest
{
    [Fact]
    public void AccessDenied_SaysTheRoleDoesNotIncludeThePage_AndLinksToTheStartPage()
    {
        SignIn("physician@demo.local");

        var page = Render<AccessDenied>();

        Assert.Equal("Not available for your role", page.Find("h1").TextContent.Trim());
        Assert.Contains("Your role does not include this area", page.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal);
        Assert.Equal("/", page.Find("[data-testid=empty-state] a").GetAttribute("href"));
    }

    [Fact]
    public void NoRole_SaysAnAdministratorMustGiveARole()
    {
        SignIn("specialist@demo.local");

        var page = Render<NoRole>();

        Assert.Equal("No role assigned", page.Find("h1").TextContent.Trim());
        Assert.Contains("An administrator needs to give you a role", page.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("specialist@demo.local", "Worklist,Imports,Chart documents")]
    [InlineData("physician@demo.local", "Sign-off")]
    [InlineData("manager@demo.local", "Worklist,Imports,Chart documents,Reports,Team")]
    [InlineData("admin@demo.local", "Worklist,Imports,Chart documents,Reports,Settings")]
    public void NavMenu_EachRole_SeesExactlyItsAreas(string email, string areas)
    {
        SignIn(email);

        var nav = Render<NavMenu>();

        var links = nav.FindAll("[data-testid=main-nav] .mud-nav-link-text").Select(a => a.TextContent.Trim())
            .Concat(nav.FindAll("[data-testid=main-nav] .mud-nav-group > button .mud-nav-link-text").Select(a => a.TextContent.Trim()))
            .Where(t => t is not ("Users" or "Payers" or "Classification" or "Letter templates" or "Practice profile" or "Payer directory" or "Providers"
                or "Owner roles" or "Scheduler" or "Fee schedules" or "Appeal levels" or "Viability data" or "Audit trail"))
            .Distinct()
            .ToList();
        Assert.Equal(areas.Split(','), links);
    }
}
