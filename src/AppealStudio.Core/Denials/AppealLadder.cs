using System.Globalization;

namespace AppealStudio.Core.Denials;

/// <summary>An appeal already on file at one level, as the ladder reads it.</summary>
/// <param name="Level">The level it was filed at.</param>
/// <param name="SubmittedOn">When it was sent; null while it is being prepared.</param>
/// <param name="Decision">The payer's decision code (overturned, partially-overturned, upheld, no-response); null while pending.</param>
/// <param name="DecidedOn">The date of the decision notice.</param>
/// <param name="AmountRecovered">What the decision paid.</param>
/// <param name="Id">The caller's identifier of the appeal (echoed on the step).</param>
public sealed record LadderAppeal(
    AppealLevel Level,
    DateOnly? SubmittedOn,
    string? Decision,
    DateOnly? DecidedOn,
    decimal? AmountRecovered = null,
    long? Id = null)
{
    public bool IsDecided => Decision is not null && DecidedOn is not null;

    /// <summary>The whole amount was won: no later level is needed.</summary>
    public bool WonInFull => Decision == "overturned";
}

/// <summary>Where a level stands.</summary>
public enum LadderStepState
{
    /// <summary>An appeal at this level was decided.</summary>
    Done,

    /// <summary>The level being worked: an appeal is on file and pending, or this is the level to file now.</summary>
    Current,

    /// <summary>A later level; its deadline counts from the decision of the level before it.</summary>
    Next,

    /// <summary>The level was due and its deadline passed without a filing.</summary>
    Expired,

    /// <summary>The level cannot be used: no window is known for it, or the amount in dispute is under its threshold.</summary>
    Unavailable,

    /// <summary>An earlier level won in full: nothing is left to appeal.</summary>
    NotNeeded,
}

/// <summary>One rung of the ladder, ready for a page to render.</summary>
/// <param name="Level">The level.</param>
/// <param name="Name">What this payer calls it (redetermination, second-level appeal ...).</param>
/// <param name="State">Where it stands.</param>
/// <param name="Deadline">The last day the payer must receive the request; null until its clock has started or when unknown.</param>
/// <param name="DaysLeft">Days from the evaluation date to the deadline (negative once passed).</param>
/// <param name="Basis">How the deadline was counted, or why there is none.</param>
/// <param name="AmountInControversy">The threshold of the level, if any.</param>
/// <param name="Source">The rule or setting the numbers come from.</param>
/// <param name="Appeal">The appeal on file at this level, if any.</param>
public sealed record LadderStep(
    AppealLevel Level,
    string Name,
    LadderStepState State,
    DateOnly? Deadline,
    int? DaysLeft,
    string Basis,
    decimal? AmountInControversy,
    string Source,
    LadderAppeal? Appeal);

/// <summary>The whole ladder of a denial: every level, done, current, next or expired.</summary>
/// <param name="Steps">The levels in order.</param>
/// <param name="Flag">Why the windows need a person's check (Medicaid, unknown payer, a contract to verify); null when none.</param>
public sealed record AppealLadderResult(IReadOnlyList<LadderStep> Steps, string? Flag)
{
    /// <summary>The level being worked or to file now; null when the ladder is finished, expired or won.</summary>
    public LadderStep? Current => Steps.FirstOrDefault(s => s.State == LadderStepState.Current);

    /// <summary>The level an upheld decision offers: the current step when no appeal is on file for it yet.</summary>
    public LadderStep? Offered => Current is { Appeal: null } step && Steps.Any(s => s.State == LadderStepState.Done) ? step : null;

    /// <summary>Every level that could still be used has a deadline that passed.</summary>
    public bool IsExpired => Current is null && Steps.Any(s => s.State == LadderStepState.Expired);
}

/// <summary>
/// Builds the ladder of successive appeal levels (REFERENCE §6): the first level counts from the initial notice (the
/// remittance date), every later one from the decision of the level before it, each after the payer's receipt
/// presumption. A level whose amount-in-controversy threshold the amount still in dispute does not reach is
/// unavailable; an overturned decision ends the ladder; a partial overturn leaves the rest to the next level.
/// </summary>
public static class AppealLadder
{
    public static AppealLadderResult Build(
        PayerRule payer,
        AppealLevelTable table,
        DateOnly initialNotice,
        decimal amountInDispute,
        IReadOnlyList<LadderAppeal> appeals,
        DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(payer);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(appeals);
        var steps = new List<LadderStep>();
        DateOnly? clockStart = initialNotice;
        var clockWhat = "the initial notice";
        var remaining = amountInDispute;
        var finished = false;
        var open = true;
        foreach (var level in table.LevelsFor(payer))
        {
            var name = payer.LevelName(level);
            var appeal = appeals.Where(a => a.Level == level).OrderBy(a => a.DecidedOn is null).ThenBy(a => a.SubmittedOn).LastOrDefault();
            if (finished)
            {
                steps.Add(new LadderStep(level, name, LadderStepState.NotNeeded, null, null,
                    "An earlier level overturned the denial in full: nothing is left to appeal.", null, "", appeal));
                continue;
            }

            if (clockStart is not { } start)
            {
                var terms0 = table.TermsFor(payer, level, today);
                steps.Add(new LadderStep(level, name, LadderStepState.Next, null, null,
                    $"Counted from the decision at the {steps[^1].Name} once it arrives{WindowText(terms0)}.",
                    terms0.AmountInControversy, terms0.Source, appeal));
                continue;
            }

            var terms = table.TermsFor(payer, level, start);
            var (deadline, basis) = Deadline(payer, name, terms, start, clockWhat);
            var daysLeft = deadline is { } due ? due.DayNumber - today.DayNumber : (int?)null;
            if (appeal is not null)
            {
                if (appeal.IsDecided)
                {
                    steps.Add(new LadderStep(level, name, LadderStepState.Done, deadline, daysLeft,
                        $"Decided {Invariant.Date(appeal.DecidedOn!.Value)}: {appeal.Decision}.", terms.AmountInControversy, terms.Source, appeal));
                    remaining = Math.Max(0m, remaining - (appeal.AmountRecovered ?? 0m));
                    finished = appeal.WonInFull || remaining <= 0m;
                    clockStart = appeal.DecidedOn;
                    clockWhat = $"the {name} decision";
                    continue;
                }

                // Filed (or being prepared) at this level: it is the current one; the next levels wait for its decision.
                steps.Add(new LadderStep(level, name, LadderStepState.Current, deadline, daysLeft,
                    appeal.SubmittedOn is { } sent ? $"Filed {Invariant.Date(sent)}; {basis}" : basis, terms.AmountInControversy, terms.Source, appeal));
                clockStart = null;
                continue;
            }

            if (!open)
            {
                steps.Add(new LadderStep(level, name, LadderStepState.Next, null, null,
                    "Only after the level before it.", terms.AmountInControversy, terms.Source, null));
                continue;
            }

            LadderStepState state;
            if (terms.AmountInControversy is { } threshold && remaining < threshold)
            {
                state = LadderStepState.Unavailable;
                basis = $"The amount in dispute ({Money(remaining)}) is under the {name} threshold of {Money(threshold)}.";
            }
            else if (deadline is null)
            {
                state = LadderStepState.Unavailable;
            }
            else if (daysLeft < 0)
            {
                state = LadderStepState.Expired;
                basis = "The deadline passed: " + basis + " Late filing needs good cause.";
            }
            else
            {
                state = LadderStepState.Current;
            }

            steps.Add(new LadderStep(level, name, state, deadline, daysLeft, basis, terms.AmountInControversy, terms.Source, null));
            // Only one level is "to file now"; the ones after it count from its decision. An expired or unavailable
            // level closes the ladder too: a level is reached through the decision of the one before it.
            open = false;
            clockStart = null;
        }

        return new AppealLadderResult(steps, FlagFor(payer));
    }

    private static (DateOnly? Deadline, string Basis) Deadline(PayerRule payer, string name, LevelTerms terms, DateOnly start, string clockWhat)
    {
        if (terms.WindowDays is not { } days)
        {
            return (null, $"{payer.Name} {name}: no window is configured for this level; take it from the contract or plan and add it in Settings.");
        }

        var received = start.AddDays(terms.ReceiptPresumptionDays);
        var due = received.AddDays(days);
        var from = terms.ReceiptPresumptionDays > 0
            ? $"{Days(days)} from presumed receipt of {clockWhat} ({Invariant.Date(start)} + {Days(terms.ReceiptPresumptionDays)} = {Invariant.Date(received)})"
            : $"{Days(days)} from {clockWhat} ({Invariant.Date(start)})";
        return (due, $"{payer.Name} {name}: {from}, so the request must arrive by {Invariant.Date(due)}.");
    }

    private static string WindowText(LevelTerms terms) =>
        terms.WindowDays is { } days ? $" ({Days(days)}" + (terms.ReceiptPresumptionDays > 0 ? $" after presumed receipt, {Days(terms.ReceiptPresumptionDays)} later)" : ")") : "";

    private static string? FlagFor(PayerRule payer) => payer switch
    {
        { IsDefaultRule: true } => "This payer is not in the directory: the conservative default windows were used. Add the payer's windows in Settings.",
        { Type: PayerType.Medicaid } => "Medicaid appeal windows are set by each state and plan contract: check that the windows in Settings are your state's.",
        { VerifyWithContract: true } => "These windows come from the payer's public material: verify them against your contract.",
        _ => null,
    };

    private static string Days(int days) => days.ToString(CultureInfo.InvariantCulture) + (days == 1 ? " day" : " days");

    private static string Money(decimal amount) => "$" + amount.ToString("#,##0.00", CultureInfo.InvariantCulture);
}
