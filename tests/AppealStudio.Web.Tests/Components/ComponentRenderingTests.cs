using AngleSharp.Html.Parser;
using AppealStudio.Web.Components.Shared;
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
}
