using AppealStudio.Core.Denials;

namespace AppealStudio.Core.Tests.Denials;

public class AppealLadderTests
{
    private static readonly PayerRule Medicare = PayerDirectory.Default.Rules.Single(r => r.Type == PayerType.Medicare);
    private static readonly PayerRule Aetna = PayerDirectory.Default.Find("60054", null);
    private static readonly PayerRule Medicaid = PayerDirectory.Default.Rules.Single(r => r.Type == PayerType.Medicaid);
    private static readonly DateOnly Notice = new(2026, 1, 2);

    private static AppealLadderResult Build(PayerRule payer, decimal amount, DateOnly today, params LadderAppeal[] appeals) =>
        AppealLadder.Build(payer, AppealLevelTable.Default, Notice, amount, appeals, today);

    [Fact]
    public void LevelsFor_Medicare_AreTheFiveLevelsInOrder()
    {
        var levels = AppealLevelTable.Default.LevelsFor(Medicare);

        Assert.Equal([AppealLevel.FirstLevel, AppealLevel.SecondLevel, AppealLevel.ExternalReview, AppealLevel.CouncilReview, AppealLevel.JudicialReview], levels);
    }

    [Fact]
    public void LevelsFor_CommercialWithoutRows_AreTheLevelsItsSettingsHave()
    {
        // Aetna's settings have a first (180) and a second (60) level and no external review.
        Assert.Equal([AppealLevel.FirstLevel, AppealLevel.SecondLevel], AppealLevelTable.Default.LevelsFor(Aetna));
        Assert.Empty(AppealLevelTable.Default.LevelsFor(Medicaid));
    }

    [Fact]
    public void Build_NothingFiled_FirstLevelIsCurrentWithReceiptPresumptionAndTheRestWait()
    {
        var ladder = Build(Medicare, 500m, new DateOnly(2026, 2, 1));

        var first = ladder.Steps[0];
        Assert.Equal(LadderStepState.Current, first.State);
        Assert.Equal(new DateOnly(2026, 5, 7), first.Deadline); // 2026-01-02 + 5 + 120
        Assert.Equal(95, first.DaysLeft);
        Assert.Equal("redetermination", first.Name);
        Assert.Contains("42 CFR 405.942", first.Source, StringComparison.Ordinal);
        Assert.All(ladder.Steps.Skip(1), s => Assert.Equal(LadderStepState.Next, s.State));
        Assert.All(ladder.Steps.Skip(1), s => Assert.Null(s.Deadline));
        Assert.Null(ladder.Offered);
        Assert.Null(ladder.Flag);
    }

    [Fact]
    public void Build_FirstLevelUpheld_OffersReconsiderationCountedFromTheDecisionsReceipt()
    {
        var upheld = new LadderAppeal(AppealLevel.FirstLevel, new DateOnly(2026, 3, 1), "upheld", new DateOnly(2026, 4, 20), 0m, 7);

        var ladder = Build(Medicare, 500m, new DateOnly(2026, 5, 1), upheld);

        Assert.Equal(LadderStepState.Done, ladder.Steps[0].State);
        Assert.Equal(7, ladder.Steps[0].Appeal!.Id);
        var second = ladder.Offered;
        Assert.NotNull(second);
        Assert.Equal(AppealLevel.SecondLevel, second.Level);
        // 2026-04-20 + 5 (presumed receipt) + 180 = 2026-10-22.
        Assert.Equal(new DateOnly(2026, 10, 22), second.Deadline);
        Assert.Contains("presumed receipt of the redetermination decision", second.Basis, StringComparison.Ordinal);
        Assert.Equal(LadderStepState.Next, ladder.Steps[2].State);
    }

    [Fact]
    public void Build_QicUpheldBelowAljThreshold_AljUnavailableWithTheThresholdOfTheYear()
    {
        var first = new LadderAppeal(AppealLevel.FirstLevel, new DateOnly(2026, 2, 1), "upheld", new DateOnly(2026, 3, 1));
        var second = new LadderAppeal(AppealLevel.SecondLevel, new DateOnly(2026, 4, 1), "upheld", new DateOnly(2026, 6, 1));

        var ladder = Build(Medicare, 150m, new DateOnly(2026, 6, 10), first, second);

        var alj = ladder.Steps[2];
        Assert.Equal(LadderStepState.Unavailable, alj.State);
        Assert.Equal(200m, alj.AmountInControversy); // CY2026
        Assert.Contains("under the ALJ hearing threshold of $200.00", alj.Basis, StringComparison.Ordinal);
        Assert.Null(ladder.Current);
    }

    [Fact]
    public void Build_AljThresholdFollowsTheYearTheClockStarts()
    {
        var first = new LadderAppeal(AppealLevel.FirstLevel, new DateOnly(2025, 2, 1), "upheld", new DateOnly(2025, 3, 1));
        var second = new LadderAppeal(AppealLevel.SecondLevel, new DateOnly(2025, 4, 1), "upheld", new DateOnly(2025, 6, 1));

        var ladder = AppealLadder.Build(Medicare, AppealLevelTable.Default, new DateOnly(2025, 1, 2), 195m, [first, second], new DateOnly(2025, 6, 10));

        var alj = ladder.Steps[2];
        Assert.Equal(190m, alj.AmountInControversy); // CY2025: 195 reaches it
        Assert.Equal(LadderStepState.Current, alj.State);
        Assert.Equal(new DateOnly(2025, 8, 5), alj.Deadline); // 2025-06-01 + 5 + 60
    }

    [Fact]
    public void Build_DeadlinePassedWithoutFiling_LevelExpiredAndLadderExpired()
    {
        var ladder = Build(Medicare, 500m, new DateOnly(2026, 5, 8));

        Assert.Equal(LadderStepState.Expired, ladder.Steps[0].State);
        Assert.Equal(-1, ladder.Steps[0].DaysLeft);
        Assert.Contains("good cause", ladder.Steps[0].Basis, StringComparison.Ordinal);
        Assert.True(ladder.IsExpired);
    }

    [Fact]
    public void Build_OverturnedInFull_LaterLevelsNotNeeded()
    {
        var won = new LadderAppeal(AppealLevel.FirstLevel, new DateOnly(2026, 2, 1), "overturned", new DateOnly(2026, 3, 1), 500m);

        var ladder = Build(Medicare, 500m, new DateOnly(2026, 3, 5), won);

        Assert.All(ladder.Steps.Skip(1), s => Assert.Equal(LadderStepState.NotNeeded, s.State));
        Assert.Null(ladder.Current);
        Assert.False(ladder.IsExpired);
    }

    [Fact]
    public void Build_PartialOverturn_NextLevelForTheRemainder()
    {
        var partial = new LadderAppeal(AppealLevel.FirstLevel, new DateOnly(2026, 2, 1), "partially-overturned", new DateOnly(2026, 3, 1), 300m);

        var ladder = Build(Aetna, 500m, new DateOnly(2026, 3, 5), partial);

        var second = Assert.Single(ladder.Steps, s => s.State == LadderStepState.Current);
        Assert.Equal(AppealLevel.SecondLevel, second.Level);
        Assert.Equal(new DateOnly(2026, 4, 30), second.Deadline); // 60 days from the decision, no presumption
        Assert.Equal("These windows come from the payer's public material: verify them against your contract.", ladder.Flag);
    }

    [Fact]
    public void Build_PendingAppeal_IsCurrentAndTheNextLevelWaitsForItsDecision()
    {
        var pending = new LadderAppeal(AppealLevel.FirstLevel, new DateOnly(2026, 2, 1), null, null);

        var ladder = Build(Medicare, 500m, new DateOnly(2026, 3, 5), pending);

        Assert.Equal(LadderStepState.Current, ladder.Steps[0].State);
        Assert.StartsWith("Filed 2026-02-01", ladder.Steps[0].Basis, StringComparison.Ordinal);
        Assert.Equal(LadderStepState.Next, ladder.Steps[1].State);
        Assert.Contains("180 days", ladder.Steps[1].Basis, StringComparison.Ordinal);
        Assert.Null(ladder.Offered);
    }

    [Fact]
    public void Build_MedicaidAndUnknownPayers_AreFlagged()
    {
        Assert.StartsWith("Medicaid appeal windows are set by each state", Build(Medicaid, 100m, Notice).Flag, StringComparison.Ordinal);
        var unknown = PayerDirectory.Default.Find(null, "SOME REGIONAL PLAN");
        var ladder = Build(unknown, 100m, Notice);
        Assert.StartsWith("This payer is not in the directory", ladder.Flag, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 3, 3), ladder.Steps[0].Deadline); // default 60 days, no presumption
    }

    [Fact]
    public void TermsFor_PayerRowOutranksTypeRows_AndEffectiveDatesChooseTheRow()
    {
        var table = AppealLevelTable.Default.With(
        [
            new AppealLevelRule(PayerType.Commercial, "Aetna", AppealLevel.FirstLevel, 90, null, null, new DateOnly(2027, 1, 1), null, "Aetna contract 2027"),
            new AppealLevelRule(PayerType.Commercial, "Aetna", AppealLevel.FirstLevel, null, null, null, null, new DateOnly(2026, 12, 31), "Aetna contract until 2026"),
        ]);

        var before = table.TermsFor(Aetna, AppealLevel.FirstLevel, new DateOnly(2026, 6, 1));
        var after = table.TermsFor(Aetna, AppealLevel.FirstLevel, new DateOnly(2027, 6, 1));

        Assert.Equal(180, before.WindowDays); // blank window: the payer settings' 180
        Assert.True(before.FromSettings);
        Assert.Equal(90, after.WindowDays);
        Assert.Equal("Aetna contract 2027", after.Source);
        // With rows of its own, Aetna has exactly the levels of its rows.
        Assert.Equal([AppealLevel.FirstLevel], table.LevelsFor(Aetna));
    }

    [Fact]
    public void FromCsv_BadRows_NameTheLine()
    {
        const string header = "payer_type,payer,level,window_days,receipt_presumption_days,amount_in_controversy,effective_from,effective_to,source\n";

        var level = Assert.Throws<DataFileException>(() => AppealLevelTable.FromCsv(header + "medicare,,reopening,30,,,,,x\n"));
        var date = Assert.Throws<DataFileException>(() => AppealLevelTable.FromCsv(header + "medicare,,first-level,30,,,2026-13-01,,x\n"));
        var order = Assert.Throws<DataFileException>(() => AppealLevelTable.FromCsv(header + "medicare,,first-level,30,,,2026-02-01,2026-01-01,x\n"));

        Assert.Equal(2, level.Line);
        Assert.Contains("not an appeal level", level.Problem, StringComparison.Ordinal);
        Assert.Contains("not a date", date.Problem, StringComparison.Ordinal);
        Assert.Contains("before effective_from", order.Problem, StringComparison.Ordinal);
    }
}
