using AppealStudio.Core.Denials;
using FsCheck;
using FsCheck.Fluent;

namespace AppealStudio.Core.Tests.Denials;

public class PriorityCalculatorTests
{
    private static readonly DateOnly Today = new(2026, 3, 1);
    private static readonly PriorityCalculator Calculator = new();

    [Fact]
    public void Compute_HardDenialWithoutHistory_UsesPriorAndShowsEveryComponent()
    {
        var result = Calculator.Compute(
            1000m, Severity.Hard, RootCause.MedicalNecessity, RecommendedAction.Appeal, OutcomeStats.None, Today.AddDays(60), Today);

        Assert.Equal(1000m, result.Amount);
        Assert.Equal(0.45m, result.PriorMean);
        Assert.Equal("hard denial", result.PriorBasis);
        Assert.Equal(10m, result.PriorStrength);
        Assert.Equal((0, 0), (result.ObservedWins, result.ObservedLosses));
        Assert.Equal(0.45m, result.Probability);
        Assert.Equal(25m, result.Cost);
        Assert.Equal(425m, result.ExpectedRecovery); // 1000 × 0.45 − 25
        Assert.Equal(60, result.DaysLeft);
        Assert.Equal(1m, result.UrgencyMultiplier);
        Assert.Equal(425m, result.Score);
        Assert.Equal(PriorityFlags.None, result.Flags);
    }

    [Fact]
    public void Compute_SoftDenialWithHistory_SmoothsObservedRateTowardPrior()
    {
        // (8 wins + 0.65 × 10) ÷ (10 decided + 10) = 14.5 ÷ 20 = 0.725; 200 × 0.725 − 10 = 135.
        var result = Calculator.Compute(
            200m, Severity.Soft, RootCause.Coding, RecommendedAction.Resubmit, new OutcomeStats(8, 2), Today.AddDays(90), Today);

        Assert.Equal(0.725m, result.Probability);
        Assert.Equal(10m, result.Cost);
        Assert.Equal(135m, result.ExpectedRecovery);
        Assert.Equal(135m, result.Score);
    }

    [Fact]
    public void Compute_OneEarlyWin_MovesProbabilityOnlyPartWay()
    {
        // (1 + 4.5) ÷ 11 = 0.5: one win does not make a hard category a sure thing.
        var result = Calculator.Compute(
            500m, Severity.Hard, RootCause.Authorization, RecommendedAction.Appeal, new OutcomeStats(1, 0), null, Today);

        Assert.Equal(0.5m, result.Probability);
    }

    [Fact]
    public void Compute_RootCausePrior_ReplacesSeverityPrior()
    {
        var calculator = new PriorityCalculator(PriorityOptions.Default with
        {
            RootCausePriorMeans = new Dictionary<RootCause, decimal> { [RootCause.TimelyFiling] = 0.1m },
        });

        var result = calculator.Compute(
            300m, Severity.Hard, RootCause.TimelyFiling, RecommendedAction.Appeal, OutcomeStats.None, Today.AddDays(90), Today);

        Assert.Equal(0.1m, result.PriorMean);
        Assert.Equal("root cause timely-filing", result.PriorBasis);
        Assert.Equal(5m, result.ExpectedRecovery); // 300 × 0.1 − 25
    }

    [Theory]
    [InlineData(45, 1.0)]
    [InlineData(30, 1.0)]
    [InlineData(15, 1.5)]
    [InlineData(6, 1.8)]
    [InlineData(0, 2.0)]
    public void Urgency_LinearFromHorizonToDeadline(int daysLeft, double expected) =>
        Assert.Equal((decimal)expected, Calculator.Urgency(daysLeft));

    [Fact]
    public void Compute_DeadlineInSixDays_MultipliesScore()
    {
        var result = Calculator.Compute(
            1000m, Severity.Hard, RootCause.MedicalNecessity, RecommendedAction.Appeal, OutcomeStats.None, Today.AddDays(6), Today);

        Assert.Equal(1.8m, result.UrgencyMultiplier);
        Assert.Equal(765m, result.Score); // 425 × 1.8
    }

    [Fact]
    public void Compute_ScoreNeverFallsAsTheDeadlineNears()
    {
        var days = Gen.Choose(0, 400).ToArbitrary();
        Prop.ForAll(days, days, (a, b) =>
        {
            var (near, far) = a <= b ? (a, b) : (b, a);
            var scoreNear = Calculator.Compute(
                700m, Severity.Soft, RootCause.Coding, RecommendedAction.Resubmit, OutcomeStats.None, Today.AddDays(near), Today).Score;
            var scoreFar = Calculator.Compute(
                700m, Severity.Soft, RootCause.Coding, RecommendedAction.Resubmit, OutcomeStats.None, Today.AddDays(far), Today).Score;
            return scoreNear >= scoreFar;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Compute_PastDeadline_ScoresZeroButKeepsComponents()
    {
        var result = Calculator.Compute(
            1000m, Severity.Hard, RootCause.MedicalNecessity, RecommendedAction.Appeal, OutcomeStats.None, Today.AddDays(-1), Today);

        Assert.Equal(0m, result.Score);
        Assert.True(result.Flags.HasFlag(PriorityFlags.PastDeadline));
        Assert.Equal(-1, result.DaysLeft);
        Assert.Equal(425m, result.ExpectedRecovery);
    }

    [Fact]
    public void Compute_NoDeadline_NeutralUrgencyAndFlag()
    {
        var result = Calculator.Compute(
            100m, Severity.Soft, RootCause.Coding, RecommendedAction.Resubmit, OutcomeStats.None, null, Today);

        Assert.Null(result.DaysLeft);
        Assert.Equal(1m, result.UrgencyMultiplier);
        Assert.Equal(PriorityFlags.NoDeadline, result.Flags);
        Assert.Equal(55m, result.Score); // 100 × 0.65 − 10
    }

    [Theory]
    [InlineData(RecommendedAction.None, PriorityFlags.NoActionNeeded)]
    [InlineData(RecommendedAction.WriteOff, PriorityFlags.WriteOffRecommended)]
    public void Compute_NothingToWork_ScoresZero(RecommendedAction action, PriorityFlags flag)
    {
        var result = Calculator.Compute(5000m, Severity.Hard, RootCause.Duplicate, action, OutcomeStats.None, Today.AddDays(3), Today);

        Assert.Equal(0m, result.Score);
        Assert.Equal(0m, result.Cost);
        Assert.True(result.Flags.HasFlag(flag));
    }

    [Fact]
    public void Compute_AmountBelowCostOfWork_ScoresZeroAndFlags()
    {
        var result = Calculator.Compute(
            40m, Severity.Hard, RootCause.Other, RecommendedAction.Appeal, OutcomeStats.None, Today.AddDays(3), Today);

        Assert.Equal(-7m, result.ExpectedRecovery); // 40 × 0.45 − 25
        Assert.Equal(0m, result.Score);
        Assert.True(result.Flags.HasFlag(PriorityFlags.NotWorthWorking));
    }

    [Fact]
    public void Compute_FromClassification_UsesItsSeverityRootCauseAndAction()
    {
        var classification = DenialClassifier.Default.Classify(Facts.Coded("CO", "97", "29877", modifiers: ["59"]));

        var result = Calculator.Compute(350m, classification, new OutcomeStats(3, 1), Today.AddDays(100), Today);

        Assert.Equal(0.45m, result.PriorMean);
        Assert.Equal(25m, result.Cost);
        Assert.Equal((3m + 4.5m) / 14m, result.Probability);
    }

    [Fact]
    public void Constructor_InvalidOptions_Throw()
    {
        Assert.Throws<ArgumentException>(() => new PriorityCalculator(PriorityOptions.Default with { SoftPriorMean = 1.2m }));
        Assert.Throws<ArgumentException>(() => new PriorityCalculator(PriorityOptions.Default with { PriorStrength = 0m }));
        Assert.Throws<ArgumentException>(() => new PriorityCalculator(PriorityOptions.Default with { MaxUrgencyMultiplier = 0.5m }));
    }

    [Fact]
    public void Compute_NegativeOutcomeCounts_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Calculator.Compute(
            1m, Severity.Soft, RootCause.Coding, RecommendedAction.Resubmit, new OutcomeStats(-1, 0), null, Today));
    }

    [Fact]
    public void Compute_NeedsReview_StaysRankedLikeACorrection_NotNothingToDo()
    {
        var calculator = new PriorityCalculator();
        var today = new DateOnly(2026, 3, 1);

        var review = calculator.Compute(500m, Severity.Hard, RootCause.Other, RecommendedAction.None, OutcomeStats.None, today.AddDays(90), today, needsReview: true);
        var nothing = calculator.Compute(500m, Severity.Hard, RootCause.Other, RecommendedAction.None, OutcomeStats.None, today.AddDays(90), today);

        Assert.True(review.Flags.HasFlag(PriorityFlags.NeedsReview));
        Assert.False(review.Flags.HasFlag(PriorityFlags.NoActionNeeded));
        Assert.Equal(calculator.Options.CostPerCorrection, review.Cost);
        Assert.True(review.Score > 0m);
        Assert.Equal(0m, nothing.Score);
        Assert.True(nothing.Flags.HasFlag(PriorityFlags.NoActionNeeded));
    }
}
