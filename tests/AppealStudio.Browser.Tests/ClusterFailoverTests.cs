using System.Net;
using System.Text.RegularExpressions;
using AppealStudio.Proxy;
using Microsoft.Playwright;
using Cookie = System.Net.Cookie;

namespace AppealStudio.Browser.Tests;

/// <summary>A fact that needs two app processes on PostgreSQL and Chromium; skipped with the reason otherwise.</summary>
public sealed class ClusterFactAttribute : FactAttribute
{
    public ClusterFactAttribute()
    {
        if (ClusterFixture.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>
/// Issue 14: two instances behind the YARP proxy. A user keeps working when their instance stops, and the daily jobs
/// run once for the cluster.
/// </summary>
public class ClusterFailoverTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private const string Marker = "Typed on the first instance just before it stopped.";

    [ClusterFact]
    public async Task InstanceStops_UserContinuesOnTheOther_SignedInAndTheUnsavedLetterTextKept()
    {
        var errors = new List<string>();
        await using var context = await cluster.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        page.SetDefaultNavigationTimeout(60_000);
        page.PageError += (_, error) => errors.Add($"{page.Url}: {error}");

        // Sign in through the proxy; the affinity cookie binds the browser to one instance from the first response.
        await page.GotoAsync(cluster.ProxyUrl + "/account/signin");
        await page.FillAsync("#email", "specialist@demo.local");
        await page.FillAsync("#password", Pages.Password);
        await page.ClickAsync("[data-testid=signin-submit]");
        try
        {
            await page.WaitForURLAsync(cluster.ProxyUrl + "/worklist");
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Sign-in through the proxy stayed on {page.Url}: {await page.InnerTextAsync("body")}{Environment.NewLine}" +
                string.Join(Environment.NewLine, cluster.Instances.Select(i => i.Name + ": " + i.Output)));
        }

        var workspace = $"{cluster.ProxyUrl}/denials/{cluster.DenialId}/appeal";
        var first = await page.GotoAsync(workspace);
        var firstInstance = ServedBy(first);
        var editor = page.Locator("[data-testid=letter-editor] .toastui-editor-ww-container .ProseMirror");
        await editor.WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // Every later request of this browser went to the same instance (the circuit's WebSocket included).
        Assert.Equal(firstInstance, ServedBy(await page.GotoAsync(workspace)));
        await editor.WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // The instance freezes, the user types, then it dies: the text never reached a server.
        var lost = cluster.InstanceNamed(firstInstance);
        var other = cluster.Instances.Single(i => i != lost);
        lost.Freeze();
        await editor.ClickAsync();
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.TypeAsync(" " + Marker);
        await page.WaitForFunctionAsync("m => Object.keys(sessionStorage).some(k => k.startsWith('appealstudio.letter-draft.') && sessionStorage.getItem(k).includes(m))", Marker);
        lost.Kill();

        // The circuit is gone with its process: blazor.web.js reconnects through the proxy, the other instance does
        // not know the circuit and rejects it, and the reconnect dialog asks for a reload.
        await page.WaitForFunctionAsync("() => { const m = document.getElementById('components-reconnect-modal'); " +
            "return m && (m.classList.contains('components-reconnect-rejected') || m.classList.contains('components-reconnect-failed')); }",
            null, new PageWaitForFunctionOptions { Timeout = 120_000 });
        // Until the reload the page reports the lost connection (blazor.web.js: "Cannot send data if the connection
        // is not in the 'Connected' State"): expected here; from the reload on, no error is.
        Assert.All(errors, e => Assert.Contains("connect", e, StringComparison.OrdinalIgnoreCase));
        errors.Clear();
        var reloaded = await page.ReloadAsync();

        // Still signed in (the cookie of the first instance is read by the second: shared Data Protection keys), on the
        // workspace, served by the other instance; the draft the server lacks is offered back.
        Assert.Equal(other.Name, ServedBy(reloaded));
        Assert.Equal(workspace, page.Url);
        await page.Locator("[data-testid=restore-draft]").WaitForAsync();
        await page.ClickAsync("[data-testid=restore-draft-yes]");
        await page.Locator("[data-testid=save-state][data-state=saved]").WaitForAsync();

        var stored = await WaitForAsync(async () => await cluster.QueryAsync(
            $"SELECT \"Markdown\" FROM \"Appeals\" WHERE \"Id\" = {cluster.AppealId}",
            async r => await r.ReadAsync() ? r.GetString(0) : ""), text => text.Contains(Marker, StringComparison.Ordinal));
        Assert.Contains(Marker, stored, StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [ClusterFact]
    public async Task AntiforgeryTokenOfOneInstance_IsAcceptedByTheOther()
    {
        // Direct to the instances (not through the proxy): the sign-in form of one, posted to the other.
        var running = cluster.Instances.Where(i => !i.HasExited).ToList();
        if (running.Count < 2)
        {
            // The failover test stopped one; the keys are in the database either way, so ask the one left twice.
            running = [running[0], running[0]];
        }

        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var client = new HttpClient(handler);
        var form = await client.GetStringAsync(running[0].BaseUrl + "/account/signin");
        var hidden = Regex.Matches(form, "<input[^>]*type=\"hidden\"[^>]*>")
            .Select(m => (Name: Attribute(m.Value, "name"), Value: WebUtility.HtmlDecode(Attribute(m.Value, "value"))))
            .Where(f => f.Name.Length > 0).ToList();
        Assert.Contains(hidden, f => f.Name == "__RequestVerificationToken" && f.Value.Length > 0);
        foreach (var cookie in cookies.GetAllCookies().Cast<Cookie>())
        {
            cookies.Add(new Uri(running[1].BaseUrl), new Cookie(cookie.Name, cookie.Value, "/"));
        }

        Dictionary<string, string> Fields(bool withToken) => hidden
            .Where(f => withToken || f.Name != "__RequestVerificationToken")
            .Concat([("Input.Email", "manager@demo.local"), ("Input.Password", Pages.Password)])
            .ToDictionary(f => f.Item1, f => f.Item2);

        // Without the token the post is refused, so the acceptance below is the token's doing.
        using var bare = await client.PostAsync(running[1].BaseUrl + "/account/signin", new FormUrlEncodedContent(Fields(withToken: false)));
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);

        using var post = await client.PostAsync(running[1].BaseUrl + "/account/signin", new FormUrlEncodedContent(Fields(withToken: true)));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Contains(cookies.GetAllCookies().Cast<Cookie>(), c => c.Name == "AppealStudio.Auth");
    }

    private static string Attribute(string tag, string name) =>
        Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"") is { Success: true } m ? m.Groups[1].Value : "";

    [ClusterFact]
    public async Task TwoInstancesRunningTheScheduler_EachDailyJobRunsOnceForTheCluster()
    {
        // Both instances tick every second from start-up with the jobs due (DailyAtHour 0).
        var runs = await WaitForAsync(
            () => cluster.QueryAsync("SELECT \"Job\", \"Period\", \"Instance\", \"CompletedAt\" IS NOT NULL FROM \"ScheduledJobRuns\" ORDER BY \"Job\"",
                async r =>
                {
                    var rows = new List<(string Job, string Period, string Instance, bool Done)>();
                    while (await r.ReadAsync())
                    {
                        rows.Add((r.GetString(0), r.GetString(1), r.GetString(2), r.GetBoolean(3)));
                    }

                    return rows;
                }),
            rows => rows.Count >= 4 && rows.All(r => r.Done));

        Assert.Subset(runs.Select(r => r.Job).ToHashSet(StringComparer.Ordinal), new HashSet<string>(["auto-assign", "purge-voided", "reminders", "rescore"], StringComparer.Ordinal));
        Assert.All(runs.GroupBy(r => (r.Job, r.Period)), g => Assert.Single(g));
        Assert.All(runs, r => Assert.Contains(r.Instance, cluster.Instances.Select(i => i.Name)));
    }

    private static string ServedBy(IResponse? response)
    {
        Assert.NotNull(response);
        var headers = response.Headers;
        return headers.TryGetValue(ProxyApp.ServedByHeaderName.ToLowerInvariant(), out var name) ? name : "";
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        var value = await read();
        while (!done(value) && DateTime.UtcNow < until)
        {
            await Task.Delay(500);
            value = await read();
        }

        return value;
    }
}
