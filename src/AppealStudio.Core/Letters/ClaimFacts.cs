using System.Globalization;
using AppealStudio.Core.Denials;
using AppealStudio.Core.Remittance;

namespace AppealStudio.Core.Letters;

/// <summary>A procedure code with its modifiers and units, as written on a claim line ("29880-XS-LT", 1 unit).</summary>
/// <param name="Code">The procedure code.</param>
/// <param name="Modifiers">Modifiers in billed order.</param>
/// <param name="Units">Units of service, when known.</param>
public sealed record BilledProcedure(string Code, IReadOnlyList<string> Modifiers, decimal? Units)
{
    /// <summary>"29880-XS-LT".</summary>
    public string Display => string.Join('-', new[] { Code }.Concat(Modifiers.Where(m => !string.IsNullOrWhiteSpace(m))));

    /// <summary>"29880-XS-LT x 1" when units are known.</summary>
    public string WithUnits => Units is { } u ? string.Create(CultureInfo.InvariantCulture, $"{Display} x {FormatUnits(u)}") : Display;

    public bool SameAs(BilledProcedure other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(Code, other.Code, StringComparison.OrdinalIgnoreCase)
               && Modifiers.SequenceEqual(other.Modifiers, StringComparer.OrdinalIgnoreCase)
               && (Units is null || other.Units is null || Units == other.Units);
    }

    public static string FormatUnits(decimal units) => units.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>One CAS triplet as the letter and the packet's remittance page show it.</summary>
public sealed record LineAdjustment(string GroupCode, string ReasonCode, decimal Amount, decimal? Quantity = null)
{
    /// <summary>"CO-97".</summary>
    public string Code => $"{GroupCode}-{ReasonCode}";

    /// <summary>Patient share (deductible, coinsurance, copay): the payer did not deny it.</summary>
    public bool IsPatientShare => GroupCode == "PR";

    /// <summary>Not a denial: patient share, contractual write-off, prior-payer arithmetic (the shipped table).</summary>
    public bool IsNotDenial => NonDenialAdjustments.Default.IsNonDenial(GroupCode, ReasonCode);
}

/// <summary>
/// One service line of the claim: the procedure as billed (SVC06/SVC07 when the payer changed it, else SVC01/SVC05)
/// and as adjudicated (SVC01/SVC05), with its money and adjustments.
/// </summary>
/// <param name="Number">1-based position on the claim, as the remittance lists the lines.</param>
/// <param name="Billed">What the practice billed.</param>
/// <param name="Adjudicated">What the payer adjudicated.</param>
/// <param name="Charge">SVC02.</param>
/// <param name="Paid">SVC03.</param>
/// <param name="ServiceDate">The line's date of service.</param>
/// <param name="Adjustments">The line's CAS triplets.</param>
/// <param name="RemarkCodes">The line's RARCs.</param>
public sealed record BilledClaimLine(
    int Number,
    BilledProcedure Billed,
    BilledProcedure Adjudicated,
    decimal Charge,
    decimal Paid,
    DateOnly? ServiceDate,
    IReadOnlyList<LineAdjustment> Adjustments,
    IReadOnlyList<string> RemarkCodes)
{
    /// <summary>The payer adjudicated a different code, modifiers or units than were billed (a downcode or recode).</summary>
    public bool IsRecoded => !Billed.SameAs(Adjudicated);

    /// <summary>"billed 90837, paid as 90834" for a recoded line, else the billed code.</summary>
    public string BilledAndPaid => IsRecoded
        ? $"billed {Show(Billed)}, paid as {Show(Adjudicated)}"
        : Billed.Display;

    /// <summary>Units as well when only the units differ ("billed 01402-AA-P3 x 14, paid as 01402-AA-P3 x 13").</summary>
    private string Show(BilledProcedure procedure) =>
        Billed.Display == Adjudicated.Display ? procedure.WithUnits : procedure.Display;

    /// <summary>Everything the payer did not pay that is not the patient's share: denied or reduced dollars.</summary>
    public decimal Unpaid => Adjustments.Where(a => !a.IsPatientShare).Sum(a => a.Amount);

    /// <summary>A line built from a remittance line (CLI, <c>remit inspect</c>).</summary>
    public static BilledClaimLine From(ServiceLine line, int number)
    {
        ArgumentNullException.ThrowIfNull(line);
        var adjudicated = new BilledProcedure(line.Procedure.Code ?? "", line.Procedure.Modifiers, line.Units);
        var billed = line.SubmittedProcedure is { Code: { } submitted } sp
            ? new BilledProcedure(submitted, sp.Modifiers, line.SubmittedUnits ?? line.Units)
            : adjudicated with { Units = line.SubmittedUnits ?? line.Units };
        return new BilledClaimLine(
            number,
            billed,
            adjudicated,
            line.ChargeAmount,
            line.PaidAmount,
            line.EffectiveServiceDate,
            line.Adjustments.Select(a => new LineAdjustment(a.GroupCode, a.ReasonCode, a.Amount, a.Quantity)).ToList(),
            line.RemarkCodes);
    }

    /// <summary>A line from stored columns (the web app): modifiers comma-separated.</summary>
    public static BilledClaimLine From(int number, string code, string? modifiers, decimal? units, string? submittedCode, string? submittedModifiers,
        decimal? submittedUnits, decimal charge, decimal paid, DateOnly? serviceDate, IReadOnlyList<LineAdjustment> adjustments, string? remarkCodes)
    {
        var adjudicated = new BilledProcedure(code, Split(modifiers), units);
        var billed = string.IsNullOrWhiteSpace(submittedCode)
            ? adjudicated with { Units = submittedUnits ?? units }
            : new BilledProcedure(submittedCode, Split(submittedModifiers), submittedUnits ?? units);
        return new BilledClaimLine(number, billed, adjudicated, charge, paid, serviceDate, adjustments, Split(remarkCodes));
    }

    private static string[] Split(string? csv) =>
        string.IsNullOrWhiteSpace(csv) ? [] : csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>
/// The claim as the letter needs it, from whichever source read it (an 835 file in the CLI, the database in the web
/// app): the same record in both, so both build the same letter.
/// </summary>
public sealed record ClaimRecord
{
    public required string PatientControlNumber { get; init; }

    public string? PayerClaimNumber { get; init; }

    public required string PayerName { get; init; }

    public string? PayerId { get; init; }

    /// <summary>The payer's address on the remittance (N1*PR N3/N4): not its appeals address, used only when the directory has none.</summary>
    public IReadOnlyList<string> RemittancePayerAddress { get; init; } = [];

    public string? PatientFamilyName { get; init; }

    public string? PatientGivenName { get; init; }

    public string? MemberId { get; init; }

    /// <summary>NM1*82 as the remittance names it ("REYES, DANA").</summary>
    public string? RenderingProviderName { get; init; }

    public string? RenderingProviderNpi { get; init; }

    public string? PayeeName { get; init; }

    public string? PayeeNpi { get; init; }

    public string? PayeeTaxId { get; init; }

    public IReadOnlyList<string> PayeeAddress { get; init; } = [];

    public DateOnly? StatementFrom { get; init; }

    public DateOnly? StatementTo { get; init; }

    public decimal Charge { get; init; }

    public decimal Paid { get; init; }

    public decimal? PatientResponsibility { get; init; }

    public DateOnly? RemittanceDate { get; init; }

    public string? PaymentTraceNumber { get; init; }

    public IReadOnlyList<BilledClaimLine> Lines { get; init; } = [];

    /// <summary>Claim-level CAS triplets.</summary>
    public IReadOnlyList<LineAdjustment> Adjustments { get; init; } = [];

    /// <summary>Claim-level RARCs (MOA/MIA).</summary>
    public IReadOnlyList<string> RemarkCodes { get; init; } = [];

    /// <summary>
    /// ICD-10-CM codes from the claim file, when the practice imported one; an 835 carries none, so the letter then
    /// takes them from the chart note.
    /// </summary>
    public IReadOnlyList<string> DiagnosisCodes { get; init; } = [];

    /// <summary>"Marta Kowalski".</summary>
    public string PatientDisplayName => string.Join(' ', new[] { PatientGivenName, PatientFamilyName }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => Names.Title(s!)));

    /// <summary>Every billed code of the claim with its modifiers and units, in line order: "29881-RT x 1; 29880-XS-LT x 1".</summary>
    public string ProcedureRow => string.Join("; ", Lines.Select(l => l.Billed.WithUnits));

    /// <summary>The claim built from a remittance claim (CLI).</summary>
    public static ClaimRecord From(ClaimPayment claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var payment = claim.Payment;
        var patient = claim.CorrectedPatient ?? claim.Patient ?? claim.Insured;
        return new ClaimRecord
        {
            PatientControlNumber = claim.PatientControlNumber,
            PayerClaimNumber = claim.PayerClaimControlNumber,
            PayerName = payment.PayerName ?? "",
            PayerId = payment.PayerId,
            RemittancePayerAddress = Names.AddressLines(payment.Payer?.Address),
            PatientFamilyName = patient?.LastOrOrganizationName,
            PatientGivenName = patient?.FirstName,
            MemberId = claim.Patient?.Id ?? claim.Insured?.Id,
            RenderingProviderName = claim.RenderingProvider?.DisplayName,
            RenderingProviderNpi = claim.RenderingProvider?.Id,
            PayeeName = payment.Payee?.Name,
            PayeeNpi = payment.PayeeNpi,
            PayeeTaxId = payment.PayeeTaxId,
            PayeeAddress = Names.AddressLines(payment.Payee?.Address),
            StatementFrom = claim.StatementFrom,
            StatementTo = claim.StatementTo,
            Charge = claim.ChargeAmount,
            Paid = claim.PaymentAmount,
            PatientResponsibility = claim.PatientResponsibilityAmount,
            RemittanceDate = payment.RemittanceDate,
            PaymentTraceNumber = payment.TraceNumber,
            Lines = claim.ServiceLines.Select((l, i) => BilledClaimLine.From(l, i + 1)).ToList(),
            Adjustments = claim.Adjustments.Select(a => new LineAdjustment(a.GroupCode, a.ReasonCode, a.Amount, a.Quantity)).ToList(),
            RemarkCodes = claim.RemarkCodes,
        };
    }
}

/// <summary>The denial the letter answers, with the facts of its appeal step.</summary>
public sealed record DenialRecord
{
    public string? GroupCode { get; init; }

    public string? ReasonCode { get; init; }

    public IReadOnlyList<string> RemarkCodes { get; init; } = [];

    /// <summary>The denied or reduced dollars.</summary>
    public decimal Amount { get; init; }

    /// <summary>The denied line's number on the claim, or null for a claim-level denial.</summary>
    public int? LineNumber { get; init; }

    /// <summary>Internal: picks the template and the evidence topic, never printed.</summary>
    public string? Scenario { get; init; }

    /// <summary>Internal: picks the template and the evidence topic, never printed.</summary>
    public string? RootCause { get; init; }

    public DateOnly? ServiceDate { get; init; }

    public DateOnly? RemittanceDate { get; init; }

    /// <summary>The appeal step the letter files.</summary>
    public AppealLevel Level { get; init; } = AppealLevel.FirstLevel;

    /// <summary>The last day the payer must receive the request, when known.</summary>
    public DateOnly? Deadline { get; init; }

    /// <summary>The payer's rule for the deadline (level names, receipt presumption, Medicare or not).</summary>
    public PayerRule? PayerRule { get; init; }

    /// <summary>When the practice actually received the decision, if it recorded that; otherwise receipt is presumed.</summary>
    public DateOnly? ReceivedOn { get; init; }
}

/// <summary>Names and addresses from remittances, which shout in capitals: a letter writes them as people do.</summary>
public static class Names
{
    /// <summary>"MARQUEZ" → "Marquez"; text that already has lower-case letters is kept as written.</summary>
    public static string Title(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        return trimmed.Any(char.IsLower)
            ? trimmed
            : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(trimmed.ToLowerInvariant()).Replace("Po Box", "PO Box", StringComparison.Ordinal);
    }

    /// <summary>"REYES, DANA" or "REYES*DANA" → "Dana Reyes".</summary>
    public static string? PersonFromRemittance(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var parts = name.Split([',', '*'], 2, StringSplitOptions.TrimEntries);
        return parts.Length == 2 && parts[1].Length > 0 ? $"{Title(parts[1])} {Title(parts[0])}" : Title(name);
    }

    /// <summary>Address lines as a letter prints them: street lines, then "City, ST 12345-6789".</summary>
    public static IReadOnlyList<string> AddressLines(Address? address)
    {
        if (address is null)
        {
            return [];
        }

        var lines = address.Lines.Where(l => !string.IsNullOrWhiteSpace(l)).Select(Title).ToList();
        var city = string.IsNullOrWhiteSpace(address.City) ? null : Title(address.City) + ",";
        var cityLine = string.Join(' ', new[] { city, address.State, Zip(address.PostalCode) }.Where(s => !string.IsNullOrEmpty(s)));
        if (cityLine.Length > 0)
        {
            lines.Add(cityLine.TrimEnd(','));
        }

        return lines;
    }

    private static string? Zip(string? code) => code is { Length: 9 } && code.All(char.IsAsciiDigit) ? code[..5] + "-" + code[5..] : code;
}
