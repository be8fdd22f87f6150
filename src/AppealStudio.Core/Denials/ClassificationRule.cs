using System.Text;

namespace AppealStudio.Core.Denials;

/// <summary>
/// One row of the classification table: which denials it matches and what it concludes about them.
/// </summary>
/// <param name="Group">CAS01 group code (CO, PR, OA, PI, CR) or <c>*</c> for any group.</param>
/// <param name="Carc">The CARC, or <see cref="SilentCarc"/> / <see cref="UnderpaymentCarc"/> for denials without one.</param>
/// <param name="Rarc">A remark code the denial must carry; null matches any remarks.</param>
/// <param name="Modifiers">The line must carry at least one of these (adjudicated or submitted); empty matches any line.</param>
/// <param name="Severity">Soft (fixable without a formal appeal) or hard.</param>
/// <param name="Action">What to do next.</param>
/// <param name="Category">Clinical, administrative or technical.</param>
/// <param name="RootCause">The upstream cause to fix.</param>
/// <param name="Owner">Who owns the fix.</param>
/// <param name="Explanation">
/// A plain sentence for the specialist: what happened and what to do. <c>{modifier}</c> and <c>{rarc}</c> are replaced
/// by the modifier and remark code that made the row match. The classifier puts the sentence saying who owes the money
/// (<see cref="LiabilityRules.Sentence"/>) in front of it.
/// </param>
public sealed record ClassificationRule(
    string Group,
    string Carc,
    string? Rarc,
    IReadOnlyList<string> Modifiers,
    Severity Severity,
    RecommendedAction Action,
    DenialCategory Category,
    RootCause RootCause,
    Owner Owner,
    string Explanation)
{
    /// <summary>Matches any group code.</summary>
    public const string AnyGroup = "*";

    /// <summary>Stands in for the CARC of a silent denial (zero or short pay with no reason given).</summary>
    public const string SilentCarc = "(SILENT)";

    /// <summary>Stands in for the CARC of a payment below the contracted rate.</summary>
    public const string UnderpaymentCarc = "(UNDERPAYMENT)";

    private static readonly string[] Groups = ["CO", "PR", "OA", "PI", "CR", AnyGroup];

    /// <summary>
    /// Who owes the amount when this row decides; null means "as the group code says" (<see cref="LiabilityRules.FromGroup"/>).
    /// Rows set it where the code names someone else: another payer, Medicaid for a Qualified Medicare Beneficiary.
    /// </summary>
    public Liability? Liability { get; init; }

    /// <summary>What makes two rows the same rule: an override with the same key replaces the default row.</summary>
    public string Key => $"{Group}|{Carc}|{Rarc}|{string.Join(' ', Modifiers.Order(StringComparer.Ordinal))}";

    /// <summary>A readable identifier of this row, e.g. <c>*-97 + modifier 59/XS present</c> or <c>CO-16 + M51</c>.</summary>
    public string Id => Describe(Modifiers.Count == 0 ? null : string.Join('/', Modifiers));

    /// <summary>Upper-cases and trims the codes and checks them; throws <see cref="ArgumentException"/> when one is not a code.</summary>
    public ClassificationRule Normalize()
    {
        var group = NormalizeCode(Group, nameof(Group));
        if (!Groups.Contains(group, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Group '{Group}' must be one of {string.Join(", ", Groups)}.", nameof(Group));
        }

        var carc = NormalizeCode(Carc, nameof(Carc));
        if (carc is not (SilentCarc or UnderpaymentCarc) && !IsCode(carc))
        {
            throw new ArgumentException(
                $"CARC '{Carc}' must be letters and digits, or {SilentCarc} / {UnderpaymentCarc}.", nameof(Carc));
        }

        string? rarc = null;
        if (!string.IsNullOrWhiteSpace(Rarc))
        {
            rarc = NormalizeCode(Rarc, nameof(Rarc));
            if (!IsCode(rarc))
            {
                throw new ArgumentException($"RARC '{Rarc}' must be letters and digits.", nameof(Rarc));
            }
        }

        var modifiers = (Modifiers ?? [])
            .Select(m => NormalizeCode(m, nameof(Modifiers)))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (modifiers.FirstOrDefault(m => m.Length != 2 || !IsCode(m)) is { } bad)
        {
            throw new ArgumentException($"Modifier '{bad}' must be two letters or digits.", nameof(Modifiers));
        }

        if (string.IsNullOrWhiteSpace(Explanation))
        {
            throw new ArgumentException("A rule needs an explanation for the specialist.", nameof(Explanation));
        }

        return this with
        {
            Group = group,
            Carc = carc,
            Rarc = rarc,
            Modifiers = modifiers,
            Explanation = Explanation.Trim(),
        };
    }

    internal string Describe(string? matchedModifier)
    {
        var text = new StringBuilder(Carc switch
        {
            SilentCarc => "silent denial",
            UnderpaymentCarc => "underpayment",
            _ => $"{Group}-{Carc}",
        });
        if (Rarc is not null)
        {
            text.Append(" + ").Append(Rarc);
        }

        if (matchedModifier is not null)
        {
            text.Append(" + modifier ").Append(matchedModifier).Append(" present");
        }

        return text.ToString();
    }

    internal static string NormalizeCode(string? code, string what) =>
        string.IsNullOrWhiteSpace(code)
            ? throw new ArgumentException($"{what} must not be empty.", what)
            : code.Trim().ToUpperInvariant();

    private static bool IsCode(string code) => code.Length is > 0 and <= 8 && code.All(char.IsAsciiLetterOrDigit);
}
