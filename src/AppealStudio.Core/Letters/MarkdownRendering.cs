using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace AppealStudio.Core.Letters;

/// <summary>
/// Letter Markdown to HTML for the preview. Raw HTML in the Markdown is shown as text, never passed through, and
/// links keep only http, https and mailto addresses: letters are edited by users, and a "javascript:" link in the
/// preview would run in the reviewer's session.
/// </summary>
public static class MarkdownRendering
{
    private static readonly string[] SafeSchemes = ["http://", "https://", "mailto:"];

    /// <summary>The pipeline every letter is parsed with (HTML preview and DOCX alike): pipe tables, no raw HTML.</summary>
    public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .DisableHtml()
        .Build();

    public static string ToHtml(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafeUrl(link.Url))
            {
                link.Url = "#";
            }
        }

        foreach (var autolink in document.Descendants<AutolinkInline>())
        {
            if (!autolink.IsEmail && !IsSafeUrl(autolink.Url))
            {
                autolink.Url = "#";
            }
        }

        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    internal static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return true;
        }

        var trimmed = url.Trim();
        if (!trimmed.Contains(':', StringComparison.Ordinal))
        {
            // Relative or fragment address: no scheme to abuse.
            return true;
        }

        return SafeSchemes.Any(s => trimmed.StartsWith(s, StringComparison.OrdinalIgnoreCase));
    }
}
