namespace AppealStudio.Core.Analytics;

/// <summary>A proportion with its confidence interval.</summary>
/// <param name="Successes">Numerator.</param>
/// <param name="Trials">Denominator.</param>
/// <param name="Rate">Successes ÷ trials; null when there were no trials.</param>
/// <param name="Lower">Lower bound (0 when there were no trials: nothing is known).</param>
/// <param name="Upper">Upper bound (1 when there were no trials).</param>
public sealed record ProportionInterval(int Successes, int Trials, double? Rate, double Lower, double Upper);

/// <summary>
/// The Wilson score interval for a proportion. Win rates by payer × denial type are small samples (3 of 4, 0 of 2),
/// where the textbook normal interval collapses to a point or leaves [0, 1]; Wilson's stays inside [0, 1] and is
/// honest about how little a small sample says.
/// </summary>
public static class WilsonInterval
{
    /// <param name="successes">Number of successes (0 ≤ successes ≤ n).</param>
    /// <param name="n">Number of trials.</param>
    /// <param name="z">Standard normal quantile; 1.96 for 95%.</param>
    public static ProportionInterval Compute(int successes, int n, double z = 1.96)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, n);
        if (!double.IsFinite(z) || z <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(z), "z must be a positive number.");
        }

        if (n == 0)
        {
            return new ProportionInterval(0, 0, null, 0d, 1d);
        }

        double trials = n;
        var p = successes / trials;
        var z2 = z * z;
        var denominator = 1 + (z2 / trials);
        var centre = (p + (z2 / (2 * trials))) / denominator;
        var margin = z * Math.Sqrt((p * (1 - p) / trials) + (z2 / (4 * trials * trials))) / denominator;

        // At p = 0 or 1 one bound is exactly 0 or 1; rounding must not leave it a hair outside.
        var lower = successes == 0 ? 0d : Math.Max(0d, centre - margin);
        var upper = successes == n ? 1d : Math.Min(1d, centre + margin);
        return new ProportionInterval(successes, n, p, lower, upper);
    }
}
