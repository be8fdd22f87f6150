using AppealStudio.Core.X12;

namespace AppealStudio.Core.Remittance;

/// <summary>
/// One claim payment (loop 2100: CLP and the segments that follow it up to the next CLP, LX, PLB or SE), with its
/// service lines. Amounts are decimal, dates DateOnly; negative amounts (reversals) are kept as sent.
/// </summary>
/// <remarks>
/// Reversals: a claim with status 22 (<see cref="IsReversal"/>) cancels an earlier payment; the corrected claim for the
/// same PCN that follows it in the transaction is linked both ways (<see cref="CorrectedBy"/> / <see cref="Corrects"/>).
/// When the original payment is in the same file (same PCN, negated charge and payment), it is linked too
/// (<see cref="ReversalOf"/> / <see cref="ReversedBy"/>, <see cref="IsSuperseded"/>). To avoid double counting, consumers
/// that want "what the payer decided" skip <see cref="IsReversal"/> and <see cref="IsSuperseded"/> claims; sums of money
/// can include every claim since reversal amounts cancel the original.
/// </remarks>
public sealed class ClaimPayment
{
    private List<PersonName>? _names;
    private List<ClaimAdjustment>? _adjustments;
    private List<ServiceLine>? _lines;
    private List<ReferenceId>? _references;
    private List<DateValue>? _dates;
    private List<AmountValue>? _amounts;
    private List<QuantityValue>? _quantities;
    private List<Contact>? _contacts;
    private List<RemitWarning>? _warnings;

    internal ClaimPayment(PaymentHeader payment, long segmentNumber, string? headerNumber, string patientControlNumber, string statusCode)
    {
        Payment = payment;
        SegmentNumber = segmentNumber;
        HeaderNumber = headerNumber;
        PatientControlNumber = patientControlNumber;
        StatusCode = statusCode;
    }

    /// <summary>The transaction (payment) the claim belongs to.</summary>
    public PaymentHeader Payment { get; }

    /// <summary>Segment number of the CLP.</summary>
    public long SegmentNumber { get; }

    /// <summary>LX01 of the header loop the claim sits in.</summary>
    public string? HeaderNumber { get; }

    /// <summary>CLP01: patient control number (the provider's claim id).</summary>
    public string PatientControlNumber { get; }

    /// <summary>CLP02: 1/2/3 processed as primary/secondary/tertiary, 4 denied, 19/20/21 and forwarded, 22 reversal, 23 not our claim, 25 predetermination.</summary>
    public string StatusCode { get; }

    /// <summary>CLP03: total claim charge.</summary>
    public decimal ChargeAmount { get; internal set; }

    /// <summary>CLP04: claim payment amount.</summary>
    public decimal PaymentAmount { get; internal set; }

    /// <summary>CLP05: patient responsibility amount.</summary>
    public decimal? PatientResponsibilityAmount { get; internal set; }

    /// <summary>CLP06: claim filing indicator (MC Medicaid, MB Medicare B, 12 PPO, HM HMO ...).</summary>
    public string? FilingIndicatorCode { get; internal set; }

    /// <summary>CLP07: payer claim control number (ICN/DCN).</summary>
    public string? PayerClaimControlNumber { get; internal set; }

    /// <summary>CLP08: facility type / place of service code.</summary>
    public string? FacilityTypeCode { get; internal set; }

    /// <summary>CLP09: claim frequency code (1 original, 7 replacement, 8 void).</summary>
    public string? FrequencyCode { get; internal set; }

    /// <summary>CLP10: patient status code.</summary>
    public string? PatientStatusCode { get; internal set; }

    /// <summary>CLP11: DRG code.</summary>
    public string? DrgCode { get; internal set; }

    /// <summary>CLP12: DRG weight.</summary>
    public decimal? DrgWeight { get; internal set; }

    /// <summary>CLP13: discharge fraction.</summary>
    public decimal? DischargeFraction { get; internal set; }

    /// <summary>CLP14: yes/no condition (Y when the claim was processed under an exchange/QHP rule in some companion guides).</summary>
    public string? ConditionCode { get; internal set; }

    /// <summary>All NM1 segments of the claim in file order.</summary>
    public IReadOnlyList<PersonName> Names => (IReadOnlyList<PersonName>?)_names ?? [];

    /// <summary>NM1*QC.</summary>
    public PersonName? Patient => Name("QC");

    /// <summary>NM1*IL.</summary>
    public PersonName? Insured => Name("IL");

    /// <summary>NM1*74: corrected patient/insured name or id.</summary>
    public PersonName? CorrectedPatient => Name("74");

    /// <summary>NM1*82: rendering provider (NPI in <see cref="PersonName.Id"/> when qualifier XX).</summary>
    public PersonName? RenderingProvider => Name("82");

    /// <summary>NM1*TT: crossover carrier.</summary>
    public PersonName? CrossoverCarrier => Name("TT");

    /// <summary>NM1*PR: corrected priority payer.</summary>
    public PersonName? CorrectedPriorityPayer => Name("PR");

    /// <summary>NM1*GB: other subscriber.</summary>
    public PersonName? OtherSubscriber => Name("GB");

    /// <summary>MIA: inpatient adjudication.</summary>
    public InpatientAdjudication? Inpatient { get; internal set; }

    /// <summary>MOA: outpatient adjudication.</summary>
    public OutpatientAdjudication? Outpatient { get; internal set; }

    /// <summary>Claim-level RARCs: MIA05, MIA20-23, MOA03-07, in that order without repeats.</summary>
    public IReadOnlyList<string> RemarkCodes
    {
        get
        {
            var codes = new List<string>();
            void Add(IReadOnlyList<string>? list)
            {
                if (list is null)
                {
                    return;
                }

                foreach (var code in list)
                {
                    if (!codes.Contains(code, StringComparer.Ordinal))
                    {
                        codes.Add(code);
                    }
                }
            }

            Add(Inpatient?.RemarkCodes);
            Add(Outpatient?.RemarkCodes);
            return codes;
        }
    }

    /// <summary>DTM*232.</summary>
    public DateOnly? StatementFrom => Date("232");

    /// <summary>DTM*233.</summary>
    public DateOnly? StatementTo => Date("233");

    /// <summary>DTM*050: date the payer received the claim.</summary>
    public DateOnly? ReceivedDate => Date("050");

    /// <summary>DTM*036: coverage expiration date.</summary>
    public DateOnly? CoverageExpirationDate => Date("036");

    /// <summary>All claim DTM segments.</summary>
    public IReadOnlyList<DateValue> Dates => (IReadOnlyList<DateValue>?)_dates ?? [];

    /// <summary>Claim AMT segments (AU coverage, D8 discount, I interest, ZK ...).</summary>
    public IReadOnlyList<AmountValue> Amounts => (IReadOnlyList<AmountValue>?)_amounts ?? [];

    /// <summary>Claim QTY segments.</summary>
    public IReadOnlyList<QuantityValue> Quantities => (IReadOnlyList<QuantityValue>?)_quantities ?? [];

    /// <summary>Claim REF segments (EA medical record, F8 original reference, 1L group, CE class of contract ...).</summary>
    public IReadOnlyList<ReferenceId> References => (IReadOnlyList<ReferenceId>?)_references ?? [];

    /// <summary>Claim PER segments (CX claim contact).</summary>
    public IReadOnlyList<Contact> Contacts => (IReadOnlyList<Contact>?)_contacts ?? [];

    /// <summary>Claim-level CAS triplets (loop 2100).</summary>
    public IReadOnlyList<ClaimAdjustment> Adjustments => (IReadOnlyList<ClaimAdjustment>?)_adjustments ?? [];

    /// <summary>Service lines (loop 2110).</summary>
    public IReadOnlyList<ServiceLine> ServiceLines => (IReadOnlyList<ServiceLine>?)_lines ?? [];

    /// <summary>
    /// Segments read for this claim, its CLP included, a CAS counting once per adjustment: what the claim weighs in
    /// memory (see <see cref="ReadOptions.MaxSegmentsPerClaim"/>).
    /// </summary>
    public int SegmentCount { get; internal set; }

    /// <summary>Warnings about this claim (balance, unreadable values).</summary>
    public IReadOnlyList<RemitWarning> Warnings => (IReadOnlyList<RemitWarning>?)_warnings ?? [];

    /// <summary>CLP02 = 22: this claim reverses an earlier payment.</summary>
    public bool IsReversal => string.Equals(StatusCode, "22", StringComparison.Ordinal);

    /// <summary>CLP02 = 4.</summary>
    public bool IsDenied => string.Equals(StatusCode, "4", StringComparison.Ordinal);

    /// <summary>On a reversal: the original payment it cancels, when that claim is in the same file.</summary>
    public ClaimPayment? ReversalOf { get; internal set; }

    /// <summary>On an original payment: the reversal that cancels it.</summary>
    public ClaimPayment? ReversedBy { get; internal set; }

    /// <summary>On a reversal (and on the original it cancels): the corrected claim that replaces it.</summary>
    public ClaimPayment? CorrectedBy { get; internal set; }

    /// <summary>On a corrected claim: the reversal that precedes it.</summary>
    public ClaimPayment? Corrects { get; internal set; }

    /// <summary>True for an original payment that a reversal in this file cancels: do not count its denials.</summary>
    public bool IsSuperseded => ReversedBy is not null;

    /// <summary>The first NM1 with entity code <paramref name="entityCode"/>.</summary>
    public PersonName? Name(string entityCode)
    {
        if (_names is null)
        {
            return null;
        }

        foreach (var n in _names)
        {
            if (string.Equals(n.EntityCode, entityCode, StringComparison.Ordinal))
            {
                return n;
            }
        }

        return null;
    }

    /// <summary>The first DTM with <paramref name="qualifier"/>.</summary>
    public DateOnly? Date(string qualifier) => Qualified.First(_dates, qualifier)?.Date;

    /// <summary>The first AMT with <paramref name="qualifier"/>.</summary>
    public decimal? Amount(string qualifier) => Qualified.First(_amounts, qualifier)?.Amount;

    /// <summary>The first REF with <paramref name="qualifier"/>.</summary>
    public string? Reference(string qualifier) => Qualified.First(_references, qualifier)?.Value;

    /// <summary>Sum of claim-level and line-level adjustment amounts.</summary>
    public decimal TotalAdjustments()
    {
        var sum = 0m;
        if (_adjustments is not null)
        {
            foreach (var a in _adjustments)
            {
                sum += a.Amount;
            }
        }

        if (_lines is not null)
        {
            foreach (var line in _lines)
            {
                sum += line.TotalAdjustments();
            }
        }

        return sum;
    }

    public override string ToString() => $"CLP {PatientControlNumber} status {StatusCode}";

    internal void AddName(PersonName value) => (_names ??= []).Add(value);

    internal void AddAdjustment(ClaimAdjustment value) => (_adjustments ??= []).Add(value);

    internal void AddLine(ServiceLine value) => (_lines ??= []).Add(value);

    internal void AddReference(ReferenceId value) => (_references ??= []).Add(value);

    internal void AddDate(DateValue value) => (_dates ??= []).Add(value);

    internal void AddAmount(AmountValue value) => (_amounts ??= []).Add(value);

    internal void AddQuantity(QuantityValue value) => (_quantities ??= []).Add(value);

    internal void AddContact(Contact value) => (_contacts ??= []).Add(value);

    internal void AddWarning(RemitWarning value) => (_warnings ??= []).Add(value);
}

/// <summary>MIA: inpatient adjudication information (all 24 elements; amounts null when absent).</summary>
public sealed record InpatientAdjudication(
    decimal? CoveredDaysOrVisits,
    decimal? PpsOperatingOutlierAmount,
    decimal? LifetimePsychiatricDays,
    decimal? ClaimDrgAmount,
    decimal? DisproportionateShareAmount,
    decimal? MspPassThroughAmount,
    decimal? PpsCapitalAmount,
    decimal? PpsCapitalFspDrgAmount,
    decimal? PpsCapitalHspDrgAmount,
    decimal? PpsCapitalDshDrgAmount,
    decimal? OldCapitalAmount,
    decimal? PpsCapitalImeAmount,
    decimal? PpsOperatingHospitalSpecificDrgAmount,
    decimal? CostReportDayCount,
    decimal? PpsOperatingFederalSpecificDrgAmount,
    decimal? ClaimPpsCapitalOutlierAmount,
    decimal? ClaimIndirectTeachingAmount,
    decimal? NonpayableProfessionalComponentAmount,
    decimal? PpsCapitalExceptionAmount,
    IReadOnlyList<string> RemarkCodes);

/// <summary>MOA: outpatient adjudication information.</summary>
/// <param name="ReimbursementRate">MOA01.</param>
/// <param name="HcpcsPayableAmount">MOA02.</param>
/// <param name="RemarkCodes">MOA03-MOA07.</param>
/// <param name="EsrdPaymentAmount">MOA08.</param>
/// <param name="NonpayableProfessionalComponentAmount">MOA09.</param>
public sealed record OutpatientAdjudication(
    decimal? ReimbursementRate,
    decimal? HcpcsPayableAmount,
    IReadOnlyList<string> RemarkCodes,
    decimal? EsrdPaymentAmount,
    decimal? NonpayableProfessionalComponentAmount);
