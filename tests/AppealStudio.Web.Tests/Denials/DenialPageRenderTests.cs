using AppealStudio.Core;
using AppealStudio.Data.Denials;
using AppealStudio.Web.Features.Denials;
using AppealStudio.Web.Tests.Components;
using Bunit;

namespace AppealStudio.Web.Tests.Denials;

/// <summary>The denial page as the specialist sees it (bunit over the real app): words not codes, and the actions.</summary>
public class DenialPageRenderTests : ComponentTest
{
    private const string Specialist = "specialist@demo.local";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> Open(long id)
    {
        var page = RenderInApp<DenialPage>(new Dictionary<string, object?> { [nameof(DenialPage.Id)] = id });
        page.WaitForAssertion(() => page.Find("[data-testid=denial-reason]"), Wait);
        return page;
    }

    private static string Text(IRenderedComponent<Bunit.Rendering.ContainerFragment> page, string testId) =>
        page.Find($"[data-testid={testId}]").TextContent.Trim();

    [Fact]
    public async Task Render_ShowsCodesAndFactsInWords_NeverRuleNamesOrQualifiers()
    {
        var seed = new DenialBuilder(App);
        var denial = await seed.AddAsync(
            d => { d.ReasonCode = "97"; d.RemarkCodes = "N19,M80"; d.Scenario = "modifier-59"; d.DeadlineIsDefault = true; d.Amount = 1234.5m; },
            c => { c.PatientLastName = "Rivera"; c.PatientFirstName = "Ana"; c.PatientMemberId = "XYZ123456"; },
            l => { l.ProcedureCode = "29881"; l.ProcedureQualifier = "HC"; l.Modifiers = "59,LT"; l.Units = 2m; l.SubmittedProcedureCode = "29880"; });
        SignIn(Specialist);

        var page = Open(denial.Id);

        Assert.StartsWith("CO-97: Benefit included", Text(page, "carc-text"), StringComparison.Ordinal);
        Assert.StartsWith("Contractual Obligations (CO)", Text(page, "group-text"), StringComparison.Ordinal);
        Assert.Equal(2, page.FindAll("[data-testid=rarc-text]").Count);
        Assert.StartsWith("N19: Procedure code incidental", page.FindAll("[data-testid=rarc-text]")[0].TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("Rivera, Ana", Text(page, "patient-name"));
        Assert.Contains("29881", Text(page, "procedure"), StringComparison.Ordinal);
        Assert.DoesNotContain("HC:", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Knee arthroscopy", Text(page, "procedure"), StringComparison.Ordinal);
        Assert.Contains("Distinct procedural service", Text(page, "modifiers"), StringComparison.Ordinal);
        Assert.Contains("Billed 29880", Text(page, "submitted-code"), StringComparison.Ordinal);
        Assert.Contains("paid as 29881-59-LT", Text(page, "submitted-code"), StringComparison.Ordinal);
        Assert.Equal("Medical necessity", Text(page, "cls-root"));
        Assert.Equal("Modifier 59", Text(page, "cls-scenario"));
        Assert.Equal("$1,234.50", Text(page, "denial-amount"));
        Assert.Contains("60 days left", Text(page, "days-left"), StringComparison.Ordinal);
        Assert.Contains(Display.Date(DenialBuilder.Today.AddDays(60)), Text(page, "days-left"), StringComparison.Ordinal);
        Assert.NotNull(page.Find("[data-testid=default-deadline]"));
        Assert.Equal("45%", Text(page, "probability"));
        Assert.DoesNotContain("CARC-50", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("medical-necessity", page.Markup, StringComparison.Ordinal);
        // Only the moves the workflow allows from New are offered.
        var moves = page.FindAll("[data-testid^=move-]").Select(b => b.GetAttribute("data-testid")).ToList();
        Assert.Equal(DenialWorkflow.NextStatuses(DenialStatus.New).Select(s => "move-" + s), moves);
    }

    [Fact]
    public async Task PrimaryAction_WithoutAnAppeal_StartsTheLetter()
    {
        var seed = new DenialBuilder(App);
        var fresh = await seed.AddAsync();
        var written = await seed.AddAsync(d => d.Status = DenialStatus.WrittenOff);
        SignIn(Specialist);

        var page = Open(fresh.Id);
        page.WaitForAssertion(() => Assert.Equal("Start appeal letter", Text(page, "start-appeal")), Wait);
        Assert.Empty(page.FindAll("[data-testid=open-appeal]"));
        page.Find("[data-testid=start-appeal]").Click();
        Assert.EndsWith($"/denials/{fresh.Id}/appeal", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrimaryAction_WithAnAppeal_OpensIt()
    {
        var seed = new DenialBuilder(App);
        var denial = await seed.AddAsync(d => d.Status = DenialStatus.InProgress);
        await App.WithDbAsync(async d =>
        {
            d.Appeals.Add(new AppealStudio.Data.Appeals.Appeal
            {
                DenialId = denial.Id, TemplateId = "medical-necessity", TemplateVersion = 1, Status = AppealStudio.Data.Appeals.AppealStatus.Draft,
                Markdown = "letter", Version = 1, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            });
            return await d.SaveChangesAsync();
        });
        SignIn(Specialist);

        var page = Open(denial.Id);

        Assert.Equal($"/denials/{denial.Id}/appeal", page.Find("[data-testid=open-appeal]").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=start-appeal]"));
    }

    [Fact]
    public async Task PrimaryAction_OnAWrittenOffDenialWithoutAnAppeal_OffersNothingToStart()
    {
        var seed = new DenialBuilder(App);
        var written = await seed.AddAsync(d => d.Status = DenialStatus.WrittenOff);
        SignIn(Specialist);

        var closed = Open(written.Id);

        Assert.Empty(closed.FindAll("[data-testid=start-appeal]"));
        Assert.Empty(closed.FindAll("[data-testid=open-appeal]"));
    }

    [Fact]
    public async Task StartLetter_PastTheDeadline_WarnsBeforeStarting()
    {
        var seed = new DenialBuilder(App);
        var late = await seed.AddAsync(d => d.AppealDeadline = DenialBuilder.Today.AddDays(-2));
        SignIn(Specialist);
        var page = Open(late.Id);
        var before = Navigation.Uri;

        page.Find("[data-testid=start-appeal]").Click();

        page.WaitForAssertion(() => Assert.Contains("The appeal deadline has passed", page.Markup, StringComparison.Ordinal), Wait);
        Assert.Equal(before, Navigation.Uri);
        page.FindAll("button").First(b => b.TextContent.Trim() == "Cancel").Click();
        Assert.Equal(before, Navigation.Uri);
    }

    [Fact]
    public async Task WriteOff_AsksForAReason_ThenMovesAndShowsItOnTheTimeline()
    {
        var seed = new DenialBuilder(App);
        var denial = await seed.AddAsync();
        SignIn(Specialist);
        var page = Open(denial.Id);

        page.Find("[data-testid=move-WrittenOff]").Click();
        page.WaitForAssertion(() => page.Find("textarea[data-testid=reason]"), Wait);
        page.Find("textarea[data-testid=reason]").Change("Below the cost of appealing");
        page.Find("[data-testid=reason-confirm]").Click();

        page.WaitForAssertion(() => Assert.Contains("Written off", Text(page, "status-card"), StringComparison.Ordinal), Wait);
        Assert.Equal(DenialStatus.WrittenOff, (await seed.ReloadAsync(denial.Id)).Status);
        // The timeline comes with the page's reload, whose view record is committed through the audit queue first.
        page.WaitForAssertion(() => Assert.Contains("Below the cost of appealing", Text(page, "events"), StringComparison.Ordinal), Wait);
        Assert.Contains("New to Written off", Text(page, "events"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Note_Empty_IsRefusedAtTheField_ThenAddedToTheTimeline()
    {
        var seed = new DenialBuilder(App);
        var denial = await seed.AddAsync();
        SignIn(Specialist);
        var page = Open(denial.Id);

        page.Find("[data-testid=note-submit]").Click();
        page.WaitForAssertion(() => Assert.Contains("Write the note first.", page.Markup, StringComparison.Ordinal), Wait);

        page.Find("textarea[data-testid=note-text]").Change("Called the payer, ref 4411.");
        page.Find("[data-testid=note-submit]").Click();

        page.WaitForAssertion(() => Assert.Contains("Called the payer, ref 4411.", Text(page, "events"), StringComparison.Ordinal), Wait);
        Assert.Equal("note", Assert.Single(await seed.EventsAsync(denial.Id)).Type);
    }

    [Fact]
    public async Task Override_InADialog_NeedsAReasonAndRecomputes()
    {
        var seed = new DenialBuilder(App);
        var denial = await seed.AddAsync(d => d.Amount = 400m);
        SignIn(Specialist);
        var page = Open(denial.Id);

        page.Find("[data-testid=override-open]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=override-submit]"), Wait);
        page.Find("[data-testid=override-submit]").Click();
        Assert.Contains("Enter the reason for the change.", page.Markup, StringComparison.Ordinal);

        page.Find("textarea[data-testid=ov-reason]").Change("Payer policy says so");
        page.Find("[data-testid=ov-root]").Closest("div.mud-input-control")!.MouseDown();
        page.WaitForAssertion(() => page.FindAll(".mud-list-item").First(i => i.TextContent.Trim() == "Coding").Click(), Wait);
        page.Find("[data-testid=override-submit]").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=override-note]")), Wait);
        var changed = await seed.ReloadAsync(denial.Id);
        Assert.Equal(("Payer policy says so", "coding"), (changed.OverrideReason, changed.RootCause));
        Assert.Equal("Coding", Text(page, "cls-root"));
    }

    [Fact]
    public async Task AssignDialog_AssignToMe_ShowsTheNameAndTheHistory_AndHidesTheButton()
    {
        var seed = new DenialBuilder(App);
        var denial = await seed.AddAsync();
        SignIn(Specialist);
        var page = Open(denial.Id);

        page.Find("[data-testid=assign-open]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=assign-me]"), Wait);
        page.Find("[data-testid=assign-me]").Click();

        page.WaitForAssertion(() => Assert.Equal("Sam Specialist", Text(page, "assignee")), Wait);
        Assert.Empty(page.FindAll("[data-testid=assign-dialog]"));
        // Opened again, the dialog shows the assignment in its history and no "Assign to me" for the assignee.
        page.Find("[data-testid=assign-open]").Click();
        page.WaitForAssertion(() => Assert.Contains("Sam Specialist", Text(page, "assign-current"), StringComparison.Ordinal), Wait);
        Assert.NotEmpty(page.FindAll("[data-testid=assign-history-entry]"));
        Assert.Empty(page.FindAll("[data-testid=assign-me]"));
    }

    [Fact]
    public void Render_UnknownDenial_SaysNotFound()
    {
        SignIn(Specialist);

        var page = RenderInApp<DenialPage>(new Dictionary<string, object?> { [nameof(DenialPage.Id)] = 987654321L });

        page.WaitForAssertion(() => Assert.Contains("No such denial", page.Markup, StringComparison.Ordinal), Wait);
    }
}
