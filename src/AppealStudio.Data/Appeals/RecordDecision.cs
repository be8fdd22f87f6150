using AppealStudio.Core;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using Microsoft.EntityFrameworkCore;
using static AppealStudio.Data.Appeals.AppealLabels;
using static AppealStudio.Data.Appeals.AppealChanges;

namespace AppealStudio.Data.Appeals;

/// <summary>What the specialist records when the payer answers.</summary>
/// <param name="ConfirmSameDay">The user confirmed a decision dated the day the appeal was sent (unusual, so asked).</param>
public sealed record DecisionInput(string Decision, DateOnly DecidedOn, decimal? AmountRecovered, bool ConfirmOverDenied, bool ConfirmSameDay = false);

/// <summary>Recording the payer's decision on an appeal (or correcting it).</summary>
public sealed class RecordDecision(AppDbContext db, AuditLog audit, ICurrentActor actor, AppealChanges changes)
{
    /// <summary>Records the payer's decision. The amount is checked against the denied amount (more needs a confirmation).</summary>
    public async Task<AppealResult> RecordDecisionAsync(long appealId, DecisionInput input, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        ArgumentNullException.ThrowIfNull(input);
        var appeal = await db.Appeals.Include(a => a.Denial).FirstOrDefaultAsync(a => a.Id == appealId, cancellationToken);
        if (appeal is null)
        {
            return AppealResult.NotFound();
        }

        if (appeal.Status is not (AppealStatus.Submitted or AppealStatus.Decided))
        {
            return AppealResult.Invalid("Record the submission first.");
        }

        if (!AppealDecisions.All.Contains(input.Decision))
        {
            return AppealResult.Invalid("Choose the decision.", "Decision");
        }

        if (input.DecidedOn > changes.Today())
        {
            return AppealResult.Invalid("The decision date cannot be in the future.", "DecidedOn");
        }

        if (appeal.SubmittedOn is { } submitted && input.DecidedOn < submitted)
        {
            return AppealResult.Invalid($"The decision date cannot be before the submission ({Invariant.Date(submitted)}).", "DecidedOn");
        }

        // A payer rarely decides on the day it receives a request: usually a typo for the submission date.
        if (appeal.SubmittedOn == input.DecidedOn && !input.ConfirmSameDay && !(appeal.Status == AppealStatus.Decided && appeal.DecidedOn == input.DecidedOn))
        {
            return AppealResult.Invalid("The decision is dated the day the appeal was sent. Check the date, or tick the confirmation if the payer really decided that day.", "DecidedOn");
        }

        var amount = input.AmountRecovered;
        if (amount is < 0m)
        {
            return AppealResult.Invalid("The amount recovered cannot be negative.", "AmountRecovered");
        }

        if (amount is { } a && decimal.Round(a, 2) != a)
        {
            return AppealResult.Invalid("Enter the amount in dollars and cents.", "AmountRecovered");
        }

        switch (input.Decision)
        {
            case AppealDecisions.Overturned or AppealDecisions.PartiallyOverturned when amount is null or 0m:
                return AppealResult.Invalid("Enter the amount the payer paid on the appeal.", "AmountRecovered");
            case AppealDecisions.Upheld or AppealDecisions.NoResponse when amount is > 0m:
                return AppealResult.Invalid("An upheld or unanswered appeal recovers nothing; leave the amount empty.", "AmountRecovered");
            default:
                break;
        }

        if (amount > appeal.Denial.Amount && !input.ConfirmOverDenied)
        {
            return AppealResult.Invalid($"{Invariant.Money(amount.Value)} is more than the denied amount ({Invariant.Money(appeal.Denial.Amount)}). Tick the confirmation if the payer really paid more (interest, other lines).", "AmountRecovered");
        }

        var recovered = amount ?? 0m;
        if (appeal.Status == AppealStatus.Decided && appeal.Decision == input.Decision && appeal.DecidedOn == input.DecidedOn && appeal.AmountRecovered == recovered)
        {
            return new AppealResult(AppealOutcome.Unchanged, "The decision is already recorded.", AppealId: appeal.Id, Version: appeal.Version);
        }

        var correction = appeal.Status == AppealStatus.Decided;
        appeal.Decision = input.Decision;
        appeal.DecidedOn = input.DecidedOn;
        appeal.AmountRecovered = recovered;
        appeal.Status = AppealStatus.Decided;
        changes.Touch(appeal);
        if (appeal.Denial.Status != DenialStatus.Decided)
        {
            changes.ChangeDenialStatus(appeal.Denial, DenialStatus.Decided, $"Decision: {DecisionLabel(input.Decision)}, {Invariant.Money(recovered)} recovered.");
        }

        audit.Add(correction ? "appeal.decision-corrected" : "appeal.decided", "Appeal", Id(appeal.Id), $"decision={input.Decision}");
        return await changes.SaveOrConflictAsync(appeal, "Decision recorded.", null, cancellationToken);
    }
}
