namespace AppealStudio.Data.Reports.Rollups;

/// <summary>A closed range of days read from the raw tables.</summary>
public readonly record struct DayRange(DateOnly From, DateOnly To);

/// <summary>
/// How one report query reads a date range: whole calendar months from a rollup (fresh, built before the query) and
/// the days around them from the raw tables. The two parts never overlap and together cover the range exactly, so
/// the sums agree with a raw read of the whole range.
/// </summary>
public sealed record RollupPlan(IReadOnlyList<DateOnly> Months, IReadOnlyList<DayRange> Raw)
{
    /// <summary>Days of closed months read from a daily rollup (only the claim family has one, ADR 95); empty otherwise.</summary>
    public IReadOnlyList<DayRange> Days { get; init; } = [];

    public bool UsesRollup => Months.Count > 0;

    public DateOnly FirstMonth => Months[0];

    /// <summary>The first day of the last rolled-up month (rollup rows are keyed by the month's first day).</summary>
    public DateOnly LastMonth => Months[^1];

    public static RollupPlan AllRaw(DateOnly from, DateOnly to) => new([], from <= to ? [new DayRange(from, to)] : []);

    /// <summary>
    /// The whole months inside [from, to] that are before <paramref name="currentMonth"/> (the open month is always
    /// read raw: it changes all day and is small) and that no split point cuts (a split is the first day of a new
    /// bucket of the query, such as the start of its period when the scan reaches further back).
    /// </summary>
    public static IReadOnlyList<DateOnly> CandidateMonths(DateOnly from, DateOnly to, DateOnly currentMonth, IReadOnlyCollection<DateOnly> splits)
    {
        var months = new List<DateOnly>();
        var month = new DateOnly(from.Year, from.Month, 1);
        if (month < from)
        {
            month = month.AddMonths(1);
        }

        for (; month < currentMonth && month.AddMonths(1).AddDays(-1) <= to; month = month.AddMonths(1))
        {
            var end = month.AddMonths(1).AddDays(-1);
            if (!splits.Any(s => s > month && s <= end))
            {
                months.Add(month);
            }
        }

        // One contiguous run (the longest), so that the rollup is read with one month range.
        var best = new List<DateOnly>();
        var run = new List<DateOnly>();
        foreach (var m in months)
        {
            if (run.Count > 0 && run[^1].AddMonths(1) != m)
            {
                run = [];
            }

            run.Add(m);
            if (run.Count > best.Count)
            {
                best = [.. run];
            }
        }

        return best;
    }

    /// <summary>
    /// The plan for a family with a daily rollup: <paramref name="months"/> (whole, closed, contiguous) from the monthly
    /// rollup, every other day up to <paramref name="closedEnd"/> (the last day before the open month) from the daily
    /// rollup, and only the open month's days raw.
    /// </summary>
    public static RollupPlan WithDays(DateOnly from, DateOnly to, DateOnly closedEnd, IReadOnlyList<DateOnly> months)
    {
        var days = new List<DayRange>();
        if (closedEnd >= from)
        {
            if (months.Count == 0)
            {
                days.Add(new DayRange(from, closedEnd));
            }
            else
            {
                if (from < months[0])
                {
                    days.Add(new DayRange(from, months[0].AddDays(-1)));
                }

                if (months[^1].AddMonths(1) <= closedEnd)
                {
                    days.Add(new DayRange(months[^1].AddMonths(1), closedEnd));
                }
            }
        }

        var rawFrom = closedEnd >= from ? closedEnd.AddDays(1) : from;
        return new RollupPlan(months, rawFrom <= to ? [new DayRange(rawFrom, to)] : []) { Days = days };
    }

    /// <summary>The plan reading <paramref name="months"/> (contiguous, sorted) from the rollup and every other day of the range raw.</summary>
    public static RollupPlan For(DateOnly from, DateOnly to, IReadOnlyList<DateOnly> months)
    {
        var raw = new List<DayRange>();
        var cursor = from;
        foreach (var month in months)
        {
            if (cursor < month)
            {
                raw.Add(new DayRange(cursor, month.AddDays(-1)));
            }

            cursor = month.AddMonths(1);
        }

        if (cursor <= to)
        {
            raw.Add(new DayRange(cursor, to));
        }

        return new RollupPlan(months, raw);
    }
}
