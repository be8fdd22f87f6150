using System.Globalization;
using System.Text;
using AppealStudio.Core;
using AppealStudio.Data.Practice;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Audit;

/// <summary>What the audit trail is narrowed by. Dates are days in the practice's time zone; null means "any".</summary>
/// <param name="Action">An action (<c>payer.update</c>) or the start of one (<c>auth.</c>).</param>
public sealed record AuditQuery(
    string? UserId = null,
    string? Action = null,
    string? RecordType = null,
    string? RecordId = null,
    DateOnly? From = null,
    DateOnly? To = null)
{
    /// <summary>The reasons the query cannot run, by field (From, To).</summary>
    public IReadOnlyList<FieldError> Problems()
    {
        var problems = new List<FieldError>();
        if (From is { } from && To is { } to && from > to)
        {
            problems.Add(new FieldError(nameof(To), "The end date is before the start date."));
        }

        return problems;
    }
}

/// <summary>One line of the trail as the Admin reads it: the user's name, the action and the record in words.</summary>
public sealed record AuditRow(
    long Id,
    DateTimeOffset At,
    string? UserId,
    string UserName,
    string Actor,
    string Action,
    string ActionLabel,
    string? EntityType,
    string? EntityId,
    string Record,
    string? Details,
    string? IpAddress)
{
    /// <summary>The emergency-access grants the actor held when the row was written ("12", "12,14"), or null (ADR 0085).</summary>
    public string? BreakGlass { get; init; }
}

public sealed record AuditRows(IReadOnlyList<AuditRow> Rows, int Total);

/// <summary>What the filters offer: the people who appear in the trail, the actions and the kinds of records.</summary>
public sealed record AuditChoices(IReadOnlyList<(string Id, string Name)> Users, IReadOnlyList<(string Action, string Label)> Actions,
    IReadOnlyList<(string Type, string Label)> RecordTypes);

/// <summary>
/// Settings &gt; Audit trail: the append-only trail read back, newest first, one page at a time in SQL (the trail grows
/// with every page view, so it is never loaded whole). Admins only; an export of it is itself audited.
/// </summary>
public sealed class AuditTrail(AppDbContext db, PracticeContext practice, AuditLog audit, ICurrentActor actor)
{
    public const int MaxPageSize = 200;

    public const int MaxExportRows = 10_000;

    // The areas of the dotted action names, as the Admin knows them.
    private static readonly Dictionary<string, string> Areas = new(StringComparer.Ordinal)
    {
        ["auth"] = "Sign-in",
        ["user"] = "Users",
        ["payer"] = "Payers",
        ["classification"] = "Classification",
        ["practice"] = "Practice profile",
        ["template"] = "Letter templates",
        ["denial"] = "Denials",
        ["appeal"] = "Appeals",
        ["signoff"] = "Sign-off",
        ["report"] = "Reports",
        ["worklist"] = "Worklist",
        ["import"] = "Imports",
        ["chart"] = "Chart documents",
        ["audit"] = "Audit trail",
        ["break-glass"] = "Emergency access",
    };

    // Whole actions whose "area: verb" would read awkwardly.
    private static readonly Dictionary<string, string> ActionNames = new(StringComparer.Ordinal)
    {
        ["auth.sign-in"] = "Signed in",
        ["auth.sign-in-failed"] = "Sign-in failed",
        ["auth.sign-out"] = "Signed out",
        ["auth.idle-sign-out"] = "Signed out after being idle",
        ["auth.locked-out"] = "Locked out after failed sign-ins",
        ["auth.two-factor-enable"] = "Two-factor sign-in turned on",
        ["auth.two-factor-disable"] = "Two-factor sign-in turned off",
    };

    private static readonly Dictionary<string, string> RecordTypeNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["PayerSetting"] = "Payer",
        ["ClassificationOverride"] = "Classification override",
        ["ClassificationTable"] = "Classification table",
        ["PracticeProfile"] = "Practice profile",
        ["report"] = "Report",
        ["RemittanceImport"] = "Import",
        ["ChartDocument"] = "Chart document",
        ["BreakGlassGrant"] = "Emergency access grant",
    };

    public async Task<AuditChoices> ChoicesAsync(CancellationToken cancellationToken = default)
    {
        SettingsAccess.DemandAdmin(actor);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(cancellationToken);
        var actions = await db.AuditEvents.AsNoTracking().Select(e => e.Action).Distinct().OrderBy(a => a).Take(500).ToListAsync(cancellationToken);
        var types = await db.AuditEvents.AsNoTracking().Where(e => e.EntityType != null).Select(e => e.EntityType!).Distinct().OrderBy(t => t)
            .Take(100).ToListAsync(cancellationToken);
        return new AuditChoices(
            users.Select(u => (u.Id, Name(u.DisplayName, u.Email))).ToList(),
            actions.Select(a => (a, ActionLabel(a))).ToList(),
            types.Select(t => (t, RecordTypeLabel(t))).ToList());
    }

    public async Task<AuditRows> PageAsync(AuditQuery query, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        SettingsAccess.DemandAdmin(actor);
        if (query.Problems().Count > 0)
        {
            return new AuditRows([], 0);
        }

        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(0, page);
        var filtered = await FilterAsync(query, cancellationToken);
        var total = await filtered.CountAsync(cancellationToken);

        // Ids grow with time and are the key: the newest-first order is stable and uses the primary key on both providers.
        var events = await filtered.OrderByDescending(e => e.Id).Skip(page * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new AuditRows(await DescribeAsync(events, cancellationToken), total);
    }

    /// <summary>
    /// The filtered trail (up to <see cref="MaxExportRows"/>, newest first) as an RFC 4180 CSV file with times in UTC and
    /// in the practice's zone; the export is audited (<c>audit.export</c>, the filter's field names and the row count).
    /// </summary>
    public async Task<byte[]> ExportAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        SettingsAccess.DemandAdmin(actor);
        var zone = await practice.ZoneAsync(cancellationToken);
        var events = query.Problems().Count > 0
            ? []
            : await (await FilterAsync(query, cancellationToken)).OrderByDescending(e => e.Id).Take(MaxExportRows).ToListAsync(cancellationToken);
        var rows = await DescribeAsync(events, cancellationToken);
        await audit.RecordAsync("audit.export", "AuditTrail", null,
            "filters=" + string.Join(',', Filters(query)) + " rows=" + rows.Count.ToString(CultureInfo.InvariantCulture), cancellationToken);

        using var text = new StringWriter(CultureInfo.InvariantCulture);
        // Details and names come from outside (payer names, file names): a cell that starts like a formula is escaped.
        var options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture };
        using (var csv = CsvWriter.Create(text, options, leaveOpen: true))
        {
            foreach (var header in new[] { "time_utc", "time_practice", "user", "actor", "action", "record_type", "record_id", "record", "details", "ip_address", "break_glass" })
            {
                csv.WriteField(header);
            }

            csv.EndRecord();
            foreach (var r in rows)
            {
                csv.WriteField(r.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                csv.WriteField(Display.DateTime(r.At, zone));
                csv.WriteField(r.UserName);
                csv.WriteField(r.Actor);
                csv.WriteField(r.Action);
                csv.WriteField(r.EntityType ?? "");
                csv.WriteField(r.EntityId ?? "");
                csv.WriteField(r.Record);
                csv.WriteField(r.Details ?? "");
                csv.WriteField(r.IpAddress ?? "");
                csv.WriteField(r.BreakGlass ?? "");
                csv.EndRecord();
            }
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>"Payers: update" for <c>payer.update</c>: the area, then the verb in words.</summary>
    public static string ActionLabel(string action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (ActionNames.TryGetValue(action, out var named))
        {
            return named;
        }

        var dot = action.IndexOf('.', StringComparison.Ordinal);
        var area = dot < 0 ? action : action[..dot];
        var verb = dot < 0 ? "" : action[(dot + 1)..];
        var areaText = Areas.TryGetValue(area, out var known) ? known : Display.Words(area);
        return verb.Length == 0 ? areaText : $"{areaText}: {Display.Words(verb, sentenceCase: false)}";
    }

    public static string RecordTypeLabel(string type) =>
        RecordTypeNames.TryGetValue(type, out var label) ? label : Display.Words(type);

    private async Task<IQueryable<AuditEvent>> FilterAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        var events = db.AuditEvents.AsNoTracking();
        if (query.UserId is { Length: > 0 } userId)
        {
            events = events.Where(e => e.UserId == userId);
        }

        if (query.Action?.Trim() is { Length: > 0 } action)
        {
            events = events.Where(e => e.Action.StartsWith(action));
        }

        if (query.RecordType?.Trim() is { Length: > 0 } type)
        {
            events = events.Where(e => e.EntityType == type);
        }

        if (query.RecordId?.Trim() is { Length: > 0 } id)
        {
            events = events.Where(e => e.EntityId == id);
        }

        if (query.From is not null || query.To is not null)
        {
            // The days the Admin picked are days where the practice is: their bounds become instants for the query.
            var zone = await practice.ZoneAsync(cancellationToken);
            if (query.From is { } from)
            {
                var start = Start(from, zone);
                events = events.Where(e => e.At >= start);
            }

            if (query.To is { } to)
            {
                var end = Start(to.AddDays(1), zone);
                events = events.Where(e => e.At < end);
            }
        }

        return events;
    }

    private static DateTimeOffset Start(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private async Task<List<AuditRow>> DescribeAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        // Names of the people acting and of the users acted on (a user's record id is their id): one query for both.
        var ids = events.Select(e => e.UserId)
            .Concat(events.Where(e => e.EntityType == "User").Select(e => e.EntityId))
            .OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var names = ids.Count == 0
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : (await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(cancellationToken))
                .ToDictionary(u => u.Id, u => Name(u.DisplayName, u.Email), StringComparer.Ordinal);
        var payerIds = events.Where(e => e.EntityType == "PayerSetting" && e.EntityId is not null)
            .Select(e => int.TryParse(e.EntityId, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).Where(n => n > 0).Distinct().ToList();
        var payers = payerIds.Count == 0
            ? new Dictionary<int, string>()
            : await db.PayerSettings.AsNoTracking().Where(p => payerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);

        return events.Select(e => new AuditRow(
            e.Id, e.At, e.UserId,
            e.UserId is not null && names.TryGetValue(e.UserId, out var name) ? name : ActorName(e.Actor),
            e.Actor, e.Action, ActionLabel(e.Action), e.EntityType, e.EntityId,
            Record(e, names, payers), e.Details, e.IpAddress) { BreakGlass = e.BreakGlass }).ToList();
    }

    private static string Record(AuditEvent e, Dictionary<string, string> users, Dictionary<int, string> payers)
    {
        if (e.EntityType is null)
        {
            return e.EntityId ?? "";
        }

        var type = RecordTypeLabel(e.EntityType);
        if (e.EntityId is null)
        {
            return type;
        }

        if (e.EntityType == "User")
        {
            return users.TryGetValue(e.EntityId, out var user) ? $"User {user}" : "A removed user";
        }

        if (e.EntityType == "PayerSetting" && int.TryParse(e.EntityId, NumberStyles.None, CultureInfo.InvariantCulture, out var payerId)
            && payers.TryGetValue(payerId, out var payer))
        {
            return $"Payer {payer}";
        }

        return $"{type} {e.EntityId}";
    }

    /// <summary>The actor as recorded, for rows without a user (failed sign-ins, the command line).</summary>
    private static string ActorName(string actorName) => actorName switch
    {
        "anonymous" or "" => "Not signed in",
        _ when actorName.StartsWith("cli:", StringComparison.Ordinal) => $"Command line ({actorName[4..]})",
        _ => actorName,
    };

    private static string Name(string? displayName, string? email) =>
        string.IsNullOrWhiteSpace(displayName) ? email ?? "(no name)" : displayName;

    private static IEnumerable<string> Filters(AuditQuery q) =>
        new (string Name, bool Set)[]
        {
            ("user", q.UserId is not null), ("action", !string.IsNullOrWhiteSpace(q.Action)), ("recordType", !string.IsNullOrWhiteSpace(q.RecordType)),
            ("recordId", !string.IsNullOrWhiteSpace(q.RecordId)), ("from", q.From is not null), ("to", q.To is not null),
        }.Where(f => f.Set).Select(f => f.Name).DefaultIfEmpty("none");
}
