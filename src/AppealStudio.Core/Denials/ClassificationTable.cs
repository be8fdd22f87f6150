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
/// Lookup precedence, most specific first, so that a reader can predict the deciding row:
/// <list type="number">
/// <item>A row whose modifier condition the line meets beats every row without one: a modifier on the line is a fact
/// about the service (GZ, GA, 59, LT ...) that a remark code does not undo, so it is never lost behind a RARC row.</item>
/// <item>Then (group, CARC, RARC) &gt; (any group, CARC, RARC) &gt; (group, CARC) &gt; (any group, CARC).</item>
/// <item>Rows still tied (two remark codes on the remit each with a row) go to the row that comes first in the table:
/// the order in which the payer listed its remarks never changes the answer.</item>
/// <item>No row: the fallback rule.</item>
/// </list>
/// A row whose modifier or remark condition the denial does not meet never matches.
/// </remarks>
public sealed class ClassificationTable
{
    public const string DefaultResourceName = "classification.csv";

    /// <summary>The CSV columns, in the order <see cref="ToCsv"/> writes them.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["group", "carc", "rarc", "modifiers", "severity", "action", "category", "root_cause", "owner", "liability", "explanation"];

    /// <summary>The columns a table must have; <c>liability</c> may be left out (every row then follows its group code).</summary>
    public static readonly IReadOnlyList<string> RequiredColumns =
        ["group", "carc", "rarc", "modifiers", "severity", "action", "category", "root_cause", "owner", "explanation"];

    /// <summary>
    /// Used when no row matches: a person looks. An unreviewed code gets no automatic action: not an appeal (it may be
    /// futile or improper), not a write-off (that would lose money silently), not a resubmission (an unchanged claim
    /// earns a duplicate denial). The action is <c>none</c> with <see cref="DenialClassification.NeedsReview"/> set, which
    /// keeps the denial on the worklist with a priority and its appeal deadline, owned by the biller. Hard, because
    /// nobody has established a cheap fix; administrative / other, because nothing is known about the cause yet.
    /// </summary>
    public static readonly ClassificationRule DefaultFallback = new(
        ClassificationRule.AnyGroup,
        "*",
        null,
        [],
        Severity.Hard,
        RecommendedAction.None,
        DenialCategory.Administrative,
        RootCause.Other,
        Owner.Biller,
        "No reviewed rule covers this code, so nothing is recommended automatically: a person reads the reason and "
        + "remark codes and decides (correct the claim, appeal, bill another payer or write off) before the appeal "
        + "deadline, then adds a classification rule for the code.");

    private static readonly Lazy<ClassificationTable> DefaultTable =
        new(() => FromCsv(CsvData.ReadEmbedded(DefaultResourceName), DefaultResourceName));

    private readonly Dictionary<string, List<(ClassificationRule Rule, int Index)>> byCarc;
    private readonly Lazy<string> contentVersion;

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
        byCarc = list.Select((r, i) => (Rule: r, Index: i))
            .GroupBy(x => x.Rule.Carc, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        contentVersion = new(() => Hash(ToCsv() + "\n" + Fallback.Key + "|" + Fallback.Explanation));
    }

    /// <summary>The reviewed table shipped with AppealStudio.</summary>
    public static ClassificationTable Default => DefaultTable.Value;

    public IReadOnlyList<ClassificationRule> Rules { get; }

    public ClassificationRule Fallback { get; }

    /// <summary>
    /// A short fingerprint of the rows and the fallback (12 hex digits of SHA-256 over <see cref="ToCsv"/>): it changes
    /// whenever any row does, so a database can tell that its stored classifications came from another table.
    /// </summary>
    public string ContentVersion => contentVersion.Value;

    /// <summary>
    /// Reads a table in the shipped CSV format (see <see cref="Columns"/>; <c>rarc</c>, <c>modifiers</c> and
    /// <c>liability</c> may be blank, modifiers are separated by spaces, lines starting with <c>#</c> are comments).
    /// </summary>
    /// <exception cref="DataFileException">A row is malformed; the message names the line.</exception>
    public static ClassificationTable FromCsv(string csvText, string sourceName = "classification.csv")
    {
        var rules = new List<ClassificationRule>();
        var firstLineOfKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in CsvData.Read(csvText, sourceName, RequiredColumns))
        {
            ClassificationRule rule;
            try
            {
                var liability = row.Optional("liability") is null ? (Liability?)null : row.Code<Liability>("liability");
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
                    row.Required("explanation")) { Liability = liability };
                rule = rule.Normalize();
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
    /// <param name="remarkCodes">The denial's RARCs (their order does not matter).</param>
    /// <param name="lineModifiers">Modifiers the line carried (adjudicated and submitted).</param>
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
        var normalizedGroup = string.IsNullOrWhiteSpace(group) ? ClassificationRule.AnyGroup : group.Trim().ToUpperInvariant();

        if (!byCarc.TryGetValue(normalizedCarc, out var candidates))
        {
            return new ClassificationMatch(Fallback, null, null, IsFallback: true);
        }

        (ClassificationRule Rule, string? Modifier, (int, int, int, int) Rank)? best = null;
        foreach (var (rule, index) in candidates)
        {
            var groupTier = string.Equals(rule.Group, normalizedGroup, StringComparison.Ordinal) && rule.Group != ClassificationRule.AnyGroup
                ? 0
                : rule.Group == ClassificationRule.AnyGroup ? 1 : -1;
            if (groupTier < 0 || (rule.Rarc is not null && !remarks.Contains(rule.Rarc, StringComparer.Ordinal)))
            {
                continue;
            }

            string? matchedModifier = null;
            if (rule.Modifiers.Count > 0)
            {
                // The row's own order picks the modifier named in the explanation, not the order on the line.
                matchedModifier = rule.Modifiers.FirstOrDefault(m => modifiers.Contains(m, StringComparer.Ordinal));
                if (matchedModifier is null)
                {
                    continue;
                }
            }

            var rank = (rule.Modifiers.Count > 0 ? 0 : 1, rule.Rarc is not null ? 0 : 1, groupTier, index);
            if (best is null || rank.CompareTo(best.Value.Rank) < 0)
            {
                best = (rule, matchedModifier, rank);
            }
        }

        return best is { } hit
            ? new ClassificationMatch(hit.Rule, hit.Rule.Rarc, hit.Modifier, IsFallback: false)
            : new ClassificationMatch(Fallback, null, null, IsFallback: true);
    }

    /// <summary>
    /// The rows of this table that <paramref name="candidate"/> would take over if it were added (or replaced its
    /// key): for each row with the same CARC, a denial that meets both rows' conditions is classified with and
    /// without the candidate, and the row is listed when it decided before and the candidate decides after. This is
    /// what a practice override must say when it is saved: shipped rows it silently outranks.
    /// </summary>
    public IReadOnlyList<ClassificationRule> ShadowedBy(ClassificationRule candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var rule = candidate.Normalize();
        var with = WithOverrides([rule]);
        var shadowed = new List<ClassificationRule>();
        foreach (var (existing, _) in byCarc.GetValueOrDefault(rule.Carc) ?? [])
        {
            if (string.Equals(existing.Key, rule.Key, StringComparison.Ordinal))
            {
                continue; // the same key is a replacement, which the caller reports as such
            }

            if (existing.Group != ClassificationRule.AnyGroup && rule.Group != ClassificationRule.AnyGroup
                && !string.Equals(existing.Group, rule.Group, StringComparison.Ordinal))
            {
                continue; // different group codes: no denial meets both
            }

            // Group-blind on both sides: any group could be the one where the candidate takes over.
            string[] groups = existing.Group != ClassificationRule.AnyGroup ? [existing.Group]
                : rule.Group != ClassificationRule.AnyGroup ? [rule.Group] : ["CO", "PR", "OA", "PI"];
            string[] remarks = [.. new[] { existing.Rarc, rule.Rarc }.OfType<string>().Distinct(StringComparer.Ordinal)];
            string[] modifiers = [.. new[] { existing.Modifiers.FirstOrDefault(), rule.Modifiers.FirstOrDefault() }.OfType<string>().Distinct(StringComparer.Ordinal)];
            foreach (var group in groups)
            {
                var before = Match(group, rule.Carc, remarks, modifiers);
                var after = with.Match(group, rule.Carc, remarks, modifiers);
                if (!before.IsFallback && ReferenceEquals(before.Rule, existing) && !after.IsFallback
                    && string.Equals(after.Rule.Key, rule.Key, StringComparison.Ordinal))
                {
                    shadowed.Add(existing);
                    break;
                }
            }
        }

        return shadowed;
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
                    rule.Liability?.ToCode() ?? string.Empty,
                    rule.Explanation,
                ]);
            }
        }

        return text.ToString();
    }

    private static string[] Normalize(IEnumerable<string> codes) =>
        codes.Where(c => !string.IsNullOrWhiteSpace(c))
            .Select(c => c.Trim().ToUpperInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    private static string Hash(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..12];
}
