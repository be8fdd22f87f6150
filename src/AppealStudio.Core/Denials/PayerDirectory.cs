using System.Collections.Frozen;
using System.Text;

namespace AppealStudio.Core.Denials;

/// <summary>The payer rule found for a remittance's payer, and how it was found.</summary>
/// <param name="Rule">The rule (the directory's default rule when the payer is unknown).</param>
/// <param name="MatchedBy">How it was found, for the specialist: "payer id 87726", "name UNITED HEALTHCARE", "default rule ...".</param>
public sealed record PayerMatch(PayerRule Rule, string MatchedBy)
{
    public bool IsDefaultRule => Rule.IsDefaultRule;
}

/// <summary>
/// Finds the appeal rules for a payer: by payer id first, then by name. Payers name themselves inconsistently on
/// remittances ("UNITED HEALTHCARE INSURANCE COMPANY", "UHC"), so names are normalized and matched against each
/// rule's aliases; an unknown payer gets the configurable default rule, flagged so the page can say so.
/// </summary>
public sealed class PayerDirectory
{
    public const string DefaultResourceName = "payers.csv";

    /// <summary>The CSV columns of the payer table.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "payer_id", "name", "aliases", "type", "reopening_days", "first_level_days", "second_level_days",
        "external_review_days", "timely_filing_days", "receipt_presumption_days", "verify_with_contract", "notes",
    ];

    /// <summary>
    /// The rule for payers the directory does not know. It uses the shortest windows REFERENCE §6 reports for a
    /// common step, so the computed deadline is never later than the real one: 60 days for an appeal (Medicare
    /// Advantage non-contracted providers, Aetna's second level) and 90 days of timely filing (UHC templates),
    /// counted from the remittance date without a receipt presumption. A deadline that is too early costs a little
    /// urgency; one that is too late loses the appeal. The ERISA floor of 180 days is not used because provider
    /// disputes under a contract are often shorter.
    /// </summary>
    public static readonly PayerRule UnknownPayerRule = new(
        "Unknown payer (conservative default)",
        null,
        PayerType.Commercial,
        ReopeningDays: null,
        FirstLevelDays: 60,
        SecondLevelDays: 60,
        ExternalReviewDays: null,
        TimelyFilingDays: 90,
        ReceiptPresumptionDays: 0,
        VerifyWithContract: true,
        "No rule is configured for this payer; the shortest common windows are assumed. Add the payer's windows in Settings.")
    {
        IsDefaultRule = true,
    };

    private static readonly FrozenSet<string> NoiseWords = FrozenSet.ToFrozenSet(
        ["THE", "OF", "AND", "INC", "CO", "COMPANY", "CORP", "CORPORATION", "LLC", "INSURANCE"],
        StringComparer.Ordinal);

    private static readonly Lazy<PayerDirectory> DefaultDirectory =
        new(() => FromCsv(CsvData.ReadEmbedded(DefaultResourceName), DefaultResourceName));

    private readonly FrozenDictionary<string, PayerRule> byId;
    private readonly List<(string[] Tokens, PayerRule Rule)> names = [];

    public PayerDirectory(IEnumerable<PayerRule> rules, PayerRule? defaultRule = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules.ToArray();
        DefaultRule = (defaultRule ?? UnknownPayerRule) with { IsDefaultRule = true };
        DefaultRule.Validate();

        var ids = new Dictionary<string, PayerRule>(StringComparer.OrdinalIgnoreCase);
        var nameOwners = new Dictionary<string, PayerRule>(StringComparer.Ordinal);
        foreach (var rule in Rules)
        {
            rule.Validate();
            if (!string.IsNullOrWhiteSpace(rule.PayerId) && !ids.TryAdd(rule.PayerId.Trim(), rule))
            {
                throw new ArgumentException($"Payer id {rule.PayerId} is used by both {ids[rule.PayerId.Trim()].Name} and {rule.Name}.", nameof(rules));
            }

            foreach (var name in rule.Aliases.Prepend(rule.Name))
            {
                var normalized = NormalizeName(name);
                if (normalized.Length == 0)
                {
                    continue;
                }

                if (nameOwners.TryGetValue(normalized, out var owner) && owner != rule)
                {
                    throw new ArgumentException($"The name {normalized} is used by both {owner.Name} and {rule.Name}.", nameof(rules));
                }

                if (nameOwners.TryAdd(normalized, rule))
                {
                    names.Add((normalized.Split(' '), rule));
                }
            }
        }

        byId = ids.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The payers shipped with AppealStudio.</summary>
    public static PayerDirectory Default => DefaultDirectory.Value;

    public IReadOnlyList<PayerRule> Rules { get; }

    public PayerRule DefaultRule { get; }

    /// <exception cref="DataFileException">A row is malformed; the message names the line.</exception>
    public static PayerDirectory FromCsv(string csvText, string sourceName = DefaultResourceName, PayerRule? defaultRule = null)
    {
        var rules = new List<PayerRule>();
        foreach (var row in CsvData.Read(csvText, sourceName, Columns))
        {
            var rule = new PayerRule(
                row.Required("name"),
                row.Optional("payer_id"),
                row.Code<PayerType>("type"),
                row.OptionalInt("reopening_days"),
                row.OptionalInt("first_level_days"),
                row.OptionalInt("second_level_days"),
                row.OptionalInt("external_review_days"),
                row.OptionalInt("timely_filing_days"),
                row.OptionalInt("receipt_presumption_days") ?? 0,
                row.Flag("verify_with_contract"),
                row.Get("notes"))
            {
                Aliases = row.Get("aliases").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            };
            try
            {
                rule.Validate();
                _ = new PayerDirectory([.. rules, rule]);
            }
            catch (ArgumentException ex)
            {
                throw row.Error(ex.Message);
            }

            rules.Add(rule);
        }

        return new PayerDirectory(rules, defaultRule);
    }

    /// <summary>
    /// Upper-case letters and digits separated by single spaces, without words that do not tell payers apart
    /// ("INSURANCE COMPANY", "INC", "THE"): "UnitedHealthcare Insurance Co." becomes "UNITEDHEALTHCARE".
    /// </summary>
    public static string NormalizeName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return string.Empty;
        }

        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : ' ');
        }

        return string.Join(' ', text.ToString()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(t => !NoiseWords.Contains(t)));
    }

    public PayerRule Find(string? payerId, string? payerName) => Resolve(payerId, payerName).Rule;

    public PayerMatch Resolve(DenialFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return Resolve(facts.PayerId, facts.PayerName);
    }

    /// <summary>
    /// By payer id, then by name: the rule with the longest name or alias found as whole words in the payer's name
    /// wins ("CIGNA MEDICARE ADVANTAGE" beats "CIGNA"). When two rules match equally well the name is ambiguous and
    /// the default rule is returned, because picking one would be a guess.
    /// </summary>
    public PayerMatch Resolve(string? payerId, string? payerName)
    {
        if (!string.IsNullOrWhiteSpace(payerId) && byId.TryGetValue(payerId.Trim(), out var byPayerId))
        {
            return new PayerMatch(byPayerId, $"payer id {payerId.Trim()}");
        }

        var tokens = NormalizeName(payerName).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var hits = names
            .Where(n => ContainsRun(tokens, n.Tokens))
            .GroupBy(n => n.Rule)
            .Select(g => (Rule: g.Key, Best: g.MaxBy(n => n.Tokens.Length).Tokens))
            .OrderByDescending(h => h.Best.Length)
            .ToList();

        if (hits.Count == 0)
        {
            return new PayerMatch(DefaultRule, "default rule (payer not in the directory)");
        }

        if (hits.Count > 1 && hits[1].Best.Length == hits[0].Best.Length)
        {
            return new PayerMatch(
                DefaultRule,
                $"default rule (the name matches both {hits[0].Rule.Name} and {hits[1].Rule.Name})");
        }

        return new PayerMatch(hits[0].Rule, $"name {string.Join(' ', hits[0].Best)}");
    }

    private static bool ContainsRun(string[] haystack, string[] needle)
    {
        for (var start = 0; start + needle.Length <= haystack.Length; start++)
        {
            if (haystack.AsSpan(start, needle.Length).SequenceEqual(needle))
            {
                return true;
            }
        }

        return false;
    }
}
