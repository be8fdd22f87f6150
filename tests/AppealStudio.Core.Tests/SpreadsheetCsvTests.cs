using CsvHelper;

namespace AppealStudio.Core.Tests;

public class SpreadsheetCsvTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")")]
    [InlineData("+1+2")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\tcmd")]
    [InlineData("\r=1")]
    public void Write_TextStartingLikeAFormula_IsNeutralisedAndReadsBackWithTheApostrophe(string text)
    {
        var csv = SpreadsheetCsv.ToText(["Payer"], [[CsvCell.Text(text)]]);

        Assert.Equal("'" + text, ReadBack(csv)[1][0]);
    }

    [Fact]
    public void Write_NumbersAndPlainText_AreWrittenAsTheyAre()
    {
        var csv = SpreadsheetCsv.ToText(["Name", "Amount", "Count", "Empty"],
            [[CsvCell.Text("ACME, Inc."), CsvCell.Number(-12.5m, "F2"), CsvCell.Number(3), CsvCell.Number(null)]]);

        Assert.Equal("Name,Amount,Count,Empty\r\n\"ACME, Inc.\",-12.50,3,\r\n", csv);
    }

    private static List<string[]> ReadBack(string text)
    {
        using var csv = CsvReader.FromText(text, new CsvReaderOptions { HasHeader = false, Separator = ',' });
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i) ?? "").ToArray());
        }

        return rows;
    }
}
