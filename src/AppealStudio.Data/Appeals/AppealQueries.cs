using AppealStudio.Core;
using AppealStudio.Core.Denials;
using AppealStudio.Core.Letters;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Identity;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Appeals;

/// <summary>
/// What the appeal use cases and the workspace read about a denial before acting: the denial with everything a letter
/// reads, its current appeal, who may sign, and whether the chart supports the code as billed. Reads only.
/// </summary>
public sealed class AppealQueries(AppDbContext db, AppealEvidence evidence)
{
    /// <summary>The denial with everything a letter reads, or null.</summary>
    public Task<Denial?> DenialAsync(long denialId, CancellationToken cancellationToken = default) =>
        AppealLetters.Include(db.Denials).FirstOrDefaultAsync(d => d.Id == denialId, cancellationToken);

    /// <summary>The denial's current appeal: the one at its highest level (issue 13's ladder), or null.</summary>
    public Task<Appeal?> AppealForDenialAsync(long denialId, CancellationToken cancellationToken = default) =>
        db.Appeals.AsNoTracking().Include(a => a.Excerpts).Include(a => a.Attachments.OrderBy(x => x.Id))
            .AsSplitQuery()
            .Where(a => a.DenialId == denialId).OrderByDescending(a => a.Sequence)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Active users with the Physician role, by name: who may be asked to sign.</summary>
    public async Task<IReadOnlyList<AppUser>> PhysiciansAsync(CancellationToken cancellationToken = default)
    {
        var roleIds = db.Roles.Where(r => r.Name == Roles.Physician).Select(r => r.Id);
        return await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)))
            .OrderBy(u => u.DisplayName)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Whether the chart meets the rule of the code as billed, before a letter is drafted: the workspace shows the
    /// finding (what the record shows against which rule), and a letter for an unsupported code is drafted only when
    /// the user asks for it, without any sentence claiming support.
    /// </summary>
    public async Task<ViabilityFinding?> ViabilityAsync(long denialId, CancellationToken cancellationToken = default)
    {
        var denial = await DenialAsync(denialId, cancellationToken);
        if (denial is null)
        {
            return null;
        }

        var linked = await evidence.LinkedDocumentsAsync(denial, cancellationToken);
        var claim = AppealLetters.ClaimRecordOf(denial.Claim);
        var record = AppealLetters.DenialRecordOf(denial, null, Core.Denials.AppealLevel.FirstLevel);
        var line = record.LineNumber is { } n ? claim.Lines.FirstOrDefault(l => l.Number == n) : null;
        return ClinicalViability.Assess(denial.Scenario, line, linked.Select(l => l.Document).ToList());
    }
}
