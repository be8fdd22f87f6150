namespace AppealStudio.Core.Remittance;

/// <summary>What <see cref="RemittanceReader.ReadEvents"/> produces, in file order.</summary>
public abstract record RemitEvent;

/// <summary>A transaction's header (BPR .. payee) has been read; its claims follow.</summary>
public sealed record PaymentStarted(PaymentHeader Payment) : RemitEvent;

/// <summary>A claim with all its service lines has been read.</summary>
public sealed record ClaimRead(ClaimPayment Claim) : RemitEvent;

/// <summary>A transaction has been read to its SE: its PLBs, claim totals and balance warning are final.</summary>
public sealed record PaymentEnded(PaymentHeader Payment) : RemitEvent;

/// <summary>Options for <see cref="RemittanceReader"/>.</summary>
public sealed class ReadOptions
{
    /// <summary>Warnings kept in <see cref="RemittanceReader.Warnings"/>; later ones are only counted.</summary>
    public int MaxWarnings { get; init; } = 10_000;

    /// <summary>
    /// How many claims are held back before being handed out, so that a reversal (CLP02 = 22) can be linked to the
    /// corrected claim that follows it and to an original that precedes it. 0 turns the linking window off.
    /// </summary>
    public int ReversalWindow { get; init; } = 64;

    /// <summary>Claims per transaction remembered to link PLB references to claims (bounds memory on huge transactions).</summary>
    public int MaxLinkedClaimsPerTransaction { get; init; } = 100_000;

    /// <summary>Check claim, line and transaction balances and warn when they fail.</summary>
    public bool CheckBalances { get; init; } = true;

    /// <summary>Buffer size of the underlying <see cref="X12.X12Reader"/> (also the longest accepted segment).</summary>
    public int BufferSize { get; init; } = X12.X12Reader.DefaultBufferSize;
}

/// <summary>Segment and item counts of a remittance file.</summary>
public sealed class RemitCounts
{
    /// <summary>Bytes read.</summary>
    public long Bytes { get; internal set; }

    /// <summary>Segments read.</summary>
    public long Segments { get; internal set; }

    /// <summary>ISA headers.</summary>
    public long Interchanges { get; internal set; }

    /// <summary>GS headers.</summary>
    public long FunctionalGroups { get; internal set; }

    /// <summary>ST headers of 835 transactions.</summary>
    public long Transactions { get; internal set; }

    /// <summary>CLP segments.</summary>
    public long Claims { get; internal set; }

    /// <summary>SVC segments.</summary>
    public long ServiceLines { get; internal set; }

    /// <summary>CAS segments at claim level (after CLP, before the claim's first SVC).</summary>
    public long ClaimAdjustmentSegments { get; internal set; }

    /// <summary>CAS segments at line level (after an SVC).</summary>
    public long LineAdjustmentSegments { get; internal set; }

    /// <summary>Claim-level CAS reason codes written (triplets, valid or not).</summary>
    public long ClaimAdjustments { get; internal set; }

    /// <summary>Line-level CAS reason codes written (triplets, valid or not).</summary>
    public long LineAdjustments { get; internal set; }

    /// <summary>PLB segments.</summary>
    public long ProviderAdjustmentSegments { get; internal set; }

    /// <summary>All CAS segments.</summary>
    public long AdjustmentSegments => ClaimAdjustmentSegments + LineAdjustmentSegments;
}
