using System.Globalization;
using System.Text.RegularExpressions;

namespace AppealStudio.Core.Letters;

/// <summary>Minutes a note marks as something other than the timed service (a phone call, coordination, documentation).</summary>
/// <param name="Minutes">How many minutes.</param>
/// <param name="Description">What they were, as the note words it ("an 8-minute phone call with the partner").</param>
/// <param name="Included">The note says they are part of the session time it states.</param>
/// <param name="Outside">The note says they are not part of the session (after it, not included).</param>
public sealed record ExcludedTime(int Minutes, string Description, bool Included, bool Outside = false);

/// <summary>
/// The time a note documents for a timed service: the clock span (start and stop), the total it states, and minutes
/// it marks as not face-to-face service.
/// </summary>
/// <param name="SpanMinutes">Minutes between the start and stop times, when both are written.</param>
/// <param name="Span">"2:02 PM to 3:01 PM", as written.</param>
/// <param name="StatedMinutes">The total the note states ("Total psychotherapy time: 58 minutes").</param>
/// <param name="Excluded">Minutes the note marks as phone, coordination or documentation time.</param>
public sealed record TimeMeasure(int? SpanMinutes, string? Span, int? StatedMinutes, IReadOnlyList<ExcludedTime> Excluded)
{
    /// <summary>The documented time before exclusions: the stated total, else the clock span.</summary>
    public int? DocumentedMinutes => StatedMinutes ?? SpanMinutes;

    /// <summary>
    /// Face-to-face minutes: the documented time less the excluded minutes that are part of it. Time codes count only
    /// the service itself, so a phone call or documentation does not count even when the note says it is "included
    /// in session time"; minutes the note keeps outside its stated total are not subtracted twice.
    /// </summary>
    public int? FaceToFaceMinutes => DocumentedMinutes is { } total
        ? Math.Max(0, total - Counted.Sum(e => e.Minutes))
        : null;

    /// <summary>
    /// The excluded minutes that are part of the documented time: those the note says are included, and, when the
    /// time is a clock span, any the note does not place outside it.
    /// </summary>
    public IReadOnlyList<ExcludedTime> Counted => Excluded.Where(e => e.Included || (StatedMinutes is null && !e.Outside)).ToList();

    /// <summary>"59 minutes documented (2:02 PM to 3:01 PM), including an 8-minute phone call with the partner".</summary>
    public string Detail()
    {
        var parts = new List<string>();
        if (DocumentedMinutes is { } total)
        {
            var span = Span is not null && (StatedMinutes is null || StatedMinutes == SpanMinutes) ? $" ({Span})" : "";
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{total} minutes documented{span}"));
        }

        var counted = Counted;
        if (counted.Count > 0)
        {
            parts.Add("including " + string.Join(" and ", counted.Select(e => e.Description)));
        }

        return string.Join(", ", parts);
    }
}

/// <summary>Reads start and stop times, stated totals and non-service minutes from the text of a note.</summary>
public static partial class DocumentedTime
{
    /// <summary>What <paramref name="text"/> documents, or null when it states neither a span nor a total.</summary>
    /// <param name="text">The note.</param>
    /// <param name="subject">A word that marks the relevant times and totals ("psychotherapy", "anesthesia"); others are used when none carries it.</param>
    public static TimeMeasure? Measure(string text, string? subject = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (spanMinutes, span) = FindSpan(text, subject);
        var stated = FindStated(text, subject);
        if (spanMinutes is null && stated is null)
        {
            return null;
        }

        return new TimeMeasure(spanMinutes, span, stated, FindExcluded(text));
    }

    private static (int? Minutes, string? Span) FindSpan(string text, string? subject)
    {
        var starts = StartTime().Matches(text).Cast<Match>().ToList();
        var ends = EndTime().Matches(text).Cast<Match>().ToList();
        Match? start = Prefer(starts, subject, text);
        if (start is not null)
        {
            var end = Prefer(ends.Where(e => e.Index > start.Index).ToList(), subject, text);
            if (end is not null && Clock(start.Groups["time"].Value) is { } from && Clock(end.Groups["time"].Value) is { } to && Minutes(from, to) is { } m)
            {
                return (m, $"{start.Groups["time"].Value.Trim()} to {end.Groups["time"].Value.Trim()}");
            }
        }

        foreach (Match range in TimeRange().Matches(text))
        {
            if (Clock(range.Groups["from"].Value) is { } from && Clock(range.Groups["to"].Value) is { } to && Minutes(from, to) is { } m)
            {
                return (m, $"{range.Groups["from"].Value.Trim()} to {range.Groups["to"].Value.Trim()}");
            }
        }

        return (null, null);
    }

    private static int? FindStated(string text, string? subject)
    {
        var matches = StatedTotal().Matches(text).Cast<Match>().ToList();
        var chosen = Prefer(matches, subject, text);
        return chosen is not null && int.TryParse(chosen.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 600 ? n : null;
    }

    private static List<ExcludedTime> FindExcluded(string text)
    {
        var result = new List<ExcludedTime>();
        var seen = new List<(int Start, int End)>();
        foreach (var regex in new[] { MinutePhoneCall(), PhoneCallMinutes(), MinutesOfNonService() })
        {
            foreach (Match m in regex.Matches(text))
            {
                if (seen.Exists(s => s.Start < m.Index + m.Length && m.Index < s.End) || IsNegatedExclusion(text, m.Index))
                {
                    continue;
                }

                if (!int.TryParse(m.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) || minutes is <= 0 or > 240)
                {
                    continue;
                }

                seen.Add((m.Index, m.Index + m.Length));
                var sentence = SentenceAround(text, m.Index);
                var outside = NotIncludedCue().IsMatch(sentence);
                var included = !outside && IncludedCue().IsMatch(sentence);
                result.Add(new ExcludedTime(minutes, Describe(m, minutes), included, outside));
            }
        }

        return result;
    }

    private static string Describe(Match m, int minutes)
    {
        var what = m.Groups["what"].Value.Trim().TrimEnd(',', ' ');
        var kind = m.Groups["kind"].Success ? m.Groups["kind"].Value.Trim().ToLowerInvariant() : "phone call";
        var noun = kind.StartsWith("phone", StringComparison.Ordinal) || kind.StartsWith("telephone", StringComparison.Ordinal) ? "phone call" : kind;
        var article = minutes is 8 or 11 or 18 || (minutes >= 80 && minutes < 90) ? "an" : "a";
        var tail = what.Length == 0 ? "" : " " + what;
        return noun == "phone call"
            ? string.Create(CultureInfo.InvariantCulture, $"{article} {minutes}-minute phone call{tail}")
            : string.Create(CultureInfo.InvariantCulture, $"{minutes} minutes of {noun}");
    }

    /// <summary>The match nearest a mention of <paramref name="subject"/> on its line, else the first.</summary>
    private static Match? Prefer(List<Match> matches, string? subject, string text)
    {
        if (matches.Count == 0)
        {
            return null;
        }

        if (subject is not null)
        {
            foreach (var m in matches)
            {
                var lineStart = text.LastIndexOf('\n', Math.Max(0, m.Index - 1)) + 1;
                var line = text[lineStart..Math.Min(text.Length, m.Index + m.Length)];
                if (line.Contains(subject, StringComparison.OrdinalIgnoreCase))
                {
                    return m;
                }
            }
        }

        return matches[0];
    }

    private static bool IsNegatedExclusion(string text, int index)
    {
        var from = Math.Max(0, index - 12);
        return text[from..index].Contains("no ", StringComparison.OrdinalIgnoreCase);
    }

    private static string SentenceAround(string text, int index)
    {
        var start = text.LastIndexOfAny(['.', '\n'], Math.Max(0, index - 1)) + 1;
        var end = text.IndexOfAny(['.', '\n'], index);
        return text[start..(end < 0 ? text.Length : end)];
    }

    private static TimeOnly? Clock(string value)
    {
        var m = ClockTime().Match(value);
        if (!m.Success)
        {
            return null;
        }

        var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        var meridiem = m.Groups["ap"].Value.ToUpperInvariant();
        if (meridiem.StartsWith('P') && hour < 12)
        {
            hour += 12;
        }
        else if (meridiem.StartsWith('A') && hour == 12)
        {
            hour = 0;
        }

        return hour is >= 0 and < 24 && minute is >= 0 and < 60 ? new TimeOnly(hour, minute) : null;
    }

    private static int? Minutes(TimeOnly from, TimeOnly to)
    {
        var minutes = (int)(to - from).TotalMinutes; // wraps past midnight
        if (minutes > 12 * 60 && to.Hour < 12 && from.Hour < 13)
        {
            // "12:50 to 1:40" without am/pm: a 12-hour clock.
            minutes -= 12 * 60;
        }

        return minutes is >= 1 and <= 600 ? minutes : null;
    }

    private const string Time = @"\d{1,2}:\d{2}(?:\s*[AaPp]\.?\s?[Mm]\.?)?";

    [GeneratedRegex(@"(?<h>\d{1,2}):(?<m>\d{2})(?:\s*(?<ap>[ap])\.?\s?m\.?)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClockTime();

    [GeneratedRegex(@"\b(?:start(?:ed)?|began|begin|time\s+in)\b(?:\s+time)?[^\n\d]{0,12}?(?<time>" + Time + ")", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex StartTime();

    [GeneratedRegex(@"\b(?:end(?:ed)?|stop(?:ped)?|finish(?:ed)?|time\s+out|concluded)\b(?:\s+time)?[^\n\d]{0,12}?(?<time>" + Time + ")", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EndTime();

    [GeneratedRegex(@"(?<from>" + Time + @")\s*(?:-|–|—|to|until)\s*(?<to>" + Time + ")", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex TimeRange();

    [GeneratedRegex(
        @"\btotal\s+(?:face[- ]to[- ]face\s+)?(?:psychotherapy\s+|session\s+|therapy\s+|anesthesia\s+|face[- ]to[- ]face\s+)?time\s*(?:[:=]|was|of|is)?\s*(?<n>\d{1,3})\s*(?:minutes?|mins?)\b|\b(?<n>\d{1,3})\s*(?:minutes?|mins?)\s+of\s+(?:face[- ]to[- ]face\s+)?(?:psychotherapy|individual\s+therapy|family\s+therapy)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex StatedTotal();

    [GeneratedRegex(@"\b(?<n>\d{1,3})[- ](?:minutes?|mins?)\s+(?<kind>(?:tele)?phone)\s+(?:call|contact|conversation)(?<what>\s+(?:with|to|from)\s+[^.;,()\n]{1,50})?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MinutePhoneCall();

    [GeneratedRegex(@"\b(?<kind>(?:tele)?phone)\s+(?:call|contact|conversation)(?<what>\s+(?:with|to|from)\s+[^.;,()\n]{1,50}?)?\s*(?:\(|,|:|of|for|lasting)?\s*(?<n>\d{1,3})\s*(?:minutes?|mins?)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PhoneCallMinutes();

    [GeneratedRegex(@"\b(?<n>\d{1,3})[- ]?(?:minutes?|mins?)\s+(?:of\s+|for\s+|on\s+|spent\s+on\s+)?(?<kind>(?:care\s+)?coordination|documentation|charting|note\s+writing|record\s+review)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MinutesOfNonService();

    [GeneratedRegex(@"\binclud(?:e|es|ed|ing)\b|\bpart\s+of\s+the\s+(?:session|time)\b|\bwithin\s+the\s+session\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IncludedCue();

    [GeneratedRegex(@"\bnot\s+included\b|\bexcluded\b|\bnot\s+counted\b|\bin\s+addition\s+to\b|\bafter\s+the\s+session\b|\bbefore\s+the\s+session\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotIncludedCue();
}
