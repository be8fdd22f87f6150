namespace AppealStudio.Core.Remittance;

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
