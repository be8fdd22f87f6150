using AngleSharp.Html.Parser;
using AppealStudio.Web.Components.Shared;
using AppealStudio.Web.Features.Appeals;
using AppealStudio.Web.Features.Errors;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AppealStudio.Web.Tests.Components;

/// <summary>Components rendered with the framework's own HtmlRenderer (bunit is not served here).</summary>
public class ComponentRenderingTests
{
    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> RenderAsync<T>(Dictionary<string, object?> parameters)
        where T : IComponent
    {
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<T>(ParameterView.FromDictionary(parameters))).ToHtmlString());
        return new HtmlParser().ParseDocument(html);
    }

    [Fact]
    public async Task EmptyState_RendersTitleIconAndGuidance()
    {
        var doc = await RenderAsync<EmptyState>(new()
        {
            [nameof(EmptyState.Title)] = "No denials <yet>",
            [nameof(EmptyState.Icon)] = "bi-list-check",
        });

        var box = doc.QuerySelector("[data-testid=empty-state]")!;
        Assert.Equal("No denials <yet>", box.QuerySelector("h2")!.TextContent);
        Assert.True(box.QuerySelector("i")!.ClassList.Contains("bi-list-check"));
    }

    [Theory]
    [InlineData(404, "Page not found")]
    [InlineData(400, "The request could not be read")]
    [InlineData(500, "Something went wrong")]
    public async Task StatusPage_EachCode_ShowsAPlainHeadingAndNoDetails(int code, string heading)
    {
        var doc = await RenderAsync<StatusPage>(new() { [nameof(StatusPage.Code)] = code });
        Assert.Equal(heading, doc.QuerySelector("[data-testid=status-page] h1")!.TextContent);
        Assert.DoesNotContain("Exception", doc.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LetterPreview_HtmlWithActiveContent_RendersItSanitized()
    {
        var doc = await RenderAsync<LetterPreview>(new()
        {
            [nameof(LetterPreview.Html)] = "<p>Dear payer</p><script>alert(1)</script><img src=\"x\" onerror=\"alert(2)\"><a href=\"javascript:alert(3)\">x</a>",
        });

        var preview = doc.QuerySelector("[data-testid=letter-preview-content]")!;
        Assert.Equal("Dear payer", preview.QuerySelector("p")!.TextContent);
        Assert.Null(preview.QuerySelector("script"));
        Assert.DoesNotContain(preview.QuerySelectorAll("*").SelectMany(e => e.Attributes),
            a => a.Name.StartsWith("on", StringComparison.Ordinal) || a.Value.Contains("javascript", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void MarkupStrings_InTheWebApp_AreAllBuiltBySafeHtml()
    {
        // A MarkupString bypasses Razor's encoding; each one must come from the sanitizer (SafeHtml), whatever feeds it.
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/AppealStudio.Web"));
        Assert.True(Directory.Exists(root), root);
        var casts = Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), @"\(MarkupString\)\s*([A-Za-z.]+)|new MarkupString\(\s*([A-Za-z.]+)")
                .Select(m => (File: Path.GetFileName(f), Source: m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)))
            .ToList();

        Assert.NotEmpty(casts);
        Assert.All(casts, c => Assert.True(c.Source.StartsWith("SafeHtml.", StringComparison.Ordinal), $"{c.File}: MarkupString from {c.Source}"));
    }
}
