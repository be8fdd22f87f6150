using System.Net;
using AppealStudio.Web.Tests.Infrastructure;

namespace AppealStudio.Web.Tests.Settings;

public class SettingsAccessTests
{
    private static readonly string[] Pages =
    [
        "/settings/payers", "/settings/payers/new", "/settings/classification", "/settings/classification/new",
        "/settings/classification.csv", "/settings/practice",
    ];

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task SettingsPages_NonAdminRoles_AreDenied_AdminIsServed(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        foreach (var email in new[] { "specialist@demo.local", "physician@demo.local", "manager@demo.local" })
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

        using var admin = await BrowserlessClient.SignedInAsync(factory, "admin@demo.local");
        foreach (var url in Pages)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync(url)).StatusCode);
        }

        var settings = await admin.GetDocumentAsync("/settings");
        Assert.NotNull(settings.QuerySelector("[data-testid=card-payers]"));
        Assert.NotNull(settings.QuerySelector("[data-testid=card-classification]"));
        Assert.NotNull(settings.QuerySelector("[data-testid=card-practice]"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task PayerForm_PostedByManagerWithValidToken_IsDeniedAndChangesNothing(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var manager = await BrowserlessClient.SignedInAsync(factory, "manager@demo.local");
        var token = BrowserlessClient.HtmxToken(await manager.GetDocumentAsync("/reports"));
        var name = SettingsTestData.Unique("SNEAKY PLAN ");

        var response = await manager.Http.PostAsync("/settings/payers/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "payer-form",
            ["Input.Name"] = name,
            ["Input.Type"] = "Commercial",
        }));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.False(await factory.WithDbAsync(d => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(d.PayerSettings, p => p.Name == name)));
    }
}
