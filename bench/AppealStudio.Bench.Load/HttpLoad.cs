using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace AppealStudio.Bench.Load;

/// <summary>
/// Signed-in users requesting the pages as a browser's first load would (the server-side prerender of each page,
/// with its queries), without think time, through the proxy. Specialists go worklist, a denial, its appeal workspace;
/// every fifth user is a manager reading the reports and the worklist.
/// </summary>
public static partial class HttpLoad
{
    public static async Task<Latencies> RunAsync(string url, int users, int seconds, string password, IReadOnlyList<long> denialIds)
    {
        var latencies = new Latencies();
        var clients = new List<(HttpClient Client, bool Manager)>();
        for (var i = 0; i < users; i++)
        {
            var manager = i % 5 == 4;
            var client = SignIn.NewClient(url, new CookieContainer());
            await SignIn.AsAsync(client, manager ? "manager@demo.local" : "specialist@demo.local", password);
            clients.Add((client, manager));
        }

        var ids = denialIds.Count > 0 ? denialIds : await DiscoverDenialsAsync(clients[0].Client);
        if (ids.Count == 0)
        {
            throw new InvalidOperationException("No denial ids on the worklist: pass --denials FIRST-LAST.");
        }

        Console.WriteLine($"{users} users signed in; {ids.Count} denials to open; running {seconds} s");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var tasks = clients.Select((c, i) => Task.Run(() => UserAsync(c.Client, c.Manager, ids, new Random(i), latencies, stop.Token))).ToList();
        await Task.WhenAll(tasks);
        foreach (var (client, _) in clients)
        {
            client.Dispose();
        }

        return latencies;
    }

    private static async Task UserAsync(HttpClient client, bool manager, IReadOnlyList<long> ids, Random random, Latencies latencies, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (manager)
            {
                await GetAsync(client, "/reports", "reports", latencies, stop);
                await GetAsync(client, "/reports/win-rates", "reports/win-rates", latencies, stop);
                await GetAsync(client, "/worklist", "worklist", latencies, stop);
            }
            else
            {
                var id = ids[random.Next(ids.Count)];
                await GetAsync(client, "/worklist", "worklist", latencies, stop);
                await GetAsync(client, $"/denials/{id}", "denial", latencies, stop);
                await GetAsync(client, $"/denials/{id}/appeal", "appeal workspace", latencies, stop);
            }
        }
    }

    private static async Task GetAsync(HttpClient client, string path, string page, Latencies latencies, CancellationToken stop)
    {
        if (stop.IsCancellationRequested)
        {
            return;
        }

        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseContentRead, CancellationToken.None);
            watch.Stop();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                latencies.Error(page, $"{(int)response.StatusCode} {response.Headers.Location}");
                return;
            }

            latencies.Add(page, watch.Elapsed.TotalMilliseconds);
        }
        catch (HttpRequestException e)
        {
            latencies.Error(page, e.Message);
        }
        catch (TaskCanceledException e)
        {
            latencies.Error(page, "timeout: " + e.Message);
        }
    }

    public static async Task<IReadOnlyList<long>> DiscoverDenialsAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var html = await client.GetStringAsync(new Uri("/worklist", UriKind.Relative));
        var found = DenialLink().Matches(html).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();
        // The worklist's rows load on the circuit, after the prerender: find the denials by asking for the first ids.
        for (var id = 1L; found.Count == 0 || (id <= 200 && found.Count < 50); id++)
        {
            using var response = await client.GetAsync(new Uri($"/denials/{id}", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                found.Add(id);
            }
            else if (id > 20)
            {
                break;
            }
        }

        return found;
    }

    [GeneratedRegex("/denials/(\\d+)")]
    private static partial Regex DenialLink();
}
