using System.Collections.Frozen;
using System.Text;

namespace AppealStudio.Core.Letters;

/// <summary>
/// Whether the name a physician typed to sign is the name on their account. People type their name as they write
/// it, not as an administrator entered it: case, punctuation, spacing, accents, a leading "Dr." and trailing
/// credentials do not matter ("dana reyes" signs for "Dana Reyes, MD"), but the name itself must be the same
/// ("Dan Reyes" does not).
/// </summary>
public static class SignatureName
{
    public static bool Matches(string? typed, string? accountName)
    {
        var expected = Normalize(accountName);
        return expected.Length > 0 && string.Equals(Normalize(typed), expected, StringComparison.Ordinal);
    }

    /// <summary>The name reduced to what identifies it: letters and digits of the name words, lower case, no accents.</summary>
    public static string Normalize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "";
        }

        // Words are split at spaces and commas; punctuation inside a word ("M.D.", "PA-C", "O'Brien") is dropped.
        var words = name.Split([' ', '\t', '\r', '\n', ',', ';', '/'], StringSplitOptions.RemoveEmptyEntries)
            .Select(Letters)
            .Where(w => w.Length > 0)
            .ToList();

        while (words.Count > 1 && Titles.Contains(words[0]))
        {
            words.RemoveAt(0);
        }

        while (words.Count > 1 && Credentials.Contains(words[^1]))
        {
            words.RemoveAt(words.Count - 1);
        }

        return string.Concat(words);
    }

    // After decomposition an accent is a mark of its own, not a letter, so "José" and "Jose" are the same name.
    private static string Letters(string word)
    {
        var builder = new StringBuilder(word.Length);
        foreach (var c in word.Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static readonly FrozenSet<string> Titles =
        new[] { "dr", "doctor", "prof", "professor", "mr", "mrs", "ms", "mx" }.ToFrozenSet(StringComparer.Ordinal);

    // Degrees, licences and fellowships written after a clinician's name (as letters only: "PA-C" is "pac").
    private static readonly FrozenSet<string> Credentials = new[]
    {
        "md", "do", "mbbs", "mbchb", "phd", "psyd", "edd", "dnp", "np", "aprn", "fnp", "fnpbc", "fnpc", "anp", "pnp", "agnp",
        "pmhnp", "pa", "pac", "rn", "bsn", "msn", "crna", "cnm", "cns", "lpn", "lvn", "dpm", "dc", "dds", "dmd", "od",
        "pharmd", "dpt", "pt", "ot", "otr", "otrl", "slp", "cccslp", "ccc", "aud", "lcsw", "licsw", "lmsw", "msw", "lpc",
        "lpcc", "lmhc", "lmft", "mft", "lcpc", "bcba", "mph", "ms", "ma", "msc", "mba", "facs", "facp", "facc", "faap",
        "faafp", "faaos", "facog", "facep", "fccp", "fasa", "frcsc", "frcpc", "dabr", "dabpm", "dabfm",
    }.ToFrozenSet(StringComparer.Ordinal);
}
