using System.Globalization;

namespace AppealStudio.Core;

/// <summary>Culture-invariant formatting for money and dates shown to users and written to files.</summary>
public static class Invariant
{
    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
