using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using Microsoft.EntityFrameworkCore;
using static AppealStudio.Data.Appeals.AppealRules;
using static AppealStudio.Data.Appeals.AppealChanges;

namespace AppealStudio.Data.Appeals;

/// <summary>Voiding a signature to edit a signed letter again.</summary>
public sealed class VoidSignature(AppDbContext db, AuditLog audit, ICurrentActor actor, TimeProvider clock, AppealChanges changes)
{
    /// <summary>
    /// "Edit (voids signature)": a signed letter goes back to draft. The signed text stays in the history as a
    /// revision; the signature fields are cleared so nothing can print the old signature under new text.
    /// </summary>
    public async Task<AppealResult> VoidSignatureAsync(long appealId, int baseVersion, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        var appeal = await db.Appeals.Include(a => a.Denial).FirstOrDefaultAsync(a => a.Id == appealId, cancellationToken);
        if (appeal is null)
        {
            return AppealResult.NotFound();
        }

        if (appeal.Status is AppealStatus.Draft or AppealStatus.Returned && !IsSigned(appeal))
        {
            return new AppealResult(AppealOutcome.Unchanged, "The letter is not signed.", AppealId: appeal.Id, Version: appeal.Version);
        }

        if (appeal.Status != AppealStatus.Signed)
        {
            return AppealResult.Locked(appeal.Status is AppealStatus.Submitted or AppealStatus.Decided
                ? "The letter was submitted; its signed text can no longer change."
                : LockedMessage(appeal.Status));
        }

        if (appeal.Version != baseVersion)
        {
            return Conflict(appeal);
        }

        var signed = appeal.SignedMarkdown ?? appeal.Markdown;
        var revisions = await db.LetterRevisions.AsNoTracking().Where(r => r.AppealId == appeal.Id).ToListAsync(cancellationToken);
        int? number = null;
        if (!revisions.Any(r => r.Kind == KindSigned && string.Equals(r.Markdown, signed, StringComparison.Ordinal)))
        {
            number = revisions.Count == 0 ? 1 : revisions.Max(r => r.Number) + 1;
            db.LetterRevisions.Add(new LetterRevision { AppealId = appeal.Id, Number = number.Value, Markdown = signed, At = appeal.SignedAt ?? clock.GetUtcNow(), UserId = appeal.SignedByUserId, Actor = appeal.SignedByName ?? "physician", Kind = KindSigned });
        }

        appeal.Status = AppealStatus.Draft;
        appeal.Markdown = signed;
        appeal.SignedByUserId = null;
        appeal.SignedByName = null;
        appeal.SignedAt = null;
        appeal.SignedMarkdown = null;
        appeal.SignatureSha256 = null;
        appeal.Attestation = null;
        appeal.AttestedStatements = null;
        appeal.SignedTimeZone = null;
        appeal.SignOffRequestedToUserId = null;
        appeal.SignOffRequestedAt = null;
        changes.Touch(appeal);
        changes.ChangeDenialStatus(appeal.Denial, DenialStatus.InProgress, "Signature voided to edit the letter.");
        audit.Add("appeal.signature-voided", "Appeal", Id(appeal.Id));
        return await changes.SaveOrConflictAsync(appeal, "The signature is void. Edit the letter and request sign-off again.", number, cancellationToken);
    }
}
