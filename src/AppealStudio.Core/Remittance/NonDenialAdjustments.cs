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
/// <remarks>
/// CSV columns: <c>carc,groups,why[,unless_remarks[,only_with_remarks]]</c>; <c>groups</c> is a space-separated list of
/// group codes or <c>*</c> for any. Remark conditions (space-separated RARCs, matched against the line's and the claim's
/// remarks) refine a row: <c>unless_remarks</c> makes the adjustment a denial after all when one of them is present
/// (PR-2 with N782: a Qualified Medicare Beneficiary's coinsurance, which must not be billed to the patient);
/// <c>only_with_remarks</c> makes it a non-denial only when one of them is present (CO-237 with N807: a MIPS payment
/// adjustment, while other legislated penalties are still worked).
/// </remarks>
public sealed class NonDenialAdjustments
{
    private const string ResourceName = "AppealStudio.Core.Remittance.Data.not-denial-carcs.csv";
    private static readonly Lazy<NonDenialAdjustments> DefaultTable = new(LoadDefault);
    private readonly Dictionary<string, Rule> _rules;
    private HashSet<string>? _conditionRemarks;

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
            var unless = Remarks(fields, 3);
            var onlyWith = Remarks(fields, 4);
            if (unless is not null && onlyWith is not null)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Line {line} of the non-denial table has both unless_remarks and only_with_remarks; use one."));
            }

            rules[carc] = new Rule(set, fields.Length > 2 ? fields[2] : string.Empty, unless, onlyWith);
        }

        return new NonDenialAdjustments(rules);
    }

    /// <summary>Every remark code a row's condition names (what a streaming reader has to watch for).</summary>
    public IReadOnlySet<string> ConditionRemarks => _conditionRemarks ??=
        _rules.Values.SelectMany(r => (r.UnlessRemarks ?? []).Concat(r.OnlyWithRemarks ?? [])).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when a group/CARC pair is not a denial on an adjustment without remark codes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool IsNonDenial(string groupCode, string reasonCode) => Why(groupCode, reasonCode, []) is not null;

    /// <summary>True when the adjustment is not a denial, given the remark codes that apply to it (line and claim).</summary>
    public bool IsNonDenial(string groupCode, string reasonCode, IReadOnlyList<string> remarkCodes) =>
        Why(groupCode, reasonCode, remarkCodes) is not null;

    /// <summary>Why a group/CARC pair is not a denial on an adjustment without remark codes, or null when it is one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? Why(string groupCode, string reasonCode) => Why(groupCode, reasonCode, []);

    /// <summary>Why the adjustment is not a denial, given its remark codes; null when it is one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? Why(string groupCode, string reasonCode, IReadOnlyList<string> remarkCodes)
    {
        ArgumentNullException.ThrowIfNull(groupCode);
        ArgumentNullException.ThrowIfNull(reasonCode);
        ArgumentNullException.ThrowIfNull(remarkCodes);
        return TryMatch(groupCode, reasonCode, out var rule) && rule.Decide(remarkCodes) ? rule.Why : null;
    }

    /// <summary>
    /// The row for a group/CARC pair when it has a remark condition, so that a streaming reader can decide once it has
    /// seen the remarks (which follow the adjustments in an 835).
    /// </summary>
    internal bool TryGetConditional(string groupCode, string reasonCode, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Rule? rule)
    {
        if (TryMatch(groupCode, reasonCode, out var found) && found.HasCondition)
        {
            rule = found;
            return true;
        }

        rule = null;
        return false;
    }

    /// <summary>
    /// One lookup for a streaming reader: whether the pair is a non-denial without remarks, and its row when a remark
    /// condition may still change that.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal bool IsNonDenial(string groupCode, string reasonCode, out Rule? conditional)
    {
        if (!TryMatch(groupCode, reasonCode, out var rule))
        {
            conditional = null;
            return false;
        }

        conditional = rule.HasCondition ? rule : null;
        return rule.Decide([]);
    }

    private bool TryMatch(string groupCode, string reasonCode, out Rule rule) =>
        _rules.TryGetValue(reasonCode, out rule!) && (rule.Groups is null || rule.Groups.Contains(groupCode));

    private static HashSet<string>? Remarks(IReadOnlyList<string> fields, int index)
    {
        var text = fields.Count > index ? fields[index].Trim() : string.Empty;
        return text.Length == 0
            ? null
            : text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    private static NonDenialAdjustments LoadDefault()
    {
        using var stream = typeof(NonDenialAdjustments).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var text = new StreamReader(stream);
        return Load(text);
    }

    /// <summary>One row: the groups it covers, why it is not a denial, and its remark condition (at most one kind).</summary>
    internal sealed record Rule(HashSet<string>? Groups, string Why, HashSet<string>? UnlessRemarks, HashSet<string>? OnlyWithRemarks)
    {
        public bool HasCondition => UnlessRemarks is not null || OnlyWithRemarks is not null;

        /// <summary>True when, with these remarks, the adjustment is not a denial.</summary>
        public bool Decide(IReadOnlyList<string> remarkCodes)
        {
            if (UnlessRemarks is not null)
            {
                return !Any(UnlessRemarks, remarkCodes);
            }

            return OnlyWithRemarks is null || Any(OnlyWithRemarks, remarkCodes);
        }

        /// <summary>Like <see cref="Decide(IReadOnlyList{string})"/> over two lists of remarks (line and claim), without joining them.</summary>
        public bool Decide(List<string> first, string[] second)
        {
            if (first.Count == 0 && second.Length == 0)
            {
                return Decide([]);
            }

            if (UnlessRemarks is not null)
            {
                return !Any(UnlessRemarks, first) && !Any(UnlessRemarks, second);
            }

            return OnlyWithRemarks is null || Any(OnlyWithRemarks, first) || Any(OnlyWithRemarks, second);
        }

        private static bool Any(HashSet<string> set, IReadOnlyList<string> codes)
        {
            foreach (var code in codes)
            {
                if (code is not null && set.Contains(code.Trim()))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
