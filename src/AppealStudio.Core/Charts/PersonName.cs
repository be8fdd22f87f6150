using System.Globalization;
using System.Text;

namespace AppealStudio.Core.Charts;

/// <summary>
/// A patient name reduced to what survives every system it passes through: 835s write "DOE*JANE*A", EHRs write
/// "Jane A. Doe" or "Doe, Jane". Comparison uses lower-case ASCII letters only (accents, hyphens, apostrophes and
/// spaces removed), family name plus the first given name; middle names and suffixes are ignored.
/// </summary>
/// <param name="Family">Normalized family name.</param>
/// <param name="Given">Normalized first given name, or empty.</param>
/// <param name="Ordered">False when the order could not be told ("Jane Doe" without a comma is assumed given-first).</param>
public sealed record PersonName(string Family, string Given, bool Ordered)
{
    private static readonly HashSet<string> Suffixes = new(StringComparer.Ordinal) { "jr", "sr", "ii", "iii", "iv", "md", "do", "phd", "np", "pa" };

    /// <summary>From separate parts, as an 835 NM1 segment gives them.</summary>
    public static PersonName? FromParts(string? family, string? given)
    {
        var f = Normalize(family);
        return f.Length == 0 ? null : new PersonName(f, FirstToken(given), Ordered: true);
    }

    /// <summary>From one string: "Family, Given Middle" or "Given Middle Family".</summary>
    public static PersonName? Parse(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var comma = name.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            return FromParts(name[..comma], name[(comma + 1)..]);
        }

        var tokens = Tokens(name);
        return tokens.Count switch
        {
            0 => null,
            1 => new PersonName(tokens[0], string.Empty, Ordered: false),
            _ => new PersonName(tokens[^1], tokens[0], Ordered: false),
        };
    }

    /// <summary>Same person by family and first given name; an unordered name may also match with the two swapped.</summary>
    public bool SameAs(PersonName other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Given.Length == 0 || other.Given.Length == 0)
        {
            // A bare family name is too weak to identify a patient.
            return false;
        }

        if (Family == other.Family && Given == other.Given)
        {
            return true;
        }

        return (!Ordered || !other.Ordered) && Family == other.Given && Given == other.Family;
    }

    public override string ToString() => Given.Length == 0 ? Family : $"{Family}, {Given}";

    private static string FirstToken(string? text) => Tokens(text ?? string.Empty).FirstOrDefault() ?? string.Empty;

    private static List<string> Tokens(string text) =>
        text.Split([' ', '\t', '.'], StringSplitOptions.RemoveEmptyEntries)
            .Select(Normalize)
            .Where(t => t.Length > 0 && !Suffixes.Contains(t))
            .ToList();

    private static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetter(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (c == ' ')
            {
                sb.Append(' ');
            }
        }

        // Multi-word family names ("de la Cruz") compare as one run of letters, as 835s usually print them.
        return sb.ToString().Replace(" ", string.Empty, StringComparison.Ordinal);
    }
}
