namespace AppealStudio.Core.Remittance;

/// <summary>A composite procedure identifier (SVC01 or SVC06): qualifier, code, up to four modifiers, description.</summary>
/// <param name="Qualifier">HC (HCPCS/CPT), AD (ADA), NU (revenue code), N4 (NDC), ER, IV, WK, HP, ZZ.</param>
/// <param name="Code">The procedure, revenue or drug code.</param>
/// <param name="Modifiers">Up to four modifiers, in order.</param>
/// <param name="Description">Component 7, when given.</param>
public sealed record ProcedureCode(string? Qualifier, string? Code, IReadOnlyList<string> Modifiers, string? Description)
{
    /// <summary>"HC:99213:25".</summary>
    public override string ToString() =>
        string.Join(':', new[] { Qualifier, Code }.Concat(Modifiers).Select(x => x ?? string.Empty));
}

/// <summary>LQ segment: qualifier (HE = RARC, RX = NCPDP reject code) and code.</summary>
public sealed record RemarkCode(string Qualifier, string Code);

/// <summary>One service line (loop 2110: SVC and what follows it).</summary>
public sealed class ServiceLine
{
    private List<ClaimAdjustment>? _adjustments;
    private List<ReferenceId>? _references;
    private List<DateValue>? _dates;
    private List<AmountValue>? _amounts;
    private List<QuantityValue>? _quantities;
    private List<RemarkCode>? _remarks;

    internal ServiceLine(ClaimPayment claim, long segmentNumber, ProcedureCode procedure)
    {
        Claim = claim;
        SegmentNumber = segmentNumber;
        Procedure = procedure;
    }

    /// <summary>The claim of the line.</summary>
    public ClaimPayment Claim { get; }

    /// <summary>Segment number of the SVC.</summary>
    public long SegmentNumber { get; }

    /// <summary>SVC01: the adjudicated procedure.</summary>
    public ProcedureCode Procedure { get; }

    /// <summary>SVC02: line charge (0 when absent, see <see cref="AmountsMissing"/>).</summary>
    public decimal ChargeAmount { get; internal set; }

    /// <summary>SVC03: line payment.</summary>
    public decimal PaidAmount { get; internal set; }

    /// <summary>True when SVC02 and SVC03 are both empty (some companion guides report bundled lines that way); such a line is not a $0 denial.</summary>
    public bool AmountsMissing { get; internal set; }

    /// <summary>SVC04: NUBC revenue code.</summary>
    public string? RevenueCode { get; internal set; }

    /// <summary>SVC05: paid units of service.</summary>
    public decimal? Units { get; internal set; }

    /// <summary>SVC06: the procedure as submitted, when the payer adjudicated a different one.</summary>
    public ProcedureCode? SubmittedProcedure { get; internal set; }

    /// <summary>SVC07: original units of service.</summary>
    public decimal? SubmittedUnits { get; internal set; }

    /// <summary>DTM*472.</summary>
    public DateOnly? ServiceDate => Date("472");

    /// <summary>DTM*150.</summary>
    public DateOnly? ServicePeriodStart => Date("150");

    /// <summary>DTM*151.</summary>
    public DateOnly? ServicePeriodEnd => Date("151");

    /// <summary>The line's date of service: DTM*472, else DTM*150, else the claim's statement start (DTM*232).</summary>
    public DateOnly? EffectiveServiceDate => ServiceDate ?? ServicePeriodStart ?? Claim.StatementFrom;

    /// <summary>Line DTM segments.</summary>
    public IReadOnlyList<DateValue> Dates => (IReadOnlyList<DateValue>?)_dates ?? [];

    /// <summary>Line CAS triplets.</summary>
    public IReadOnlyList<ClaimAdjustment> Adjustments => (IReadOnlyList<ClaimAdjustment>?)_adjustments ?? [];

    /// <summary>Line REF segments (6R line control number, LU location, HPI rendering NPI, 0K policy ...).</summary>
    public IReadOnlyList<ReferenceId> References => (IReadOnlyList<ReferenceId>?)_references ?? [];

    /// <summary>REF*6R: the provider's line item control number.</summary>
    public string? LineControlNumber => Reference("6R");

    /// <summary>Line AMT segments (B6 allowed, KH deduction, T/T2 tax ...).</summary>
    public IReadOnlyList<AmountValue> Amounts => (IReadOnlyList<AmountValue>?)_amounts ?? [];

    /// <summary>AMT*B6: allowed amount.</summary>
    public decimal? AllowedAmount => Amount("B6");

    /// <summary>Line QTY segments.</summary>
    public IReadOnlyList<QuantityValue> Quantities => (IReadOnlyList<QuantityValue>?)_quantities ?? [];

    /// <summary>Every LQ segment.</summary>
    public IReadOnlyList<RemarkCode> Remarks => (IReadOnlyList<RemarkCode>?)_remarks ?? [];

    /// <summary>The RARCs of the line (LQ*HE), in order.</summary>
    public IReadOnlyList<string> RemarkCodes
    {
        get
        {
            if (_remarks is null)
            {
                return [];
            }

            var codes = new List<string>(_remarks.Count);
            foreach (var r in _remarks)
            {
                if (string.Equals(r.Qualifier, "HE", StringComparison.Ordinal))
                {
                    codes.Add(r.Code);
                }
            }

            return codes;
        }
    }

    /// <summary>The first DTM with <paramref name="qualifier"/>.</summary>
    public DateOnly? Date(string qualifier) => Qualified.First(_dates, qualifier)?.Date;

    /// <summary>The first AMT with <paramref name="qualifier"/>.</summary>
    public decimal? Amount(string qualifier) => Qualified.First(_amounts, qualifier)?.Amount;

    /// <summary>The first REF with <paramref name="qualifier"/>.</summary>
    public string? Reference(string qualifier) => Qualified.First(_references, qualifier)?.Value;

    /// <summary>Sum of the line's adjustment amounts.</summary>
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

        return sum;
    }

    public override string ToString() => $"SVC {Procedure}";

    internal void AddAdjustment(ClaimAdjustment value) => (_adjustments ??= []).Add(value);

    internal void AddReference(ReferenceId value) => (_references ??= []).Add(value);

    internal void AddDate(DateValue value) => (_dates ??= []).Add(value);

    internal void AddAmount(AmountValue value) => (_amounts ??= []).Add(value);

    internal void AddQuantity(QuantityValue value) => (_quantities ??= []).Add(value);

    internal void AddRemark(RemarkCode value) => (_remarks ??= []).Add(value);
}
