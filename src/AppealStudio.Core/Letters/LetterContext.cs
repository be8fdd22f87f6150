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

    /// <summary>"Dana Reyes, MD", or the name alone when the credentials are not known.</summary>
    public string NameWithCredentials => string.IsNullOrWhiteSpace(Credentials) ? Name : $"{Name}, {Credentials}";
}

/// <summary>Who answers the payer's questions about the appeal (the specialist working it).</summary>
public sealed record ContactInfo
{
    public required string Name { get; init; }

    public string? Title { get; init; }

    /// <summary>Direct line.</summary>
    public string? Phone { get; init; }

    public string? Email { get; init; }
}

/// <summary>Where the payer takes appeals of this level (the payer directory, else the remittance's payer address).</summary>
public sealed record PayerContact
{
    /// <summary>Recipient and address lines, without the payer's name (the letter prints that once, above them).</summary>
    public IReadOnlyList<string> AddressLines { get; init; } = [];

    public string? Fax { get; init; }

    public string? Phone { get; init; }

    public string? PortalUrl { get; init; }

    /// <summary>The address is the payer's address on the remittance, not a known appeals address.</summary>
    public bool FromRemittance { get; init; }
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

    /// <summary>Every line of the claim, as billed and as adjudicated; the procedure row of the letter lists them all.</summary>
    public IReadOnlyList<BilledClaimLine> Lines { get; init; } = [];

    /// <summary>The denied line, or null for a claim-level denial.</summary>
    public BilledClaimLine? DeniedLine { get; init; }

    /// <summary>For a bundling denial: the line the denied service was processed as included in (the column-1 code).</summary>
    public BilledClaimLine? BundledInto { get; init; }

    /// <summary>What the letter asks the payer to pay.</summary>
    public decimal? RequestedAmount { get; init; }

    /// <summary>Where the diagnosis codes came from: "the claim" or the chart document's title.</summary>
    public string? DiagnosisSource { get; init; }

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

    /// <summary>The appeal step ("first-level appeal", "redetermination"), as the payer names it.</summary>
    public string? LevelName { get; init; }

    /// <summary>The day the decision was received, or presumed received (<see cref="ReceiptPresumed"/>).</summary>
    public DateOnly? ReceivedDate { get; init; }

    public bool ReceiptPresumed { get; init; }

    /// <summary>Days after the notice date that receipt is presumed (Medicare: 5).</summary>
    public int PresumptionDays { get; init; }

    /// <summary>The last day the payer must receive the request.</summary>
    public DateOnly? Deadline { get; init; }
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

    /// <summary>The physician who signs; null = the rendering provider.</summary>
    public ProviderInfo? Signer { get; init; }

    public ContactInfo? Contact { get; init; }

    public PayerContact? PayerContact { get; init; }

    /// <summary>Whether the chart meets the billed code's rule; templates state support only when it does.</summary>
    public ViabilityFinding? Viability { get; init; }

    /// <summary>Measured facts of the scenario (session minutes, anesthesia units) as sentences the template may print.</summary>
    public IReadOnlyDictionary<string, string> Measures { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The packet's enclosures in order (cited chart documents, the remittance page, attachments).</summary>
    public IReadOnlyList<string> PacketEnclosures { get; init; } = [];
}
