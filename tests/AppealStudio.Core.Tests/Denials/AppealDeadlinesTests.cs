using AppealStudio.Core.Denials;

namespace AppealStudio.Core.Tests.Denials;

public class AppealDeadlinesTests
{
    private static readonly PayerRule Medicare = PayerDirectory.Default.Rules.Single(r => r.Type == PayerType.Medicare);

    [Fact]
    public void Compute_MedicareRedetermination_Adds5DaysReceiptThen120()
    {
        // 2026-01-02 + 5 = 2026-01-07 (presumed receipt); + 120 days = 2026-05-07.
        var deadline = AppealDeadlines.Compute(Medicare, new DateOnly(2026, 1, 2), AppealLevel.FirstLevel);

        Assert.Equal(new DateOnly(2026, 5, 7), deadline.Date);
        Assert.False(deadline.IsDefaultRule);
        Assert.False(deadline.VerifyWithContract);
        Assert.Equal(AppealLevel.FirstLevel, deadline.Level);
        Assert.Contains("redetermination", deadline.Basis, StringComparison.Ordinal);
        Assert.Contains("2026-01-02 + 5 days = 2026-01-07", deadline.Basis, StringComparison.Ordinal);
        Assert.Contains("2026-05-07", deadline.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_MedicareReconsideration_Adds5DaysThen180FromRedeterminationNotice()
    {
        // 2026-05-20 + 5 = 2026-05-25; + 180 = 2026-11-21.
        var deadline = AppealDeadlines.Compute(Medicare, new DateOnly(2026, 5, 20), AppealLevel.SecondLevel);

        Assert.Equal(new DateOnly(2026, 11, 21), deadline.Date);
        Assert.Contains("reconsideration (QIC)", deadline.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_MedicareAljHearing_Adds5DaysThen60()
    {
        // 2026-12-01 + 5 = 2026-12-06; + 60 = 2027-02-04, across the year end.
        var deadline = AppealDeadlines.Compute(Medicare, new DateOnly(2026, 12, 1), AppealLevel.ExternalReview);

        Assert.Equal(new DateOnly(2027, 2, 4), deadline.Date);
    }

    [Fact]
    public void Compute_MedicareReopening_CountsOneYearFromTheDeterminationWithoutReceiptDays()
    {
        var deadline = AppealDeadlines.Compute(Medicare, new DateOnly(2026, 1, 2), AppealLevel.Reopening);

        Assert.Equal(new DateOnly(2027, 1, 2), deadline.Date);
        Assert.Contains("from the notice date 2026-01-02", deadline.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_MedicareAdvantage_60DaysFromRemittanceAndVerifyFlag()
    {
        var humana = PayerDirectory.Default.Find("61101", null);

        var deadline = AppealDeadlines.Compute(humana, new DateOnly(2026, 3, 10), AppealLevel.FirstLevel);

        Assert.Equal(PayerType.MedicareAdvantage, humana.Type);
        Assert.Equal(new DateOnly(2026, 5, 9), deadline.Date);
        Assert.True(deadline.VerifyWithContract);
        Assert.Contains("Verify with your contract", deadline.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_CommercialSecondLevel_CountsFromPreviousDecision()
    {
        var aetna = PayerDirectory.Default.Find("60054", null);

        var deadline = AppealDeadlines.Compute(aetna, new DateOnly(2026, 2, 1), AppealLevel.SecondLevel);

        Assert.Equal(new DateOnly(2026, 4, 2), deadline.Date);
        Assert.Contains("second-level appeal", deadline.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_MedicaidWithoutConfiguredWindow_ReturnsNoDateAndSaysWhy()
    {
        var medicaid = PayerDirectory.Default.Rules.Single(r => r.Type == PayerType.Medicaid);

        var deadline = AppealDeadlines.Compute(medicaid, new DateOnly(2026, 1, 2), AppealLevel.FirstLevel);

        Assert.Null(deadline.Date);
        Assert.Null(deadline.DaysLeft(new DateOnly(2026, 1, 3)));
        Assert.Contains("no window is configured", deadline.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_UnknownPayer_UsesDefaultRuleAndFlagsIt()
    {
        var rule = PayerDirectory.Default.Find("00000", "Nobody Health Plan");

        var deadline = AppealDeadlines.Compute(rule, new DateOnly(2026, 1, 2), AppealLevel.FirstLevel);

        Assert.True(deadline.IsDefaultRule);
        Assert.Equal(new DateOnly(2026, 3, 3), deadline.Date);
        Assert.Contains("not in the directory", deadline.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void TimelyFiling_Medicare_OneYearFromDateOfService()
    {
        var deadline = AppealDeadlines.TimelyFiling(Medicare, new DateOnly(2026, 1, 2));

        Assert.Equal(new DateOnly(2027, 1, 2), deadline.Date);
        Assert.Null(deadline.Level);
        Assert.Contains("timely filing", deadline.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void TimelyFiling_PayerWithoutLimit_ReturnsNoDate()
    {
        var aetna = PayerDirectory.Default.Find("60054", null);

        Assert.Null(AppealDeadlines.TimelyFiling(aetna, new DateOnly(2026, 1, 2)).Date);
    }

    [Fact]
    public void DaysLeft_BeforeOnAndAfterDeadline()
    {
        var deadline = AppealDeadlines.Compute(Medicare, new DateOnly(2026, 1, 2), AppealLevel.FirstLevel);

        Assert.Equal(10, deadline.DaysLeft(new DateOnly(2026, 4, 27)));
        Assert.Equal(0, deadline.DaysLeft(new DateOnly(2026, 5, 7)));
        Assert.Equal(-1, deadline.DaysLeft(new DateOnly(2026, 5, 8)));
    }

    [Fact]
    public void Compute_AnyNoticeDate_DeadlineIsPresumptionPlusWindowLater()
    {
        // Property: the arithmetic holds across month ends, leap days and years.
        var start = new DateOnly(2023, 12, 15);
        for (var offset = 0; offset < 1200; offset += 7)
        {
            var notice = start.AddDays(offset);
            var deadline = AppealDeadlines.Compute(Medicare, notice, AppealLevel.FirstLevel);
            Assert.Equal(125, deadline.Date!.Value.DayNumber - notice.DayNumber);
        }
    }
}
