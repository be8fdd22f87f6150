using System.Globalization;
using System.Text.RegularExpressions;

namespace AppealStudio.Core.Charts;

/// <summary>Dates as clinicians write them in US chart notes.</summary>
internal static partial class ChartDates
{
    // Numeric dates are read month-first: these are US claims and US charts. Two-digit years are refused because a
    // date of birth "03/14/62" cannot be placed in a century without guessing.
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd", "yyyy-M-d", "MM/dd/yyyy", "M/d/yyyy", "MM-dd-yyyy", "M-d-yyyy", "MM.dd.yyyy",
        "MMMM d, yyyy", "MMMM d yyyy", "MMM d, yyyy", "MMM d yyyy", "MMM. d, yyyy", "d MMMM yyyy", "d MMM yyyy",
    ];

    /// <summary>Finds the first date in <paramref name="text"/>.</summary>
    public static DateOnly? FindFirst(string text)
    {
        foreach (Match m in DateLike().Matches(text))
        {
            var candidate = m.Value.Trim().TrimEnd(',');
            if (DateOnly.TryParseExact(candidate, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date))
            {
                return date;
            }
        }

        return null;
    }

    /// <summary>The calendar date of a FHIR date/dateTime/instant as recorded, without shifting time zones.</summary>
    public static DateOnly? FromFhir(string? value)
    {
        // A dateTime "2026-08-14T23:30:00-04:00" is still August 14 where the patient was seen; converting it to UTC
        // would move the visit to the next day.
        if (value is null || value.Length < 10)
        {
            return null;
        }

        return DateOnly.TryParseExact(value[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;
    }

    [GeneratedRegex(
        @"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\b|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\b|\b\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\s+\d{4}\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DateLike();
}
