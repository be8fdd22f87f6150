using AppealStudio.Core.Analytics;

namespace AppealStudio.Core.Tests.Analytics;

public class WilsonIntervalTests
{
    [Theory]
    [InlineData(8, 10, 0.4902, 0.9433)]
    [InlineData(5, 10, 0.2366, 0.7634)]
    [InlineData(0, 10, 0.0, 0.2775)]
    [InlineData(10, 10, 0.7225, 1.0)]
    [InlineData(1, 1, 0.2065, 1.0)]
    [InlineData(45, 100, 0.3561, 0.5476)]
    public void Compute_KnownValues_Match(int successes, int n, double lower, double upper)
    {
        var interval = WilsonInterval.Compute(successes, n);

        Assert.Equal(lower, interval.Lower, 4);
        Assert.Equal(upper, interval.Upper, 4);
        Assert.Equal((double)successes / n, interval.Rate!.Value, 10);
    }

    [Fact]
    public void Compute_NoTrials_ReturnsWholeRangeWithoutRate()
    {
        var interval = WilsonInterval.Compute(0, 0);

        Assert.Null(interval.Rate);
        Assert.Equal(0d, interval.Lower);
        Assert.Equal(1d, interval.Upper);
    }

    [Fact]
    public void Compute_WiderZ_GivesWiderInterval()
    {
        var at95 = WilsonInterval.Compute(8, 10);
        var at99 = WilsonInterval.Compute(8, 10, 2.576);

        Assert.True(at99.Lower < at95.Lower);
        Assert.True(at99.Upper > at95.Upper);
    }

    [Fact]
    public void Compute_AnyCounts_StaysInsideUnitRangeAndContainsRate()
    {
        for (var n = 1; n <= 60; n++)
        {
            for (var k = 0; k <= n; k++)
            {
                var interval = WilsonInterval.Compute(k, n);
                Assert.InRange(interval.Lower, 0d, interval.Rate!.Value);
                Assert.InRange(interval.Upper, interval.Rate.Value, 1d);
            }
        }
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(11, 10)]
    [InlineData(0, -1)]
    public void Compute_InvalidCounts_Throw(int successes, int n) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Compute(successes, n));
}
