using System.Globalization;
using AppealStudio.Core;
using AppealStudio.Core.Denials;
using AppealStudio.Core.Remittance;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Lifecycle;
using AppealStudio.Data.Practice;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.FeeSchedules;

/// <summary>A payer's schedule as Settings lists it: its rows and the dates they cover (EffectiveTo null: open-ended).</summary>
public sealed record FeeSchedulePayer(string Payer, int Rates, string FileName, DateTimeOffset UploadedAt, string UploadedBy)
{
    public DateOnly? EffectiveFrom { get; init; }

    public DateOnly? EffectiveTo { get; init; }
}

/// <summary>An upload of the past or present (Settings shows what replaced or retired it).</summary>
public sealed record FeeScheduleHistoryEntry(int Id, string Payer, string FileName, int Rates, DateTimeOffset UploadedAt, string UploadedBy, DateTimeOffset? ReplacedAt);

/// <summary>What re-assessing a payer's earlier claims against its schedule did.</summary>
/// <param name="LinesChecked">Paid lines with a rate in the schedule.</param>
/// <param name="Added">New underpayment denials.</param>
/// <param name="Updated">Open underpayment denials whose amounts moved with the new rates.</param>
/// <param name="NoLongerUnderpaid">Open underpayment denials the new rates no longer find short (left for a person to close).</param>
public sealed record UnderpaymentReassessment(int LinesChecked, int Added, int Updated, int NoLongerUnderpaid);

/// <summary>
/// Fee schedules per payer (Settings &gt; Fee schedules, <c>appealstudio fees import FILE --payer PAYER</c>): a file is
/// the payer's whole schedule (it replaces the previous one), saved only when every row is good. After a save the
/// payer's earlier claims are assessed again, so a line paid below its contract becomes an underpayment denial, worked
/// like any other; the import finds them from then on (<see cref="LoadAsync"/>).
/// </summary>
public sealed class FeeScheduleStore(AppDbContext db, AuditLog audit, ICurrentActor actor, TimeProvider clock, DenialRules rules)
{
    private const int ClaimBatch = 300;

    /// <summary>Every stored rate as one schedule for the import's detector; null when no payer has one.</summary>
    public static async Task<FeeSchedule?> LoadAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rates = await db.FeeScheduleRates.AsNoTracking().ToListAsync(cancellationToken);
        return rates.Count == 0 ? null : FeeSchedule.From(rates.Select(ToEntry));
    }

    // Managers read the schedules (the underpayments they manage come from them); only admins change them.
    public async Task<IReadOnlyList<FeeSchedulePayer>> PayersAsync(CancellationToken cancellationToken = default)
    {
        RoleGuard.Demand(actor, RoleGuard.Manage, "Fee schedules");
        var uploads = await db.FeeScheduleUploads.AsNoTracking().Where(u => u.ReplacedAt == null).OrderBy(u => u.Payer).ThenBy(u => u.Id).ToListAsync(cancellationToken);
        var spans = await db.FeeScheduleRates.AsNoTracking().GroupBy(r => r.UploadId)
            .Select(g => new { g.Key, From = g.Min(r => r.EffectiveFrom), Open = g.Any(r => r.EffectiveTo == null), To = g.Max(r => r.EffectiveTo) })
            .ToDictionaryAsync(g => g.Key, cancellationToken);
        return uploads.Select(u => new FeeSchedulePayer(u.Payer, u.RateCount, u.FileName, u.UploadedAt, u.UploadedBy)
        {
            EffectiveFrom = spans.TryGetValue(u.Id, out var span) ? span.From : null,
            EffectiveTo = span is null || span.Open ? null : span.To,
        }).ToList();
    }

    /// <summary>Every upload, newest first: the ones in force and those a later file replaced or an admin retired.</summary>
    public async Task<IReadOnlyList<FeeScheduleHistoryEntry>> HistoryAsync(int take = 50, CancellationToken cancellationToken = default)
    {
        RoleGuard.Demand(actor, RoleGuard.Manage, "Fee schedules");
        return await db.FeeScheduleUploads.AsNoTracking().OrderByDescending(u => u.UploadedAt).ThenByDescending(u => u.Id).Take(Math.Clamp(take, 1, 500))
            .Select(u => new FeeScheduleHistoryEntry(u.Id, u.Payer, u.FileName, u.RateCount, u.UploadedAt, u.UploadedBy, u.ReplacedAt))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<FeeScheduleRate>> RatesAsync(string payer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payer);
        RoleGuard.Demand(actor, RoleGuard.Manage, "Fee schedules");
        var key = Key(payer);
        return await db.FeeScheduleRates.AsNoTracking().Where(r => r.PayerKey == key)
            .OrderBy(r => r.Code).ThenBy(r => r.Modifier).ThenBy(r => r.EffectiveFrom).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Saves <paramref name="csv"/> as <paramref name="payer"/>'s schedule. Bad rows come back in
    /// <see cref="LifecycleResult.Problems"/> with their line numbers and nothing is saved.
    /// </summary>
    public async Task<(LifecycleResult Result, UnderpaymentReassessment? Reassessment)> ImportAsync(string payer, string fileName, TextReader csv,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        RoleGuard.Demand(actor, RoleGuard.Settings, "Fee schedules");
        payer = payer?.Trim() ?? "";
        if (payer.Length is 0 or > 200)
        {
            return (LifecycleResult.Fail("Name the payer as the 835 gives it (N1*PR name) or its payer id."), null);
        }

        var (entries, errors) = FeeSchedule.ReadPayerFile(csv, payer);
        if (errors.Count > 0)
        {
            return (LifecycleResult.Fail($"{Path.GetFileName(fileName)} has {errors.Count.ToString(CultureInfo.InvariantCulture)} bad row(s); nothing was saved.")
                with { Problems = errors.Select(e => e.ToString()).ToList() }, null);
        }

        var key = Key(payer);
        var now = clock.GetUtcNow();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.FeeScheduleRates.Where(r => r.PayerKey == key).ExecuteDeleteAsync(cancellationToken);
            await db.FeeScheduleUploads.Where(u => u.ReplacedAt == null && u.PayerKey == key)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.ReplacedAt, now), cancellationToken);
            var upload = new FeeScheduleUpload
            {
                Payer = payer, PayerKey = key, FileName = Truncate(Path.GetFileName(fileName), 260), RateCount = entries.Count, UploadedAt = now, UploadedBy = Truncate(actor.Name, 256),
            };
            db.FeeScheduleUploads.Add(upload);
            await db.SaveChangesAsync(cancellationToken);
            db.FeeScheduleRates.AddRange(entries.Select(e => new FeeScheduleRate
            {
                UploadId = upload.Id, Payer = payer, PayerKey = key, Code = e.Procedure, Modifier = e.Modifier, Allowed = e.Allowed,
                EffectiveFrom = e.EffectiveFrom!.Value, EffectiveTo = e.EffectiveTo, LineNumber = e.LineNumber,
            }));
            audit.Add("fees.import", nameof(FeeScheduleUpload), upload.Id.ToString(CultureInfo.InvariantCulture),
                $"payer={Truncate(payer, 200)} rates={entries.Count.ToString(CultureInfo.InvariantCulture)}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        db.ChangeTracker.Clear();
        var reassessment = await ReassessAsync(payer, cancellationToken);
#pragma warning disable CA1304, CA1311 // ToUpper() here is translated to SQL UPPER(); no .NET culture is involved.
        var known = await db.Payments.AnyAsync(p => p.PayerName.ToUpper() == key || (p.PayerIdentifier != null && p.PayerIdentifier.ToUpper() == key), cancellationToken);
#pragma warning restore CA1304, CA1311
        var message = string.Create(CultureInfo.InvariantCulture,
            $"{entries.Count} rate(s) saved for {payer}. Earlier claims: {reassessment.Added} underpayment(s) found, {reassessment.Updated} updated.")
            + (known ? "" : " No imported remittance names this payer yet: check that it is spelled as the 835 gives it (N1*PR name or payer id).");
        return (LifecycleResult.Ok(message), reassessment);
    }

    /// <summary>Removes a payer's schedule (its underpayment denials stay, to be worked or closed by a person).</summary>
    public async Task<LifecycleResult> DeleteAsync(string payer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payer);
        RoleGuard.Demand(actor, RoleGuard.Settings, "Fee schedules");
        var key = Key(payer);
        var removed = await db.FeeScheduleRates.Where(r => r.PayerKey == key).ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            return LifecycleResult.Missing("This payer has no fee schedule.");
        }

        await db.FeeScheduleUploads.Where(u => u.ReplacedAt == null && u.PayerKey == key)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.ReplacedAt, clock.GetUtcNow()), cancellationToken);
        await audit.RecordAsync("fees.delete", nameof(FeeScheduleUpload), null, $"payer={Truncate(payer.Trim(), 200)} rates={removed.ToString(CultureInfo.InvariantCulture)}", cancellationToken);
        return LifecycleResult.Ok($"The fee schedule of {payer.Trim()} was removed.");
    }

    /// <summary>
    /// Assesses the payer's stored claims against its schedule: a paid line with no denial of its own that was paid
    /// below its contract becomes an underpayment denial (classified, with deadline and priority, like at import); an
    /// open underpayment denial follows the new rates.
    /// </summary>
    public async Task<UnderpaymentReassessment> ReassessAsync(string payer, CancellationToken cancellationToken = default)
    {
        var key = Key(payer);
        var rates = await db.FeeScheduleRates.AsNoTracking().Where(r => r.PayerKey == key).ToListAsync(cancellationToken);
        if (rates.Count == 0)
        {
            return new UnderpaymentReassessment(0, 0, 0, 0);
        }

        var schedule = FeeSchedule.From(rates.Select(ToEntry));
        var codes = rates.Select(r => r.Code).Distinct().ToList();
#pragma warning disable CA1304, CA1311 // ToUpper() here is translated to SQL UPPER(); no .NET culture is involved.
        var claimIds = await db.Claims.AsNoTracking()
            .Where(c => !c.IsReversal && (c.Payment.PayerName.ToUpper() == key || (c.Payment.PayerIdentifier != null && c.Payment.PayerIdentifier.ToUpper() == key)))
            .Where(c => db.ServiceLines.Any(l => l.ClaimId == c.Id && codes.Contains(l.ProcedureCode)))
            .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(cancellationToken);
#pragma warning restore CA1304, CA1311
        var assessor = await rules.BuildAssessorAsync(cancellationToken);
        var today = DenialWorkflow.Today(clock);
        var now = clock.GetUtcNow();
        int checkedLines = 0, added = 0, updated = 0, cleared = 0;
        foreach (var batch in claimIds.Chunk(ClaimBatch))
        {
            db.ChangeTracker.Clear();
            var claims = await db.Claims.Where(c => batch.Contains(c.Id)).Include(c => c.Payment).Include(c => c.Lines).Include(c => c.Adjustments)
                .AsSplitQuery().ToListAsync(cancellationToken);
            var denials = await db.Denials.Where(d => batch.Contains(d.ClaimId)).ToListAsync(cancellationToken);
            foreach (var claim in claims)
            {
                foreach (var line in claim.Lines)
                {
                    var lineDenials = denials.Where(d => d.ServiceLineId == line.Id).ToList();
                    var existing = lineDenials.FirstOrDefault(d => d.Kind == "underpayment");
                    if (lineDenials.Any(d => d.Kind != "underpayment"))
                    {
                        continue;
                    }

                    var serviceDate = line.ServiceDate ?? claim.StatementFrom;
                    var rate = schedule.Find(claim.Payment.PayerIdentifier, claim.Payment.PayerName, line.ProcedureCode, line.ModifierList, serviceDate);
                    if (rate is null)
                    {
                        continue;
                    }

                    checkedLines++;
                    var adjustments = claim.Adjustments.Where(a => a.ServiceLineId == line.Id).Select(a => (a.GroupCode, a.ReasonCode, a.Amount));
                    var assessment = FeeSchedule.Assess(rate, line.Units, line.PaidAmount, adjustments);
                    if (existing is not null)
                    {
                        if (!DenialWorkflow.IsOpen(existing.Status))
                        {
                            continue;
                        }

                        if (!assessment.IsUnderpaid)
                        {
                            cleared++;
                            continue;
                        }

                        if (existing.Amount != assessment.Shortfall || existing.ExpectedAmount != assessment.Expected)
                        {
                            existing.Amount = assessment.Shortfall;
                            existing.ExpectedAmount = assessment.Expected;
                            existing.PaidAmount = assessment.Paid;
                            existing.UpdatedAt = now;
                            updated++;
                        }

                        continue;
                    }

                    if (!assessment.IsUnderpaid)
                    {
                        continue;
                    }

                    db.Denials.Add(NewUnderpayment(claim, line, assessment, assessor, today, now));
                    added++;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        db.ChangeTracker.Clear();
        await audit.RecordAsync("fees.reassess", "Denial", null, string.Create(CultureInfo.InvariantCulture,
            $"payer={Truncate(payer.Trim(), 200)} lines={checkedLines} added={added} updated={updated} no-longer-underpaid={cleared}"), cancellationToken);
        return new UnderpaymentReassessment(checkedLines, added, updated, cleared);
    }

    private static Denial NewUnderpayment(Remittances.Claim claim, Remittances.ServiceLineRow line, UnderpaymentAssessment assessment,
        DenialAssessor assessor, DateOnly today, DateTimeOffset now)
    {
        var denial = new Denial
        {
            ClaimId = claim.Id,
            Claim = claim,
            ServiceLineId = line.Id,
            ServiceLine = line,
            Kind = "underpayment",
            Amount = assessment.Shortfall,
            ExpectedAmount = assessment.Expected,
            PaidAmount = assessment.Paid,
            PayerName = claim.Payment.PayerName,
            PayerIdentifier = claim.Payment.PayerIdentifier,
            ProcedureCode = line.ProcedureCode,
            RenderingProviderNpi = claim.RenderingProviderNpi,
            ServiceDate = line.ServiceDate ?? claim.StatementFrom,
            RemittanceDate = claim.Payment.PaymentDate ?? claim.Payment.ProductionDate,
            Status = DenialStatus.New,
            CreatedAt = now,
            UpdatedAt = now,
            StatusChangedAt = now,
        };
        var others = claim.Lines.Where(l => l.Id != line.Id && l.ProcedureCode.Length > 0).ToList();
        var facts = DenialReassessment.FactsOf(denial, others.Select(l => l.ProcedureCode).Distinct().ToList()) with
        {
            OtherLines = others.Select(l => new ClaimLine(l.ProcedureCode, [.. l.ModifierList], l.ServiceDate ?? claim.StatementFrom)).ToList(),
        };
        var a = assessor.Assess(facts, today);
        var c = a.Classification;
        denial.Severity = c.Severity.ToCode();
        denial.Action = c.Action.ToCode();
        denial.Category = c.Category.ToCode();
        denial.RootCause = c.RootCause.ToCode();
        denial.Owner = c.Owner.ToCode();
        denial.Liability = c.Liability.ToCode();
        denial.Scenario = a.Scenario?.ToCode();
        denial.RuleId = Truncate(c.RuleId, 200);
        denial.Explanation = Truncate(c.Explanation, 1000);
        denial.AppealDeadline = a.Deadline.Date;
        denial.DeadlineBasis = Truncate(a.Deadline.Basis, 500);
        denial.DeadlineIsDefault = a.Deadline.IsDefaultRule;
        denial.Probability = decimal.Round(a.Priority.Probability, 4);
        denial.ExpectedRecovery = decimal.Round(a.Priority.ExpectedRecovery, 2);
        denial.PriorityScore = decimal.Round(a.Priority.Score, 2);
        // The claim and line were only needed to build the facts; they are stored already.
        denial.Claim = null!;
        denial.ServiceLine = null;
        return denial;
    }

    private static FeeScheduleEntry ToEntry(FeeScheduleRate r) =>
        new(r.Payer, r.Code, r.Modifier, r.Allowed, r.LineNumber) { EffectiveFrom = r.EffectiveFrom, EffectiveTo = r.EffectiveTo };

    // Compared with SQL UPPER() of the stored names: ASCII payer names and ids upper-case the same way on both sides.
    private static string Key(string payer) => payer.Trim().ToUpperInvariant();

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
