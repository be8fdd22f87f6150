using AngleSharp.Html.Parser;
using AppealStudio.Core.Letters;

namespace AppealStudio.Core.Tests.Letters;

public class SafeHtmlTests
{
    [Theory]
    [InlineData("<p>Hi</p><script>alert(1)</script>", "script")]
    [InlineData("<img src=\"x\" onerror=\"alert(1)\">", "onerror")]
    [InlineData("<a href=\"javascript:alert(1)\">click</a>", "javascript:")]
    [InlineData("<a href=\" JaVaScRiPt:alert(1)\">click</a>", "alert")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>", "iframe")]
    [InlineData("<svg><script>alert(1)</script></svg>", "alert")]
    [InlineData("<p style=\"position:fixed;top:0\">cover</p>", "position")]
    [InlineData("<form action=\"https://evil.example\"><button>Sign</button></form>", "form")]
    [InlineData("<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>", "data:")]
    public void Sanitize_ActiveContent_IsRemoved(string html, string forbidden)
    {
        var clean = SafeHtml.Sanitize(html);

        Assert.DoesNotContain(forbidden, clean, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Sanitize_LetterMarkup_IsKept()
    {
        const string html = "<h2>Request</h2><p><strong>Bold</strong> and <em>em</em> <a href=\"https://cms.gov/x\">policy</a> "
            + "<a href=\"mailto:appeals@example.org\">mail</a></p><ul><li>one</li></ul><table><thead><tr><th>Code</th></tr></thead>"
            + "<tbody><tr><td>29880</td></tr></tbody></table><blockquote><p>quote</p></blockquote>";

        var clean = SafeHtml.Sanitize(html);

        foreach (var kept in new[] { "<h2>", "<strong>", "<em>", "href=\"https://cms.gov/x\"", "href=\"mailto:appeals@example.org\"", "<li>", "<table>", "<td>29880</td>", "<blockquote>" })
        {
            Assert.Contains(kept, clean, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void FromMarkdown_HostileMarkdown_RendersNoActiveContent()
    {
        const string markdown = "# Letter\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1)) "
            + "[ok](https://example.org) ![img](javascript:alert(2))\n\n<a href=\"javascript:alert(3)\">raw</a>";

        var html = SafeHtml.FromMarkdown(markdown);

        // Raw HTML stays visible as text; what matters is that no element or attribute of the result can run.
        using var document = new HtmlParser().ParseDocument(html);
        var elements = document.Body!.QuerySelectorAll("*").ToList();
        Assert.DoesNotContain(elements, e => e.LocalName is "script" or "img" && e.GetAttribute("src")?.Contains("javascript", StringComparison.OrdinalIgnoreCase) != false);
        Assert.DoesNotContain(elements.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)
            || a.Value.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("<script>alert(1)</script>", document.Body.TextContent, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.org\"", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Letter</h1>", html, StringComparison.Ordinal);
    }
}
