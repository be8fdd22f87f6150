namespace AppealStudio.Core.Remittance;

/// <summary>
/// One reason/amount/quantity triplet of a CAS segment (a CAS segment holds a group code and up to six triplets).
/// </summary>
/// <param name="GroupCode">CAS01: CO, PR, OA, PI (CR in 4010 files).</param>
/// <param name="ReasonCode">The CARC.</param>
/// <param name="Amount">Adjustment amount; negative amounts increase the payment.</param>
/// <param name="Quantity">Adjusted units, when given.</param>
/// <param name="SegmentNumber">Segment number of the CAS segment.</param>
public sealed record ClaimAdjustment(string GroupCode, string ReasonCode, decimal Amount, decimal? Quantity, long SegmentNumber)
{
    /// <summary>"CO-45".</summary>
    public string Code => $"{GroupCode}-{ReasonCode}";
}

/// <summary>
/// A PLB segment: adjustments to the provider's payment that are not tied to one claim line (interest, offsets,
/// overpayment recovery, refunds).
/// </summary>
public sealed class ProviderAdjustment
{
    internal ProviderAdjustment(PaymentHeader payment, long segmentNumber, string? providerId, DateOnly? fiscalPeriodDate, IReadOnlyList<ProviderAdjustmentItem> items)
    {
        Payment = payment;
        SegmentNumber = segmentNumber;
        ProviderId = providerId;
        FiscalPeriodDate = fiscalPeriodDate;
        Items = items;
    }

    /// <summary>The transaction of the PLB.</summary>
    public PaymentHeader Payment { get; }

    /// <summary>Segment number of the PLB.</summary>
    public long SegmentNumber { get; }

    /// <summary>PLB01: provider identifier.</summary>
    public string? ProviderId { get; }

    /// <summary>PLB02: last day of the provider's fiscal year.</summary>
    public DateOnly? FiscalPeriodDate { get; }

    /// <summary>The reason/reference/amount pairs (PLB03/04 .. PLB13/14).</summary>
    public IReadOnlyList<ProviderAdjustmentItem> Items { get; }

    /// <summary>Sum of the amounts (positive reduces the payment).</summary>
    public decimal Total
    {
        get
        {
            var sum = 0m;
            foreach (var item in Items)
            {
                sum += item.Amount;
            }

            return sum;
        }
    }
}

/// <summary>One adjustment of a PLB segment.</summary>
public sealed class ProviderAdjustmentItem
{
    internal ProviderAdjustmentItem(string reasonCode, string? referenceId, decimal amount)
    {
        ReasonCode = reasonCode;
        ReferenceId = referenceId;
        Amount = amount;
    }

    /// <summary>PLB03-1: WO overpayment recovery, L6 interest, 72 refund, CS adjustment, FB forward balance, CV capital ...</summary>
    public string ReasonCode { get; }

    /// <summary>PLB03-2: the reference the payer gave (often a claim's PCN or payer claim number).</summary>
    public string? ReferenceId { get; }

    /// <summary>PLB04: positive reduces the payment, negative increases it.</summary>
    public decimal Amount { get; }

    /// <summary>
    /// The claim of this file that the reference names (by its PCN or payer claim control number), when there is one:
    /// set while streaming for claims of the same transaction, and by
    /// <see cref="RemittanceFile.Load(Stream, ReadOptions?)"/> for any claim of the file.
    /// </summary>
    public ClaimLink? Link { get; internal set; }

    /// <summary>The linked claim itself; only set by <see cref="RemittanceFile.Load(Stream, ReadOptions?)"/> (streaming keeps no claims).</summary>
    public ClaimPayment? LinkedClaim { get; internal set; }
}

/// <summary>Identifies a claim of the file that a PLB reference names.</summary>
/// <param name="PatientControlNumber">CLP01 of the claim.</param>
/// <param name="PayerClaimControlNumber">CLP07 of the claim.</param>
/// <param name="SegmentNumber">Segment number of the claim's CLP.</param>
public sealed record ClaimLink(string PatientControlNumber, string? PayerClaimControlNumber, long SegmentNumber)
{
    internal static ClaimLink Of(ClaimPayment claim) => new(claim.PatientControlNumber, claim.PayerClaimControlNumber, claim.SegmentNumber);
}
