using System.Globalization;
using System.Reflection;
using CsvHelper;

namespace AppealStudio.Core.Denials;

/// <summary>One data row of a CSV table, with the line it started on so that errors can point at it.</summary>
internal sealed class CsvRow(string sourceName, int line, IReadOnlyDictionary<string, string> fields)
{
    public string SourceName => sourceName;

    public int Line => line;

    /// <summary>The trimmed value; blank when the column is empty.</summary>
    public string Get(string column) => fields.TryGetValue(column, out var value) ? value : string.Empty;

    public string? Optional(string column) => Get(column) is { Length: > 0 } value ? value : null;

    public string Required(string column) =>
        Optional(column) ?? throw Error($"column '{column}' must not be empty");

    public T Code<T>(string column)
        where T : struct, Enum
    {
        var text = Required(column);
        return VocabularyCodes.TryParse<T>(text, out var value)
            ? value
            : throw Error(
                $"'{text}' is not a valid {column}; expected one of: {string.Join(", ", VocabularyCodes.Codes<T>())}");
    }

    public int? OptionalInt(string column)
    {
        var text = Optional(column);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error($"'{text}' in column '{column}' is not a whole number");
    }

    public DateOnly? OptionalDate(string column)
    {
        var text = Optional(column);
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : throw Error($"'{text}' in column '{column}' is not a date like 2026-01-31");
    }

    public decimal? OptionalDecimal(string column)
    {
        var text = Optional(column);
        if (text is null)
        {
            return null;
        }

        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error($"'{text}' in column '{column}' is not an amount like 123.45");
    }

    public bool Flag(string column)
    {
        var text = Get(column);
        return text.ToUpperInvariant() switch
        {
            "" or "NO" or "FALSE" or "0" => false,
            "YES" or "TRUE" or "1" => true,
            _ => throw Error($"'{text}' in column '{column}' must be yes or no"),
        };
    }

    public DataFileException Error(string problem) => new(sourceName, line, problem);
}

/// <summary>Reads the small reference tables AppealStudio ships and lets admins replace.</summary>
internal static class CsvData
{
    private const string ResourcePrefix = "AppealStudio.Core.Denials.Data.";

    /// <summary>The text of an embedded default table (see the EmbeddedResource item in the project file).</summary>
    public static string ReadEmbedded(string fileName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourcePrefix + fileName)
            ?? throw new InvalidOperationException($"Embedded data file {fileName} is missing from AppealStudio.Core.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Parses CSV text with a header row. Lines starting with <c>#</c> are comments (the shipped tables explain
    /// themselves in their first lines). Every row must have exactly as many fields as the header: an unquoted comma
    /// in a free-text column would otherwise shift every later column without anybody noticing.
    /// </summary>
    public static IEnumerable<CsvRow> Read(string text, string sourceName, IReadOnlyCollection<string> requiredColumns)
    {
        ArgumentNullException.ThrowIfNull(text);
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            CommentPrefix = '#',
            TrimWhitespace = true,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            FormatProvider = CultureInfo.InvariantCulture,
        };
        using var csv = CsvReader.FromText(text, options);

        string[] header;
        try
        {
            csv.ReadHeader();
            header = csv.Headers.Select(h => h.Trim()).ToArray();
        }
        catch (CsvFormatException ex)
        {
            throw new DataFileException(sourceName, Line(ex), "the header row cannot be read: " + ex.Message, ex);
        }

        if (header.Length == 0 || header.All(h => h.Length == 0))
        {
            throw new DataFileException(sourceName, 1, "the file is empty; a header row is required");
        }

        var missing = requiredColumns.Where(c => !header.Contains(c, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (missing.Length > 0)
        {
            throw new DataFileException(
                sourceName,
                HeaderLine(text),
                $"missing column(s) {string.Join(", ", missing)}; the header must contain {string.Join(",", requiredColumns)}");
        }

        while (true)
        {
            bool more;
            try
            {
                more = csv.Read();
            }
            catch (CsvFormatException ex)
            {
                throw new DataFileException(sourceName, Line(ex), "unreadable row: " + ex.Message, ex);
            }

            if (!more)
            {
                yield break;
            }

            var line = (int)csv.LineNumber;
            if (csv.FieldCount != header.Length)
            {
                throw new DataFileException(
                    sourceName,
                    line,
                    $"expected {header.Length} fields but found {csv.FieldCount} (quote text that contains commas)");
            }

            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Length; i++)
            {
                fields[header[i]] = (csv.GetString(i) ?? string.Empty).Trim();
            }

            yield return new CsvRow(sourceName, line, fields);
        }
    }

    /// <summary>
    /// The records of a headerless read (callers check their own header), each with the line it starts on, for
    /// messages a person can act on. Fields are trimmed outside quotes; empty lines are skipped (line numbers still
    /// count them); a quote that is never closed, or text after a closing quote, throws.
    /// </summary>
    /// <exception cref="CsvFormatException">Malformed quoting; <see cref="CsvFormatException.LineNumber"/> says where the record starts.</exception>
    public static IEnumerable<(int Line, string[] Fields)> Records(TextReader text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = false,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            FormatProvider = CultureInfo.InvariantCulture,
        };
        using var csv = CsvReader.Create(text, options, leaveOpen: true);
        while (csv.Read())
        {
            var fields = new string[csv.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = csv.GetString(i) ?? string.Empty;
            }

            yield return ((int)csv.LineNumber, fields);
        }
    }

    /// <summary>The line a malformed record starts on (1 when the reader could not tell).</summary>
    public static int LineOf(CsvFormatException ex) => Line(ex);

    private static int Line(CsvFormatException ex) => ex.LineNumber > 0 ? (int)ex.LineNumber : 1;

    // The header is the first line that is neither blank nor a comment.
    private static int HeaderLine(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.Length > 0 && !trimmed.StartsWith('#'))
            {
                return i + 1;
            }
        }

        return 1;
    }
}
