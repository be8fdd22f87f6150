using System.Text;
using AppealStudio.Data.Charts;
using AppealStudio.Web.Features.Appeals;
using AppealStudio.Web.Features.Denials;
using AppealStudio.Web.Tests.Appeals;
using AppealStudio.Web.Tests.Components;
using AppealStudio.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AppealStudio.Web.Tests.Letters.LetterTestSetup;

namespace AppealStudio.Web.Tests.Letters;

/// <summary>
/// Chart links on the denial page and in the workspace: each linked document with its basis; a name-only match is a
/// suggestion a person confirms (audited once, then it is evidence) or dismisses (not offered again).
/// </summary>
public class ChartLinkTests : ComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    /// <summary>A denial with one note linked by member ID and one that matches the patient's name only.</summary>
    private static async Task<(long DenialId, long ByMember, long ByName)> DenialWithSuggestionAsync(AppFactory factory)
    {
        var denialId = await AppealTestData.ImportDenialAsync(factory);
        var byMember = await AppealTestData.AddChartAsync(factory, denialId);
        var last = await factory.WithDbAsync(d => d.Denials.Where(x => x.Id == denialId).Select(x => x.Claim.PatientLastName).SingleAsync());
        await using var scope = factory.Services.CreateAsyncScope();
        var text = $"CLINIC NOTE\nPatient: Gordon {last}\nDate of service: 08/14/2026\n\nFollow-up visit; knee healing well.\n";
        var saved = await scope.ServiceProvider.GetRequiredService<ChartStore>().ImportAsync("follow-up.txt", new MemoryStream(Encoding.UTF8.GetBytes(text)));
        Assert.True(saved.Succeeded, saved.Error);
        return (denialId, byMember, Assert.Single(saved.Saved).Id);
    }

    private static Task<int> AuditCountAsync(AppFactory factory, string action, long documentId) =>
        factory.WithDbAsync(d => d.AuditEvents.CountAsync(e => e.Action == action && e.EntityId == documentId.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Review_NameOnlyMatch_IsASuggestionUntilConfirmed_SecondAnswerChangesNothing_WrongRoleRefused(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var (denialId, byMember, byName) = await DenialWithSuggestionAsync(factory);

        var before = await ActingAs.RunAsync<ChartLinkReview, ChartLinksView?>(factory, Specialist, r => r.ForDenialAsync(denialId));
        Assert.Equal([byMember], before!.Linked.Select(l => l.DocumentId));
        Assert.Equal("member ID and date of service", before.Linked[0].Basis);
        Assert.Equal([byName], before.Suggested.Select(l => l.DocumentId));

        Assert.Equal(ChartLinkAnswer.Done, await ActingAs.RunAsync<ChartLinkReview, ChartLinkAnswer>(factory, Specialist, r => r.AnswerAsync(denialId, byName, true)));
        Assert.Equal(ChartLinkAnswer.AlreadyAnswered, await ActingAs.RunAsync<ChartLinkReview, ChartLinkAnswer>(factory, Specialist, r => r.AnswerAsync(denialId, byName, true)));
        Assert.Equal(ChartLinkAnswer.NotASuggestion, await ActingAs.RunAsync<ChartLinkReview, ChartLinkAnswer>(factory, Specialist, r => r.AnswerAsync(denialId, byMember, true)));
        Assert.Equal(ChartLinkAnswer.NotFound, await ActingAs.RunAsync<ChartLinkReview, ChartLinkAnswer>(factory, Specialist, r => r.AnswerAsync(long.MaxValue, byName, true)));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            ActingAs.RunAsync<ChartLinkReview, ChartLinkAnswer>(factory, "physician@demo.local", r => r.AnswerAsync(denialId, byName, false)));

        var after = await ActingAs.RunAsync<ChartLinkReview, ChartLinksView?>(factory, Specialist, r => r.ForDenialAsync(denialId));
        Assert.Empty(after!.Suggested);
        Assert.Contains(after.Linked, l => l.DocumentId == byName && l.Basis.Contains("confirmed by a person", StringComparison.Ordinal));
        Assert.Equal(1, await AuditCountAsync(factory, "chart.link-confirmed", byName));
    }

    [Fact]
    public async Task DenialPage_ShowsTheBasis_AndConfirmLinksTheSuggestion()
    {
        var (denialId, _, byName) = await DenialWithSuggestionAsync(App);
        SignIn(Specialist);
        var page = RenderInApp<DenialPage>(new Dictionary<string, object?> { [nameof(DenialPage.Id)] = denialId });
        page.WaitForAssertion(() => page.Find("[data-testid=chart-suggestion]"), Wait);
        Assert.Equal("Linked by member ID and date of service", Assert.Single(page.FindAll("[data-testid=chart-link-basis]")).TextContent.Trim());
        Assert.Contains("name", page.Find("[data-testid=chart-suggestion]").TextContent, StringComparison.Ordinal);

        page.Find("[data-testid=confirm-link]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=chart-suggestion]")), Wait);
        Assert.Equal(2, page.FindAll("[data-testid=chart-link]").Count);
        Assert.Equal(1, await AuditCountAsync(App, "chart.link-confirmed", byName));
    }

    [Fact]
    public async Task WorkspaceEvidence_DismissedSuggestion_IsGoneAndNotEvidence()
    {
        var (denialId, _, byName) = await DenialWithSuggestionAsync(App);
        SignIn(Specialist);
        var page = RenderInApp<AppealWorkspacePage>(new Dictionary<string, object?> { [nameof(AppealWorkspacePage.Id)] = denialId });
        page.WaitForAssertion(() => page.Find("[data-testid=evidence-panel] [data-testid=chart-suggestion]"), Wait);

        page.Find("[data-testid=dismiss-link]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=chart-suggestion]")), Wait);
        Assert.Single(page.FindAll("[data-testid=chart-link]"));
        Assert.Equal(1, await AuditCountAsync(App, "chart.link-rejected", byName));
        Assert.False(await App.WithDbAsync(d => d.ChartLinkConfirmations.Where(c => c.ChartDocumentId == byName).Select(c => c.Confirmed).SingleAsync()));
    }
}
