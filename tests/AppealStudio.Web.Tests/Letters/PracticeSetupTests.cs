using AppealStudio.Data.Appeals;
using AppealStudio.Data.Practice;
using AppealStudio.Web.Features.Appeals;
using AppealStudio.Web.Features.Home;
using AppealStudio.Web.Infrastructure;
using AppealStudio.Web.Tests.Appeals;
using AppealStudio.Web.Tests.Components;
using AppealStudio.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Letters;

/// <summary>
/// Merge fields resolved where the letter is read (the workspace preview), and the practice setup while the profile
/// misses what letters print: the checklist for an Admin, who completes it for everyone else. The shared test database
/// has the demo profile; a test that blanks fields restores them (test collections run one at a time).
/// </summary>
public class PracticeSetupTests : ComponentTest
{
    private const string Specialist = "specialist@demo.local";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    /// <summary>Blanks the profile's phone and tax id for the test's duration.</summary>
    private static async Task<IAsyncDisposable> IncompleteProfileAsync(AppFactory factory)
    {
        await AppealTestData.EnsurePracticeAsync(factory);
        var (phone, taxId) = await factory.WithDbAsync(async db =>
        {
            var p = await db.PracticeProfiles.OrderBy(x => x.Id).FirstAsync();
            var before = (p.Phone, p.TaxId);
            p.Phone = null;
            p.TaxId = null;
            await db.SaveChangesAsync();
            return before;
        });
        return new Restore(factory, phone, taxId);
    }

    private sealed class Restore(AppFactory factory, string? phone, string? taxId) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await factory.WithDbAsync(async db =>
        {
            var p = await db.PracticeProfiles.OrderBy(x => x.Id).FirstAsync();
            p.Phone = phone;
            p.TaxId = taxId;
            return await db.SaveChangesAsync();
        });
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Setup_IncompleteProfile_AdminMayCompleteSpecialistIsToldWhoAndNoRoleIsRefused(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        await using (await IncompleteProfileAsync(factory))
        {
            var admin = await ActingAs.RunAsync<PracticeSetupReader, PracticeSetupView>(factory, "admin@demo.local", r => r.ReadAsync());
            var specialist = await ActingAs.RunAsync<PracticeSetupReader, PracticeSetupView>(factory, Specialist, r => r.ReadAsync());

            Assert.True(admin.CanComplete);
            Assert.False(admin.Setup.IsComplete);
            Assert.Equal(["phone", "tax id"], admin.Setup.Missing.Select(i => i.Label));
            Assert.False(specialist.CanComplete);
            Assert.Contains("Alex Admin", specialist.Setup.WhoCompletes, StringComparison.Ordinal);
            Assert.Contains("phone, tax id", specialist.Setup.WhoCompletes, StringComparison.Ordinal);

            await using var anonymous = factory.Services.CreateAsyncScope();
            anonymous.ServiceProvider.GetRequiredService<WebActor>().UseCircuitUser(ActingAs.Anonymous, null);
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => anonymous.ServiceProvider.GetRequiredService<PracticeSetupReader>().ReadAsync());
        }

        Assert.True((await ActingAs.RunAsync<PracticeSetupReader, PracticeSetupView>(factory, Specialist, r => r.ReadAsync())).Setup.IsComplete);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Preview_ProfileSavedAfterTheLetterStarted_FillsTheLetterAndWrongRoleIsRefused(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await AppealTestData.ReadyDenialAsync(factory);
        var appealId = (await ActingAs.RunAsync<StartAppeal, AppealResult>(factory, Specialist,
            w => w.StartAsync(denialId, "ortho-modifier-59", LetterStartDetails.None, autoEvidence: true))).AppealId;
        var draft = (await AppealTestData.AppealAsync(factory, appealId)).Markdown;
        var name = await factory.WithDbAsync(d => d.PracticeProfiles.OrderBy(p => p.Id).Select(p => p.Name).FirstAsync());

        var preview = await ActingAs.RunAsync<AppealWorkspace, LetterPreview?>(factory, Specialist, w => w.PreviewAsync(appealId, draft + "\n\nAn added line."));

        // The draft keeps the token; the preview shows the practice as saved now.
        Assert.Contains("{{practice.name}}", draft, StringComparison.Ordinal);
        Assert.Contains(name, preview!.Resolved, StringComparison.Ordinal);
        Assert.DoesNotContain("{{practice.name}}", preview.Resolved, StringComparison.Ordinal);
        Assert.EndsWith("An added line.", preview.Resolved.TrimEnd(), StringComparison.Ordinal);
        Assert.Null(await ActingAs.RunAsync<AppealWorkspace, LetterPreview?>(factory, Specialist, w => w.PreviewAsync(long.MaxValue, "x")));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            ActingAs.RunAsync<AppealWorkspace, LetterPreview?>(factory, "physician@demo.local", w => w.PreviewAsync(appealId, draft)));
    }

    [Fact]
    public async Task SetupNotice_Admin_SeesTheChecklistWithTheMissingItemsAndTheLink()
    {
        await using (await IncompleteProfileAsync(App))
        {
            SignIn("admin@demo.local");

            var notice = Render<PracticeSetupNotice>();

            notice.WaitForAssertion(() => notice.Find("[data-testid=setup-checklist]"), Wait);
            var missing = notice.FindAll("[data-testid=setup-item][data-done=false]").Select(e => e.TextContent.Trim()).ToList();
            Assert.Equal(["Phone: missing", "Tax id: missing"], missing);
            Assert.Equal("/settings/practice", notice.Find("[data-testid=setup-complete-link]").GetAttribute("href"));
        }
    }

    [Fact]
    public async Task SetupNotice_Specialist_IsToldWhoCompletesIt_CompleteProfileShowsNothing()
    {
        SignIn(Specialist);
        await using (await IncompleteProfileAsync(App))
        {
            var notice = Render<PracticeSetupNotice>();

            notice.WaitForAssertion(() => Assert.Contains("Ask Alex Admin", notice.Find("[data-testid=setup-who]").TextContent, StringComparison.Ordinal), Wait);
            Assert.Empty(notice.FindAll("[data-testid=setup-checklist]"));
        }

        var complete = Render<PracticeSetupNotice>();
        complete.WaitForAssertion(() => Assert.Empty(complete.FindAll("[data-testid=practice-setup]")), Wait);
    }

    [Fact]
    public async Task Workspace_Preview_ShowsTheResolvedLetterNotTheTokens()
    {
        var denialId = await AppealTestData.ReadyDenialAsync(App);
        Assert.True((await ActingAs.RunAsync<StartAppeal, AppealResult>(App, Specialist,
            w => w.StartAsync(denialId, "ortho-modifier-59", LetterStartDetails.None, autoEvidence: true))).Succeeded);
        var name = await App.WithDbAsync(d => d.PracticeProfiles.OrderBy(p => p.Id).Select(p => p.Name).FirstAsync());
        SignIn(Specialist);

        var page = RenderInApp<AppealWorkspacePage>(new Dictionary<string, object?> { [nameof(AppealWorkspacePage.Id)] = denialId });

        page.WaitForAssertion(() => page.Find("[data-testid=letter-panel]"), Wait);
        // Found and clicked on the renderer's thread: the editor's ready callback can re-render the tabs in between.
        await page.InvokeAsync(() => page.FindAll(".mud-tab").Single(t => t.TextContent.Contains("Preview", StringComparison.Ordinal)).Click());
        page.WaitForAssertion(() => page.Find("[data-testid=letter-preview]"), Wait);
        var preview = page.Find("[data-testid=letter-preview]").TextContent;
        Assert.Contains(name, preview, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", preview, StringComparison.Ordinal);
    }
}
