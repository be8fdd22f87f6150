using AppealStudio.Core;
using AppealStudio.Data.Denials;
using AppealStudio.Web.Components.Shared;
using AppealStudio.Web.Features.Appeals;
using AppealStudio.Web.Features.Errors;
using Bunit;
using MudBlazor;
using MudBlazor.Services;

namespace AppealStudio.Web.Tests.Components;

/// <summary>The shared components on their own: no app, no database.</summary>
public class ComponentRenderingTests : BunitContext, IAsyncLifetime
{
    public ComponentRenderingTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    [Fact]
    public void EmptyState_RendersTitleEncodedAndTheGuidance()
    {
        var box = Render<EmptyState>(p => p
            .Add(e => e.Title, "No denials <yet>")
            .Add(e => e.Icon, Icons.Material.Outlined.Inbox)
            .AddChildContent("Import an 835."));

        Assert.Equal("No denials <yet>", box.Find("[data-testid=empty-state] h2").TextContent);
        Assert.DoesNotContain("<yet>", box.Markup, StringComparison.Ordinal);
        Assert.Contains("Import an 835.", box.Find("[data-testid=empty-state]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(box.Find("[data-testid=empty-state] svg"));
    }

    [Theory]
    [InlineData(404, "Page not found")]
    [InlineData(400, "The request could not be read")]
    [InlineData(500, "Something went wrong")]
    public void StatusPage_EachCode_ShowsAPlainHeadingAndNoDetails(int code, string heading)
    {
        var page = Render<StatusPage>(p => p.Add(s => s.Code, code));
        Assert.Equal(heading, page.Find("[data-testid=status-page] h1").TextContent);
        Assert.DoesNotContain("Exception", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void PageHeader_WithBreadcrumbs_ShowsTheTrailAndOneHeading()
    {
        var header = Render<PageHeader>(p => p
            .Add(h => h.Title, "Denial 12")
            .Add(h => h.Breadcrumbs, [("Worklist", "/worklist")]));

        Assert.Single(header.FindAll("h1"));
        Assert.Equal("Denial 12", header.Find("h1").TextContent.Trim());
        Assert.Equal("/worklist", header.Find("nav a").GetAttribute("href"));
    }

    [Theory]
    [InlineData(DenialStatus.AwaitingSignOff, "Awaiting sign-off")]
    [InlineData(DenialStatus.InProgress, "In progress")]
    [InlineData(DenialStatus.WrittenOff, "Written off")]
    public void StatusChip_ShowsTheStatusInWords(DenialStatus status, string words)
    {
        var chip = Render<StatusChip>(p => p.Add(c => c.Status, status));
        Assert.Equal(words, chip.Find("[data-testid=status]").TextContent.Trim());
    }

    [Theory]
    [InlineData(0, "Due today", "deadline-urgent")]
    [InlineData(-3, "3 days past due", "deadline-urgent")]
    [InlineData(10, "10 days left", "deadline-soon")]
    [InlineData(1, "1 day left", "deadline-urgent")]
    [InlineData(40, "40 days left", "deadline")]
    public void DeadlineText_ShowsTheDateAndDaysLeftWithUrgency(int days, string left, string css)
    {
        var today = new DateOnly(2026, 12, 6);
        var text = Render<DeadlineText>(p => p.Add(d => d.Deadline, today.AddDays(days)).Add(d => d.Today, today));
        var span = text.Find("[data-testid=deadline]");
        Assert.Contains(Display.Date(today.AddDays(days)), span.TextContent, StringComparison.Ordinal);
        Assert.Contains(left, span.TextContent, StringComparison.Ordinal);
        Assert.Contains(css, span.ClassList);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();
}
