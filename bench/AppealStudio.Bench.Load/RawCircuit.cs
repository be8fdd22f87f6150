using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Bench.Load;

/// <summary>
/// Blazor's hub protocol: SignalR's MessagePack protocol under the name "blazorpack" (blazor.web.js builds its
/// MessagePack protocol and renames it the same way).
/// </summary>
public sealed class BlazorPackProtocol : IHubProtocol
{
    private readonly MessagePackHubProtocol inner = new();

    public string Name => "blazorpack";

    public int Version => inner.Version;

    public TransferFormat TransferFormat => TransferFormat.Binary;

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HubMessage? message) =>
        inner.TryParseMessage(ref input, binder, out message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);
}

/// <summary>
/// One circuit driven without a browser, as blazor.web.js drives it: the page's HTML gives the server component
/// markers, the hub connection (/_blazor, WebSockets, blazorpack) starts the circuit and adds the root components,
/// every render batch is acknowledged (OnRenderCompleted) as the browser does after applying it, and every JS interop
/// call from the server is answered at once with success and no value (nothing is drawn here). A navigation is what
/// the browser sends when a link is clicked (OnLocationChanged, intercepted). An interaction is done when a render
/// batch carries an expected string in its string table (an attribute value such as a data-testid, or a text such as
/// the pager's "1-2 of 2"): the batch that puts the expected result into the DOM. Nothing is parsed or kept of the
/// DOM, so a client costs little CPU beside the server.
/// </summary>
public sealed partial class RawCircuit : IAsyncDisposable
{
    private readonly HubConnection connection;
    private readonly string baseUrl;
    private readonly object gate = new();
    private byte[]? awaited;
    private TaskCompletionSource<bool>? done;
    private long nextObjectId;
    private int batchesSince;
    private readonly List<string> callsSince = [];
    private readonly Stopwatch sinceBatch = Stopwatch.StartNew();

    private RawCircuit(HubConnection connection, string baseUrl)
    {
        this.connection = connection;
        this.baseUrl = baseUrl;
    }

    /// <summary>JS interop calls the server made, by identifier, over every circuit (printed after a run).</summary>
    public static System.Collections.Concurrent.ConcurrentDictionary<string, int> JsCalls { get; } = new(StringComparer.Ordinal);

    /// <summary>The address the circuit is on (path and query): where it was opened or last navigated to.</summary>
    public string Path { get; private set; } = "";

    /// <summary>The last error the server reported for this circuit (JS.Error), if any.</summary>
    public string? Error { get; private set; }

    public static async Task<RawCircuit> OpenAsync(string baseUrl, CookieContainer cookies, string path, string expected, TimeSpan timeout)
    {
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
        var html = await http.GetStringAsync(new Uri(path, UriKind.Relative));
        var markers = Marker().Matches(html).Select(m => JsonDocument.Parse(m.Groups[1].Value).RootElement.Clone())
            .Where(m => m.GetProperty("type").GetString() == "server").ToList();
        if (markers.Count == 0)
        {
            throw new InvalidOperationException($"No server component marker on {path} (signed out?)");
        }

        var state = State().Match(html) is { Success: true } s ? s.Groups[1].Value : "";
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUrl + "/_blazor"), HttpTransportType.WebSockets, o =>
            {
                o.Cookies = cookies;
                // Negotiated like blazor.web.js (the connection id then names the circuit in the server's logs).
            });
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackProtocol()); // the last protocol registered is the one used
        var connection = builder.Build();
        var circuit = new RawCircuit(connection, baseUrl);
        circuit.Listen();
        await connection.StartAsync();
        var id = await connection.InvokeAsync<string?>("StartCircuit", baseUrl + "/", baseUrl + path, "[]", "");
        if (string.IsNullOrEmpty(id))
        {
            throw new InvalidOperationException("StartCircuit refused: " + circuit.Error);
        }

        var operations = JsonSerializer.Serialize(new
        {
            batchId = 1,
            operations = markers.Select((m, i) => new { type = "add", ssrComponentId = i + 1, marker = m }).ToList(),
        });
        var first = circuit.Expect(expected);
        await connection.SendAsync("UpdateRootComponents", operations, state);
        if (!await WaitAsync(first, timeout))
        {
            throw new TimeoutException($"{path} did not render '{expected}' on the circuit: {circuit.Error}");
        }

        circuit.Path = path;
        return circuit;
    }

    /// <summary>What the circuit received since the last expectation was set (for a timeout's message).</summary>
    public string Received
    {
        get
        {
            lock (gate)
            {
                return $"connection {connection.ConnectionId}: {batchesSince} batches since the navigation, the last {sinceBatch.Elapsed.TotalSeconds:0.0} s ago, connection {connection.State}; JS calls since (* awaited): {string.Join(' ', callsSince)}";
            }
        }
    }

    /// <summary>Sends a navigation and waits for the batch carrying <paramref name="expected"/>; the time in ms, or null on timeout.</summary>
    public async Task<double?> NavigateAsync(string path, string expected, TimeSpan timeout)
    {
        // A link to the address the page is already on changes nothing on the page: never timed.
        if (path == Path)
        {
            throw new InvalidOperationException($"already on {path}");
        }

        var wait = Expect(expected);
        var watch = Stopwatch.StartNew();
        Path = path;
        await connection.SendAsync("OnLocationChanged", baseUrl + path, null, true);
        return await WaitAsync(wait, timeout) ? watch.Elapsed.TotalMilliseconds : null;
    }

    private Task<bool> Expect(string expected)
    {
        // A string-table entry of a render batch: its length (7-bit encoded) and UTF-8 bytes.
        var bytes = Encoding.UTF8.GetBytes(expected);
        if (bytes.Length > 127)
        {
            throw new ArgumentException("Expected strings are short.", nameof(expected));
        }

        var tcs = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            awaited = [(byte)bytes.Length, .. bytes];
            done = tcs;
            batchesSince = 0;
            callsSince.Clear();
        }

        return tcs.Task;
    }

    private static async Task<bool> WaitAsync(Task<bool> wait, TimeSpan timeout) =>
        await Task.WhenAny(wait, Task.Delay(timeout)) == wait && wait.Result;

    private void Listen()
    {
        connection.On<long, byte[]>("JS.RenderBatch", async (batchId, batch) =>
        {
            lock (gate)
            {
                batchesSince++;
                sinceBatch.Restart();
                if (awaited is not null && batch.AsSpan().IndexOf(awaited) >= 0)
                {
                    awaited = null;
                    done?.TrySetResult(true);
                }
            }

            await connection.SendAsync("OnRenderCompleted", batchId, null);
        });
        // (asyncHandle, identifier, argsJson, resultType, targetInstanceId, callType): answered as done with no value,
        // or with a fresh object reference where the caller asked for one (resultType 1: a module import, say).
        connection.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], async args =>
        {
            var handle = (long)args[0]!;
            var identifier = (string)args[1]!;
            JsCalls.AddOrUpdate(identifier, 1, (_, n) => n + 1);
            lock (gate)
            {
                callsSince.Add(identifier + (handle == 0 ? "" : "*"));
            }

            if (handle != 0)
            {
                var result = (int)args[3]! == 1 ? $"{{\"__jsObjectId\":{Interlocked.Increment(ref nextObjectId)}}}"
                    : identifier == "draw" ? "true" // ReportChart awaits a bool: "drawn"
                    : "null";
                await connection.SendAsync("EndInvokeJSFromDotNet", handle, true, $"[{handle},true,{result}]");
            }

            if (identifier.EndsWith("navigationManager.navigateTo", StringComparison.Ordinal))
            {
                // A navigation started by the server (NavigationManager.NavigateTo): the browser changes its address
                // and reports it back, not intercepted; the page waits for that to load what the address says.
                using var json = JsonDocument.Parse((string)args[2]!);
                var target = new Uri(new Uri(baseUrl + "/"), json.RootElement[0].GetString()).ToString();
                await connection.SendAsync("OnLocationChanged", target, null, false);
            }
        });
        connection.On<string>("JS.Error", error =>
        {
            Error = error;
            lock (gate)
            {
                done?.TrySetResult(false);
            }
        });
        connection.On<int, string>("JS.AttachComponent", (_, _) => { });
        connection.On<long>("JS.EndUpdateRootComponents", _ => { });
        connection.On<string, bool, string>("JS.EndInvokeDotNet", (_, _, _) => { });
        connection.Closed += error =>
        {
            Error ??= "connection closed" + (error is null ? "" : ": " + error.Message);
            lock (gate)
            {
                done?.TrySetResult(false);
            }

            return Task.CompletedTask;
        };
    }

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();

    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex("<!--Blazor-Server-Component-State:(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex State();
}
