using System.Collections.Concurrent;
using System.Globalization;

namespace AppealStudio.Bench.Load;

/// <summary>Latencies and errors per page, from many users at once.</summary>
public sealed class Latencies(string subject = "Page", string countedAs = "Requests")
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> samples = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> errors = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> firstErrors = new();

    public void Add(string page, double milliseconds) => samples.GetOrAdd(page, _ => []).Add(milliseconds);

    public void Error(string page, string what)
    {
        errors.AddOrUpdate(page, 1, (_, n) => n + 1);
        if (firstErrors.Count < 20)
        {
            firstErrors.Enqueue($"{page}: {what}");
        }
    }

    public int ErrorCount => errors.Values.Sum();

    /// <summary>Timed samples over every page.</summary>
    public int Count => samples.Values.Sum(b => b.Count);

    /// <summary>A Markdown table: page, requests, errors, p50, p95, max.</summary>
    public string Table()
    {
        var lines = new List<string>
        {
            $"| {subject} | {countedAs} | Errors | p50 ms | p95 ms | max ms |",
            "|---|---:|---:|---:|---:|---:|",
        };
        foreach (var page in samples.Keys.Union(errors.Keys).Order(StringComparer.Ordinal))
        {
            var sorted = samples.TryGetValue(page, out var bag) ? bag.Order().ToArray() : [];
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {page} | {sorted.Length} | {errors.GetValueOrDefault(page)} | {Percentile(sorted, 0.50):0} | {Percentile(sorted, 0.95):0} | {(sorted.Length > 0 ? sorted[^1] : 0):0} |"));
        }

        var all = samples.Values.SelectMany(b => b).Order().ToArray();
        lines.Add(string.Create(CultureInfo.InvariantCulture,
            $"| all | {all.Length} | {ErrorCount} | {Percentile(all, 0.50):0} | {Percentile(all, 0.95):0} | {(all.Length > 0 ? all[^1] : 0):0} |"));
        if (!firstErrors.IsEmpty)
        {
            lines.Add("");
            lines.Add("First errors:");
            lines.AddRange(firstErrors.Select(e => "- " + e));
        }

        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>Nearest-rank percentile of sorted values (0 when there are none).</summary>
    public static double Percentile(double[] sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
