using System.Text;
using AppealStudio.Core;
using AppealStudio.Core.Denials;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Remittances;
using AppealStudio.Data.Viability;
using AppealStudio.Web.Features.Appeals;
using AppealStudio.Web.Tests.Components;
using AppealStudio.Web.Tests.Infrastructure;
using AppealStudio.Web.Tests.Lifecycle;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AppealStudio.Web.Tests.Appeals;

/// <summary>
/// Starting a letter in the workspace goes through <see cref="AppealStart"/>: viability warnings are acknowledged
/// (ticked, with a note) before the letter starts; after an upheld decision the next level is offered; the decision
/// dialog asks before recording a decision dated the day the appeal was sent and shows a date before it at the field.
/// </summary>
public class AppealStartRenderTests : ComponentTest
{
    private const string Specialist = "specialist@demo.local";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private async Task<long> ImportAsync(Remit835 remit, string pcn)
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            using var stream = new MemoryStream(Encoding.ASCII.GetBytes(remit.ToString()));
            await scope.ServiceProvider.GetRequiredService<RemittanceImporter>().ImportAsync(pcn + ".835", stream);
        }

        return await App.WithDbAsync(db => db.Denials.Where(d => d.Claim.PatientControlNumber == pcn && d.Amount > 0).OrderBy(d => d.Id).Select(d => d.Id).FirstAsync());
    }

    /// <summary>29877-59 bundled into 29881 on the same knee: included by definition, so a column-1 warning.</summary>
    private Task<long> WarnedDenialAsync()
    {
        var pcn = Remit835.UniquePcn();
        return ImportAsync(new Remit835(Remit835.UniquePayer(), "U4", Today.AddDays(-10)).Add(new ClaimSpec(pcn, "1", "C" + pcn,
            new Line("29881", 2850m, 1420m, new Cas("CO", "45", 1430m)) { Modifiers = ["RT"] },
            new Line("29877", 900m, 0m, new Cas("CO", "97", 900m)) { Modifiers = ["59", "RT"], Remarks = ["N19"] })), pcn);
    }

    private Task<long> MedicareDenialAsync(int daysAgo = 20)
    {
        var pcn = Remit835.UniquePcn();
        return ImportAsync(new Remit835("MEDICARE PART B JURISDICTION " + pcn, "", Today.AddDays(-daysAgo))
            .Add(new ClaimSpec(pcn, "1", "C" + pcn, new Line("72148", 640m, 0m, new Cas("CO", "50", 640m)))), pcn);
    }

    private Task SetAsync(long appealId, AppealStatus status, DateOnly sent, string? decision = null, DateOnly? decided = null) =>
        App.WithDbAsync(async db =>
        {
            var appeal = await db.Appeals.Include(a => a.Denial).SingleAsync(a => a.Id == appealId);
            (appeal.Status, appeal.Level, appeal.Method, appeal.SubmittedOn, appeal.Decision, appeal.DecidedOn, appeal.AmountRecovered) =
                (status, "first-level", "mail", sent, decision, decided, decision is null ? null : 0m);
            appeal.Denial.Status = decision is null ? DenialStatus.Submitted : DenialStatus.Decided;
            return await db.SaveChangesAsync();
        });

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> Open(long denialId, string ready)
    {
        var page = RenderInApp<AppealWorkspacePage>(new Dictionary<string, object?> { [nameof(AppealWorkspacePage.Id)] = denialId });
        page.WaitForAssertion(() => page.Find(ready), Wait);
        return page;
    }

    [Fact]
    public async Task Start_WithAWarning_ShowsItsRuleAndSource_AndStartsOnlyOnceTickedWithTheNoteRecorded()
    {
        // Remitted 200 days ago: Medicare's 120-day first level has passed, so a deadline-passed warning.
        var denialId = await MedicareDenialAsync(daysAgo: 200);
        SignIn(Specialist);
        var page = Open(denialId, "[data-testid=viability-warning]");

        var warning = page.Find("[data-testid=viability-warning]").TextContent;
        Assert.Contains("Appeal deadline passed", warning, StringComparison.Ordinal);
        Assert.Contains("Source: Payer windows", warning, StringComparison.Ordinal);
        Assert.True(page.Find("[data-testid=start-letter]").HasAttribute("disabled"));
        Assert.NotNull(page.Find("[data-testid=ack-needed]"));

        page.Find($"input[data-testid=ack-{ViabilityChecker.DeadlinePassed}]").Change(true);
        page.Find("textarea[data-testid=ack-note]").Change("Good cause: the notice went to the old address.");
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=start-letter]").HasAttribute("disabled")), Wait);
        page.Find("[data-testid=start-letter]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=letter-panel]"), Wait);
        var appeal = await App.WithDbAsync(db => db.Appeals.SingleAsync(a => a.DenialId == denialId));
        var ack = await App.WithDbAsync(db => db.ViabilityAcknowledgments.SingleAsync(a => a.DenialId == denialId));
        Assert.Equal((ViabilityChecker.DeadlinePassed, appeal.Id, "Good cause: the notice went to the old address."), (ack.Codes, ack.AppealId!.Value, ack.Note!));
        Assert.True(await App.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "viability.acknowledge" && e.EntityId == denialId.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task Start_WarningAppearsAfterTheFormLoaded_IsShownAndNothingStarts()
    {
        // The form loaded with no warning; an acknowledgment-free start with a code now unacknowledged is refused.
        var denialId = await WarnedDenialAsync();
        SignIn(Specialist);
        var refused = await ActingAs.RunAsync<AppealStart, AppealStartResult>(App, Specialist,
            s => s.StartAsync(denialId, "ortho-modifier-59", LetterStartDetails.None, false, [], null));

        Assert.True(refused.NeedsAcknowledgment);
        Assert.Null(refused.Appeal);
        Assert.False(await App.WithDbAsync(db => db.Appeals.AnyAsync(a => a.DenialId == denialId)));
    }

    [Fact]
    public async Task Start_RecordDoesNotSupportTheCode_ShowsTheRefusalAndStartsNothing()
    {
        // No chart note: the ortho letter would defend a modifier the record does not support.
        var denialId = await AppealTestData.ImportDenialAsync(App);
        SignIn(Specialist);
        var page = Open(denialId, "[data-testid=start-form]");

        page.Find("[data-testid=start-letter]").Click();

        page.WaitForAssertion(() => Assert.Contains("does not support the code as billed", page.Find("[data-testid=start-error-viability]").TextContent, StringComparison.Ordinal), Wait);
        Assert.False(await App.WithDbAsync(db => db.Appeals.AnyAsync(a => a.DenialId == denialId)));
    }

    [Fact]
    public async Task Workspace_AfterAnUpheldDecision_OffersTheNextLevelWithItsDeadline_AndStartsItsOwnLinkedLetter()
    {
        var denialId = await MedicareDenialAsync();
        var first = await ActingAs.RunAsync<StartAppeal, AppealResult>(App, Specialist,
            w => w.StartAsync(denialId, "medical-necessity", LetterStartDetails.None, false));
        Assert.True(first.Succeeded, first.Message);
        var decided = Today.AddDays(-2);
        await SetAsync(first.AppealId, AppealStatus.Decided, Today.AddDays(-10), AppealDecisions.Upheld, decided);
        SignIn(Specialist);

        var page = Open(denialId, "[data-testid=next-level-offer]");

        var offer = page.Find("[data-testid=next-level-offer]").TextContent;
        Assert.Contains("reconsideration (QIC)", offer, StringComparison.Ordinal);
        Assert.Contains(Display.Date(decided.AddDays(5 + 180)), offer, StringComparison.Ordinal);
        page.Find("[data-testid=next-level-form] [data-testid=start-letter]").Click();

        page.WaitForAssertion(async () =>
        {
            var second = await App.WithDbAsync(db => db.Appeals.AsNoTracking().SingleAsync(a => a.DenialId == denialId && a.Sequence == 2));
            Assert.Equal((first.AppealId, "second-level"), (second.PreviousAppealId!.Value, second.Level!));
        }, Wait);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=next-level-form]")), Wait);
    }

    [Fact]
    public async Task Workspace_WonInFull_OffersNoNextLevel()
    {
        var denialId = await MedicareDenialAsync();
        var first = await ActingAs.RunAsync<StartAppeal, AppealResult>(App, Specialist,
            w => w.StartAsync(denialId, "medical-necessity", LetterStartDetails.None, false));
        await SetAsync(first.AppealId, AppealStatus.Decided, Today.AddDays(-10), AppealDecisions.Overturned, Today.AddDays(-2));
        SignIn(Specialist);

        var page = Open(denialId, "[data-testid=letter-panel]");

        Assert.Empty(page.FindAll("[data-testid=next-level-form]"));
    }

    private async Task<(IRenderedComponent<Bunit.Rendering.ContainerFragment> Host, long AppealId)> DecisionDialogAsync(DateOnly sent)
    {
        var denialId = await MedicareDenialAsync();
        var started = await ActingAs.RunAsync<StartAppeal, AppealResult>(App, Specialist,
            w => w.StartAsync(denialId, "medical-necessity", LetterStartDetails.None, false));
        await SetAsync(started.AppealId, AppealStatus.Submitted, sent);
        var appeal = await AppealTestData.AppealAsync(App, started.AppealId);
        SignIn(Specialist);
        var host = RenderInApp<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await host.InvokeAsync(() => dialogs.ShowAsync<DecisionDialog>("Record the payer's decision", new DialogParameters<DecisionDialog>
        {
            { x => x.Appeal, appeal },
            { x => x.Today, Today },
            { x => x.DeniedAmount, 640m },
        }));
        host.WaitForAssertion(() => host.Find("[data-testid=decision-dialog]"), Wait);
        return (host, started.AppealId);
    }

    /// <summary>The text of a field's control: its label, value and the error under it.</summary>
    private static string FieldText(IRenderedComponent<Bunit.Rendering.ContainerFragment> host, string testId) =>
        host.Find($"[data-testid={testId}]").Closest(".mud-input-control:not(.mud-input-control-boolean-input)")?.TextContent ?? "";

    private static void Fill(IRenderedComponent<Bunit.Rendering.ContainerFragment> host, DateOnly date)
    {
        host.Find("input[data-testid=decided-on]").Change(Display.Date(date));
    }

    [Fact]
    public async Task DecisionDialog_DatedTheDayItWasSent_AsksForConfirmation_ThenRecords()
    {
        var sent = Today.AddDays(-3);
        var (host, appealId) = await DecisionDialogAsync(sent);
        await host.InvokeAsync(() => host.FindComponent<MudSelect<string>>().Instance.ValueChanged.InvokeAsync(AppealDecisions.Upheld));
        Fill(host, sent);

        host.WaitForAssertion(() => host.Find("[data-testid=confirm-same-day]"), Wait);
        host.Find("[data-testid=record-decision]").Click();
        host.WaitForAssertion(() => Assert.Contains("dated the day the appeal was sent", FieldText(host, "decided-on"), StringComparison.Ordinal), Wait);
        Assert.Equal(AppealStatus.Submitted, (await AppealTestData.AppealAsync(App, appealId)).Status);

        host.Find("input[data-testid=confirm-same-day]").Change(true);
        host.Find("[data-testid=record-decision]").Click();

        host.WaitForAssertion(async () =>
        {
            var appeal = await AppealTestData.AppealAsync(App, appealId);
            Assert.Equal((AppealStatus.Decided, sent), (appeal.Status, appeal.DecidedOn!.Value));
        }, Wait);
    }

    [Fact]
    public async Task DecisionDialog_DatedBeforeTheSubmission_ShowsTheRefusalAtTheDateField()
    {
        var sent = Today.AddDays(-3);
        var (host, appealId) = await DecisionDialogAsync(sent);
        await host.InvokeAsync(() => host.FindComponent<MudSelect<string>>().Instance.ValueChanged.InvokeAsync(AppealDecisions.Upheld));
        Fill(host, sent.AddDays(-1));

        host.Find("[data-testid=record-decision]").Click();

        host.WaitForAssertion(() => Assert.Contains("cannot be before the submission", FieldText(host, "decided-on"), StringComparison.Ordinal), Wait);
        Assert.Empty(host.FindAll("[data-testid=confirm-same-day]"));
        Assert.Equal(AppealStatus.Submitted, (await AppealTestData.AppealAsync(App, appealId)).Status);
    }
}
