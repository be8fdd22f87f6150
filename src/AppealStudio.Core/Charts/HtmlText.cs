using System.Text;
using AngleSharp.Html;
using AngleSharp.Html.Parser;
using AngleSharp.Text;

namespace AppealStudio.Core.Charts;

/// <summary>
/// Turns an HTML chart attachment into plain text. The output is only ever treated as text (never rendered as HTML),
/// so the aim is readable text with no markup residue: script and style bodies and comments are dropped, block
/// elements become line breaks. AngleSharp's HTML tokenizer reads the markup as a browser's would (entities,
/// attributes holding angle brackets, unclosed script); an encoded "&amp;lt;script&amp;gt;" stays visible text.
/// </summary>
/// <remarks>
/// Only the tokenizer runs, not the tree builder: it is linear in the input and builds no DOM, while the tree builder
/// takes seconds on deeply nested hostile markup (200,000 nested spans: 15 s) and many times the input in memory.
/// Text only needs the tags in order.
/// </remarks>
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
        "script", "style", "head", "noscript", "template", "iframe", "object", "svg", "math", "noembed", "noframes", "xmp",
    };

    public static string ToPlainText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = new StringBuilder(html.Length / 2);
        using var source = new TextSource(html);
        var tokenizer = new HtmlTokenizer(source, HtmlEntityProvider.Resolver);
        string? skipping = null;
        while (true)
        {
            var token = tokenizer.Get();
            switch (token.Type)
            {
                case HtmlTokenType.EndOfFile:
                    return Tidy(text.ToString());
                case HtmlTokenType.Character when skipping is null:
                    // Source line breaks inside HTML are layout, not content; only tags make lines.
                    foreach (var c in token.Data)
                    {
                        text.Append(c is '\r' or '\n' or '\t' or '\u00A0' ? ' ' : c);
                    }

                    break;
                case HtmlTokenType.StartTag:
                    var name = token.Name;
                    // The tokenizer does not know the content models; the tree builder would switch them (script data,
                    // raw text, RCDATA), so this does, or a "<" inside a script or style would start a tag.
                    tokenizer.State = name.ToUpperInvariant() switch
                    {
                        "SCRIPT" => HtmlParseMode.Script,
                        "STYLE" or "XMP" or "IFRAME" or "NOEMBED" or "NOFRAMES" => HtmlParseMode.Rawtext,
                        "TEXTAREA" or "TITLE" => HtmlParseMode.RCData,
                        "PLAINTEXT" => HtmlParseMode.Plaintext,
                        _ => HtmlParseMode.PCData,
                    };
                    if (skipping is not null)
                    {
                        break;
                    }

                    if (SkippedContentTags.Contains(name) && !token.AsTag().IsSelfClosing)
                    {
                        skipping = name;
                    }
                    else if (BlockTags.Contains(name))
                    {
                        text.Append("\n\n");
                    }
                    else if (LineTags.Contains(name))
                    {
                        text.Append(name.Equals("li", StringComparison.OrdinalIgnoreCase) ? "\n- " : "\n");
                    }
                    else if (name.Equals("td", StringComparison.OrdinalIgnoreCase) || name.Equals("th", StringComparison.OrdinalIgnoreCase))
                    {
                        text.Append(' ');
                    }

                    break;
                case HtmlTokenType.EndTag:
                    if (skipping is not null)
                    {
                        // Skipped elements end at their own end tag (a nested <svg> inside <svg> closes at the first;
                        // what follows is read as text, as a browser shows it).
                        if (token.Name.Equals(skipping, StringComparison.OrdinalIgnoreCase))
                        {
                            skipping = null;
                        }
                    }
                    else if (BlockTags.Contains(token.Name))
                    {
                        text.Append("\n\n");
                    }

                    break;
                default:
                    // Comments, doctypes and processing instructions carry no text.
                    break;
            }
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
