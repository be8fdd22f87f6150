using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace AppealStudio.Bench.Load;

/// <summary>Debian's Chromium driven by Playwright: one browser, one context per simulated user.</summary>
public static class Browsers
{
    /// <summary>
    /// One headless Chromium for every user. The renderer limit puts many pages in one renderer process (the pages are
    /// one site, so they may share): 50 renderers would spend the cores on 50 processes' overhead.
    /// </summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync(int renderers = 8)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--disable-dev-shm-usage", "--disable-extensions", "--mute-audio",
                "--renderer-process-limit=" + renderers.ToString(CultureInfo.InvariantCulture)],
        });
        return (playwright, browser);
    }

    /// <summary>Signs in once in a page and returns the storage state (cookies) every other context starts from.</summary>
    public static async Task<string> SignedInStateAsync(IBrowser browser, string url, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(browser);
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        await page.GotoAsync(url + "/account/signin");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=signin-submit]");
        await page.WaitForURLAsync(u => !u.Contains("/account/signin", StringComparison.Ordinal));
        return await context.StorageStateAsync();
    }

    /// <summary>The proxy's session-affinity cookie (tools/AppealStudio.Proxy, Proxy:AffinityCookieName).</summary>
    public const string AffinityCookie = "AppealStudio.Affinity";

    /// <summary>
    /// A signed-in storage state without the proxy's affinity cookie: users that share one sign-in would otherwise all
    /// be pinned to the instance that served it; without it each user's first request is balanced as a new session's.
    /// </summary>
    public static string WithoutAffinity(string storageState)
    {
        var state = System.Text.Json.Nodes.JsonNode.Parse(storageState)!;
        if (state["cookies"] is System.Text.Json.Nodes.JsonArray cookies)
        {
            foreach (var cookie in cookies.Where(c => (string?)c?["name"] == AffinityCookie).ToList())
            {
                cookies.Remove(cookie);
            }
        }

        return state.ToJsonString();
    }

    /// <summary>Waits for the interactive page: Blazor loaded, the page heading rendered, first-load requests done.</summary>
    public static async Task WaitForCircuitAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        await page.Locator("main h1").First.WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }
}

/// <summary>
/// Server memory per idle circuit: the resident set of one app process (read from /proc) before and after N pages
/// hold the worklist open on their circuits, divided by N.
/// </summary>
public static class CircuitBench
{
    public static async Task RunAsync(string url, int count, int pid, string password)
    {
        var (playwright, browser) = await Browsers.LaunchAsync();
        try
        {
            var state = await Browsers.SignedInStateAsync(browser, url, "specialist@demo.local", password);
            // One circuit first (JIT, caches, pools warmed), then the baseline.
            var contexts = new List<IBrowserContext>();
            contexts.Add(await OpenAsync(browser, url, state));
            await Task.Delay(TimeSpan.FromSeconds(10));
            var before = ResidentMiB(pid);
            var watch = Stopwatch.StartNew();
            for (var batch = 0; batch < count; batch += 10)
            {
                var opened = await Task.WhenAll(Enumerable.Range(0, Math.Min(10, count - batch)).Select(_ => OpenAsync(browser, url, state)));
                contexts.AddRange(opened);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{contexts.Count - 1} circuits open, server RSS {ResidentMiB(pid):0} MiB"));
            }

            await Task.Delay(TimeSpan.FromSeconds(15));
            var after = ResidentMiB(pid);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"circuits={count} opened in {watch.Elapsed.TotalSeconds:0} s; server RSS before={before:0} MiB after={after:0} MiB; per circuit={(after - before) / count:0.00} MiB"));
            foreach (var context in contexts)
            {
                await context.DisposeAsync();
            }
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    private static async Task<IBrowserContext> OpenAsync(IBrowser browser, string url, string state)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { StorageState = state });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(180_000);
        page.SetDefaultNavigationTimeout(180_000);
        await page.GotoAsync(url + "/worklist");
        await Browsers.WaitForCircuitAsync(page);
        return context;
    }

    /// <summary>VmRSS of a process in MiB.</summary>
    public static double ResidentMiB(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kib = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kib / 1024.0;
    }
}
