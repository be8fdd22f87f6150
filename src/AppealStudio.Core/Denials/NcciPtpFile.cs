using System.Globalization;
using System.Text.RegularExpressions;

namespace AppealStudio.Core.Denials;

/// <summary>One edit of a CMS NCCI procedure-to-procedure file.</summary>
/// <param name="Column1">The comprehensive code.</param>
/// <param name="Column2">The component code, denied when billed with <paramref name="Column1"/>.</param>
/// <param name="ExistedBefore1996">The "*" of the third column: the edit predates 1996.</param>
/// <param name="EffectiveFrom">Effective date.</param>
/// <param name="DeletedOn">Deletion date; null when the file says "*" (not deleted).</param>
/// <param name="ModifierIndicator">0 never bypassable, 1 bypassable with an NCCI-associated modifier, 9 not applicable.</param>
/// <param name="Rationale">The PTP edit rationale, as the file gives it.</param>
/// <param name="Line">The line of the file, for messages.</param>
public sealed record NcciPtpRow(
    string Column1,
    string Column2,
    bool ExistedBefore1996,
    DateOnly EffectiveFrom,
    DateOnly? DeletedOn,
    int ModifierIndicator,
    string? Rationale,
    int Line);

/// <summary>A line of a PTP file that is not an edit; the import saves nothing while there is one.</summary>
public sealed record NcciPtpError(int Line, string Problem)
{
    public override string ToString() => $"line {Line.ToString(CultureInfo.InvariantCulture)}: {Problem}";
}

/// <summary>
/// Reads the CMS quarterly NCCI procedure-to-procedure edit files for practitioners (the "ccipra" tables, e.g.
/// <c>ccipra-v321r0-f1.txt</c> inside <c>medicare-ncci-2026q2-practitioner-ptp-edits-ccipra-v321r0-f1.zip</c> from the
/// CMS NCCI PTP page; the table is split over four files, f1 to f4). The text files are tab-delimited with seven
/// columns: column 1 code, column 2 code, "*" when the edit existed before 1996, effective date (YYYYMMDD), deletion
/// date (YYYYMMDD, or "*" when not deleted), modifier indicator (0, 1 or 9) and the PTP edit rationale. They open with
/// a copyright notice and a header that wraps over several lines: everything before the first edit is skipped, and
/// after it every non-blank line must be an edit, or it is reported with its line number.
/// </summary>
/// <remarks>The files are large (hundreds of thousands of rows each): rows are read as a stream.</remarks>
public sealed partial class NcciPtpFile
{
    /// <summary>Errors kept for the message (the count goes on).</summary>
    public const int MaxReportedErrors = 50;

    private readonly List<NcciPtpError> errors = [];

    /// <summary>The lines that were not edits (up to <see cref="MaxReportedErrors"/>).</summary>
    public IReadOnlyList<NcciPtpError> Errors => errors;

    public int ErrorCount { get; private set; }

    public int PreambleLines { get; private set; }

    /// <summary>The table version in the file name ("v321r0" of ccipra-v321r0-f1.txt), else the file name itself.</summary>
    public static string VersionOf(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var name = Path.GetFileNameWithoutExtension(fileName);
        var match = VersionPattern().Match(name);
        return match.Success ? match.Groups["version"].Value.ToLowerInvariant() : name;
    }

    /// <summary>
    /// Which part of the table a file is, so that the next quarter's file of the same part replaces it: the file name
    /// without its version ("ccipra-f1" for ccipra-v321r0-f1.txt).
    /// </summary>
    public static string PartOf(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var name = Path.GetFileNameWithoutExtension(fileName).ToLowerInvariant();
        return VersionPattern().Replace(name, "");
    }

    /// <summary>The edits of the file, in order; lines that are not edits go to <see cref="Errors"/>.</summary>
    public IEnumerable<NcciPtpRow> Read(TextReader text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lineNumber = 0;
        var started = false;
        while (text.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var (row, problem) = Parse(line, lineNumber);
            if (row is not null)
            {
                started = true;
                yield return row;
                continue;
            }

            if (!started)
            {
                PreambleLines++;
                continue;
            }

            ErrorCount++;
            if (errors.Count < MaxReportedErrors)
            {
                errors.Add(new NcciPtpError(lineNumber, problem!));
            }
        }

        if (!started)
        {
            ErrorCount++;
            errors.Add(new NcciPtpError(Math.Max(1, lineNumber), "no edit was found: this is not a CMS NCCI PTP text file (tab-delimited: column 1, column 2, *, effective date, deletion date, modifier indicator, rationale)"));
        }
    }

    private static (NcciPtpRow? Row, string? Problem) Parse(string line, int lineNumber)
    {
        var fields = line.Split('\t');
        if (fields.Length < 6)
        {
            return (null, $"expected 7 tab-separated columns, found {fields.Length.ToString(CultureInfo.InvariantCulture)}");
        }

        var column1 = fields[0].Trim().ToUpperInvariant();
        var column2 = fields[1].Trim().ToUpperInvariant();
        if (!CodePattern().IsMatch(column1) || !CodePattern().IsMatch(column2))
        {
            return (null, $"'{Shorten(fields[0])}' and '{Shorten(fields[1])}' are not both 5-character CPT/HCPCS codes");
        }

        var prior = fields[2].Trim();
        if (prior is not ("" or "*"))
        {
            return (null, $"the third column must be * or empty, found '{Shorten(prior)}'");
        }

        if (!TryDate(fields[3], out var effective))
        {
            return (null, $"the effective date '{Shorten(fields[3])}' is not a date like 20260101");
        }

        DateOnly? deleted = null;
        var deletion = fields[4].Trim();
        if (deletion != "*")
        {
            if (!TryDate(deletion, out var d))
            {
                return (null, $"the deletion date '{Shorten(deletion)}' is neither * nor a date like 20260101");
            }

            deleted = d;
        }

        var indicator = fields[5].Trim();
        if (indicator is not ("0" or "1" or "9"))
        {
            return (null, $"the modifier indicator must be 0, 1 or 9, found '{Shorten(indicator)}'");
        }

        var rationale = fields.Length > 6 && fields[6].Trim() is { Length: > 0 } r ? r : null;
        return (new NcciPtpRow(column1, column2, prior == "*", effective, deleted, indicator[0] - '0', rationale, lineNumber), null);
    }

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static string Shorten(string text) => text.Length <= 30 ? text.Trim() : text.Trim()[..30] + "...";

    [GeneratedRegex("^[0-9A-Z]{5}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"-?(?<version>v\d+r\d+)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex VersionPattern();
}
