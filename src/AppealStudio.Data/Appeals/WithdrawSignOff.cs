using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using Microsoft.EntityFrameworkCore;
using static AppealStudio.Data.Appeals.AppealRules;
using static AppealStudio.Data.Appeals.AppealChanges;

namespace AppealStudio.Data.Appeals;

/// <summary>Taking a letter back from the physician's queue.</summary>
public sealed class WithdrawSignOff(AppDbContext db, AuditLog audit, ICurrentActor actor, AppealChanges changes)
{
    /// <summary>Takes a letter back from the physician's queue so the specialist can edit it again.</summary>
    public async Task<AppealResult> WithdrawSignOffAsync(long appealId, int baseVersion, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        var appeal = await db.Appeals.Include(a => a.Denial).FirstOrDefaultAsync(a => a.Id == appealId, cancellationToken);
        if (appeal is null)
        {
            return AppealResult.NotFound();
        }

        if (appeal.Status == AppealStatus.Draft)
        {
            return new AppealResult(AppealOutcome.Unchanged, "The letter is already a draft.", AppealId: appeal.Id, Version: appeal.Version);
        }

        if (appeal.Status != AppealStatus.AwaitingSignOff)
        {
            return AppealResult.Locked(LockedMessage(appeal.Status));
        }

        if (appeal.Version != baseVersion)
        {
            return Conflict(appeal);
        }

        appeal.Status = AppealStatus.Draft;
        appeal.SignOffRequestedToUserId = null;
        appeal.SignOffRequestedAt = null;
        changes.Touch(appeal);
        changes.ChangeDenialStatus(appeal.Denial, DenialStatus.InProgress, "Sign-off request withdrawn.");
        audit.Add("appeal.signoff-withdrawn", "Appeal", Id(appeal.Id));
        return await changes.SaveOrConflictAsync(appeal, "Sign-off request withdrawn; the letter can be edited again.", null, cancellationToken);
    }
}
