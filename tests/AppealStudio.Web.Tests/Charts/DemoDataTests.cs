using AppealStudio.Core.Evidence;
using AppealStudio.Core.Remittance;
using AppealStudio.Data.Charts;
using AppealStudio.Data.Seeding;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Charts;

/// <summary>The demo data that `dotnet run` seeds: each demo denial is classified as intended and has its chart evidence.</summary>
public class DemoDataTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task FirstRun_EachDemoDenial_HasItsScenarioRootCauseDeadlineAndLinkedChartEvidence(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        await using var scope = factory.Services.CreateAsyncScope();
        var data = scope.ServiceProvider.GetRequiredService<Data.AppDbContext>();
        var charts = scope.ServiceProvider.GetRequiredService<ChartStore>();

        var demoDenials = await data.Denials.AsNoTracking().Include(d => d.Claim)
            .Where(d => d.Claim.PatientControlNumber.StartsWith("DEMO-"))
            .ToListAsync();

        Assert.Equal(DemoData.Denials.Count, demoDenials.Count);
        foreach (var expected in DemoData.Denials)
        {
            var denial = Assert.Single(demoDenials, d => d.Claim.PatientControlNumber == expected.PatientControlNumber);
            Assert.Equal(expected.ProcedureCode, denial.ProcedureCode);
            Assert.Equal((expected.PatientControlNumber, expected.Scenario, expected.RootCause), (denial.Claim.PatientControlNumber, denial.Scenario, denial.RootCause));
            Assert.Equal("appeal", denial.Action);
            Assert.Equal(DemoData.PhysicianNpi, denial.RenderingProviderNpi);
            Assert.False(denial.DeadlineIsDefault, $"{expected.PatientControlNumber} should use the demo payer's window");
            Assert.True(denial.AppealDeadline > DateOnly.FromDateTime(DateTime.UtcNow), $"{expected.PatientControlNumber} deadline {denial.AppealDeadline}");

            var linked = Assert.Single(await charts.LinkedToClaimAsync(denial.ClaimId));
            Assert.Equal(expected.ChartFileName, linked.SourceFileName);
            Assert.Equal(denial.ServiceDate, linked.EncounterDate);
            var evidence = EvidenceRanker.Rank(expected.Scenario ?? expected.RootCause, [ChartStore.ToCore(linked)]);
            Assert.NotEmpty(evidence);
            Assert.True(evidence[0].Score >= 5, $"{expected.ChartFileName}: best passage scores {evidence[0].Score}");
        }
    }

    [Fact]
    public void DemoRemittance_ReadsCleanly_WithEveryClaimBalanced()
    {
        var file = RemittanceFile.Load(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(DemoData.RemittanceText(new DateOnly(2026, 11, 22)))));

        Assert.Empty(file.Warnings);
        Assert.Equal(8, file.Claims.Count);
        Assert.Equal(3025.40m, file.Payments.Single().TotalPaymentAmount);
        Assert.Equal(DemoData.Denials.Count, new DenialDetector().Detect(file.Claims).Count());
        var dos = file.Claims.Single(c => c.PatientControlNumber == "DEMO-1001").StatementFrom;
        Assert.Equal(new DateOnly(2026, 10, 1), dos);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task SeedAgain_AddsNothing(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        async Task<(int, int, int, int)> CountsAsync() => await factory.WithDbAsync(async d =>
            (await d.RemittanceImports.CountAsync(), await d.Claims.CountAsync(), await d.ChartDocuments.CountAsync(), await d.PayerSettings.CountAsync()));
        var before = await CountsAsync();

        await using var scope = factory.Services.CreateAsyncScope();
        var added = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();

        Assert.Empty(added);
        Assert.Equal(before, await CountsAsync());
    }
}
