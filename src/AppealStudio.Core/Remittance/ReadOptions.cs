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

    /// <summary>Buffer size of the underlying <see cref="X12.X12Reader"/> (also the longest accepted segment).</summary>
    public int BufferSize { get; init; } = X12.X12Reader.DefaultBufferSize;
}
