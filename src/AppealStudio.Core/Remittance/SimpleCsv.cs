using System.Text;

namespace AppealStudio.Core.Remittance;

/// <summary>
/// Reads small RFC 4180 tables (comma separated, double-quoted fields with doubled quotes, quoted line breaks) and
/// reports the line each record starts on, for messages a person can act on.
/// </summary>
internal static class SimpleCsv
{
    public readonly record struct Row(int LineNumber, IReadOnlyList<string> Fields);

    /// <exception cref="SimpleCsvException">A quoted field is not closed, or text follows a closing quote.</exception>
    public static IEnumerable<Row> Read(TextReader reader)
    {
        var line = 0;
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            line++;
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var position = 0;
            var quoted = false;
            var afterQuote = false;
            while (true)
            {
                if (position >= text.Length)
                {
                    if (!quoted)
                    {
                        fields.Add(field.ToString());
                        break;
                    }

                    text = reader.ReadLine() ?? throw new SimpleCsvException(start, "a quoted field is not closed");
                    line++;
                    field.Append('\n');
                    position = 0;
                    continue;
                }

                var c = text[position++];
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (position < text.Length && text[position] == '"')
                        {
                            field.Append('"');
                            position++;
                        }
                        else
                        {
                            quoted = false;
                            afterQuote = true;
                        }
                    }
                    else
                    {
                        field.Append(c);
                    }
                }
                else if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    afterQuote = false;
                }
                else if (c == '"' && field.ToString().Trim().Length == 0 && !afterQuote)
                {
                    field.Clear();
                    quoted = true;
                }
                else if (afterQuote && !char.IsWhiteSpace(c))
                {
                    throw new SimpleCsvException(start, "text follows a closing quote");
                }
                else if (c == '"')
                {
                    throw new SimpleCsvException(start, "a quote appears inside an unquoted field");
                }
                else
                {
                    field.Append(c);
                }
            }

            yield return new Row(start, fields);
        }
    }
}

/// <summary>A CSV line that cannot be split into fields.</summary>
internal sealed class SimpleCsvException(int lineNumber, string problem)
    : FormatException($"Line {lineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)}: {problem}.")
{
    public int LineNumber { get; } = lineNumber;

    public string Problem { get; } = problem;
}
