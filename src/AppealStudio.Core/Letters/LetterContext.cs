namespace AppealStudio.Core.Letters;

/// <summary>The practice sending the letter (also the DOCX letterhead).</summary>
public sealed record PracticeInfo
{
    public required string Name { get; init; }

    public IReadOnlyList<string> AddressLines { get; init; } = [];

    public string? Phone { get; init; }

    public string? Fax { get; init; }

    public string? Npi { get; init; }

    public string? TaxId { get; init; }
}

/// <summary>The rendering/signing clinician.</summary>
public sealed record ProviderInfo
{
    public required string Name { get; init; }

    public string? Credentials { get; init; }

    public string? Npi { get; init; }

    public string? Specialty { get; init; }
}

public sealed record PatientInfo
{
    public required string Name { get; init; }

    public DateOnly? DateOfBirth { get; init; }

    public string? MemberId { get; init; }

    public string? AccountNumber { get; init; }
}

public sealed record PayerInfo
{
    public required string Name { get; init; }

    /// <summary>Appeals mailing address, one line per entry.</summary>
    public IReadOnlyList<string> AddressLines { get; init; } = [];

    /// <summary>The payer's own policy the letter answers (medical policy number, reimbursement policy, LCD); every template requires it.</summary>
    public string? PolicyReference { get; init; }

    public string? PayerId { get; init; }

    /// <summary>Original Medicare (MAC); templates cite the Medicare regulations only then.</summary>
    public bool IsMedicare { get; init; }
}

public sealed record ClaimInfo
{
    /// <summary>The payer's claim control number (CLP07).</summary>
    public string? PayerClaimNumber { get; init; }

    /// <summary>The practice's own claim id (CLP01).</summary>
    public string? PatientControlNumber { get; init; }

    public DateOnly? ServiceDate { get; init; }

    public DateOnly? ServiceDateTo { get; init; }

    /// <summary>Codes with modifiers as billed ("29877-59-LT").</summary>
    public IReadOnlyList<string> ProcedureCodes { get; init; } = [];

    public IReadOnlyList<string> DiagnosisCodes { get; init; } = [];

    public decimal? ChargeAmount { get; init; }

    public decimal? DeniedAmount { get; init; }

    /// <summary>When the claim was first submitted (timely-filing proof).</summary>
    public DateOnly? OriginalSubmissionDate { get; init; }

    /// <summary>Clearinghouse or payer acceptance reference for the original submission (999/277CA).</summary>
    public string? SubmissionReference { get; init; }
}

public sealed record DenialInfo
{
    public string? GroupCode { get; init; }

    public string? ReasonCode { get; init; }

    public string? ReasonText { get; init; }

    public IReadOnlyList<string> RemarkCodes { get; init; } = [];

    public DateOnly? RemittanceDate { get; init; }

    public string? Scenario { get; init; }

    public string? RootCause { get; init; }
}

/// <summary>
/// Everything a template can read. Values that are null or blank are absent: a placeholder that reads one renders
/// as a visible <c>[[MISSING: path]]</c> marker. Dates are written MM/dd/yyyy (the form US payers use), the letter
/// date in words, money as $1,234.50, lists comma-separated.
/// </summary>
public sealed record LetterContext
{
    public DateOnly LetterDate { get; init; }

    /// <summary>"reconsideration" unless set ("redetermination" for a first-level Medicare appeal).</summary>
    public string? RequestType { get; init; }

    public PracticeInfo? Practice { get; init; }

    public ProviderInfo? Provider { get; init; }

    public PatientInfo? Patient { get; init; }

    public PayerInfo? Payer { get; init; }

    public ClaimInfo? Claim { get; init; }

    public DenialInfo? Denial { get; init; }

    /// <summary>Enclosures of this case, listed after the template's own.</summary>
    public IReadOnlyList<string> Enclosures { get; init; } = [];

    /// <summary>Free-form values a template may read as <c>{{details.key}}</c> (what was corrected, an auth number...).</summary>
    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Chosen excerpts per evidence slot name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<CitedExcerpt>> Evidence { get; init; } =
        new Dictionary<string, IReadOnlyList<CitedExcerpt>>(StringComparer.Ordinal);
}
