using System.Text.RegularExpressions;

namespace AppealStudio.Core.Evidence;

/// <summary>A span of a document's text: <c>text[Start..End]</c>.</summary>
public readonly record struct TextSpan(int Start, int End)
{
    public int Length => End - Start;
}

/// <summary>
/// Splits a document into passages small enough to quote and large enough to carry context: paragraphs, with
/// section headings kept on the paragraph they introduce, and long paragraphs cut at sentence ends.
/// </summary>
/// <remarks>
/// Rules, in order:
/// 1. Blank lines separate blocks.
/// 2. Inside a block, a heading line (Markdown "#", a short line ending in ":", or a short all-capitals line)
///    starts a new passage and stays with the lines after it.
/// 3. Inside a block, a line of 100 characters or more is a paragraph of its own: DOCX exports and many EHRs write
///    one paragraph per line, while hand-wrapped text keeps its lines shorter and stays together.
/// 4. A passage longer than <see cref="MaxLength"/> is cut at sentence ends into pieces of at most that length
///    (a single longer sentence stays whole).
/// 5. Every passage is trimmed of surrounding whitespace; passages without a letter or digit are dropped.
/// Offsets are exact: <c>text.Substring(Start, End - Start)</c> is the passage.
/// </remarks>
public static partial class TextPassages
{
    public const int MaxLength = 600;
    private const int ParagraphLineLength = 100;

    public static IReadOnlyList<TextSpan> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = Lines(text);
        var units = new List<TextSpan>();
        int? unitStart = null;
        var unitEnd = 0;
        var previousLong = false;
        var previousHeading = false;

        void Close()
        {
            if (unitStart is { } s)
            {
                units.Add(new TextSpan(s, unitEnd));
            }

            unitStart = null;
        }

        foreach (var line in lines)
        {
            var content = text.AsSpan(line.Start, line.Length).Trim();
            if (content.IsEmpty)
            {
                Close();
                previousLong = false;
                previousHeading = false;
                continue;
            }

            var heading = IsHeading(content);
            var isLong = content.Length >= ParagraphLineLength;
            if (unitStart is not null && !previousHeading && (heading || isLong || previousLong))
            {
                Close();
            }

            unitStart ??= line.Start;
            unitEnd = line.End;
            previousLong = isLong;
            previousHeading = heading;
        }

        Close();

        var passages = new List<TextSpan>();
        foreach (var unit in units)
        {
            foreach (var piece in unit.Length > MaxLength ? PackSentences(text, unit) : [unit])
            {
                var trimmed = Trim(text, piece);
                if (trimmed.Length > 0 && text.AsSpan(trimmed.Start, trimmed.Length).IndexOfAnyExcept(NonContent) >= 0)
                {
                    passages.Add(trimmed);
                }
            }
        }

        return passages;
    }

    /// <summary>
    /// Sentence spans inside <paramref name="span"/> (used for long passages and by the letter checks). Chart text
    /// treats a line break as the end of a sentence (notes are written in lines); prose that is hard-wrapped, such as
    /// an edited letter paragraph, should pass <paramref name="lineBreaksEndSentences"/> false.
    /// </summary>
    public static IReadOnlyList<TextSpan> Sentences(string text, TextSpan span, bool lineBreaksEndSentences = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<TextSpan>();
        var start = span.Start;
        foreach (Match m in SentenceEnd().Matches(text[span.Start..span.End]))
        {
            if (!lineBreaksEndSentences && m.Value == "\n")
            {
                continue;
            }

            var end = span.Start + m.Index + m.Length;
            if (IsAbbreviationBefore(text, span.Start + m.Index))
            {
                continue;
            }

            var sentence = Trim(text, new TextSpan(start, end));
            if (sentence.Length > 0)
            {
                result.Add(sentence);
            }

            start = end;
        }

        var last = Trim(text, new TextSpan(start, span.End));
        if (last.Length > 0)
        {
            result.Add(last);
        }

        return result;
    }

    private static readonly System.Buffers.SearchValues<char> NonContent =
        System.Buffers.SearchValues.Create(" \t\n\r-–—*_#>|=~.:;,");

    private static IEnumerable<TextSpan> PackSentences(string text, TextSpan unit)
    {
        var start = unit.Start;
        var end = unit.Start;
        foreach (var sentence in Sentences(text, unit))
        {
            if (end > start && sentence.End - start > MaxLength)
            {
                yield return new TextSpan(start, end);
                start = sentence.Start;
            }

            end = sentence.End;
        }

        if (end > start)
        {
            yield return new TextSpan(start, Math.Max(end, start));
        }
    }

    private static bool IsHeading(ReadOnlySpan<char> line)
    {
        if (line.StartsWith("#"))
        {
            return true;
        }

        if (line.Length > 60)
        {
            return false;
        }

        if (line[^1] == ':')
        {
            return true;
        }

        var hasLetter = false;
        foreach (var c in line)
        {
            if (char.IsLower(c))
            {
                return false;
            }

            hasLetter |= char.IsLetter(c);
        }

        return hasLetter && line.Length >= 4;
    }

    private static bool IsAbbreviationBefore(string text, int periodIndex)
    {
        if (periodIndex >= text.Length || text[periodIndex] != '.')
        {
            return false;
        }

        var wordStart = periodIndex;
        while (wordStart > 0 && char.IsLetter(text[wordStart - 1]))
        {
            wordStart--;
        }

        var word = text[wordStart..periodIndex];
        return Abbreviations.Contains(word) || (word.Length == 1 && char.IsUpper(word[0]));
    }

    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "Dr", "Mr", "Mrs", "Ms", "St", "vs", "approx", "e.g", "i.e", "etc", "Jr", "Sr", "No", "Fig", "cf", "ca",
    };

    private static TextSpan Trim(string text, TextSpan span)
    {
        var start = span.Start;
        var end = span.End;
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return new TextSpan(start, end);
    }

    private static List<TextSpan> Lines(string text)
    {
        var lines = new List<TextSpan>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lines.Add(new TextSpan(start, i));
                start = i + 1;
            }
        }

        lines.Add(new TextSpan(start, text.Length));
        return lines;
    }

    // A sentence ends at . ! or ? followed by whitespace, or at a line break that ends a line of text.
    [GeneratedRegex(@"[.!?]+[""')\]]*(?=\s)|\n", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();
}
