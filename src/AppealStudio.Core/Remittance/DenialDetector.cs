using AppealStudio.Core.Denials;
using System.Runtime.CompilerServices;

namespace AppealStudio.Core.Remittance;

/// <summary>
/// One denial found on a claim: a denied adjustment (coded), an unpaid amount no adjustment explains (silent), or a
/// payment below the contracted rate (underpayment). <see cref="Facts"/> is the classifier's input.
/// </summary>
public sealed class DetectedDenial
{
    private DenialFacts? _facts;

    internal DetectedDenial(ClaimPayment claim, ServiceLine? line, ClaimAdjustment? adjustment, DenialKind kind, decimal amount)
    {
        Claim = claim;
        Line = line;
        Adjustment = adjustment;
        Kind = kind;
        Amount = amount;
    }

    /// <summary>The claim.</summary>
    public ClaimPayment Claim { get; }

    /// <summary>The service line, or null for a claim-level denial.</summary>
    public ServiceLine? Line { get; }

    /// <summary>The denied adjustment; null for silent denials and underpayments.</summary>
    public ClaimAdjustment? Adjustment { get; }

    /// <summary>Coded, silent or underpayment.</summary>
    public DenialKind Kind { get; }

    /// <summary>Money at stake.</summary>
    public decimal Amount { get; }

    /// <summary>For an underpayment: what the payer should have paid (contracted allowed less the patient's share).</summary>
    public decimal? ExpectedPayment { get; internal init; }

    /// <summary>For an underpayment: the contracted allowed amount (rate times units).</summary>
    public decimal? ContractedAmount { get; internal init; }

    /// <summary>
    /// RARCs that apply: for a line-level denial the line's LQ*HE codes followed by the claim's MIA/MOA codes (payers
    /// often put the remark that explains every line, e.g. MA130, at claim level); for a claim-level denial the
    /// claim's MIA/MOA codes.
    /// </summary>
    public IReadOnlyList<string> RemarkCodes => RemarksOf(Claim, Line);

    /// <summary>The contract with classification (built once, on first use).</summary>
    public DenialFacts Facts => _facts ??= BuildFacts();

    /// <summary>Same as <see cref="Facts"/>.</summary>
    public DenialFacts ToFacts() => Facts;

    public override string ToString() =>
        $"{Kind} {Adjustment?.Code ?? "-"} {Invariant.Money(Amount)} on {Claim.PatientControlNumber}{(Line is null ? string.Empty : " " + Line.Procedure.Code)}";

    /// <summary>The remarks that apply to an adjustment: the line's LQ*HE codes, then the claim's MIA/MOA codes not already listed.</summary>
    internal static IReadOnlyList<string> RemarksOf(ClaimPayment claim, ServiceLine? line)
    {
        var claimCodes = claim.RemarkCodes;
        if (line is null)
        {
            return claimCodes;
        }

        var codes = new List<string>(line.RemarkCodes);
        foreach (var code in claimCodes)
        {
            if (!codes.Contains(code, StringComparer.Ordinal))
            {
                codes.Add(code);
            }
        }

        return codes;
    }

    private DenialFacts BuildFacts()
    {
        var payment = Claim.Payment;
        var others = new List<string>();
        var otherLines = new List<ClaimLine>();
        foreach (var line in Claim.ServiceLines)
        {
            if (ReferenceEquals(line, Line))
            {
                continue;
            }

            if (line.Procedure.Code is { } code)
            {
                if (!others.Contains(code, StringComparer.Ordinal))
                {
                    others.Add(code);
                }

                // The modifier judgement compares sites and dates with the lines the denied service was bundled into.
                otherLines.Add(new ClaimLine(code, [.. line.Procedure.Modifiers, .. line.SubmittedProcedure?.Modifiers ?? []],
                    line.ServiceDate ?? line.ServicePeriodStart ?? Claim.StatementFrom));
            }
        }

        var submitted = Line?.SubmittedProcedure;
        return new DenialFacts(
            Kind,
            Adjustment?.GroupCode,
            Adjustment?.ReasonCode,
            RemarkCodes,
            Line?.Procedure.Code,
            Line?.Procedure.Modifiers ?? [],
            submitted?.Code is { } submittedCode && !string.Equals(submittedCode, Line!.Procedure.Code, StringComparison.Ordinal) ? submittedCode : null,
            submitted?.Modifiers ?? [],
            Line?.Units,
            Line?.SubmittedUnits,
            Amount,
            Line?.ChargeAmount ?? Claim.ChargeAmount,
            Line?.PaidAmount ?? Claim.PaymentAmount,
            Claim.StatusCode,
            others,
            payment.PayerId,
            payment.PayerName,
            ServiceDate(),
            payment.RemittanceDate)
        {
            OtherLines = otherLines,
        };
    }

    private DateOnly? ServiceDate()
    {
        if (Line is not null)
        {
            return Line.ServiceDate ?? Line.ServicePeriodStart ?? Claim.StatementFrom;
        }

        return Claim.StatementFrom ?? Claim.ServiceLines.Select(l => l.ServiceDate ?? l.ServicePeriodStart).FirstOrDefault(d => d is not null);
    }
}

/// <summary>
/// Finds the denials of a claim, in file order (claim level first, then each line):
/// <list type="bullet">
/// <item><b>Coded</b>: every adjustment with a positive amount whose group/CARC is not in
/// <see cref="NonDenialAdjustments"/> (patient cost share, contractual write-offs, COB arithmetic, pending).</item>
/// <item><b>Silent</b>: (a) a line or claim whose charge minus payment minus adjustments leaves more than a cent
/// unexplained (the claim residue excludes what its lines already account for); (b) a claim with CLP02 = 4 on which
/// nothing else was found, for its unpaid amount less what went to the patient's cost share (PR non-denials) or to a
/// prior payer (CARC 23): a "denied" claim fully explained by a deductible or a primary payment is not a denial.</item>
/// <item><b>Underpayment</b>: with a <see cref="FeeSchedule"/>, a line without other denials paid more than a cent below
/// the contracted rate times the units, after the patient's share (<see cref="FeeSchedule.Assess"/>).</item>
/// </list>
/// Reversals (CLP02 = 22), originals superseded by a reversal in the same file, and predeterminations (CLP02 = 25)
/// have no denials, so that nothing is counted twice. Lines without amounts (SVC02/SVC03 empty) are not denials.
/// </summary>
public sealed class DenialDetector
{
    private const decimal Cent = 0.01m;
    private readonly NonDenialAdjustments _nonDenials;
    private readonly FeeSchedule? _feeSchedule;

    public DenialDetector(NonDenialAdjustments? nonDenials = null, FeeSchedule? feeSchedule = null)
    {
        _nonDenials = nonDenials ?? NonDenialAdjustments.Default;
        _feeSchedule = feeSchedule;
    }

    /// <summary>The denials of one claim, in file order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public IReadOnlyList<DetectedDenial> Detect(ClaimPayment claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (claim.IsReversal || claim.IsSuperseded || string.Equals(claim.StatusCode, "25", StringComparison.Ordinal))
        {
            return [];
        }

        List<DetectedDenial>? found = null;
        foreach (var adjustment in claim.Adjustments)
        {
            if (IsDenied(adjustment, claim, null))
            {
                (found ??= []).Add(new DetectedDenial(claim, null, adjustment, DenialKind.Coded, adjustment.Amount));
            }
        }

        var claimLevelEnd = found?.Count ?? 0;
        var linesAccountFor = 0m;
        foreach (var line in claim.ServiceLines)
        {
            if (line.AmountsMissing)
            {
                continue;
            }

            linesAccountFor += line.ChargeAmount - line.PaidAmount;
            var lineStart = found?.Count ?? 0;
            foreach (var adjustment in line.Adjustments)
            {
                if (IsDenied(adjustment, claim, line))
                {
                    (found ??= []).Add(new DetectedDenial(claim, line, adjustment, DenialKind.Coded, adjustment.Amount));
                }
            }

            var residue = line.ChargeAmount - line.PaidAmount - line.TotalAdjustments();
            if (residue > Cent)
            {
                (found ??= []).Add(new DetectedDenial(claim, line, null, DenialKind.Silent, residue));
            }

            if ((found?.Count ?? 0) == lineStart && Underpaid(claim, line) is { } under)
            {
                (found ??= []).Add(new DetectedDenial(claim, line, null, DenialKind.Underpayment, under.Shortfall)
                {
                    ExpectedPayment = under.Expected,
                    ContractedAmount = under.Contracted,
                });
            }
        }

        var claimAdjustments = 0m;
        foreach (var adjustment in claim.Adjustments)
        {
            claimAdjustments += adjustment.Amount;
        }

        var claimResidue = claim.ChargeAmount - claim.PaymentAmount - claimAdjustments - linesAccountFor;
        DetectedDenial? claimSilent = null;
        if (claimResidue > Cent)
        {
            claimSilent = new DetectedDenial(claim, null, null, DenialKind.Silent, claimResidue);
        }

        if (claimSilent is null && (found is null || found.Count == 0) && claim.IsDenied)
        {
            // A "denied" claim whose unpaid amount went to the patient's cost share or to a prior payer is not a
            // denial; what remains (e.g. a full-charge CO-45) is a denial without a reason.
            var unpaid = claim.ChargeAmount - claim.PaymentAmount - PatientOrPriorPayerShare(claim);
            if (unpaid > Cent)
            {
                claimSilent = new DetectedDenial(claim, null, null, DenialKind.Silent, unpaid);
            }
        }

        if (claimSilent is not null)
        {
            (found ??= []).Insert(claimLevelEnd, claimSilent);
        }

        return (IReadOnlyList<DetectedDenial>?)found ?? [];
    }

    /// <summary>The denials of many claims, in file order.</summary>
    public IEnumerable<DetectedDenial> Detect(IEnumerable<ClaimPayment> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        foreach (var claim in claims)
        {
            foreach (var denial in Detect(claim))
            {
                yield return denial;
            }
        }
    }

    /// <summary>True when an adjustment without remark codes is a denial (positive amount, not in the non-denial table).</summary>
    public bool IsDenied(ClaimAdjustment adjustment) => IsDenied(adjustment, []);

    /// <summary>
    /// True when an adjustment is a denial, given the remark codes that apply to it: a positive amount, not in the
    /// non-denial table or made a denial by a remark (a Qualified Medicare Beneficiary's PR-2 with N782).
    /// </summary>
    public bool IsDenied(ClaimAdjustment adjustment, IReadOnlyList<string> remarkCodes)
    {
        ArgumentNullException.ThrowIfNull(adjustment);
        ArgumentNullException.ThrowIfNull(remarkCodes);
        return adjustment.Amount > 0m && !_nonDenials.IsNonDenial(adjustment.GroupCode, adjustment.ReasonCode, remarkCodes);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool IsDenied(ClaimAdjustment adjustment, ClaimPayment claim, ServiceLine? line)
    {
        if (adjustment.Amount <= 0m)
        {
            return false;
        }

        // The remarks are gathered only for the few rows with a remark condition: most adjustments never need them.
        return _nonDenials.TryGetConditional(adjustment.GroupCode, adjustment.ReasonCode, out var rule)
            ? !rule.Decide(DetectedDenial.RemarksOf(claim, line))
            : !_nonDenials.IsNonDenial(adjustment.GroupCode, adjustment.ReasonCode);
    }

    private decimal PatientOrPriorPayerShare(ClaimPayment claim)
    {
        var share = 0m;
        foreach (var adjustment in claim.Adjustments.Concat(claim.ServiceLines.SelectMany(l => l.Adjustments)))
        {
            var covered = string.Equals(adjustment.ReasonCode, "23", StringComparison.Ordinal)
                || (string.Equals(adjustment.GroupCode, "PR", StringComparison.Ordinal) && _nonDenials.IsNonDenial(adjustment.GroupCode, adjustment.ReasonCode));
            if (covered)
            {
                share += adjustment.Amount;
            }
        }

        return share;
    }

    /// <summary>
    /// A line paid below its contracted allowed amount after the patient's share (<see cref="FeeSchedule.Assess"/>), with
    /// the rate in force on the date of service.
    /// </summary>
    private UnderpaymentAssessment? Underpaid(ClaimPayment claim, ServiceLine line)
    {
        if (_feeSchedule is null || line.Procedure.Code is not { } code)
        {
            return null;
        }

        var rate = _feeSchedule.Find(claim.Payment.PayerId, claim.Payment.PayerName, code, line.Procedure.Modifiers,
            line.ServiceDate ?? line.ServicePeriodStart ?? claim.StatementFrom);
        if (rate is null)
        {
            return null;
        }

        var assessment = FeeSchedule.Assess(rate, line.Units, line.PaidAmount, line.Adjustments.Select(a => (a.GroupCode, a.ReasonCode, a.Amount)));
        return assessment.IsUnderpaid ? assessment : null;
    }
}
