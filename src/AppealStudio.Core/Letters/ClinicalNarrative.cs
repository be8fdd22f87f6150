using System.Text.RegularExpressions;
using AppealStudio.Core.Evidence;

namespace AppealStudio.Core.Letters;

/// <summary>
/// The clinical narrative of a letter: the text under the heading <c>## Clinical narrative</c> up to the next
/// level-1 or level-2 heading (or the end). A plain heading is used instead of hidden markers so that the section
/// survives editing in any Markdown editor and shows the physician exactly what they sign.
/// </summary>
public static partial class ClinicalNarrative
{
    public const string Heading = "Clinical narrative";

    /// <summary>The section's content (after the heading line), or null when the letter has no such heading.</summary>
    public static TextSpan? Find(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var heading = HeadingLine().Match(markdown);
        if (!heading.Success)
        {
            return null;
        }

        var start = heading.Index + heading.Length;
        var next = NextSection().Match(markdown, start);
        var end = next.Success ? next.Index : markdown.Length;
        return new TextSpan(start, end);
    }

    /// <summary>The section's text, trimmed, or null.</summary>
    public static string? Extract(string markdown) =>
        Find(markdown) is { } span ? markdown[span.Start..span.End].Trim('\n', ' ') : null;

    /// <summary>The letter with the section's content replaced (the physician's edit); the heading stays.</summary>
    public static string Replace(string markdown, string narrative)
    {
        ArgumentNullException.ThrowIfNull(narrative);
        var span = Find(markdown) ?? throw new InvalidOperationException($"The letter has no '## {Heading}' section.");
        var tail = span.End < markdown.Length ? "\n\n" : "\n";
        var content = narrative.Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\n', ' ');
        return markdown[..span.Start] + "\n\n" + content + tail + markdown[span.End..];
    }

    [GeneratedRegex(@"^##[ \t]+Clinical narrative[ \t]*$", RegexOptions.Multiline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeadingLine();

    [GeneratedRegex(@"^#{1,2}[ \t]", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex NextSection();
}
