using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Reports;

/// <summary>
/// What the lifecycle adds to the reports for the filter's denials (remittance date range, payer, provider, specialty):
/// money recovered by later remittances, with an appeal on file (those appeals are decided and counted in the win
/// rates too) and without one, the days from the denial to that recovery, and the amount lost to expired deadlines.
/// </summary>
/// <param name="RecoveredWithAppeal">Denials a later remittance paid while an appeal was on file.</param>
/// <param name="RecoveredWithAppealAmount">What those payments recovered.</param>
/// <param name="RecoveredWithoutAppeal">Denials a later remittance paid with no appeal on file.</param>
/// <param name="RecoveredWithoutAppealAmount">What those payments recovered.</param>
/// <param name="AverageDaysToRecovery">Days from the denying remittance to the recovering one, over all recoveries.</param>
/// <param name="Expired">Open denials whose deadline passed (as of today).</param>
/// <param name="ExpiredAmount">The amount lost with them (less anything recovered).</param>
public sealed record LifecycleTotals(
    int RecoveredWithAppeal,
    decimal RecoveredWithAppealAmount,
    int RecoveredWithoutAppeal,
    decimal RecoveredWithoutAppealAmount,
    double? AverageDaysToRecovery,
    int Expired,
    decimal ExpiredAmount)
{
    public decimal RecoveredAmount => RecoveredWithAppealAmount + RecoveredWithoutAppealAmount;
}

public sealed class LifecycleReport(AppDbContext db, TimeProvider clock, ICurrentActor actor)
{
    public async Task<LifecycleTotals> GetAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        RoleGuard.Demand(actor, RoleGuard.Manage, "Reports");
        var denials = filter.Apply(db.Denials.AsNoTracking());
        var recoveries = await denials.Where(d => d.RecoveredByRemittance != null)
            .GroupBy(d => d.RecoveredWithoutAppeal)
            .Select(g => new
            {
                Without = g.Key,
                Count = g.Count(),
                Amount = g.Sum(d => d.RecoveredByRemittance ?? 0m),
                Dated = g.Sum(d => d.RecoveredOn != null && d.RemittanceDate != null ? 1 : 0),
                Days = g.Sum(d => d.RecoveredOn != null && d.RemittanceDate != null ? d.RecoveredOn.Value.DayNumber - d.RemittanceDate.Value.DayNumber : 0),
            })
            .ToListAsync(cancellationToken);
        var today = DenialWorkflow.Today(clock);
        var expired = await denials.Expired(today)
            .GroupBy(d => 1)
            .Select(g => new { Count = g.Count(), Amount = g.Sum(d => d.Amount - (d.RecoveredByRemittance ?? 0m)) })
            .FirstOrDefaultAsync(cancellationToken);
        var with = recoveries.FirstOrDefault(r => !r.Without);
        var without = recoveries.FirstOrDefault(r => r.Without);
        var dated = recoveries.Sum(r => r.Dated);
        return new LifecycleTotals(
            with?.Count ?? 0, with?.Amount ?? 0m,
            without?.Count ?? 0, without?.Amount ?? 0m,
            dated == 0 ? null : (double)recoveries.Sum(r => (long)r.Days) / dated,
            expired?.Count ?? 0, expired?.Amount ?? 0m);
    }
}
