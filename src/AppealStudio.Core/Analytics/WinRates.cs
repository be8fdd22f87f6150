namespace AppealStudio.Core.Analytics;

/// <summary>The win rate of one group (for example payer × root cause) with its sample size and interval.</summary>
/// <param name="Key">The group.</param>
/// <param name="Wins">Appeals won (overturned, fully or partly paid).</param>
/// <param name="Losses">Appeals lost (upheld).</param>
/// <param name="Interval">Wilson 95% interval of the win rate.</param>
/// <param name="RecoveredAmount">Money recovered by the wins.</param>
public sealed record WinRate<TKey>(TKey Key, int Wins, int Losses, ProportionInterval Interval, decimal RecoveredAmount)
{
    public int Decided => Wins + Losses;
}

/// <summary>One decided appeal, as the reports read it.</summary>
/// <param name="Key">What to group by (payer, root cause, scenario, or a tuple of them).</param>
/// <param name="Won">The payer overturned the denial.</param>
/// <param name="RecoveredAmount">Money recovered (0 for a loss).</param>
public sealed record AppealOutcome<TKey>(TKey Key, bool Won, decimal RecoveredAmount);

/// <summary>Win rates by group, the manager's "what to appeal next" table.</summary>
public static class WinRates
{
    /// <summary>
    /// Groups decided appeals and computes each group's win rate with its Wilson interval, ordered by the interval's
    /// lower bound (then by sample size): a group with 9 of 10 wins ranks above one with 1 of 1, which is what a
    /// manager deciding where to spend appeal time needs.
    /// </summary>
    public static IReadOnlyList<WinRate<TKey>> ByGroup<TKey>(IEnumerable<AppealOutcome<TKey>> outcomes, double z = 1.96)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        return outcomes
            .GroupBy(o => o.Key)
            .Select(g =>
            {
                var wins = g.Count(o => o.Won);
                var total = g.Count();
                return new WinRate<TKey>(
                    g.Key, wins, total - wins, WilsonInterval.Compute(wins, total, z), g.Where(o => o.Won).Sum(o => o.RecoveredAmount));
            })
            .OrderByDescending(r => r.Interval.Lower)
            .ThenByDescending(r => r.Decided)
            .ToList();
    }
}
