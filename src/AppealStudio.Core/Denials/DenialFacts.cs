namespace AppealStudio.Core.Denials;

/// <summary>How a denial was found.</summary>
public enum DenialKind
{
    /// <summary>A denied adjustment: group code + CARC (with its RARCs).</summary>
    Coded,

    /// <summary>A zero-pay or reduced claim/line whose adjustments do not account for the unpaid amount or give no denial reason.</summary>
    Silent,

    /// <summary>Paid below the contracted rate of a loaded fee schedule.</summary>
    Underpayment,
}

/// <summary>
/// Everything the classifier, the scenario detector and the deadline rules need to know about one denial,
/// independent of where it came from (an 835 being read, or a row in the database). This is the contract between
/// denial detection (Remittance) and classification (Denials).
/// </summary>
/// <param name="Kind">Coded, silent or underpayment.</param>
/// <param name="GroupCode">CAS01 (CO, PR, OA, PI, CR); null for silent denials and underpayments.</param>
/// <param name="ReasonCode">CAS02 CARC; null for silent denials and underpayments.</param>
/// <param name="RemarkCodes">RARCs that apply: the line's LQ codes, or the claim's MIA/MOA codes for claim-level denials.</param>
/// <param name="ProcedureCode">Adjudicated procedure code of the service line (SVC01-2); null for claim-level denials.</param>
/// <param name="Modifiers">Adjudicated modifiers (SVC01-3..6); empty for claim-level denials.</param>
/// <param name="SubmittedProcedureCode">SVC06-2 when the payer adjudicated a different code than submitted; else null.</param>
/// <param name="SubmittedModifiers">SVC06 modifiers when SVC06 is present; else empty.</param>
/// <param name="Units">Paid units (SVC05), when given.</param>
/// <param name="SubmittedUnits">Original units (SVC07), when given.</param>
/// <param name="Amount">Money at stake: the adjustment amount (or the unexplained / under-paid amount).</param>
/// <param name="ChargeAmount">Line charge (SVC02) or, for claim-level, claim charge (CLP03).</param>
/// <param name="PaidAmount">Line paid (SVC03) or claim paid (CLP04).</param>
/// <param name="ClaimStatusCode">CLP02.</param>
/// <param name="OtherProcedureCodesOnClaim">Procedure codes of the claim's other service lines (NCCI pairs, modifier 25).</param>
/// <param name="PayerId">Payer identifier (N1*PR REF*2U, or TRN03 / N104 when that is all there is).</param>
/// <param name="PayerName">N1*PR name.</param>
/// <param name="ServiceDate">Line DTM 472/150, else the claim's DTM 232.</param>
/// <param name="RemittanceDate">BPR16 payment date, else DTM 405 production date.</param>
public sealed record DenialFacts(
    DenialKind Kind,
    string? GroupCode,
    string? ReasonCode,
    IReadOnlyList<string> RemarkCodes,
    string? ProcedureCode,
    IReadOnlyList<string> Modifiers,
    string? SubmittedProcedureCode,
    IReadOnlyList<string> SubmittedModifiers,
    decimal? Units,
    decimal? SubmittedUnits,
    decimal Amount,
    decimal ChargeAmount,
    decimal PaidAmount,
    string ClaimStatusCode,
    IReadOnlyList<string> OtherProcedureCodesOnClaim,
    string? PayerId,
    string? PayerName,
    DateOnly? ServiceDate,
    DateOnly? RemittanceDate)
{
    /// <summary>
    /// The claim's other service lines with their modifiers and dates (what the modifier judgement compares the denied
    /// line with). Callers that only know the codes may leave it empty: <see cref="OtherLinesOrCodes"/> then falls back
    /// to <see cref="OtherProcedureCodesOnClaim"/> without modifiers or dates.
    /// </summary>
    public IReadOnlyList<ClaimLine> OtherLines { get; init; } = [];

    /// <summary><see cref="OtherLines"/>, or lines made from <see cref="OtherProcedureCodesOnClaim"/> when none were given.</summary>
    public IReadOnlyList<ClaimLine> OtherLinesOrCodes =>
        OtherLines.Count > 0
            ? OtherLines
            : OtherProcedureCodesOnClaim.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => new ClaimLine(c, [], null)).ToArray();
}
