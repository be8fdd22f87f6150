using AppealStudio.Core.Analytics;

namespace AppealStudio.Core.Tests.Analytics;

public class DenialKpisTests
{
    [Fact]
    public void InitialDenialRateByCount_SimpleRatio()
    {
        // 45 denied of 500 submitted = 9%.
        Assert.Equal(0.09m, DenialKpis.InitialDenialRateByCount(45, 500));
    }

    [Fact]
    public void InitialDenialRateByCount_CitfDenominator_IsPriorThreeMonthAverage()
    {
        // (480 + 510 + 510) / 3 = 500 claims; 60 denials this month => 12%.
        Assert.Equal(0.12m, DenialKpis.InitialDenialRateByCount(60, [480, 510, 510]));
    }

    [Fact]
    public void InitialDenialRateByDollars_CitfDenominator_IsPriorThreeMonthAverage()
    {
        // (90,000 + 100,000 + 110,000) / 3 = 100,000; 7,500 denied => 7.5%.
        Assert.Equal(0.075m, DenialKpis.InitialDenialRateByDollars(7_500m, [90_000m, 100_000m, 110_000m]));
        Assert.Equal(0.25m, DenialKpis.InitialDenialRateByDollars(250m, 1_000m));
    }

    [Fact]
    public void Rates_ZeroDenominator_AreNullNotZero()
    {
        Assert.Null(DenialKpis.InitialDenialRateByCount(0, 0));
        Assert.Null(DenialKpis.InitialDenialRateByCount(3, Array.Empty<int>()));
        Assert.Null(DenialKpis.OverturnRate(0, 0));
        Assert.Null(DenialKpis.CleanClaimRate(0, 0));
    }

    [Fact]
    public void OtherRates_HandWorkedValues()
    {
        Assert.Equal(0.05m, DenialKpis.PrimaryDenialRate(12, 240));                 // 12 zero-pays of 240 remits
        Assert.Equal(0.02m, DenialKpis.DenialWriteOffRate(40_000m, 2_000_000m));    // MAP AR-6
        Assert.Equal(0.625m, DenialKpis.OverturnRate(25, 40));                       // 25 of 40 appeals won
        Assert.Equal(0.5m, DenialKpis.OverturnRateByDollars(5_000m, 10_000m));
        Assert.Equal(0.015m, DenialKpis.FinalDenialRate(3_000m, 200_000m));
        Assert.Equal(0.96m, DenialKpis.CleanClaimRate(960, 1_000));                 // MAP CL-1
        Assert.Equal(0.08m, DenialKpis.RemittanceDenialRate(16, 200));              // MAP AR-5
    }

    [Fact]
    public void Days_FromDenialToAppealAndToResolution()
    {
        var denied = new DateOnly(2026, 1, 28);

        Assert.Equal(14, DenialKpis.DaysFromDenialToAppeal(denied, new DateOnly(2026, 2, 11)));
        Assert.Equal(62, DenialKpis.DaysToResolve(denied, new DateOnly(2026, 3, 31)));
        Assert.Equal(20m, DenialKpis.AverageDays([14, 20, 26]));
        Assert.Null(DenialKpis.AverageDays([]));
    }

    [Fact]
    public void Days_EndBeforeStart_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => DenialKpis.DaysToResolve(new DateOnly(2026, 3, 1), new DateOnly(2026, 2, 1)));
    }

    [Fact]
    public void Rates_NegativeInput_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DenialKpis.OverturnRate(-1, 10));
    }
}
