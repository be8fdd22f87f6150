using AppealStudio.Core.Denials;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Practice;

/// <summary>What <see cref="ClassificationUpgrade.ApplyAsync"/> did.</summary>
/// <param name="PreviousVersion">The rules version the database had recorded; null on a database that never recorded one.</param>
/// <param name="CurrentVersion">The version of the rules that ship now (<see cref="AssessmentRules.Current"/>).</param>
/// <param name="Reassessment">What re-assessing the open denials did; <see cref="ReassessmentResult.None"/> when nothing changed.</param>
public sealed record UpgradeResult(string? PreviousVersion, string CurrentVersion, ReassessmentResult Reassessment)
{
    public bool Reassessed => !string.Equals(PreviousVersion, CurrentVersion, StringComparison.Ordinal);
}

/// <summary>
/// Keeps stored denials in step with the shipped rules across upgrades. The database remembers the rules version its
/// open denials were last assessed with (<see cref="SystemSetting"/> <see cref="VersionKey"/>); when a release ships
/// different rules (<see cref="AssessmentRules.Current"/>), start-up re-assesses every open denial through
/// <see cref="DenialReassessment"/>, which keeps the hand classifications specialists made and leaves closed denials as
/// they were worked. Runs from <see cref="DatabaseInitializer.MigrateAsync"/>, so the web app's start and every CLI
/// command that opens the database (<c>appealstudio db migrate</c> first of all) do it.
/// </summary>
public sealed class ClassificationUpgrade(AppDbContext db, DenialReassessment reassessment, TimeProvider clock)
{
    public const string VersionKey = "classification-rules-version";

    /// <summary>The actor the audit trail names for the start-up reassessment.</summary>
    public const string SystemActor = "system:upgrade";

    /// <summary>The version recorded in the database, or null when none was.</summary>
    public async Task<string?> RecordedVersionAsync(CancellationToken cancellationToken = default) =>
        await db.SystemSettings.AsNoTracking().Where(s => s.Key == VersionKey).Select(s => s.Value).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Re-assesses the open denials when the shipped rules changed since the version recorded, then records the new one.</summary>
    public async Task<UpgradeResult> ApplyAsync(CancellationToken cancellationToken = default)
    {
        var current = AssessmentRules.Current;
        var previous = await RecordedVersionAsync(cancellationToken);
        if (string.Equals(previous, current, StringComparison.Ordinal))
        {
            return new UpgradeResult(previous, current, ReassessmentResult.None);
        }

        // Several instances may start together: each may re-assess (the result is the same, the work is idempotent);
        // the version is written once the denials carry the new decisions, so a crash midway repeats the work.
        var result = await reassessment.ReassessAsync(
            new ReassessmentScope($"rules-version:{previous ?? "none"}->{current}", PayerFilter: null, ReasonCodes: null, Reclassify: true)
            {
                SystemActor = SystemActor,
            },
            cancellationToken);

        var row = await db.SystemSettings.FirstOrDefaultAsync(s => s.Key == VersionKey, cancellationToken);
        if (row is null)
        {
            db.SystemSettings.Add(new SystemSetting { Key = VersionKey, Value = current, UpdatedAt = clock.GetUtcNow() });
        }
        else
        {
            row.Value = current;
            row.UpdatedAt = clock.GetUtcNow();
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (row is null)
        {
            // Another instance recorded the version first; its reassessment and this one did the same work.
            db.ChangeTracker.Clear();
        }

        return new UpgradeResult(previous, current, result);
    }
}
