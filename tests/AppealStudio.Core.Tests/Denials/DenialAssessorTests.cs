using AppealStudio.Core.Denials;

namespace AppealStudio.Core.Tests.Denials;

public class DenialAssessorTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    /// <summary>History recorded under Aetna's rule name; nothing under any raw 835 name.</summary>
    private static DenialAssessor WithAetnaHistory(List<string> asked) =>
        new(DenialClassifier.Default, ScenarioDetector.Default, PayerDirectory.Default, new PriorityCalculator(), (payer, root) =>
        {
            asked.Add(payer);
            return payer == "Aetna" && root == RootCause.Coding ? new OutcomeStats(9, 1) : OutcomeStats.None;
        });

    [Fact]
    public void Assess_KnownPayer_LooksUpHistoryByTheRuleName_NotThe835Name()
    {
        var asked = new List<string>();
        var facts = Facts.Coded("CO", "4", procedure: "99213", payerName: "AETNA LIFE INSURANCE COMPANY");

        var withHistory = WithAetnaHistory(asked).Assess(facts, Today);
        var without = DenialAssessor.Default.Assess(facts, Today);

        Assert.Equal(RootCause.Coding, withHistory.Classification.RootCause);
        Assert.Equal(["Aetna"], asked);
        Assert.True(withHistory.Priority.Probability > without.Priority.Probability,
            $"{withHistory.Priority.Probability} should exceed the prior {without.Priority.Probability}");
    }

    [Fact]
    public void Assess_UnknownPayer_LooksUpHistoryByThe835Name()
    {
        var asked = new List<string>();
        WithAetnaHistory(asked).Assess(Facts.Coded("CO", "4", payerName: "SMALL LOCAL PLAN"), Today);
        Assert.Equal(["SMALL LOCAL PLAN"], asked);
    }

    [Fact]
    public void Priority_ForAHandClassification_UsesTheSameHistoryAndCalculatorAsAssess()
    {
        var assessor = WithAetnaHistory([]);
        var facts = Facts.Coded("CO", "4", procedure: "99213", payerName: "AETNA LIFE INSURANCE COMPANY");
        var assessed = assessor.Assess(facts, Today);
        var c = assessed.Classification;

        var again = assessor.Priority(facts.Amount, c.Severity, c.RootCause, c.Action, facts.PayerId, facts.PayerName, assessed.Deadline.Date, Today);

        Assert.Equal(assessed.Priority, again);
        var expected = new PriorityCalculator().Compute(facts.Amount, c.Severity, c.RootCause, c.Action, new OutcomeStats(9, 1), assessed.Deadline.Date, Today);
        Assert.Equal(expected.Probability, again.Probability);
    }
}
