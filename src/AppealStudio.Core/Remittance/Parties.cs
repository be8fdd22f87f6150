namespace AppealStudio.Core.Remittance;

/// <summary>A REF segment: qualifier (REF01) and identifier (REF02), e.g. 2U payer id, TJ tax id, 6R line control number.</summary>
public sealed record ReferenceId(string Qualifier, string Value, string? Description = null) : IQualified;

/// <summary>An AMT segment: qualifier (AMT01, e.g. AU coverage, B6 allowed, I interest) and amount (AMT02).</summary>
public sealed record AmountValue(string Qualifier, decimal Amount) : IQualified;

/// <summary>A QTY segment: qualifier (QTY01, e.g. CA covered days, ZL) and quantity (QTY02).</summary>
public sealed record QuantityValue(string Qualifier, decimal Quantity) : IQualified;

/// <summary>A DTM segment: qualifier (DTM01, e.g. 232 statement from, 472 service) and date (DTM02).</summary>
public sealed record DateValue(string Qualifier, DateOnly Date) : IQualified;

/// <summary>One communication number of a PER segment: qualifier (TE phone, EM e-mail, UR web address, FX, EX) and number.</summary>
public sealed record ContactNumber(string Qualifier, string Number);

/// <summary>A PER segment: contact function (PER01: CX claims, BL technical, IC web site), name and numbers.</summary>
public sealed record Contact(string? FunctionCode, string? Name, IReadOnlyList<ContactNumber> Numbers);

/// <summary>N3/N4 address lines, city, state, postal code, country.</summary>
public sealed record Address(IReadOnlyList<string> Lines, string? City, string? State, string? PostalCode, string? CountryCode, string? CountrySubdivision);

/// <summary>An N1 loop of the header: the payer (N1*PR) or the payee (N1*PE), with address, references and contacts.</summary>
public sealed class Party
{
    private List<ReferenceId>? _references;
    private List<Contact>? _contacts;

    internal Party(string entityCode, string? name, string? idQualifier, string? id)
    {
        EntityCode = entityCode;
        Name = name;
        IdQualifier = idQualifier;
        Id = id;
    }

    /// <summary>N101: PR payer, PE payee.</summary>
    public string EntityCode { get; }

    /// <summary>N102.</summary>
    public string? Name { get; }

    /// <summary>N103: XV (CMS plan id), XX (NPI), FI (tax id), PI ...</summary>
    public string? IdQualifier { get; }

    /// <summary>N104.</summary>
    public string? Id { get; }

    /// <summary>N3/N4.</summary>
    public Address? Address { get; internal set; }

    /// <summary>REF segments of the loop (payer: 2U, EO, HI, NF; payee: TJ, PQ, D3 ...).</summary>
    public IReadOnlyList<ReferenceId> References => (IReadOnlyList<ReferenceId>?)_references ?? [];

    /// <summary>PER segments (payer contacts).</summary>
    public IReadOnlyList<Contact> Contacts => (IReadOnlyList<Contact>?)_contacts ?? [];

    /// <summary>The value of the first REF with <paramref name="qualifier"/>, or null.</summary>
    public string? Reference(string qualifier) => Qualified.First(_references, qualifier)?.Value;

    internal void AddReference(ReferenceId reference) => (_references ??= []).Add(reference);

    internal void AddContact(Contact contact) => (_contacts ??= []).Add(contact);
}

/// <summary>An NM1 segment of a claim: patient (QC), insured (IL), corrected patient (74), rendering provider (82) ...</summary>
/// <param name="EntityCode">NM101: QC, IL, 74, 82, TT, PR, GB.</param>
/// <param name="EntityType">NM102: 1 person, 2 organization.</param>
/// <param name="LastOrOrganizationName">NM103.</param>
/// <param name="FirstName">NM104.</param>
/// <param name="MiddleName">NM105.</param>
/// <param name="Suffix">NM107.</param>
/// <param name="IdQualifier">NM108: MI member id, XX NPI, MR medicaid id, HN, PI, XV, C (changed id) ...</param>
/// <param name="Id">NM109.</param>
public sealed record PersonName(
    string EntityCode,
    string? EntityType,
    string? LastOrOrganizationName,
    string? FirstName,
    string? MiddleName,
    string? Suffix,
    string? IdQualifier,
    string? Id)
{
    /// <summary>"LAST, FIRST M" (or the organization name).</summary>
    public string DisplayName
    {
        get
        {
            var name = LastOrOrganizationName ?? string.Empty;
            if (FirstName is not null)
            {
                name = name.Length > 0 ? $"{name}, {FirstName}" : FirstName;
            }

            return MiddleName is null ? name : $"{name} {MiddleName}";
        }
    }
}

/// <summary>The ISA and GS envelope around a transaction.</summary>
/// <param name="SenderQualifier">ISA05.</param>
/// <param name="SenderId">ISA06.</param>
/// <param name="ReceiverQualifier">ISA07.</param>
/// <param name="ReceiverId">ISA08.</param>
/// <param name="InterchangeControlNumber">ISA13.</param>
/// <param name="UsageIndicator">ISA15: P production, T test.</param>
/// <param name="ApplicationSender">GS02.</param>
/// <param name="ApplicationReceiver">GS03.</param>
/// <param name="GroupDate">GS04.</param>
/// <param name="GroupControlNumber">GS06.</param>
/// <param name="Version">GS08, e.g. 005010X221A1 (or ISA12 when there is no GS).</param>
public sealed record EnvelopeInfo(
    string? SenderQualifier,
    string? SenderId,
    string? ReceiverQualifier,
    string? ReceiverId,
    string? InterchangeControlNumber,
    string? UsageIndicator,
    string? ApplicationSender,
    string? ApplicationReceiver,
    DateOnly? GroupDate,
    string? GroupControlNumber,
    string? Version);

/// <summary>Provider summary (TS3, with TS2 amounts when present) that precedes a group of claims (LX loop).</summary>
/// <param name="HeaderNumber">LX01.</param>
/// <param name="ProviderId">TS301.</param>
/// <param name="FacilityTypeCode">TS302.</param>
/// <param name="FiscalPeriodEnd">TS303.</param>
/// <param name="ClaimCount">TS304.</param>
/// <param name="TotalChargeAmount">TS305.</param>
/// <param name="OtherAmounts">TS306.. and TS2 elements as written (index, value), for specialists who need them.</param>
public sealed record ProviderSummary(
    string? HeaderNumber,
    string? ProviderId,
    string? FacilityTypeCode,
    DateOnly? FiscalPeriodEnd,
    decimal? ClaimCount,
    decimal? TotalChargeAmount,
    IReadOnlyList<KeyValuePair<string, decimal>> OtherAmounts);
