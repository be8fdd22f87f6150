using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace AppealStudio.Core.Denials;

/// <summary>
/// Plain-language texts for group codes, CARCs and RARCs, so the specialist reads "why" instead of a code. The CARC
/// and RARC texts ship embedded (<c>Denials/Data/carc.csv</c>, <c>rarc.csv</c>); group texts are fixed by X12.
/// </summary>
public sealed class CodeDictionary
{
    private static readonly FrozenDictionary<string, (string Name, string Meaning)> GroupTexts =
        new Dictionary<string, (string, string)>(StringComparer.Ordinal)
        {
            ["CO"] = ("Contractual Obligations", "a contract or regulation adjustment the provider writes off; the patient may not be billed"),
            ["PR"] = ("Patient Responsibility", "an amount the patient or insured may be billed"),
            ["OA"] = ("Other Adjustments", "an adjustment no other group fits, such as a prior payer's impact or a duplicate"),
            ["PI"] = ("Payer Initiated Reductions", "a reduction the payer says the patient does not owe, though no contract supports it"),
            ["CR"] = ("Corrections and Reversals", "a correction of a prior claim (removed from the 5010 835)"),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly Lazy<CodeDictionary> DefaultDictionary = new(() => FromCsv(
        CsvData.ReadEmbedded("carc.csv"), CsvData.ReadEmbedded("rarc.csv")));

    private readonly FrozenDictionary<string, string> carcs;
    private readonly FrozenDictionary<string, string> rarcs;

    public CodeDictionary(IReadOnlyDictionary<string, string> carcMeanings, IReadOnlyDictionary<string, string> rarcMeanings)
    {
        ArgumentNullException.ThrowIfNull(carcMeanings);
        ArgumentNullException.ThrowIfNull(rarcMeanings);
        carcs = carcMeanings.ToFrozenDictionary(p => Key(p.Key), p => p.Value, StringComparer.Ordinal);
        rarcs = rarcMeanings.ToFrozenDictionary(p => Key(p.Key), p => p.Value, StringComparer.Ordinal);
    }

    /// <summary>The texts shipped with AppealStudio.</summary>
    public static CodeDictionary Default => DefaultDictionary.Value;

    public int CarcCount => carcs.Count;

    public int RarcCount => rarcs.Count;

    /// <summary>Reads <c>code,meaning</c> tables; throws <see cref="DataFileException"/> naming the bad line.</summary>
    public static CodeDictionary FromCsv(string carcCsv, string rarcCsv) =>
        new(ReadTable(carcCsv, "carc.csv"), ReadTable(rarcCsv, "rarc.csv"));

    /// <summary>"Contractual Obligations" for CO; null for an unknown group.</summary>
    public static string? GroupName(string? group) =>
        group is not null && GroupTexts.TryGetValue(Key(group), out var text) ? text.Name : null;

    /// <summary>What the group means for who bears the amount; null for an unknown group.</summary>
    public static string? GroupMeaning(string? group) =>
        group is not null && GroupTexts.TryGetValue(Key(group), out var text) ? text.Meaning : null;

    public string? CarcMeaning(string? carc) => carc is not null && carcs.TryGetValue(Key(carc), out var m) ? m : null;

    public string? RarcMeaning(string? rarc) => rarc is not null && rarcs.TryGetValue(Key(rarc), out var m) ? m : null;

    /// <summary>
    /// One sentence for a group and CARC, e.g. "Contractual Obligations (CO): 97 — Benefit included in
    /// payment/allowance for another service already adjudicated."
    /// </summary>
    public string Describe(string? group, string carc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(carc);
        var code = Key(carc);
        var meaning = CarcMeaning(code) ?? "a reason code not in AppealStudio's code list; look it up in the X12 CARC list";
        var prefix = string.IsNullOrWhiteSpace(group)
            ? "Reason"
            : GroupName(group) is { } name ? $"{name} ({Key(group)})" : $"Group {Key(group)}";
        return $"{prefix}: {code} — {Sentence(meaning)}";
    }

    /// <summary>One sentence for a remark code, e.g. "Remark N19 — Procedure code incidental to the primary procedure."</summary>
    public string DescribeRemark(string rarc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rarc);
        var code = Key(rarc);
        return $"Remark {code} — {Sentence(RarcMeaning(code) ?? "a remark code not in AppealStudio's code list; look it up in the X12 RARC list")}";
    }

    /// <summary>The reason sentence followed by one sentence per remark code, for the denial page.</summary>
    public string Describe(DenialFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var text = new StringBuilder(facts.Kind switch
        {
            DenialKind.Coded when !string.IsNullOrWhiteSpace(facts.ReasonCode) => Describe(facts.GroupCode, facts.ReasonCode),
            DenialKind.Coded => "The payer gave no reason code for this adjustment.",
            DenialKind.Silent =>
                $"Silent denial: {Invariant.Money(facts.Amount)} was not paid and the payer's adjustments do not explain why.",
            DenialKind.Underpayment =>
                $"Underpayment: paid {Invariant.Money(facts.Amount)} less than the contracted rate.",
        });
        foreach (var remark in facts.RemarkCodes.Where(r => !string.IsNullOrWhiteSpace(r)))
        {
            text.Append(' ').Append(DescribeRemark(remark));
        }

        return text.ToString();
    }

    private static Dictionary<string, string> ReadTable(string csv, string sourceName)
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in CsvData.Read(csv, sourceName, ["code", "meaning"]))
        {
            var code = Key(row.Required("code"));
            if (!table.TryAdd(code, row.Required("meaning")))
            {
                throw row.Error($"code {code} appears twice");
            }
        }

        return table;
    }

    private static string Sentence(string text) =>
        text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.InvariantCulture) + text[1..] + (text.EndsWith('.') ? string.Empty : ".");

    private static string Key(string code) => code.Trim().ToUpperInvariant();
}
