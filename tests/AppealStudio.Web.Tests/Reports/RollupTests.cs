using AppealStudio.Core.Analytics;
using AppealStudio.Data;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Remittances;
using AppealStudio.Data.Reports;
using AppealStudio.Data.Reports.Rollups;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AppealStudio.Web.Tests.Reports;

/// <summary>
/// The rollup path (closed months from the monthly rollups, the rest raw) must give exactly the figures of the raw
/// queries, before and after edits of every kind that feeds a rollup.
/// </summary>
public class RollupTests
{
    private static DateOnly T => RandomHistory.Today;

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Reports_RandomHistoryWithEdits_RollupPathEqualsRawPath(TestDatabase database)
    {
        var factory = AppFactory.For(database);
        var history = new RandomHistory(20261122, "Rollup " + Guid.NewGuid().ToString("N")[..6]);
        await history.BuildAsync(factory);
        var filters = Filters(history);

        await AssertSameAsync(factory, filters, "first read");

        // The first read built the closed months of its range; nothing is stale for them any more.
        var closed = new DateOnly(T.Year, T.Month, 1);
        var firstWhole = new DateOnly(T.AddDays(-240).Year, T.AddDays(-240).Month, 1).AddMonths(1);
        await factory.WithDbAsync(async db =>
        {
            foreach (var family in RollupFamily.All)
            {
                Assert.True(await db.Set<RollupBuiltMonth>().CountAsync(b => b.Family == family && b.Month >= firstWhole && b.Month < closed) >= 7);
            }

            Assert.Equal(0, await db.Set<RollupStaleMonth>().CountAsync(s => s.Month >= firstWhole && s.Month < closed));
            return 0;
        });

        await EditAsync(factory, history);
        Assert.True(await factory.WithDbAsync(db => db.Set<RollupStaleMonth>().AnyAsync(s => s.Month < closed)), "the edits marked months stale");
        await AssertSameAsync(factory, filters, "after edits");

        // Bulk edits through ExecuteUpdate/ExecuteDelete bypass EF's change tracking; the triggers still see them.
        await factory.WithDbAsync(async db =>
        {
            var payers = history.Payers.ToList();
            await db.Denials.Where(d => payers.Contains(d.PayerName) && d.Id % 3 == 0).ExecuteUpdateAsync(u => u.SetProperty(d => d.RootCause, "bulk-cause"));
            await db.Denials.Where(d => payers.Contains(d.PayerName) && d.Id % 7 == 0)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.RemittanceDate, d => d.RemittanceDate!.Value.AddDays(-40)));
            await db.Appeals.Where(a => payers.Contains(a.Denial.PayerName) && a.Id % 4 == 0)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.Decision, AppealDecisions.Overturned));
            await db.ServiceLines.Where(l => payers.Contains(l.Claim.Payment.PayerName) && l.Id % 5 == 0)
                .ExecuteUpdateAsync(u => u.SetProperty(l => l.ProcedureCode, "27447"));
            await db.Appeals.Where(a => payers.Contains(a.Denial.PayerName) && a.Id % 11 == 0).ExecuteDeleteAsync();
            return 0;
        });
        await AssertSameAsync(factory, filters, "after bulk edits");

        // A second file, read once (its months built), then voided: the void hides its rows from the raw queries and
        // must take them out of the monthly and the daily rollups too (ADR 42 marks the months; ADR 95).
        var second = await history.BuildAsync(factory, claims: 80, appeals: false);
        await AssertSameAsync(factory, filters, "after a second import");
        var voided = await ActingAs.RunAsync<ImportVoiding, AppealStudio.Data.Lifecycle.LifecycleResult>(
            factory, "manager@demo.local", v => v.VoidAsync(second, "Test file sent by mistake"));
        Assert.True(voided.Succeeded, voided.Message);
        await AssertSameAsync(factory, filters, "after voiding the second import");
    }

    [Fact]
    public void PlanWithDays_RangeAcrossMonths_EdgeDaysFromDailyRollupAndOnlyTheOpenMonthRaw()
    {
        var months = RollupPlan.CandidateMonths(new DateOnly(2026, 5, 17), new DateOnly(2026, 11, 22), new DateOnly(2026, 11, 1), []);
        var plan = RollupPlan.WithDays(new DateOnly(2026, 5, 17), new DateOnly(2026, 11, 22), new DateOnly(2026, 10, 31), months);
        Assert.Equal(5, plan.Months.Count);
        Assert.Equal([new DayRange(new DateOnly(2026, 5, 17), new DateOnly(2026, 5, 31))], plan.Days);
        Assert.Equal([new DayRange(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 22))], plan.Raw);

        // Inside one closed month: no whole month, every day from the daily rollup, nothing raw.
        var inside = RollupPlan.WithDays(new DateOnly(2026, 9, 3), new DateOnly(2026, 9, 20), new DateOnly(2026, 9, 20), []);
        Assert.Empty(inside.Months);
        Assert.Equal([new DayRange(new DateOnly(2026, 9, 3), new DateOnly(2026, 9, 20))], inside.Days);
        Assert.Empty(inside.Raw);

        // Ending in a closed month after whole months: the tail days come from the daily rollup.
        var tail = RollupPlan.WithDays(new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 12), new DateOnly(2026, 9, 12),
            [new DateOnly(2026, 7, 1), new DateOnly(2026, 8, 1)]);
        Assert.Equal([new DayRange(new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 12))], tail.Days);
        Assert.Empty(tail.Raw);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Rebuild_ConcurrentReadsOfStaleMonths_AllEqualRawAndNoDuplicateRows(TestDatabase database)
    {
        var factory = AppFactory.For(database);
        var history = new RandomHistory(7, "Concurrent " + Guid.NewGuid().ToString("N")[..6]);
        await history.BuildAsync(factory, claims: 120);
        var filter = new ReportFilter(T.AddDays(-240), T);

        // Every month of this history stale at once, then six requests rebuild and read at the same time.
        var payers = history.Payers.ToList();
        await factory.WithDbAsync(db => db.Denials.Where(d => payers.Contains(d.PayerName))
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Amount, d => d.Amount + 1m)));
        await factory.WithDbAsync(db => db.Appeals.Where(a => payers.Contains(a.Denial.PayerName))
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.AmountRecovered, a => (a.AmountRecovered ?? 0m) + 1m)));
        var expected = await ReadAsync(factory, filter, rollups: false);
        var reads = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => ReadAsync(factory, filter, rollups: true))));
        foreach (var read in reads)
        {
            Same(expected, read, "concurrent read");
        }

        // One row per group and month: a second rebuilder never added its rows next to the first one's.
        await factory.WithDbAsync(async db =>
        {
            var duplicates = await db.Set<DenialProviderRollup>()
                .GroupBy(r => new { r.Month, r.PayerName, r.RenderingProviderNpi, r.Specialty, r.RootCause, r.Owner })
                .CountAsync(g => g.Count() > 1);
            Assert.Equal(0, duplicates);
            var built = await db.Set<RollupBuiltMonth>().GroupBy(b => new { b.Family, b.Month }).CountAsync(g => g.Count() > 1);
            Assert.Equal(0, built);
            return 0;
        });
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Triggers_ImportStyleInsert_MarksTheMonthsOfDenialsClaimsAndLines(TestDatabase database)
    {
        var factory = AppFactory.For(database);
        var month = new DateOnly(T.Year, T.Month, 1).AddMonths(-5);
        var claimMonth = month.AddMonths(-1);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Set<RollupStaleMonth>().Where(s => s.Month == month || s.Month == claimMonth).ExecuteDeleteAsync();

        // The import writes with prepared INSERTs (BulkInserter), not through EF's change tracking.
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            var import = new RemittanceImport { FileName = "t.835", FileSha256 = Guid.NewGuid().ToString("N"), ImportedAt = DateTimeOffset.UtcNow, ImportedBy = "tests" };
            db.RemittanceImports.Add(import);
            await db.SaveChangesAsync();
            await using var bulk = new BulkInserter(db);
            var payment = new Payment { ImportId = import.Id, PayerName = "Trigger Payer", PaymentDate = claimMonth.AddDays(3) };
            await bulk.InsertAsync([payment]);
            var claim = new Claim { PaymentId = payment.Id, ImportId = import.Id, PatientControlNumber = "TRG", StatusCode = "1", ChargeAmount = 10m };
            await bulk.InsertAsync([claim]);
            await bulk.InsertAsync([new ServiceLineRow { ClaimId = claim.Id, LineNumber = 1, ProcedureCode = "29881" }]);
            var now = DateTimeOffset.UtcNow;
            await bulk.InsertAsync([new Denial
            {
                ClaimId = claim.Id, Amount = 5m, PayerName = "Trigger Payer", RemittanceDate = month.AddDays(9), RootCause = "coding", Owner = "coder",
                Severity = "soft", Action = "resubmit", Category = "technical", RuleId = "t", Explanation = "t", Status = DenialStatus.Submitted,
                CreatedAt = now, UpdatedAt = now,
            }]);
            await transaction.CommitAsync();
        }

        var stale = await db.Set<RollupStaleMonth>().Where(s => s.Month == month || s.Month == claimMonth)
            .Select(s => new { s.Family, s.Month }).Distinct().ToListAsync();
        Assert.Contains(new { Family = RollupFamily.Denials, Month = month }, stale);
        Assert.Contains(new { Family = RollupFamily.Claims, Month = claimMonth }, stale);

        // A status change that is not a write-off feeds no rollup and marks nothing.
        await db.Set<RollupStaleMonth>().ExecuteDeleteAsync();
        await db.Denials.Where(d => d.PayerName == "Trigger Payer").ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DenialStatus.Decided));
        Assert.False(await db.Set<RollupStaleMonth>().AnyAsync());
        await db.Denials.Where(d => d.PayerName == "Trigger Payer").ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, DenialStatus.WrittenOff));
        Assert.True(await db.Set<RollupStaleMonth>().AnyAsync(s => s.Family == RollupFamily.Denials && s.Month == month));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Rebuild_LockHeldElsewhere_ReadsRawAndStillEqualsRaw(TestDatabase database)
    {
        var factory = AppFactory.For(database);
        var history = new RandomHistory(99, "Locked " + Guid.NewGuid().ToString("N")[..6]);
        await history.BuildAsync(factory, claims: 60);
        var filter = new ReportFilter(T.AddDays(-240), T, Payer: history.Payers[0]);
        var expected = await ReadAsync(factory, filter, rollups: false);

        // Another connection holds what a rebuild needs: SQLite's write lock (an import in progress), or on
        // PostgreSQL the rebuild lock of another request.
        await using var scope = factory.Services.CreateAsyncScope();
        var holder = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await holder.Database.BeginTransactionAsync();
        if (holder.Database.IsNpgsql())
        {
            await holder.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({ReportRollups.PostgresLockKey})");
        }
        else
        {
            await holder.Database.ExecuteSqlRawAsync("UPDATE \"ReportRollupMonths\" SET \"Family\" = \"Family\" WHERE 0 = 1");
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var read = await ReadAsync(factory, filter, rollups: true, lockTimeoutSeconds: 1);
        Same(expected, read, "read while the rebuild lock is held");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), "each query waited about a second at most, then read raw");
        await transaction.RollbackAsync();
    }

    [Fact]
    public void Plan_RangeAcrossMonths_ReadsClosedWholeMonthsFromRollupAndTheRestRaw()
    {
        var current = new DateOnly(2026, 11, 1);
        var months = RollupPlan.CandidateMonths(new DateOnly(2026, 5, 17), new DateOnly(2026, 11, 22), current, []);
        Assert.Equal([new(2026, 6, 1), new(2026, 7, 1), new(2026, 8, 1), new(2026, 9, 1), new DateOnly(2026, 10, 1)], months);
        var plan = RollupPlan.For(new DateOnly(2026, 5, 17), new DateOnly(2026, 11, 22), months);
        Assert.Equal([new(new DateOnly(2026, 5, 17), new DateOnly(2026, 5, 31)), new DayRange(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 22))], plan.Raw);

        // A split point inside a month (the period's first day of the upstream trend) sends that month raw.
        Assert.Equal([new DateOnly(2026, 10, 1)],
            RollupPlan.CandidateMonths(new DateOnly(2026, 9, 1), new DateOnly(2026, 11, 22), current, [new DateOnly(2026, 9, 15)]));

        // Ending mid-month, or only the open month: nothing to roll up.
        Assert.Empty(RollupPlan.CandidateMonths(new DateOnly(2026, 10, 2), new DateOnly(2026, 10, 30), current, []));
        Assert.Empty(RollupPlan.CandidateMonths(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), current, []));
    }

    private static async Task EditAsync(AppFactory factory, RandomHistory history)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var payers = history.Payers.ToList();
        var denials = await db.Denials.Include(d => d.Claim).ThenInclude(c => c.Payment).Where(d => payers.Contains(d.PayerName)).ToListAsync();
        foreach (var denial in denials.Where(_ => history.Chance(0.25)))
        {
            switch (history.Next(8))
            {
                case 0: denial.Status = DenialStatus.WrittenOff; break;
                case 1: denial.RootCause = history.Pick(RandomHistory.Causes); denial.Owner = history.Pick(RandomHistory.Owners); break;
                case 2: denial.RemittanceDate = history.Day(); break;
                case 3: denial.Amount += 13.37m; break;
                case 4: denial.Scenario = history.Pick(RandomHistory.Scenarios); denial.ProcedureCode = history.Pick(RandomHistory.Codes); break;
                case 5: denial.PayerName = history.Pick(history.Payers); denial.RenderingProviderNpi = history.Pick(RandomHistory.Npis); break;
                case 6: db.Denials.Remove(denial); break;
                default: denial.Status = denial.Status == DenialStatus.Decided ? DenialStatus.Submitted : DenialStatus.Decided; break;
            }
        }

        var appeals = await db.Appeals.Where(a => payers.Contains(a.Denial.PayerName)).ToListAsync();
        foreach (var appeal in appeals.Where(a => history.Chance(0.3) && db.Entry(a).State != EntityState.Deleted))
        {
            switch (history.Next(5))
            {
                case 0: appeal.Decision = history.Pick(RandomHistory.Decisions); appeal.DecidedOn = history.Day(); break;
                case 1: appeal.SubmittedOn = history.Chance(0.5) ? null : history.Day(); break;
                case 2: appeal.AmountRecovered = history.Money(); appeal.TemplateId = history.Pick(RandomHistory.Templates); break;
                case 3: appeal.Markdown = "edited letter"; break;
                default: db.Appeals.Remove(appeal); break;
            }
        }

        var claims = await db.Claims.Include(c => c.Lines).Include(c => c.Payment).Where(c => payers.Contains(c.Payment.PayerName)).ToListAsync();
        var payments = claims.Select(c => c.Payment).Distinct().ToList();
        foreach (var claim in claims.Where(_ => history.Chance(0.2)))
        {
            switch (history.Next(6))
            {
                case 0: claim.ChargeAmount += 1m; break;
                case 1: claim.IsReversal = !claim.IsReversal; break;
                case 2: claim.Lines.Add(new ServiceLineRow { LineNumber = 9, ProcedureCode = history.Pick(RandomHistory.Codes), ChargeAmount = 1m }); break;
                case 3 when claim.Lines.Count > 0: db.ServiceLines.Remove(claim.Lines[0]); break;
                case 4: db.Denials.Add(history.NewDenial(claim, claim.Payment)); break;
                default: claim.RenderingProviderNpi = history.Pick(RandomHistory.Npis); break;
            }
        }

        foreach (var payment in payments.Where(_ => history.Chance(0.15)))
        {
            payment.PaymentDate = history.Day();
        }

        await db.SaveChangesAsync();
    }

    private static List<ReportFilter> Filters(RandomHistory history)
    {
        var closed = new DateOnly(T.Year, T.Month, 1);
        var ranges = new List<(DateOnly From, DateOnly To)>
        {
            (T.AddDays(-240), T),
            (T.AddDays(-(ReportFilter.DefaultDays - 1)), T),
            (closed.AddMonths(-6), closed.AddDays(-1)),
            (closed.AddMonths(-4).AddDays(9), closed.AddDays(-1)),
            (closed.AddMonths(-5), closed.AddMonths(-2).AddDays(14)),
        };
        for (var i = 0; i < 3; i++)
        {
            var a = history.Day();
            var b = history.Day();
            ranges.Add(a <= b ? (a, b) : (b, a));
        }

        var filters = new List<ReportFilter>();
        foreach (var (from, to) in ranges)
        {
            filters.Add(new ReportFilter(from, to));
            filters.Add(new ReportFilter(from, to, Payer: history.Pick(history.Payers)));
            filters.Add(new ReportFilter(from, to, ProviderNpi: "1000000002"));
            filters.Add(new ReportFilter(from, to, Specialty: (Specialty)history.Next(5)));
            filters.Add(new ReportFilter(from, to, Payer: history.Payers[0], Specialty: (Specialty)history.Next(5)));
        }

        foreach (var specialty in Enum.GetValues<Specialty>())
        {
            filters.Add(new ReportFilter(T.AddDays(-240), T, Specialty: specialty));
        }

        return filters;
    }

    private static async Task AssertSameAsync(AppFactory factory, List<ReportFilter> filters, string phase)
    {
        foreach (var filter in filters)
        {
            var raw = await ReadAsync(factory, filter, rollups: false);
            var fast = await ReadAsync(factory, filter, rollups: true);
            Same(raw, fast, $"{phase}, {filter}");
        }
    }

    /// <summary>
    /// Every rolled-up figure of one filter, in a fixed order, as (label, record): records compare by value, decimals
    /// numerically (a sum of parts may carry a different scale, 1964.2 against 1964.20, and prints the same on a page).
    /// </summary>
    private static async Task<List<(string Label, object Value)>> ReadAsync(AppFactory factory, ReportFilter filter, bool rollups,
        int lockTimeoutSeconds = 20)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var options = Options.Create(new ReportOptions { UseRollups = rollups, RollupLockTimeoutSeconds = lockTimeoutSeconds });
        var service = new ReportRollups(db, TimeProvider.System, options, NullLogger<ReportRollups>.Instance);
        var win = new WinRateReport(db, service);
        var kpi = new KpiReport(db, service);
        var upstream = new UpstreamReport(db, service);
        var lines = new List<(string, object)>();
        foreach (var dimension in Enum.GetValues<WinRateDimension>())
        {
            lines.AddRange((await win.GetAsync(filter, dimension)).Select(r => ($"win {dimension}", (object)r)));
        }

        foreach (var dimension in Enum.GetValues<UpstreamDimension>())
        {
            lines.AddRange((await upstream.GetAsync(filter, dimension)).Select(r => ($"upstream {dimension}", (object)r)));
        }

        lines.Add(("claims", await kpi.GetClaimRatesAsync(filter)));
        lines.Add(("denials", await kpi.GetDenialTotalsAsync(filter)));
        lines.Add(("appeals", await kpi.GetAppealTotalsAsync(filter)));
        lines.AddRange((await kpi.GetDeniedByMonthAsync(filter)).Select(m => ("month", (object)m)));
        return lines;
    }

    private static void Same(List<(string Label, object Value)> expected, List<(string Label, object Value)> actual, string context)
    {
        Assert.NotEmpty(expected);
        if (!expected.SequenceEqual(actual))
        {
            var missing = expected.Except(actual).Take(3).Select(x => $"{x.Label}: {x.Value}");
            var extra = actual.Except(expected).Take(3).Select(x => $"{x.Label}: {x.Value}");
            Assert.Fail($"{context}: rollup path differs from raw ({expected.Count} against {actual.Count} rows).\n raw only: " +
                $"{string.Join("\n   ", missing)}\n rollup only: {string.Join("\n   ", extra)}");
        }
    }
}
