namespace AppealStudio.Core.Denials;

/// <summary>A service a column-1 code includes by its definition (REFERENCE §7a).</summary>
/// <param name="Column1">A code, or an inclusive range "29806-29828".</param>
/// <param name="Column2">The included code.</param>
/// <param name="ExceptWith">Column-1 codes for which the inclusion does not hold.</param>
/// <param name="SameSide">Only when both lines are on the same side (a line without a side counts as the same side).</param>
/// <param name="Note">The rule in words.</param>
/// <param name="Source">Where it comes from.</param>
public sealed record ColumnOneInclusion(string Column1, string Column2, IReadOnlyList<string> ExceptWith, bool SameSide, string Note, string Source)
{
    /// <summary>False switches a shipped row off (a practice's override row).</summary>
    public bool Active { get; init; } = true;

    /// <summary>The row's key: a practice row with the same key replaces the shipped one.</summary>
    public string Key => ProcedureCodes.Normalize(Column1) + "|" + ProcedureCodes.Normalize(Column2);

    public bool CoversColumnOne(string code)
    {
        var c = ProcedureCodes.Normalize(code);
        if (c == ProcedureCodes.Normalize(Column2) || ExceptWith.Contains(c, StringComparer.Ordinal))
        {
            return false;
        }

        var spec = ProcedureCodes.Normalize(Column1);
        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return c == spec;
        }

        // A range compares codes of the same length as text: 29806-29828 holds 29819 and not 2982 or 29829.
        var low = spec[..dash];
        var high = spec[(dash + 1)..];
        return c.Length == low.Length && string.CompareOrdinal(c, low) >= 0 && string.CompareOrdinal(c, high) <= 0;
    }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Column1) || string.IsNullOrWhiteSpace(Column2))
        {
            throw new ArgumentException("column1 and column2 must not be empty.");
        }

        var spec = ProcedureCodes.Normalize(Column1);
        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0 && (dash == 0 || dash == spec.Length - 1 || spec[..dash].Length != spec[(dash + 1)..].Length
                          || string.CompareOrdinal(spec[..dash], spec[(dash + 1)..]) > 0))
        {
            throw new ArgumentException($"'{Column1}' is not a range like 29806-29828 (two codes of the same length, low first).");
        }
    }
}

/// <summary>The inclusion that applies to a denied line, with the line it is included in.</summary>
public sealed record InclusionMatch(ColumnOneInclusion Rule, ClaimLine ColumnOneLine);

/// <summary>
/// Column-1 inclusions as data (the shipped <c>column1-inclusions.csv</c> plus a practice's rows): a bundling denial of
/// a code that another line of the same claim, date and side includes by its definition is correct coding, not an
/// edit a modifier can answer, whether or not an NCCI file is loaded.
/// </summary>
public sealed class ColumnOneInclusions
{
    public const string DefaultResourceName = "column1-inclusions.csv";

    public static readonly IReadOnlyList<string> Columns = ["column1", "column2", "except_with", "same_side", "note", "source"];

    private static readonly Lazy<ColumnOneInclusions> DefaultTable =
        new(() => FromCsv(CsvData.ReadEmbedded(DefaultResourceName), DefaultResourceName));

    public ColumnOneInclusions(IEnumerable<ColumnOneInclusion> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules.ToArray();
        foreach (var rule in Rules)
        {
            rule.Validate();
        }
    }

    public static ColumnOneInclusions Default => DefaultTable.Value;

    public IReadOnlyList<ColumnOneInclusion> Rules { get; }

    /// <summary>These rows with a practice's rows laid over them: a row with the same key replaces (or switches off) the shipped one.</summary>
    public ColumnOneInclusions WithOverrides(IEnumerable<ColumnOneInclusion> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var list = overrides.ToList();
        var keys = list.Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        return new ColumnOneInclusions([.. Rules.Where(r => !keys.Contains(r.Key)), .. list]);
    }

    /// <exception cref="DataFileException">A row is malformed; the message names the line.</exception>
    public static ColumnOneInclusions FromCsv(string csvText, string sourceName = DefaultResourceName)
    {
        var rules = new List<ColumnOneInclusion>();
        foreach (var row in CsvData.Read(csvText, sourceName, Columns))
        {
            var rule = new ColumnOneInclusion(
                row.Required("column1"),
                row.Required("column2"),
                row.Get("except_with").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ProcedureCodes.Normalize).ToArray(),
                row.Flag("same_side"),
                row.Required("note"),
                row.Required("source"));
            try
            {
                rule.Validate();
            }
            catch (ArgumentException ex)
            {
                throw row.Error(ex.Message);
            }

            rules.Add(rule);
        }

        return new ColumnOneInclusions(rules);
    }

    /// <summary>
    /// The inclusion under which <paramref name="denied"/> is part of another line of the claim on the same date (and
    /// side, when the rule says so); null when none applies.
    /// </summary>
    public InclusionMatch? Find(ClaimLine denied, IReadOnlyList<ClaimLine> otherLines)
    {
        ArgumentNullException.ThrowIfNull(denied);
        ArgumentNullException.ThrowIfNull(otherLines);
        var code = denied.Code;
        if (code.Length == 0)
        {
            return null;
        }

        foreach (var rule in Rules.Where(r => r.Active && ProcedureCodes.Normalize(r.Column2) == code))
        {
            foreach (var other in otherLines)
            {
                var sameDay = other.ServiceDate is null || denied.ServiceDate is null || other.ServiceDate == denied.ServiceDate;
                if (sameDay && other.Code.Length > 0 && rule.CoversColumnOne(other.Code) && (!rule.SameSide || SameSide(denied, other)))
                {
                    return new InclusionMatch(rule, other);
                }
            }
        }

        return null;
    }

    /// <summary>Two lines are on different sides only when each carries a side and they differ.</summary>
    private static bool SameSide(ClaimLine a, ClaimLine b)
    {
        var sideA = Side(a);
        var sideB = Side(b);
        return sideA is null || sideB is null || sideA == sideB;
    }

    // Bilateral (50) covers both sides, so it counts as the same side as LT or RT: it carries no side of its own here.
    private static string? Side(ClaimLine line) => line.NormalizedModifiers.FirstOrDefault(m => m is "LT" or "RT");
}
