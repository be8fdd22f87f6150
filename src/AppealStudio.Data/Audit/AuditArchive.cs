using System.Globalization;
using System.Text;
using System.Text.Json;
using AppealStudio.Data.Practice;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Audit;

public enum AuditArchiveFormat
{
    Csv,
    Json,
}

/// <summary>
/// <c>appealstudio audit export</c>: every row of a date range (days in the practice's time zone, inclusive), in chain
/// order, with its sequence and hash so the file can be checked against the chain later. Streams to the output, so a
/// range of millions of rows needs constant memory; unlike the Settings page's export it has no row cap. Admins only;
/// the export itself is audited (range and row count, never content).
/// </summary>
public sealed class AuditArchive(AppDbContext db, PracticeContext practice, AuditLog audit, ICurrentActor actor)
{
    private static readonly string[] Columns =
        ["sequence", "id", "time_utc", "user_id", "actor", "action", "record_type", "record_id", "details", "ip_address", "hash", "break_glass"];

    public async Task<long> ExportAsync(DateOnly? from, DateOnly? to, AuditArchiveFormat format, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        SettingsAccess.DemandAdmin(actor);
        if (from is { } f && to is { } t && f > t)
        {
            throw new ArgumentException("The end date is before the start date.", nameof(to));
        }

        var zone = await practice.ZoneAsync(cancellationToken);
        var events = db.AuditEvents.AsNoTracking();
        if (from is { } start)
        {
            var at = Start(start, zone);
            events = events.Where(e => e.At >= at);
        }

        if (to is { } end)
        {
            var before = Start(end.AddDays(1), zone);
            events = events.Where(e => e.At < before);
        }

        // Rows from before the chain (no sequence) first, by id; then the chain in its own order.
        var rows = events.OrderBy(e => e.Sequence == null ? 0 : 1).ThenBy(e => e.Sequence).ThenBy(e => e.Id).AsAsyncEnumerable();
        long count = format == AuditArchiveFormat.Json
            ? await WriteJsonAsync(rows, output, cancellationToken)
            : await WriteCsvAsync(rows, output, cancellationToken);
        await audit.RecordAsync("audit.export", "AuditTrail", null, string.Create(CultureInfo.InvariantCulture,
            $"from={from?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "any"} to={to?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "any"} format={format} rows={count}"),
            cancellationToken);
        return count;
    }

    private static async Task<long> WriteCsvAsync(IAsyncEnumerable<AuditEvent> rows, Stream output, CancellationToken cancellationToken)
    {
        await using var text = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        var options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture };
        long count = 0;
        using (var csv = CsvWriter.Create(text, options, leaveOpen: true))
        {
            foreach (var column in Columns)
            {
                csv.WriteField(column);
            }

            csv.EndRecord();
            await foreach (var e in rows.WithCancellation(cancellationToken))
            {
                foreach (var value in Values(e))
                {
                    csv.WriteField(value ?? "");
                }

                csv.EndRecord();
                count++;
            }
        }

        await text.FlushAsync(cancellationToken);
        return count;
    }

    private static async Task<long> WriteJsonAsync(IAsyncEnumerable<AuditEvent> rows, Stream output, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output);
        json.WriteStartArray();
        long count = 0;
        await foreach (var e in rows.WithCancellation(cancellationToken))
        {
            json.WriteStartObject();
            var values = Values(e);
            for (var i = 0; i < Columns.Length; i++)
            {
                if (values[i] is { } value)
                {
                    json.WriteString(Columns[i], value);
                }
                else
                {
                    json.WriteNull(Columns[i]);
                }
            }

            json.WriteEndObject();
            count++;
            if (json.BytesPending > 64 * 1024)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
        return count;
    }

    private static string?[] Values(AuditEvent e) =>
    [
        e.Sequence?.ToString(CultureInfo.InvariantCulture), e.Id.ToString(CultureInfo.InvariantCulture),
        e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), e.UserId, e.Actor, e.Action,
        e.EntityType, e.EntityId, e.Details, e.IpAddress, e.Hash, e.BreakGlass,
    ];

    private static DateTimeOffset Start(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
