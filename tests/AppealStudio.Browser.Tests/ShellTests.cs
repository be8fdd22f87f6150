using Microsoft.Playwright;

namespace AppealStudio.Browser.Tests;

[Collection(BrowserCollection.Name)]
public class ShellTests(BrowserFixture fixture)
{
    [BrowserTheory]
    [InlineData("specialist@demo.local", "Specialist", "/worklist", "Worklist|Imports|Chart documents")]
    [InlineData("physician@demo.local", "Physician", "/signoff", "Sign-off")]
    [InlineData("manager@demo.local", "Manager", "/reports", "Worklist|Imports|Chart documents|Reports|Team|Owner roles|Scheduler|Fee schedules|Appeal levels|Viability data")]
    // An Admin lands on the settings overview (Policies.HomeFor: each role starts on its home page); Users is one card there.
    [InlineData("admin@demo.local", "Admin", "/settings", "Worklist|Imports|Chart documents|Reports|Settings|Users|Payers|Classification|Letter templates|Practice profile|Payer directory|Providers|Owner roles|Scheduler|Fee schedules|Appeal levels|Viability data|Audit trail")]
    public async Task DemoUser_SignsIn_SeesTheirNavigation_AndSignsOut(string email, string role, string home, string nav)
    {
        var errors = new List<string>();
        await using var context = await Pages.NewContextAsync(fixture);
        var page = await Pages.NewPageAsync(context, errors);

        await page.GotoAsync(fixture.BaseUrl + "/");
        Assert.EndsWith("/account/signin?ReturnUrl=%2F", page.Url, StringComparison.Ordinal);
        await Pages.SignInAsync(page, fixture, email, home);

        var links = await page.Locator("[data-testid=main-nav] .mud-nav-link-text").AllInnerTextsAsync();
        Assert.Equal(nav.Split('|'), links.Select(l => l.Trim()).Where(l => l.Length > 0));
        Assert.Contains(role, await page.InnerTextAsync("[data-testid=user-button]"), StringComparison.Ordinal);
        await Pages.ShotAsync(page, $"shell-{role.ToLowerInvariant()}");
        await Pages.AssertAccessibleAsync(page, home);

        await page.ClickAsync("[data-testid=user-button]");
        await page.Locator("[data-testid=sign-out]").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await page.ClickAsync("[data-testid=sign-out]");
        await Pages.WaitForUrlAsync(page, new System.Text.RegularExpressions.Regex(@"/account/signin\?signedOut=1$"), "the sign-in page after signing out");
        Assert.Contains("You have been signed out.", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task SignInPage_IsAccessibleAndAWrongPasswordStaysOnIt()
    {
        await using var context = await Pages.NewContextAsync(fixture);
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/account/signin");
        await Pages.AssertAccessibleAsync(page, "/account/signin");
        await page.FillAsync("#email", "specialist@demo.local");
        await page.FillAsync("#password", "wrong");
        await page.ClickAsync("[data-testid=signin-submit]");

        Assert.Equal("The email or password is not right.", (await page.InnerTextAsync("[data-testid=signin-error]")).Trim());
        Assert.Equal("specialist@demo.local", await page.InputValueAsync("#email"));
    }

    [BrowserFact]
    public async Task NarrowScreen_NavigationFoldsBehindTheMenuButton()
    {
        var errors = new List<string>();
        await using var context = await Pages.NewContextAsync(fixture, 390, 844);
        var page = await Pages.NewPageAsync(context, errors);
        await Pages.SignInAsync(page, fixture, "specialist@demo.local", "/worklist");

        Assert.False(await page.Locator("[data-testid=main-nav]").IsVisibleAsync());
        await page.ClickAsync("button[aria-label='Show or hide the navigation']");
        await page.Locator("[data-testid=main-nav]").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await Pages.ShotAsync(page, "shell-specialist-narrow");
        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task Theme_DarkChoice_IsKeptForTheUser()
    {
        var errors = new List<string>();
        await using var context = await Pages.NewContextAsync(fixture);
        var page = await Pages.NewPageAsync(context, errors);
        await Pages.SignInAsync(page, fixture, "manager@demo.local", "/reports");

        await page.ClickAsync("[data-testid=theme-toggle]");
        await page.WaitForFunctionAsync("() => document.querySelector('.mud-theme-dark, [data-mud-theme=dark]') !== null || getComputedStyle(document.body).backgroundColor !== 'rgb(245, 246, 248)'");
        await Pages.GoAsync(page, fixture, "/worklist");
        var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        Assert.NotEqual("rgb(245, 246, 248)", background);
        await Pages.ShotAsync(page, "worklist-dark");
        await Pages.AssertAccessibleAsync(page, "/worklist (dark)");
        await page.ClickAsync("[data-testid=theme-toggle]");
        Assert.Empty(errors);
    }
}
