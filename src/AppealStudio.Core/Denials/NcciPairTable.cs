namespace AppealStudio.Core.Denials;

/// <summary>One NCCI procedure-to-procedure edit.</summary>
/// <param name="Column1">The comprehensive (payable) code.</param>
/// <param name="Column2">The code denied when billed with <paramref name="Column1"/> on the same date.</param>
/// <param name="ModifierIndicator">0 never bypassable, 1 bypassable with an NCCI-associated modifier, 9 not applied.</param>
/// <param name="Note">Why the pair exists and how it is bypassed.</param>
public sealed record NcciPair(string Column1, string Column2, int ModifierIndicator, string Note)
{
    /// <summary>A modifier (59, X{EPSU}, anatomic) lets both codes be paid when the documentation supports it.</summary>
    public bool IsBypassable => ModifierIndicator == 1;

    /// <summary>First date of service the edit applies to (CMS file); null for the shipped sample (always).</summary>
    public DateOnly? EffectiveFrom { get; init; }

    /// <summary>
    /// The CMS deletion date; null when the edit is not deleted ("*"). The edit applies to dates of service before it:
    /// an edit deleted retroactively carries indicator 9 with its deletion date equal to its effective date, which only
    /// reads as "never in force" when the deletion date itself is excluded.
    /// </summary>
    public DateOnly? DeletedOn { get; init; }

    /// <summary>Where the row comes from, cited by every verdict that rests on it (the CMS file and version, or the sample).</summary>
    public string? Source { get; init; }

    /// <summary>The edit is in force for a service on <paramref name="serviceDate"/> (unknown dates count as in force).</summary>
    public bool InForceOn(DateOnly? serviceDate) =>
        serviceDate is not { } date || ((EffectiveFrom is null || EffectiveFrom <= date) && (DeletedOn is null || date < DeletedOn));
}

/// <summary>NCCI PTP edits as data (a sample ships embedded; the CMS quarterly files use the same columns).</summary>
public sealed class NcciPairTable
{
    private static readonly Lazy<NcciPairTable> DefaultTable =
        new(() => FromCsv(CsvData.ReadEmbedded("ncci-pairs.csv"), "ncci-pairs.csv"));

    private readonly ILookup<string, NcciPair> byColumn2;
    private string? contentVersion;

    public NcciPairTable(IEnumerable<NcciPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        Pairs = pairs
            .Select(p => p with { Column1 = Code(p.Column1), Column2 = Code(p.Column2) })
            .ToArray();
        byColumn2 = Pairs.ToLookup(p => p.Column2, StringComparer.Ordinal);
    }

    /// <summary>The sample shipped with AppealStudio.</summary>
    public static NcciPairTable Default => DefaultTable.Value;

    public IReadOnlyList<NcciPair> Pairs { get; }

    /// <summary>A short fingerprint of the pairs (12 hex digits of SHA-256), to tell whether stored assessments used other edits.</summary>
    public string ContentVersion => contentVersion ??= Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes(string.Join('\n', Pairs.Select(p => $"{p.Column1},{p.Column2},{p.ModifierIndicator}")))))[..12];

    /// <exception cref="DataFileException">A row is malformed; the message names the line.</exception>
    public static NcciPairTable FromCsv(string csvText, string sourceName = "ncci-pairs.csv")
    {
        var pairs = new List<NcciPair>();
        foreach (var row in CsvData.Read(csvText, sourceName, ["column1", "column2", "modifier_indicator"]))
        {
            var indicator = row.OptionalInt("modifier_indicator");
            if (indicator is not (0 or 1 or 9))
            {
                throw row.Error("modifier_indicator must be 0, 1 or 9");
            }

            pairs.Add(new NcciPair(row.Required("column1"), row.Required("column2"), indicator.Value, row.Get("note")));
        }

        return new NcciPairTable(pairs);
    }

    /// <summary>
    /// The edit under which <paramref name="procedureCode"/> is the denied column-2 code because one of
    /// <paramref name="otherCodesOnClaim"/> is its column-1 code; null when there is none. An edit whose indicator is
    /// 9 does not apply and is never returned.
    /// </summary>
    public NcciPair? FindColumnTwoPair(string? procedureCode, IEnumerable<string> otherCodesOnClaim)
    {
        ArgumentNullException.ThrowIfNull(otherCodesOnClaim);
        if (string.IsNullOrWhiteSpace(procedureCode))
        {
            return null;
        }

        var others = otherCodesOnClaim.Where(c => !string.IsNullOrWhiteSpace(c)).Select(Code).ToHashSet(StringComparer.Ordinal);
        return byColumn2[Code(procedureCode)].FirstOrDefault(p => p.ModifierIndicator != 9 && others.Contains(p.Column1));
    }

    private static string Code(string code) => code.Trim().ToUpperInvariant();
}
