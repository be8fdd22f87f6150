using System.Globalization;
using AppealStudio.Core.Denials;
using System.Runtime.CompilerServices;

namespace AppealStudio.Core.Remittance;

/// <summary>
/// The adjustments that are not denials: patient cost share (PR 1/2/3 ...), contractual write-offs (CO 45, 253 ...),
/// coordination-of-benefits arithmetic (OA 23), pending and transferred lines. A table, not code: the default is the
/// embedded <c>Remittance/Data/not-denial-carcs.csv</c> (derived from the NOT-DENIAL and INFO/PENDING rows of the
/// reviewed CARC classification), and a practice can load its own with <see cref="Load(TextReader)"/>.
/// </summary>
/// <remarks>CSV columns: <c>carc,groups,why</c>; <c>groups</c> is a space-separated list of group codes or <c>*</c> for any.</remarks>
public sealed class NonDenialAdjustments
{
    private const string ResourceName = "AppealStudio.Core.Remittance.Data.not-denial-carcs.csv";
    private static readonly Lazy<NonDenialAdjustments> DefaultTable = new(LoadDefault);
    private readonly Dictionary<string, Rule> _rules;

    private NonDenialAdjustments(Dictionary<string, Rule> rules) => _rules = rules;

    /// <summary>The reviewed default table.</summary>
    public static NonDenialAdjustments Default => DefaultTable.Value;

    /// <summary>The CARCs the table names.</summary>
    public IReadOnlyCollection<string> ReasonCodes => _rules.Keys;

    /// <summary>Reads a table (columns <c>carc,groups,why</c>).</summary>
    /// <exception cref="FormatException">A row has no CARC or no groups.</exception>
    public static NonDenialAdjustments Load(TextReader csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var rules = new Dictionary<string, Rule>(StringComparer.Ordinal);
        var header = true;
        foreach (var (line, fields) in CsvData.Records(csv))
        {
            if (header)
            {
                header = false;
                if (fields.Length < 2 || fields[0] != "carc" || fields[1] != "groups")
                {
                    throw new FormatException("The non-denial table must start with the header carc,groups,why.");
                }

                continue;
            }

            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var carc = fields[0];
            var groups = fields.Length > 1 ? fields[1] : string.Empty;
            if (carc.Length == 0 || groups.Length == 0)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Line {line} of the non-denial table needs a CARC and its groups."));
            }

            var set = groups == "*" ? null : groups.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            rules[carc] = new Rule(set, fields.Length > 2 ? fields[2] : string.Empty);
        }

        return new NonDenialAdjustments(rules);
    }

    /// <summary>True when a group/CARC pair is not a denial.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool IsNonDenial(string groupCode, string reasonCode) => Why(groupCode, reasonCode) is not null;

    /// <summary>Why a group/CARC pair is not a denial, or null when it is one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? Why(string groupCode, string reasonCode)
    {
        ArgumentNullException.ThrowIfNull(groupCode);
        ArgumentNullException.ThrowIfNull(reasonCode);
        return _rules.TryGetValue(reasonCode, out var rule) && (rule.Groups is null || rule.Groups.Contains(groupCode)) ? rule.Why : null;
    }

    private static NonDenialAdjustments LoadDefault()
    {
        using var stream = typeof(NonDenialAdjustments).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var text = new StreamReader(stream);
        return Load(text);
    }

    private sealed record Rule(HashSet<string>? Groups, string Why);
}
