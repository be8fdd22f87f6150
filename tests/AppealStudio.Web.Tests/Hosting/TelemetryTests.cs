using System.Net;
using System.Text;
using AppealStudio.Web.Tests.Imports;
using AppealStudio.Web.Tests.Infrastructure;

namespace AppealStudio.Web.Tests.Hosting;

/// <summary>The Prometheus scrape endpoint (issue 14): Admins only, and it carries the product's own metrics.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Metrics_Anonymous_IsNotServed()
    {
        using var client = BrowserlessClient.Create(AppFactory.For(TestDatabase.Sqlite));

        var response = await client.Http.GetAsync("/metrics");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("appealstudio_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_Specialist_IsRefused()
    {
        using var client = await BrowserlessClient.SignedInAsync(AppFactory.For(TestDatabase.Sqlite), "specialist@demo.local");

        var response = await client.Http.GetAsync("/metrics");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Metrics_AdminAfterAnImport_ShowsFilesClaimsAndDenialsImported()
    {
        var factory = AppFactory.For(TestDatabase.Sqlite);
        var pcn = "PM-" + Guid.NewGuid().ToString("N")[..8];
        var imported = await ImportTests.UploadAsync(factory, "specialist@demo.local", "metrics.835", Encoding.ASCII.GetBytes(ImportTests.Remit(pcn, "TRACE-" + pcn)));
        Assert.True(imported.Succeeded, imported.Error);
        using var client = await BrowserlessClient.SignedInAsync(factory, "admin@demo.local");

        var response = await client.Http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("appealstudio_imports_files", text, StringComparison.Ordinal);
        Assert.Contains("outcome=\"completed\"", text, StringComparison.Ordinal);
        Assert.Contains("appealstudio_imports_claims", text, StringComparison.Ordinal);
        Assert.Contains("appealstudio_imports_denials", text, StringComparison.Ordinal);
        Assert.Contains("appealstudio_imports_duration", text, StringComparison.Ordinal);
        Assert.DoesNotContain(pcn, text, StringComparison.Ordinal);
    }
}
