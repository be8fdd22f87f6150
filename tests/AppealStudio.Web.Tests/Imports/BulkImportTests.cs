using System.Globalization;
using System.Text;
using AppealStudio.Data;
using AppealStudio.Data.Remittances;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Imports;

/// <summary>
/// The import writes rows with reserved keys and multi-row statements (BulkInserter): these tests check that every
/// key and link comes out right across statement boundaries, for reversals and PLBs, and when two imports run at once.
/// </summary>
public class BulkImportTests
{
    public static IEnumerable<object[]> Databases() => TestDatabases.All();

    /// <summary>
    /// One payment with <paramref name="claims"/> claims of two denied lines each (more rows than one INSERT holds),
    /// then an original claim, its reversal and the corrected claim, and a PLB naming the first claim.
    /// </summary>
    private static string LargeRemit(string prefix, int claims, string trace, params string[] moreSegments)
    {
        var segments = new List<string>
        {
            "ST*835*0001",
            "BPR*I*0*C*NON************20260820",
            $"TRN*1*{trace}*1234567890",
            "DTM*405*20260819",
            "N1*PR*BULK TEST PLAN",
            "REF*2U*BULK01",
            "N1*PE*DEMO ORTHOPEDICS*XX*1234567893",
            "LX*1",
        };
        for (var i = 0; i < claims; i++)
        {
            var pcn = Pcn(prefix, i);
            segments.AddRange(
            [
                $"CLP*{pcn}*1*200*0**12*PAY-{pcn}*11*1",
                "NM1*QC*1*DOE*JANE****MI*W123456789",
                "NM1*82*1*REYES*DANA****XX*1234567893",
                "SVC*HC:29880:XS*120*0**1",
                "DTM*472*20260814",
                "CAS*CO*97*120",
                "LQ*HE*N19",
                "SVC*HC:99213:25*80*0**1",
                "DTM*472*20260814",
                "CAS*CO*97*80",
            ]);
        }

        segments.AddRange(moreSegments);
        var reversed = prefix + "-REV";
        segments.AddRange(
        [
            $"CLP*{reversed}*1*300*300**12*PAY-{reversed}*11*1",
            "SVC*HC:20610*300*300**1",
            $"CLP*{reversed}*22*-300*-300**12*PAY-{reversed}*11*1",
            "SVC*HC:20610*-300*-300**-1",
            $"CLP*{reversed}*1*300*250**12*PAY-{reversed}-C*11*1",
            "SVC*HC:20610*300*250**1",
            "CAS*CO*45*50",
            $"PLB*1234567893*20261231*FB:{Pcn(prefix, 0)}*-25",
        ]);
        segments.Add($"SE*{(segments.Count + 1).ToString(CultureInfo.InvariantCulture)}*0001");
        return "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260814*1200*^*00501*000000001*0*P*:~\n" +
               "GS*HP*SENDER*RECEIVER*20260814*1200*1*X*005010X221A1~\n" +
               string.Join("~\n", segments) + "~\nGE*1*1~\nIEA*1*000000001~\n";
    }

    private static string Pcn(string prefix, int i) => prefix + "-" + i.ToString("D4", CultureInfo.InvariantCulture);

    private static async Task<ImportSummary> ImportAsync(AppFactory factory, string name, string content)
    {
        await using var stream = new MemoryStream(Encoding.ASCII.GetBytes(content));
        return await ImportAsync(factory, name, stream);
    }

    private static async Task<ImportSummary> ImportAsync(AppFactory factory, string name, Stream stream, CancellationToken cancellationToken = default)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<RemittanceImporter>();
        return await importer.ImportAsync(name, stream, cancellationToken: cancellationToken);
    }

    /// <summary>Rows of this test's claims, payments and denials in the database (the prefix is unique to the test).</summary>
    private static Task<(int Claims, int Payments, int Denials)> SavedAsync(AppFactory factory, string prefix) =>
        factory.WithDbAsync(async db => (
            await db.Claims.CountAsync(c => c.PatientControlNumber.StartsWith(prefix)),
            await db.Payments.CountAsync(p => p.TraceNumber == "TR-" + prefix),
            await db.Denials.CountAsync(d => d.Claim.PatientControlNumber.StartsWith(prefix))));

    /// <summary>
    /// Claims enough for the queue to be written twice before the end (seven rows a claim): on PostgreSQL the first
    /// part is written in the background while the file is still read, and the second waits for it.
    /// </summary>
    private static int ClaimsForTwoParts => (BulkInserter.QueuedRows / 7 * 2) + 100;

    /// <summary>A stream that cancels once this many bytes have been read from it (the importer reads a file twice: hash, then parse).</summary>
    private sealed class CancelAfterStream(byte[] content, long cancelAfter, CancellationTokenSource source) : MemoryStream(content, writable: false)
    {
        private long read;

        public override int Read(byte[] buffer, int offset, int count) => Counted(base.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Counted(base.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await base.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Counted(int n)
        {
            read += n;
            if (read >= cancelAfter)
            {
                source.Cancel();
            }

            return n;
        }
    }

    /// <summary>Every row of the import points at rows of the same claim: lines, adjustments, denials.</summary>
    private static async Task AssertKeysConsistentAsync(AppFactory factory, long importId, int expectedClaims)
    {
        await factory.WithDbAsync(async db =>
        {
            var claims = await db.Claims.Where(c => c.ImportId == importId).Select(c => c.Id).ToListAsync();
            Assert.Equal(expectedClaims, claims.Count);
            var lines = await db.ServiceLines.Where(l => claims.Contains(l.ClaimId)).Select(l => new { l.Id, l.ClaimId }).ToListAsync();
            var lineClaim = lines.ToDictionary(l => l.Id, l => l.ClaimId);
            var lineIds = lineClaim.Keys.ToList();
            var adjustments = await db.Adjustments.Where(a => claims.Contains(a.ClaimId) || (a.ServiceLineId != null && lineIds.Contains(a.ServiceLineId.Value)))
                .Select(a => new { a.ClaimId, a.ServiceLineId }).ToListAsync();
            Assert.NotEmpty(adjustments);
            Assert.All(adjustments, a => Assert.Contains(a.ClaimId, claims));
            foreach (var a in adjustments.Where(a => a.ServiceLineId is not null))
            {
                // A line's adjustment is also the claim's: both keys name the same claim.
                Assert.Equal(lineClaim[a.ServiceLineId!.Value], a.ClaimId);
            }

            var denials = await db.Denials.Where(d => claims.Contains(d.ClaimId)).Select(d => new { d.ClaimId, d.ServiceLineId, d.AdjustmentId }).ToListAsync();
            Assert.NotEmpty(denials);
            foreach (var d in denials.Where(d => d.ServiceLineId is not null))
            {
                Assert.Equal(d.ClaimId, lineClaim[d.ServiceLineId!.Value]);
            }

            var adjustmentIds = denials.Where(d => d.AdjustmentId is not null).Select(d => d.AdjustmentId!.Value).ToList();
            var adjustmentClaims = await db.Adjustments.Where(a => adjustmentIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.ClaimId);
            foreach (var d in denials.Where(d => d.AdjustmentId is not null))
            {
                Assert.Equal(d.ClaimId, adjustmentClaims[d.AdjustmentId!.Value]);
            }

            return 0;
        });
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task LargeFile_KeysAndLinksAreRightAcrossStatements(TestDatabase database)
    {
        var factory = AppFactory.For(database);
        var prefix = "BK" + Guid.NewGuid().ToString("N")[..8];
        // 150 claims: 150 claim rows, 300 lines, 300 adjustments and 300 denials, several INSERT statements each.
        var claimCount = (BulkInserter.RowsPerStatement * 2) + 22;

        var summary = await ImportAsync(factory, "bulk.835", LargeRemit(prefix, claimCount, "TR-" + prefix));

        Assert.Equal(claimCount + 3, summary.Claims);
        Assert.Equal(claimCount * 2, summary.Denials);
        await AssertKeysConsistentAsync(factory, summary.ImportId, claimCount + 3);
        await factory.WithDbAsync(async db =>
        {
            var first = await db.Claims.SingleAsync(c => c.PatientControlNumber == Pcn(prefix, 0));
            var plb = await db.ProviderAdjustments.SingleAsync(p => db.Payments.Any(pay => pay.Id == p.PaymentId && pay.ImportId == summary.ImportId));
            Assert.Equal(first.Id, plb.LinkedClaimId);
            Assert.Equal(-25m, plb.Amount);

            var reversedPcn = prefix + "-REV";
            var trio = await db.Claims.Where(c => c.PatientControlNumber == reversedPcn).OrderBy(c => c.Id).ToListAsync();
            Assert.Equal(3, trio.Count);
            Assert.True(trio[1].IsReversal);
            Assert.Equal(trio[2].Id, trio[1].CorrectedByClaimId);
            Assert.Null(trio[2].CorrectedByClaimId);

            // Each denial carries the line it was found on: 29880-XS and 99213-25 once per claim.
            var codes = await db.Denials.Where(d => d.Claim.ImportId == summary.ImportId).GroupBy(d => d.ProcedureCode)
                .Select(g => new { Code = g.Key, Count = g.Count() }).ToListAsync();
            Assert.Equal(claimCount, codes.Single(c => c.Code == "29880").Count);
            Assert.Equal(claimCount, codes.Single(c => c.Code == "99213").Count);
            return 0;
        });

        // The same file again: every claim is skipped and no payment, line or PLB is added.
        var again = await ImportAsync(factory, "bulk-again.835", LargeRemit(prefix, claimCount, "TR-" + prefix));
        Assert.Equal(0, again.Claims);
        Assert.Equal(claimCount + 3, again.SkippedClaims);
        Assert.Equal(0, again.Payments);
        Assert.Equal(1, await factory.WithDbAsync(db => db.ProviderAdjustments.CountAsync(p => db.Payments.Any(pay => pay.Id == p.PaymentId && pay.TraceNumber == "TR-" + prefix))));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task FileLargerThanTheQueue_IsWrittenInSeveralParts_WithEveryLinkRight(TestDatabase database)
    {
        var factory = AppFactory.For(database);
        var prefix = "BQ" + Guid.NewGuid().ToString("N")[..8];
        // Seven rows a claim (the claim, two lines, two adjustments, two denials): PostgreSQL writes its queue at least
        // once before the end, so the PLB (written last) names a claim of an earlier COPY and the reversal trio closes
        // the file after that write.
        var claimCount = (BulkInserter.QueuedRows / 7) + 100;

        var summary = await ImportAsync(factory, "queue.835", LargeRemit(prefix, claimCount, "TR-" + prefix));

        Assert.Equal(claimCount + 3, summary.Claims);
        Assert.Equal(claimCount * 2, summary.Denials);
        await AssertKeysConsistentAsync(factory, summary.ImportId, claimCount + 3);
        await factory.WithDbAsync(async db =>
        {
            var first = await db.Claims.SingleAsync(c => c.PatientControlNumber == Pcn(prefix, 0));
            var plb = await db.ProviderAdjustments.SingleAsync(p => db.Payments.Any(pay => pay.Id == p.PaymentId && pay.ImportId == summary.ImportId));
            Assert.Equal(first.Id, plb.LinkedClaimId);
            var trio = await db.Claims.Where(c => c.PatientControlNumber == prefix + "-REV").OrderBy(c => c.Id).ToListAsync();
            Assert.Equal(3, trio.Count);
            Assert.Equal(trio[2].Id, trio[1].CorrectedByClaimId);
            Assert.Equal(claimCount * 2, await db.ServiceLines.CountAsync(l => l.Claim.ImportId == summary.ImportId && l.ProcedureCode != "20610"));
            return 0;
        });

        // Idempotent across the parts too: the same file again adds nothing.
        var again = await ImportAsync(factory, "queue-again.835", LargeRemit(prefix, claimCount, "TR-" + prefix));
        Assert.Equal(0, again.Claims);
        Assert.Equal(claimCount + 3, again.SkippedClaims);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task ReversalEndingABatch_IsStillLinkedToTheCorrectionInTheNextBatch(TestDatabase database)
    {
        var factory = AppFactory.For(database);
        var prefix = "RB" + Guid.NewGuid().ToString("N")[..8];
        // The original is claim BatchSize - 1, the reversal claim BatchSize (the last of the first batch), the
        // correction the first claim of the second batch.
        var claimCount = RemittanceImporter.BatchSize - 2;

        var summary = await ImportAsync(factory, "batch-edge.835", LargeRemit(prefix, claimCount, "TR-" + prefix));

        Assert.Equal(claimCount + 3, summary.Claims);
        var trio = await factory.WithDbAsync(db => db.Claims.Where(c => c.PatientControlNumber == prefix + "-REV").OrderBy(c => c.Id).ToListAsync());
        Assert.Equal(3, trio.Count);
        Assert.True(trio[1].IsReversal);
        Assert.Equal(trio[2].Id, trio[1].CorrectedByClaimId);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task TwoImportsAtOnce_BothLandWithTheirOwnKeys(TestDatabase database)
    {
        var factory = AppFactory.For(database);
        var a = "CA" + Guid.NewGuid().ToString("N")[..8];
        var b = "CB" + Guid.NewGuid().ToString("N")[..8];
        var claimCount = BulkInserter.RowsPerStatement + 5;
        // Start the app (migrations, seed) before the two imports race, so that only the imports run at once.
        _ = factory.Services;

        var results = await Task.WhenAll(
            Task.Run(() => ImportAsync(factory, "a.835", LargeRemit(a, claimCount, "TR-" + a))),
            Task.Run(() => ImportAsync(factory, "b.835", LargeRemit(b, claimCount, "TR-" + b))));

        Assert.All(results, r => Assert.Equal(claimCount + 3, r.Claims));
        Assert.NotEqual(results[0].ImportId, results[1].ImportId);
        await AssertKeysConsistentAsync(factory, results[0].ImportId, claimCount + 3);
        await AssertKeysConsistentAsync(factory, results[1].ImportId, claimCount + 3);
        var prefixes = await factory.WithDbAsync(db => db.Claims.Where(c => c.ImportId == results[1].ImportId)
            .Select(c => c.PatientControlNumber.Substring(0, 2)).Distinct().ToListAsync());
        Assert.Equal([results[1].FileName == "b.835" ? "CB" : "CA"], prefixes);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task RepeatedTraceNumber_EachPaymentIsMatchedByItsOwnAmountAndDate(TestDatabase database)
    {
        var factory = AppFactory.For(database);
        var pcn = "RT-" + Guid.NewGuid().ToString("N")[..8];
        var trace = "TRACE-" + pcn;
        // Two transactions with one trace number and different amounts: two payments, as the file says.
        var file = ImportTests.Remit(pcn + "-1", trace, paid: 10m) + ImportTests.Remit(pcn + "-2", trace, paid: 20m);

        var first = await ImportAsync(factory, "twice.835", file);
        Assert.Equal(2, first.Payments);
        Assert.Equal(2, first.Claims);

        // A later file with the first transaction again and a third amount: the first is reused, the other is new.
        var later = await ImportAsync(factory, "later.835", ImportTests.Remit(pcn + "-1", trace, paid: 10m) + ImportTests.Remit(pcn + "-3", trace, paid: 30m));
        Assert.Equal(1, later.Payments);
        Assert.Equal(1, later.Claims);
        Assert.Equal(1, later.SkippedClaims);
        Assert.Equal(3, await factory.WithDbAsync(db => db.Payments.CountAsync(p => p.TraceNumber == trace)));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task LargeFileBrokenAtTheEnd_SavesNothing_ThoughPartsWereAlreadyWritten(TestDatabase database)
    {
        var factory = AppFactory.For(database);
        var prefix = "BX" + Guid.NewGuid().ToString("N")[..8];
        var whole = LargeRemit(prefix, ClaimsForTwoParts, "TR-" + prefix);
        // Cut inside the last claim: the reader reports the truncation after every earlier claim was queued and written.
        var cut = whole[..whole.LastIndexOf("CAS*CO*45*50", StringComparison.Ordinal)];

        var ex = await Assert.ThrowsAsync<RemittanceImportException>(() => ImportAsync(factory, "cut-large.835", cut));

        Assert.Contains("segment", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal((0, 0, 0), await SavedAsync(factory, prefix));
        Assert.Equal(ImportStatus.Failed, await factory.WithDbAsync(db => db.RemittanceImports.Where(i => i.Id == ex.ImportId).Select(i => i.Status).SingleAsync()));

        // Nothing is left half-done on the connection or in the keys: the whole file then imports completely.
        var summary = await ImportAsync(factory, "whole-large.835", whole);
        Assert.Equal(ClaimsForTwoParts + 3, summary.Claims);
        await AssertKeysConsistentAsync(factory, summary.ImportId, ClaimsForTwoParts + 3);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task LargeImportCancelledWhilePartsAreWritten_SavesNothing(TestDatabase database)
    {
        var factory = AppFactory.For(database);
        var prefix = "BC" + Guid.NewGuid().ToString("N")[..8];
        var bytes = Encoding.ASCII.GetBytes(LargeRemit(prefix, ClaimsForTwoParts * 2, "TR-" + prefix));
        using var cancel = new CancellationTokenSource();
        // The hash reads the file once; cancel three quarters into the parse, after at least one part was written.
        await using var stream = new CancelAfterStream(bytes, bytes.Length + (bytes.Length * 3L / 4), cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ImportAsync(factory, "cancelled.835", stream, cancel.Token));

        Assert.Equal((0, 0, 0), await SavedAsync(factory, prefix));
        var summary = await ImportAsync(factory, "after-cancel.835", Encoding.ASCII.GetString(bytes));
        Assert.Equal((ClaimsForTwoParts * 2) + 3, summary.Claims);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task LargeFile_PaymentAfterTheQueueWasWritten_RecoversTheEarlierDenial(TestDatabase database)
    {
        var factory = AppFactory.For(database);
        var earlierPrefix = "BE" + Guid.NewGuid().ToString("N")[..8];
        var earlier = Pcn(earlierPrefix, 0);
        // One claim with two lines denied CO-97 (120.00 on 29880, 80.00 on 99213), by the payer of the later file.
        var first = await ImportAsync(factory, "denied.835", LargeRemit(earlierPrefix, 1, "TR-" + earlierPrefix));
        Assert.Equal(2, first.Denials);

        // A later, large file: thousands of claims (their rows written in parts, in the background on PostgreSQL), then
        // a later payment of the earlier claim (same control and payer claim numbers, another check) in full.
        var prefix = "BR" + Guid.NewGuid().ToString("N")[..8];
        var later = LargeRemit(prefix, ClaimsForTwoParts, "TR-" + prefix,
            $"CLP*{earlier}*1*200*200**12*PAY-{earlier}*11*1",
            "SVC*HC:29880:XS*120*120**1",
            "DTM*472*20260814",
            "SVC*HC:99213:25*80*80**1",
            "DTM*472*20260814");

        var summary = await ImportAsync(factory, "large-later.835", later);

        Assert.Equal(ClaimsForTwoParts + 4, summary.Claims);
        Assert.Equal(2, summary.RecoveredDenials);
        var recovered = await factory.WithDbAsync(db => db.Denials.AsNoTracking()
            .Where(d => d.Claim.PatientControlNumber == earlier && d.Claim.ImportId == first.ImportId)
            .OrderBy(d => d.Amount).Select(d => new { d.RecoveredByImportId, d.RecoveredByRemittance, d.RecoveryKind }).ToListAsync());
        Assert.Equal(2, recovered.Count);
        Assert.All(recovered, d => Assert.Equal((summary.ImportId, "full"), (d.RecoveredByImportId!.Value, d.RecoveryKind!)));
        Assert.Equal([80m, 120m], recovered.Select(d => d.RecoveredByRemittance!.Value));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task QueuedRowsBreakingAForeignKey_FailTheWrite_AndRollBack(TestDatabase database)
    {
        var factory = AppFactory.For(database);
        var marker = "FK" + Guid.NewGuid().ToString("N")[..8];
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        List<ProviderAdjustmentRow> Orphans() => Enumerable.Range(0, BulkInserter.QueuedRows)
            .Select(_ => new ProviderAdjustmentRow { PaymentId = long.MaxValue, ReasonCode = "WO", ReferenceId = marker, Amount = 1m })
            .ToList();

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            // Two full queues: on PostgreSQL the first is written in the background and fails there; its error must
            // reach the caller (at the next write or at WriteQueuedAsync), not vanish with the task. SQLite fails at once.
            var error = await Record.ExceptionAsync(async () =>
            {
                await using var bulk = new BulkInserter(db);
                await bulk.EnqueueAsync(Orphans());
                await bulk.EnqueueAsync(Orphans());
                await bulk.WriteQueuedAsync();
            });

            Assert.IsAssignableFrom<System.Data.Common.DbException>(error);
            await transaction.RollbackAsync();
        }

        // The connection is free and usable after the failed COPY, and nothing of it was kept.
        Assert.Equal(0, await db.ProviderAdjustments.CountAsync(p => p.ReferenceId == marker));
    }
}
