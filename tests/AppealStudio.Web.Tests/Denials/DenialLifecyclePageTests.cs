using System.Text;
using AppealStudio.Data.Remittances;
using AppealStudio.Web.Features.Denials;
using AppealStudio.Web.Tests.Components;
using AppealStudio.Web.Tests.Lifecycle;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Denials;

/// <summary>The denial page's lifecycle panels as the specialist sees them: the ladder, the warnings, the priority in words, the recovery.</summary>
public class DenialLifecyclePageTests : ComponentTest
{
    private const string Specialist = "specialist@demo.local";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private async Task<long> ImportAsync(Remit835 remit, string pcn, string fileName)
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            using var stream = new MemoryStream(Encoding.ASCII.GetBytes(remit.ToString()));
            await scope.ServiceProvider.GetRequiredService<RemittanceImporter>().ImportAsync(fileName, stream);
        }

        return await App.WithDbAsync(db => db.Denials.Where(d => d.Claim.PatientControlNumber == pcn).OrderBy(d => d.Id).Select(d => d.Id).FirstAsync());
    }

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> Open(long id)
    {
        var page = RenderInApp<DenialPage>(new Dictionary<string, object?> { [nameof(DenialPage.Id)] = id });
        page.WaitForAssertion(() => page.Find("[data-testid=ladder]"), Wait);
        return page;
    }

    [Fact]
    public async Task Render_DeadlinePassed_ShowsTheWarningWithItsSource_TheExpiredLevel_AndTheZeroScoreExplained()
    {
        var pcn = Remit835.UniquePcn();
        var id = await ImportAsync(new Remit835("MEDICARE PART B JURISDICTION " + pcn, "", Today.AddDays(-200))
            .Add(new ClaimSpec(pcn, "1", "C" + pcn, new Line("72148", 640m, 0m, new Cas("CO", "50", 640m)))), pcn, pcn + ".835");
        SignIn(Specialist);

        var page = Open(id);

        var warning = page.Find("[data-testid=viability-panel]").TextContent;
        Assert.Contains("Appeal deadline passed", warning, StringComparison.Ordinal);
        Assert.Contains("Source: Payer windows", warning, StringComparison.Ordinal);
        var steps = page.FindAll("[data-testid=ladder-step]");
        Assert.Equal("expired", steps[0].GetAttribute("data-state"));
        Assert.Contains("Was due", steps[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Redetermination", steps[0].TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("deadline has passed", page.Find("[data-testid=priority-words]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=recovery]"));
    }

    [Fact]
    public async Task Render_LaterCheckWithoutAppeal_ShowsThePartialRecoveryLinkedToItsRemittance()
    {
        var payer = Remit835.UniquePayer();
        var pcn = Remit835.UniquePcn();
        var id = await ImportAsync(new Remit835(payer, "P1", Today.AddDays(-60)).Add(new ClaimSpec(pcn, "1", "ICN-" + pcn,
            new Line("29880", 612.40m, 0m, new Cas("CO", "97", 612.40m)) { Modifiers = ["XS", "LT"], Remarks = ["N19"] })), pcn, pcn + ".835");
        await ImportAsync(new Remit835(payer, "P1", Today.AddDays(-5))
            .Add(new ClaimSpec(pcn, "1", "ICN-" + pcn, new Line("29880", 0m, 300m) { Modifiers = ["XS", "LT"] })), pcn, pcn + "-later.835");
        var importId = await App.WithDbAsync(db => db.Denials.Where(d => d.Id == id).Select(d => d.RecoveredByImportId).SingleAsync());
        SignIn(Specialist);

        var page = Open(id);

        var recovery = page.Find("[data-testid=recovery]").TextContent;
        Assert.Contains("Partly recovered without an appeal", recovery, StringComparison.Ordinal);
        Assert.Contains("$300.00", recovery, StringComparison.Ordinal);
        Assert.Contains("$312.40 is still unpaid", recovery, StringComparison.Ordinal);
        Assert.Equal($"/imports/{importId}", page.Find("[data-testid=recovery-import]").GetAttribute("href"));
        // The timeline says so too.
        Assert.Contains("Recovered in part", page.Find("[data-testid=timeline]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_AssigningToAPerson_ShowsOnTheTimeline()
    {
        var pcn = Remit835.UniquePcn();
        var id = await ImportAsync(new Remit835("MEDICARE PART B JURISDICTION " + pcn, "", Today.AddDays(-20))
            .Add(new ClaimSpec(pcn, "1", "C" + pcn, new Line("72148", 640m, 0m, new Cas("CO", "50", 640m)))), pcn, pcn + ".835");
        // Owner-role members added by other tests may have taken it at import (round robin): start from nobody.
        await App.WithDbAsync(db => db.Denials.Where(d => d.Id == id).ExecuteUpdateAsync(s => s.SetProperty(d => d.AssigneeUserId, (string?)null)));
        SignIn(Specialist);
        var page = Open(id);

        page.Find("[data-testid=assign-open]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=assign-me]"), Wait);
        page.Find("[data-testid=assign-me]").Click();

        page.WaitForAssertion(() => Assert.Equal("Sam Specialist", page.Find("[data-testid=assignee]").TextContent.Trim()), Wait);
        Assert.NotEmpty(page.FindAll("[data-testid=timeline] [data-event-type=assign]"));
        Assert.True(await App.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action.Contains("assign") && e.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }
}
