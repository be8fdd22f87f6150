using System.Globalization;
using CsvHelper;

namespace AppealStudio.Core.Denials;

/// <summary>The row of a <see cref="ClassificationTable"/> that decided, and what made it match.</summary>
/// <param name="Rule">The deciding row (the table's fallback when nothing matched).</param>
/// <param name="MatchedRarc">The remark code the row required, when it required one.</param>
/// <param name="MatchedModifier">The line modifier that satisfied the row's modifier condition, when it had one.</param>
/// <param name="IsFallback">No row matched; <see cref="Rule"/> is the fallback.</param>
public sealed record ClassificationMatch(ClassificationRule Rule, string? MatchedRarc, string? MatchedModifier, bool IsFallback);

/// <summary>
/// Classification as data: rows keyed by (group, CARC) with optional RARC and modifier refinements. The reviewed
/// default ships embedded (<c>Denials/Data/classification.csv</c>); a practice overrides rows without a release.
/// </summary>
/// <remarks>
/// Lookup precedence, most specific first:
/// <list type="number">
/// <item>(group, CARC, RARC)</item>
/// <item>(group, CARC)</item>
/// <item>(*, CARC, RARC)</item>
/// <item>(*, CARC)</item>
/// <item>the fallback rule</item>
/// </list>
/// Within one level a row with a modifier condition the line satisfies beats a row without one (that is how
/// "CO-97 on a line that already carried 59" differs from plain CO-97). When several RARC rows match, the remark the
/// payer listed first wins; remaining ties go to the row that comes first in the table.
/// </remarks>
public sealed class ClassificationTable
{
    public const string DefaultResourceName = "classification.csv";

    /// <summary>The CSV columns, in the order <see cref="ToCsv"/> writes them.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["group", "carc", "rarc", "modifiers", "severity", "action", "category", "root_cause", "owner", "explanation"];

    /// <summary>
    /// Used when no row matches: an unreviewed code is treated as a hard denial to appeal, owned by the biller.
    /// Hard, because nobody has established a cheap fix for it, and a hard severity keeps the priority's prior
    /// conservative (hard denials are overturned less often). Appeal, because it is the action that keeps the
    /// payer's clock in view and forces a person to read the code: write-off would lose money silently, and
    /// resubmitting an unchanged claim earns a duplicate denial. Administrative / other, because nothing is known
    /// about the cause yet; the biller reads the remit and either fixes the claim or adds a row for the code.
    /// </summary>
    public static readonly ClassificationRule DefaultFallback = new(
        ClassificationRule.AnyGroup,
        "*",
        null,
        [],
        Severity.Hard,
        RecommendedAction.Appeal,
        DenialCategory.Administrative,
        RootCause.Other,
        Owner.Biller,
        "No reviewed rule covers this code: read the payer's remark codes and decide whether to correct the claim or "
        + "appeal, then add a classification rule for it.");

    private static readonly Lazy<ClassificationTable> DefaultTable =
        new(() => FromCsv(CsvData.ReadEmbedded(DefaultResourceName), DefaultResourceName));

    private readonly Dictionary<(string Group, string Carc), List<ClassificationRule>> byKey;

    public ClassificationTable(IEnumerable<ClassificationRule> rules, ClassificationRule? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var list = new List<ClassificationRule>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            var normalized = rule.Normalize();
            if (!keys.Add(normalized.Key))
            {
                throw new ArgumentException($"Rule {normalized.Id} appears more than once.", nameof(rules));
            }

            list.Add(normalized);
        }

        Rules = list;
        Fallback = fallback ?? DefaultFallback;
        byKey = list.GroupBy(r => (r.Group, r.Carc)).ToDictionary(g => g.Key, g => g.ToList());
    }

    /// <summary>The reviewed table shipped with AppealStudio.</summary>
    public static ClassificationTable Default => DefaultTable.Value;

    public IReadOnlyList<ClassificationRule> Rules { get; }

    public ClassificationRule Fallback { get; }

    /// <summary>
    /// Reads a table in the shipped CSV format (see <see cref="Columns"/>; <c>rarc</c> and <c>modifiers</c> may be
    /// blank, modifiers are separated by spaces, lines starting with <c>#</c> are comments).
    /// </summary>
    /// <exception cref="DataFileException">A row is malformed; the message names the line.</exception>
    public static ClassificationTable FromCsv(string csvText, string sourceName = "classification.csv")
    {
        var rules = new List<ClassificationRule>();
        var firstLineOfKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in CsvData.Read(csvText, sourceName, Columns))
        {
            ClassificationRule rule;
            try
            {
                rule = new ClassificationRule(
                    row.Required("group"),
                    row.Required("carc"),
                    row.Optional("rarc"),
                    row.Get("modifiers").Split(' ', StringSplitOptions.RemoveEmptyEntries),
                    row.Code<Severity>("severity"),
                    row.Code<RecommendedAction>("action"),
                    row.Code<DenialCategory>("category"),
                    row.Code<RootCause>("root_cause"),
                    row.Code<Owner>("owner"),
                    row.Required("explanation")).Normalize();
            }
            catch (ArgumentException ex)
            {
                throw row.Error(ex.Message);
            }

            if (firstLineOfKey.TryGetValue(rule.Key, out var earlier))
            {
                throw row.Error($"rule {rule.Id} is already defined on line {earlier.ToString(CultureInfo.InvariantCulture)}");
            }

            firstLineOfKey[rule.Key] = row.Line;
            rules.Add(rule);
        }

        return new ClassificationTable(rules);
    }

    /// <summary>
    /// A copy where each override replaces the row with the same key (group, CARC, RARC, modifiers) and new keys are
    /// added. This is how the admin's rows from the database are laid over the shipped defaults.
    /// </summary>
    public ClassificationTable WithOverrides(IEnumerable<ClassificationRule> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var replacements = new Dictionary<string, ClassificationRule>(StringComparer.Ordinal);
        var added = new List<ClassificationRule>();
        foreach (var rule in overrides)
        {
            ClassificationRule normalized;
            try
            {
                normalized = rule.Normalize();
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"Override {rule.Group}-{rule.Carc}: {ex.Message}", nameof(overrides), ex);
            }

            if (!replacements.TryAdd(normalized.Key, normalized))
            {
                throw new ArgumentException($"Override {normalized.Id} is given more than once.", nameof(overrides));
            }

            added.Add(normalized);
        }

        var merged = Rules.Select(r => replacements.GetValueOrDefault(r.Key, r)).ToList();
        var existing = Rules.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        merged.AddRange(added.Where(r => !existing.Contains(r.Key)));
        return new ClassificationTable(merged, Fallback);
    }

    /// <summary>A copy with a different fallback rule (a practice may prefer another default for unknown codes).</summary>
    public ClassificationTable WithFallback(ClassificationRule fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        if (string.IsNullOrWhiteSpace(fallback.Explanation))
        {
            throw new ArgumentException("The fallback rule needs an explanation.", nameof(fallback));
        }

        return new ClassificationTable(Rules, fallback);
    }

    /// <summary>Finds the deciding row; see the class remarks for the precedence.</summary>
    /// <param name="group">CAS01, or null when the denial has none.</param>
    /// <param name="carc">The CARC or one of the pseudo codes of <see cref="ClassificationRule"/>.</param>
    /// <param name="remarkCodes">The denial's RARCs, in the payer's order.</param>
    /// <param name="lineModifiers">Modifiers the line carried (adjudicated and submitted), in order.</param>
    public ClassificationMatch Match(
        string? group,
        string carc,
        IReadOnlyList<string> remarkCodes,
        IReadOnlyList<string> lineModifiers)
    {
        ArgumentNullException.ThrowIfNull(remarkCodes);
        ArgumentNullException.ThrowIfNull(lineModifiers);
        var normalizedCarc = ClassificationRule.NormalizeCode(carc, nameof(carc));
        var remarks = Normalize(remarkCodes);
        var modifiers = Normalize(lineModifiers);

        var groups = string.IsNullOrWhiteSpace(group) || group.Trim() == ClassificationRule.AnyGroup
            ? [ClassificationRule.AnyGroup]
            : new[] { group.Trim().ToUpperInvariant(), ClassificationRule.AnyGroup };

        foreach (var g in groups)
        {
            if (!byKey.TryGetValue((g, normalizedCarc), out var candidates))
            {
                continue;
            }

            foreach (var remark in remarks)
            {
                var withRarc = candidates.Where(r => string.Equals(r.Rarc, remark, StringComparison.Ordinal)).ToList();
                if (Best(withRarc, modifiers) is { } hit)
                {
                    return hit;
                }
            }

            if (Best(candidates.Where(r => r.Rarc is null).ToList(), modifiers) is { } plain)
            {
                return plain;
            }
        }

        return new ClassificationMatch(Fallback, null, null, IsFallback: true);
    }

    /// <summary>Writes the rows in the CSV format <see cref="FromCsv"/> reads (for export and for seeding an editor).</summary>
    public string ToCsv()
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default with { NewLine = "\n" }, leaveOpen: true))
        {
            csv.WriteRecord([.. Columns]);
            foreach (var rule in Rules)
            {
                csv.WriteRecord(
                [
                    rule.Group,
                    rule.Carc,
                    rule.Rarc ?? string.Empty,
                    string.Join(' ', rule.Modifiers),
                    rule.Severity.ToCode(),
                    rule.Action.ToCode(),
                    rule.Category.ToCode(),
                    rule.RootCause.ToCode(),
                    rule.Owner.ToCode(),
                    rule.Explanation,
                ]);
            }
        }

        return text.ToString();
    }

    private static ClassificationMatch? Best(List<ClassificationRule> rules, string[] lineModifiers)
    {
        foreach (var rule in rules.Where(r => r.Modifiers.Count > 0))
        {
            var hit = lineModifiers.FirstOrDefault(m => rule.Modifiers.Contains(m, StringComparer.Ordinal));
            if (hit is not null)
            {
                return new ClassificationMatch(rule, rule.Rarc, hit, IsFallback: false);
            }
        }

        return rules.FirstOrDefault(r => r.Modifiers.Count == 0) is { } plain
            ? new ClassificationMatch(plain, plain.Rarc, null, IsFallback: false)
            : null;
    }

    private static string[] Normalize(IEnumerable<string> codes) =>
        codes.Where(c => !string.IsNullOrWhiteSpace(c))
            .Select(c => c.Trim().ToUpperInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToArray();
}
