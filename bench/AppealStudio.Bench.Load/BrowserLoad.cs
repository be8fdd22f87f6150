using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace AppealStudio.Bench.Load;

/// <summary>How the circuit users run (docs/benchmarks.md section 5, bench/README.md).</summary>
public sealed record BrowserLoadOptions
{
    public required string Url { get; init; }

    public required string Password { get; init; }

    public int Users { get; init; } = 50;

    public int Seconds { get; init; } = 60;

    /// <summary>Mean pause between two actions of one user; each pause is drawn uniformly from 0.5x to 1.5x of it.</summary>
    public double ThinkSeconds { get; init; } = 5;

    /// <summary>Chromium's renderer processes for all the pages together (--renderer-process-limit).</summary>
    public int Renderers { get; init; } = 4;

    public int TimeoutSeconds { get; init; } = 30;

    /// <summary>Untimed work before the window, so the figures are of a server that has been up.</summary>
    public int WarmupSeconds { get; init; } = 30;

    public int Width { get; init; } = 1280;

    public int Height { get; init; } = 800;

    /// <summary>Server processes whose CPU time is reported (name, pid), e.g. the two instances, the proxy, PostgreSQL.</summary>
    public IReadOnlyList<(string Name, int Pid)> ServerPids { get; init; } = [];
}

/// <summary>
/// Users in one headless Chromium, one browser context each, each holding one circuit for the whole run and working
/// on it as a billing person does: a specialist switches worklist views, opens a denial from the grid, adds a note,
/// goes back to the worklist by the menu; a manager (every fifth user) moves between the report sections. Between
/// two actions a user thinks (<see cref="BrowserLoadOptions.ThinkSeconds"/>). Each action is timed inside the page
/// (<see cref="InPage.Act"/>): from the click to the DOM showing its result, so the driver's round trips are not in the
/// figure; they are reported beside it. The first load of each page (Blazor's boot and the circuit's start) happens
/// before the timed window and is reported apart: it is not an interaction.
/// </summary>
public static class BrowserLoad
{
    private static readonly string[] Sections = ["reports", "reports/win-rates", "reports/kpis", "reports/inventory", "reports/upstream"];

    public static async Task RunAsync(BrowserLoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var interactions = new Latencies("Interaction", "Timed");
        var roundTrips = new Latencies("Interaction", "Timed");
        var firstLoads = new Latencies("First load", "Pages");
        var (playwright, browser) = await Browsers.LaunchAsync(options.Renderers);
        try
        {
            var specialist = Browsers.WithoutAffinity(await Browsers.SignedInStateAsync(browser, options.Url, "specialist@demo.local", options.Password));
            var manager = Browsers.WithoutAffinity(await Browsers.SignedInStateAsync(browser, options.Url, "manager@demo.local", options.Password));
            var measuring = false;
            var users = new List<User>();
            var opening = Stopwatch.StartNew();
            // Five at a time: 50 Blazor boots at once would measure the boot storm, not the users.
            for (var batch = 0; batch < options.Users; batch += 5)
            {
                var opened = await Task.WhenAll(Enumerable.Range(batch, Math.Min(5, options.Users - batch)).Select(async i =>
                {
                    var isManager = i % 5 == 4;
                    var context = await browser.NewContextAsync(new BrowserNewContextOptions
                    {
                        StorageState = isManager ? manager : specialist,
                        ReducedMotion = ReducedMotion.Reduce,
                        ViewportSize = new ViewportSize { Width = options.Width, Height = options.Height },
                    });
                    var page = await context.NewPageAsync();
                    page.SetDefaultTimeout(120_000);
                    page.Console += (_, message) =>
                    {
                        if (measuring && message.Type == "error")
                        {
                            interactions.Error("browser console", message.Text.Split('\n')[0]);
                        }
                    };
                    page.PageError += (_, error) =>
                    {
                        if (measuring)
                        {
                            interactions.Error("browser console", error.Split('\n')[0]);
                        }
                    };
                    var user = new User(i, isManager, page, new Random(i));
                    await FirstLoadAsync(options.Url, user, firstLoads);
                    return user;
                }));
                users.AddRange(opened);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{users.Count} users on their circuits after {opening.Elapsed.TotalSeconds:0} s ({users.Count(u => u.Manager)} managers); think {options.ThinkSeconds:0.#} s (0.5x-1.5x), timeout {options.TimeoutSeconds} s, {options.Renderers} renderer processes"));
            if (options.WarmupSeconds > 0)
            {
                // The same work, untimed, so the window measures a server that has been up (JIT tiers, pools, caches).
                Console.WriteLine($"warming up for {options.WarmupSeconds} s");
                var warmup = new Latencies();
                using var warm = new CancellationTokenSource(TimeSpan.FromSeconds(options.WarmupSeconds));
                await Task.WhenAll(users.Select(u => WorkAsync(options, u, warmup, new Latencies(), warm.Token)));
                Console.WriteLine($"warm-up: {warmup.Count} interactions, {warmup.ErrorCount} errors");
            }

            await Task.Delay(TimeSpan.FromSeconds(5)); // let the last boots settle before the window opens

            var loadBefore = CpuUse.LoadAverage();
            var cpu = new CpuWindow(options.ServerPids);
            var window = Stopwatch.StartNew();
            Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} UTC window opens, load average {loadBefore}; running {options.Seconds} s");
            measuring = true;
            using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.Seconds)))
            {
                await Task.WhenAll(users.Select(u => WorkAsync(options, u, interactions, roundTrips, stop.Token)));
            }

            measuring = false;
            var elapsed = window.Elapsed.TotalSeconds;
            cpu.Close();
            Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} UTC window closed, load average {CpuUse.LoadAverage()}");
            Console.WriteLine();
            Console.WriteLine("Interactions, timed in the page (click to updated DOM):");
            Console.WriteLine(interactions.Table());
            Console.WriteLine();
            Console.WriteLine("The same interactions as the driver saw them (Playwright/CDP round trip included):");
            Console.WriteLine(roundTrips.Table());
            Console.WriteLine();
            Console.WriteLine("First loads before the window (navigation to content, Blazor boot and circuit start; not interactions):");
            Console.WriteLine(firstLoads.Table());
            Console.WriteLine();
            var done = Math.Max(1, interactions.Count + interactions.ErrorCount);
            cpu.Print(elapsed, done, "this process, Playwright, Chromium");
        }
        finally
        {
            await browser.DisposeAsync();
            playwright.Dispose();
        }
    }

    private sealed class User(int index, bool manager, IPage page, Random random)
    {
        public int Index { get; } = index;

        public bool Manager { get; } = manager;

        public IPage Page { get; } = page;

        public Random Random { get; } = random;

        public int Notes { get; set; }
    }

    private static async Task FirstLoadAsync(string url, User user, Latencies firstLoads)
    {
        var watch = Stopwatch.StartNew();
        var name = user.Manager ? "reports" : "worklist";
        try
        {
            await user.Page.GotoAsync(url + (user.Manager ? "/reports" : "/worklist"));
            await user.Page.Locator(user.Manager ? "[data-testid=report-nav]" : "[data-testid=worklist-table] [data-testid=denial-link], [data-testid=no-rows]").First.WaitForAsync();
            firstLoads.Add(name, watch.Elapsed.TotalMilliseconds);
        }
        catch (PlaywrightException e)
        {
            firstLoads.Error(name, e.Message.Split('\n')[0]);
        }
        catch (TimeoutException e)
        {
            firstLoads.Error(name, e.Message.Split('\n')[0]);
        }
    }

    private static async Task WorkAsync(BrowserLoadOptions options, User user, Latencies interactions, Latencies roundTrips, CancellationToken stop)
    {
        // Users do not act in step: each starts after its own first pause.
        if (!await ThinkAsync(options, user, stop, user.Random.NextDouble()))
        {
            return;
        }

        while (!stop.IsCancellationRequested)
        {
            try
            {
                var step = user.Manager ? NextReport(user) : await NextWorkAsync(user);
                var watch = Stopwatch.StartNew();
                var json = await user.Page.EvaluateAsync<string>(InPage.Act,
                    new object?[] { step.Target, JsonSerializer.Serialize(step.Expect), options.TimeoutSeconds * 1000, step.Fill, step.FillText });
                var roundTrip = watch.Elapsed.TotalMilliseconds;
                var measured = JsonSerializer.Deserialize<Measured>(json)!;
                if (measured.Ok)
                {
                    interactions.Add(step.Kind, measured.Milliseconds);
                    roundTrips.Add(step.Kind, roundTrip);
                }
                else
                {
                    interactions.Error(step.Kind, measured.Error ?? "failed");
                    await RecoverAsync(options.Url, user);
                }
            }
            catch (PlaywrightException e)
            {
                interactions.Error("driver", e.Message.Split('\n')[0]);
                await RecoverAsync(options.Url, user);
            }

            if (!await ThinkAsync(options, user, stop, 0.5 + user.Random.NextDouble()))
            {
                return;
            }
        }
    }

    private static async Task<bool> ThinkAsync(BrowserLoadOptions options, User user, CancellationToken stop, double factor)
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

    /// <summary>After a failed step the page may be anywhere: start again from the role's page (a new circuit).</summary>
    private static async Task RecoverAsync(string url, User user)
    {
        try
        {
            await user.Page.GotoAsync(url + (user.Manager ? "/reports" : "/worklist"));
            await user.Page.Locator(user.Manager ? "[data-testid=report-nav]" : "[data-testid=worklist-table] [data-testid=denial-link], [data-testid=no-rows]").First.WaitForAsync();
        }
        catch (PlaywrightException)
        {
            // The next step reports it.
        }
        catch (TimeoutException)
        {
            // The next step reports it.
        }
    }

    private sealed record Step(string Kind, string Target, Expect Expect, string? Fill = null, string? FillText = null);

    private const string Rows = "[data-testid=worklist-table] [data-testid=denial-link]";
    private const string NoRows = "[data-testid=no-rows]";
    private const string Pcn = "[data-testid=pcn]";

    /// <summary>A specialist's next action, chosen from what the page shows (one untimed read, as a person reads the screen).</summary>
    private static async Task<Step> NextWorkAsync(User user)
    {
        var screen = JsonSerializer.Deserialize<Screen>(await user.Page.EvaluateAsync<string>(InPage.Look))!;
        if (screen.Path.StartsWith("/denials/", StringComparison.Ordinal))
        {
            if (user.Random.NextDouble() < 0.3)
            {
                // A note with a unique text (runs against the same database must not meet an earlier run's note): the
                // step is done when the timeline shows it.
                var text = string.Create(CultureInfo.InvariantCulture, $"Called the payer, reference {user.Index}-{++user.Notes}-{Guid.NewGuid():N}.");
                return new Step("add a note", "[data-testid=note-submit]",
                    new Expect { Path = screen.Path, TextSelector = ".event-text", Text = text },
                    "[data-testid=note-text] textarea, textarea[data-testid=note-text]", text);
            }

            return BackToWorklist();
        }

        if (screen.Path != "/worklist")
        {
            return BackToWorklist();
        }

        if (screen.Denials.Count > 0 && user.Random.NextDouble() < 0.5)
        {
            var id = screen.Denials[user.Random.Next(screen.Denials.Count)];
            return new Step("open a denial", $"{Rows}[data-denial-id='{id}']",
                new Expect { Path = "/denials/" + id, Present = [Pcn] });
        }

        // Another view whose count differs from the current one, so the grid's total tells the new rows from the old.
        var current = screen.Counts.GetValueOrDefault(screen.View, -1);
        var views = screen.Counts.Where(c => c.Key != screen.View && c.Value != current).Select(c => c.Key).Order(StringComparer.Ordinal).ToList();
        if (views.Count == 0)
        {
            return BackToWorklist();
        }

        var view = views[user.Random.Next(views.Count)];
        var count = screen.Counts[view];
        var pressed = $"[data-testid=view-{view}][aria-pressed=true]";
        return new Step("change the view", $"[data-testid=view-{view}]", count > 0
            ? new Expect { Path = view == "queue" ? "/worklist" : "/worklist?view=" + view, Present = [pressed, Rows], Total = count }
            : new Expect { Path = "/worklist?view=" + view, Present = [pressed, NoRows] });
    }

    /// <summary>The menu's Worklist link: a new page component on the same circuit, its default view and grid loaded.</summary>
    private static Step BackToWorklist() => new("worklist from the menu", "[data-testid=main-nav] a[href='/worklist']",
        new Expect { Path = "/worklist", Present = ["[data-testid=view-queue][aria-pressed=true]", $"{Rows}, {NoRows}"], Absent = [Pcn] });

    /// <summary>A manager's next report section (another one than the current), done when its figures are in.</summary>
    private static Step NextReport(User user)
    {
        var current = user.Page.Url;
        var others = Sections.Where(s => !new Uri(current).AbsolutePath.Equals("/" + s, StringComparison.Ordinal)).ToList();
        var section = others[user.Random.Next(others.Count)];
        var testId = "section-" + section.Replace('/', '-');
        return new Step("report section", $"[data-testid={testId}]",
            new Expect { Path = "/" + section, Present = [$"[data-testid={testId}][aria-current=page]"], Absent = ["[data-testid=report-loading]"] });
    }
}
