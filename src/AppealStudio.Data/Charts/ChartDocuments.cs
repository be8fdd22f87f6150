using System.Globalization;
using AppealStudio.Data.Audit;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Charts;

/// <summary>A chart document in the list (no text), with the claims it links to.</summary>
public sealed record ChartListRow(
    long Id,
    string Title,
    string? DocumentType,
    string? Author,
    string Patient,
    string? PatientMemberId,
    DateOnly? PatientBirthDate,
    DateOnly? EncounterDate,
    string SourceFormat,
    IReadOnlyList<LinkedClaim> Links);

/// <summary>One page of chart documents and how many match in all.</summary>
public sealed record ChartListPage(IReadOnlyList<ChartListRow> Rows, int Total);

/// <summary>A chart document as its page shows it: the text, where it came from, and the claims it links to.</summary>
public sealed record ChartDocumentView(ChartDocument Document, string Patient, IReadOnlyList<LinkedClaim> Links, int LinkWindowDays);

/// <summary>
/// The chart-document pages' use cases: the list (paged in SQL, searched by member id or patient name), one document
/// with its linked claims, and the upload. Specialists, managers and admins only; opening a document is audited
/// (<c>chart.view</c>, the id only). The search text is patient data: it is never logged or audited.
/// </summary>
public sealed class ChartDocuments(AppDbContext db, ChartStore store, AuditLog audit, ICurrentActor actor)
{
    public static readonly IReadOnlyList<string> Roles = [Identity.Roles.Specialist, Identity.Roles.Manager, Identity.Roles.Admin];

    public const int MaxPageSize = 100;

    /// <summary>Days around a date of service within which a document links to a claim (for the page's explanation).</summary>
    public int LinkWindowDays => store.Linker.WindowDays;

    /// <summary>
    /// Documents by patient (family name, given name, member id), newest encounter first, ties by id. Each word of
    /// <paramref name="search"/> (up to five) must match the start of the member id or part of the family or given name.
    /// </summary>
    public async Task<ChartListPage> ListAsync(string? search, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        Demand();
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var query = db.ChartDocuments.AsNoTracking();
        foreach (var word in (search ?? "").Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries).Take(5))
        {
            var t = word.ToUpperInvariant();
#pragma warning disable CA1304, CA1311 // ToUpper() here is translated to SQL UPPER(); no .NET culture is involved.
            query = query.Where(d => (d.PatientMemberId != null && d.PatientMemberId.ToUpper().StartsWith(t))
                || (d.PatientLastName != null && d.PatientLastName.ToUpper().Contains(t))
                || (d.PatientFirstName != null && d.PatientFirstName.ToUpper().Contains(t)));
#pragma warning restore CA1304, CA1311
        }

        var total = await query.CountAsync(cancellationToken);
        // Without Text: the list never needs a note's body.
        var documents = await query
            .OrderBy(d => d.PatientLastName).ThenBy(d => d.PatientFirstName).ThenBy(d => d.PatientMemberId)
            .ThenByDescending(d => d.EncounterDate).ThenBy(d => d.Id)
            .Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .Select(d => new ChartDocument
            {
                Id = d.Id, Title = d.Title, DocumentType = d.DocumentType, Author = d.Author, PatientMemberId = d.PatientMemberId,
                PatientLastName = d.PatientLastName, PatientFirstName = d.PatientFirstName, PatientBirthDate = d.PatientBirthDate,
                EncounterDate = d.EncounterDate, SourceFileName = d.SourceFileName, SourceFormat = d.SourceFormat, ImportedAt = d.ImportedAt,
            })
            .ToListAsync(cancellationToken);
        var links = await store.ClaimsForDocumentsAsync(documents, cancellationToken);
        // Names, member ids and dates of birth are on screen: which documents were listed, and whether a search
        // narrowed them, never the search words (they name patients).
        await audit.RecordViewAsync("chart.list", "ChartDocument", null,
            (string.IsNullOrWhiteSpace(search) ? "search=no " : "search=yes ") + AuditLog.Ids(documents.Select(d => d.Id)), cancellationToken);
        return new ChartListPage(
            documents.Select(d => new ChartListRow(d.Id, d.Title, d.DocumentType, d.Author, PatientName(d.PatientLastName, d.PatientFirstName),
                d.PatientMemberId, d.PatientBirthDate, d.EncounterDate, d.SourceFormat, links.GetValueOrDefault(d.Id) ?? [])).ToList(),
            total);
    }

    /// <summary>One document with the claims it links to; null when it does not exist. Each opening is audited.</summary>
    public async Task<ChartDocumentView?> DocumentAsync(long id, CancellationToken cancellationToken = default)
    {
        Demand();
        var document = await db.ChartDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (document is null)
        {
            return null;
        }

        // Every opening of a patient's note is on the audit trail (the id only, never the content).
        await audit.RecordViewAsync("chart.view", "ChartDocument", id.ToString(CultureInfo.InvariantCulture), null, cancellationToken);
        var links = (await store.ClaimsForDocumentsAsync([document], cancellationToken)).GetValueOrDefault(document.Id) ?? [];
        return new ChartDocumentView(document, PatientName(document.PatientLastName, document.PatientFirstName), links, store.Linker.WindowDays);
    }

    /// <summary>
    /// Imports one uploaded file (see <see cref="ChartStore.ImportAsync"/>), reporting the bytes received. The file is
    /// read whole before anything is saved, so an upload cut off half-way saves nothing.
    /// </summary>
    public async Task<ChartFileResult> ImportAsync(string fileName, Stream upload, IProgress<long>? received = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        Demand();
        return await store.ImportAsync(fileName, new ProgressReadStream(upload, received), cancellationToken);
    }

    /// <summary>"Family, Given" as the lists show a patient; "Patient not stated" when the document names nobody.</summary>
    public static string PatientName(string? last, string? first) =>
        string.IsNullOrWhiteSpace(last) && string.IsNullOrWhiteSpace(first) ? "Patient not stated"
            : string.Join(", ", new[] { last, first }.Where(s => !string.IsNullOrWhiteSpace(s)));

    private void Demand()
    {
        if (!Roles.Any(actor.IsInRole))
        {
            throw new UnauthorizedAccessException("Chart documents are for specialists, managers and admins.");
        }
    }
}
