using AppealStudio.Data.Appeals;
using AppealStudio.Data.Identity;
using AppealStudio.Data.Remittances;
using AppealStudio.Data.Reports;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Lifecycle;

public class ImportVoidingTests
{
    public static IEnumerable<object[]> Databases() => TestDatabases.All();

    /// <summary>A file of one payer (paid last month, a closed month the reports read from rollups) with two denials.</summary>
    private static async Task<(long ImportId, string Payer, string Content)> ImportAsync(LifecycleHarness h)
    {
        var payer = Remit835.UniquePayer();
        var content = new Remit835(payer, "V1", new DateOnly(2026, 8, 10))
            .Add(new ClaimSpec(Remit835.UniquePcn(), "1", "A", new Line("72148", 400m, 0m, new Cas("CO", "50", 400m))))
            .Add(new ClaimSpec(Remit835.UniquePcn(), "1", "B", new Line("99213", 120m, 0m, new Cas("CO", "16", 120m)) { Remarks = ["M51"] }))
            .ToString();
        var summary = await h.ImportAsync(content);
        return (summary.ImportId, payer, content);
    }

    private static Task<int> DenialsAsync(LifecycleHarness h, string payer) => h.WithDbAsync(db => db.Denials.CountAsync(d => d.PayerName == payer));

    private static Task<int> ReportedAsync(LifecycleHarness h, string payer) =>
        h.RunAsync(async sp => (await sp.GetRequiredService<KpiReport>().GetDenialTotalsAsync(new ReportFilter(new DateOnly(2026, 6, 1), new DateOnly(2026, 8, 31), payer))).Denials);

    private static Task<Data.Lifecycle.LifecycleResult> VoidAsync(LifecycleHarness h, long importId, string? reason = "Test file sent by the clearinghouse") =>
        h.RunAsync(sp => sp.GetRequiredService<ImportVoiding>().VoidAsync(importId, reason));

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Void_RowsLeaveListsReportsAndPayerFilter_AndUndoBringsThemBack(TestDatabase database)
    {
        var h = await LifecycleHarness.ForAsync(database);
        h.Reset();
        var (importId, payer, _) = await ImportAsync(h);
        Assert.Equal(2, await ReportedAsync(h, payer)); // builds the August rollup
        h.ActAs(await h.CreateUserAsync(Roles.Manager), Roles.Manager);

        var voided = await VoidAsync(h, importId);

        Assert.True(voided.Succeeded, voided.Message);
        Assert.Contains("2 denial(s), 2 claim(s) and 1 payment(s)", voided.Message, StringComparison.Ordinal);
        Assert.Equal(0, await DenialsAsync(h, payer));
        Assert.Equal(0, await ReportedAsync(h, payer));
        Assert.DoesNotContain(payer, await h.RunAsync(sp => sp.GetRequiredService<ReportLookups>().PayersAsync()));
        Assert.False(await h.WithDbAsync(db => db.Payments.AnyAsync(p => p.PayerName == payer)));
        var import = await h.WithDbAsync(db => db.RemittanceImports.AsNoTracking().SingleAsync(i => i.Id == importId));
        Assert.Equal("Test file sent by the clearinghouse", import.VoidReason);
        Assert.NotNull(import.VoidedAt);

        var undone = await h.RunAsync(sp => sp.GetRequiredService<ImportVoiding>().UndoAsync(importId));

        Assert.True(undone.Succeeded, undone.Message);
        Assert.Equal(2, await DenialsAsync(h, payer));
        Assert.Equal(2, await ReportedAsync(h, payer));
        Assert.Equal(1, await h.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "remit.void" && e.EntityId == importId.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(1, await h.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "remit.void-undone" && e.EntityId == importId.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        h.Reset();
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Void_AppealInProgress_IsRefusedAndSaysWhich(TestDatabase database)
    {
        var h = await LifecycleHarness.ForAsync(database);
        h.Reset();
        var (importId, payer, _) = await ImportAsync(h);
        var denialId = await h.WithDbAsync(db => db.Denials.Where(d => d.PayerName == payer && d.ReasonCode == "50").Select(d => d.Id).SingleAsync());
        await h.WithDbAsync(async db =>
        {
            db.Appeals.Add(new Appeal { DenialId = denialId, TemplateId = "medical-necessity", Status = AppealStatus.Draft, Markdown = "x", Version = 1, CreatedAt = h.Clock.Now, UpdatedAt = h.Clock.Now });
            return await db.SaveChangesAsync();
        });

        var result = await VoidAsync(h, importId);

        Assert.False(result.Succeeded);
        Assert.Contains($"denial {denialId}", result.Message, StringComparison.Ordinal);
        Assert.Contains("appeal draft", result.Message, StringComparison.Ordinal);
        Assert.Equal(2, await DenialsAsync(h, payer));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Void_BadRequests_AreRefused(TestDatabase database)
    {
        var h = await LifecycleHarness.ForAsync(database);
        h.Reset();
        var (importId, _, _) = await ImportAsync(h);

        Assert.Contains("Say why", (await VoidAsync(h, importId, "  ")).Message, StringComparison.Ordinal);
        Assert.True((await VoidAsync(h, -5)).NotFound);
        h.ActAs("someone", Roles.Specialist);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => VoidAsync(h, importId));
        h.Reset();
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Retention_PurgesVoidedImportsAfterTheirDays_AndAReimportAfterTheVoidBlocksTheUndo(TestDatabase database)
    {
        var h = await LifecycleHarness.ForAsync(database);
        h.Reset();
        var (first, payer, content) = await ImportAsync(h);
        await VoidAsync(h, first);

        // The same file imported again after the void is new work: its claims are not skipped as duplicates.
        var second = await h.ImportAsync(content);
        Assert.Equal((2, 0), (second.Claims, second.SkippedClaims));
        var undo = await h.RunAsync(sp => sp.GetRequiredService<ImportVoiding>().UndoAsync(first));
        Assert.False(undo.Succeeded);
        Assert.Contains($"imported again by import {second.ImportId}", undo.Message, StringComparison.Ordinal);

        h.Clock.Today = h.Clock.Today.AddDays(29);
        Assert.Equal(0, await h.RunAsync(sp => sp.GetRequiredService<ImportVoiding>().PurgeAsync("system:test")));
        h.Clock.Today = h.Clock.Today.AddDays(2);
        Assert.True(await h.RunAsync(sp => sp.GetRequiredService<ImportVoiding>().PurgeAsync("system:test")) >= 1);

        Assert.Equal(0, await h.WithDbAsync(db => db.Claims.IgnoreQueryFilters().CountAsync(c => c.ImportId == first)));
        Assert.Equal(0, await h.WithDbAsync(db => db.Denials.IgnoreQueryFilters().CountAsync(d => d.Claim.ImportId == first)));
        Assert.Equal(2, await DenialsAsync(h, payer)); // the second import's
        Assert.NotNull((await h.WithDbAsync(db => db.RemittanceImports.SingleAsync(i => i.Id == first))).PurgedAt);
        Assert.Contains("was purged", (await h.RunAsync(sp => sp.GetRequiredService<ImportVoiding>().UndoAsync(first))).Message, StringComparison.Ordinal);
        h.Reset();
    }
}
