using System.Text.Json;
using AppealStudio.Core.Denials;

namespace AppealStudio.Core.Remittance;

/// <summary>What the classifier says about one denial; every field may be unknown (null).</summary>
/// <param name="Severity">E.g. soft / hard.</param>
/// <param name="Action">What to do (corrected claim, appeal, write-off ...).</param>
/// <param name="Category">Clinical, administrative or technical.</param>
/// <param name="RootCause">E.g. authorization, coding, timely filing.</param>
/// <param name="Owner">Who fixes it (front desk, coder, biller ...).</param>
/// <param name="Scenario">Specialty or CAQH scenario the denial fits.</param>
/// <param name="AppealDeadline">Last day to appeal.</param>
/// <param name="Liability">Who owes the amount: provider, patient, other-payer or payer.</param>
public sealed record InspectedAssessment(
    string? Severity,
    string? Action,
    string? Category,
    string? RootCause,
    string? Owner,
    string? Scenario,
    DateOnly? AppealDeadline,
    string? Liability = null);

/// <summary>The hook through which the denial classifier (AppealStudio.Core.Denials) plugs into the inspector.</summary>
public interface IDenialAssessor
{
    /// <summary>Classifies one denial; null when nothing is known.</summary>
    InspectedAssessment? Assess(DenialFacts facts);
}

/// <summary>What <see cref="RemittanceInspector.WriteJson"/> wrote.</summary>
/// <param name="Claims">CLP segments read.</param>
/// <param name="Denials">Denials written.</param>
/// <param name="Warnings">Warnings found (all of them, including those beyond the kept maximum).</param>
public sealed record InspectionResult(long Claims, long Denials, long Warnings);

/// <summary>
/// Streams a remittance and reports its denials: the data behind <c>remit inspect --json</c> and <c>--summary</c>.
/// </summary>
/// <remarks>
/// <para><see cref="WriteJson"/> writes, streaming and in file order:
/// <c>{"denials":[{payer, patientControlNumber, payerClaimNumber, serviceDate, procedureCode, modifiers, groupCode,
/// reasonCode, remarkCodes, amount, kind, severity, action, category, rootCause, owner, scenario, appealDeadline,
/// liability}, ...],
/// "warnings":[{segment, code, message}, ...], "claims": N}</c>. The keys come in that order so that nothing has to be
/// held back (the claim count is known only at the end). Amounts are JSON numbers with two decimals, dates yyyy-MM-dd,
/// absent values null, kind is "coded", "silent" or "underpayment", and the classification fields, the deadline and
/// the liability come from the <see cref="IDenialAssessor"/> (null without one). <c>liability</c> was added last so
/// that the earlier keys keep their order.</para>
/// <para>If the input turns out to be unreadable part way, <see cref="X12.X12ParseException"/> propagates and the output
/// is incomplete: the caller reports the error.</para>
/// </remarks>
public sealed class RemittanceInspector
{
    private readonly IDenialAssessor? _assessor;
    private readonly FeeSchedule? _feeSchedule;
    private readonly NonDenialAdjustments _nonDenials;
    private readonly ReadOptions _options;

    public RemittanceInspector(IDenialAssessor? assessor = null, FeeSchedule? feeSchedule = null, NonDenialAdjustments? nonDenials = null, ReadOptions? options = null)
    {
        _assessor = assessor;
        _feeSchedule = feeSchedule;
        _nonDenials = nonDenials ?? NonDenialAdjustments.Default;
        _options = options ?? new ReadOptions();
    }

    /// <summary>Uses a delegate as the classifier hook.</summary>
    public RemittanceInspector(Func<DenialFacts, InspectedAssessment?> assess, FeeSchedule? feeSchedule = null, NonDenialAdjustments? nonDenials = null, ReadOptions? options = null)
        : this(new DelegateAssessor(assess ?? throw new ArgumentNullException(nameof(assess))), feeSchedule, nonDenials, options)
    {
    }

    /// <summary>Writes the inspection of <paramref name="input"/> as JSON to <paramref name="output"/> (both left open).</summary>
    /// <exception cref="X12.X12ParseException">The input cannot be read as an 835.</exception>
    public InspectionResult WriteJson(Stream input, Stream output, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = indented });
        using var reader = new RemittanceReader(input, _options, leaveOpen: true);
        var detector = new DenialDetector(_nonDenials, _feeSchedule);
        var denials = 0L;
        writer.WriteStartObject();
        writer.WriteStartArray("denials");
        foreach (var claim in reader.ReadClaims())
        {
            foreach (var denial in detector.Detect(claim))
            {
                WriteDenial(writer, denial, _assessor?.Assess(denial.Facts));
                denials++;
            }

            if (writer.BytesPending > 1 << 16)
            {
                writer.Flush();
            }
        }

        writer.WriteEndArray();
        writer.WriteStartArray("warnings");
        foreach (var warning in reader.Warnings)
        {
            writer.WriteStartObject();
            writer.WriteNumber("segment", warning.SegmentNumber);
            writer.WriteString("code", warning.Code.ToString());
            writer.WriteString("message", warning.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteNumber("claims", reader.Counts.Claims);
        writer.WriteEndObject();
        writer.Flush();
        return new InspectionResult(reader.Counts.Claims, denials, reader.WarningCount);
    }

    /// <summary>
    /// Counts only (files, bytes, ISA/ST/CLP/SVC/CAS, denials, warnings), as fast as possible. Without a fee schedule
    /// this uses <see cref="RemittanceScanner"/>; with one, the full reader (underpayments need the model).
    /// </summary>
    /// <exception cref="X12.X12ParseException">The input cannot be read as an 835.</exception>
    public RemitSummary Summarize(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (_feeSchedule is null)
        {
            return new RemittanceScanner(_options, _nonDenials).Scan(input);
        }

        using var reader = new RemittanceReader(input, _options, leaveOpen: true);
        var detector = new DenialDetector(_nonDenials, _feeSchedule);
        var denials = 0L;
        foreach (var claim in reader.ReadClaims())
        {
            denials += detector.Detect(claim).Count;
        }

        var c = reader.Counts;
        return new RemitSummary
        {
            Files = 1,
            Bytes = c.Bytes,
            Segments = c.Segments,
            Interchanges = c.Interchanges,
            FunctionalGroups = c.FunctionalGroups,
            Transactions = c.Transactions,
            Claims = c.Claims,
            ServiceLines = c.ServiceLines,
            AdjustmentSegments = c.AdjustmentSegments,
            ProviderAdjustmentSegments = c.ProviderAdjustmentSegments,
            Denials = denials,
            Warnings = reader.WarningCount,
        };
    }

    /// <summary>Counts several files and adds them up.</summary>
    /// <exception cref="X12.X12ParseException">A file cannot be read as an 835.</exception>
    public RemitSummary Summarize(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var total = new RemitSummary();
        foreach (var path in paths)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            total.Add(Summarize(stream));
        }

        return total;
    }

    /// <summary>Writes a summary as one JSON object.</summary>
    public static void WriteSummaryJson(RemitSummary summary, Stream output, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = indented });
        writer.WriteStartObject();
        writer.WriteNumber("files", summary.Files);
        writer.WriteNumber("bytes", summary.Bytes);
        writer.WriteNumber("segments", summary.Segments);
        writer.WriteNumber("interchanges", summary.Interchanges);
        writer.WriteNumber("functionalGroups", summary.FunctionalGroups);
        writer.WriteNumber("transactions", summary.Transactions);
        writer.WriteNumber("claims", summary.Claims);
        writer.WriteNumber("serviceLines", summary.ServiceLines);
        writer.WriteNumber("adjustmentSegments", summary.AdjustmentSegments);
        writer.WriteNumber("providerAdjustmentSegments", summary.ProviderAdjustmentSegments);
        writer.WriteNumber("denials", summary.Denials);
        writer.WriteNumber("warnings", summary.Warnings);
        writer.WriteEndObject();
    }

    private static void WriteDenial(Utf8JsonWriter writer, DetectedDenial denial, InspectedAssessment? assessment)
    {
        var facts = denial.Facts;
        writer.WriteStartObject();
        WriteStringOrNull(writer, "payer", facts.PayerName);
        writer.WriteString("patientControlNumber", denial.Claim.PatientControlNumber);
        WriteStringOrNull(writer, "payerClaimNumber", denial.Claim.PayerClaimControlNumber);
        WriteDateOrNull(writer, "serviceDate", facts.ServiceDate);
        WriteStringOrNull(writer, "procedureCode", facts.ProcedureCode);
        WriteArray(writer, "modifiers", facts.Modifiers);
        WriteStringOrNull(writer, "groupCode", facts.GroupCode);
        WriteStringOrNull(writer, "reasonCode", facts.ReasonCode);
        WriteArray(writer, "remarkCodes", facts.RemarkCodes);
        writer.WriteNumber("amount", decimal.Round(facts.Amount, 2, MidpointRounding.AwayFromZero) + 0.00m);
        writer.WriteString("kind", facts.Kind switch
        {
            DenialKind.Coded => "coded",
            DenialKind.Silent => "silent",
            DenialKind.Underpayment => "underpayment",
        });
        WriteStringOrNull(writer, "severity", assessment?.Severity);
        WriteStringOrNull(writer, "action", assessment?.Action);
        WriteStringOrNull(writer, "category", assessment?.Category);
        WriteStringOrNull(writer, "rootCause", assessment?.RootCause);
        WriteStringOrNull(writer, "owner", assessment?.Owner);
        WriteStringOrNull(writer, "scenario", assessment?.Scenario);
        WriteDateOrNull(writer, "appealDeadline", assessment?.AppealDeadline);
        WriteStringOrNull(writer, "liability", assessment?.Liability);
        writer.WriteEndObject();
    }

    private static void WriteStringOrNull(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteDateOrNull(Utf8JsonWriter writer, string name, DateOnly? value)
    {
        if (value is { } date)
        {
            writer.WriteString(name, Invariant.Date(date));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteArray(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private sealed class DelegateAssessor(Func<DenialFacts, InspectedAssessment?> assess) : IDenialAssessor
    {
        public InspectedAssessment? Assess(DenialFacts facts) => assess(facts);
    }
}
