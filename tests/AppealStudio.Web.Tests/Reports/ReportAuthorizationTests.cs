using System.Net;
using AppealStudio.Data.Reports;
using AppealStudio.Web.Tests.Infrastructure;
using AppealStudio.Web.Tests.Settings;

namespace AppealStudio.Web.Tests.Reports;

public class ReportAuthorizationTests
{
    private static readonly string[] Urls =
    [
        "/reports", "/reports/win-rates", "/reports/kpis", "/reports/inventory", "/reports/upstream",
        "/reports/win-rates.csv", "/reports/kpis.csv", "/reports/inventory-assignee.csv", "/reports/upstream.csv?by=payer",
    ];

    [Theory]
    [MemberData(nameof(RolesWithoutReports))]
    public async Task ReportsAndCsv_SpecialistOrPhysician_AreDeniedAndNothingIsExported(TestDatabase db, string email)
    {
        var factory = AppFactory.For(db);
        using var client = await BrowserlessClient.SignedInAsync(factory, email);
        var before = await factory.CountAuditAsync("report.export");

        foreach (var url in Urls)
        {
            var response = await client.Http.GetAsync(url);

            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{email} GET {url}: {(int)response.StatusCode}");
            Assert.StartsWith("/account/access-denied", response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.AbsolutePath : response.Headers.Location.OriginalString,
                StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(before, await factory.CountAuditAsync("report.export"));

        // The navigation shows no Reports entry to these roles either (ReportPageTests renders it per role).
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task ReportsAndCsv_Anonymous_AreSentToSignIn(TestDatabase db)
    {
        using var client = BrowserlessClient.Create(AppFactory.For(db));

        foreach (var url in Urls)
        {
            var response = await client.Http.GetAsync(url);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/signin", response.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [MemberData(nameof(RolesWithReports))]
    public async Task ReportsAndCsv_ManagerOrAdmin_Open(TestDatabase db, string email)
    {
        var factory = AppFactory.For(db);
        using var client = await BrowserlessClient.SignedInAsync(factory, email);

        foreach (var url in Urls)
        {
            var response = await client.Http.GetAsync(url);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{email} GET {url}: {(int)response.StatusCode}");
        }
    }

    [Theory]
    [MemberData(nameof(RolesWithoutReports))]
    public async Task ReportService_SpecialistOrPhysician_IsRefusedAndExportsNothing(TestDatabase db, string email)
    {
        var factory = AppFactory.For(db);
        var filter = ReportFilter.Default(DateOnly.FromDateTime(DateTime.UtcNow));
        var before = await factory.CountAuditAsync("report.export");
        await using var scope = await Acting.AsAsync(factory, email);
        var reports = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ReportService>(scope.ServiceProvider);

        // The circuit reaches the service without the HTTP endpoint's policy: the service refuses by itself.
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => reports.ChoicesAsync());
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => reports.OverviewAsync(filter));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => reports.WinRatesAsync(filter, "carc"));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => reports.KpisAsync(filter));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => reports.InventoryAsync(filter));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => reports.UpstreamAsync(filter, "payer"));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => reports.ExportAsync("kpis", filter, null, null, true));
        Assert.Equal(before, await factory.CountAuditAsync("report.export"));
    }

    public static IEnumerable<object[]> RolesWithoutReports() =>
        TestDatabases.All().SelectMany(d => new[] { "specialist@demo.local", "physician@demo.local" }.Select(e => new[] { d[0], e }));

    public static IEnumerable<object[]> RolesWithReports() =>
        TestDatabases.All().SelectMany(d => new[] { "manager@demo.local", "admin@demo.local" }.Select(e => new[] { d[0], e }));
}
