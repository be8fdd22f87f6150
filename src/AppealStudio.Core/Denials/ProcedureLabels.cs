using System.Collections.Frozen;

namespace AppealStudio.Core.Denials;

/// <summary>
/// Short plain-language labels for procedure codes and modifiers, so a screen can say what "29880-XS" is. These are
/// AppealStudio's own words (<c>Denials/Data/procedure-labels.csv</c>, <c>modifier-labels.csv</c>), never the AMA CPT
/// descriptors, which are licensed.
/// </summary>
public sealed class ProcedureLabels
{
    private static readonly Lazy<ProcedureLabels> DefaultLabels = new(() => new ProcedureLabels(
        Read(CsvData.ReadEmbedded("procedure-labels.csv"), "procedure-labels.csv"),
        Read(CsvData.ReadEmbedded("modifier-labels.csv"), "modifier-labels.csv")));

    private readonly FrozenDictionary<string, string> procedures;
    private readonly FrozenDictionary<string, string> modifiers;

    public ProcedureLabels(IReadOnlyDictionary<string, string> procedureLabels, IReadOnlyDictionary<string, string> modifierLabels)
    {
        ArgumentNullException.ThrowIfNull(procedureLabels);
        ArgumentNullException.ThrowIfNull(modifierLabels);
        procedures = procedureLabels.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        modifiers = modifierLabels.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public static ProcedureLabels Default => DefaultLabels.Value;

    /// <summary>The label of a procedure code ("HC:29880" or "29880"); null when AppealStudio has none for it.</summary>
    public string? Procedure(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var bare = Display.Procedure(code).Split('-')[0];
        return procedures.TryGetValue(bare, out var label) ? label : null;
    }

    public string? Modifier(string? code) =>
        code is not null && modifiers.TryGetValue(code.Trim(), out var label) ? label : null;

    private static Dictionary<string, string> Read(string csv, string source)
    {
        var table = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in CsvData.Read(csv, source, ["code", "label"]))
        {
            var code = row.Required("code").Trim();
            if (!table.TryAdd(code, row.Required("label")))
            {
                throw row.Error($"code {code} appears twice");
            }
        }

        return table;
    }
}
