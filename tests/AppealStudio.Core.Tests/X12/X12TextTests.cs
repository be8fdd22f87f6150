using System.Text;
using AppealStudio.Core.X12;

namespace AppealStudio.Core.Tests.X12;

public class X12TextTests
{
    [Theory]
    [InlineData("150", "150")]
    [InlineData("150.5", "150.5")]
    [InlineData("-298.18", "-298.18")]
    [InlineData(".75", "0.75")]
    [InlineData("0000000000000000123.45", "123.45")]
    [InlineData(" 12 ", "12")]
    [InlineData("1.5E2", "150")]
    [InlineData("12345678901234567890.12", "12345678901234567890.12")]
    public void TryParseDecimal_ValidNumbers_ParseExactly(string text, string expected)
    {
        var status = X12Text.TryParseDecimal(Encoding.ASCII.GetBytes(text), out var value);

        Assert.Equal(X12ValueStatus.Valid, status);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("amount")]
    [InlineData("1.2.3")]
    [InlineData("-")]
    [InlineData("1,000.00")]
    [InlineData("XX")]
    public void TryParseDecimal_NotANumber_IsInvalid(string text)
    {
        Assert.Equal(X12ValueStatus.Invalid, X12Text.TryParseDecimal(Encoding.ASCII.GetBytes(text), out _));
    }

    [Fact]
    public void TryParseDecimal_Empty_IsMissing()
    {
        Assert.Equal(X12ValueStatus.Missing, X12Text.TryParseDecimal("  "u8, out _));
    }

    [Fact]
    public void TryParseDecimal_NegativeZero_IsPlainZero()
    {
        X12Text.TryParseDecimal("-0.00"u8, out var value);

        Assert.Equal("0.00", Invariant.Money(value));
    }

    [Theory]
    [InlineData("20240229", 2024, 2, 29)]
    [InlineData("19961231", 1996, 12, 31)]
    public void TryParseDate_Ccyymmdd_Parses(string text, int y, int m, int d)
    {
        Assert.Equal(X12ValueStatus.Valid, X12Text.TryParseDate(Encoding.ASCII.GetBytes(text), out var date));
        Assert.Equal(new DateOnly(y, m, d), date);
    }

    [Theory]
    [InlineData("20002316")]
    [InlineData("20230229")]
    [InlineData("240101")]
    [InlineData("2024010A")]
    public void TryParseDate_Impossible_IsInvalid(string text)
    {
        Assert.Equal(X12ValueStatus.Invalid, X12Text.TryParseDate(Encoding.ASCII.GetBytes(text), out _));
    }
}
