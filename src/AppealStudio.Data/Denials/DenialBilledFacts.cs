using AppealStudio.Core.Letters;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Denials;

/// <summary>
/// A denied line as billed and as adjudicated, for the worklist and the denial page: "billed 90837, paid as 90834"
/// (and the same for modifiers and units), from SVC06/SVC07 when the payer changed the code.
/// </summary>
/// <param name="DenialId">The denial.</param>
/// <param name="LineNumber">The line on the claim.</param>
/// <param name="Billed">What was billed ("90837", "29880-XS-LT").</param>
/// <param name="Adjudicated">What the payer adjudicated.</param>
/// <param name="BilledUnits">Units billed.</param>
/// <param name="PaidUnits">Units paid.</param>
/// <param name="IsRecoded">The payer changed the code, modifiers or units.</param>
/// <param name="Description">"billed 90837, paid as 90834", or the billed code when nothing changed.</param>
public sealed record DenialBilledLine(long DenialId, int LineNumber, string Billed, string Adjudicated, decimal? BilledUnits, decimal? PaidUnits, bool IsRecoded, string Description);

/// <summary>The denied lines of a page of denials as billed and as paid, in one query.</summary>
public sealed class DenialBilledFacts(AppDbContext db)
{
    public async Task<IReadOnlyDictionary<long, DenialBilledLine>> ForDenialsAsync(IReadOnlyCollection<long> denialIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(denialIds);
        if (denialIds.Count == 0)
        {
            return new Dictionary<long, DenialBilledLine>();
        }

        var rows = await db.Denials.AsNoTracking()
            .Where(d => denialIds.Contains(d.Id) && d.ServiceLine != null)
            .Select(d => new
            {
                d.Id,
                d.ServiceLine!.LineNumber,
                d.ServiceLine.ProcedureCode,
                d.ServiceLine.Modifiers,
                d.ServiceLine.Units,
                d.ServiceLine.SubmittedProcedureCode,
                d.ServiceLine.SubmittedModifiers,
                d.ServiceLine.SubmittedUnits,
                d.ServiceLine.ChargeAmount,
                d.ServiceLine.PaidAmount,
            })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r =>
        {
            var line = BilledClaimLine.From(r.LineNumber, r.ProcedureCode, r.Modifiers, r.Units, r.SubmittedProcedureCode, r.SubmittedModifiers, r.SubmittedUnits,
                r.ChargeAmount, r.PaidAmount, null, [], null);
            return new DenialBilledLine(r.Id, r.LineNumber, line.Billed.Display, line.Adjudicated.Display, line.Billed.Units, line.Adjudicated.Units, line.IsRecoded, line.BilledAndPaid);
        });
    }
}
