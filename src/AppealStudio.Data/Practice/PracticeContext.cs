using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Data.Practice;

/// <summary>
/// The practice's name and time zone, read once and kept until the practice profile is saved again: every screen
/// shows times in the zone (UTC stays for files and the audit trail's raw view) and the name in the app bar.
/// </summary>
public sealed class PracticeContext(IServiceScopeFactory scopes)
{
    public const string DefaultZoneId = "America/New_York";

    /// <summary>The US zones a practice picks from, in the order a US user expects them.</summary>
    public static readonly IReadOnlyList<(string Id, string Label)> UsZones =
    [
        ("America/New_York", "Eastern"),
        ("America/Chicago", "Central"),
        ("America/Denver", "Mountain"),
        ("America/Phoenix", "Mountain (Arizona, no daylight saving)"),
        ("America/Los_Angeles", "Pacific"),
        ("America/Anchorage", "Alaska"),
        ("Pacific/Honolulu", "Hawaii"),
        ("America/Puerto_Rico", "Atlantic (Puerto Rico)"),
    ];

    private TimeZoneInfo? zone;
    private string? name;

    public static bool IsKnownZone(string? id) =>
        id is not null && UsZones.Any(z => z.Id == id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    public async Task<TimeZoneInfo> ZoneAsync(CancellationToken cancellationToken = default)
    {
        if (zone is null)
        {
            await LoadAsync(cancellationToken);
        }

        return zone!;
    }

    /// <summary>The practice's name, or "" before an Admin has entered the profile.</summary>
    public async Task<string> NameAsync(CancellationToken cancellationToken = default)
    {
        if (name is null)
        {
            await LoadAsync(cancellationToken);
        }

        return name!;
    }

    /// <summary>Today's date where the practice is.</summary>
    public async Task<DateOnly> TodayAsync(TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Core.Display.Day(clock.GetUtcNow(), await ZoneAsync(cancellationToken));
    }

    /// <summary>Called after the profile is saved, so the next read picks up a changed name or zone.</summary>
    public void Forget()
    {
        zone = null;
        name = null;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await db.PracticeProfiles.AsNoTracking().OrderBy(p => p.Id)
            .Select(p => new { p.Name, p.TimeZone }).FirstOrDefaultAsync(cancellationToken);
        zone = TimeZoneInfo.TryFindSystemTimeZoneById(row?.TimeZone ?? DefaultZoneId, out var found) ? found : TimeZoneInfo.Utc;
        name = row?.Name ?? "";
    }
}
