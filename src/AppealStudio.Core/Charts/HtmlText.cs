using System.Net;
using System.Text;

namespace AppealStudio.Core.Charts;

/// <summary>
/// Turns an HTML chart attachment into plain text. The output is only ever treated as text (never rendered as HTML),
/// so the aim is readable text with no markup residue: script and style bodies and comments are dropped, block
/// elements become line breaks, entities are decoded after the tags are gone (so an encoded "&amp;lt;script&amp;gt;"
/// stays visible text, not a tag).
/// </summary>
public static class HtmlText
{
    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer",
        "blockquote", "pre", "hr", "dl", "title", "body", "html", "main", "nav", "aside", "figure", "figcaption", "address",
    };

    // Elements that start a new line but not a new paragraph (the closing tag adds nothing, so list items and table
    // rows stay on consecutive lines).
    private static readonly HashSet<string> LineTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "br", "li", "tr", "dt", "dd",
    };

    private static readonly HashSet<string> SkippedContentTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "head", "noscript", "template", "iframe", "object", "svg",
    };

    public static string ToPlainText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = new StringBuilder(html.Length);
        var run = new StringBuilder();
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c != '<')
            {
                run.Append(c);
                i++;
                continue;
            }

            if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                var endComment = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = endComment < 0 ? html.Length : endComment + 3;
                continue;
            }

            var (name, closing, tagEnd) = ReadTag(html, i);
            if (name is null)
            {
                // A lone "<" (as in "BP < 140") is text.
                run.Append(c);
                i++;
                continue;
            }

            Flush(run, text);
            i = tagEnd;
            if (!closing && SkippedContentTags.Contains(name))
            {
                i = SkipElementBody(html, i, name);
                continue;
            }

            if (BlockTags.Contains(name))
            {
                text.Append("\n\n");
            }
            else if (LineTags.Contains(name))
            {
                if (!closing)
                {
                    text.Append('\n');
                    if (name.Equals("li", StringComparison.OrdinalIgnoreCase))
                    {
                        text.Append("- ");
                    }
                }
            }
            else if (name.Equals("td", StringComparison.OrdinalIgnoreCase) || name.Equals("th", StringComparison.OrdinalIgnoreCase))
            {
                text.Append(' ');
            }
        }

        Flush(run, text);
        return Tidy(text.ToString());
    }

    private static void Flush(StringBuilder run, StringBuilder text)
    {
        if (run.Length == 0)
        {
            return;
        }

        // Source line breaks inside HTML are layout, not content; only tags make lines.
        var decoded = WebUtility.HtmlDecode(run.ToString().Replace('\r', ' ').Replace('\n', ' ').Replace('\t', ' '));
        text.Append(decoded.Replace('\u00A0', ' '));
        run.Clear();
    }

    private static (string? Name, bool Closing, int End) ReadTag(string html, int start)
    {
        var i = start + 1;
        var closing = i < html.Length && html[i] == '/';
        if (closing)
        {
            i++;
        }

        // Declarations and processing instructions (<!DOCTYPE>, <?xml?>) carry no text.
        if (!closing && i < html.Length && (html[i] == '!' || html[i] == '?'))
        {
            var endDecl = html.IndexOf('>', i);
            return ("!", false, endDecl < 0 ? html.Length : endDecl + 1);
        }

        var nameStart = i;
        while (i < html.Length && (char.IsAsciiLetterOrDigit(html[i]) || html[i] == '-' || html[i] == ':'))
        {
            i++;
        }

        if (i == nameStart || !char.IsAsciiLetter(html[nameStart]))
        {
            return (null, false, start + 1);
        }

        var name = html[nameStart..i];
        var quote = '\0';
        while (i < html.Length)
        {
            var c = html[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return (name, closing, i + 1);
            }

            i++;
        }

        return (name, closing, html.Length);
    }

    private static int SkipElementBody(string html, int from, string name)
    {
        var closeTag = "</" + name;
        var at = from;
        while (true)
        {
            var found = html.IndexOf(closeTag, at, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                // An unclosed <script> swallows the rest, as a browser would.
                return html.Length;
            }

            var after = found + closeTag.Length;
            if (after >= html.Length || !char.IsAsciiLetterOrDigit(html[after]))
            {
                var gt = html.IndexOf('>', after);
                return gt < 0 ? html.Length : gt + 1;
            }

            at = after;
        }
    }

    private static string Tidy(string text)
    {
        var lines = text.Split('\n');
        var result = new StringBuilder(text.Length);
        var blankRun = 0;
        foreach (var raw in lines)
        {
            var line = CollapseSpaces(raw);
            if (line.Length == 0)
            {
                blankRun++;
                continue;
            }

            if (result.Length > 0)
            {
                result.Append(blankRun > 0 ? "\n\n" : "\n");
            }

            result.Append(line);
            blankRun = 0;
        }

        return result.ToString();
    }

    private static string CollapseSpaces(string line)
    {
        var sb = new StringBuilder(line.Length);
        var space = false;
        foreach (var c in line)
        {
            if (c is ' ' or '\t')
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
