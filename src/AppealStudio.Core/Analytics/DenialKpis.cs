namespace AppealStudio.Core.Analytics;

/// <summary>
/// The denial KPIs of REFERENCE.md §8 (HFMA Claim Integrity Task Force and MAP Keys) as plain arithmetic over counts,
/// dollars and dates the caller has already selected. Each rate is null when its denominator is zero: "no claims" is
/// not a 0% denial rate.
/// </summary>
public static class DenialKpis
{
    /// <summary>Initial denial rate by volume: initial-denied claims ÷ claims submitted (HFMA CITF KPI 1).</summary>
    public static decimal? InitialDenialRateByCount(int initialDeniedClaims, int claimsSubmitted) =>
        Ratio(initialDeniedClaims, claimsSubmitted);

    /// <summary>
    /// Initial denial rate by volume with the CITF denominator: the average of the claims submitted in the three
    /// months before the reporting month, because denials of this month's claims arrive over the following months.
    /// </summary>
    /// <param name="initialDeniedClaims">Initial denials received in the reporting month.</param>
    /// <param name="claimsSubmittedInPriorMonths">Claims submitted in each of the preceding months (the CITF uses three).</param>
    public static decimal? InitialDenialRateByCount(int initialDeniedClaims, IReadOnlyCollection<int> claimsSubmittedInPriorMonths)
    {
        ArgumentNullException.ThrowIfNull(claimsSubmittedInPriorMonths);
        return claimsSubmittedInPriorMonths.Count == 0
            ? null
            : Ratio(initialDeniedClaims, (decimal)claimsSubmittedInPriorMonths.Sum() / claimsSubmittedInPriorMonths.Count);
    }

    /// <summary>Initial denial rate by dollars: gross charges of initial-denied claims ÷ gross charges submitted (CITF KPI 1).</summary>
    public static decimal? InitialDenialRateByDollars(decimal deniedCharges, decimal submittedCharges) =>
        Ratio(deniedCharges, submittedCharges);

    /// <summary>Initial denial rate by dollars with the three-month average denominator (see the count overload).</summary>
    public static decimal? InitialDenialRateByDollars(decimal deniedCharges, IReadOnlyCollection<decimal> chargesSubmittedInPriorMonths)
    {
        ArgumentNullException.ThrowIfNull(chargesSubmittedInPriorMonths);
        return chargesSubmittedInPriorMonths.Count == 0
            ? null
            : Ratio(deniedCharges, chargesSubmittedInPriorMonths.Sum() / chargesSubmittedInPriorMonths.Count);
    }

    /// <summary>
    /// Primary denial rate: zero-paid remits ÷ all remits (payments and zero-pays) from primary payers over the same
    /// four weeks, duplicates excluded by the caller (CITF KPI 2).
    /// </summary>
    public static decimal? PrimaryDenialRate(int zeroPaidRemits, int allRemits) => Ratio(zeroPaidRemits, allRemits);

    /// <summary>Denial write-offs ÷ net patient service revenue (HFMA MAP Key AR-6, CITF KPI 3).</summary>
    public static decimal? DenialWriteOffRate(decimal denialWriteOffs, decimal netPatientServiceRevenue) =>
        Ratio(denialWriteOffs, netPatientServiceRevenue);

    /// <summary>Overturn (win) rate: initial denials overturned ÷ initial denials appealed or resolved (CITF KPI 6), by count.</summary>
    public static decimal? OverturnRate(int overturned, int appealed) => Ratio(overturned, appealed);

    /// <summary>Overturn rate by charges (CITF KPI 6 asks for both volume and charges).</summary>
    public static decimal? OverturnRateByDollars(decimal overturnedCharges, decimal appealedCharges) =>
        Ratio(overturnedCharges, appealedCharges);

    /// <summary>Final denial rate: dollars (or claims) written off after denial ÷ dollars (or claims) billed in the period.</summary>
    public static decimal? FinalDenialRate(decimal writtenOff, decimal billed) => Ratio(writtenOff, billed);

    /// <summary>Clean claim rate: claims through all edits without manual intervention ÷ claims entering the scrubber (MAP Key CL-1).</summary>
    public static decimal? CleanClaimRate(int cleanClaims, int claimsScrubbed) => Ratio(cleanClaims, claimsScrubbed);

    /// <summary>Remittance denial rate: denied (zero-paid) remits ÷ remits received (MAP Key AR-5).</summary>
    public static decimal? RemittanceDenialRate(int deniedRemits, int remitsReceived) => Ratio(deniedRemits, remitsReceived);

    /// <summary>Days from the initial denial (remittance) to the appeal's submission (CITF KPI 4).</summary>
    public static int DaysFromDenialToAppeal(DateOnly denialDate, DateOnly appealSubmitted) =>
        DaysBetween(denialDate, appealSubmitted);

    /// <summary>Days from the initial denial to final resolution: paid, written off or closed (CITF KPI 5).</summary>
    public static int DaysToResolve(DateOnly denialDate, DateOnly resolved) => DaysBetween(denialDate, resolved);

    /// <summary>The mean of day counts (KPI 4 and 5 are reported as averages); null for none.</summary>
    public static decimal? AverageDays(IEnumerable<int> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var list = days.ToList();
        return list.Count == 0 ? null : (decimal)list.Sum() / list.Count;
    }

    private static int DaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), $"{Invariant.Date(to)} is before {Invariant.Date(from)}.");
        }

        return to.DayNumber - from.DayNumber;
    }

    private static decimal? Ratio(decimal numerator, decimal denominator)
    {
        if (numerator < 0 || denominator < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(numerator), "KPI inputs cannot be negative.");
        }

        return denominator == 0 ? null : numerator / denominator;
    }
}
