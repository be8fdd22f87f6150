using AppealStudio.Core.Denials;

namespace AppealStudio.Core.Tests.Denials;

public class NcciPtpFileTests
{
    private static string Extract => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Ncci", "ccipra-v321r0-f1.extract.txt");

    [Fact]
    public void Read_CmsLayout_SkipsThePreambleAndReadsEveryColumn()
    {
        var file = new NcciPtpFile();
        using var text = File.OpenText(Extract);

        var rows = file.Read(text).ToList();

        Assert.Empty(file.Errors);
        Assert.Equal(7, file.PreambleLines);
        Assert.Equal(4, rows.Count);
        var first = rows[0];
        Assert.Equal(("29881", "29877", 1, new DateOnly(2012, 1, 1)), (first.Column1, first.Column2, first.ModifierIndicator, first.EffectiveFrom));
        Assert.Null(first.DeletedOn);
        Assert.Equal(8, first.Line);
        Assert.True(rows[2].ExistedBefore1996);
        Assert.Equal(new DateOnly(2025, 1, 1), rows[3].DeletedOn);
        Assert.Equal(0, rows[1].ModifierIndicator);
    }

    [Fact]
    public void Read_BadLinesAfterTheFirstEdit_AreReportedWithTheirLineNumbers()
    {
        var content = "preamble\n29881\t29877\t\t20120101\t*\t1\tok\n29881\t29877\t\t2012-01-01\t*\t1\tbad date\n" +
                      "\n2988\t29877\t\t20120101\t*\t1\tshort code\n29881\t29877\t\t20120101\t*\t2\tbad indicator\n";
        var file = new NcciPtpFile();

        var rows = file.Read(new StringReader(content)).ToList();

        Assert.Single(rows);
        Assert.Equal(3, file.ErrorCount);
        Assert.Equal([3, 5, 6], file.Errors.Select(e => e.Line));
        Assert.Contains("effective date '2012-01-01'", file.Errors[0].Problem, StringComparison.Ordinal);
        Assert.Contains("modifier indicator must be 0, 1 or 9", file.Errors[2].Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotAPtpFile_OneErrorSaysSo()
    {
        var file = new NcciPtpFile();

        Assert.Empty(file.Read(new StringReader("code,modifier,allowed\n99213,,80.00\n")).ToList());
        Assert.Contains("not a CMS NCCI PTP text file", Assert.Single(file.Errors).Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ccipra-v321r0-f1.txt", "v321r0", "ccipra-f1")]
    [InlineData("CCIPRA-V320R1-F4.TXT", "v320r1", "ccipra-f4")]
    [InlineData("my-edits.txt", "my-edits", "my-edits")]
    public void VersionAndPart_FromTheFileName(string name, string version, string part)
    {
        Assert.Equal(version, NcciPtpFile.VersionOf(name));
        Assert.Equal(part, NcciPtpFile.PartOf(name));
    }

    [Fact]
    public void ColumnOneInclusions_BadRange_NamesTheLine()
    {
        var ex = Assert.Throws<DataFileException>(() => ColumnOneInclusions.FromCsv(
            "column1,column2,except_with,same_side,note,source\n29828-29806,29822,,yes,n,s\n"));

        Assert.Equal(2, ex.Line);
        Assert.Contains("not a range", ex.Problem, StringComparison.Ordinal);
    }
}
