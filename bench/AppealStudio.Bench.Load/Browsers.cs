using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace AppealStudio.Bench.Load;

/// <summary>Debian's Chromium driven by Playwright: one browser, one context per simulated user.</summary>
public static class Browsers
{
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--disable-dev-shm-usage", "--renderer-process-limit=8"],
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

/// <summary>
/// Users in browser contexts working on circuits: worklist, a denial, the reports, each timed from the navigation to
/// the page's content on screen (the grid's rows, the denial's claim number, the report heading).
/// </summary>
public static class BrowserLoad
{
    public static async Task<Latencies> RunAsync(string url, int users, int seconds, string password, IReadOnlyList<long> ids)
    {
        var latencies = new Latencies();
        var (playwright, browser) = await Browsers.LaunchAsync();
        try
        {
            var specialist = await Browsers.SignedInStateAsync(browser, url, "specialist@demo.local", password);
            var manager = await Browsers.SignedInStateAsync(browser, url, "manager@demo.local", password);
            var pages = new List<(IPage Page, bool Manager)>();
            for (var i = 0; i < users; i++)
            {
                var isManager = i % 5 == 4;
                var context = await browser.NewContextAsync(new BrowserNewContextOptions { StorageState = isManager ? manager : specialist });
                var page = await context.NewPageAsync();
                page.SetDefaultTimeout(60_000);
                pages.Add((page, isManager));
            }

            Console.WriteLine($"{users} browser users ready; running {seconds} s");
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            await Task.WhenAll(pages.Select((p, i) => UserAsync(url, p.Page, p.Manager, ids, new Random(i), latencies, stop.Token)));
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }

        return latencies;
    }

    private static async Task UserAsync(string url, IPage page, bool manager, IReadOnlyList<long> ids, Random random, Latencies latencies, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (manager)
            {
                await StepAsync(page, "reports (browser)", url + "/reports", "main h1", latencies, stop);
                await StepAsync(page, "worklist (browser)", url + "/worklist", "[data-testid=worklist] tbody tr, .mud-table-body tr", latencies, stop);
            }
            else
            {
                await StepAsync(page, "worklist (browser)", url + "/worklist", "[data-testid=worklist] tbody tr, .mud-table-body tr", latencies, stop);
                await StepAsync(page, "denial (browser)", $"{url}/denials/{ids[random.Next(ids.Count)]}", "[data-testid=pcn]", latencies, stop);
            }
        }
    }

    private static async Task StepAsync(IPage page, string name, string target, string selector, Latencies latencies, CancellationToken stop)
    {
        if (stop.IsCancellationRequested)
        {
            return;
        }

        var watch = Stopwatch.StartNew();
        try
        {
            var response = await page.GotoAsync(target, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
            if (response is null || response.Status != 200)
            {
                latencies.Error(name, response is null ? "no response" : response.Status.ToString(CultureInfo.InvariantCulture));
                return;
            }

            await page.Locator(selector).First.WaitForAsync();
            latencies.Add(name, watch.Elapsed.TotalMilliseconds);
        }
        catch (PlaywrightException e)
        {
            latencies.Error(name, e.Message.Split('\n')[0]);
        }
        catch (TimeoutException e)
        {
            latencies.Error(name, e.Message.Split('\n')[0]);
        }
    }
}
