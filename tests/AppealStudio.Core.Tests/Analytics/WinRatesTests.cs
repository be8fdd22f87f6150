using AppealStudio.Core.Analytics;

namespace AppealStudio.Core.Tests.Analytics;

public class WinRatesTests
{
    [Fact]
    public void ByGroup_CountsWinsLossesAndRecoveredMoneyPerGroup()
    {
        var outcomes = new List<AppealOutcome<(string Payer, string RootCause)>>();
        outcomes.AddRange(Enumerable.Range(0, 9).Select(_ => new AppealOutcome<(string, string)>(("Aetna", "coding"), true, 100m)));
        outcomes.Add(new(("Aetna", "coding"), false, 0m));
        outcomes.Add(new(("Cigna", "medical-necessity"), true, 700m));

        var rates = WinRates.ByGroup(outcomes);

        Assert.Equal(2, rates.Count);
        var aetna = rates[0];
        Assert.Equal(("Aetna", "coding"), aetna.Key);
        Assert.Equal((9, 1, 10), (aetna.Wins, aetna.Losses, aetna.Decided));
        Assert.Equal(900m, aetna.RecoveredAmount);
        Assert.Equal(0.9, aetna.Interval.Rate!.Value, 10);

        // 1 of 1 has a higher raw rate but a lower Wilson lower bound (0.21 vs 0.60), so it ranks second.
        var cigna = rates[1];
        Assert.Equal(1.0, cigna.Interval.Rate!.Value);
        Assert.True(cigna.Interval.Lower < aetna.Interval.Lower);
    }

    [Fact]
    public void ByGroup_NoOutcomes_IsEmpty()
    {
        Assert.Empty(WinRates.ByGroup(Array.Empty<AppealOutcome<string>>()));
    }
}
