using AppealStudio.Data.Assignment;
using AppealStudio.Web.Features.Settings.Owners;
using AppealStudio.Web.Features.Settings.Scheduler;
using AppealStudio.Web.Tests.Components;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Web.Tests.Settings;

/// <summary>Settings &gt; Owner roles and Settings &gt; Scheduler as Admins and Managers see them.</summary>
public class LifecycleSettingsPageTests : ComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Owners_AdminAddsAPerson_ToARole_AndItIsSavedAndAudited()
    {
        SignIn("admin@demo.local");
        var specialistId = await App.WithDbAsync(db => db.Users.Where(u => u.Email == "specialist@demo.local").Select(u => u.Id).SingleAsync());
        await App.WithDbAsync(db => db.Set<OwnerRoleMember>().Where(m => m.OwnerRole == "coder" && m.UserId == specialistId).ExecuteDeleteAsync());
        var page = RenderInApp<OwnersPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=owner-role][data-role=coder]"), Wait);
        var coder = page.Find("[data-testid=owner-role][data-role=coder]");
        Assert.False(page.Find("input[data-testid=mode-round-robin]").HasAttribute("disabled"));

        // One "Add a person" select per role card, in the cards' order.
        var index = page.FindAll("[data-testid=owner-role]").Select(e => e.GetAttribute("data-role")).ToList().IndexOf("coder");
        var select = page.FindComponents<MudBlazor.MudSelect<string>>()[index];
        await select.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(specialistId));
        page.Find("[data-testid=owner-role][data-role=coder] [data-testid=add-member]").Click();

        page.WaitForAssertion(() => Assert.Contains("Sam Specialist", page.Find("[data-testid=owner-role][data-role=coder]").TextContent, StringComparison.Ordinal), Wait);
        Assert.True(await App.WithDbAsync(db => db.Set<OwnerRoleMember>().AnyAsync(m => m.OwnerRole == "coder" && m.UserId == specialistId)));
        Assert.NotNull(coder);
        Assert.True(await App.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "owner.member-added")));
    }

    [Fact]
    public void Owners_Manager_SeesTheRolesButCannotChangeTheMode()
    {
        SignIn("manager@demo.local");

        var page = RenderInApp<OwnersPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=owner-role]")), Wait);
        Assert.True(page.Find("input[data-testid=mode-off]").HasAttribute("disabled"));
        Assert.Contains("Only an admin", page.Find("[data-testid=assignment-mode]").TextContent, StringComparison.Ordinal);
        // No "Settings" breadcrumb: a Manager cannot open that page.
        Assert.DoesNotContain(page.FindAll(".mud-breadcrumbs a"), a => a.GetAttribute("href") == "/settings");
    }

    [Fact]
    public void Scheduler_Manager_SeesEachDailyJob_WithoutRunNow()
    {
        SignIn("manager@demo.local");

        var page = RenderInApp<SchedulerPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=job]")), Wait);
        Assert.Empty(page.FindAll("[data-testid=run-now]"));
        Assert.DoesNotContain(page.FindAll(".mud-breadcrumbs a"), a => a.GetAttribute("href") == "/settings");
    }

    [Fact]
    public void Scheduler_AdminRunsAJobNow_AndItsRunIsListed()
    {
        SignIn("admin@demo.local");
        var page = RenderInApp<SchedulerPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=run-now]")), Wait);
        Assert.Contains(page.FindAll(".mud-breadcrumbs a"), a => a.GetAttribute("href") == "/settings");
        var job = page.Find("[data-testid=job]").GetAttribute("data-job");

        page.Find($"[data-testid=job][data-job={job}] [data-testid=run-now]").Click();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll($"[data-testid=job][data-job={job}] [data-testid=job-run]")), Wait);
    }
}
