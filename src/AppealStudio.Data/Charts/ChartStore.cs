using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AppealStudio.Core.Charts;
using AppealStudio.Data.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using CoreChart = AppealStudio.Core.Charts.ChartDocument;

namespace AppealStudio.Data.Charts;

/// <summary>What became of one uploaded chart file: the documents saved, or the one-sentence reason it was refused.</summary>
/// <param name="FileName">The file name as uploaded (no directory).</param>
/// <param name="Saved">Documents stored from this file, in file order.</param>
/// <param name="AlreadyStored">Documents of the file that were already stored (same file name and text) and were not added again.</param>
/// <param name="Error">Why nothing of the file was saved, fit to show the user; null when the file was read.</param>
public sealed record ChartFileResult(string FileName, IReadOnlyList<ChartDocument> Saved, int AlreadyStored, string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>A claim a chart document belongs to, and why (<see cref="ChartLink.Reason"/> is one sentence for the user).</summary>
public sealed record LinkedClaim(long ClaimId, string PatientControlNumber, string PayerName, DateOnly? ServiceFrom, IReadOnlyList<long> DenialIds, ChartLink Link);

/// <summary>A stored chart document linked to a claim, and why.</summary>
public sealed record LinkedChartDocument(ChartDocument Document, ChartLink Link);

/// <summary>
/// Chart documents of the practice: import from files (web upload, <c>appealstudio chart import</c>, demo seeding)
/// and the link between documents and claims. Linking is computed, never stored: a note imported after the 835
/// links as soon as it exists, and a corrected member id or date changes the links at once.
/// </summary>
/// <remarks>
/// A document links to a claim when <see cref="ChartLinker"/> says so: the same patient (member id, else family and
/// first given name with the date of birth when both sides have one) and an encounter date within
/// <c>Charts:LinkWindowDays</c> (default 3) of the claim's dates of service. The database narrows the candidates by
/// date only; the identity rules run in memory so that name normalization is the same everywhere.
/// </remarks>
public sealed class ChartStore(AppDbContext db, AuditLog audit, ICurrentActor actor, TimeProvider clock, IConfiguration configuration, ImportSlots slots)
{
    /// <summary>The linker with the configured window (<c>Charts:LinkWindowDays</c>, 0-30, default 3).</summary>
    public ChartLinker Linker { get; } = new(LinkWindowDays(configuration));

    public static int LinkWindowDays(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var days = configuration.GetValue("Charts:LinkWindowDays", ChartLinker.DefaultWindowDays);
        return days is < 0 or > 30
            ? throw new InvalidOperationException($"Charts:LinkWindowDays is {days}; use a number of days from 0 to 30.")
            : days;
    }

    /// <summary>
    /// Reads one file (text, Markdown, HTML, DOCX, FHIR R4 JSON) and stores its documents in one save. A file that
    /// cannot be read saves nothing and returns the reason. A document already stored from a file of the same name
    /// with the same text is not stored twice, so importing a folder again adds only what is new.
    /// </summary>
    /// <remarks>
    /// The upload is read straight from <paramref name="content"/> with <see cref="ChartImporter.MaxBytes"/> applied
    /// while reading (no copy of the whole stream first); the import takes one of the process's import slots
    /// (<see cref="ImportSlots"/>) and is refused with "busy" when none frees up. Documents already stored are found
    /// with one query for the whole file.
    /// </remarks>
    public async Task<ChartFileResult> ImportAsync(string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        fileName = Path.GetFileName(fileName ?? "");
        if (fileName.Length == 0)
        {
            fileName = "upload";
        }

        IDisposable slot;
        try
        {
            slot = await slots.EnterAsync(cancellationToken);
        }
        catch (ImportBusyException ex)
        {
            return new ChartFileResult(fileName, [], 0, ex.Message);
        }

        using (slot)
        {
            ChartFile file;
            try
            {
                file = await ChartImporter.ReadFileAsync(fileName, content, cancellationToken);
            }
            catch (ChartImportException ex)
            {
                await audit.RecordAsync("chart.import-failed", "ChartFile", null, "error=" + ex.Error.ToString(), cancellationToken);
                return new ChartFileResult(fileName, [], 0, ex.Message);
            }

            var now = clock.GetUtcNow();
            var entities = file.Documents.Select(d => ToEntity(d, file.Format, now, actor.Name)).ToList();
            var stored = await StoredKeysAsync(fileName, cancellationToken);
            var saved = new List<ChartDocument>();
            var already = 0;
            foreach (var entity in entities)
            {
                if (!stored.Add(Key(entity.EncounterDate, entity.PatientMemberId, entity.Text)))
                {
                    already++;
                    continue;
                }

                db.ChartDocuments.Add(entity);
                saved.Add(entity);
            }

            await db.SaveChangesAsync(cancellationToken);
            foreach (var entity in saved)
            {
                audit.Add("chart.import", "ChartDocument", entity.Id.ToString(CultureInfo.InvariantCulture), "format=" + file.Format);
            }

            await db.SaveChangesAsync(cancellationToken);
            return new ChartFileResult(fileName, saved, already, null);
        }
    }

    /// <summary>
    /// The stored chart documents that belong to a claim (same patient, encounter date within the link window of
    /// its dates of service), nearest encounter date first; empty when the claim does not exist. These are the
    /// entities: <see cref="ChartDocument.Id"/> is what <c>AppealExcerpt.ChartDocumentId</c> refers to, and
    /// <see cref="ToCore"/> turns one into the core document that <c>EvidenceRanker</c> reads (its
    /// <c>Id</c> is the entity id as text, so a ranked passage's <c>DocumentId</c> maps back with <c>long.Parse</c>).
    /// </summary>
    public async Task<IReadOnlyList<ChartDocument>> LinkedToClaimAsync(long claimId, CancellationToken cancellationToken = default) =>
        (await LinksForClaimAsync(claimId, cancellationToken)).Select(l => l.Document).ToList();

    /// <summary>As <see cref="LinkedToClaimAsync"/>, with the reason each document links (for showing it).</summary>
    public async Task<IReadOnlyList<LinkedChartDocument>> LinksForClaimAsync(long claimId, CancellationToken cancellationToken = default)
    {
        var claim = await db.Claims.AsNoTracking()
            .Where(c => c.Id == claimId)
            .Select(c => new ClaimRow(c.Id, c.PatientControlNumber, c.Payment.PayerName, c.PatientMemberId, c.InsuredMemberId, c.PatientLastName,
                c.PatientFirstName, c.StatementFrom, c.StatementTo,
                c.Lines.Min(l => l.ServiceDate), c.Lines.Max(l => l.ServiceDateTo ?? l.ServiceDate)))
            .FirstOrDefaultAsync(cancellationToken);
        if (claim?.Identity(null) is not { } identity)
        {
            return [];
        }

        var from = identity.ServiceFrom.AddDays(-Linker.WindowDays);
        var to = (identity.ServiceTo ?? identity.ServiceFrom).AddDays(Linker.WindowDays);
        var candidates = await db.ChartDocuments.AsNoTracking()
            .Where(d => d.EncounterDate >= from && d.EncounterDate <= to)
            .Select(d => new DocumentRow(d.Id, d.PatientMemberId, d.PatientLastName, d.PatientFirstName, d.PatientBirthDate, d.EncounterDate))
            .ToListAsync(cancellationToken);

        var links = new List<(long Id, ChartLink Link)>();
        foreach (var candidate in candidates)
        {
            if (Best(candidate, claim) is { IsMatch: true } link)
            {
                links.Add((candidate.Id, link));
            }
        }

        if (links.Count == 0)
        {
            return [];
        }

        var ids = links.Select(l => l.Id).ToList();
        var documents = await db.ChartDocuments.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
        return links
            .OrderBy(l => l.Link.DaysFromService)
            .ThenBy(l => l.Link.Identity)
            .ThenBy(l => l.Id)
            .Select(l => new LinkedChartDocument(documents[l.Id], l.Link))
            .ToList();
    }

    /// <summary>
    /// For each document, the claims it links to (the reverse of <see cref="LinksForClaimAsync"/>), with the denials
    /// on those claims. One query for the whole set, so a page of documents costs two round trips.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<LinkedClaim>>> ClaimsForDocumentsAsync(IReadOnlyCollection<ChartDocument> documents,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var result = documents.ToDictionary(d => d.Id, _ => (IReadOnlyList<LinkedClaim>)[]);
        var dated = documents.Where(d => d.EncounterDate is not null).ToList();
        if (dated.Count == 0)
        {
            return result;
        }

        // A claim overlaps the window when it starts before the window ends and ends after it starts; the claim's
        // last date is not a column, so claims starting up to a month earlier are read and the linker decides.
        var first = dated.Min(d => d.EncounterDate!.Value).AddDays(-Linker.WindowDays - 31);
        var last = dated.Max(d => d.EncounterDate!.Value).AddDays(Linker.WindowDays);
        var claims = await db.Claims.AsNoTracking()
            .Where(c => !c.IsReversal)
            .Where(c => (c.StatementFrom >= first && c.StatementFrom <= last) || c.Lines.Any(l => l.ServiceDate >= first && l.ServiceDate <= last))
            .Select(c => new ClaimRow(c.Id, c.PatientControlNumber, c.Payment.PayerName, c.PatientMemberId, c.InsuredMemberId, c.PatientLastName,
                c.PatientFirstName, c.StatementFrom, c.StatementTo,
                c.Lines.Min(l => l.ServiceDate), c.Lines.Max(l => l.ServiceDateTo ?? l.ServiceDate)))
            .Take(5000)
            .ToListAsync(cancellationToken);

        var found = new Dictionary<long, List<(ClaimRow Claim, ChartLink Link)>>();
        foreach (var document in dated)
        {
            var row = new DocumentRow(document.Id, document.PatientMemberId, document.PatientLastName, document.PatientFirstName,
                document.PatientBirthDate, document.EncounterDate);
            foreach (var claim in claims)
            {
                if (Best(row, claim) is { IsMatch: true } link)
                {
                    (found.TryGetValue(document.Id, out var list) ? list : found[document.Id] = []).Add((claim, link));
                }
            }
        }

        var claimIds = found.Values.SelectMany(l => l.Select(x => x.Claim.Id)).Distinct().ToList();
        var denials = claimIds.Count == 0
            ? []
            : await db.Denials.AsNoTracking().Where(d => claimIds.Contains(d.ClaimId)).OrderBy(d => d.Id)
                .Select(d => new { d.ClaimId, d.Id }).ToListAsync(cancellationToken);
        var denialsByClaim = denials.GroupBy(d => d.ClaimId).ToDictionary(g => g.Key, g => g.Select(d => d.Id).ToList());
        foreach (var (documentId, list) in found)
        {
            result[documentId] = list
                .OrderBy(x => x.Link.DaysFromService).ThenBy(x => x.Claim.Id)
                .Select(x => new LinkedClaim(x.Claim.Id, x.Claim.PatientControlNumber, x.Claim.PayerName, x.Claim.ServiceFrom,
                    denialsByClaim.GetValueOrDefault(x.Claim.Id) ?? [], x.Link))
                .ToList();
        }

        return result;
    }

    /// <summary>The core document for evidence ranking and linking: <c>Id</c> is the entity id as invariant text.</summary>
    public static CoreChart ToCore(ChartDocument entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return new CoreChart(
            entity.Id.ToString(CultureInfo.InvariantCulture),
            entity.Title,
            Identity(entity.PatientMemberId, entity.PatientLastName, entity.PatientFirstName, entity.PatientBirthDate),
            entity.EncounterDate,
            entity.Author,
            entity.DocumentType,
            entity.SourceFileName,
            entity.Text);
    }

    /// <summary>The entity for a document read from a file (not yet saved).</summary>
    public static ChartDocument ToEntity(CoreChart document, string format, DateTimeOffset importedAt, string? importedBy)
    {
        ArgumentNullException.ThrowIfNull(document);
        var (last, first) = SplitName(document.Patient.Name);
        return new ChartDocument
        {
            Title = Truncate(document.Title, 300) ?? "",
            DocumentType = Truncate(document.DocumentType, 100),
            Author = Truncate(document.Author, 200),
            PatientMemberId = Truncate(document.Patient.MemberId?.Trim(), 80),
            PatientLastName = Truncate(last, 100),
            PatientFirstName = Truncate(first, 100),
            PatientBirthDate = document.Patient.DateOfBirth,
            EncounterDate = document.EncounterDate,
            SourceFileName = Truncate(document.SourceFileName, 260) ?? "",
            SourceFormat = format,
            Text = document.Text,
            ImportedAt = importedAt,
            ImportedBy = Truncate(importedBy, 256),
        };
    }

    /// <summary>
    /// "Doe, Jane A" → (Doe, Jane A); "Jane A. Doe" → (Doe, Jane A.). Stored split so lists sort by family name;
    /// linking rebuilds "Family, Given", which <see cref="PersonName"/> reads in that order.
    /// </summary>
    public static (string? Last, string? First) SplitName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return (null, null);
        }

        var comma = name.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            var family = name[..comma].Trim();
            var given = name[(comma + 1)..].Trim();
            return (family.Length == 0 ? null : family, given.Length == 0 ? null : given);
        }

        var tokens = name.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return tokens.Length == 1 ? (tokens[0], null) : (tokens[^1], string.Join(' ', tokens[..^1]));
    }

    /// <summary>
    /// What is already stored from files of this name (every document of a file carries its name), as keys of
    /// encounter date, member id and a hash of the text: one query for the whole file, however many documents it holds.
    /// </summary>
    private async Task<HashSet<string>> StoredKeysAsync(string sourceFileName, CancellationToken cancellationToken)
    {
        var name = Truncate(sourceFileName, 260) ?? "";
        var rows = await db.ChartDocuments.AsNoTracking()
            .Where(d => d.SourceFileName == name)
            .Select(d => new { d.EncounterDate, d.PatientMemberId, d.Text })
            .ToListAsync(cancellationToken);
        return rows.Select(r => Key(r.EncounterDate, r.PatientMemberId, r.Text)).ToHashSet(StringComparer.Ordinal);
    }

    private static string Key(DateOnly? encounterDate, string? memberId, string text) =>
        string.Join('\u001f', encounterDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", memberId ?? "",
            Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))));

    private ChartLink? Best(DocumentRow document, ClaimRow claim)
    {
        var chart = new CoreChart("", "", Identity(document.MemberId, document.LastName, document.FirstName, document.BirthDate), document.EncounterDate,
            null, null, "", "");
        ChartLink? best = null;
        foreach (var memberId in new[] { claim.PatientMemberId, claim.InsuredMemberId }.Distinct())
        {
            if (claim.Identity(memberId) is not { } identity)
            {
                continue;
            }

            var link = Linker.Link(chart, identity);
            if (best is null || (link.IsMatch && (!best.IsMatch || link.Identity < best.Identity)))
            {
                best = link;
            }
        }

        return best;
    }

    private static PatientIdentity Identity(string? memberId, string? last, string? first, DateOnly? birthDate)
    {
        var name = string.IsNullOrWhiteSpace(first) ? last : $"{last}, {first}";
        return new PatientIdentity(memberId, name, birthDate);
    }

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];

    private sealed record DocumentRow(long Id, string? MemberId, string? LastName, string? FirstName, DateOnly? BirthDate, DateOnly? EncounterDate);

    private sealed record ClaimRow(long Id, string PatientControlNumber, string PayerName, string? PatientMemberId, string? InsuredMemberId,
        string? PatientLastName, string? PatientFirstName, DateOnly? StatementFrom, DateOnly? StatementTo, DateOnly? FirstLineDate, DateOnly? LastLineDate)
    {
        public DateOnly? ServiceFrom => StatementFrom ?? FirstLineDate;

        /// <summary>The claim side for the linker with one of its member ids; null without a date of service.</summary>
        public ClaimIdentity? Identity(string? memberId)
        {
            if (ServiceFrom is not { } from)
            {
                return null;
            }

            var to = StatementTo ?? LastLineDate;
            return new ClaimIdentity(memberId ?? PatientMemberId, PatientLastName, PatientFirstName, null, from, to is { } t && t > from ? t : null);
        }
    }
}
