using System.Collections.Frozen;
using System.Globalization;
using Humanizer;

namespace AppealStudio.Core;

/// <summary>
/// The one formatter for what people read: money as <c>$1,234.56</c>, dates as <c>MM/dd/yyyy</c>, times in the
/// practice's time zone, stored codes in words, procedure codes without their qualifier, and counts with the right
/// plural. US billing conventions, whatever the server's culture. Files and the audit trail's raw view keep
/// <see cref="Invariant"/> (ISO dates, UTC).
/// </summary>
public static class Display
{
    public const string Nothing = "—";

    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    public static string Money(decimal amount) =>
        (amount < 0 ? "-$" : "$") + Math.Abs(amount).ToString("#,0.00", CultureInfo.InvariantCulture);

    public static string Money(decimal? amount) => amount is { } a ? Money(a) : Nothing;

    public static string Date(DateOnly date) => date.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : Nothing;

    /// <summary>"12/06/2026 2:05 PM EST": the instant in <paramref name="zone"/>, with the zone's abbreviation.</summary>
    public static string DateTime(DateTimeOffset at, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return local.ToString("MM/dd/yyyy h:mm tt", Us) + " " + ZoneAbbreviation(zone, local);
    }

    public static string DateTime(DateTimeOffset? at, TimeZoneInfo zone) => at is { } a ? DateTime(a, zone) : Nothing;

    /// <summary>The calendar day of an instant in the practice's zone (what "today" means to its staff).</summary>
    public static DateOnly Day(DateTimeOffset at, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>"EST"/"EDT" from "Eastern Standard Time"; the zone id when the name has no initials to take.</summary>
    public static string ZoneAbbreviation(TimeZoneInfo zone, DateTimeOffset local)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (zone == TimeZoneInfo.Utc || zone.Id is "UTC" or "Etc/UTC")
        {
            return "UTC";
        }

        var name = zone.IsDaylightSavingTime(local) ? zone.DaylightName : zone.StandardName;
        var initials = string.Concat(name.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => char.IsLetter(w[0]))
            .Select(w => char.ToUpperInvariant(w[0])));
        return initials.Length is >= 2 and <= 5 ? initials : zone.Id;
    }

    public static string Percent(decimal fraction) => (fraction * 100m).ToString("0", CultureInfo.InvariantCulture) + "%";

    public static string Percent(double fraction) => Percent((decimal)fraction);

    public static string Number(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>"1 claim", "2 claims", "0 denials": the count with its noun in the right number.</summary>
    public static string Count(int count, string singular) =>
        Number(count) + " " + (count == 1 ? singular : singular.Pluralize(inputIsKnownToBeSingular: true));

    /// <summary>
    /// A procedure code as people write it: the qualifier dropped ("HC:99213:25" reads "99213-25"), modifiers
    /// joined with hyphens.
    /// </summary>
    public static string Procedure(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return Nothing;
        }

        var parts = code.Split(':', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var start = parts.Length > 1 && ProcedureQualifiers.Contains(parts[0]) ? 1 : 0;
        return string.Join('-', parts.Skip(start));
    }

    /// <summary>A procedure code with its modifiers: "99213" and ["25"] read "99213-25".</summary>
    public static string Procedure(string? code, IEnumerable<string>? modifiers)
    {
        var text = Procedure(code);
        var mods = modifiers?.Where(m => !string.IsNullOrWhiteSpace(m)).ToList() ?? [];
        return mods.Count == 0 || text == Nothing ? text : text + "-" + string.Join('-', mods);
    }

    /// <summary>
    /// A stored code or fact label in words: "medical-necessity" reads "Medical necessity", "distinct_site" reads
    /// "distinct site" (lower case when <paramref name="sentenceCase"/> is false), "InProgress" reads "In progress".
    /// </summary>
    public static string Words(string? code, bool sentenceCase = true)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return Nothing;
        }

        if (Labels.TryGetValue(code.Trim(), out var label))
        {
            return sentenceCase ? label : Lower(label);
        }

        var words = code.Trim().Replace('_', ' ').Replace('-', ' ');
        if (!words.Contains(' ', StringComparison.Ordinal) && words.Any(char.IsUpper) && words.Any(char.IsLower))
        {
            words = words.Humanize(LetterCasing.LowerCase);
        }

        words = words.ToLowerInvariant();
        return sentenceCase ? char.ToUpperInvariant(words[0]) + words[1..] : words;
    }

    /// <summary>An enum value in words: <c>DenialStatus.AwaitingSignOff</c> reads "Awaiting sign-off".</summary>
    public static string Words(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Words(value.ToString());
    }

    /// <summary>"12 days left", "Due today", "3 days past due"; "No deadline" when none is known.</summary>
    public static string DaysLeft(DateOnly? deadline, DateOnly today) => deadline is not { } d
        ? "No deadline"
        : (d.DayNumber - today.DayNumber) switch
        {
            0 => "Due today",
            > 0 and var n => Count(n, "day") + " left",
            var n => Count(-n, "day") + " past due",
        };

    private static string Lower(string label) =>
        label.Length > 1 && char.IsUpper(label[1]) ? label : char.ToLowerInvariant(label[0]) + label[1..];

    private static readonly FrozenSet<string> ProcedureQualifiers =
        new[] { "HC", "AD", "ER", "IV", "N4", "N6", "NU", "UI", "WK", "ZZ", "HP", "AP", "CJ" }
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    // Words that a mechanical split would get wrong (hyphenated terms, abbreviations, domain wording).
    private static readonly FrozenDictionary<string, string> Labels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["AwaitingSignOff"] = "Awaiting sign-off",
        ["awaiting-sign-off"] = "Awaiting sign-off",
        ["WrittenOff"] = "Written off",
        ["write-off"] = "Write-off",
        ["WriteOff"] = "Write-off",
        ["front-desk"] = "Front desk",
        ["FrontDesk"] = "Front desk",
        ["coordination-of-benefits"] = "Coordination of benefits",
        ["modifier-59"] = "Modifier 59",
        ["modifier-25"] = "Modifier 25",
        ["physical-status"] = "Anesthesia physical status",
        ["session-length"] = "Psychotherapy session length",
        ["first-level"] = "First-level appeal",
        ["second-level"] = "Second-level appeal",
        ["external-review"] = "External review",
        ["medicare-advantage"] = "Medicare Advantage",
        ["medicare"] = "Medicare",
        ["medicaid"] = "Medicaid",
        ["non-covered"] = "Non-covered service",
        ["timely-filing"] = "Timely filing",
        ["medical-necessity"] = "Medical necessity",
        ["PartiallyOverturned"] = "Partially overturned",
        ["partially-overturned"] = "Partially overturned",
        ["no-response"] = "No response",
        ["NoResponse"] = "No response",
        ["coded"] = "Coded denial",
        ["silent"] = "Silent denial",
        ["underpayment"] = "Underpayment",
        ["ncci"] = "NCCI",
        ["npi"] = "NPI",
        ["e_m"] = "E/M",
        ["em"] = "E/M",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
}
