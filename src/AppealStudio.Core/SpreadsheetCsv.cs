using System.Globalization;
using CsvHelper;

namespace AppealStudio.Core;

/// <summary>One cell of an exported table: text, which is guarded against formula injection, or a number, which is not.</summary>
public readonly record struct CsvCell
{
    private CsvCell(string? text, decimal? number, string format, bool isNumber)
    {
        TextValue = text;
        NumberValue = number;
        Format = format;
        IsNumber = isNumber;
    }

    public string? TextValue { get; }

    public decimal? NumberValue { get; }

    public string Format { get; }

    public bool IsNumber { get; }

    public static CsvCell Text(string? text) => new(text, null, "", isNumber: false);

    /// <summary>A number written with the invariant culture and <paramref name="format"/> (e.g. "F2"); null is an empty cell.</summary>
    public static CsvCell Number(decimal? value, string format = "") => new(null, value, format, isNumber: true);
}

/// <summary>
/// RFC 4180 CSV meant to be opened in a spreadsheet (report exports; the CLI can write the same): a header row, CRLF
/// line ends, fields quoted when they hold a comma, quote or line break, invariant numbers. Text that a spreadsheet
/// would run as a formula (starting with = + - @, tab or CR) gets a leading apostrophe and quotes, because payer names,
/// codes and free text come from outside files; numbers are written as numbers, so -5 stays -5.
/// </summary>
public static class SpreadsheetCsv
{
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    public static void Write(TextWriter output, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<CsvCell>> rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        using var csv = CsvWriter.Create(output, Options, leaveOpen: true);
        foreach (var name in header)
        {
            csv.WriteField(name);
        }

        csv.EndRecord();
        foreach (var row in rows)
        {
            foreach (var cell in row)
            {
                if (cell.IsNumber)
                {
                    csv.WriteField(cell.NumberValue, cell.Format);
                }
                else
                {
                    csv.WriteField(cell.TextValue);
                }
            }

            csv.EndRecord();
        }
    }

    public static string ToText(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<CsvCell>> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        Write(text, header, rows);
        return text.ToString();
    }
}
