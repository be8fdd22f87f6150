using AppealStudio.Data.Denials;
using AppealStudio.Core.Analytics;
using AppealStudio.Data.Reports;


namespace AppealStudio.Web.Tests.Reports;

/// <summary>The pure parts of the reports: specialty mapping, business days, CSV writing and table sorting.</summary>
public class ReportHelpersTests
{
    [Theory]
    [InlineData(null, "01402", Specialty.Anesthesia)]
    [InlineData(null, "29881", Specialty.Orthopedics)]
    [InlineData(null, "93306", Specialty.Cardiology)]
    [InlineData(null, "33208", Specialty.Cardiology)]
    [InlineData(null, "90837", Specialty.MentalHealth)]
    [InlineData(null, "99213", Specialty.Other)]
    [InlineData(null, "2000F", Specialty.Other)]
    [InlineData(null, "0042T", Specialty.Other)]
    [InlineData(null, "0001U", Specialty.Other)]
    [InlineData(null, "23155012301", Specialty.Other)] // an NDC (eleven digits) is no CPT code
    [InlineData(null, "G0289", Specialty.Other)]
    [InlineData("modifier-59", null, Specialty.Orthopedics)]
    [InlineData("modifier-25", "99214", Specialty.Cardiology)]
    [InlineData("physical-status", null, Specialty.Anesthesia)]
    [InlineData("session-length", null, Specialty.MentalHealth)]
    [InlineData("modifier-59", "93000", Specialty.Cardiology)]
    [InlineData(null, null, Specialty.Other)]
    public void Classify_ProcedureFirstThenScenario(string? scenario, string? procedure, Specialty expected) =>
        Assert.Equal(expected, Specialties.Classify(scenario, procedure));

    [Theory]
    [InlineData("2026-11-23", 5, "2026-11-16")] // Monday: five business days back is the Monday before.
    [InlineData("2026-11-27", 5, "2026-11-20")] // Friday → Friday.
    [InlineData("2026-11-28", 5, "2026-11-20")] // Saturday counts from Friday.
    [InlineData("2026-11-25", 0, "2026-11-25")]
    public void BusinessDays_Subtract_SkipsWeekends(string from, int days, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            BusinessDays.Subtract(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), days));

    [Fact]
    public void ToCsv_QuotesCommasQuotesAndLineBreaks_AsRfc4180()
    {
        var table = new ReportTable
        {
            Id = "t",
            Title = "t",
            Columns = [new("a", "Name, full", ColumnKind.Text), new("b", "Money", ColumnKind.Money), new("c", "Rate", ColumnKind.Percent)],
            Rows = [new object?[] { "He said \"no\"\nthen left", 1234.5m, 0.12345m }, new object?[] { "-1", -2m, null }],
        };

        var csv = table.ToCsv(null, true);

        Assert.Equal("\"Name, full\",Money,Rate (%)\r\n\"He said \"\"no\"\"\nthen left\",1234.50,12.35\r\n\"'-1\",-2.00,\r\n", csv);
    }

    [Fact]
    public void SortedRows_BlankValues_GoLastInBothDirections()
    {
        var table = new ReportTable
        {
            Id = "t",
            Title = "t",
            Columns = [new("k", "Key", ColumnKind.Text), new("r", "Rate", ColumnKind.Percent)],
            Rows = [["a", 0.5m], ["b", null], ["c", 0.9m]],
        };

        Assert.Equal(["c", "a", "b"], table.SortedRows("r", descending: true).Select(r => (string)r[0]!));
        Assert.Equal(["a", "c", "b"], table.SortedRows("r", descending: false).Select(r => (string)r[0]!));
        Assert.Equal(["a", "b", "c"], table.SortedRows("nope", descending: true).Select(r => (string)r[0]!));
    }

    [Fact]
    public void MonthColumn_ReadsAsWordsOnThePage_IsoInTheCsv_AndSortsByDate()
    {
        var table = new ReportTable
        {
            Id = "t",
            Title = "t",
            Columns = [new("month", "Month", ColumnKind.Month), new("count", "Count", ColumnKind.Count)],
            Rows = [[new DateOnly(2026, 4, 1), 1], [new DateOnly(2025, 12, 1), 2], [new DateOnly(2026, 1, 1), 3]],
        };

        Assert.Equal("Apr 2026", ReportTable.Format(ColumnKind.Month, new DateOnly(2026, 4, 1)));
        Assert.Equal("Month,Count\r\n2025-12,2\r\n2026-01,3\r\n2026-04,1\r\n", table.ToCsv("month", descending: false));
    }

    [Theory]
    [InlineData(ColumnKind.Money, 1234.5, "$1,234.50")]
    [InlineData(ColumnKind.Money, -2, "-$2.00")]
    [InlineData(ColumnKind.Percent, 0.66666, "66.7%")]
    public void Format_MoneyAndRates_ReadTheUsWay(ColumnKind kind, double value, string expected) =>
        Assert.Equal(expected, ReportTable.Format(kind, (decimal)value));

    [Fact]
    public void WinRateRow_DecidedIncludesNoResponse_WinsIncludePartial()
    {
        var row = new WinRateRow("P", "k", Overturned: 6, PartiallyOverturned: 2, Upheld: 3, NoResponse: 1, InFlight: 2, AtStake: 0m, Recovered: 0m);

        Assert.Equal((12, 8, false), (row.Decided, row.Wins, row.SmallSample));
        Assert.True(AppealDecisions.IsWin(AppealDecisions.PartiallyOverturned));
        Assert.False(AppealDecisions.IsWin(AppealDecisions.NoResponse));
    }
}
