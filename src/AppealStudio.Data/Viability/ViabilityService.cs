using System.Globalization;
using AppealStudio.Core.Denials;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Lifecycle;
using AppealStudio.Data.Practice;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Viability;

/// <summary>An acknowledgment as a page shows it.</summary>
public sealed record AcknowledgmentInfo(long Id, IReadOnlyList<string> Codes, string? Note, DateTimeOffset At, string Actor, long? AppealId);

/// <summary>The viability warnings of one denial on a date, and the acknowledgments already recorded for it.</summary>
public sealed record ViabilityReport(long DenialId, DateOnly AsOf, IReadOnlyList<ViabilityWarning> Warnings, IReadOnlyList<AcknowledgmentInfo> Acknowledgments)
{
    /// <summary>Warnings no acknowledgment has covered yet (a letter start asks for these).</summary>
    public IReadOnlyList<ViabilityWarning> Unacknowledged =>
        Warnings.Where(w => !Acknowledgments.Any(a => a.Codes.Contains(w.Code, StringComparer.Ordinal))).ToList();
}

/// <summary>
/// Viability warnings for stored denials (the denial page, the worklist, the workspace and <c>denials list</c>): the
/// core's <see cref="ViabilityChecker"/> over the claim's stored lines, the NCCI edits loaded from CMS files in force on
/// the date of service (else the shipped sample), and the shipped inclusion and unit tables with the practice's rows.
/// </summary>
public sealed class ViabilityService(AppDbContext db, DenialRules rules, AuditLog audit, ICurrentActor actor, TimeProvider clock)
{
    public const int MaxNoteLength = 1000;

    private PayerDirectory? payers;
    private ColumnOneInclusions? inclusions;
    private PhysicalStatusUnits? units;

    /// <summary>The warnings of one denial on <paramref name="asOf"/> (today when null); null when the denial does not exist.</summary>
    public async Task<ViabilityReport?> ForDenialAsync(long denialId, DateOnly? asOf = null, CancellationToken cancellationToken = default)
    {
        RoleGuard.Demand(actor, RoleGuard.WorkDenials, "Viability warnings");
        var date = asOf ?? DenialWorkflow.Today(clock);
        var warnings = await WarningsAsync([denialId], date, cancellationToken);
        if (!warnings.TryGetValue(denialId, out var list))
        {
            return null;
        }

        var acknowledgments = await db.ViabilityAcknowledgments.AsNoTracking().Where(a => a.DenialId == denialId).OrderBy(a => a.At)
            .ToListAsync(cancellationToken);
        return new ViabilityReport(denialId, date, list, acknowledgments.Select(ToInfo).ToList());
    }

    /// <summary>
    /// The warnings of many denials on <paramref name="asOf"/> (a worklist page, <c>denials list</c>): a handful of
    /// queries whatever the number of denials. Denials that do not exist are absent from the result.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<ViabilityWarning>>> WarningsAsync(IReadOnlyCollection<long> denialIds, DateOnly asOf,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(denialIds);
        RoleGuard.Demand(actor, RoleGuard.WorkDenials, "Viability warnings");
        var result = new Dictionary<long, IReadOnlyList<ViabilityWarning>>();
        foreach (var chunk in denialIds.Distinct().Chunk(500))
        {
            var denials = await db.Denials.AsNoTracking().Where(d => chunk.Contains(d.Id))
                .Include(d => d.Claim).Include(d => d.ServiceLine).ToListAsync(cancellationToken);
            var claimIds = denials.Select(d => d.ClaimId).Distinct().ToList();
            var lines = (await db.ServiceLines.AsNoTracking().Where(l => claimIds.Contains(l.ClaimId))
                    .Select(l => new { l.ClaimId, l.Id, l.ProcedureCode, l.Modifiers, l.SubmittedModifiers, l.ServiceDate, ClaimDate = l.Claim.StatementFrom })
                    .ToListAsync(cancellationToken))
                .ToLookup(l => l.ClaimId);
            var deniedCodes = denials.Select(d => d.ServiceLine?.ProcedureCode).Where(c => !string.IsNullOrEmpty(c)).Select(c => c!).Distinct().ToList();
            var edits = deniedCodes.Count == 0 ? [] : await db.NcciEdits.AsNoTracking()
                .Where(e => deniedCodes.Contains(e.Column2))
                .Join(db.NcciEditFiles.Where(f => f.ReplacedAt == null), e => e.FileId, f => f.Id,
                    (e, f) => new { e.Column1, e.Column2, e.EffectiveFrom, e.DeletedOn, e.ModifierIndicator, f.Version, f.Part })
                .ToListAsync(cancellationToken);
            var checkerParts = await PartsAsync(cancellationToken);

            foreach (var denial in denials)
            {
                var otherLines = lines[denial.ClaimId]
                    .Where(l => l.Id != denial.ServiceLineId && !string.IsNullOrEmpty(l.ProcedureCode))
                    .Select(l => new ClaimLine(l.ProcedureCode, [.. Split(l.Modifiers), .. Split(l.SubmittedModifiers)], l.ServiceDate ?? l.ClaimDate))
                    .ToList();
                var facts = DenialReassessment.FactsOf(denial, otherLines.Select(l => l.ProcedureCode!).Distinct().ToList()) with { OtherLines = otherLines };
                var code = ProcedureCodes.Normalize(denial.ServiceLine?.ProcedureCode);
                var loaded = edits.Where(e => e.Column2 == code).Select(e => new NcciPair(e.Column1, e.Column2, e.ModifierIndicator, "")
                {
                    EffectiveFrom = e.EffectiveFrom,
                    DeletedOn = e.DeletedOn,
                    Source = $"CMS NCCI PTP {e.Version}, {e.Part}",
                }).ToList();
                var pairs = NcciPairs(loaded, facts.ServiceDate);
                var checker = new ViabilityChecker(new ModifierJudgement(pairs), checkerParts.Inclusions, checkerParts.Units);
                var payer = checkerParts.Payers.Resolve(denial.PayerIdentifier, denial.PayerName).Rule;
                Scenario? scenario = VocabularyCodes.TryParse<Scenario>(denial.Scenario, out var s) ? s : null;
                result[denial.Id] = checker.Check(new ViabilityInput(facts, payer, scenario, denial.AppealDeadline, asOf));
            }
        }

        return result;
    }

    /// <summary>
    /// Records that the actor goes ahead despite <paramref name="codes"/> (a letter started anyway), with an optional note.
    /// Every code must be one of the denial's current warnings.
    /// </summary>
    public async Task<(bool Done, string Message, long? AcknowledgmentId)> AcknowledgeAsync(long denialId, IReadOnlyCollection<string> codes, string? note,
        long? appealId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(codes);
        RoleGuard.Demand(actor, RoleGuard.WorkDenials, "Acknowledging a warning");
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > MaxNoteLength })
        {
            return (false, $"Keep the note under {MaxNoteLength.ToString(CultureInfo.InvariantCulture)} characters.", null);
        }

        var report = await ForDenialAsync(denialId, null, cancellationToken);
        if (report is null)
        {
            return (false, "This denial no longer exists.", null);
        }

        var current = report.Warnings.Select(w => w.Code).ToHashSet(StringComparer.Ordinal);
        var unknown = codes.Where(c => !current.Contains(c)).ToList();
        if (codes.Count == 0 || unknown.Count > 0)
        {
            return (false, unknown.Count > 0 ? $"The denial has no warning {string.Join(", ", unknown)} (any more)." : "Choose the warnings to acknowledge.", null);
        }

        var row = new ViabilityAcknowledgment
        {
            DenialId = denialId,
            AppealId = appealId,
            Codes = string.Join(',', codes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
            Note = note,
            At = clock.GetUtcNow(),
            UserId = actor.UserId,
            Actor = actor.Name.Length > 256 ? actor.Name[..256] : actor.Name,
        };
        db.ViabilityAcknowledgments.Add(row);
        audit.Add("viability.acknowledge", nameof(Denial), denialId.ToString(CultureInfo.InvariantCulture), "codes=" + row.Codes);
        await db.SaveChangesAsync(cancellationToken);
        return (true, "Acknowledged.", row.Id);
    }

    /// <summary>Links an acknowledgment to the appeal it let start.</summary>
    internal async Task LinkAsync(long acknowledgmentId, long appealId, CancellationToken cancellationToken) =>
        await db.ViabilityAcknowledgments.Where(a => a.Id == acknowledgmentId)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.AppealId, appealId), cancellationToken);

    /// <summary>
    /// The pairs a denial is judged with: the loaded CMS edits in force on its date of service, and the shipped sample
    /// for pairs no loaded file has (a loaded file is authoritative for its pairs, in force or not).
    /// </summary>
    private static NcciPairTable NcciPairs(List<NcciPair> loaded, DateOnly? serviceDate)
    {
        if (loaded.Count == 0)
        {
            return NcciPairTable.Default;
        }

        var known = loaded.Select(p => (p.Column1, p.Column2)).ToHashSet();
        var inForce = loaded.Where(p => p.InForceOn(serviceDate));
        return new NcciPairTable([.. inForce, .. NcciPairTable.Default.Pairs.Where(p => !known.Contains((p.Column1, p.Column2)))]);
    }

    // The payer rules only: the whole assessor would also read every decided appeal for the overturn odds, which no
    // warning uses (seconds per worklist page at a million denials; ADR 0110).
    private async Task<(PayerDirectory Payers, ColumnOneInclusions Inclusions, PhysicalStatusUnits Units)> PartsAsync(CancellationToken cancellationToken)
    {
        payers ??= await rules.PayersAsync(cancellationToken);
        if (inclusions is null)
        {
            var rows = await db.ColumnOneInclusionRows.AsNoTracking().ToListAsync(cancellationToken);
            inclusions = ColumnOneInclusions.Default.WithOverrides(rows.Select(ViabilityDataAdministration.ToRule));
        }

        if (units is null)
        {
            var rows = await db.PhysicalStatusUnitRows.AsNoTracking().ToListAsync(cancellationToken);
            units = PhysicalStatusUnits.Default.With(rows.Select(ViabilityDataAdministration.ToRule));
        }

        return (payers, inclusions, units);
    }

    private static AcknowledgmentInfo ToInfo(ViabilityAcknowledgment a) =>
        new(a.Id, a.Codes.Split(',', StringSplitOptions.RemoveEmptyEntries), a.Note, a.At, a.Actor, a.AppealId);

    private static IReadOnlyList<string> Split(string? csv) =>
        string.IsNullOrEmpty(csv) ? [] : csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
