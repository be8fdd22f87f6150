using System.Globalization;
using System.Security.Cryptography;
using AppealStudio.Core;
using AppealStudio.Core.Denials;
using AppealStudio.Core.Remittance;
using AppealStudio.Core.X12;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Remittances;

/// <summary>How far an import has got, for progress bars.</summary>
public sealed record ImportProgress(long BytesRead, long TotalBytes, int Claims);

/// <summary>What an import did, for the summary page and the CLI.</summary>
public sealed record ImportSummary(
    long ImportId,
    string FileName,
    int Payments,
    int Claims,
    int Lines,
    int Denials,
    int SkippedClaims,
    decimal DeniedAmount,
    IReadOnlyList<KeyValuePair<string, int>> DenialsByCategory,
    IReadOnlyList<KeyValuePair<string, int>> DenialsByRootCause,
    IReadOnlyList<string> Warnings,
    long WarningCount,
    long? SameFileImportId,
    int RecoveredAppeals)
{
    /// <summary>Earlier denials this file's payments recovered (with or without an appeal on file).</summary>
    public int RecoveredDenials { get; init; }
}

/// <summary>A file that could not be imported; nothing of it was saved. The message says where and what to do.</summary>
public sealed class RemittanceImportException(string message, long importId, Exception inner) : Exception(message, inner)
{
    public long ImportId { get; } = importId;
}

/// <summary>
/// Imports an 835 file in one transaction: every payment, claim, line, adjustment and PLB; every denial classified,
/// with deadline and priority. A malformed file saves nothing (only a failed-import record saying where it broke).
/// Claims already imported (same payer, payer claim number, patient control number, status and payment trace) are
/// skipped and counted, so importing a file twice changes nothing.
/// </summary>
public sealed class RemittanceImporter(AppDbContext db, AuditLog audit, ICurrentActor actor, DenialRules rules, TimeProvider clock, ImportSlots slots)
{
    /// <summary>Claims held in memory and written together.</summary>
    public const int BatchSize = 500;

    /// <summary>
    /// A batch is also written once its claims hold this many segments (a CAS counting once per adjustment), so a file
    /// of few, very large claims holds no more in memory than one of many small ones: 500 ordinary claims are about
    /// 10,000-13,000, so ordinary files are written in batches of 500 claims as before.
    /// </summary>
    public const int BatchSegments = 12_000;

    private readonly AppDbContext db = db;
    private readonly AuditLog audit = audit;
    private readonly ICurrentActor actor = actor;
    private readonly TimeProvider clock = clock;

    public async Task<ImportSummary> ImportAsync(string fileName, Stream content, IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        fileName = Path.GetFileName(fileName);

        // One of the process's import slots, or ImportBusyException before anything is read.
        using var slot = await slots.EnterAsync(cancellationToken);

        // The hash needs a second pass over the bytes: a stream that cannot seek (an upload) goes to a temp file first.
        var (stream, ownsStream) = content.CanSeek ? (content, false) : (await SpoolAsync(content, cancellationToken), true);
        try
        {
            var start = stream.Position;
            var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
            var size = stream.Length - start;
            stream.Position = start;
            var sameFile = await db.RemittanceImports.AsNoTracking()
                .Where(i => i.FileSha256 == sha && i.Status == ImportStatus.Completed)
                .OrderBy(i => i.Id).Select(i => (long?)i.Id).FirstOrDefaultAsync(cancellationToken);

            var run = new ImportRun(this, fileName, sha, size, sameFile, progress, await rules.BuildAssessorAsync(cancellationToken),
                await FeeSchedules.FeeScheduleStore.LoadAsync(db, cancellationToken));
            var summary = await run.ExecuteAsync(stream, cancellationToken);
            // Owners are people: the new denials go to the members of their owner role (practice setting, issue 13).
            await new Assignment.OwnerAssignment(db, audit, actor, clock).AutoAssignImportAsync(summary.ImportId, "system:auto-assign", cancellationToken);
            return summary;
        }
        finally
        {
            if (ownsStream)
            {
                await stream.DisposeAsync();
            }
        }
    }

    private static async Task<Stream> SpoolAsync(Stream content, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), "appealstudio-upload-" + Guid.NewGuid().ToString("N"));
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await content.CopyToAsync(file, cancellationToken);
        file.Position = 0;
        return file;
    }

    private sealed class ImportRun(RemittanceImporter owner, string fileName, string sha, long size, long? sameFile,
        IProgress<ImportProgress>? progress, DenialAssessor assessor, FeeSchedule? fees)
    {
        private readonly AppDbContext db = owner.db;
        private readonly List<(ClaimPayment Source, Claim Entity)> batch = [];
        private readonly Dictionary<ClaimAdjustment, AdjustmentRow> adjustmentRows = new(ReferenceEqualityComparer.Instance);
        private long batchSegments;
        private readonly Dictionary<ClaimPayment, Claim> recentClaims = new(ReferenceEqualityComparer.Instance);
        private readonly HashSet<string> seenKeys = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> paymentClaims = new(StringComparer.Ordinal);
        private readonly Dictionary<ClaimPayment, long> pendingReversals = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<(string? PayerId, string? Trace), List<Payment>> earlierPayments = [];
        private readonly HashSet<string> lookedUpPcns = new(StringComparer.Ordinal);
        // Control numbers that earlier imports hold: only their claims can recover an earlier denial.
        private readonly HashSet<string> earlierPcns = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> byCategory = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> byRootCause = new(StringComparer.Ordinal);
        private readonly List<string> skipNotes = [];
        // With the practice's fee schedules, a line paid below its contract is an underpayment denial (issue 13).
        private readonly DenialDetector detector = new(feeSchedule: fees);
        private RemittanceImport import = default!;
        private Payment? payment;
        private bool paymentReused;
        private int payments;
        private int claims;
        private int lines;
        private int denials;
        private int skipped;
        private int recovered;
        private int recoveredDenials;
        private decimal deniedAmount;
        private DateOnly today;
        private BulkInserter? inserter;

        public async Task<ImportSummary> ExecuteAsync(Stream stream, CancellationToken cancellationToken)
        {
            var now = owner.clock.GetUtcNow();
            today = DateOnly.FromDateTime(now.UtcDateTime);
            import = new RemittanceImport
            {
                FileName = fileName,
                FileSha256 = sha,
                SizeBytes = size,
                ImportedAt = now,
                ImportedByUserId = owner.actor.UserId,
                ImportedBy = owner.actor.Name,
                Status = ImportStatus.Completed,
            };

            var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            await using var cache = await SqlitePageCache.EnlargeAsync(db, SqlitePageCache.ImportCacheKib, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            using var reader = new RemittanceReader(stream, new ReadOptions(), leaveOpen: true);
            try
            {
                db.RemittanceImports.Add(import);
                await db.SaveChangesAsync(cancellationToken);
                await using var bulk = new BulkInserter(db);
                inserter = bulk;

                foreach (var item in reader.ReadEvents())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    switch (item)
                    {
                        case PaymentStarted started:
                            await FlushAsync(cancellationToken);
                            await StartPaymentAsync(started.Payment, cancellationToken);
                            break;
                        case ClaimRead read:
                            await AddClaimAsync(read.Claim, cancellationToken);
                            break;
                        case PaymentEnded ended:
                            await FlushAsync(cancellationToken);
                            // The reader links a correction only within its transaction.
                            pendingReversals.Clear();
                            await AddProviderAdjustmentsAsync(ended.Payment, cancellationToken);
                            break;
                    }
                }

                await FlushAsync(cancellationToken);
                await bulk.WriteQueuedAsync(cancellationToken);
                if (claims + skipped == 0 && payments == 0)
                {
                    throw new X12ParseException("The file holds no 835 remittance: no payment (BPR) or claim (CLP) was found. Check that this is an 835 file from your payer or clearinghouse.", 0, 0, null);
                }

                var warnings = reader.Warnings.Select(w => w.ToString()).Concat(skipNotes).ToList();
                import = await db.RemittanceImports.SingleAsync(i => i.Id == import.Id, cancellationToken);
                import.PaymentCount = payments;
                import.ClaimCount = claims;
                import.LineCount = lines;
                import.DenialCount = denials;
                import.SkippedClaimCount = skipped;
                import.DeniedAmount = deniedAmount;
                if (claims == 0 && payments == 0 && skipped > 0)
                {
                    // Nothing added: the warnings belong to the import that added these claims and are stored there;
                    // a copy per re-upload made 14 MB of a 20 MB database (issue 14). The uploader still sees them.
                    import.WarningCount = 1;
                    import.Warnings = NothingAddedNote(skipped, sameFile, reader.WarningCount);
                }
                else
                {
                    import.WarningCount = (int)Math.Min(int.MaxValue, reader.WarningCount + skipNotes.Count);
                    import.Warnings = warnings.Count == 0 ? null : string.Join('\n', warnings.Take(500));
                }
                db.ChangeTracker.DetectChanges();
                owner.audit.Add("remit.import", "RemittanceImport", import.Id.ToString(CultureInfo.InvariantCulture),
                    $"claims={claims} denials={denials} skipped={skipped}");
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                progress?.Report(new ImportProgress(size, size, claims));
                Telemetry.AppMetrics.FilesImported.Add(1, new KeyValuePair<string, object?>("outcome", "completed"));
                Telemetry.AppMetrics.ClaimsPerImport.Record(claims);
                Telemetry.AppMetrics.DenialsPerImport.Record(denials);
                Telemetry.AppMetrics.ImportDuration.Record((owner.clock.GetUtcNow() - now).TotalSeconds, new KeyValuePair<string, object?>("outcome", "completed"));

                return new ImportSummary(import.Id, fileName, payments, claims, lines, denials, skipped, deniedAmount,
                    byCategory.OrderByDescending(kv => kv.Value).ToList(), byRootCause.OrderByDescending(kv => kv.Value).ToList(),
                    warnings.Take(200).ToList(), reader.WarningCount + skipNotes.Count, sameFile, recovered)
                {
                    RecoveredDenials = recoveredDenials,
                };
            }
            catch (X12ParseException ex)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                Telemetry.AppMetrics.FilesImported.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
                Telemetry.AppMetrics.ImportDuration.Record((owner.clock.GetUtcNow() - now).TotalSeconds, new KeyValuePair<string, object?>("outcome", "failed"));
                var failedId = await RecordFailureAsync(ex.Message);
                throw new RemittanceImportException(ex.Message, failedId, ex);
            }
            finally
            {
                db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
            }
        }

        private static string NothingAddedNote(int skipped, long? sameFile, long fileWarnings) =>
            string.Create(CultureInfo.InvariantCulture,
                $"Nothing added: all {skipped} claim(s) were already imported") +
            (sameFile is { } id ? string.Create(CultureInfo.InvariantCulture, $" (the same file as import {id})") : "") +
            (fileWarnings > 0
                ? string.Create(CultureInfo.InvariantCulture, $"; the file's {fileWarnings} warning(s) are not stored again.")
                : ".");

        /// <summary>
        /// The first payment of an earlier import with this trace, payer, amount and date. Each (payer, trace) pair
        /// is fetched once per import: the earlier imports do not change while this one runs, and a file that repeats
        /// one trace number thousands of times (de-identified files do) would otherwise read all of this file's
        /// rows with that trace again for every payment.
        /// </summary>
        private async Task<Payment?> FindEarlierPaymentAsync(PaymentHeader header, string payerName, CancellationToken cancellationToken)
        {
            var key = (header.PayerId, header.TraceNumber);
            if (!earlierPayments.TryGetValue(key, out var candidates))
            {
                var importId = import.Id;
                var (payerId, trace) = key;
                // Through the inserter's lookups: on PostgreSQL the import's connection may be busy writing its queue.
                candidates = await inserter!.Lookups.Payments.AsNoTracking()
                    .Where(p => p.ImportId != importId && p.TraceNumber == trace && p.PayerIdentifier == payerId)
                    .OrderBy(p => p.Id)
                    .Select(p => new Payment
                    {
                        Id = p.Id, ImportId = p.ImportId, TraceNumber = p.TraceNumber, PayerIdentifier = p.PayerIdentifier,
                        PayerName = p.PayerName, TotalPaid = p.TotalPaid, PaymentDate = p.PaymentDate,
                    })
                    .ToListAsync(cancellationToken);
                earlierPayments[key] = candidates;
            }

            return candidates.FirstOrDefault(p => p.PayerName == payerName && p.TotalPaid == header.TotalPaymentAmount && p.PaymentDate == header.PaymentDate);
        }

        private async Task<long> RecordFailureAsync(string message)
        {
            db.ChangeTracker.Clear();
            var failed = new RemittanceImport
            {
                FileName = fileName,
                FileSha256 = sha,
                SizeBytes = size,
                ImportedAt = owner.clock.GetUtcNow(),
                ImportedByUserId = owner.actor.UserId,
                ImportedBy = owner.actor.Name,
                Status = ImportStatus.Failed,
                Error = message,
            };
            db.RemittanceImports.Add(failed);
            await db.SaveChangesAsync(CancellationToken.None);
            await owner.audit.RecordAsync("remit.import-failed", "RemittanceImport", failed.Id.ToString(CultureInfo.InvariantCulture));
            return failed.Id;
        }

        private async Task StartPaymentAsync(PaymentHeader header, CancellationToken cancellationToken)
        {
            // A payment already imported from another file is reused, so a repeated file adds no payment rows; its
            // claims are then skipped one by one, and its PLBs are not stored twice.
            paymentClaims.Clear();
            var existingPayment = await FindEarlierPaymentAsync(header, header.PayerName ?? "(payer not named)", cancellationToken);
            if (existingPayment is not null)
            {
                payment = existingPayment;
                paymentReused = true;
                return;
            }

            paymentReused = false;
            payment = new Payment
            {
                ImportId = import.Id,
                TraceNumber = header.TraceNumber,
                PayerIdentifier = header.PayerId,
                PayerName = header.PayerName ?? "(payer not named)",
                PayeeName = header.Payee?.Name,
                PayeeNpi = header.PayeeNpi,
                PayeeTaxId = header.PayeeTaxId,
                TotalPaid = header.TotalPaymentAmount,
                PaymentMethod = header.PaymentMethod,
                PaymentDate = header.PaymentDate,
                ProductionDate = header.ProductionDate,
                DetailJson = DetailJson.Serialize(new
                {
                    header.HandlingCode,
                    header.CreditDebitFlag,
                    header.PaymentFormat,
                    header.TraceType,
                    header.TraceOriginatorId,
                    header.TransactionControlNumber,
                    Payer = PartyDetail(header.Payer),
                    Payee = PartyDetail(header.Payee),
                    header.References,
                    header.Dates,
                }),
            };
            await inserter!.EnqueueAsync([payment], cancellationToken);
            payments++;
        }

        private async Task AddClaimAsync(ClaimPayment source, CancellationToken cancellationToken)
        {
            var entity = ToEntity(source, adjustmentRows);
            batch.Add((source, entity));
            batchSegments += source.SegmentCount;
            if (batch.Count >= BatchSize || batchSegments >= BatchSegments)
            {
                await FlushAsync(cancellationToken);
            }
        }

        /// <summary>Drops the claims of this batch that are already stored, saves the rest with their denials.</summary>
        private async Task FlushAsync(CancellationToken cancellationToken)
        {
            if (batch.Count == 0 || payment is null)
            {
                ClearBatch();
                return;
            }

            // Only earlier imports count: two claims of one file with the same numbers are two claims (de-identified
            // files do this), while the same claim arriving again in another file is a duplicate.
            // Each control number is looked up once per import: a number that repeats within the file (de-identified
            // files repeat one number thousands of times) would otherwise fetch all its earlier rows again and again.
            var pcns = batch.Select(b => b.Entity.PatientControlNumber).Distinct().Where(lookedUpPcns.Add).ToList();
            var importId = import.Id;
            // Earlier imports are committed rows, so the inserter's lookups read them (on PostgreSQL on a second
            // connection, while the import's own connection writes the queue in the background).
            var existing = pcns.Count == 0 ? [] : await inserter!.Lookups.Claims.AsNoTracking()
                .Where(c => pcns.Contains(c.PatientControlNumber) && c.Payment.ImportId != importId)
                .Select(c => new { c.PatientControlNumber, c.PayerClaimNumber, c.StatusCode, c.Payment.TraceNumber, c.Payment.PayerIdentifier, c.Payment.PayerName })
                .ToListAsync(cancellationToken);
            foreach (var e in existing)
            {
                seenKeys.Add(Key(e.PayerIdentifier, e.PayerName, e.PayerClaimNumber, e.PatientControlNumber, e.StatusCode, e.TraceNumber));
                earlierPcns.Add(e.PatientControlNumber);
            }

            recentClaims.Clear();
            var stored = new List<Claim>();
            var newDenials = new List<Denial>();
            var paidPcns = new List<string>();
            foreach (var (source, entity) in batch)
            {
                var key = Key(payment.PayerIdentifier, payment.PayerName, entity.PayerClaimNumber, entity.PatientControlNumber,
                    entity.StatusCode, payment.TraceNumber);
                if (seenKeys.Contains(key))
                {
                    skipped++;
                    if (skipNotes.Count < 100)
                    {
                        skipNotes.Add($"Skipped claim at segment {source.SegmentNumber.ToString(CultureInfo.InvariantCulture)}: " +
                            "already imported (same payer, claim number, status and payment trace).");
                    }

                    continue;
                }

                entity.PaymentId = payment.Id;
                entity.ImportId = import.Id;
                stored.Add(entity);
                recentClaims[source] = entity;
                claims++;
                lines += entity.Lines.Count;
                newDenials.AddRange(DenialsOf(source, entity));
                if (!source.IsReversal && source.PaymentAmount > 0m)
                {
                    paidPcns.Add(source.PatientControlNumber);
                }
            }

            // Keys are reserved before anything is written, so every foreign key (and the link from a reversal to
            // the claim that corrects it) is set first and each table is written in multi-row statements.
            var storedLines = new List<ServiceLineRow>();
            var storedAdjustments = new List<AdjustmentRow>();
            foreach (var claim in stored)
            {
                storedLines.AddRange(claim.Lines);
                storedAdjustments.AddRange(claim.Adjustments);
            }

            await inserter!.AssignKeysAsync(stored, cancellationToken);
            foreach (var claim in stored)
            {
                paymentClaims.TryAdd(claim.PatientControlNumber, claim.Id);
            }

            await inserter.AssignKeysAsync(storedLines, cancellationToken);
            foreach (var claim in stored)
            {
                foreach (var line in claim.Lines)
                {
                    line.ClaimId = claim.Id;
                    foreach (var adjustment in line.Adjustments)
                    {
                        adjustment.ServiceLineId = line.Id;
                    }
                }

                foreach (var adjustment in claim.Adjustments)
                {
                    adjustment.ClaimId = claim.Id;
                }
            }

            await inserter.AssignKeysAsync(storedAdjustments, cancellationToken);
            foreach (var denial in newDenials)
            {
                denial.ClaimId = denial.Claim.Id;
                denial.ServiceLineId = denial.ServiceLine?.Id;
                denial.AdjustmentId = denial.Adjustment?.Id;
            }

            var lateReversals = LinkReversals();
            await inserter.EnqueueAsync(stored, cancellationToken);
            if (lateReversals.Count > 0)
            {
                // The reversal may still wait in the queue (PostgreSQL): the UPDATE must find it.
                await inserter.WriteQueuedAsync(cancellationToken);
            }

            foreach (var (reversalId, correctedId) in lateReversals)
            {
                await db.Claims.Where(c => c.Id == reversalId)
                    .ExecuteUpdateAsync(u => u.SetProperty(c => c.CorrectedByClaimId, correctedId), cancellationToken);
            }

            await inserter.EnqueueAsync(storedLines, cancellationToken);
            await inserter.EnqueueAsync(storedAdjustments, cancellationToken);
            await inserter.EnqueueAsync(newDenials, cancellationToken);
            if (paidPcns.Any(earlierPcns.Contains))
            {
                // The recovery links earlier denials to this batch's claims: they must be stored first.
                await inserter.WriteQueuedAsync(cancellationToken);
                await RecoverAsync(cancellationToken);
            }

            ClearBatch();
            progress?.Report(new ImportProgress(0, size, claims));
        }

        private void ClearBatch()
        {
            batch.Clear();
            adjustmentRows.Clear();
            batchSegments = 0;
        }

        /// <summary>
        /// Points each reversal at the claim that corrects it. Both usually fall in the same batch; a reversal that
        /// ended the previous batch waits in <see cref="pendingReversals"/> and is updated once its correction is
        /// stored (the returned pairs).
        /// </summary>
        private List<(long Reversal, long Corrected)> LinkReversals()
        {
            var late = new List<(long, long)>();
            foreach (var (source, entity) in recentClaims)
            {
                if (source.IsReversal)
                {
                    if (source.CorrectedBy is { } corrected && recentClaims.TryGetValue(corrected, out var correctedEntity))
                    {
                        entity.CorrectedByClaimId = correctedEntity.Id;
                    }
                    else
                    {
                        pendingReversals[source] = entity.Id;
                    }
                }
                else if (source.Corrects is { } reversal && pendingReversals.Remove(reversal, out var reversalId))
                {
                    late.Add((reversalId, entity.Id));
                }
            }

            return late;
        }

        private List<Denial> DenialsOf(ClaimPayment source, Claim entity)
        {
            var result = new List<Denial>();
            foreach (var found in detector.Detect(source))
            {
                var facts = found.Facts;
                var assessment = assessor.Assess(facts, today);
                var c = assessment.Classification;
                var line = found.Line is null ? null : entity.Lines[IndexOf(source, found.Line)];
                // The row made from the very adjustment the detector found (a lookup, not a search of the claim's rows:
                // a claim with thousands of denied adjustments would make a search quadratic).
                var adjustment = found.Adjustment is null ? null : adjustmentRows.GetValueOrDefault(found.Adjustment);

                var denial = new Denial
                {
                    Claim = entity,
                    ServiceLine = line,
                    Adjustment = adjustment,
                    Kind = found.Kind switch { DenialKind.Coded => "coded", DenialKind.Silent => "silent", DenialKind.Underpayment => "underpayment" },
                    GroupCode = facts.GroupCode,
                    ReasonCode = facts.ReasonCode,
                    RemarkCodes = facts.RemarkCodes.Count == 0 ? null : string.Join(',', facts.RemarkCodes),
                    Amount = found.Amount,
                    PayerName = payment!.PayerName,
                    PayerIdentifier = payment.PayerIdentifier,
                    ProcedureCode = facts.ProcedureCode,
                    RenderingProviderNpi = entity.RenderingProviderNpi,
                    ServiceDate = facts.ServiceDate,
                    RemittanceDate = facts.RemittanceDate,
                    ExpectedAmount = found.ExpectedPayment,
                    PaidAmount = found.Kind == DenialKind.Underpayment ? found.Line?.PaidAmount : null,
                    Severity = c.Severity.ToCode(),
                    Action = c.Action.ToCode(),
                    Category = c.Category.ToCode(),
                    RootCause = c.RootCause.ToCode(),
                    Owner = c.Owner.ToCode(),
                    Liability = c.Liability.ToCode(),
                    Scenario = assessment.Scenario?.ToCode(),
                    RuleId = Truncate(c.RuleId, 200),
                    Explanation = Truncate(c.Explanation, 1000),
                    AppealDeadline = assessment.Deadline.Date,
                    DeadlineBasis = Truncate(assessment.Deadline.Basis, 500),
                    DeadlineIsDefault = assessment.Deadline.IsDefaultRule,
                    Probability = decimal.Round(assessment.Priority.Probability, 4),
                    ExpectedRecovery = decimal.Round(assessment.Priority.ExpectedRecovery, 2),
                    PriorityScore = decimal.Round(assessment.Priority.Score, 2),
                    Status = DenialStatus.New,
                    CreatedAt = import.ImportedAt,
                    UpdatedAt = import.ImportedAt,
                    StatusChangedAt = import.ImportedAt,
                };
                result.Add(denial);
                denials++;
                deniedAmount += found.Amount;
                byCategory[denial.Category] = byCategory.GetValueOrDefault(denial.Category) + 1;
                byRootCause[denial.RootCause] = byRootCause.GetValueOrDefault(denial.RootCause) + 1;
            }

            return result;
        }

        /// <summary>The claims of this batch that paid something may recover denials of earlier imports (<see cref="RemittanceRecoveries"/>).</summary>
        private async Task RecoverAsync(CancellationToken cancellationToken)
        {
            var candidates = recentClaims
                .Where(c => !c.Key.IsReversal && c.Key.PaymentAmount > 0m && earlierPcns.Contains(c.Key.PatientControlNumber))
                .Select(c => new RecoveryCandidate(
                    c.Value.Id,
                    c.Key.PatientControlNumber,
                    c.Key.Corrects is { } reversal ? [c.Key.PayerClaimControlNumber, reversal.PayerClaimControlNumber] : [c.Key.PayerClaimControlNumber],
                    payment!.PayerName,
                    payment.PayerIdentifier,
                    c.Key.PaymentAmount,
                    c.Key.ServiceLines.Where(l => l.Procedure.Code is not null).Select(l => (l.Procedure.Code!, l.PaidAmount)).ToList(),
                    c.Key.Corrects is not null))
                .ToList();
            var result = await RemittanceRecoveries.ApplyAsync(db, owner.audit, import.Id, import.ImportedAt, payment!.PaymentDate, candidates, cancellationToken);
            recovered += result.AppealsDecided;
            recoveredDenials += result.Denials;
        }

        private async Task AddProviderAdjustmentsAsync(PaymentHeader header, CancellationToken cancellationToken)
        {
            if (payment is null || paymentReused)
            {
                return;
            }

            var rows = new List<ProviderAdjustmentRow>();
            foreach (var plb in header.ProviderAdjustments)
            {
                foreach (var item in plb.Items)
                {
                    // The reader links a PLB reference to a claim of the same transaction by its control number; the
                    // first claim of this payment with that number stored by this import is the one it names.
                    long? linked = item.Link is { } link && paymentClaims.TryGetValue(link.PatientControlNumber, out var claimId) ? claimId : null;
                    rows.Add(new ProviderAdjustmentRow
                    {
                        PaymentId = payment.Id,
                        ProviderId = plb.ProviderId,
                        FiscalPeriodDate = plb.FiscalPeriodDate,
                        ReasonCode = item.ReasonCode,
                        ReferenceId = item.ReferenceId,
                        Amount = item.Amount,
                        LinkedClaimId = linked,
                    });
                }
            }

            await inserter!.EnqueueAsync(rows, cancellationToken);
        }

        private static Claim ToEntity(ClaimPayment c, Dictionary<ClaimAdjustment, AdjustmentRow> rows)
        {
            var patient = c.CorrectedPatient ?? c.Patient;
            var entity = new Claim
            {
                PatientControlNumber = c.PatientControlNumber,
                PayerClaimNumber = c.PayerClaimControlNumber,
                StatusCode = c.StatusCode,
                ChargeAmount = c.ChargeAmount,
                PaidAmount = c.PaymentAmount,
                PatientResponsibility = c.PatientResponsibilityAmount,
                FilingIndicator = c.FilingIndicatorCode,
                FacilityTypeCode = c.FacilityTypeCode,
                FrequencyCode = c.FrequencyCode,
                PatientLastName = patient?.LastOrOrganizationName,
                PatientFirstName = patient?.FirstName,
                PatientMemberId = c.Patient?.Id ?? c.Insured?.Id,
                InsuredName = c.Insured?.DisplayName,
                InsuredMemberId = c.Insured?.Id,
                RenderingProviderName = c.RenderingProvider?.DisplayName,
                RenderingProviderNpi = c.RenderingProvider?.Id,
                StatementFrom = c.StatementFrom,
                StatementTo = c.StatementTo,
                ReceivedDate = c.ReceivedDate,
                RemarkCodes = c.RemarkCodes.Count == 0 ? null : string.Join(',', c.RemarkCodes),
                IsReversal = c.IsReversal,
                DetailJson = DetailJson.Serialize(new
                {
                    c.Names,
                    c.Inpatient,
                    c.Outpatient,
                    c.Dates,
                    c.Amounts,
                    c.Quantities,
                    c.References,
                    c.Contacts,
                    c.DrgCode,
                    c.DrgWeight,
                    c.DischargeFraction,
                    c.PatientStatusCode,
                    c.ConditionCode,
                }),
            };

            foreach (var a in c.Adjustments)
            {
                var row = new AdjustmentRow { GroupCode = a.GroupCode, ReasonCode = a.ReasonCode, Amount = a.Amount, Quantity = a.Quantity };
                entity.Adjustments.Add(row);
                rows[a] = row;
            }

            var number = 0;
            foreach (var l in c.ServiceLines)
            {
                var line = new ServiceLineRow
                {
                    LineNumber = ++number,
                    ProcedureQualifier = l.Procedure.Qualifier,
                    ProcedureCode = l.Procedure.Code ?? "",
                    Modifiers = l.Procedure.Modifiers.Count == 0 ? null : string.Join(',', l.Procedure.Modifiers),
                    ChargeAmount = l.ChargeAmount,
                    PaidAmount = l.PaidAmount,
                    RevenueCode = l.RevenueCode,
                    Units = l.Units,
                    SubmittedProcedureCode = l.SubmittedProcedure?.Code,
                    SubmittedModifiers = l.SubmittedProcedure is { Modifiers.Count: > 0 } sp ? string.Join(',', sp.Modifiers) : null,
                    SubmittedUnits = l.SubmittedUnits,
                    ServiceDate = l.ServiceDate ?? l.ServicePeriodStart,
                    ServiceDateTo = l.ServicePeriodEnd,
                    AllowedAmount = l.AllowedAmount,
                    LineControlNumber = l.LineControlNumber,
                    RemarkCodes = l.Remarks.Count == 0 ? null : string.Join(',', l.Remarks.Select(r => r.Code)),
                    DetailJson = DetailJson.Serialize(new { l.Procedure.Description, l.Dates, l.References, l.Amounts, l.Quantities, l.Remarks }),
                };
                foreach (var a in l.Adjustments)
                {
                    var row = new AdjustmentRow { GroupCode = a.GroupCode, ReasonCode = a.ReasonCode, Amount = a.Amount, Quantity = a.Quantity };
                    line.Adjustments.Add(row);
                    entity.Adjustments.Add(row);
                    rows[a] = row;
                }

                entity.Lines.Add(line);
            }

            return entity;
        }

        private static int IndexOf(ClaimPayment claim, ServiceLine line)
        {
            for (var i = 0; i < claim.ServiceLines.Count; i++)
            {
                if (ReferenceEquals(claim.ServiceLines[i], line))
                {
                    return i;
                }
            }

            throw new InvalidOperationException("The denied line is not on its claim.");
        }

        private static object? PartyDetail(Party? p) =>
            p is null ? null : new { p.EntityCode, p.Name, p.IdQualifier, p.Id, p.Address, p.References, p.Contacts };

        private static string Key(string? payerId, string? payerName, string? payerClaimNumber, string pcn, string status, string? trace) =>
            string.Join('\u001f', payerId ?? "", payerName ?? "", payerClaimNumber ?? "", pcn, status, trace ?? "");

        private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
    }
}
