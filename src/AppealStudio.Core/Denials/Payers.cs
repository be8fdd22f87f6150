namespace AppealStudio.Core.Denials;

/// <summary>The payer's program, which decides the appeal rules that apply.</summary>
public enum PayerType
{
    Medicare,
    MedicareAdvantage,
    Medicaid,
    Commercial,
}

/// <summary>The steps of a payer's dispute process, in order.</summary>
public enum AppealLevel
{
    /// <summary>Reopening or reprocessing request (Medicare: 42 CFR 405.980); not an appeal.</summary>
    Reopening,

    /// <summary>Medicare redetermination; commercial reconsideration or first-level appeal.</summary>
    FirstLevel,

    /// <summary>Medicare reconsideration (QIC); commercial second-level appeal.</summary>
    SecondLevel,

    /// <summary>Review outside the payer: Medicare ALJ hearing; external review under state or federal law.</summary>
    ExternalReview,

    /// <summary>Medicare Appeals Council review (level 4, 42 CFR 405.1102); no commercial equivalent.</summary>
    CouncilReview,

    /// <summary>Judicial review in federal district court (Medicare level 5, 42 CFR 405.1136).</summary>
    JudicialReview,
}

/// <summary>
/// A payer's dispute windows. Days are calendar days; null means the level does not exist or is not known, and
/// AppealStudio then says so rather than guessing.
/// </summary>
/// <param name="Name">Display name.</param>
/// <param name="PayerId">Identifier on the remittance (N1*PR REF*2U / TRN03); null when it varies (Medicare MACs).</param>
/// <param name="Type">The payer's program.</param>
/// <param name="ReopeningDays">Window for a reopening, counted from the notice date itself.</param>
/// <param name="FirstLevelDays">Window for the first appeal level.</param>
/// <param name="SecondLevelDays">Window for the second appeal level, counted from the first-level decision.</param>
/// <param name="ExternalReviewDays">Window for external review, counted from the final internal decision.</param>
/// <param name="TimelyFilingDays">Days after the date of service within which a claim (or corrected claim) must arrive.</param>
/// <param name="ReceiptPresumptionDays">
/// Days added to the notice date before an appeal window starts: Medicare presumes receipt 5 days after the notice
/// date; 0 means the window counts from the notice (remittance) date.
/// </param>
/// <param name="VerifyWithContract">The windows come from public payer pages; the practice's contract may differ.</param>
/// <param name="Notes">Where the numbers come from and their caveats.</param>
public sealed record PayerRule(
    string Name,
    string? PayerId,
    PayerType Type,
    int? ReopeningDays,
    int? FirstLevelDays,
    int? SecondLevelDays,
    int? ExternalReviewDays,
    int? TimelyFilingDays,
    int ReceiptPresumptionDays,
    bool VerifyWithContract,
    string Notes)
{
    /// <summary>Other names the payer appears under on remittances (matched after <see cref="PayerDirectory.NormalizeName"/>).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>This is the directory's rule for payers it does not know, not a rule for this payer.</summary>
    public bool IsDefaultRule { get; init; }

    public int? WindowDays(AppealLevel level) => level switch
    {
        AppealLevel.Reopening => ReopeningDays,
        AppealLevel.FirstLevel => FirstLevelDays,
        AppealLevel.SecondLevel => SecondLevelDays,
        AppealLevel.ExternalReview => ExternalReviewDays,
        // The payer settings have no column for the last two Medicare levels: their windows are rows of the level
        // table (AppealLevelTable), which the ladder reads.
        AppealLevel.CouncilReview or AppealLevel.JudicialReview => null,
    };

    /// <summary>What this payer calls the level, e.g. "redetermination" for Medicare's first level.</summary>
    public string LevelName(AppealLevel level) => (Type, level) switch
    {
        (_, AppealLevel.Reopening) => "reopening",
        (PayerType.Medicare, AppealLevel.FirstLevel) => "redetermination",
        (PayerType.Medicare, AppealLevel.SecondLevel) => "reconsideration (QIC)",
        (PayerType.Medicare, AppealLevel.ExternalReview) => "ALJ hearing",
        (PayerType.Medicare, AppealLevel.CouncilReview) => "Appeals Council review",
        (PayerType.Medicare, AppealLevel.JudicialReview) => "judicial review (federal district court)",
        (PayerType.MedicareAdvantage, AppealLevel.FirstLevel) => "payment dispute / reconsideration",
        (_, AppealLevel.FirstLevel) => "first-level appeal",
        (_, AppealLevel.SecondLevel) => "second-level appeal",
        (_, AppealLevel.ExternalReview) => "external review",
        (_, AppealLevel.CouncilReview) => "further review",
        (_, AppealLevel.JudicialReview) => "judicial review",
    };

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException("A payer rule needs a name.", nameof(Name));
        }

        int?[] windows = [ReopeningDays, FirstLevelDays, SecondLevelDays, ExternalReviewDays, TimelyFilingDays];
        if (windows.Any(d => d is <= 0) || ReceiptPresumptionDays < 0)
        {
            throw new ArgumentException($"Payer {Name}: windows must be positive and the receipt presumption not negative.");
        }
    }
}
