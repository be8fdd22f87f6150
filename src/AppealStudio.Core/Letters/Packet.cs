using System.Globalization;
using AppealStudio.Core.Denials;

namespace AppealStudio.Core.Letters;

public enum PacketPartKind
{
    /// <summary>A chart document, rendered as a document (Markdown notes formatted, plain text with its lines).</summary>
    Chart,

    /// <summary>The human-readable remittance page of the claim.</summary>
    Remittance,

    /// <summary>An attached PDF, merged page by page.</summary>
    Pdf,

    /// <summary>An attached image (PNG, JPEG), placed on a page of its own.</summary>
    Image,

    /// <summary>An attached text file.</summary>
    Text,

    /// <summary>An attachment the PDF cannot show (a GIF or TIFF image): a page says where it is.</summary>
    Unrenderable,
}

/// <summary>One enclosure of the packet, in the order the letter numbers them.</summary>
/// <param name="Title">What the enclosure list calls it ("Operative report, date of service 08/14/2026, Dana Reyes, MD").</param>
/// <param name="Kind">How it is rendered.</param>
/// <param name="Text">The text of a chart document or text attachment.</param>
/// <param name="IsMarkdown">A chart document kept as Markdown (rendered with its headings and lists).</param>
/// <param name="Bytes">The bytes of an attached PDF or image.</param>
/// <param name="Remittance">The remittance page.</param>
public sealed record PacketPart(string Title, PacketPartKind Kind, string? Text = null, bool IsMarkdown = false, byte[]? Bytes = null, RemittancePage? Remittance = null)
{
    public static PacketPart Chart(string title, string text, bool isMarkdown) => new(title, PacketPartKind.Chart, text, isMarkdown);

    public static PacketPart RemittanceOf(string title, RemittancePage page) => new(title, PacketPartKind.Remittance, Remittance: page);

    /// <summary>An attachment by its content type: PDF merged, PNG/JPEG placed, text shown; anything else noted.</summary>
    public static PacketPart Attachment(string title, string contentType, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        var type = contentType.Split(';')[0].Trim().ToLowerInvariant();
        return type switch
        {
            "application/pdf" => new(title, PacketPartKind.Pdf, Bytes: bytes),
            "image/png" or "image/jpeg" => new(title, PacketPartKind.Image, Bytes: bytes),
            "text/plain" => new(title, PacketPartKind.Text, Text: System.Text.Encoding.UTF8.GetString(bytes)),
            _ => new(title, PacketPartKind.Unrenderable, Bytes: bytes),
        };
    }
}

/// <summary>The packet's first page: who it goes to, from whom, about what, and what it holds (with page numbers).</summary>
/// <param name="PayerName">The payer, printed once.</param>
/// <param name="PayerAddress">Its appeals address lines.</param>
/// <param name="PayerFax">Its appeals fax, when known.</param>
/// <param name="Regarding">Patient, member ID, claim number, date of service, service appealed.</param>
/// <param name="Contact">Who to contact about the appeal (name, title, direct line).</param>
/// <param name="Reference">A short reference for the page footers ("Claim AH2608140093").</param>
public sealed record CoverSheet(
    string PayerName,
    IReadOnlyList<string> PayerAddress,
    string? PayerFax,
    IReadOnlyList<(string Label, string Value)> Regarding,
    string? Contact,
    string Reference)
{
    /// <summary>The cover sheet from the claim and denial as stored (the web app), with the directories' payer address and contact.</summary>
    public static CoverSheet For(ClaimRecord claim, DenialRecord denial, PayerContact? payer, ContactInfo? contact, DateOnly? dateOfBirth = null)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(denial);
        var line = denial.LineNumber is { } n ? claim.Lines.FirstOrDefault(l => l.Number == n) : null;
        var context = new LetterContext
        {
            Patient = new PatientInfo { Name = claim.PatientDisplayName, MemberId = claim.MemberId, DateOfBirth = dateOfBirth },
            Payer = new PayerInfo { Name = Names.Title(claim.PayerName) },
            PayerContact = payer,
            Contact = contact,
            Claim = new ClaimInfo
            {
                PayerClaimNumber = claim.PayerClaimNumber,
                PatientControlNumber = claim.PatientControlNumber,
                ServiceDate = denial.ServiceDate ?? line?.ServiceDate ?? claim.StatementFrom,
                DeniedLine = line,
                RequestedAmount = denial.Amount,
            },
            Denial = new DenialInfo { LevelName = denial.PayerRule?.LevelName(denial.Level) },
        };
        return For(context);
    }

    /// <summary>The cover sheet of a drafted letter.</summary>
    public static CoverSheet For(LetterContext context, MergeValues merge)
    {
        ArgumentNullException.ThrowIfNull(merge);
        return For(context);
    }

    private static CoverSheet For(LetterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var regarding = new List<(string, string)>();
        void Add(string label, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                regarding.Add((label, value));
            }
        }

        Add("Patient", context.Patient?.Name);
        Add("Member ID", context.Patient?.MemberId);
        Add("Claim number", context.Claim?.PayerClaimNumber);
        Add("Patient account", context.Claim?.PatientControlNumber);
        Add("Date of service", context.Claim?.ServiceDate?.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture));
        Add("Service appealed", context.Claim?.DeniedLine is { } line ? string.Create(CultureInfo.InvariantCulture, $"Line {line.Number}: {line.BilledAndPaid}") : null);
        Add("Amount requested", context.Claim?.RequestedAmount is { } r ? "$" + r.ToString("#,##0.00", CultureInfo.InvariantCulture) : null);
        Add("Appeal", context.Denial?.LevelName);
        var contact = context.Contact is { } c
            ? string.Join(", ", new[] { c.Name, c.Title, c.Phone }.Where(s => !string.IsNullOrWhiteSpace(s)))
            : null;
        var payerContact = context.PayerContact;
        var address = payerContact?.AddressLines.Where(l => !string.IsNullOrWhiteSpace(l)).ToList() ?? [];
        while (address.Count > 0 && context.Payer is { } payer && string.Equals(address[0].Trim(), payer.Name.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            address.RemoveAt(0);
        }

        return new CoverSheet(context.Payer?.Name ?? "", address, payerContact?.Fax, regarding, contact,
            "Claim " + (context.Claim?.PayerClaimNumber ?? context.Claim?.PatientControlNumber ?? ""));
    }
}

/// <summary>Everything the PDF packet holds, in order: the cover sheet, the letter, then the enclosures.</summary>
/// <param name="Letterhead">The practice letterhead printed above the letter.</param>
/// <param name="LetterMarkdown">The letter, merge fields resolved (the signed text when signed).</param>
/// <param name="Signature">The physician's signature, or null for an unsigned draft.</param>
/// <param name="Enclosures">The enclosures in the letter's order (numbered from 1).</param>
/// <param name="Cover">The cover sheet.</param>
public sealed record PacketDocument(Letterhead Letterhead, string LetterMarkdown, LetterSignature? Signature, IReadOnlyList<PacketPart> Enclosures, CoverSheet Cover);

/// <summary>One service line of the remittance page.</summary>
public sealed record RemittanceRow(string Line, string Billed, string PaidAs, string Units, string Date, string Charge, string Paid, string Adjustments);

/// <summary>
/// The remittance of one claim as a reader reads it: the payer and claim, each line billed and paid, the
/// adjustments with the texts of their codes. Nothing internal (classification, scenario, priority) is on it.
/// </summary>
public sealed record RemittancePage(
    IReadOnlyList<(string Label, string Value)> Facts,
    IReadOnlyList<RemittanceRow> Lines,
    IReadOnlyList<string> ClaimAdjustments,
    IReadOnlyList<(string Code, string Meaning)> Codes)
{
    public static RemittancePage For(ClaimRecord claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var facts = new List<(string, string)>();
        void Add(string label, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                facts.Add((label, value));
            }
        }

        Add("Payer", Names.Title(claim.PayerName) + (string.IsNullOrWhiteSpace(claim.PayerId) ? "" : $" (payer ID {claim.PayerId})"));
        Add("Remittance date", Date(claim.RemittanceDate));
        Add("Payment trace number", claim.PaymentTraceNumber);
        Add("Payer claim number", claim.PayerClaimNumber);
        Add("Patient account number", claim.PatientControlNumber);
        Add("Patient", claim.PatientDisplayName);
        Add("Member ID", claim.MemberId);
        Add("Rendering provider", string.Join(", ", new[] { Names.PersonFromRemittance(claim.RenderingProviderName), claim.RenderingProviderNpi is null ? null : "NPI " + claim.RenderingProviderNpi }.Where(s => s is not null)));
        Add("Dates of service", claim.StatementFrom is { } from
            ? claim.StatementTo is { } to && to != from ? $"{Date(from)} to {Date(to)}" : Date(from)
            : null);
        Add("Claim charge", Money(claim.Charge));
        Add("Claim paid", Money(claim.Paid));
        Add("Patient responsibility", claim.PatientResponsibility is { } pr ? Money(pr) : null);

        var rows = claim.Lines.Select(l => new RemittanceRow(
            l.Number.ToString(CultureInfo.InvariantCulture),
            l.Billed.Display,
            l.IsRecoded ? l.Adjudicated.Display : "as billed",
            l.Billed.Units == l.Adjudicated.Units || l.Adjudicated.Units is null
                ? Units(l.Billed.Units)
                : $"{Units(l.Billed.Units)} / {Units(l.Adjudicated.Units)}",
            Date(l.ServiceDate) ?? "",
            Money(l.Charge),
            Money(l.Paid),
            string.Join("; ", l.Adjustments.Select(a => $"{a.Code} {Money(a.Amount)}").Concat(l.RemarkCodes.Select(r => "remark " + r))))).ToList();

        var claimAdjustments = claim.Adjustments.Select(a => $"{a.Code} {Money(a.Amount)}")
            .Concat(claim.RemarkCodes.Select(r => "remark " + r)).ToList();

        var codes = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var adjustment in claim.Lines.SelectMany(l => l.Adjustments).Concat(claim.Adjustments))
        {
            if (seen.Add(adjustment.Code))
            {
                var group = CodeDictionary.GroupName(adjustment.GroupCode);
                var meaning = CodeDictionary.Default.CarcMeaning(adjustment.ReasonCode) ?? "reason code not in AppealStudio's list";
                codes.Add((adjustment.Code, group is null ? meaning : $"{group}: {meaning}"));
            }
        }

        foreach (var remark in claim.Lines.SelectMany(l => l.RemarkCodes).Concat(claim.RemarkCodes))
        {
            if (seen.Add("remark " + remark))
            {
                codes.Add(("Remark " + remark, CodeDictionary.Default.RarcMeaning(remark) ?? "remark code not in AppealStudio's list"));
            }
        }

        return new RemittancePage(facts, rows, claimAdjustments, codes);
    }

    private static string? Date(DateOnly? date) => date?.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture);

    private static string Money(decimal amount) => "$" + amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    private static string Units(decimal? units) => units is { } u ? BilledProcedure.FormatUnits(u) : "";
}
