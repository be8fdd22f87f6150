using System.Collections.Frozen;

namespace AppealStudio.Core.Denials;

/// <summary>Whether a denial can be fixed without a formal appeal (soft) or needs one, or is lost (hard).</summary>
public enum Severity
{
    Soft,
    Hard,
}

/// <summary>What the specialist should do next.</summary>
public enum RecommendedAction
{
    /// <summary>Corrected or replacement claim, or the requested records/attachment.</summary>
    Resubmit,

    /// <summary>Formal appeal or reconsideration with an argument and documentation.</summary>
    Appeal,

    /// <summary>Bill the correct payer (primary, workers' compensation, auto, hospice, SNF, MAC).</summary>
    Redirect,

    /// <summary>Ask the payer to reopen or reprocess (Medicare clerical reopening, commercial reprocessing request).</summary>
    Reopen,

    /// <summary>Usually unrecoverable: write off, or bill the patient where a waiver or ABN allows.</summary>
    WriteOff,

    /// <summary>Not a denial, or pending at the payer: nothing to do now.</summary>
    None,
}

/// <summary>Which kind of work the denial needs.</summary>
public enum DenialCategory
{
    /// <summary>Medical judgment or clinical documentation.</summary>
    Clinical,

    /// <summary>Eligibility, authorization, enrollment, contract, deadlines.</summary>
    Administrative,

    /// <summary>Claim data, coding or format.</summary>
    Technical,
}

/// <summary>The upstream cause to fix so the denial does not recur.</summary>
public enum RootCause
{
    Eligibility,
    Authorization,
    Demographic,
    Coding,
    Documentation,
    MedicalNecessity,
    TimelyFiling,
    Duplicate,
    CoordinationOfBenefits,
    Credentialing,
    NonCovered,
    Contractual,
    Other,
}

/// <summary>
/// Who bears the denied amount as the payer adjudicated it: the group code decides (CO and PI the provider, PR the
/// patient), refined per code for OA and for the codes that name someone else (another payer, Medicaid for a
/// Qualified Medicare Beneficiary, a workers' compensation or liability carrier).
/// </summary>
public enum Liability
{
    /// <summary>The practice (contractual obligation or payer-initiated reduction): the patient may not be billed.</summary>
    Provider,

    /// <summary>The patient (patient responsibility): bill the patient or the secondary plan; never write it off unasked.</summary>
    Patient,

    /// <summary>Another payer or party (primary payer, Medicaid, workers' compensation, liability carrier, hospice); never the patient on this remit.</summary>
    OtherPayer,

    /// <summary>This payer still owes it (paid below the contract, or not paid with no reason given).</summary>
    Payer,
}

/// <summary>Who owns the fix.</summary>
public enum Owner
{
    FrontDesk,
    Scheduler,
    Biller,
    Coder,
    Clinician,
    Credentialing,
}

/// <summary>
/// The kebab-case text of every vocabulary value, both ways. These codes are what data files, the database and the
/// web app store, so each one is spelled out here rather than derived from the member name: renaming a member must
/// not silently change stored data.
/// </summary>
public static class VocabularyCodes
{
    public static string ToCode(this Severity value) => value switch
    {
        Severity.Soft => "soft",
        Severity.Hard => "hard",
    };

    public static string ToCode(this RecommendedAction value) => value switch
    {
        RecommendedAction.Resubmit => "resubmit",
        RecommendedAction.Appeal => "appeal",
        RecommendedAction.Redirect => "redirect",
        RecommendedAction.Reopen => "reopen",
        RecommendedAction.WriteOff => "write-off",
        RecommendedAction.None => "none",
    };

    public static string ToCode(this DenialCategory value) => value switch
    {
        DenialCategory.Clinical => "clinical",
        DenialCategory.Administrative => "administrative",
        DenialCategory.Technical => "technical",
    };

    public static string ToCode(this RootCause value) => value switch
    {
        RootCause.Eligibility => "eligibility",
        RootCause.Authorization => "authorization",
        RootCause.Demographic => "demographic",
        RootCause.Coding => "coding",
        RootCause.Documentation => "documentation",
        RootCause.MedicalNecessity => "medical-necessity",
        RootCause.TimelyFiling => "timely-filing",
        RootCause.Duplicate => "duplicate",
        RootCause.CoordinationOfBenefits => "coordination-of-benefits",
        RootCause.Credentialing => "credentialing",
        RootCause.NonCovered => "non-covered",
        RootCause.Contractual => "contractual",
        RootCause.Other => "other",
    };

    public static string ToCode(this Owner value) => value switch
    {
        Owner.FrontDesk => "front-desk",
        Owner.Scheduler => "scheduler",
        Owner.Biller => "biller",
        Owner.Coder => "coder",
        Owner.Clinician => "clinician",
        Owner.Credentialing => "credentialing",
    };

    public static string ToCode(this Liability value) => value switch
    {
        Liability.Provider => "provider",
        Liability.Patient => "patient",
        Liability.OtherPayer => "other-payer",
        Liability.Payer => "payer",
    };

    public static string ToCode(this Scenario value) => value switch
    {
        Scenario.Modifier59 => "modifier-59",
        Scenario.Modifier25 => "modifier-25",
        Scenario.PhysicalStatus => "physical-status",
        Scenario.SessionLength => "session-length",
    };

    public static string ToCode(this PayerType value) => value switch
    {
        PayerType.Medicare => "medicare",
        PayerType.MedicareAdvantage => "medicare-advantage",
        PayerType.Medicaid => "medicaid",
        PayerType.Commercial => "commercial",
    };

    public static string ToCode(this AppealLevel value) => value switch
    {
        AppealLevel.Reopening => "reopening",
        AppealLevel.FirstLevel => "first-level",
        AppealLevel.SecondLevel => "second-level",
        AppealLevel.ExternalReview => "external-review",
        AppealLevel.CouncilReview => "council-review",
        AppealLevel.JudicialReview => "judicial-review",
    };

    /// <summary>Parses a code (case-insensitive, surrounding blanks ignored); throws <see cref="FormatException"/> naming the allowed codes.</summary>
    public static T Parse<T>(string code)
        where T : struct, Enum
    {
        if (TryParse<T>(code, out var value))
        {
            return value;
        }

        throw new FormatException(
            $"'{code}' is not a valid {typeof(T).Name} code; expected one of: {string.Join(", ", Codes<T>())}.");
    }

    public static bool TryParse<T>(string? code, out T value)
        where T : struct, Enum
    {
        value = default;
        return code is not null && Table<T>.ByCode.TryGetValue(code.Trim(), out value);
    }

    /// <summary>All codes of a vocabulary in declaration order (for pick lists and error messages).</summary>
    public static IReadOnlyList<string> Codes<T>()
        where T : struct, Enum => Table<T>.AllCodes;

    /// <summary>The code of any vocabulary value when the enum type is only known at run time.</summary>
    public static string ToCode(Enum value) => value switch
    {
        Severity v => v.ToCode(),
        RecommendedAction v => v.ToCode(),
        DenialCategory v => v.ToCode(),
        RootCause v => v.ToCode(),
        Owner v => v.ToCode(),
        Liability v => v.ToCode(),
        Scenario v => v.ToCode(),
        PayerType v => v.ToCode(),
        AppealLevel v => v.ToCode(),
        _ => throw new ArgumentException($"{value.GetType().Name} is not an AppealStudio vocabulary.", nameof(value)),
    };

    private static class Table<T>
        where T : struct, Enum
    {
        public static readonly IReadOnlyList<string> AllCodes = Enum.GetValues<T>().Select(v => ToCode(v)).ToArray();

        public static readonly FrozenDictionary<string, T> ByCode =
            Enum.GetValues<T>().ToFrozenDictionary(v => ToCode(v), v => v, StringComparer.OrdinalIgnoreCase);
    }
}
