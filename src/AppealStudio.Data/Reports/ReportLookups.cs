using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Reports;

/// <summary>The choices of the report filter form.</summary>
public sealed class ReportLookups(AppDbContext db)
{
    /// <summary>
    /// Payer names as the 835s spell them. Read from payments (one per 835 transaction, a small table) rather than
    /// from denials, which carry the same denormalised name a million times.
    /// </summary>
    public async Task<IReadOnlyList<string>> PayersAsync(CancellationToken cancellationToken = default) =>
        await db.Payments.Select(p => p.PayerName).Distinct().OrderBy(n => n).ToListAsync(cancellationToken);

    /// <summary>Providers known as users (physicians with an NPI), offered as suggestions; any NPI can be typed.</summary>
    public async Task<IReadOnlyList<(string Npi, string Name)>> ProvidersAsync(CancellationToken cancellationToken = default) =>
        (await db.Users.Where(u => u.Npi != null && u.Npi != "")
            .Select(u => new { u.Npi, u.DisplayName })
            .OrderBy(u => u.DisplayName)
            .ToListAsync(cancellationToken))
        .Select(u => (u.Npi!, u.DisplayName)).ToList();
}
