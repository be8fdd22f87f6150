using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using AppealStudio.Core;
using AppealStudio.Core.Denials;
using AppealStudio.Core.Letters;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Appeals;

/// <summary>A file to download.</summary>
public sealed record ExportFile(string FileName, string ContentType, byte[] Content);

/// <summary>An export, or why it was refused (the appeal exists but may not be exported as it is).</summary>
public sealed record ExportResult(ExportFile? File, string? Refusal, bool NotFound = false);

/// <summary>What the print view shows: the letter to print, or the reason it may not be printed.</summary>
public sealed record PrintableLetter(Appeal Appeal, Letterhead Letterhead, bool HasPracticeProfile, string Markdown, LetterSignature? Signature, string? Refusal);

/// <summary>
/// Exports an appeal: the letter as DOCX, a print view, and the ZIP packet (letter, cited chart documents, claim
/// summary, attachments). Every export is audited with its format. A clinical letter must be signed, and no letter
/// with export-blocking problems (unfilled placeholders, missing required evidence...) leaves the app.
/// </summary>
public sealed partial class AppealExport(AppDbContext db, AppealWorkflow workflow, AppealLetters letters, AuditLog audit)
{
    public const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>Why <paramref name="appeal"/> may not be exported now, or null when it may.</summary>
    public static string? Refusal(Appeal appeal, LetterState state)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        ArgumentNullException.ThrowIfNull(state);
        if (state.Template is null)
        {
            return $"The template '{appeal.TemplateId}' is no longer available; ask an Admin to restore it before exporting.";
        }

        if (state.IsClinical && !AppealWorkflow.IsSigned(appeal))
        {
            return "This letter has a clinical narrative: the physician must sign it before it is exported. Request sign-off first.";
        }

        if (AppealWorkflow.IsSigned(appeal) && !SignatureHash.Matches(appeal.SignedMarkdown!, appeal.SignatureSha256!))
        {
            return "The signature does not match the signed text. Void the signature and have the letter signed again.";
        }

        var blocking = state.Blocking.ToList();
        if (blocking.Count == 0)
        {
            return null;
        }

        var listed = string.Join(" ", blocking.Take(5).Select(i => i.Message));
        var more = blocking.Count > 5 ? $" And {(blocking.Count - 5).ToString(CultureInfo.InvariantCulture)} more." : "";
        return $"Export is blocked until the letter's {blocking.Count.ToString(CultureInfo.InvariantCulture)} problem(s) are fixed: {listed}{more}";
    }

    /// <summary>The text that is checked before export: the signed text when there is a signature, else the draft (whose merge fields the checks resolve).</summary>
    public static string ExportText(Appeal appeal)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        return AppealWorkflow.IsSigned(appeal) ? appeal.SignedMarkdown! : appeal.Markdown;
    }

    /// <summary>The text that leaves the app: the signed text (resolved when it was signed), else the draft resolved now.</summary>
    public static string ExportText(Appeal appeal, LetterState state)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        ArgumentNullException.ThrowIfNull(state);
        return AppealWorkflow.IsSigned(appeal) ? appeal.SignedMarkdown! : state.Resolved;
    }

    /// <summary>The signature block: the signer as they typed their name, the signing time in the practice's time zone, the full SHA-256.</summary>
    public static LetterSignature? Signature(Appeal appeal)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        return AppealWorkflow.IsSigned(appeal)
            ? new LetterSignature(appeal.SignedByName ?? "Physician", null, appeal.SignedAt ?? appeal.UpdatedAt, appeal.SignatureSha256!, appeal.Attestation, appeal.SignedTimeZone)
            : null;
    }

    public async Task<ExportResult> DocxAsync(long appealId, CancellationToken cancellationToken = default)
    {
        var (appeal, state) = await LoadAsync(appealId, cancellationToken);
        if (appeal is null)
        {
            return new ExportResult(null, null, NotFound: true);
        }

        if (Refusal(appeal, state!) is { } refusal)
        {
            return new ExportResult(null, refusal);
        }

        var file = await RenderDocxAsync(appeal, state!, cancellationToken);
        await audit.RecordAsync("appeal.export", "Appeal", Id(appeal.Id), "format=docx", cancellationToken);
        return new ExportResult(file, null);
    }

    public async Task<ExportResult> PacketAsync(long appealId, CancellationToken cancellationToken = default)
    {
        var (appeal, state) = await LoadAsync(appealId, cancellationToken);
        if (appeal is null)
        {
            return new ExportResult(null, null, NotFound: true);
        }

        if (Refusal(appeal, state!) is { } refusal)
        {
            return new ExportResult(null, refusal);
        }

        var letter = await RenderDocxAsync(appeal, state!, cancellationToken);
        var denial = await db.Denials.AsNoTracking()
            .Include(d => d.Claim).ThenInclude(c => c.Lines)
            .Include(d => d.Claim).ThenInclude(c => c.Payment)
            .AsSplitQuery()
            .FirstAsync(d => d.Id == appeal.DenialId, cancellationToken);
        var attachments = await db.AppealAttachments.AsNoTracking().Where(a => a.AppealId == appeal.Id).OrderBy(a => a.Id).ToListAsync(cancellationToken);

        // Only documents the exported letter actually cites travel with it.
        var text = ExportText(appeal, state!);
        var cited = state!.Cited.Where(e => text.Contains("[" + e.Marker + "]", StringComparison.Ordinal)).ToList();

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, letter.FileName, letter.Content);
            foreach (var group in cited.GroupBy(e => e.DocumentId, StringComparer.Ordinal))
            {
                var id = long.Parse(group.Key, CultureInfo.InvariantCulture);
                if (state.Documents.TryGetValue(id, out var document))
                {
                    Add(zip, $"chart/{string.Join("-", group.Select(e => e.Marker))}-{Slug(document.Title)}-{group.Key}.txt",
                        Encoding.UTF8.GetBytes(DocumentText(document, group.ToList())));
                }
            }

            Add(zip, "claim-summary.txt", Encoding.UTF8.GetBytes(ClaimSummary(denial, appeal)));
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var n = 1;
            foreach (var attachment in attachments)
            {
                var name = $"attachments/{n.ToString("00", CultureInfo.InvariantCulture)}-{SafeFileName(attachment.FileName)}";
                if (names.Add(name))
                {
                    Add(zip, name, attachment.Content);
                }

                n++;
            }
        }

        await audit.RecordAsync("appeal.export", "Appeal", Id(appeal.Id), "format=zip", cancellationToken);
        return new ExportResult(new ExportFile($"appeal-{Id(appeal.Id)}-packet.zip", "application/zip", buffer.ToArray()), null);
    }

    /// <summary>The print view's content; audited as an export only when it is shown.</summary>
    public async Task<PrintableLetter?> PrintAsync(long appealId, CancellationToken cancellationToken = default)
    {
        var (appeal, state) = await LoadAsync(appealId, cancellationToken);
        if (appeal is null)
        {
            return null;
        }

        var practice = await letters.PracticeAsync(cancellationToken);
        var refusal = Refusal(appeal, state!);
        if (refusal is null)
        {
            await audit.RecordAsync("appeal.export", "Appeal", Id(appeal.Id), "format=print", cancellationToken);
        }

        return new PrintableLetter(appeal, AppealLetters.LetterheadFor(practice), practice is not null, ExportText(appeal, state!), Signature(appeal), refusal);
    }

    /// <summary>The appeal and its checks (on the text that would be exported), or (null, null).</summary>
    private async Task<(Appeal? Appeal, LetterState? State)> LoadAsync(long appealId, CancellationToken cancellationToken)
    {
        var appeal = await db.Appeals.AsNoTracking().Include(a => a.Excerpts).FirstOrDefaultAsync(a => a.Id == appealId, cancellationToken);
        if (appeal is null)
        {
            return (null, null);
        }

        return (appeal, await workflow.StateAsync(appeal, ExportText(appeal), cancellationToken));
    }

    private async Task<ExportFile> RenderDocxAsync(Appeal appeal, LetterState state, CancellationToken cancellationToken)
    {
        var practice = await letters.PracticeAsync(cancellationToken);
        using var output = new MemoryStream();
        LetterDocx.Render(new LetterDocument(AppealLetters.LetterheadFor(practice), ExportText(appeal, state), Signature(appeal), "Appeal letter"), output);
        return new ExportFile($"appeal-{Id(appeal.Id)}-letter.docx", DocxContentType, output.ToArray());
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        using var stream = entry.Open();
        stream.Write(content);
    }

    /// <summary>A chart document as it travels in the packet: its metadata, which excerpts cite it, then its text.</summary>
    public static string DocumentText(Charts.ChartDocument document, IReadOnlyList<CitedExcerpt> citations)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(citations);
        var sb = new StringBuilder();
        Line(sb, "Title", document.Title);
        Line(sb, "Document type", document.DocumentType);
        Line(sb, "Author", document.Author);
        Line(sb, "Encounter date", document.EncounterDate is { } date ? Invariant.Date(date) : null);
        Line(sb, "Patient", string.Join(", ", new[] { document.PatientLastName, document.PatientFirstName }.Where(s => !string.IsNullOrWhiteSpace(s))));
        Line(sb, "Date of birth", document.PatientBirthDate is { } dob ? Invariant.Date(dob) : null);
        Line(sb, "Member ID", document.PatientMemberId);
        Line(sb, "Source file", $"{document.SourceFileName} ({document.SourceFormat})");
        Line(sb, "Imported", document.ImportedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
        Line(sb, "Cited as", string.Join("; ", citations.Select(c => string.Create(CultureInfo.InvariantCulture, $"[{c.Marker}] chars {c.Start}-{c.End}"))));
        sb.Append(new string('-', 72)).Append('\n');
        sb.Append(document.Text);
        if (!document.Text.EndsWith('\n'))
        {
            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The claim and denial in plain text, for the reviewer who opens the packet.</summary>
    public static string ClaimSummary(Denial denial, Appeal appeal)
    {
        ArgumentNullException.ThrowIfNull(denial);
        ArgumentNullException.ThrowIfNull(appeal);
        var claim = denial.Claim;
        var sb = new StringBuilder();
        sb.Append("CLAIM SUMMARY\n\n");
        Line(sb, "Payer", denial.PayerName);
        Line(sb, "Payer ID", denial.PayerIdentifier);
        Line(sb, "Payer claim number", claim.PayerClaimNumber);
        Line(sb, "Patient account number", claim.PatientControlNumber);
        Line(sb, "Patient", claim.PatientDisplayName);
        Line(sb, "Member ID", claim.PatientMemberId ?? claim.InsuredMemberId);
        Line(sb, "Rendering provider", string.Join(" ", new[] { claim.RenderingProviderName, claim.RenderingProviderNpi is null ? null : "NPI " + claim.RenderingProviderNpi }.Where(s => s is not null)));
        Line(sb, "Dates of service", FormatRange(claim.StatementFrom ?? denial.ServiceDate, claim.StatementTo));
        Line(sb, "Claim charge", "$" + Invariant.Money(claim.ChargeAmount));
        Line(sb, "Claim paid", "$" + Invariant.Money(claim.PaidAmount));
        Line(sb, "Remittance date", denial.RemittanceDate is { } rd ? Invariant.Date(rd) : null);
        Line(sb, "Payment trace number", claim.Payment?.TraceNumber);
        sb.Append("\nSERVICE LINES\n\n");
        sb.Append("Line  Procedure            Date        Charge      Paid\n");
        foreach (var line in claim.Lines.OrderBy(l => l.LineNumber))
        {
            var code = string.Join("-", new[] { line.ProcedureCode }.Concat(line.ModifierList));
            sb.Append(string.Create(CultureInfo.InvariantCulture,
                $"{line.LineNumber,4}  {code,-20} {(line.ServiceDate is { } d ? Invariant.Date(d) : ""),-10} {Invariant.Money(line.ChargeAmount),9} {Invariant.Money(line.PaidAmount),9}\n"));
        }

        sb.Append("\nDENIAL\n\n");
        var codes = denial.ReasonCode is null ? denial.Kind : $"{denial.GroupCode}-{denial.ReasonCode}";
        Line(sb, "Codes", codes + (string.IsNullOrWhiteSpace(denial.RemarkCodes) ? "" : " (RARC " + denial.RemarkCodes + ")"));
        Line(sb, "Meaning", CodeDictionary.Default.CarcMeaning(denial.ReasonCode));
        Line(sb, "Procedure", denial.ProcedureCode);
        Line(sb, "Denied amount", "$" + Invariant.Money(denial.Amount));
        Line(sb, "Root cause", denial.RootCause);
        Line(sb, "Scenario", denial.Scenario);
        Line(sb, "Appeal deadline", denial.AppealDeadline is { } dl ? Invariant.Date(dl) : null);
        sb.Append("\nAPPEAL\n\n");
        Line(sb, "Appeal number", Id(appeal.Id));
        Line(sb, "Template", $"{appeal.TemplateId} (version {appeal.TemplateVersion.ToString(CultureInfo.InvariantCulture)})");
        Line(sb, "Status", appeal.Status.ToString());
        Line(sb, "Signed by", appeal.SignedByName is null ? null : $"{appeal.SignedByName} at {appeal.SignedAt?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}");
        Line(sb, "Signature SHA-256", appeal.SignatureSha256);
        return sb.ToString();
    }

    private static string? FormatRange(DateOnly? from, DateOnly? to) =>
        from is not { } f ? null : to is { } t && t != f ? $"{Invariant.Date(f)} to {Invariant.Date(t)}" : Invariant.Date(f);

    private static void Line(StringBuilder sb, string label, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            sb.Append(label).Append(": ").Append(value.Replace('\n', ' ')).Append('\n');
        }
    }

    private static string Slug(string text)
    {
        var slug = NonWord().Replace(text.ToLowerInvariant(), "-").Trim('-');
        return slug.Length == 0 ? "document" : slug.Length > 40 ? slug[..40].TrimEnd('-') : slug;
    }

    /// <summary>A file name that cannot climb out of its folder in the ZIP or carry control characters.</summary>
    public static string SafeFileName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var baseName = name.Replace('\\', '/');
        baseName = baseName[(baseName.LastIndexOf('/') + 1)..];
        var cleaned = UnsafeFileChars().Replace(baseName, "_").Trim('.', ' ');
        return cleaned.Length == 0 ? "attachment" : cleaned.Length > 100 ? cleaned[^100..] : cleaned;
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NonWord();

    [GeneratedRegex(@"[^A-Za-z0-9._ -]", RegexOptions.CultureInvariant)]
    private static partial Regex UnsafeFileChars();
}
