using System.Globalization;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using Microsoft.EntityFrameworkCore;
using static AppealStudio.Data.Appeals.AppealRules;
using static AppealStudio.Data.Appeals.AppealChanges;

namespace AppealStudio.Data.Appeals;

/// <summary>Re-filling the letter's evidence sections from the chosen excerpts, as a new revision.</summary>
public sealed class RefillEvidence(
    AppDbContext db,
    AppealEvidence evidence,
    AppealLetters letters,
    AuditLog audit,
    ICurrentActor actor,
    TimeProvider clock,
    LetterStates states,
    AppealChanges changes)
{
    /// <summary>Rewrites the letter's evidence sections from the chosen excerpts (a new revision); the rest of the text is kept.</summary>
    public async Task<AppealResult> RefillEvidenceAsync(long appealId, int baseVersion, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        var appeal = await db.Appeals.Include(a => a.Excerpts).FirstOrDefaultAsync(a => a.Id == appealId, cancellationToken);
        if (appeal is null)
        {
            return AppealResult.NotFound();
        }

        if (!IsEditable(appeal.Status))
        {
            return AppealResult.Locked(LockedMessage(appeal.Status));
        }

        if (appeal.Version != baseVersion)
        {
            return Conflict(appeal);
        }

        var state = await states.StateAsync(appeal, cancellationToken: cancellationToken);
        if (state.Template is null)
        {
            return AppealResult.Invalid($"The template '{appeal.TemplateId}' is no longer available.");
        }

        var denial = await letters.LoadDenialAsync(appeal.DenialId, cancellationToken);
        var linked = await evidence.LinkedDocumentsAsync(denial, cancellationToken);
        var render = await letters.RendererAsync(appeal, state.Template.Template, linked, cancellationToken);
        var refill = AppealLetters.RefillEvidence(appeal.Markdown, state.Template.Template, state.Cited, render);
        var text = refill.Markdown;
        var note = refill.Unplaced.Count == 0 ? "" : $" No place was found for: {string.Join(", ", refill.Unplaced)}; paste those quotes into the letter.";
        if (refill.Uncited.Count > 0)
        {
            note += $" Cite {string.Join(", ", refill.Uncited.Select(m => "[" + m + "]"))} where each supports a statement.";
        }

        foreach (var excerpt in appeal.Excerpts)
        {
            if (refill.Renumbered.TryGetValue(excerpt.Label, out var label))
            {
                excerpt.Label = label;
            }
        }

        if (string.Equals(text, appeal.Markdown, StringComparison.Ordinal))
        {
            await db.SaveChangesAsync(cancellationToken);
            return new AppealResult(AppealOutcome.Unchanged, "The evidence sections already match the chosen excerpts." + note, AppealId: appeal.Id, Version: appeal.Version);
        }

        var number = await changes.NextRevisionAsync(appeal.Id, cancellationToken);
        var now = clock.GetUtcNow();
        db.LetterRevisions.Add(new LetterRevision { AppealId = appeal.Id, Number = number, Markdown = text, At = now, UserId = actor.UserId, Actor = actor.Name, Kind = KindTemplate });
        appeal.Markdown = text;
        appeal.Version++;
        appeal.UpdatedAt = now;
        appeal.UpdatedByUserId = actor.UserId;
        audit.Add("appeal.evidence-refilled", "Appeal", Id(appeal.Id), "revision=" + number.ToString(CultureInfo.InvariantCulture));
        return await changes.SaveOrConflictAsync(appeal, "Evidence sections re-filled from the chosen excerpts." + note, number, cancellationToken);
    }
}
