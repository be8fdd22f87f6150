using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace AppealStudio.Web.Tests.Logging;

/// <summary>One log call as a sink would receive it: the rendered message, every state value and the exception text.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, string Message, IReadOnlyList<string> Values, string? Exception)
{
    /// <summary>Everything a log sink could write for this entry, so a scan cannot miss a structured value or a stack trace.</summary>
    public IEnumerable<string> Texts()
    {
        yield return Message;
        foreach (var value in Values)
        {
            yield return value;
        }

        if (Exception is not null)
        {
            yield return Exception;
        }
    }
}

/// <summary>
/// Keeps every log entry of the host at every level, and the scopes open around them (a structured sink such as
/// Serilog or OpenTelemetry writes scope values too, so they count as logged).
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> entries = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<CapturedLog> Entries => entries;

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
        // Nothing to release: the entries stay readable after the host stops.
    }

    private static string Render(object? value) => value switch
    {
        null => "",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable sequence and not string => string.Join(", ", sequence.Cast<object?>().Select(Render)),
        _ => value.ToString() ?? "",
    };

    private sealed class CapturingLogger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new List<string>();
            Collect(state, values);
            owner.scopes.ForEachScope((scope, list) => Collect(scope, list), values);
            owner.entries.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception), values, exception?.ToString()));
        }

        private static void Collect(object? state, List<string> values)
        {
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    values.Add(key + "=" + Render(value));
                }
            }
            else if (state is not null)
            {
                values.Add(Render(state));
            }
        }
    }
}
