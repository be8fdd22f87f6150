using AppealStudio.Core.X12;

namespace AppealStudio.Core.Remittance;

/// <summary>
/// One 835 transaction (ST..SE): the payment or notice (BPR), its trace number (TRN), the payer and payee, and, once
/// the transaction has been read to its SE, its provider-level adjustments (PLB) and warnings. Every
/// <see cref="ClaimPayment"/> refers to its header.
/// </summary>
/// <remarks>
/// When streaming with <see cref="RemittanceReader"/>, a header is complete (BPR..payee) when its
/// <see cref="PaymentStarted"/> event arrives; <see cref="ProviderAdjustments"/>, <see cref="ClaimCount"/> and the
/// balance warning are final at <see cref="PaymentEnded"/>. <see cref="Claims"/> is only filled by
/// <see cref="RemittanceFile.Load(Stream, ReadOptions?)"/>, so that streaming keeps memory flat.
/// </remarks>
public sealed class PaymentHeader
{
    private const int MaxKeptWarnings = 1000;
    private List<ReferenceId>? _references;
    private List<DateValue>? _dates;
    private List<ProviderSummary>? _summaries;
    private List<ProviderAdjustment>? _providerAdjustments;
    private List<RemitWarning>? _warnings;
    private List<ClaimPayment>? _claims;

    internal PaymentHeader(long segmentNumber, string? controlNumber, string? implementationReference, EnvelopeInfo? envelope)
    {
        SegmentNumber = segmentNumber;
        TransactionControlNumber = controlNumber;
        ImplementationReference = implementationReference;
        Envelope = envelope;
    }

    /// <summary>Segment number of the ST.</summary>
    public long SegmentNumber { get; }

    /// <summary>ST02.</summary>
    public string? TransactionControlNumber { get; }

    /// <summary>ST03 (5010 marks it "not used", some senders fill it).</summary>
    public string? ImplementationReference { get; }

    /// <summary>The ISA/GS envelope; null for files that start at ST.</summary>
    public EnvelopeInfo? Envelope { get; }

    /// <summary>BPR01: C payment with remittance, D make payment only, H notification only, I remittance only, P prenotification, U split, X separate.</summary>
    public string? HandlingCode { get; internal set; }

    /// <summary>BPR02: total actual provider payment.</summary>
    public decimal? TotalPaymentAmount { get; internal set; }

    /// <summary>BPR03: C credit, D debit.</summary>
    public string? CreditDebitFlag { get; internal set; }

    /// <summary>BPR04: ACH, BOP, CHK, FWT, NON.</summary>
    public string? PaymentMethod { get; internal set; }

    /// <summary>BPR05: CCP, CTX.</summary>
    public string? PaymentFormat { get; internal set; }

    /// <summary>BPR06.</summary>
    public string? SenderDfiQualifier { get; internal set; }

    /// <summary>BPR07: sender bank routing number.</summary>
    public string? SenderDfiId { get; internal set; }

    /// <summary>BPR08.</summary>
    public string? SenderAccountQualifier { get; internal set; }

    /// <summary>BPR09: sender account number.</summary>
    public string? SenderAccountNumber { get; internal set; }

    /// <summary>BPR10: payer identifier (originating company).</summary>
    public string? OriginatingCompanyId { get; internal set; }

    /// <summary>BPR11.</summary>
    public string? OriginatingCompanySupplementalCode { get; internal set; }

    /// <summary>BPR12.</summary>
    public string? ReceiverDfiQualifier { get; internal set; }

    /// <summary>BPR13: receiver bank routing number.</summary>
    public string? ReceiverDfiId { get; internal set; }

    /// <summary>BPR14.</summary>
    public string? ReceiverAccountQualifier { get; internal set; }

    /// <summary>BPR15: receiver account number.</summary>
    public string? ReceiverAccountNumber { get; internal set; }

    /// <summary>BPR16: check issue or EFT effective date.</summary>
    public DateOnly? PaymentDate { get; internal set; }

    /// <summary>TRN01: 1 current transaction trace numbers.</summary>
    public string? TraceType { get; internal set; }

    /// <summary>TRN02: check or EFT trace number.</summary>
    public string? TraceNumber { get; internal set; }

    /// <summary>TRN03: payer identifier ("1" + tax id).</summary>
    public string? TraceOriginatorId { get; internal set; }

    /// <summary>TRN04: originating company supplemental code.</summary>
    public string? TraceOriginatorSupplementalCode { get; internal set; }

    /// <summary>CUR02, when the payment is not in US dollars.</summary>
    public string? CurrencyCode { get; internal set; }

    /// <summary>DTM*405: production date.</summary>
    public DateOnly? ProductionDate { get; internal set; }

    /// <summary>Header REF segments (EV receiver id, F2 version).</summary>
    public IReadOnlyList<ReferenceId> References => (IReadOnlyList<ReferenceId>?)_references ?? [];

    /// <summary>Header DTM segments (405 and any other).</summary>
    public IReadOnlyList<DateValue> Dates => (IReadOnlyList<DateValue>?)_dates ?? [];

    /// <summary>N1*PR loop.</summary>
    public Party? Payer { get; internal set; }

    /// <summary>N1*PE loop.</summary>
    public Party? Payee { get; internal set; }

    /// <summary>RDM01: how the remittance is delivered (BM by mail, EM e-mail, FT file transfer, OL online).</summary>
    public string? RemittanceDeliveryMethod { get; internal set; }

    /// <summary>RDM02 name and RDM03 communication number.</summary>
    public string? RemittanceDeliveryName { get; internal set; }

    /// <summary>RDM03.</summary>
    public string? RemittanceDeliveryNumber { get; internal set; }

    /// <summary>TS3/TS2 provider summaries (institutional remits).</summary>
    public IReadOnlyList<ProviderSummary> ProviderSummaries => (IReadOnlyList<ProviderSummary>?)_summaries ?? [];

    /// <summary>PLB segments of the transaction (complete at <see cref="PaymentEnded"/>).</summary>
    public IReadOnlyList<ProviderAdjustment> ProviderAdjustments => (IReadOnlyList<ProviderAdjustment>?)_providerAdjustments ?? [];

    /// <summary>Warnings raised while reading this transaction (the first 1,000).</summary>
    public IReadOnlyList<RemitWarning> Warnings => (IReadOnlyList<RemitWarning>?)_warnings ?? [];

    /// <summary>The claims of this transaction; filled only by <see cref="RemittanceFile.Load(Stream, ReadOptions?)"/>.</summary>
    public IReadOnlyList<ClaimPayment> Claims => (IReadOnlyList<ClaimPayment>?)_claims ?? [];

    /// <summary>Number of CLP segments read in this transaction.</summary>
    public int ClaimCount { get; internal set; }

    /// <summary>Sum of CLP04 of this transaction (reversals included, so they cancel).</summary>
    public decimal TotalClaimPayments { get; internal set; }

    /// <summary>Sum of the PLB amounts of this transaction (positive amounts reduce the payment).</summary>
    public decimal TotalProviderAdjustments { get; internal set; }

    /// <summary>The payer's identifier: REF*2U, else N104 of N1*PR, else TRN03.</summary>
    public string? PayerId => Payer?.Reference("2U") ?? Payer?.Id ?? TraceOriginatorId;

    /// <summary>N1*PR name.</summary>
    public string? PayerName => Payer?.Name;

    /// <summary>Payee NPI: N104 when N103 = XX, else REF*HPI.</summary>
    public string? PayeeNpi =>
        Payee is null ? null : string.Equals(Payee.IdQualifier, "XX", StringComparison.Ordinal) ? Payee.Id : Payee.Reference("HPI");

    /// <summary>Payee tax id: REF*TJ, else N104 when N103 = FI.</summary>
    public string? PayeeTaxId =>
        Payee is null ? null : Payee.Reference("TJ") ?? (string.Equals(Payee.IdQualifier, "FI", StringComparison.Ordinal) ? Payee.Id : null);

    /// <summary>The date a payment decision is deemed issued: BPR16, else the production date.</summary>
    public DateOnly? RemittanceDate => PaymentDate ?? ProductionDate;

    internal void AddReference(ReferenceId value) => (_references ??= []).Add(value);

    internal void AddDate(DateValue value) => (_dates ??= []).Add(value);

    internal void AddSummary(ProviderSummary value) => (_summaries ??= []).Add(value);

    internal void AddProviderAdjustment(ProviderAdjustment value) => (_providerAdjustments ??= []).Add(value);

    internal void AddClaim(ClaimPayment value) => (_claims ??= []).Add(value);

    internal void AddWarning(RemitWarning warning)
    {
        _warnings ??= [];
        if (_warnings.Count < MaxKeptWarnings)
        {
            _warnings.Add(warning);
        }
    }
}
