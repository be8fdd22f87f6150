using AngleSharp.Dom;
using AppealStudio.Data.Identity;
using AppealStudio.Web.Features.Settings;
using AppealStudio.Web.Features.Settings.Classification;
using AppealStudio.Web.Features.Settings.Payers;
using AppealStudio.Web.Features.Settings.Practice;
using AppealStudio.Web.Features.Settings.Users;
using AppealStudio.Web.Tests.Components;
using AppealStudio.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace AppealStudio.Web.Tests.Settings;

/// <summary>
/// The settings pages on bunit, against the real services and database, signed in as the demo Admin: what the Admin
/// sees, what a dialog does, where a refusal is shown.
/// </summary>
public class SettingsPageTests : ComponentTest
{
    internal static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    /// <summary>The text around an input: its label, value and the error under it.</summary>
    internal static string FieldText(IElement input) => input.Closest(".mud-input-control")?.TextContent ?? input.ParentElement!.TextContent;

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<TPage> Page) RenderWithDialogs<TPage>(string url,
        Action<ComponentParameterCollectionBuilder<TPage>>? parameters = null)
        where TPage : Microsoft.AspNetCore.Components.IComponent
    {
        var dialogs = Render<MudDialogProvider>();
        At(url);
        return (dialogs, parameters is null ? Render<TPage>() : Render(parameters));
    }

    private static IElement Check(IRenderedComponent<MudDialogProvider> dialogs, string testId) =>
        dialogs.Find($"[data-testid={testId}]") is var e && e.TagName == "INPUT" ? e : e.QuerySelector("input")!;

    [Fact]
    public void SettingsPage_Admin_LinksEverySection()
    {
        SignIn(Acting.Admin);
        At("/settings");

        var page = Render<SettingsPage>();

        foreach (var (card, href) in new[]
                 {
                     ("card-users", "/settings/users"), ("card-payers", "/settings/payers"), ("card-classification", "/settings/classification"),
                     ("card-templates", "/settings/templates"), ("card-practice", "/settings/practice"), ("card-audit", "/settings/audit"),
                 })
        {
            Assert.Equal(href, page.Find($"[data-testid={card}] a").GetAttribute("href"));
        }
    }

    [Fact]
    public void UsersPage_ListsEveryUserWithRolesAndStatusInWords()
    {
        SignIn(Acting.Admin);
        At("/settings/users");

        var page = Render<UsersPage>();

        page.WaitForAssertion(() => Assert.Contains("manager@demo.local", page.Find("[data-testid=users-table]").TextContent, StringComparison.Ordinal), Wait);
        var row = page.FindAll("[data-testid=users-table] tbody tr").First(r => r.TextContent.Contains("manager@demo.local", StringComparison.Ordinal));
        Assert.Contains("Morgan Manager", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Manager", row.QuerySelectorAll("td")[2].TextContent, StringComparison.Ordinal);
        Assert.Equal("Active", row.QuerySelector("[data-testid=user-status]")!.TextContent.Trim());
    }

    [Fact]
    public async Task NewUserDialog_WeakPasswordAndNoRole_ShowsEachReasonAtItsField_AndKeepsTheInput()
    {
        SignIn(Acting.Admin);
        var (dialogs, page) = RenderWithDialogs<UsersPage>("/settings/users");
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=user-link]")), Wait);

        page.Find("[data-testid=new-user]").Click();
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=user-email]")), Wait);
        dialogs.Find("[data-testid=user-email]").Change("weak@practice.test");
        dialogs.Find("[data-testid=user-name]").Change("Weak Password");
        dialogs.Find("[data-testid=user-password]").Change("short");
        dialogs.Find("[data-testid=user-create]").Click();

        dialogs.WaitForAssertion(() => Assert.Equal("Choose at least one role.", dialogs.Find("[data-testid=roles-error]").TextContent.Trim()), Wait);
        Assert.Equal("weak@practice.test", dialogs.Find("[data-testid=user-email]").GetAttribute("value"));
        Assert.Equal("Weak Password", dialogs.Find("[data-testid=user-name]").GetAttribute("value"));
        Assert.False(await App.WithDbAsync(d => d.Users.AnyAsync(u => u.Email == "weak@practice.test")));

        // With a role, the password policy speaks, under the password.
        Check(dialogs, "role-manager").Change(true);
        dialogs.Find("[data-testid=user-create]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("at least 12 characters", FieldText(dialogs.Find("[data-testid=user-password]")),
            StringComparison.Ordinal), Wait);
    }

    [Fact]
    public async Task NewUserDialog_Valid_CreatesTheUserAndTheListShowsThem()
    {
        SignIn(Acting.Admin);
        var email = $"dialog-{Guid.NewGuid():N}@practice.test";
        var (dialogs, page) = RenderWithDialogs<UsersPage>("/settings/users");
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=user-link]")), Wait);

        page.Find("[data-testid=new-user]").Click();
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=user-email]")), Wait);
        dialogs.Find("[data-testid=user-email]").Change(email);
        dialogs.Find("[data-testid=user-name]").Change("Pat Dialog");
        Check(dialogs, "role-specialist").Change(true);
        dialogs.Find("[data-testid=user-password]").Change("Fresh!Passw0rd42");
        dialogs.Find("[data-testid=user-create]").Click();

        page.WaitForAssertion(() => Assert.Contains(email, page.Find("[data-testid=users-table]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Empty(dialogs.FindAll("[data-testid=user-create-dialog]"));
        var roles = await App.WithDbAsync(d => (from u in d.Users
                                          join ur in d.UserRoles on u.Id equals ur.UserId
                                          join r in d.Roles on ur.RoleId equals r.Id
                                          where u.Email == email
                                          select r.Name).ToListAsync());
        Assert.Equal([Roles.Specialist], roles);
    }

    [Fact]
    public async Task UserEditPage_Disable_AsksFirst_ThenDisablesAndSaysSo()
    {
        var email = await UserFactory.CreateAsync(App, Roles.Physician);
        var id = await App.WithDbAsync(d => d.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        SignIn(Acting.Admin);
        var (dialogs, page) = RenderWithDialogs<UserEditPage>($"/settings/users/{id}", p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.Equal("Disable user", page.Find("[data-testid=toggle-user]").TextContent.Trim()), Wait);

        page.Find("[data-testid=toggle-user]").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("will not be able to sign in", dialogs.Find("[data-testid=confirm-dialog]").TextContent, StringComparison.Ordinal), Wait);
        Assert.False(await App.WithDbAsync(d => d.Users.Where(u => u.Id == id).Select(u => u.IsDisabled).SingleAsync()));
        dialogs.Find("[data-testid=confirm-ok]").Click();

        page.WaitForAssertion(() => Assert.Equal("Enable user", page.Find("[data-testid=toggle-user]").TextContent.Trim()), Wait);
        Assert.True(await App.WithDbAsync(d => d.Users.Where(u => u.Id == id).Select(u => u.IsDisabled).SingleAsync()));
        Assert.Equal("Disabled", page.Find("[data-testid=user-status]").TextContent.Trim());
    }

    [Fact]
    public async Task UserEditPage_WeakNewPassword_IsRefusedUnderTheField()
    {
        var email = await UserFactory.CreateAsync(App, Roles.Manager);
        var id = await App.WithDbAsync(d => d.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        SignIn(Acting.Admin);
        At($"/settings/users/{id}");
        var page = Render<UserEditPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=new-password]")), Wait);

        page.Find("[data-testid=new-password]").Change("short");
        page.Find("[data-testid=reset-password]").Click();

        page.WaitForAssertion(() => Assert.Contains("at least 12 characters", FieldText(page.Find("[data-testid=new-password]")), StringComparison.Ordinal), Wait);
    }

    [Fact]
    public void UserEditPage_UnknownUser_SaysNotFound()
    {
        SignIn(Acting.Admin);
        At("/settings/users/no-such-user");

        var page = Render<UserEditPage>(p => p.Add(x => x.Id, "no-such-user"));

        page.WaitForAssertion(() => Assert.Contains("There is no such user", page.Markup, StringComparison.Ordinal), Wait);
        Assert.Empty(page.FindAll("[data-testid=toggle-user]"));
    }

    [Fact]
    public async Task PayersPage_ShowsWindowsInDaysTheDefaultForUnknownPayersAndThePayersUsingIt()
    {
        var stranger = SettingsTestData.Unique("NOBODY KNOWS MUTUAL ");
        var pcn = SettingsTestData.Unique("UNK-");
        await SettingsTestData.ImportAsync(App, stranger, SettingsTestData.Unique("NK"), new TestClaim(pcn, "97", "N19", "XS"));
        SignIn(Acting.Admin);
        At("/settings/payers");

        var page = Render<PayersPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=payer-row]")), Wait);
        Assert.Equal("60 days from the remittance date", page.Find("[data-testid=default-appeal-days]").TextContent.Trim());
        Assert.Equal("90 days from the date of service", page.Find("[data-testid=default-timely-days]").TextContent.Trim());

        // The payers that use the default now, most open denials first, at most 25 (other tests add strangers too).
        var overview = await Acting.RunAsync<AppealStudio.Data.Practice.PayerAdministration, AppealStudio.Data.Practice.PayerOverview>(App, Acting.Admin,
            p => p.OverviewAsync());
        Assert.Contains(overview.UnknownPayers, u => u.Name == stranger);
        var listed = page.FindAll("[data-testid=unknown-payers] tbody tr");
        Assert.Equal(Math.Min(25, overview.UnknownPayers.Count), listed.Count);
        Assert.Contains(overview.UnknownPayers[0].Name, listed[0].TextContent, StringComparison.Ordinal);
        Assert.Contains(page.FindAll("[data-testid=first-level]"), c => c.TextContent.Trim().EndsWith(" days", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PayerDialog_BadValues_ShowEachReasonAtItsField_KeepTheInput_AndSaveNothing()
    {
        SignIn(Acting.Admin);
        var name = SettingsTestData.Unique("BAD VALUES PLAN ");
        var before = await App.WithDbAsync(d => d.PayerSettings.CountAsync());
        var (dialogs, page) = RenderWithDialogs<PayersPage>("/settings/payers");
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=payer-row]")), Wait);

        page.Find("[data-testid=new-payer]").Click();
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=payer-name]")), Wait);
        dialogs.Find("[data-testid=payer-name]").Change(name);
        dialogs.Find("[data-testid=payer-FirstLevelDays]").Change("0");
        dialogs.Find("[data-testid=payer-SecondLevelDays]").Change("abc");
        dialogs.Find("[data-testid=payer-TimelyFilingDays]").Change("5000");
        dialogs.Find("[data-testid=payer-save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("must be a whole number", FieldText(dialogs.Find("[data-testid=payer-SecondLevelDays]")),
            StringComparison.Ordinal), Wait);
        Assert.Contains("first-level appeal window is 1 to 3650 days", FieldText(dialogs.Find("[data-testid=payer-FirstLevelDays]")), StringComparison.Ordinal);
        Assert.Contains("timely filing window is 1 to 3650 days", FieldText(dialogs.Find("[data-testid=payer-TimelyFilingDays]")), StringComparison.Ordinal);
        Assert.Equal("abc", dialogs.Find("[data-testid=payer-SecondLevelDays]").GetAttribute("value"));
        Assert.Equal(name, dialogs.Find("[data-testid=payer-name]").GetAttribute("value"));
        Assert.Equal(before, await App.WithDbAsync(d => d.PayerSettings.CountAsync()));
    }

    [Fact]
    public async Task PayerDeleteDialog_SaysHowManyOpenDenialsUseThePayer_ThenDeletes()
    {
        var name = SettingsTestData.Unique("DELETE ME HEALTH ");
        var payerId = SettingsTestData.Unique("DM");
        var id = await SettingsTestData.AddPayerAsync(App, name, payerId, 200, 300);
        var pcn = SettingsTestData.Unique("DEL-");
        await SettingsTestData.ImportAsync(App, name, payerId, new TestClaim(pcn, "97", "N19", "XS"));
        SignIn(Acting.Admin);
        var (dialogs, page) = RenderWithDialogs<PayersPage>("/settings/payers");
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll($"[data-payer-id='{id}']")), Wait);

        var row = page.Find($"[data-payer-id='{id}']").Closest("tr")!;
        row.QuerySelector("[data-testid=delete-payer]")!.Click();

        dialogs.WaitForAssertion(() => Assert.Contains("1 open denial uses this payer's windows now.", dialogs.Find("[data-testid=delete-warning]").TextContent,
            StringComparison.Ordinal), Wait);
        dialogs.Find("[data-testid=payer-delete]").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll($"[data-payer-id='{id}']")), Wait);
        Assert.False(await App.WithDbAsync(d => d.PayerSettings.AnyAsync(p => p.Id == id)));
    }

    [Fact]
    public void ClassificationPage_FirstPage_IsOnePageOfTheWholeTable_WithCodesInWords()
    {
        SignIn(Acting.Admin);
        At("/settings/classification");

        var page = Render<ClassificationPage>();

        page.WaitForAssertion(() => Assert.Equal(25, page.FindAll("[data-testid=rule-row]").Count), Wait);
        Assert.Matches(@"^\d+ of \d+ rows, \d+ from overrides\.$", page.Find("[data-testid=row-count]").TextContent.Trim());
        Assert.Contains("Deductible", page.Find("[data-testid=classification-table]").TextContent, StringComparison.Ordinal);
        Assert.Equal("/settings/classification.csv", page.Find("[data-testid=export-csv]").GetAttribute("href"));
        Assert.DoesNotContain("medical-necessity", page.Find("[data-testid=classification-table]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ClassificationPage_FiltersInTheAddress_NarrowTheRows()
    {
        SignIn(Acting.Admin);
        At("/settings/classification?q=97&group=*&cause=documentation");

        var page = Render<ClassificationPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=rule-row]")), Wait);
        var keys = page.FindAll("[data-testid=rule-row]").Select(r => r.GetAttribute("data-key")!).ToList();
        Assert.All(keys, k => Assert.StartsWith("*|97|", k, StringComparison.Ordinal));
        Assert.Matches($@"^{keys.Count} of \d+ rows", page.Find("[data-testid=row-count]").TextContent.Trim());
    }

    [Fact]
    public async Task OverrideDialog_FromAShippedRow_SaysItReplacesIt_AndAsksForTheReasonAtItsField()
    {
        SignIn(Acting.Admin);
        var (dialogs, page) = RenderWithDialogs<ClassificationPage>("/settings/classification?q=97&group=*&cause=documentation");
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=override-row]")), Wait);
        var before = await App.WithDbAsync(d => d.ClassificationOverrides.CountAsync());

        page.FindAll("[data-testid=override-row]")[0].Click();
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=replaces]")), Wait);
        Assert.Equal("97", dialogs.Find("[data-testid=override-carc]").GetAttribute("value"));
        Assert.Contains("CARC 97:", dialogs.Find("[data-testid=carc-meaning]").TextContent, StringComparison.Ordinal);
        dialogs.Find("[data-testid=override-save]").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("Say why the practice changes this rule", FieldText(dialogs.Find("[data-testid=override-reason]")),
            StringComparison.Ordinal), Wait);
        Assert.Equal(before, await App.WithDbAsync(d => d.ClassificationOverrides.CountAsync()));
    }

    [Fact]
    public async Task PracticePage_BadNpi_IsRefusedUnderTheField_WithTheInputKept_AndTheZonesAreListed()
    {
        SignIn(Acting.Admin);
        At("/settings/practice");
        var page = Render<PracticePage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=practice-npi]")), Wait);

        page.Find("[data-testid=practice-name]").Change("Npi Check Clinic");
        page.Find("[data-testid=practice-npi]").Change("1234567890");
        page.Find("[data-testid=practice-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("check digit does not match", FieldText(page.Find("[data-testid=practice-npi]")), StringComparison.Ordinal), Wait);
        Assert.Equal("1234567890", page.Find("[data-testid=practice-npi]").GetAttribute("value"));
        Assert.NotEqual("Npi Check Clinic", await App.WithDbAsync(d => d.PracticeProfiles.Select(p => p.Name).FirstOrDefaultAsync()));
        Assert.Contains(page.Find("[data-testid=practice-zone]").GetAttribute("value"),
            AppealStudio.Data.Practice.PracticeContext.UsZones.Select(z => z.Label));
    }
}
