using AppealStudio.Data.BreakGlass;
using AppealStudio.Data.Identity;
using AppealStudio.Web.Components.Layout;
using AppealStudio.Web.Features.Settings.Users;
using AppealStudio.Web.Tests.Components;
using AppealStudio.Web.Tests.Settings;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Web.Tests.BreakGlass;

/// <summary>What the Admin and the holder see of emergency access: the grant dialog on Settings &gt; Users, and the banner.</summary>
public class BreakGlassComponentTests : ComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private async Task<(string Id, string Email, string Name)> NewSpecialistAsync()
    {
        var email = $"bgui-{Guid.NewGuid():N}@practice.test";
        var name = "Robin " + Guid.NewGuid().ToString("N")[..6];
        var created = await Acting.RunAsync<UserAdministration, AdminResult>(App, Acting.Admin,
            a => a.CreateAsync(email, name, null, [Roles.Specialist], "Fresh!Passw0rd42"));
        return (created.UserId!, email, name);
    }

    [Fact]
    public async Task GrantDialog_ReasonMissingThenGiven_RefusesAtTheFieldThenGrantsAndListsIt()
    {
        var (userId, _, name) = await NewSpecialistAsync();
        SignIn(Acting.Admin);
        var page = RenderInApp<UsersPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=grant-break-glass]")), Wait);

        page.Find($"[aria-label='Grant {name} emergency access']").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=break-glass-dialog]")), Wait);
        page.Find("[data-testid=break-glass-grant]").Click();

        page.WaitForAssertion(() => Assert.Contains("Enter the reason for emergency access.", page.Markup, StringComparison.Ordinal), Wait);
        Assert.Equal(0, await App.WithDbAsync(d => d.BreakGlassGrants.CountAsync(g => g.UserId == userId)));

        page.Find("textarea[data-testid=break-glass-reason]").Input("Covering for the on-call physician");
        page.Find("[data-testid=break-glass-grant]").Click();

        await EventuallyAsync(async () => Assert.Equal(1, await App.WithDbAsync(d => d.BreakGlassGrants.CountAsync(g => g.UserId == userId && g.EndedAt == null))), Wait);
        var grant = await App.WithDbAsync(d => d.BreakGlassGrants.AsNoTracking().SingleAsync(g => g.UserId == userId));
        // The dialog's defaults: the first role the user lacks, for an hour.
        Assert.Equal((Roles.Physician, 60.0), (grant.Role, (grant.ExpiresAt - grant.GrantedAt).TotalMinutes));
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=open-grant]"), g => g.TextContent.Contains("Physician until", StringComparison.Ordinal)), Wait);
        Assert.Empty(page.FindAll("[data-testid=break-glass-dialog]"));
    }

    [Fact]
    public async Task UsersPage_OwnRow_OffersNoEmergencyAccessToOneself()
    {
        SignIn(Acting.Admin);
        var page = RenderInApp<UsersPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=grant-break-glass]")), Wait);

        var adminName = await App.WithDbAsync(d => d.Users.Where(u => u.Email == Acting.Admin).Select(u => u.DisplayName).SingleAsync());
        Assert.Empty(page.FindAll($"[aria-label='Grant {adminName} emergency access']"));
    }

    [Fact]
    public async Task Banner_HolderWithAGrant_ShowsRoleAndEndNowEndsIt()
    {
        var (userId, email, _) = await NewSpecialistAsync();
        var grant = await Acting.RunAsync<GrantBreakGlass, BreakGlassResult>(App, Acting.Admin,
            g => g.GrantAsync(new BreakGlassRequest(userId, Roles.Manager, 30, "Month-end reports while the manager is away")));
        SignIn(email);

        var banner = Render<BreakGlassBanner>();

        banner.WaitForAssertion(() => Assert.Contains("Emergency access: Manager", banner.Find("[data-testid=break-glass-banner]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains("until", banner.Find("[data-testid=break-glass-banner]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Manager until", banner.Find("[data-testid=break-glass-banner] .break-glass-text").GetAttribute("title"), StringComparison.Ordinal);
        banner.Find("[data-testid=break-glass-end]").Click();
        await EventuallyAsync(async () => Assert.Equal(BreakGlassEnd.EndedByHolder,
            await App.WithDbAsync(d => d.BreakGlassGrants.Where(g => g.Id == grant.GrantId).Select(g => g.EndKind).SingleAsync())), Wait);
        banner.WaitForAssertion(() => Assert.Empty(banner.FindAll("[data-testid=break-glass-banner]")), Wait);
    }

    [Fact]
    public void Banner_NoGrant_RendersNothing()
    {
        SignIn("specialist@demo.local");

        var banner = Render<BreakGlassBanner>();

        banner.WaitForAssertion(() => Assert.Equal("", banner.Markup.Trim()), Wait);
    }
}
