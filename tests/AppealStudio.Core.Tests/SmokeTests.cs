using AppealStudio.Core;

namespace AppealStudio.Core.Tests;

public class InvariantTests
{
    [Fact]
    public void Money_UnderGermanCulture_UsesDotDecimalSeparator()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal("1234.50", Invariant.Money(1234.5m));
            Assert.Equal("2026-03-01", Invariant.Date(new DateOnly(2026, 3, 1)));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }
}
