namespace AppealStudio.Core.Denials;

/// <summary>Everything the app says about one denial: classification, scenario, payer, deadline, priority.</summary>
public sealed record DenialAssessment(
    DenialClassification Classification,
    Scenario? Scenario,
    PayerMatch Payer,
    AppealDeadline Deadline,
    PriorityBreakdown Priority)
{
    /// <summary>The payer's own step for the action (Medicare: reopening instead of a new claim).</summary>
    public PayerRoute? Route { get; init; }
}

/// <summary>
/// The one place where classification, scenario detection, payer windows and priority meet, so the import, the
/// denial page and `remit inspect` agree. Tables come in from the caller: the shipped defaults for the CLI, the
/// defaults plus the practice's overrides and payer settings for the web app.
/// </summary>
public sealed class DenialAssessor(
    DenialClassifier classifier,
    ScenarioDetector scenarios,
    PayerDirectory payers,
    PriorityCalculator priority,
    Func<string, RootCause, OutcomeStats>? outcomes = null)
{
    public static DenialAssessor Default { get; } =
        new(DenialClassifier.Default, ScenarioDetector.Default, PayerDirectory.Default, new PriorityCalculator());

    public PayerDirectory Payers => payers;

    /// <param name="facts">The denial.</param>
    /// <param name="today">The day priorities are computed for (days left to the deadline).</param>
    public DenialAssessment Assess(DenialFacts facts, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var payer = payers.Resolve(facts);
        var (classification, route) = PayerRoutes.Apply(classifier.Classify(facts), payer.Rule, facts);
        var deadline = DeadlineFor(classification.Action, payer.Rule, facts, today);
        var observed = Observed(payer, facts.PayerName, classification.RootCause);
        var breakdown = priority.Compute(facts.Amount, classification, observed, deadline.Date, today);
        return new DenialAssessment(classification, scenarios.Detect(facts), payer, deadline, breakdown) { Route = route };
    }

    /// <summary>
    /// The priority of a denial whose classification a person set (an override) or that is shown again later: the
    /// same calculator and the same outcome history as <see cref="Assess"/>, so the score means the same thing.
    /// </summary>
    /// <param name="needsReview">The stored classification came from the fallback (a person must decide).</param>
    public PriorityBreakdown Priority(decimal amount, Severity severity, RootCause rootCause, RecommendedAction action,
        string? payerId, string? payerName, DateOnly? deadline, DateOnly today, bool needsReview = false)
    {
        var payer = payers.Resolve(payerId, payerName);
        return priority.Compute(amount, severity, rootCause, action, Observed(payer, payerName, rootCause), deadline, today, needsReview);
    }

    /// <summary>The key outcome history is kept under: the payer's rule name, or the 835's name for unknown payers.</summary>
    public static string OutcomeKey(PayerMatch payer, string? payerName)
    {
        ArgumentNullException.ThrowIfNull(payer);
        return payer.Rule.IsDefaultRule ? payerName ?? "" : payer.Rule.Name;
    }

    private OutcomeStats Observed(PayerMatch payer, string? payerName, RootCause rootCause) =>
        outcomes?.Invoke(OutcomeKey(payer, payerName), rootCause) ?? OutcomeStats.None;

    /// <summary>
    /// The deadline that matters for the recommended action: an appeal runs from the remittance (first level), a
    /// reopening from the notice, a corrected or redirected claim from the date of service (timely filing). A
    /// write-off, and a denial with nothing to do now, keep the first-level appeal deadline: a decision reversed later
    /// (a write-off someone questions, a pending line that is denied) must not already be out of time unseen.
    /// </summary>
    public static AppealDeadline DeadlineFor(RecommendedAction action, PayerRule rule, DenialFacts facts, DateOnly today)
    {
        var notice = facts.RemittanceDate ?? today;
        return action switch
        {
            RecommendedAction.Appeal => AppealDeadlines.Compute(rule, notice, AppealLevel.FirstLevel),
            RecommendedAction.Reopen => AppealDeadlines.Compute(rule, notice, AppealLevel.Reopening),
            RecommendedAction.Resubmit or RecommendedAction.Redirect => facts.ServiceDate is { } dos
                ? AppealDeadlines.TimelyFiling(rule, dos)
                : AppealDeadlines.Compute(rule, notice, AppealLevel.FirstLevel),
            RecommendedAction.WriteOff or RecommendedAction.None => KeptAppealDeadline(action, rule, notice),
        };
    }

    private static AppealDeadline KeptAppealDeadline(RecommendedAction action, PayerRule rule, DateOnly notice)
    {
        var appeal = AppealDeadlines.Compute(rule, notice, AppealLevel.FirstLevel);
        var why = action == RecommendedAction.WriteOff
            ? "A write-off is recommended, but the appeal window still runs in case the decision is reversed: "
            : "Nothing is recommended now, but the appeal window still runs: ";
        return appeal with { Basis = why + appeal.Basis };
    }
}
