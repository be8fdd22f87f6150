using AppealStudio.Data.Identity;
using AppealStudio.Data.Practice;
using AppealStudio.Web.Features.Settings.Providers;
using AppealStudio.Web.Features.Settings.Users;
using AppealStudio.Web.Tests.Components;
using AppealStudio.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.EntityFrameworkCore;
using static AppealStudio.Web.Tests.Letters.LetterTestSetup;

namespace AppealStudio.Web.Tests.Letters;

/// <summary>Settings &gt; Providers (name, credentials, NPI check digit, specialty, linked physician) and the user's letter contact line.</summary>
public class ProviderDirectoryTests : ComponentTest
{
    private const string Admin = "admin@demo.local";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Providers_AdminOnly_StaleEditRefused_PhysicianChoicesArePhysicians(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        await OtherPhysicianAsync(factory);
        var omar = await factory.WithDbAsync(d => d.Providers.AsNoTracking().SingleAsync(p => p.Npi == OtherPhysicianNpi));

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            ActingAs.RunAsync<ProviderDirectoryAdministration, List<ProviderDirectoryEntry>>(factory, Specialist, a => a.ListAsync()));
        var choices = await ActingAs.RunAsync<ProviderDirectoryAdministration, IReadOnlyList<(string Id, string Name)>>(factory, Admin, a => a.PhysicianChoicesAsync());
        Assert.Contains(choices, c => c.Name == "Dana Reyes, MD");
        Assert.DoesNotContain(choices, c => c.Name == "Sam Specialist");

        var stale = await ActingAs.RunAsync<ProviderDirectoryAdministration, SettingsResult>(factory, Admin,
            a => a.UpdateAsync(omar.Id, new ProviderDraft("Omar Haddad", "MD", OtherPhysicianNpi, "Cardiology (interventional)", omar.PhysicianUserId, Stamp: 1)));
        Assert.Contains(stale.Errors, e => e.Field == "" && e.Message.Contains("changed by", StringComparison.Ordinal));
        var badNpi = await ActingAs.RunAsync<ProviderDirectoryAdministration, SettingsResult>(factory, Admin,
            a => a.UpdateAsync(omar.Id, new ProviderDraft("Omar Haddad", "MD", "1245319590", "Cardiology", omar.PhysicianUserId, Stamp: omar.UpdatedAt.UtcTicks)));
        Assert.Contains(badNpi.Errors, e => e.Field == "Npi" && e.Message.Contains("check digit", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Contact_OwnOrAdmin_AnotherUsersIsRefused_BadPhoneIsAFieldError(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var specialist = await UserIdAsync(factory, Specialist);
        var manager = await UserIdAsync(factory, "manager@demo.local");

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            ActingAs.RunAsync<UserAdministration, AdminResult>(factory, Specialist, a => a.UpdateContactAsync(manager, "(217) 555-0100", "Manager")));
        var bad = await ActingAs.RunAsync<UserAdministration, AdminResult>(factory, Specialist, a => a.UpdateContactAsync(specialist, "555", "Appeals specialist"));
        Assert.Contains(bad.FieldErrors, e => e.Field == "Phone");
        var before = await ActingAs.RunAsync<UserAdministration, UserSummary?>(factory, Admin, a => a.FindAsync(specialist));
        Assert.False(string.IsNullOrEmpty(before!.Phone));
        Assert.True((await ActingAs.RunAsync<UserAdministration, AdminResult>(factory, Specialist, a => a.UpdateContactAsync(specialist, before.Phone, before.Title))).Succeeded);
    }

    [Fact]
    public async Task ProvidersPage_ListsTheDemoProviderWithItsSigner_AndABadNpiIsRefusedInTheDialog()
    {
        SignIn(Admin);
        var page = RenderInApp<ProvidersPage>();
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=provider-row]"), r => r.TextContent.Contains("Dana Reyes, MD", StringComparison.Ordinal)), Wait);

        page.Find("[data-testid=new-provider]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=provider-dialog]"), Wait);
        page.Find("input[data-testid=provider-name]").Change("Lena Ortiz");
        page.Find("input[data-testid=provider-credentials]").Change("DO");
        page.Find("input[data-testid=provider-npi]").Change("1234567890");
        page.Find("[data-testid=provider-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("check digit", page.Find("[data-testid=provider-dialog]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal("Lena Ortiz", page.Find("input[data-testid=provider-name]").GetAttribute("value"));
        Assert.False(await App.WithDbAsync(d => d.Providers.AnyAsync(p => p.Name == "Lena Ortiz")));
    }

    [Fact]
    public async Task UserEditPage_ContactLine_SavesTitleAndPhone()
    {
        var manager = await UserIdAsync(App, "manager@demo.local");
        SignIn(Admin);
        var page = RenderInApp<UserEditPage>(new Dictionary<string, object?> { [nameof(UserEditPage.Id)] = manager });
        page.WaitForAssertion(() => page.Find("[data-testid=contact-card]"), Wait);

        page.Find("input[data-testid=user-title]").Change("Revenue cycle manager");
        page.Find("input[data-testid=user-phone]").Change("(217) 555-0177");
        page.Find("[data-testid=contact-save]").Click();

        page.WaitForAssertion(async () =>
            Assert.Equal(("(217) 555-0177", "Revenue cycle manager"), await App.WithDbAsync(d => d.Users.Where(u => u.Id == manager).Select(u => new { u.Phone, u.Title }).SingleAsync()) is var r ? (r.Phone, r.Title) : default), Wait);
    }
}
