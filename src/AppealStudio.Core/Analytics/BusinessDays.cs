namespace AppealStudio.Core.Analytics;

/// <summary>
/// Monday-to-Friday arithmetic for service-level clocks ("soft denials worked within 5 business days"). Public
/// holidays are not known here: a clock that runs over a holiday flags one day early, which errs toward attention.
/// </summary>
public static class BusinessDays
{
    public static bool IsBusinessDay(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>
    /// The business day <paramref name="days"/> business days before <paramref name="date"/>. Work started on or after
    /// that day is still inside a <paramref name="days"/>-business-day allowance on <paramref name="date"/>; work
    /// started before it is late. From a weekend the count starts at the Friday before.
    /// </summary>
    public static DateOnly Subtract(DateOnly date, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var day = date;
        while (!IsBusinessDay(day))
        {
            day = day.AddDays(-1);
        }

        for (var remaining = days; remaining > 0;)
        {
            day = day.AddDays(-1);
            if (IsBusinessDay(day))
            {
                remaining--;
            }
        }

        return day;
    }

    /// <summary>Business days after <paramref name="from"/> up to and including <paramref name="to"/> (0 when to ≤ from).</summary>
    public static int Between(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsBusinessDay(day))
            {
                count++;
            }
        }

        return count;
    }
}
