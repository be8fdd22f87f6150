using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AppealStudio.Data;

/// <summary>
/// The process-wide cap on imports running at once: 835 remittances, chart documents and appeal attachments share it.
/// Each import holds its file's working set (an 835 batch, a parsed chart document, an attachment), so the cap is what
/// keeps a few users uploading at the same moment from adding those up past what the server has.
/// </summary>
/// <remarks>
/// <c>Imports:MaxConcurrent</c> (default 2, 1-64) imports run at once; a further one waits up to
/// <c>Imports:BusyWaitSeconds</c> (default 10, 0-300) for a slot and is then refused with
/// <see cref="ImportBusyException"/>, saving nothing. One instance per process (a singleton); several app instances
/// each have their own.
/// </remarks>
public sealed class ImportSlots
{
    public const int DefaultMaxConcurrent = 2;

    public const int DefaultBusyWaitSeconds = 10;

    private readonly SemaphoreSlim slots;

    public ImportSlots(IConfiguration configuration)
        : this(MaxConcurrentFrom(configuration), BusyWaitFrom(configuration))
    {
    }

    public ImportSlots(int maxConcurrent, TimeSpan busyWait)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrent, 1);
        MaxConcurrent = maxConcurrent;
        BusyWait = busyWait;
        slots = new SemaphoreSlim(maxConcurrent, maxConcurrent);
    }

    public int MaxConcurrent { get; }

    public TimeSpan BusyWait { get; }

    /// <summary>Imports running now.</summary>
    public int Running => MaxConcurrent - slots.CurrentCount;

    /// <summary>Takes a slot for one import; dispose the result to give it back.</summary>
    /// <exception cref="ImportBusyException">Every slot stayed taken for <see cref="BusyWait"/>.</exception>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken = default)
    {
        if (!await slots.WaitAsync(BusyWait, cancellationToken))
        {
            throw new ImportBusyException(MaxConcurrent);
        }

        return new Slot(slots);
    }

    private static int MaxConcurrentFrom(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration.GetValue("Imports:MaxConcurrent", DefaultMaxConcurrent);
        return value is < 1 or > 64
            ? throw new InvalidOperationException($"Imports:MaxConcurrent is {value.ToString(CultureInfo.InvariantCulture)}; use 1 to 64 imports at once.")
            : value;
    }

    private static TimeSpan BusyWaitFrom(IConfiguration configuration)
    {
        var value = configuration.GetValue("Imports:BusyWaitSeconds", DefaultBusyWaitSeconds);
        return value is < 0 or > 300
            ? throw new InvalidOperationException($"Imports:BusyWaitSeconds is {value.ToString(CultureInfo.InvariantCulture)}; use 0 to 300 seconds.")
            : TimeSpan.FromSeconds(value);
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private SemaphoreSlim? owner = slots;

        public void Dispose() => Interlocked.Exchange(ref owner, null)?.Release();
    }
}

/// <summary>Every import slot is taken (<see cref="ImportSlots"/>); nothing was read or saved. The message is fit to show.</summary>
public sealed class ImportBusyException : Exception
{
    public ImportBusyException()
    {
    }

    public ImportBusyException(string message)
        : base(message)
    {
    }

    public ImportBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ImportBusyException(int maxConcurrent)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"The server is busy: {maxConcurrent} imports are already running (the limit set by Imports:MaxConcurrent). Nothing was imported; try again in a minute."))
    {
    }
}
