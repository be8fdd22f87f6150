using Ganss.Xss;

namespace AppealStudio.Core.Letters;

/// <summary>
/// The one way HTML built from user or document text reaches a page: every <c>MarkupString</c> of the web app is made
/// from <see cref="Sanitize"/> or <see cref="FromMarkdown"/>. Markdown rendering already shows raw HTML as text and drops
/// unsafe link schemes; the sanitizer is the second line, so a future change to the Markdown pipeline (an extension
/// that passes HTML through, a renderer bug) cannot put script into a reviewer's session.
/// </summary>
public static class SafeHtml
{
    // Sanitize() is thread-safe on a shared instance as long as its settings do not change after it is built.
    private static readonly HtmlSanitizer Sanitizer = Create();

    /// <summary>
    /// The HTML with everything that can run removed: script and style elements, event handler attributes
    /// (<c>onerror</c>, <c>onclick</c>...), <c>javascript:</c> and <c>data:</c> addresses, forms, frames and objects.
    /// What a letter uses (headings, paragraphs, lists, tables, emphasis, links to http, https and mailto) stays.
    /// </summary>
    public static string Sanitize(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return Sanitizer.Sanitize(html);
    }

    /// <summary>Letter Markdown as sanitized HTML (<see cref="MarkdownRendering.ToHtml"/>, then <see cref="Sanitize"/>).</summary>
    public static string FromMarkdown(string markdown) => Sanitize(MarkdownRendering.ToHtml(markdown));

    private static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedTags.Remove("input");
        sanitizer.AllowedTags.Remove("button");
        sanitizer.AllowedTags.Remove("textarea");
        sanitizer.AllowedTags.Remove("select");
        sanitizer.AllowedTags.Remove("option");
        // Letters have no inline styles; a style attribute could still position an element over the page's buttons.
        sanitizer.AllowedAttributes.Remove("style");
        return sanitizer;
    }
}
