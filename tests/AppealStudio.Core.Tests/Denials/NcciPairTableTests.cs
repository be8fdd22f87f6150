using AppealStudio.Core.Denials;

namespace AppealStudio.Core.Tests.Denials;

public class NcciPairTableTests
{
    [Fact]
    public void Default_ContainsKneeChondroplastyEdits()
    {
        var pair = NcciPairTable.Default.FindColumnTwoPair("29877", ["29880"]);

        Assert.NotNull(pair);
        Assert.Equal("29880", pair.Column1);
        Assert.True(pair.IsBypassable);
        Assert.Contains("RT/LT", pair.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void FindColumnTwoPair_ColumnOneAbsent_ReturnsNull()
    {
        Assert.Null(NcciPairTable.Default.FindColumnTwoPair("29877", ["99213", "29888"]));
    }

    [Fact]
    public void FindColumnTwoPair_IndicatorNine_IsIgnored()
    {
        var table = NcciPairTable.FromCsv("column1,column2,modifier_indicator,note\n11111,22222,9,deleted edit\n");

        Assert.Null(table.FindColumnTwoPair("22222", ["11111"]));
    }

    [Fact]
    public void FromCsv_BadIndicator_ThrowsNamingLine()
    {
        var ex = Assert.Throws<DataFileException>(() => NcciPairTable.FromCsv(
            "column1,column2,modifier_indicator,note\n11111,22222,1,ok\n11111,33333,2,bad\n"));

        Assert.Equal(3, ex.Line);
        Assert.Contains("modifier_indicator", ex.Message, StringComparison.Ordinal);
    }
}
