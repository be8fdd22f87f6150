using AppealStudio.Core;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using Microsoft.EntityFrameworkCore;
using static AppealStudio.Data.Appeals.AppealRules;
using static AppealStudio.Data.Appeals.AppealLabels;
using static AppealStudio.Data.Appeals.AppealChanges;

namespace AppealStudio.Data.Appeals;

/// <summary>What the specialist records when the appeal is sent.</summary>
public sealed record SubmissionInput(string Level, string Method, DateOnly SubmittedOn, string? Reference, DateOnly? FollowUpOn);

/// <summary>Recording how and when the appeal was sent (or correcting that record).</summary>
public sealed class RecordSubmission(AppDbContext db, AuditLog audit, ICurrentActor actor, LetterStates states, AppealChanges changes)
{
    /// <summary>
    /// Records how and when the appeal was sent. A clinical letter must be signed first; any letter must pass the
    /// export checks. Submitting after the appeal deadline is allowed (the payer decides) but flagged.
    /// </summary>
    public async Task<AppealResult> RecordSubmissionAsync(long appealId, SubmissionInput input, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        ArgumentNullException.ThrowIfNull(input);
        var appeal = await db.Appeals.Include(a => a.Denial).Include(a => a.Excerpts).FirstOrDefaultAsync(a => a.Id == appealId, cancellationToken);
        if (appeal is null)
        {
            return AppealResult.NotFound();
        }

        if (!Levels.Contains(input.Level))
        {
            return AppealResult.Invalid("Choose the appeal level.", "Level");
        }

        // An appeal of a decision was opened for its level (the ladder): it is sent as that level.
        if (appeal.Sequence > 1 && appeal.Level is { } opened && input.Level != opened)
        {
            return AppealResult.Invalid($"This appeal answers the decision below it: it is the {LevelLabel(opened).ToLowerInvariant()}.", "Level");
        }

        if (!Methods.Contains(input.Method))
        {
            return AppealResult.Invalid("Choose how the appeal was sent.", "Method");
        }

        var today = changes.Today();
        if (input.SubmittedOn > today)
        {
            return AppealResult.Invalid("The submission date cannot be in the future.", "SubmittedOn");
        }

        if (input.FollowUpOn is { } followUp && followUp < input.SubmittedOn)
        {
            return AppealResult.Invalid("The follow-up date must be on or after the submission date.", "FollowUpOn");
        }

        var reference = string.IsNullOrWhiteSpace(input.Reference) ? null : input.Reference.Trim();
        if (reference is { Length: > 100 })
        {
            return AppealResult.Invalid("The reference is at most 100 characters.", "Reference");
        }

        switch (appeal.Status)
        {
            case AppealStatus.Decided:
                return AppealResult.Locked("The decision is recorded; the submission can no longer change.");
            case AppealStatus.AwaitingSignOff:
                return AppealResult.Invalid("The letter is waiting for the physician's signature.");
            case AppealStatus.Draft or AppealStatus.Returned:
                var state = await states.StateAsync(appeal, cancellationToken: cancellationToken);
                if (state.IsClinical)
                {
                    return AppealResult.Invalid("This letter has a clinical narrative: it must be signed by the physician before it is submitted.");
                }

                if (!state.CanExport)
                {
                    return AppealResult.Invalid("Fix the problems listed with the letter before recording the submission.");
                }

                break;
            case AppealStatus.Signed or AppealStatus.Submitted:
                break;
        }

        var late = appeal.Denial.AppealDeadline is { } deadline && input.SubmittedOn > deadline;
        if (appeal.Status == AppealStatus.Submitted && appeal.Level == input.Level && appeal.Method == input.Method &&
            appeal.SubmittedOn == input.SubmittedOn && appeal.SubmissionReference == reference && appeal.FollowUpOn == input.FollowUpOn)
        {
            return new AppealResult(AppealOutcome.Unchanged, "The submission is already recorded.", AppealId: appeal.Id, Version: appeal.Version);
        }

        appeal.Level = input.Level;
        appeal.Method = input.Method;
        appeal.SubmittedOn = input.SubmittedOn;
        appeal.SubmissionReference = reference;
        appeal.FollowUpOn = input.FollowUpOn;
        appeal.SubmittedAfterDeadline = late;
        var correction = appeal.Status == AppealStatus.Submitted;
        appeal.Status = AppealStatus.Submitted;
        changes.Touch(appeal);
        if (appeal.Denial.Status != DenialStatus.Submitted)
        {
            changes.ChangeDenialStatus(appeal.Denial, DenialStatus.Submitted, $"Appeal submitted ({LevelLabel(input.Level)}, {input.Method}) on {Invariant.Date(input.SubmittedOn)}.");
        }

        audit.Add(correction ? "appeal.submission-corrected" : "appeal.submitted", "Appeal", Id(appeal.Id),
            $"level={input.Level} method={input.Method} late={(late ? "yes" : "no")}");
        var message = late
            ? $"Submission recorded. It was sent after the appeal deadline ({Invariant.Date(appeal.Denial.AppealDeadline!.Value)}): expect the payer to cite timeliness."
            : "Submission recorded.";
        return await changes.SaveOrConflictAsync(appeal, message, null, cancellationToken);
    }
}
