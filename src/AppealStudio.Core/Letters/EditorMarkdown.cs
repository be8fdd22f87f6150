using System.Text;
using System.Text.RegularExpressions;

namespace AppealStudio.Core.Letters;

/// <summary>
/// Translates between the letters' Markdown and the dialect of the WYSIWYG editor (Toast UI, ADR 0019). The editor
/// reads and writes a line break as a bare newline inside a paragraph, drops CommonMark's hard breaks (a backslash or
/// two spaces at the end of a line), and escapes brackets that could look like a reference link ("[E1] [E2]" comes
/// back as "\[E1\] \[E2\]"). Letters keep CommonMark: hard breaks as a trailing backslash, citations unescaped.
/// </summary>
public static partial class EditorMarkdown
{
    /// <summary>The letter as the editor should load it: hard breaks become bare newlines, soft breaks a space.</summary>
    public static string ToEditor(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var lines = Normalize(markdown).Split('\n');
        var output = new StringBuilder(markdown.Length);
        var fenced = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (IsFence(line))
            {
                fenced = !fenced;
            }

            var next = i + 1 < lines.Length ? lines[i + 1] : null;
            if (!fenced && next is not null && InParagraph(line, next))
            {
                if (HardBreak().Match(line) is { Success: true } hard)
                {
                    output.Append(line, 0, hard.Index).Append('\n');
                }
                else
                {
                    // A soft break reads as a space; the editor would show it as a line break.
                    output.Append(line).Append(' ');
                    lines[i + 1] = next.TrimStart();
                }

                continue;
            }

            output.Append(line);
            if (i < lines.Length - 1)
            {
                output.Append('\n');
            }
        }

        return output.ToString();
    }

    /// <summary>The editor's text as a letter: bare newlines in a paragraph become hard breaks, citations unescaped.</summary>
    public static string FromEditor(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var lines = Normalize(markdown).Split('\n');
        var output = new StringBuilder(markdown.Length + 16);
        var fenced = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (IsFence(line))
            {
                fenced = !fenced;
            }

            if (!fenced)
            {
                // The editor escapes the underscore of a slot or fact name ("distinct\_site"); a marker or placeholder
                // keeps its name as written, or the re-fill and the export no longer find it.
                line = MarkerOrPlaceholder().Replace(line, m => m.Value.Replace("\\_", "_", StringComparison.Ordinal));
                line = EscapedCitation().Replace(line, "[$1]");
                line = EscapedMarker().Replace(line, "[[$1]]");
            }

            output.Append(line);
            var next = i + 1 < lines.Length ? lines[i + 1] : null;
            if (!fenced && next is not null && InParagraph(line, next) && !line.EndsWith('\\'))
            {
                output.Append('\\');
            }

            if (i < lines.Length - 1)
            {
                output.Append('\n');
            }
        }

        return output.ToString().TrimEnd('\n') + (markdown.EndsWith('\n') ? "\n" : "");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    // Two lines of one paragraph (or of one blockquote paragraph): both have text and the second starts no block.
    private static bool InParagraph(string line, string next)
    {
        if (string.IsNullOrWhiteSpace(line) || string.IsNullOrWhiteSpace(next) || IsTableRow(line) || IsTableRow(next) || StartsBlock(line, heading: true))
        {
            return false;
        }

        var quoted = line.TrimStart().StartsWith('>');
        var nextQuoted = next.TrimStart().StartsWith('>');
        if (quoted != nextQuoted)
        {
            return false;
        }

        var body = quoted ? next.TrimStart()[1..] : next;
        return !string.IsNullOrWhiteSpace(body) && !StartsBlock(body, heading: false);
    }

    private static bool IsTableRow(string line) => line.TrimStart().StartsWith('|');

    private static bool IsFence(string line) => line.TrimStart().StartsWith("```", StringComparison.Ordinal) || line.TrimStart().StartsWith("~~~", StringComparison.Ordinal);

    private static bool StartsBlock(string line, bool heading) =>
        BlockStart().IsMatch(line) || (heading && line.TrimStart().StartsWith('#'));

    [GeneratedRegex(@"^\s{0,3}(#{1,6}\s|[-*+]\s|\d{1,9}[.)]\s|>|```|~~~|(\*\s*){3,}$|(-\s*){3,}$|(_\s*){3,}$)")]
    private static partial Regex BlockStart();

    [GeneratedRegex(@"(\\| {2,})$")]
    private static partial Regex HardBreak();

    [GeneratedRegex(@"\\\[(E\d{1,3})\\\]")]
    private static partial Regex EscapedCitation();

    [GeneratedRegex(@"\\\[\\\[(MISSING:[^\\\]]*)\\\]\\\]")]
    private static partial Regex EscapedMarker();

    [GeneratedRegex(@"(\\?\[){2}MISSING:.*?(\\?\]){2}|\{\{.*?\}\}")]
    private static partial Regex MarkerOrPlaceholder();
}
