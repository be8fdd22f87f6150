namespace AppealStudio.Core.Denials;

/// <summary>The extra base units one payer (or payer program) pays for the ASA physical-status modifiers.</summary>
/// <param name="PayerType">The program.</param>
/// <param name="Payer">The payer's name as in the payer settings; null for every payer of the type.</param>
/// <param name="Units">Units for P1 to P6 (index 0 is P1).</param>
/// <param name="Source">Where the numbers come from.</param>
public sealed record PhysicalStatusUnitRule(PayerType PayerType, string? Payer, IReadOnlyList<decimal> Units, string Source)
{
    /// <summary>Units paid for a modifier P1-P6; null for anything else.</summary>
    public decimal? UnitsFor(string modifier) =>
        ProcedureCodes.Normalize(modifier) is { Length: 2 } m && m[0] == 'P' && m[1] is >= '1' and <= '6' ? Units[m[1] - '1'] : null;
}

/// <summary>
/// Per-payer physical-status unit tables as data (REFERENCE §7c): traditional Medicare pays nothing for P modifiers,
/// commercial payers commonly follow the ASA Relative Value Guide. A payer without a row (its own or its program's) is
/// not known: no warning is raised for it.
/// </summary>
public sealed class PhysicalStatusUnits
{
    public const string DefaultResourceName = "p-status-units.csv";

    public static readonly IReadOnlyList<string> Columns = ["payer_type", "payer", "p1", "p2", "p3", "p4", "p5", "p6", "source"];

    private static readonly Lazy<PhysicalStatusUnits> DefaultTable =
        new(() => FromCsv(CsvData.ReadEmbedded(DefaultResourceName), DefaultResourceName));

    public PhysicalStatusUnits(IEnumerable<PhysicalStatusUnitRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules.Select(r => r with { Payer = string.IsNullOrWhiteSpace(r.Payer) ? null : r.Payer.Trim() }).ToArray();
        if (Rules.Any(r => r.Units.Count != 6 || r.Units.Any(u => u < 0m)))
        {
            throw new ArgumentException("A physical-status row needs six unit counts (P1 to P6), none negative.", nameof(rules));
        }
    }

    public static PhysicalStatusUnits Default => DefaultTable.Value;

    public IReadOnlyList<PhysicalStatusUnitRule> Rules { get; }

    /// <summary>These rows followed by a practice's (a practice row for a payer outranks a shipped row of its type).</summary>
    public PhysicalStatusUnits With(IEnumerable<PhysicalStatusUnitRule> more) => new([.. Rules, .. more]);

    /// <exception cref="DataFileException">A row is malformed; the message names the line.</exception>
    public static PhysicalStatusUnits FromCsv(string csvText, string sourceName = DefaultResourceName)
    {
        var rules = new List<PhysicalStatusUnitRule>();
        foreach (var row in CsvData.Read(csvText, sourceName, Columns))
        {
            var units = new List<decimal>();
            foreach (var column in new[] { "p1", "p2", "p3", "p4", "p5", "p6" })
            {
                units.Add(row.OptionalDecimal(column) ?? throw row.Error($"column '{column}' must not be empty"));
            }

            rules.Add(new PhysicalStatusUnitRule(row.Code<PayerType>("payer_type"), row.Optional("payer"), units, row.Required("source")));
        }

        return new PhysicalStatusUnits(rules);
    }

    /// <summary>The row for this payer (its own, else its program's); null when none is known.</summary>
    public PhysicalStatusUnitRule? For(PayerRule payer)
    {
        ArgumentNullException.ThrowIfNull(payer);
        if (payer.IsDefaultRule)
        {
            return null;
        }

        return Rules.LastOrDefault(r => r.Payer is not null && string.Equals(r.Payer, payer.Name, StringComparison.OrdinalIgnoreCase))
               ?? Rules.LastOrDefault(r => r.Payer is null && r.PayerType == payer.Type);
    }
}
