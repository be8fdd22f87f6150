using System.Globalization;

namespace AppealStudio.Core.Denials;

/// <summary>Code ranges the denial rules and the modifier judgement share (one definition, so they cannot disagree).</summary>
public static class ProcedureCodes
{
    // E/M families: office/outpatient, hospital inpatient and observation, consultations, emergency department,
    // critical care, nursing facility, home or residence, preventive medicine.
    private static readonly (int From, int To)[] EvaluationAndManagementRanges =
    [
        (99202, 99215), (99217, 99239), (99241, 99255), (99281, 99285), (99291, 99292),
        (99304, 99318), (99324, 99350), (99381, 99429),
    ];

    /// <summary>An evaluation and management code (the families above).</summary>
    public static bool IsEvaluationAndManagement(string? code) =>
        TryNumeric(code, out var n) && EvaluationAndManagementRanges.Any(r => n >= r.From && n <= r.To);

    /// <summary>Anesthesia codes 00100–01999.</summary>
    public static bool IsAnesthesia(string? code) => TryNumeric(code, out var n) && n is >= 100 and <= 1999;

    /// <summary>Pathology and laboratory codes 80000–89999 (the codes modifier 91, repeat test, belongs to).</summary>
    public static bool IsLaboratory(string? code) => TryNumeric(code, out var n) && n is >= 80000 and <= 89999;

    /// <summary>Upper-cased, trimmed code; empty when blank.</summary>
    public static string Normalize(string? code) => string.IsNullOrWhiteSpace(code) ? string.Empty : code.Trim().ToUpperInvariant();

    private static bool TryNumeric(string? code, out int value)
    {
        value = 0;
        var trimmed = code?.Trim();
        return trimmed is { Length: 5 } && trimmed.All(char.IsAsciiDigit)
            && int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
