using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

namespace AppealStudio.Bench.Load;

/// <summary>
/// The circuit users of <see cref="BrowserLoad"/> without browsers (issue 11 allows a raw SignalR client): each user
/// holds one <see cref="RawCircuit"/> and works on it with the same think time. A specialist switches worklist views
/// (done when the pager shows the new view's total), opens a denial from the queue (done when the claim number is
/// rendered) and goes back to the worklist by the menu (done when the rows are rendered); a manager moves between the
/// overview, KPI and inventory reports (done when the figures are rendered). The time runs from sending the
/// navigation to receiving the render batch that carries the result. Adding a note needs the button's event handler
/// from the render tree, which this client does not keep: the browser driver covers that write.
/// </summary>
public static class RawLoad
{
    private static readonly (string Path, string Expected)[] Reports =
        [("/reports", "headline"), ("/reports/kpis", "kpi-basis"), ("/reports/inventory", "inventory-scope")];

    private const string Rows = "denial-link";

    public static async Task RunAsync(BrowserLoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        var (counts, ids) = await DiscoverAsync(options);
        Console.WriteLine($"worklist views {string.Join(", ", counts.Select(c => $"{c.Key}={c.Value}"))}; queue denials {string.Join(",", ids)}");

        var interactions = new Latencies("Interaction", "Timed");
        var firstLoads = new Latencies("First load", "Circuits");
        var users = new List<(RawCircuit Circuit, bool Manager, Random Random)>();
        var cookies = new Dictionary<bool, CookieContainer>();
        foreach (var manager in new[] { false, true })
        {
            var jar = new CookieContainer();
            using var client = SignIn.NewClient(options.Url, jar);
            await SignIn.AsAsync(client, manager ? "manager@demo.local" : "specialist@demo.local", options.Password);
            cookies[manager] = jar;
        }

        var opening = Stopwatch.StartNew();
        for (var batch = 0; batch < options.Users; batch += 5)
        {
            var opened = await Task.WhenAll(Enumerable.Range(batch, Math.Min(5, options.Users - batch)).Select(async i =>
            {
                var manager = i % 5 == 4;
                var watch = Stopwatch.StartNew();
                // The role's sign-in without the proxy's affinity cookie: each user is balanced as a session of its own.
                var jar = new CookieContainer();
                foreach (var cookie in cookies[manager].GetAllCookies().Where(c => c.Name != Browsers.AffinityCookie))
                {
                    jar.Add(cookie);
                }

                var circuit = await RawCircuit.OpenAsync(options.Url, jar, manager ? "/reports" : "/worklist", manager ? "headline" : Rows, timeout);
                firstLoads.Add(manager ? "reports" : "worklist", watch.Elapsed.TotalMilliseconds);
                return (circuit, manager, new Random(i));
            }));
            users.AddRange(opened);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{users.Count} circuits open after {opening.Elapsed.TotalSeconds:0} s ({users.Count(u => u.Manager)} managers); think {options.ThinkSeconds:0.#} s (0.5x-1.5x), timeout {options.TimeoutSeconds} s"));
        if (options.WarmupSeconds > 0)
        {
            // The same work, untimed, so the window measures a server that has been up (JIT tiers, pools, caches).
            Console.WriteLine($"warming up for {options.WarmupSeconds} s");
            var warmup = new Latencies();
            using var warm = new CancellationTokenSource(TimeSpan.FromSeconds(options.WarmupSeconds));
            await Task.WhenAll(users.Select(u => WorkAsync(options, u.Circuit, u.Manager, new Random(u.Random.Next()), counts, ids, warmup, timeout, warm.Token)));
            Console.WriteLine($"warm-up: {warmup.Count} interactions, {warmup.ErrorCount} errors");
        }

        await Task.Delay(TimeSpan.FromSeconds(5));

        var loadBefore = CpuUse.LoadAverage();
        var cpu = new CpuWindow(options.ServerPids);
        var window = Stopwatch.StartNew();
        Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} UTC window opens, load average {loadBefore}; running {options.Seconds} s");
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.Seconds)))
        {
            await Task.WhenAll(users.Select(u => WorkAsync(options, u.Circuit, u.Manager, u.Random, counts, ids, interactions, timeout, stop.Token)));
        }

        var elapsed = window.Elapsed.TotalSeconds;
        cpu.Close();
        Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} UTC window closed, load average {CpuUse.LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("Interactions on raw circuits (navigation sent to the render batch carrying the result):");
        Console.WriteLine(interactions.Table());
        Console.WriteLine();
        Console.WriteLine("First loads before the window (page HTML, hub connection, circuit start, first content):");
        Console.WriteLine(firstLoads.Table());
        Console.WriteLine();
        var done = Math.Max(1, interactions.Count + interactions.ErrorCount);
        cpu.Print(elapsed, done, "this process");

        Console.WriteLine("JS interop calls answered: " + string.Join(", ", RawCircuit.JsCalls.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value}")));
        foreach (var (circuit, _, _) in users)
        {
            await circuit.DisposeAsync();
        }
    }

    /// <summary>The worklist's view counts and the queue's denials, read once in a browser page (the raw client keeps no DOM).</summary>
    private static async Task<(Dictionary<string, int> Counts, IReadOnlyList<string> Ids)> DiscoverAsync(BrowserLoadOptions options)
    {
        var (playwright, browser) = await Browsers.LaunchAsync(1);
        try
        {
            var state = await Browsers.SignedInStateAsync(browser, options.Url, "specialist@demo.local", options.Password);
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { StorageState = state });
            var page = await context.NewPageAsync();
            await page.GotoAsync(options.Url + "/worklist");
            await page.Locator("[data-testid=worklist-table] [data-testid=denial-link]").First.WaitForAsync();
            await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid^=count-]').length > 0 && ![...document.querySelectorAll('[data-testid^=count-]')].some(e => e.textContent.includes('…'))");
            var screen = JsonSerializer.Deserialize<Screen>(await page.EvaluateAsync<string>(InPage.Look))!;
            return (screen.Counts, screen.Denials);
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    private static async Task WorkAsync(BrowserLoadOptions options, RawCircuit circuit, bool manager, Random random, Dictionary<string, int> counts,
        IReadOnlyList<string> ids, Latencies interactions, TimeSpan timeout, CancellationToken stop)
    {
        if (!await ThinkAsync(options, random.NextDouble(), stop))
        {
            return;
        }

        while (!stop.IsCancellationRequested)
        {
            // Where the user is comes from the circuit's address, not from this loop: the warm-up and the window
            // are two loops on one circuit, and a step to the page already shown would change nothing.
            var at = circuit.Path;
            var view = at.StartsWith("/worklist?view=", StringComparison.Ordinal) ? at["/worklist?view=".Length..] : "queue";
            string kind, path, expected;
            if (manager)
            {
                var current = Array.FindIndex(Reports, r => r.Path == at);
                var report = (Math.Max(current, 0) + 1 + random.Next(Reports.Length - 1)) % Reports.Length;
                (kind, path, expected) = ("report section", Reports[report].Path, Reports[report].Expected);
            }
            else if (at.StartsWith("/denials/", StringComparison.Ordinal))
            {
                (kind, path, expected) = ("worklist from the menu", "/worklist", Rows);
            }
            else if (view == "queue" && ids.Count > 0 && random.NextDouble() < 0.5)
            {
                (kind, path, expected) = ("open a denial", "/denials/" + ids[random.Next(ids.Count)], "pcn");
            }
            else
            {
                // Another view whose total differs, so the pager's caption tells the new rows from the old.
                var current = counts.GetValueOrDefault(view, -1);
                var others = counts.Where(c => c.Key != view && c.Value != current).Select(c => c.Key).Order(StringComparer.Ordinal).ToList();
                var next = others[random.Next(others.Count)];
                var n = counts[next];
                (kind, path, expected) = ("change the view", next == "queue" ? "/worklist" : "/worklist?view=" + next,
                    n == 0 ? "no-rows" : string.Create(CultureInfo.InvariantCulture, $"1-{Math.Min(n, 50)} of {n}"));
            }

            try
            {
                var ms = await circuit.NavigateAsync(path, expected, timeout);
                if (ms is { } value)
                {
                    interactions.Add(kind, value);
                }
                else
                {
                    interactions.Error(kind, circuit.Error ?? $"timeout on {path} ({circuit.Received})");
                    if (circuit.Error is not null)
                    {
                        return; // the circuit is gone
                    }
                }
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or OperationCanceledException)
            {
                interactions.Error(kind, e.Message.Split('\n')[0]);
                return;
            }

            if (!await ThinkAsync(options, 0.5 + random.NextDouble(), stop))
            {
                return;
            }
        }
    }

    private static async Task<bool> ThinkAsync(BrowserLoadOptions options, double factor, CancellationToken stop)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(options.ThinkSeconds * factor), stop);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
