using System.Diagnostics;
using System.Globalization;
using System.Net;
using AppealStudio.Bench.Load;

// Load and circuit benchmarks against running instances (docs/benchmarks.md section 5; bench/run-cluster.sh starts
// the cluster). Usage:
//   http      --url URL [--users 50] [--seconds 60] [--denials FIRST-LAST]   HTTP users (page prerender) through the proxy
//   browser   --url URL [--users 50] [--seconds 60] [--think 5] [--warmup 30] [--renderers 4] [--timeout 30] [--server-pids a=PID,b=PID]
//             Chromium users working on their circuits, each interaction timed in the page
//   signalr   the same options: the same users on circuits driven by a SignalR client of /_blazor, no browser
//   circuits  --url URL --pid PID [--count 200]                              server memory per idle circuit
//   first-page --url URL [--runs 10]                                          the worklist's first page, sequentially
var command = args.Length > 0 ? args[0] : "";
string Option(string name, string fallback)
{
    var i = Array.IndexOf(args, "--" + name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

int Number(string name, int fallback) => int.Parse(Option(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

IReadOnlyList<long> Denials()
{
    var range = Option("denials", "");
    if (range.Length == 0)
    {
        return [];
    }

    var parts = range.Split('-');
    var first = long.Parse(parts[0], CultureInfo.InvariantCulture);
    var last = long.Parse(parts[^1], CultureInfo.InvariantCulture);
    return Enumerable.Range(0, (int)(last - first + 1)).Select(i => first + i).ToList();
}

// "a=123,b=456": server processes whose CPU time the browser run reports.
IReadOnlyList<(string Name, int Pid)> ServerPids() =>
    Option("server-pids", "").Split(',', StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Split('='))
        .Select(p => (p[0], int.Parse(p[1], CultureInfo.InvariantCulture)))
        .ToList();

var url = Option("url", "http://127.0.0.1:8080").TrimEnd('/');
var password = Option("password", "Demo!Pass2026");
Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {File.ReadAllText("/proc/loadavg").Trim()}");
switch (command)
{
    case "http":
        var http = await HttpLoad.RunAsync(url, Number("users", 50), Number("seconds", 60), password, Denials());
        Console.WriteLine(http.Table());
        break;
    case "browser":
    case "signalr":
        var circuitOptions = new BrowserLoadOptions
        {
            Url = url,
            Password = password,
            Users = Number("users", 50),
            Seconds = Number("seconds", 60),
            ThinkSeconds = double.Parse(Option("think", "5"), CultureInfo.InvariantCulture),
            Renderers = Number("renderers", 4),
            TimeoutSeconds = Number("timeout", 30),
            WarmupSeconds = Number("warmup", 30),
            Width = Number("width", 1280),
            Height = Number("height", 800),
            ServerPids = ServerPids(),
        };
        await (command == "browser" ? BrowserLoad.RunAsync(circuitOptions) : RawLoad.RunAsync(circuitOptions));
        break;
    case "circuits":
        await CircuitBench.RunAsync(url, Number("count", 200), Number("pid", 0), password);
        break;
    case "first-page":
        using (var client = SignIn.NewClient(url, new CookieContainer()))
        {
            await SignIn.AsAsync(client, "specialist@demo.local", password);
            var times = new List<double>();
            for (var run = 0; run < Number("runs", 10); run++)
            {
                var watch = Stopwatch.StartNew();
                var html = await client.GetStringAsync(new Uri("/worklist", UriKind.Relative));
                times.Add(watch.Elapsed.TotalMilliseconds);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run + 1}: {times[^1]:0} ms, {html.Length} chars"));
            }

            var sorted = times.Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"first worklist page: first run {times[0]:0} ms, median {Latencies.Percentile(sorted, 0.5):0} ms, best {sorted[0]:0} ms"));
        }

        break;
    default:
        Console.Error.WriteLine("Commands: http, browser, signalr, circuits, first-page (see the top of Program.cs or bench/README.md).");
        return 2;
}

Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {File.ReadAllText("/proc/loadavg").Trim()}");
return 0;
