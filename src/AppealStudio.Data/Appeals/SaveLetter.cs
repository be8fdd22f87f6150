using System.Globalization;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using Microsoft.EntityFrameworkCore;
using static AppealStudio.Data.Appeals.AppealRules;
using static AppealStudio.Data.Appeals.AppealChanges;

namespace AppealStudio.Data.Appeals;

/// <summary>Saving the letter text (an explicit save or an autosave) as a revision, with optimistic concurrency.</summary>
public sealed class SaveLetter(AppDbContext db, AuditLog audit, ICurrentActor actor, TimeProvider clock)
{
    /// <summary>
    /// Saves the letter text as a new revision. <paramref name="baseVersion"/> is the <see cref="Appeal.Version"/>
    /// the editor loaded: if the letter moved on since, nothing is saved and the current text comes back as a
    /// conflict. The same text as the saved one is a no-op (a double submit creates no second revision). Autosaves
    /// by the same user replace their own previous autosave so the history keeps the versions people meant to keep.
    /// </summary>
    public async Task<AppealResult> SaveAsync(long appealId, string markdown, int baseVersion, string kind, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        ArgumentNullException.ThrowIfNull(markdown);
        if (kind is not (KindDraft or KindAutosave))
        {
            return AppealResult.Invalid("Unknown kind of save.");
        }

        var text = Normalize(markdown);
        if (text.Trim().Length == 0)
        {
            return AppealResult.Invalid("The letter is empty. Write the letter, or reload the page to get the saved text back.", "Markdown");
        }

        if (text.Length > MaxLetterLength)
        {
            return AppealResult.Invalid($"The letter is longer than {MaxLetterLength.ToString(CultureInfo.InvariantCulture)} characters.", "Markdown");
        }

        var appeal = await db.Appeals.FirstOrDefaultAsync(a => a.Id == appealId, cancellationToken);
        if (appeal is null)
        {
            return AppealResult.NotFound();
        }

        var latest = await db.LetterRevisions.Where(r => r.AppealId == appealId).OrderByDescending(r => r.Number).FirstOrDefaultAsync(cancellationToken);
        if (string.Equals(text, appeal.Markdown, StringComparison.Ordinal))
        {
            // An explicit Save of text that an autosave already stored keeps that revision as a draft.
            if (kind == KindDraft && latest is { Kind: KindAutosave } && latest.UserId == actor.UserId && string.Equals(latest.Markdown, text, StringComparison.Ordinal))
            {
                latest.Kind = KindDraft;
                await db.SaveChangesAsync(cancellationToken);
            }

            return new AppealResult(AppealOutcome.Unchanged, "No changes to save.", AppealId: appeal.Id, Version: appeal.Version, Revision: latest?.Number);
        }

        if (!IsEditable(appeal.Status))
        {
            return AppealResult.Locked(LockedMessage(appeal.Status));
        }

        if (appeal.Version != baseVersion)
        {
            return Conflict(appeal);
        }

        var now = clock.GetUtcNow();
        int number;
        if (kind == KindAutosave && latest is { Kind: KindAutosave } && latest.UserId == actor.UserId && actor.UserId is not null)
        {
            latest.Markdown = text;
            latest.At = now;
            number = latest.Number;
        }
        else
        {
            number = (latest?.Number ?? 0) + 1;
            db.LetterRevisions.Add(new LetterRevision { AppealId = appeal.Id, Number = number, Markdown = text, At = now, UserId = actor.UserId, Actor = actor.Name, Kind = kind });
        }

        appeal.Markdown = text;
        appeal.Version++;
        appeal.UpdatedAt = now;
        appeal.UpdatedByUserId = actor.UserId;
        audit.Add("appeal.saved", "Appeal", Id(appeal.Id), $"kind={kind} revision={number.ToString(CultureInfo.InvariantCulture)}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another save won the race for this version (concurrency token) or revision number (unique index).
            db.ChangeTracker.Clear();
            var current = await db.Appeals.AsNoTracking().FirstAsync(a => a.Id == appealId, cancellationToken);
            return Conflict(current);
        }

        return new AppealResult(AppealOutcome.Done, kind == KindAutosave ? "Autosaved." : "Saved.", AppealId: appeal.Id, Version: appeal.Version, Revision: number);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
}
