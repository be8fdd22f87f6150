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
/// A document links to a claim when <see cref="ChartLinker"/> says so: the same patient by an identifier (member id,
/// account number, or name with date of birth) and an encounter date within <c>Charts:LinkWindowDays</c> (default 3)
/// of the claim's dates of service. A match by name alone is a suggestion: it links only once a person confirms it
/// (<see cref="ConfirmLinkAsync"/>, stored and audited). The database finds the candidates by those identifiers
/// through indexes (member id, account number, normalized family name), so which notes link never depends on how
/// many claims or notes there are; the identity rules then run in memory so that name normalization is the same
/// everywhere.
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
    public async Task<IReadOnlyList<LinkedChartDocument>> LinksForClaimAsync(long claimId, CancellationToken cancellationToken = default) =>
        (await CandidatesForClaimAsync(claimId, cancellationToken)).Where(l => !l.Link.NeedsConfirmation).ToList();

    /// <summary>
    /// Documents that match the claim's patient by name only, within the date window, that nobody has confirmed or
    /// rejected yet: shown as suggestions with the identifiers the linker could not read.
    /// </summary>
    public async Task<IReadOnlyList<LinkedChartDocument>> SuggestionsForClaimAsync(long claimId, CancellationToken cancellationToken = default) =>
        (await CandidatesForClaimAsync(claimId, cancellationToken)).Where(l => l.Link.NeedsConfirmation).ToList();

    /// <summary>
    /// A person's answer to a name-only suggestion: the note is (or is not) about this claim's patient. Only a
    /// suggestion can be answered (a link by identifiers needs none); the answer is stored and audited (ids only).
    /// </summary>
    public async Task<bool> ConfirmLinkAsync(long documentId, long claimId, bool confirmed, CancellationToken cancellationToken = default)
    {
        var candidates = await CandidatesForClaimAsync(claimId, cancellationToken, includeAnswered: true);
        var candidate = candidates.FirstOrDefault(c => c.Document.Id == documentId);
        if (candidate is null || candidate.Link.Identity != IdentityMatch.NameOnly)
        {
            return false;
        }

        var existing = await db.ChartLinkConfirmations.FirstOrDefaultAsync(c => c.ChartDocumentId == documentId && c.ClaimId == claimId, cancellationToken);
        if (existing is null)
        {
            existing = new ChartLinkConfirmation { ChartDocumentId = documentId, ClaimId = claimId };
            db.ChartLinkConfirmations.Add(existing);
        }

        existing.Confirmed = confirmed;
        existing.ByUserId = actor.UserId;
        existing.By = actor.Name;
        existing.At = clock.GetUtcNow();
        audit.Add(confirmed ? "chart.link-confirmed" : "chart.link-rejected", "ChartDocument", documentId.ToString(CultureInfo.InvariantCulture),
            "claim=" + claimId.ToString(CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Every document that matches the claim (linked or suggested), nearest encounter first. A confirmed name-only
    /// match counts as linked and says who confirmed it; a rejected one is left out (unless <paramref name="includeAnswered"/>).
    /// </summary>
    private Task<IReadOnlyList<LinkedChartDocument>> CandidatesForClaimAsync(long claimId, CancellationToken cancellationToken, bool includeAnswered = false) =>
        CandidatesAsync(db, Linker, claimId, includeAnswered, cancellationToken);

    /// <summary>The documents linked to a claim (identifiers, or a confirmed name match), for a caller with its own window.</summary>
    public static async Task<IReadOnlyList<LinkedChartDocument>> LinkedAsync(AppDbContext db, ChartLinker linker, long claimId, CancellationToken cancellationToken = default) =>
        (await CandidatesAsync(db, linker, claimId, includeAnswered: false, cancellationToken)).Where(l => !l.Link.NeedsConfirmation).ToList();

    private static async Task<IReadOnlyList<LinkedChartDocument>> CandidatesAsync(AppDbContext db, ChartLinker linker, long claimId, bool includeAnswered,
        CancellationToken cancellationToken)
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

        var from = identity.ServiceFrom.AddDays(-linker.WindowDays);
        var to = (identity.ServiceTo ?? identity.ServiceFrom).AddDays(linker.WindowDays);
        var memberIds = Variants(claim.PatientMemberId, claim.InsuredMemberId);
        var account = claim.PatientControlNumber;
        var nameKey = NameKey(claim.PatientLastName);
        var candidates = await db.ChartDocuments.AsNoTracking()
            .Where(d => d.EncounterDate >= from && d.EncounterDate <= to)
            .Where(d => memberIds.Contains(d.PatientMemberId!) || d.PatientAccountNumber == account || (nameKey != null && d.PatientNameKey == nameKey))
            .Select(d => new DocumentRow(d.Id, d.PatientMemberId, d.PatientLastName, d.PatientFirstName, d.PatientBirthDate, d.EncounterDate, d.PatientAccountNumber))
            .ToListAsync(cancellationToken);

        var answers = await db.ChartLinkConfirmations.AsNoTracking().Where(c => c.ClaimId == claimId)
            .ToDictionaryAsync(c => c.ChartDocumentId, cancellationToken);
        var links = new List<(long Id, ChartLink Link)>();
        foreach (var candidate in candidates)
        {
            if (Best(linker, candidate, claim) is not { IsMatch: true } link)
            {
                continue;
            }

            if (link.NeedsConfirmation && answers.TryGetValue(candidate.Id, out var answer))
            {
                if (answer.Confirmed)
                {
                    link = link with
                    {
                        Confirmed = true,
                        Reason = $"The name matches and {answer.By} confirmed on {Core.Invariant.Date(DateOnly.FromDateTime(answer.At.UtcDateTime))} that the note is this patient's.",
                    };
                    links.Add((candidate.Id, link));
                    continue;
                }

                if (!includeAnswered)
                {
                    continue;
                }
            }

            links.Add((candidate.Id, link));
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
    /// on those claims; name-only matches come too, marked by <see cref="ChartLink.NeedsConfirmation"/>. Claims are
    /// found by the documents' identifiers through indexes (member id, account number, family name), one query for
    /// the whole set, so a page of documents costs three round trips.
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
        var memberIds = dated.SelectMany(d => Variants(d.PatientMemberId)).Distinct(StringComparer.Ordinal).ToList();
        var accounts = dated.Select(d => d.PatientAccountNumber).Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var lastNames = dated.SelectMany(d => NameVariants(d.PatientLastName)).Distinct(StringComparer.Ordinal).ToList();
        var claims = await db.Claims.AsNoTracking()
            .Where(c => memberIds.Contains(c.PatientMemberId!) || accounts.Contains(c.PatientControlNumber) || lastNames.Contains(c.PatientLastName!))
            .Where(c => !c.IsReversal)
            .Where(c => (c.StatementFrom >= first && c.StatementFrom <= last) || c.Lines.Any(l => l.ServiceDate >= first && l.ServiceDate <= last))
            .OrderBy(c => c.Id)
            .Select(c => new ClaimRow(c.Id, c.PatientControlNumber, c.Payment.PayerName, c.PatientMemberId, c.InsuredMemberId, c.PatientLastName,
                c.PatientFirstName, c.StatementFrom, c.StatementTo,
                c.Lines.Min(l => l.ServiceDate), c.Lines.Max(l => l.ServiceDateTo ?? l.ServiceDate)))
            .ToListAsync(cancellationToken);

        var documentIds = dated.Select(d => d.Id).ToList();
        var answers = await db.ChartLinkConfirmations.AsNoTracking().Where(c => documentIds.Contains(c.ChartDocumentId))
            .ToDictionaryAsync(c => (c.ChartDocumentId, c.ClaimId), cancellationToken);
        var found = new Dictionary<long, List<(ClaimRow Claim, ChartLink Link)>>();
        foreach (var document in dated)
        {
            var row = new DocumentRow(document.Id, document.PatientMemberId, document.PatientLastName, document.PatientFirstName,
                document.PatientBirthDate, document.EncounterDate, document.PatientAccountNumber);
            foreach (var claim in claims)
            {
                if (Best(Linker, row, claim) is not { IsMatch: true } link)
                {
                    continue;
                }

                if (link.NeedsConfirmation && answers.TryGetValue((document.Id, claim.Id), out var answer))
                {
                    if (!answer.Confirmed)
                    {
                        continue;
                    }

                    link = link with { Confirmed = true, Reason = $"The name matches and {answer.By} confirmed that the note is this patient's." };
                }

                (found.TryGetValue(document.Id, out var list) ? list : found[document.Id] = []).Add((claim, link));
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

    /// <summary>Fills the family-name key of documents stored before it existed (run at start-up; a no-op once done).</summary>
    public static async Task BackfillNameKeysAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        while (true)
        {
            var batch = await db.ChartDocuments.Where(d => d.PatientNameKey == null && d.PatientLastName != null).OrderBy(d => d.Id).Take(500).ToListAsync(cancellationToken);
            var changed = 0;
            foreach (var document in batch)
            {
                document.PatientNameKey = NameKey(document.PatientLastName) ?? "";
                changed++;
            }

            if (changed == 0)
            {
                return;
            }

            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>The family name reduced as the linker compares names ("García-López" → "garcialopez").</summary>
    public static string? NameKey(string? familyName) =>
        string.IsNullOrWhiteSpace(familyName) ? null : Core.Charts.PersonName.FromParts(familyName, null)?.Family is { Length: > 0 } key ? Truncate(key, 100) : null;

    /// <summary>A member id as stored and as remittances write it (upper case), for an exact, indexed lookup.</summary>
    private static List<string> Variants(params string?[] ids) =>
        ids.Where(i => !string.IsNullOrWhiteSpace(i)).SelectMany(i => new[] { i!, i!.Trim(), i.Trim().ToUpperInvariant(), i.Trim().ToLowerInvariant() })
            .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>A family name as a remittance spells it ("KOWALSKI", "GARCIALOPEZ", "GARCIA-LOPEZ") and as written.</summary>
    private static IEnumerable<string> NameVariants(string? familyName)
    {
        if (string.IsNullOrWhiteSpace(familyName))
        {
            yield break;
        }

        var trimmed = familyName.Trim();
        yield return trimmed;
        yield return trimmed.ToUpperInvariant();
        yield return new string(trimmed.Where(char.IsLetter).ToArray()).ToUpperInvariant();
        if (NameKey(trimmed) is { } key)
        {
            yield return key.ToUpperInvariant();
        }
    }

    /// <summary>The core document for evidence ranking and linking: <c>Id</c> is the entity id as invariant text.</summary>
    public static CoreChart ToCore(ChartDocument entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return new CoreChart(
            entity.Id.ToString(CultureInfo.InvariantCulture),
            entity.Title,
            Identity(entity.PatientMemberId, entity.PatientLastName, entity.PatientFirstName, entity.PatientBirthDate, entity.PatientAccountNumber),
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
            PatientAccountNumber = Truncate(document.Patient.AccountNumber?.Trim(), 80),
            PatientNameKey = NameKey(last),
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
        // The text is encrypted (ADR 0080): the query narrows by file name, the texts are opened here, one at a time.
        var rows = await db.ChartDocuments.AsNoTracking()
            .Where(d => d.SourceFileName == name)
            .ToListAsync(cancellationToken);
        return rows.Select(r => Key(r.EncounterDate, r.PatientMemberId, r.Text)).ToHashSet(StringComparer.Ordinal);
    }

    private static string Key(DateOnly? encounterDate, string? memberId, string text) =>
        string.Join('\u001f', encounterDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", memberId ?? "",
            Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))));

    private static ChartLink? Best(ChartLinker linker, DocumentRow document, ClaimRow claim)
    {
        var chart = new CoreChart("", "", Identity(document.MemberId, document.LastName, document.FirstName, document.BirthDate, document.AccountNumber), document.EncounterDate,
            null, null, "", "");
        ChartLink? best = null;
        foreach (var memberId in new[] { claim.PatientMemberId, claim.InsuredMemberId }.Distinct())
        {
            if (claim.Identity(memberId) is not { } identity)
            {
                continue;
            }

            var link = linker.Link(chart, identity);
            if (best is null || (link.IsMatch && (!best.IsMatch || link.Identity < best.Identity)))
            {
                best = link;
            }
        }

        return best;
    }

    private static PatientIdentity Identity(string? memberId, string? last, string? first, DateOnly? birthDate, string? account)
    {
        var name = string.IsNullOrWhiteSpace(first) ? last : $"{last}, {first}";
        return new PatientIdentity(memberId, name, birthDate, account);
    }

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];

    private sealed record DocumentRow(long Id, string? MemberId, string? LastName, string? FirstName, DateOnly? BirthDate, DateOnly? EncounterDate, string? AccountNumber);

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
            return new ClaimIdentity(memberId ?? PatientMemberId, PatientLastName, PatientFirstName, null, from, to is { } t && t > from ? t : null, PatientControlNumber);
        }
    }
}
