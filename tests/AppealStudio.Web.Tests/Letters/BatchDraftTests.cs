using AppealStudio.Web.Features.Worklist;
using AppealStudio.Web.Tests.Appeals;
using AppealStudio.Web.Tests.Components;
using Bunit;
using Microsoft.EntityFrameworkCore;
using static AppealStudio.Web.Tests.Letters.LetterTestSetup;

namespace AppealStudio.Web.Tests.Letters;

/// <summary>Batch drafting from the worklist selection: per-denial progress, a result per letter, nothing signed.</summary>
public class BatchDraftTests : ComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task BatchDraft_TwoDenials_DraftsEachAndSaysWhatNeedsAPerson_SecondRunLeavesThemAlone()
    {
        await AppealTestData.EnsurePracticeAsync(App);
        var documented = await AppealTestData.ImportDenialAsync(App);
        await AppealTestData.AddChartAsync(App, documented);
        var bare = await AppealTestData.ImportDenialAsync(App);
        SignIn(Specialist);

        var page = RenderInApp<BatchDraftAction>(new Dictionary<string, object?> { [nameof(BatchDraftAction.DenialIds)] = (IReadOnlyList<long>)[documented, bare] });
        page.Find("[data-testid=bulk-draft]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=batch-start]"), Wait);
        page.Find("[data-testid=batch-start]").Click();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=batch-result]").Count), Wait);
        page.WaitForAssertion(() => page.Find("[data-testid=batch-close]"), Wait);
        var outcomes = page.FindAll("[data-testid=batch-result]").Select(r => r.GetAttribute("data-outcome")).ToList();
        Assert.NotEqual("not-found", outcomes[0]);
        // The denial without a chart note is not drafted: its record does not support the billed modifier.
        Assert.Equal("not-drafted", outcomes[1]);
        Assert.Contains("does not support", page.FindAll("[data-testid=batch-result]")[1].TextContent, StringComparison.Ordinal);
        Assert.Contains($"/denials/{documented}/appeal", page.Markup, StringComparison.Ordinal);
        var appeals = await App.WithDbAsync(d => d.Appeals.Where(a => a.DenialId == documented || a.DenialId == bare).ToListAsync());
        var drafted = Assert.Single(appeals);
        Assert.Equal(documented, drafted.DenialId);
        Assert.Null(drafted.SignatureSha256);
    }
}
