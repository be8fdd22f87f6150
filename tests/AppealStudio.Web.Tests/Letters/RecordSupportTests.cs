using AppealStudio.Core.Letters;
using AppealStudio.Data.Appeals;
using AppealStudio.Web.Features.Appeals;
using AppealStudio.Web.Tests.Appeals;
using AppealStudio.Web.Tests.Components;
using AppealStudio.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.EntityFrameworkCore;
using static AppealStudio.Web.Tests.Letters.LetterTestSetup;

namespace AppealStudio.Web.Tests.Letters;

/// <summary>The start form says what the record shows against the billed code's rule before drafting; "draft anyway" is the workflow's allowUnsupported.</summary>
public class RecordSupportTests : ComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task RecordSupport_NoNote_IsNotSupported_WithTheNote_IsSupported_PhysicianRefused(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var bare = await AppealTestData.ImportDenialAsync(factory);
        var documented = await AppealTestData.ImportDenialAsync(factory);
        await AppealTestData.AddChartAsync(factory, documented);

        var none = await ActingAs.RunAsync<AppealWorkspace, ViabilityFinding?>(factory, Specialist, w => w.RecordSupportAsync(bare, "ortho-modifier-59"));
        var some = await ActingAs.RunAsync<AppealWorkspace, ViabilityFinding?>(factory, Specialist, w => w.RecordSupportAsync(documented, "ortho-modifier-59"));

        Assert.Equal(ViabilityStatus.NotSupported, none!.Status);
        Assert.Contains("modifier XS", none.Summary, StringComparison.Ordinal);
        Assert.NotEqual(ViabilityStatus.NotSupported, some!.Status);
        Assert.Null(await ActingAs.RunAsync<AppealWorkspace, ViabilityFinding?>(factory, Specialist, w => w.RecordSupportAsync(bare, "no-such-template")));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            ActingAs.RunAsync<AppealWorkspace, ViabilityFinding?>(factory, "physician@demo.local", w => w.RecordSupportAsync(bare, "ortho-modifier-59")));
    }

    [Fact]
    public async Task StartForm_RecordDoesNotSupportTheCode_SaysSoRefusesThenDraftsAnywayWhenChosen()
    {
        var denialId = await AppealTestData.ImportDenialAsync(App);
        SignIn(Specialist);
        var page = RenderInApp<AppealWorkspacePage>(new Dictionary<string, object?> { [nameof(AppealWorkspacePage.Id)] = denialId });
        page.WaitForAssertion(() => Assert.Equal("not-supported", page.Find("[data-testid=record-support]").GetAttribute("data-status")), Wait);
        Assert.Contains("modifier XS", page.Find("[data-testid=record-support]").TextContent, StringComparison.Ordinal);

        page.Find("[data-testid=start-letter]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=record-support-error]"), Wait);
        Assert.False(await App.WithDbAsync(d => d.Appeals.AnyAsync(a => a.DenialId == denialId)));

        page.Find("input[data-testid=draft-anyway]").Change(true);
        page.Find("[data-testid=start-letter]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=letter-panel]"), Wait);
        Assert.True(await App.WithDbAsync(d => d.Appeals.AnyAsync(a => a.DenialId == denialId)));
    }
}
