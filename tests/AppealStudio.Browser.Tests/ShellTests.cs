using Microsoft.Playwright;

namespace AppealStudio.Browser.Tests;

[Collection(BrowserCollection.Name)]
public class ShellTests(BrowserFixture fixture)
{
    [BrowserTheory]
    [InlineData("specialist@demo.local", "Specialist", "/worklist", "Worklist|Imports|Charts")]
    [InlineData("physician@demo.local", "Physician", "/signoff", "Sign-off")]
    [InlineData("manager@demo.local", "Manager", "/reports", "Worklist|Reports|Imports|Charts")]
    [InlineData("admin@demo.local", "Admin", "/settings", "Worklist|Reports|Imports|Charts|Settings")]
    public async Task DemoUser_SignsIn_SeesTheirNavigation_AndSignsOut(string email, string role, string home, string nav)
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        // Two test assemblies share two cores in CI; give page loads room instead of failing on a busy machine.
        page.SetDefaultTimeout(60_000);
        page.SetDefaultNavigationTimeout(60_000);
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };

        await page.GotoAsync(fixture.BaseUrl + "/");
        Assert.EndsWith("/account/signin?ReturnUrl=%2F", page.Url, StringComparison.Ordinal);
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", "Demo!Pass2026");
        await page.ClickAsync("[data-testid=signin-submit]");
        await page.WaitForURLAsync(fixture.BaseUrl + home);

        var links = await page.Locator("[data-testid=main-nav] a").AllInnerTextsAsync();
        Assert.Equal(nav.Split('|'), links.Select(l => l.Trim()));
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserFixture.ArtifactsDirectory, $"shell-{role.ToLowerInvariant()}.png"),
            FullPage = true,
        });

        // The user menu is a Bootstrap dropdown: its script must have loaded under the Content-Security-Policy.
        await page.ClickAsync("[data-testid=user-menu]");
        await page.Locator("[data-testid=sign-out]").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await page.ClickAsync("[data-testid=sign-out]");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/account/signin\?signedOut=1$"));
        Assert.Contains("You have been signed out.", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Empty(consoleErrors);
    }

    [BrowserFact]
    public async Task WrongPassword_ShowsErrorAndStaysOnSignIn()
    {
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/account/signin");
        await page.FillAsync("#email", "specialist@demo.local");
        await page.FillAsync("#password", "wrong");
        await page.ClickAsync("[data-testid=signin-submit]");

        Assert.Equal("The email or password is not right.", (await page.InnerTextAsync("[data-testid=signin-error]")).Trim());
        Assert.Equal("specialist@demo.local", await page.InputValueAsync("#email"));
    }

    [BrowserFact]
    public async Task NarrowScreen_NavigationCollapsesBehindTheToggle()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/account/signin");
        await page.FillAsync("#email", "admin@demo.local");
        await page.FillAsync("#password", "Demo!Pass2026");
        await page.ClickAsync("[data-testid=signin-submit]");
        await page.WaitForURLAsync(fixture.BaseUrl + "/settings");

        Assert.False(await page.Locator("[data-testid=main-nav]").IsVisibleAsync());
        await page.ClickAsync(".navbar-toggler");
        await page.Locator("[data-testid=main-nav]").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "shell-admin-narrow.png") });
    }
}
