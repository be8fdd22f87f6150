using System.Text;
using HandlebarsDotNet;
using HandlebarsDotNet.IO;

namespace AppealStudio.Core.Letters;

/// <summary>Putting plain values (names, claim numbers, chart text) into Markdown without them turning into markup.</summary>
public static class MarkdownText
{
    /// <summary>
    /// Backslash-escapes the characters that could start Markdown syntax inside a line (emphasis, links, code,
    /// raw HTML, table cells); a line break inside the value becomes a Markdown hard break so multi-line values
    /// such as an address keep their lines.
    /// </summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length + 8);
        Escape(value, sb);
        return sb.ToString();
    }

    internal static void Escape(string value, StringBuilder sb)
    {
        var normalized = value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        foreach (var c in normalized)
        {
            switch (c)
            {
                case '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '#' or '~':
                    sb.Append('\\').Append(c);
                    break;
                case '\n':
                    sb.Append("\\\n");
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }
    }

    /// <summary>The same text on one line with runs of whitespace collapsed (for quoting chart passages).</summary>
    public static string CollapseWhitespace(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}

/// <summary>Handlebars text encoder for Markdown output (the HTML encoder would write &amp;amp; into a letter).</summary>
internal sealed class MarkdownTextEncoder : ITextEncoder
{
    public void Encode(StringBuilder? text, TextWriter target) => Encode(text?.ToString(), target);

    public void Encode(string? text, TextWriter target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var sb = new StringBuilder(text.Length + 8);
        MarkdownText.Escape(text, sb);
        target.Write(sb.ToString());
    }

    public void Encode<T>(T? text, TextWriter target)
        where T : IEnumerator<char>
    {
        if (text is null)
        {
            return;
        }

        var sb = new StringBuilder();
        while (text.MoveNext())
        {
            sb.Append(text.Current);
        }

        Encode(sb.ToString(), target);
    }
}

/// <summary>
/// Writes a value Handlebars could not resolve (inside a loop, where the filler cannot see the path beforehand) as
/// a visible marker instead of nothing.
/// </summary>
internal sealed class MissingValueFormatter : IFormatterProvider, IFormatter
{
    public bool TryCreateFormatter(Type type, out IFormatter formatter)
    {
        formatter = this;
        return type == typeof(UndefinedBindingResult);
    }

    public void Format<T>(T value, in EncodedTextWriter writer)
    {
        var name = value is UndefinedBindingResult undefined ? undefined.Value : "value";
        writer.Write(LetterFiller.Marker(name), false);
    }
}
