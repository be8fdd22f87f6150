namespace AppealStudio.Core.Denials;

/// <summary>This practice's recorded appeal outcomes for one payer and root cause.</summary>
public sealed record OutcomeStats(int Wins, int Losses)
{
    public static readonly OutcomeStats None = new(0, 0);

    public int Total => Wins + Losses;
}

/// <summary>
/// The assumptions behind the worklist order. Every number is a practice setting; the defaults are starting points
/// to replace with the practice's own experience.
/// </summary>
public sealed record PriorityOptions
{
    public static readonly PriorityOptions Default = new();

    /// <summary>
    /// Staff cost of a formal appeal. Drafting one takes 45–60 minutes of digging through remits, charts and payer
    /// policy (DESIGN.md); at a loaded billing-specialist cost of roughly $25–30 an hour that is about $25.
    /// </summary>
    public decimal CostPerAppeal { get; init; } = 25m;

    /// <summary>Staff cost of a corrected claim, reopening or redirect: about 15–20 minutes, so about $10.</summary>
    public decimal CostPerCorrection { get; init; } = 10m;

    /// <summary>
    /// Prior overturn probability of a soft denial. REFERENCE.md gives no industry overturn rates, so 0.65 and
    /// <see cref="HardPriorMean"/> 0.45 are editorial: a soft denial is paid once the claim is corrected unless the
    /// correction is impossible, a hard one needs the payer to change its mind.
    /// </summary>
    public decimal SoftPriorMean { get; init; } = 0.65m;

    /// <summary>Prior overturn probability of a hard denial (see <see cref="SoftPriorMean"/>).</summary>
    public decimal HardPriorMean { get; init; } = 0.45m;

    /// <summary>Priors per root cause; they replace the severity prior for that root cause when set.</summary>
    public IReadOnlyDictionary<RootCause, decimal> RootCausePriorMeans { get; init; } = new Dictionary<RootCause, decimal>();

    /// <summary>
    /// How many recorded appeals the prior is worth (the α + β of the Beta prior). With 10, a payer × root cause
    /// with 10 outcomes is weighed half on its own record and half on the prior; with 40, four fifths on its own.
    /// </summary>
    public decimal PriorStrength { get; init; } = 10m;

    /// <summary>Urgency starts rising this many days before the deadline.</summary>
    public int UrgencyHorizonDays { get; init; } = 30;

    /// <summary>The urgency multiplier on the deadline day; it rises linearly from 1 at the horizon.</summary>
    public decimal MaxUrgencyMultiplier { get; init; } = 2m;
}

/// <summary>Conditions the worklist shows next to the score.</summary>
[Flags]
public enum PriorityFlags
{
    None = 0,

    /// <summary>The deadline has passed: score 0 (good cause may still apply, but the work is not routine).</summary>
    PastDeadline = 1,

    /// <summary>No deadline is known for the step; urgency is neutral.</summary>
    NoDeadline = 2,

    /// <summary>Not a denial, or pending at the payer: score 0.</summary>
    NoActionNeeded = 4,

    /// <summary>The classification recommends a write-off: score 0.</summary>
    WriteOffRecommended = 8,

    /// <summary>The expected recovery does not cover the cost of the work.</summary>
    NotWorthWorking = 16,

    /// <summary>No reviewed rule decided: a person must read the codes and choose the action (ranked like a correction).</summary>
    NeedsReview = 32,
}

/// <summary>Every component of a priority score, so the page can show why a denial sits where it does.</summary>
/// <param name="Amount">Money at stake.</param>
/// <param name="PriorMean">The prior overturn probability used.</param>
/// <param name="PriorBasis">Where the prior came from ("hard denial", "root cause medical-necessity").</param>
/// <param name="PriorStrength">How many pseudo-appeals the prior is worth.</param>
/// <param name="ObservedWins">This practice's wins for the payer × root cause.</param>
/// <param name="ObservedLosses">This practice's losses for the payer × root cause.</param>
/// <param name="Probability">Estimated overturn probability: (wins + prior × strength) ÷ (wins + losses + strength).</param>
/// <param name="Cost">Staff cost of working the denial.</param>
/// <param name="ExpectedRecovery">Amount × probability − cost.</param>
/// <param name="DaysLeft">Days to the deadline (negative when past); null when unknown.</param>
/// <param name="UrgencyMultiplier">1 far from the deadline, rising to the configured maximum on the deadline day.</param>
/// <param name="Score">max(0, expected recovery) × urgency; 0 when flagged past deadline, write-off or no action.</param>
/// <param name="Flags">Conditions to show next to the score.</param>
public sealed record PriorityBreakdown(
    decimal Amount,
    decimal PriorMean,
    string PriorBasis,
    decimal PriorStrength,
    int ObservedWins,
    int ObservedLosses,
    decimal Probability,
    decimal Cost,
    decimal ExpectedRecovery,
    int? DaysLeft,
    decimal UrgencyMultiplier,
    decimal Score,
    PriorityFlags Flags);

/// <summary>
/// Orders the worklist by what working a denial is expected to recover: amount at stake × estimated overturn
/// probability − cost of the work, raised as the deadline nears. The probability is this practice's own record for the
/// payer × root cause, smoothed toward a prior (a Beta prior with mean m and strength k), so that one early loss does
/// not bury a category and one early win does not crown it.
/// </summary>
public sealed class PriorityCalculator
{
    private readonly PriorityOptions options;

    public PriorityCalculator(PriorityOptions? options = null)
    {
        this.options = options ?? PriorityOptions.Default;
        decimal[] means = [this.options.SoftPriorMean, this.options.HardPriorMean, .. this.options.RootCausePriorMeans.Values];
        if (means.Any(m => m is < 0m or > 1m))
        {
            throw new ArgumentException("Prior means must be probabilities between 0 and 1.", nameof(options));
        }

        if (this.options.PriorStrength <= 0m || this.options.UrgencyHorizonDays <= 0 || this.options.MaxUrgencyMultiplier < 1m
            || this.options.CostPerAppeal < 0m || this.options.CostPerCorrection < 0m)
        {
            throw new ArgumentException(
                "Prior strength and urgency horizon must be positive, the maximum urgency at least 1, costs not negative.",
                nameof(options));
        }
    }

    public PriorityOptions Options => options;

    public PriorityBreakdown Compute(
        decimal amountAtStake,
        DenialClassification classification,
        OutcomeStats observed,
        DateOnly? deadline,
        DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(classification);
        return Compute(amountAtStake, classification.Severity, classification.RootCause, classification.Action, observed, deadline, today,
            classification.NeedsReview);
    }

    public PriorityBreakdown Compute(
        decimal amountAtStake,
        Severity severity,
        RootCause rootCause,
        RecommendedAction action,
        OutcomeStats observed,
        DateOnly? deadline,
        DateOnly today,
        bool needsReview = false)
    {
        ArgumentNullException.ThrowIfNull(observed);
        if (observed.Wins < 0 || observed.Losses < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(observed), "Outcome counts cannot be negative.");
        }

        var (prior, basis) = Prior(severity, rootCause);
        var k = options.PriorStrength;
        var probability = (observed.Wins + (prior * k)) / (observed.Total + k);
        var cost = needsReview ? options.CostPerCorrection : action switch
        {
            RecommendedAction.Appeal => options.CostPerAppeal,
            RecommendedAction.Resubmit or RecommendedAction.Reopen or RecommendedAction.Redirect => options.CostPerCorrection,
            RecommendedAction.WriteOff or RecommendedAction.None => 0m,
        };
        var expected = (amountAtStake * probability) - cost;

        int? daysLeft = deadline is { } due ? due.DayNumber - today.DayNumber : null;
        var urgency = Urgency(daysLeft);

        var flags = PriorityFlags.None;
        if (daysLeft is null)
        {
            flags |= PriorityFlags.NoDeadline;
        }
        else if (daysLeft < 0)
        {
            flags |= PriorityFlags.PastDeadline;
        }

        if (needsReview)
        {
            // An unreviewed code has no action yet, but it is work for a person, not "nothing to do": it stays ranked.
            flags |= PriorityFlags.NeedsReview | (expected <= 0m ? PriorityFlags.NotWorthWorking : PriorityFlags.None);
        }
        else if (action == RecommendedAction.None)
        {
            flags |= PriorityFlags.NoActionNeeded;
        }
        else if (action == RecommendedAction.WriteOff)
        {
            flags |= PriorityFlags.WriteOffRecommended;
        }
        else if (expected <= 0m)
        {
            flags |= PriorityFlags.NotWorthWorking;
        }

        var zero = (flags & (PriorityFlags.PastDeadline | PriorityFlags.NoActionNeeded | PriorityFlags.WriteOffRecommended)) != 0;
        var score = zero ? 0m : decimal.Round(Math.Max(0m, expected) * urgency, 2, MidpointRounding.AwayFromZero);

        return new PriorityBreakdown(
            amountAtStake,
            prior,
            basis,
            k,
            observed.Wins,
            observed.Losses,
            probability,
            cost,
            decimal.Round(expected, 2, MidpointRounding.AwayFromZero),
            daysLeft,
            urgency,
            score,
            flags);
    }

    /// <summary>1 until <see cref="PriorityOptions.UrgencyHorizonDays"/> before the deadline, then rising linearly to the maximum on the deadline day.</summary>
    public decimal Urgency(int? daysLeft)
    {
        if (daysLeft is not { } days || days >= options.UrgencyHorizonDays)
        {
            return 1m;
        }

        var closeness = (decimal)(options.UrgencyHorizonDays - Math.Max(days, 0)) / options.UrgencyHorizonDays;
        return 1m + ((options.MaxUrgencyMultiplier - 1m) * closeness);
    }

    private (decimal Mean, string Basis) Prior(Severity severity, RootCause rootCause) =>
        options.RootCausePriorMeans.TryGetValue(rootCause, out var byRoot)
            ? (byRoot, $"root cause {rootCause.ToCode()}")
            : severity switch
            {
                Severity.Soft => (options.SoftPriorMean, "soft denial"),
                Severity.Hard => (options.HardPriorMean, "hard denial"),
            };
}
