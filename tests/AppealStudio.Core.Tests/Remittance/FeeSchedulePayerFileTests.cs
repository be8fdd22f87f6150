using AppealStudio.Core.Remittance;

namespace AppealStudio.Core.Tests.Remittance;

public class FeeSchedulePayerFileTests
{
    private const string Header = "code,modifier,allowed,effective_from,effective_to\n";

    [Fact]
    public void ReadPayerFile_GoodFile_ReadsPeriodsAndModifiers()
    {
        var (entries, errors) = FeeSchedule.ReadPayerFile(new StringReader(Header +
            "99213,,80.00,2026-01-01,2026-06-30\n99213,,85.00,2026-07-01,\n99214,25,120.50,2026-01-01,\n"), "ACME");

        Assert.Empty(errors);
        Assert.Equal(3, entries.Count);
        Assert.Equal(("ACME", "99214", "25", 120.50m), (entries[2].Payer, entries[2].Procedure, entries[2].Modifier, entries[2].Allowed));
        Assert.Null(entries[1].EffectiveTo);
        var schedule = FeeSchedule.From(entries);
        Assert.Equal(80m, schedule.Find(null, "acme", "99213", [], new DateOnly(2026, 6, 30))!.Allowed);
        Assert.Equal(85m, schedule.Find(null, "ACME", "99213", [], new DateOnly(2026, 7, 1))!.Allowed);
        Assert.Null(schedule.Find(null, "ACME", "99213", [], new DateOnly(2025, 12, 31)));
    }

    [Fact]
    public void ReadPayerFile_BadRows_AreAllReportedWithTheirLineNumbers()
    {
        var (entries, errors) = FeeSchedule.ReadPayerFile(new StringReader(Header +
            "99213,,80.00,2026-01-01,\n" +     // 2 fine
            "99213,,81.00,2026-03-01,\n" +     // 3 overlaps line 2
            ",,10,2026-01-01,\n" +             // 4 no code
            "99214,,ten,2026-01-01,\n" +       // 5 bad amount
            "99215,,10.001,2026-01-01,\n" +    // 6 too precise
            "99215,,10,2026-02-30,\n" +        // 7 bad date
            "99215,,10,2026-02-01,2026-01-01\n" + // 8 reversed
            "99215,XYZ,10,2026-01-01,\n" +     // 9 bad modifier
            "99215,,10\n"), "ACME");          // 10 columns

        Assert.Equal([3, 4, 5, 6, 7, 8, 9, 10], errors.Select(e => e.LineNumber));
        Assert.Contains("overlaps the period of line 2", errors[0].Problem, StringComparison.Ordinal);
        Assert.Contains("is before effective_from", errors[5].Problem, StringComparison.Ordinal);
        Assert.Single(entries);
    }

    [Theory]
    [InlineData("", 1, "empty")]
    [InlineData("payer,procedure,modifier,allowed\nX,99213,,10\n", 1, "header")]
    [InlineData(Header, 2, "no rates")]
    public void ReadPayerFile_NoUsableContent_SaysWhy(string csv, int line, string words)
    {
        var error = Assert.Single(FeeSchedule.ReadPayerFile(new StringReader(csv), "ACME").Errors);

        Assert.Equal(line, error.LineNumber);
        Assert.Contains(words, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Assess_PaidBelowContractAfterPatientShareAndSequestration_IsTheShortfall()
    {
        var rate = new FeeScheduleEntry("ACME", "97110", null, 30m, 2);

        var under = FeeSchedule.Assess(rate, 4m, 70m, [("CO", "45", 80m), ("PR", "2", 20m), ("CO", "253", 1.60m)]);
        var fine = FeeSchedule.Assess(rate, 4m, 98.40m, [("PR", "2", 20m), ("CO", "253", 1.60m)]);

        Assert.Equal((120m, 98.40m, 70m), (under.Contracted, under.Expected, under.Paid));
        Assert.Equal(28.40m, under.Shortfall);
        Assert.True(under.IsUnderpaid);
        Assert.False(fine.IsUnderpaid);
    }
}
