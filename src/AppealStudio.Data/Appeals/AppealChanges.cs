using System.Globalization;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Appeals;

/// <summary>
/// What the appeal commands do the same way: bump the letter's version, record the denial's status event in the same
/// unit of work, save or report a concurrency conflict with the current text, and the small text helpers of audit rows.
/// </summary>
public sealed class AppealChanges(AppDbContext db, ICurrentActor actor, TimeProvider clock)
{
    public async Task<int> NextRevisionAsync(long appealId, CancellationToken cancellationToken) =>
        (await db.LetterRevisions.Where(r => r.AppealId == appealId).MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0) + 1;

    public async Task<AppealResult> SaveOrConflictAsync(Appeal appeal, string message, int? revision, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Appeals.AsNoTracking().FirstAsync(a => a.Id == appeal.Id, cancellationToken);
            return Conflict(current);
        }

        return new AppealResult(AppealOutcome.Done, message, AppealId: appeal.Id, Version: appeal.Version, Revision: revision);
    }

    public static AppealResult Conflict(Appeal current) =>
        new(AppealOutcome.Conflict,
            "Someone else changed this letter after you opened it. Your text is kept in the editor; compare it with the saved version below, then save yours as a new version or reload.",
            AppealId: current.Id, Version: current.Version, CurrentMarkdown: current.Markdown);

    public void Touch(Appeal appeal)
    {
        appeal.Version++;
        appeal.UpdatedAt = clock.GetUtcNow();
        appeal.UpdatedByUserId = actor.UserId;
    }

    public void ChangeDenialStatus(Denial denial, DenialStatus status, string text)
    {
        if (denial.Status == status)
        {
            return;
        }

        var now = clock.GetUtcNow();
        db.DenialEvents.Add(new DenialEvent
        {
            DenialId = denial.Id,
            At = now,
            UserId = actor.UserId,
            Actor = actor.Name,
            Type = "status",
            FromStatus = denial.Status.ToString(),
            ToStatus = status.ToString(),
            Text = text,
        });
        denial.Status = status;
        denial.StatusChangedAt = now;
        denial.UpdatedAt = now;
        denial.Version++;
    }

    public DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    public static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
