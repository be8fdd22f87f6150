using System.Globalization;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Identity;
using AppealStudio.Web.Features.SignOff;
using AppealStudio.Web.Tests.Components;
using AppealStudio.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace AppealStudio.Web.Tests.SignOff;

/// <summary>The physician's queue and review rendered on the real app's services: what they see and what a click does.</summary>
public class SignOffPageTests : ComponentTest
{
    private const string Physician = "physician@demo.local";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private IRenderedComponent<MudDialogProvider>? dialogs;

    /// <summary>The review page with a dialog provider beside it, as the app's layout has.</summary>
    private IRenderedComponent<SignOffReview> Review(long id)
    {
        dialogs = Render<MudDialogProvider>();
        var page = Render<SignOffReview>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.DoesNotContain("mud-progress-linear", page.Markup, StringComparison.Ordinal), Wait);
        return page;
    }

    private static void Fill(IRenderedComponent<SignOffReview> page, string name, string password, bool attest = true)
    {
        if (attest)
        {
            page.Find("input[data-testid=attested]").Change(true);
        }

        // A physician who is not the rendering provider confirms signing on their behalf (the signer rule).
        if (page.FindAll("input[data-testid=on-behalf-confirm]").Count > 0)
        {
            page.Find("input[data-testid=on-behalf-confirm]").Change(true);
        }

        page.Find("input[data-testid=full-name]").Change(name);
        page.Find("input[data-testid=password]").Change(password);
    }

    [Fact]
    public async Task SignOffPage_Queue_ListsMyLettersWithAReviewLink()
    {
        var mine = await SignOffData.CreateAsync(App);
        var theirs = await SignOffData.CreateAsync(App, await UserFactory.CreateAsync(App, Roles.Physician));
        SignIn(Physician);

        var page = Render<SignOffPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=signoff-queue]")), Wait);
        var ids = page.FindAll("[data-testid=signoff-queue] tr[data-appeal-id]").Select(r => long.Parse(r.GetAttribute("data-appeal-id")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Contains(mine, ids);
        Assert.DoesNotContain(theirs, ids);
        var row = page.Find($"[data-testid=signoff-queue] tr[data-appeal-id='{mine.ToString(CultureInfo.InvariantCulture)}']");
        Assert.Contains("TESTER, PAT", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("29880 on 08/14/2026", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Modifier 59", row.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/signoff/{mine.ToString(CultureInfo.InvariantCulture)}", row.QuerySelector("[data-testid=review-link]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task SignOffReview_ShowsTheNarrativeBesideTheCitedExcerpts_AndIsAuditedOnce()
    {
        var id = await SignOffData.CreateAsync(App);
        SignIn(Physician);

        var page = Review(id);

        Assert.Equal(SignOffData.Narrative, page.Find("textarea[data-testid=narrative]").GetAttribute("value")?.Trim() ?? page.Find("textarea[data-testid=narrative]").TextContent.Trim());
        var excerpt = page.Find("[data-testid=excerpts] li").TextContent;
        Assert.Contains("E1", excerpt, StringComparison.Ordinal);
        Assert.Contains("Operative report, 08/14/2026, Dana Reyes, MD", excerpt, StringComparison.Ordinal);
        Assert.Contains("separately prepped and draped", excerpt, StringComparison.Ordinal);
        Assert.Contains("distinct site", excerpt, StringComparison.Ordinal);
        Assert.Contains(SignOffService.DefaultAttestation[..40], page.Find("[data-testid=attestation]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Please reprocess the claim.", page.Find("[data-testid=letter-rest]").TextContent, StringComparison.Ordinal);
        Assert.Contains("As on your account: Dana Reyes, MD", page.Markup, StringComparison.Ordinal);
        Assert.Equal(1, await SignOffData.AuditCountAsync(App, "appeal.signoff-view", id));
    }

    [Fact]
    public async Task SignOffReview_SignWithTheNameWithoutCredentials_SignsAndShowsTheSignature()
    {
        var id = await SignOffData.CreateAsync(App);
        SignIn(Physician);
        var page = Review(id);
        const string edited = "On 08/14/2026 I treated both knees through separate portals [E1].";

        page.Find("textarea[data-testid=narrative]").Input(edited);
        Fill(page, "dana  reyes", BrowserlessClient.DemoPassword);
        page.Find("[data-testid=sign-submit]").Click();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=signed-banner]")), Wait);
        var appeal = await SignOffData.LoadAsync(App, id);
        Assert.Equal((AppealStatus.Signed, "Dana Reyes, MD"), (appeal.Status, appeal.SignedByName));
        Assert.Equal(appeal.SignatureSha256, page.Find("[data-testid=signature-hash]").TextContent.Trim());
        Assert.Contains(edited, page.Find("[data-testid=signoff-diff]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=sign-form]"));
    }

    [Fact]
    public async Task SignOffReview_AnotherName_IsRefusedAtTheNameField_WithTheInputKept()
    {
        var id = await SignOffData.CreateAsync(App);
        SignIn(Physician);
        var page = Review(id);
        const string edited = "My corrected narrative [E1].";

        page.Find("textarea[data-testid=narrative]").Input(edited);
        Fill(page, "Dan Reyes", BrowserlessClient.DemoPassword);
        page.Find("[data-testid=sign-submit]").Click();

        page.WaitForAssertion(() => Assert.Contains("Type your name as it appears on your account: Dana Reyes, MD.", page.Markup, StringComparison.Ordinal), Wait);
        Assert.Equal("Dan Reyes", page.Find("input[data-testid=full-name]").GetAttribute("value"));
        Assert.Contains(edited, page.Find("textarea[data-testid=narrative]").GetAttribute("value") ?? page.Find("textarea[data-testid=narrative]").TextContent, StringComparison.Ordinal);
        // The password is never written back into the page.
        Assert.True(string.IsNullOrEmpty(page.Find("input[data-testid=password]").GetAttribute("value")));
        Assert.Equal(AppealStatus.AwaitingSignOff, (await SignOffData.LoadAsync(App, id)).Status);
        Assert.Equal(1, await SignOffData.AuditCountAsync(App, "appeal.sign-failed", id));
    }

    [Fact]
    public async Task SignOffReview_AttestationNotTicked_IsRefusedAtTheAttestation()
    {
        var id = await SignOffData.CreateAsync(App);
        SignIn(Physician);
        var page = Review(id);

        Fill(page, "Dana Reyes", BrowserlessClient.DemoPassword, attest: false);
        page.Find("[data-testid=sign-submit]").Click();

        page.WaitForAssertion(() => Assert.Equal("Tick the attestation to sign.", page.Find("[data-testid=attested-error]").TextContent.Trim()), Wait);
        Assert.Equal(AppealStatus.AwaitingSignOff, (await SignOffData.LoadAsync(App, id)).Status);
    }

    [Fact]
    public async Task SignOffReview_WrongPassword_IsRefusedAtThePassword()
    {
        var physician = await UserFactory.CreateAsync(App, Roles.Physician);
        var id = await SignOffData.CreateAsync(App, physician);
        SignIn(physician);
        var page = Review(id);

        Fill(page, "test user", "Wrong!Pass2026");
        page.Find("[data-testid=sign-submit]").Click();

        page.WaitForAssertion(() => Assert.Contains("The password is not right", page.Markup, StringComparison.Ordinal), Wait);
        Assert.Equal(AppealStatus.AwaitingSignOff, (await SignOffData.LoadAsync(App, id)).Status);
    }

    [Fact]
    public async Task SignOffReview_ReturnNeedsAComment_ThenReturnsTheLetter()
    {
        var id = await SignOffData.CreateAsync(App);
        SignIn(Physician);
        var page = Review(id);

        page.Find("[data-testid=return-submit]").Click();

        page.WaitForAssertion(() => Assert.Contains("a comment is required to return the letter", page.Markup, StringComparison.Ordinal), Wait);
        Assert.Equal(AppealStatus.AwaitingSignOff, (await SignOffData.LoadAsync(App, id)).Status);

        page.Find("textarea[data-testid=return-comment]").Change("Cite the op note for the left knee portals.");
        page.Find("[data-testid=return-submit]").Click();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=returned-banner]")), Wait);
        Assert.Contains("Cite the op note", page.Find("[data-testid=returned-banner]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=sign-form]"));
        Assert.Equal(AppealStatus.Returned, (await SignOffData.LoadAsync(App, id)).Status);
    }

    [Fact]
    public async Task SignOffReview_AnotherPhysiciansLetter_IsNotFound_InTheSameWordsAsAnUnknownLetter()
    {
        var id = await SignOffData.CreateAsync(App);
        SignIn(await UserFactory.CreateAsync(App, Roles.Physician));

        var theirs = Render<SignOffReview>(p => p.Add(x => x.Id, id));
        var unknown = Render<SignOffReview>(p => p.Add(x => x.Id, 987654321L));

        theirs.WaitForAssertion(() => Assert.Contains("There is nothing at this address", theirs.Markup, StringComparison.Ordinal), Wait);
        unknown.WaitForAssertion(() => Assert.Contains("There is nothing at this address", unknown.Markup, StringComparison.Ordinal), Wait);
        Assert.Equal(unknown.Find("h1").TextContent, theirs.Find("h1").TextContent);
        Assert.Equal(unknown.Find("[data-testid=empty-state]").TextContent, theirs.Find("[data-testid=empty-state]").TextContent);
        Assert.DoesNotContain("TESTER", theirs.Markup, StringComparison.Ordinal);
        Assert.Equal(0, await SignOffData.AuditCountAsync(App, "appeal.signoff-view", id));
    }

    [Fact]
    public async Task SignOffReview_LetterChangedMeanwhile_ConflictDialogKeepsThePhysiciansText_AndNothingIsSigned()
    {
        var id = await SignOffData.CreateAsync(App);
        SignIn(Physician);
        var page = Review(id);
        const string mine = "The physician's careful edit [E1].";
        page.Find("textarea[data-testid=narrative]").Input(mine);
        // The specialist changes the letter while the physician reads it.
        await App.WithDbAsync(async d =>
        {
            var a = await d.Appeals.SingleAsync(x => x.Id == id);
            a.Markdown = a.Markdown.Replace("Please reprocess the claim.", "Please reprocess the claim promptly.", StringComparison.Ordinal);
            a.Version++;
            return await d.SaveChangesAsync();
        });

        Fill(page, "Dana Reyes", BrowserlessClient.DemoPassword);
        page.Find("[data-testid=sign-submit]").Click();

        page.WaitForAssertion(() => Assert.NotEmpty(FindAll("[data-testid=conflict-keep-mine]")), Wait);
        Assert.Contains(mine, Find("[data-testid=conflict-mine]").TextContent, StringComparison.Ordinal);
        Assert.Contains(SignOffData.Narrative, Find("[data-testid=conflict-current]").TextContent, StringComparison.Ordinal);
        Find("[data-testid=conflict-keep-mine]").Click();

        page.WaitForAssertion(() => Assert.Contains("changed by someone else", page.Find("[data-testid=sign-error]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains(mine, page.Find("textarea[data-testid=narrative]").GetAttribute("value") ?? page.Find("textarea[data-testid=narrative]").TextContent, StringComparison.Ordinal);
        Assert.Contains("promptly", page.Find("[data-testid=letter-rest]").TextContent, StringComparison.Ordinal);
        var appeal = await SignOffData.LoadAsync(App, id);
        Assert.Equal((AppealStatus.AwaitingSignOff, 4, null), (appeal.Status, appeal.Version, appeal.SignatureSha256));
    }

    private IReadOnlyList<AngleSharp.Dom.IElement> FindAll(string selector) => dialogs!.FindAll(selector);

    private AngleSharp.Dom.IElement Find(string selector) => FindAll(selector).First();
}
