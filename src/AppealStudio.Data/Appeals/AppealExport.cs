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
/// Exports an appeal: the letter as DOCX, a print view, the PDF packet (cover sheet, letter, enclosures in citation
/// order, page numbers) and the ZIP packet (the PDF, the DOCX, the signed text, the attachments). Every export is
/// audited with its format. A clinical letter must be signed, and no letter with export-blocking problems (unfilled
/// placeholders or merge fields, missing required evidence, uncited clinical sentences...) leaves the app.
/// </summary>
public sealed partial class AppealExport(AppDbContext db, LetterStates states, AppealLetters letters, AuditLog audit, ICurrentActor actor)
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

        if (state.IsClinical && !AppealRules.IsSigned(appeal))
        {
            return "This letter has a clinical narrative: the physician must sign it before it is exported. Request sign-off first.";
        }

        if (AppealRules.IsSigned(appeal) && !SignatureHash.Matches(appeal.SignedMarkdown!, appeal.SignatureSha256!))
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
        return AppealRules.IsSigned(appeal) ? appeal.SignedMarkdown! : appeal.Markdown;
    }

    /// <summary>The text that leaves the app: the signed text (resolved when it was signed), else the draft resolved now.</summary>
    public static string ExportText(Appeal appeal, LetterState state)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        ArgumentNullException.ThrowIfNull(state);
        return AppealRules.IsSigned(appeal) ? appeal.SignedMarkdown! : state.Resolved;
    }

    /// <summary>The signature block: the signer as they typed their name, the signing time in the practice's time zone, the full SHA-256.</summary>
    public static LetterSignature? Signature(Appeal appeal)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        return AppealRules.IsSigned(appeal)
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

    /// <summary>
    /// The packet as one PDF, what the payer receives through a portal or by fax: cover sheet, letter, then the
    /// enclosures in the order the letter numbers them (cited chart documents, the remittance page, attachments).
    /// </summary>
    public async Task<ExportResult> PdfAsync(long appealId, CancellationToken cancellationToken = default)
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

        ExportFile pdf;
        try
        {
            pdf = await RenderPdfAsync(appeal, state!, cancellationToken);
        }
        catch (PdfFontsMissingException ex)
        {
            return new ExportResult(null, ex.Message);
        }

        await audit.RecordAsync("appeal.export", "Appeal", Id(appeal.Id), "format=pdf", cancellationToken);
        return new ExportResult(pdf, null);
    }

    /// <summary>
    /// The electronic packet (ZIP): the PDF packet, the letter as DOCX, the attachments as uploaded and, for a signed
    /// letter, its exact signed text with a note on checking the SHA-256. Nothing internal (scores, rules, root causes)
    /// is in any of them.
    /// </summary>
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
        ExportFile pdf;
        try
        {
            pdf = await RenderPdfAsync(appeal, state!, cancellationToken);
        }
        catch (PdfFontsMissingException ex)
        {
            return new ExportResult(null, ex.Message);
        }

        var attachments = await db.AppealAttachments.AsNoTracking().Where(a => a.AppealId == appeal.Id).OrderBy(a => a.Id).ToListAsync(cancellationToken);

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, pdf.FileName, pdf.Content);
            Add(zip, letter.FileName, letter.Content);
            if (AppealRules.IsSigned(appeal))
            {
                Add(zip, PacketPdf.SignedTextFileName, Encoding.UTF8.GetBytes(appeal.SignedMarkdown!));
                Add(zip, "signature.txt", Encoding.UTF8.GetBytes(VerificationNote(appeal)));
            }

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

    /// <summary>How a reader checks the signature: who signed, when (practice time), the SHA-256 and how to compute it.</summary>
    public static string VerificationNote(Appeal appeal)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        var signature = Signature(appeal)!;
        return $"Electronically signed by {signature.SignerDisplay} on {signature.SignedAtText}.\n"
            + $"SHA-256 of the signed text: {signature.ContentHash}\n\n"
            + $"The signed text is the file {PacketPdf.SignedTextFileName} (also embedded in the PDF packet). Its SHA-256, computed over its UTF-8 bytes "
            + "with LF line endings (for example: sha256sum signed-letter.md), equals the value above; any change to the text gives a different value.\n";
    }

    /// <summary>The packet's parts in the letter's order: cited chart documents (by first citation), the remittance page, the attachments.</summary>
    public async Task<PacketDocument> PacketDocumentAsync(Appeal appeal, LetterState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        ArgumentNullException.ThrowIfNull(state);
        var text = ExportText(appeal, state);
        var denial = await letters.LoadDenialAsync(appeal.DenialId, cancellationToken);
        var claim = AppealLetters.ClaimRecordOf(denial.Claim);
        var present = Citations.Order(text).ToHashSet(StringComparer.Ordinal);
        var parts = new List<PacketPart>();
        foreach (var group in state.Cited.Where(e => present.Contains(e.Marker)).OrderBy(e => Citations.Number(e.Marker)).GroupBy(e => e.DocumentId, StringComparer.Ordinal))
        {
            var id = long.Parse(group.Key, CultureInfo.InvariantCulture);
            if (state.Documents.TryGetValue(id, out var document))
            {
                parts.Add(PacketPart.Chart(LetterBuilder.DocumentEnclosure(document.Title, document.EncounterDate, document.Author), document.Text,
                    document.SourceFormat == "markdown"));
            }
        }

        parts.Add(PacketPart.RemittanceOf(LetterBuilder.RemittanceEnclosure(claim), RemittancePage.For(claim)));
        var attachments = await db.AppealAttachments.AsNoTracking().Where(a => a.AppealId == appeal.Id).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        parts.AddRange(attachments.Select(a => PacketPart.Attachment(AppealLetters.AttachmentTitle(a.FileName), a.ContentType, a.Content)));

        var (rule, _) = await letters.PayerAsync(denial, cancellationToken);
        var level = AppealLetters.ParseLevel(appeal.LetterLevel);
        var record = AppealLetters.DenialRecordOf(denial, rule, level);
        var cover = CoverSheet.For(claim, record,
            await letters.PayerContactAsync(denial, level, appeal.PayerAddress, cancellationToken),
            await letters.ContactAsync(denial.AssigneeUserId ?? appeal.CreatedByUserId, cancellationToken),
            state.Documents.Values.Select(d => d.PatientBirthDate).FirstOrDefault(d => d is not null));
        var practice = await letters.PracticeAsync(cancellationToken);
        return new PacketDocument(AppealLetters.LetterheadFor(practice), text, Signature(appeal), parts, cover);
    }

    /// <summary>
    /// The packet's enclosure list as the PDF would number it (the same <see cref="PacketDocumentAsync"/> the export
    /// renders), so the workspace shows what will be enclosed before anyone downloads it. Empty when there is no such
    /// appeal. Not audited: titles only, nothing leaves the app.
    /// </summary>
    public async Task<IReadOnlyList<string>> EnclosuresAsync(long appealId, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        var (appeal, state) = await LoadAsync(appealId, cancellationToken);
        if (appeal is null || state!.Template is null)
        {
            return [];
        }

        var packet = await PacketDocumentAsync(appeal, state, cancellationToken);
        return packet.Enclosures.Select(p => p.Title).ToList();
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

        return (appeal, await states.StateAsync(appeal, ExportText(appeal), cancellationToken));
    }

    private async Task<ExportFile> RenderDocxAsync(Appeal appeal, LetterState state, CancellationToken cancellationToken)
    {
        var practice = await letters.PracticeAsync(cancellationToken);
        using var output = new MemoryStream();
        LetterDocx.Render(new LetterDocument(AppealLetters.LetterheadFor(practice), ExportText(appeal, state), Signature(appeal), "Appeal letter"), output);
        return new ExportFile($"appeal-{Id(appeal.Id)}-letter.docx", DocxContentType, output.ToArray());
    }

    private async Task<ExportFile> RenderPdfAsync(Appeal appeal, LetterState state, CancellationToken cancellationToken)
    {
        var packet = await PacketDocumentAsync(appeal, state, cancellationToken);
        using var output = new MemoryStream();
        PacketPdf.Render(packet, output);
        return new ExportFile($"appeal-{Id(appeal.Id)}-packet.pdf", "application/pdf", output.ToArray());
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        using var stream = entry.Open();
        stream.Write(content);
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

    [GeneratedRegex(@"[^A-Za-z0-9._ -]", RegexOptions.CultureInvariant)]
    private static partial Regex UnsafeFileChars();
}
