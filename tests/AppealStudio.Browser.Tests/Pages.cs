using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AppealStudio.Browser.Tests;

/// <summary>What every journey does with a page: sign in, wait for the circuit, check accessibility, keep a screenshot.</summary>
public static class Pages
{
    public const string Password = "Demo!Pass2026";

    private static readonly Lazy<string> AxeSource = new(() =>
    {
        // axe-core comes from npm (wwwroot-assets/package.json, a dev dependency the build installs).
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "wwwroot-assets", "package.json")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        var path = Path.Combine(dir ?? throw new InvalidOperationException("wwwroot-assets not found above " + AppContext.BaseDirectory),
            "wwwroot-assets", "node_modules", "axe-core", "axe.min.js");
        return File.ReadAllText(path);
    });

    public static async Task<IBrowserContext> NewContextAsync(BrowserFixture fixture, int width = 1280, int height = 800) =>
        await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = width, Height = height } });

    /// <summary>A page that records console errors and failed requests, with generous timeouts for a busy CI machine.</summary>
    public static async Task<IPage> NewPageAsync(IBrowserContext context, List<string> errors)
    {
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        page.SetDefaultNavigationTimeout(60_000);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add($"{page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => errors.Add($"{page.Url}: {error}");
        return page;
    }

    public static async Task SignInAsync(IPage page, BrowserFixture fixture, string email, string expectedHome)
    {
        await page.GotoAsync(fixture.BaseUrl + "/account/signin");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("[data-testid=signin-submit]");
        await WaitForUrlAsync(page, fixture.BaseUrl + expectedHome, "the sign-in's redirect to " + expectedHome);
        await WaitForCircuitAsync(page);
    }

    /// <summary>Interactive pages render on the circuit: wait for Blazor and for the page's heading before acting.</summary>
    public static async Task WaitForCircuitAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        await page.Locator("main h1").First.WaitForAsync();
        // Let pending renders of the first load land (grids load their rows after the first render).
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    public static async Task GoAsync(IPage page, BrowserFixture fixture, string path)
    {
        await page.GotoAsync(fixture.BaseUrl + path);
        await WaitForCircuitAsync(page);
    }

    /// <summary>
    /// Waits for the address to match <paramref name="url"/>; on a timeout, fails with the address the page is at and
    /// a screenshot in the artifacts, so a failure says where the page went instead of only "timeout". It does not wait
    /// for the document's load event (a waitForLoadState after a redirect hung once in a full run): what follows waits
    /// for what it needs (the circuit, a locator).
    /// </summary>
    public static async Task WaitForUrlAsync(IPage page, Regex url, string what)
    {
        // Polls the page's address rather than waiting for a navigation event: Playwright's WaitForURL missed
        // Blazor's in-page navigation (history.pushState) now and then and timed out with the page already at the
        // address it waited for.
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!url.IsMatch(page.Url))
        {
            if (DateTime.UtcNow > until)
            {
                var shot = "timeout-" + Regex.Replace(what, "[^A-Za-z0-9]+", "-") + ".png";
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, shot), FullPage = true });
                throw new TimeoutException($"Waiting for {what}: the page is still at {page.Url} after 60 s (screenshot {shot}).");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Waits for the page to be at exactly <paramref name="url"/> (see the overload with a pattern).</summary>
    public static Task WaitForUrlAsync(IPage page, string url, string what) =>
        WaitForUrlAsync(page, new Regex("^" + Regex.Escape(url) + "$"), what);

    /// <summary>Waits until every open popover (menus, select lists) has finished its fade-in transition.</summary>
    public static Task WaitForPopoversSettledAsync(IPage page) =>
        page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('.mud-popover-open')].every(p => p.getAnimations({ subtree: true }).length === 0 && getComputedStyle(p).opacity === '1')");

    public static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, name + ".png"), FullPage = true });

    /// <summary>
    /// Runs axe-core on the page as it stands and returns the serious and critical violations (WCAG 2 A/AA rules),
    /// each as "rule: target". Evaluated through the DevTools protocol, so the page's Content-Security-Policy stays on.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AccessibilityProblemsAsync(IPage page)
    {
        // Colours are checked as drawn: a button changing colour (disabled while saving, then enabled), a popover or a
        // snackbar fading in measures half-way through its transition. Wait for every finite animation and transition
        // to end first; endless ones (progress bars, spinners) do not count.
        await page.WaitForFunctionAsync(
            "() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)",
            null, new PageWaitForFunctionOptions { Timeout = 15_000 });
        await page.EvaluateAsync(AxeSource.Value);
        var json = await page.EvaluateAsync<JsonElement>(
            """
            async () => {
              const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
              return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .flatMap(v => v.nodes.map(n => v.id + ': ' + n.target.join(' ') + ' ' + (n.html || '').replace(/\s+/g, ' ').slice(0, 200) + ' ' + (n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 160)));
            }
            """);
        return json.EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    public static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var problems = await AccessibilityProblemsAsync(page);
        Assert.True(problems.Count == 0, what + " has accessibility problems:\n" + string.Join("\n", problems));
    }
}
