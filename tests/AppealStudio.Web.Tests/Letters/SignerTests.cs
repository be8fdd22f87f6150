using AppealStudio.Data.Appeals;
using AppealStudio.Web.Features.Appeals;
using AppealStudio.Web.Features.SignOff;
using AppealStudio.Web.Tests.Appeals;
using AppealStudio.Web.Tests.Components;
using AppealStudio.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using static AppealStudio.Web.Tests.Letters.LetterTestSetup;

namespace AppealStudio.Web.Tests.Letters;

/// <summary>
/// The signer rule in the interactive app: sign-off defaults to the physician the provider directory links to the
/// rendering provider; another signer shows the service's warnings, which the specialist must acknowledge; that
/// physician confirms signing on the rendering provider's behalf.
/// </summary>
public class SignerTests : ComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> Workspace(long denialId)
    {
        var page = RenderInApp<AppealWorkspacePage>(new Dictionary<string, object?> { [nameof(AppealWorkspacePage.Id)] = denialId });
        page.WaitForAssertion(() => page.Find("[data-testid=signoff-panel]"), Wait);
        return page;
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Workspace_DefaultSigner_IsThePhysicianLinkedToTheRenderingProvider_AndWarningsNeedASpecialist(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var (denialId, appealId) = await StartedLetterAsync(factory);
        var dana = await UserIdAsync(factory, "physician@demo.local");
        var omar = await OtherPhysicianAsync(factory);

        var model = await ActingAs.RunAsync<AppealWorkspace, WorkspaceModel?>(factory, Specialist, w => w.LoadAsync(denialId));

        Assert.Equal(dana, model!.DefaultPhysicianId);
        Assert.Empty(await ActingAs.RunAsync<RequestSignOff, IReadOnlyList<string>>(factory, Specialist, w => w.SignerWarningsAsync(appealId, dana)));
        Assert.Contains(await ActingAs.RunAsync<RequestSignOff, IReadOnlyList<string>>(factory, Specialist, w => w.SignerWarningsAsync(appealId, omar)),
            w => w.Contains("is not the rendering provider", StringComparison.Ordinal));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            ActingAs.RunAsync<RequestSignOff, IReadOnlyList<string>>(factory, "physician@demo.local", w => w.SignerWarningsAsync(appealId, omar)));
    }

    [Fact]
    public async Task SignOffPanel_RenderingProvidersPhysician_IsChosenWithNoWarnings()
    {
        var (denialId, _) = await StartedLetterAsync(App);
        SignIn(Specialist);

        var page = Workspace(denialId);

        Assert.Contains("Dana Reyes, MD", page.Find("[data-testid=physician]").InnerHtml, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=signer-warnings]"));
        Assert.Empty(page.FindAll("[data-testid=no-default-signer]"));
    }

    [Fact]
    public async Task SignOffPanel_AnotherPhysician_ShowsWarnings_RefusesWithoutAcknowledgment_SendsOnceAcknowledged()
    {
        var (denialId, appealId) = await StartedLetterAsync(App);
        var omar = await OtherPhysicianAsync(App);
        SignIn(Specialist);
        var page = Workspace(denialId);
        var select = page.FindComponent<MudSelect<string>>();

        await select.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(omar));

        page.WaitForAssertion(() => Assert.Contains("is not the rendering provider", page.Find("[data-testid=signer-warnings]").TextContent, StringComparison.Ordinal), Wait);
        page.Find("[data-testid=request-signoff]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=signer-ack-error]"), Wait);
        Assert.Equal(AppealStatus.Draft, (await AppealTestData.AppealAsync(App, appealId)).Status);

        page.Find("input[data-testid=signer-ack]").Change(true);
        page.Find("[data-testid=request-signoff]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=signoff-waiting]"), Wait);
        var appeal = await AppealTestData.AppealAsync(App, appealId);
        Assert.Equal((AppealStatus.AwaitingSignOff, omar), (appeal.Status, appeal.SignOffRequestedToUserId));
        var audit = await App.WithDbAsync(d => d.AuditEvents.Where(e => e.Action == "appeal.signoff-requested" && e.EntityId == appealId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(e => e.Details).SingleAsync());
        Assert.Contains("warnings-acknowledged=", audit, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Sign_ForAnotherProvider_NeedsTheOnBehalfConfirmation_BeforeThePasswordIsChecked(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var (_, appealId) = await StartedLetterAsync(factory);
        var omar = await OtherPhysicianAsync(factory);
        var version = (await AppealTestData.AppealAsync(factory, appealId)).Version;
        Assert.True((await ActingAs.RunAsync<RequestSignOff, AppealResult>(factory, Specialist,
            w => w.RequestSignOffAsync(appealId, omar, version, acknowledgeWarnings: true))).Succeeded);

        var review = await ActingAs.RunAsync<SignOffService, SignOffLetter?>(factory, OtherPhysicianEmail, s => s.ReviewAsync(appealId));
        Assert.Equal("Dana Reyes, MD", review!.OnBehalfOf);
        var unconfirmed = await ActingAs.RunAsync<SignOffService, SignOffResult>(factory, OtherPhysicianEmail,
            s => s.SignAsync(new SignatureInput(appealId, review.Version, null, true, "Omar Haddad, MD", "a wrong password")));

        Assert.Contains("on behalf of Dana Reyes, MD", unconfirmed.ErrorFor(SignOffService.OnBehalfField), StringComparison.Ordinal);
        // Refused before the password: no failed attempt counted, nothing signed.
        Assert.Null(unconfirmed.ErrorFor(SignOffService.PasswordField));
        Assert.Equal(0, await factory.WithDbAsync(d => d.AuditEvents.CountAsync(e => e.Action == "appeal.sign-failed" && e.EntityId == appealId.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(AppealStatus.AwaitingSignOff, (await AppealTestData.AppealAsync(factory, appealId)).Status);

        var signed = await ActingAs.RunAsync<SignOffService, SignOffResult>(factory, OtherPhysicianEmail,
            s => s.SignAsync(new SignatureInput(appealId, review.Version, null, true, "Omar Haddad, MD", OtherPhysicianPassword, review.UncitedStatements, ConfirmedOnBehalf: true)));

        Assert.True(signed.Succeeded, signed.Message + string.Join(" ", signed.FieldErrors?.Values ?? []));
        var appeal = await AppealTestData.AppealAsync(factory, appealId);
        Assert.Contains("On behalf of Dana Reyes, MD", appeal.SignedMarkdown, StringComparison.Ordinal);
        Assert.Contains("on-behalf=yes", await factory.WithDbAsync(d => d.AuditEvents.Where(e => e.Action == "appeal.sign" && e.EntityId == appealId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(e => e.Details).SingleAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOffReview_SignerIsNotTheRenderingProvider_ShowsTheConfirmationAndItsErrorAtTheField()
    {
        var (_, appealId) = await StartedLetterAsync(App);
        var omar = await OtherPhysicianAsync(App);
        var version = (await AppealTestData.AppealAsync(App, appealId)).Version;
        Assert.True((await ActingAs.RunAsync<RequestSignOff, AppealResult>(App, Specialist,
            w => w.RequestSignOffAsync(appealId, omar, version, acknowledgeWarnings: true))).Succeeded);
        SignIn(OtherPhysicianEmail);

        var page = RenderInApp<SignOffReview>(new Dictionary<string, object?> { [nameof(SignOffReview.Id)] = appealId });
        page.WaitForAssertion(() => page.Find("[data-testid=on-behalf]"), Wait);
        Assert.Contains("on behalf of Dana Reyes, MD", page.Find("[data-testid=on-behalf]").TextContent, StringComparison.Ordinal);

        page.Find("[data-testid=sign-submit]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=on-behalf-error]"), Wait);
        Assert.Equal(AppealStatus.AwaitingSignOff, (await AppealTestData.AppealAsync(App, appealId)).Status);
    }
}
