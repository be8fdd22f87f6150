using AppealStudio.Data.Audit;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Practice;

/// <summary>The practice setup as one user sees it: the checklist, and whether this user can complete it (an Admin).</summary>
public sealed record PracticeSetupView(PracticeSetup Setup, bool CanComplete);

/// <summary>
/// Whether the practice profile holds what every letter prints, for any signed-in user: an Admin gets the checklist
/// to work through, every other role who must complete it (Admins by name). The profile itself stays Admin-only
/// (<see cref="PracticeProfileAdministration"/>); this reads only which items are filled, never their values.
/// Not audited: it shows no patient or practice data.
/// </summary>
public sealed class PracticeSetupReader(AppDbContext db, ICurrentActor actor)
{
    public async Task<PracticeSetupView> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (!Identity.Roles.All.Any(actor.IsInRole))
        {
            throw new UnauthorizedAccessException("The practice setup is shown to users with a role.");
        }

        var profile = await db.PracticeProfiles.AsNoTracking().OrderBy(p => p.Id).FirstOrDefaultAsync(cancellationToken);
        var setup = new PracticeSetup(PracticeProfileAdministration.SetupItemsOf(profile), await PracticeProfileAdministration.AdminNamesAsync(db, cancellationToken));
        return new PracticeSetupView(setup, actor.IsInRole(Identity.Roles.Admin));
    }
}
