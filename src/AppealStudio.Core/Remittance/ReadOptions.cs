namespace AppealStudio.Core.Remittance;

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

    /// <summary>
    /// Most segments one claim may hold (from its CLP to the next claim; a CAS counts once per adjustment it carries),
    /// and most segments a transaction may hold outside its claims (header, provider summaries, PLBs). A file beyond it
    /// is refused as malformed, naming the claim and the segment, because everything of one claim is held in memory
    /// together: a claim with a 50 MB run of CAS segments took 1 GB to import. The largest claim of the public corpus has 59 segments; 999 service lines (the
    /// 835's own maximum) with ten segments each stay inside. Each of its adjustments can become a denial row, and the
    /// import holds a claim's rows together: 10,000 keeps a 50 MB file of such claims under 320 MiB (docs/benchmarks.md).
    /// </summary>
    public int MaxSegmentsPerClaim { get; init; } = DefaultMaxSegmentsPerClaim;

    /// <summary>Segments held back for reversal linking (<see cref="ReversalWindow"/>) are released early past this many.</summary>
    public int MaxWindowSegments { get; init; } = 20_000;

    public const int DefaultMaxSegmentsPerClaim = 10_000;

    /// <summary>Buffer size of the underlying <see cref="X12.X12Reader"/> (also the longest accepted segment).</summary>
    public int BufferSize { get; init; } = X12.X12Reader.DefaultBufferSize;
}
