using System.Net;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Identity;
using AppealStudio.Data.Practice;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Settings;

/// <summary>Settings are for Admins: the pages' policy over HTTP, and each service's own check on the circuit's path.</summary>
public class SettingsAccessTests
{
    private static readonly string[] Pages =
    [
        "/settings", "/settings/users", "/settings/payers", "/settings/classification", "/settings/classification.csv", "/settings/practice",
        "/settings/templates", "/settings/templates/ortho-modifier-59", "/settings/audit",
    ];

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task SettingsPages_NonAdminRoles_AreDenied_AdminIsServed(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        foreach (var email in new[] { Acting.Specialist, Acting.Physician, Acting.Manager })
        {
            using var client = await BrowserlessClient.SignedInAsync(factory, email);
            foreach (var url in Pages)
            {
                var response = await client.Http.GetAsync(url);
                Assert.True(response.StatusCode == HttpStatusCode.Redirect
                        && response.Headers.Location!.OriginalString.Contains("/account/access-denied", StringComparison.Ordinal),
                    $"{email} GET {url} gave {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        using var admin = await BrowserlessClient.SignedInAsync(factory, Acting.Admin);
        foreach (var url in Pages)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync(url)).StatusCode);
        }
    }

    public static IEnumerable<object[]> NonAdmins() =>
        TestDatabases.All().SelectMany(d => new[] { Acting.Specialist, Acting.Physician, Acting.Manager }.Select(e => new[] { d[0], e }));

    [Theory]
    [MemberData(nameof(NonAdmins))]
    public async Task SettingsServices_NonAdmin_AreRefusedAndChangeNothing(TestDatabase db, string email)
    {
        var factory = AppFactory.For(db);
        var name = SettingsTestData.Unique("SNEAKY PLAN ");
        var auditBefore = await factory.WithDbAsync(d => d.AuditEvents.CountAsync());
        await using var scope = await Acting.AsAsync(factory, email);
        var sp = scope.ServiceProvider;

        // What the circuit could reach without the page: every settings command refuses by itself.
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => sp.GetRequiredService<PayerAdministration>()
            .CreateAsync(new PayerDraft(name, null, "Commercial", [], null, 90, null, null, null, 0, null)));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => sp.GetRequiredService<PayerAdministration>().OverviewAsync());
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => sp.GetRequiredService<ClassificationAdministration>().ExportCsvAsync());
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => sp.GetRequiredService<ClassificationBrowser>().PageAsync(new ClassificationQuery(), 0, 25));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => sp.GetRequiredService<PracticeProfileAdministration>().GetAsync());
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => sp.GetRequiredService<UserAdministration>().ListAsync());
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => sp.GetRequiredService<UserAdministration>()
            .CreateAsync("sneaky@practice.test", "Sneaky", null, [Roles.Admin], "Fresh!Passw0rd42"));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => sp.GetRequiredService<TemplateAdministration>().ListAsync());
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => sp.GetRequiredService<AuditTrail>().PageAsync(new AuditQuery(), 0, 50));

        Assert.False(await factory.WithDbAsync(d => d.PayerSettings.AnyAsync(p => p.Name == name)));
        Assert.False(await factory.WithDbAsync(d => d.Users.AnyAsync(u => u.Email == "sneaky@practice.test")));
        Assert.Equal(auditBefore, await factory.WithDbAsync(d => d.AuditEvents.CountAsync()));
    }
}
