using AppealStudio.Core.Denials;

namespace AppealStudio.Core.Analytics;

/// <summary>The specialties the reports filter by; "other" is everything the ranges and scenarios below do not name.</summary>
public enum Specialty
{
    Orthopedics,
    Cardiology,
    Anesthesia,
    MentalHealth,
    Other,
}

/// <summary>A closed range of five-digit CPT codes, compared as text (all CPT Category I codes are five digits).</summary>
public sealed record ProcedureRange(Specialty Specialty, string Low, string High)
{
    public bool Contains(string? code) =>
        Specialties.IsNumericCpt(code) &&
        string.CompareOrdinal(code, Low) >= 0 && string.CompareOrdinal(code, High) <= 0;
}

/// <summary>
/// Which specialty a denial belongs to, for the reports' filter. The procedure code decides first, by CPT section
/// (anesthesia 00100-01999, musculoskeletal surgery 20000-29999, cardiovascular surgery 33010-37799 and cardiology
/// medicine 92920-93799, psychiatry 90785-90899); a denial without such a code falls back to its appeal scenario
/// (modifier 59 on knee and shoulder arthroscopy: orthopedics; modifier 25 with an echo: cardiology; ASA physical
/// status: anesthesia; psychotherapy session length: mental health); anything else is "other". The ranges are data
/// so that the database query and this in-memory version cannot disagree.
/// </summary>
public static class Specialties
{
    public static readonly IReadOnlyList<ProcedureRange> ProcedureRanges =
    [
        new(Specialty.Anesthesia, "00100", "01999"),
        new(Specialty.Orthopedics, "20000", "29999"),
        new(Specialty.Cardiology, "33010", "37799"),
        new(Specialty.Cardiology, "92920", "93799"),
        new(Specialty.MentalHealth, "90785", "90899"),
    ];

    /// <summary>Scenario code (as stored on a denial) to specialty.</summary>
    public static readonly IReadOnlyDictionary<string, Specialty> ByScenario = new Dictionary<string, Specialty>(StringComparer.Ordinal)
    {
        [Scenario.Modifier59.ToCode()] = Specialty.Orthopedics,
        [Scenario.Modifier25.ToCode()] = Specialty.Cardiology,
        [Scenario.PhysicalStatus.ToCode()] = Specialty.Anesthesia,
        [Scenario.SessionLength.ToCode()] = Specialty.MentalHealth,
    };

    /// <summary>The specialty of one denial, from its procedure code first and its scenario second.</summary>
    public static Specialty Classify(string? scenario, string? procedureCode)
    {
        foreach (var range in ProcedureRanges)
        {
            if (range.Contains(procedureCode))
            {
                return range.Specialty;
            }
        }

        return scenario is not null && ByScenario.TryGetValue(scenario, out var specialty) ? specialty : Specialty.Other;
    }

    /// <summary>Last characters of five-character CPT codes that are not Category I: II (F), III (T), PLA (U), MAAA (M).</summary>
    public static readonly IReadOnlyList<string> NonCategoryOneSuffixes = ["F", "T", "U", "M"];

    /// <summary>
    /// Five characters not ending in F, T, U or M, so that Category II/III, PLA and MAAA codes (1234F, 0042T, 0001U,
    /// 0002M) fall in no range; HCPCS Level II codes start with a letter and sort after every range, and NDCs are
    /// eleven digits. The database query applies the same tests (as LIKE patterns, which PostgreSQL's planner can
    /// estimate, unlike length() and substring()).
    /// </summary>
    public static bool IsNumericCpt(string? code) =>
        code is { Length: 5 } && !NonCategoryOneSuffixes.Any(s => code.EndsWith(s, StringComparison.OrdinalIgnoreCase));

    public static string ToCode(this Specialty value) => value switch
    {
        Specialty.Orthopedics => "orthopedics",
        Specialty.Cardiology => "cardiology",
        Specialty.Anesthesia => "anesthesia",
        Specialty.MentalHealth => "mental-health",
        Specialty.Other => "other",
    };

    public static string ToLabel(this Specialty value) => value switch
    {
        Specialty.Orthopedics => "Orthopedics",
        Specialty.Cardiology => "Cardiology",
        Specialty.Anesthesia => "Anesthesia",
        Specialty.MentalHealth => "Mental health",
        Specialty.Other => "Other",
    };

    public static bool TryParse(string? code, out Specialty specialty)
    {
        foreach (var value in Enum.GetValues<Specialty>())
        {
            if (string.Equals(value.ToCode(), code, StringComparison.OrdinalIgnoreCase))
            {
                specialty = value;
                return true;
            }
        }

        specialty = default;
        return false;
    }
}
