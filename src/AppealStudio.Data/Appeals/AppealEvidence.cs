using System.Globalization;
using AppealStudio.Core.Charts;
using AppealStudio.Core.Evidence;
using AppealStudio.Core.Letters;
using AppealStudio.Data.Denials;
using Microsoft.EntityFrameworkCore;
using ChartEntity = AppealStudio.Data.Charts.ChartDocument;
using CoreDocument = AppealStudio.Core.Charts.ChartDocument;

namespace AppealStudio.Data.Appeals;

/// <summary>Settings of the appeal workspace.</summary>
/// <param name="LinkWindowDays"><c>Charts:LinkWindowDays</c>: days between the date of service and a note's encounter date.</param>
/// <param name="MaxAttachmentBytes"><c>Appeals:MaxAttachmentMegabytes</c> as bytes.</param>
public sealed record AppealOptions(int LinkWindowDays, long MaxAttachmentBytes)
{
    public const int DefaultAttachmentMegabytes = 10;

    public int MaxAttachmentMegabytes => (int)(MaxAttachmentBytes / (1024 * 1024));
}

/// <summary>A chart document linked to the denial's claim, with the reason it was linked.</summary>
public sealed record LinkedDocument(ChartEntity Entity, CoreDocument Document, ChartLink Link);

/// <summary>
/// The chart evidence of a denial: documents linked to its claim by patient and date of service (ChartLinker), and
/// their passages ranked for the denial's scenario or root cause (EvidenceRanker).
/// </summary>
public sealed class AppealEvidence(AppDbContext db, AppealOptions options)
{
    /// <summary>The evidence topic for a denial: its specialty scenario when the lexicon knows it, else its root cause, else general.</summary>
    public static string TopicFor(Denial denial)
    {
        ArgumentNullException.ThrowIfNull(denial);
        foreach (var name in new[] { denial.Scenario, denial.RootCause })
        {
            if (!string.IsNullOrWhiteSpace(name) && EvidenceLexicon.Default.TryResolve(name, out var topic))
            {
                return topic.Name;
            }
        }

        return "general";
    }

    /// <summary>The claim side of the link, or null when the denial has no date of service to link by.</summary>
    public static ClaimIdentity? IdentityFor(Denial denial)
    {
        ArgumentNullException.ThrowIfNull(denial);
        var claim = denial.Claim;
        var from = denial.ServiceDate ?? claim.StatementFrom;
        if (from is not { } serviceFrom)
        {
            return null;
        }

        var to = denial.ServiceDate is null ? claim.StatementTo : null;
        return new ClaimIdentity(claim.PatientMemberId ?? claim.InsuredMemberId, claim.PatientLastName, claim.PatientFirstName, null, serviceFrom, to, claim.PatientControlNumber);
    }

    /// <summary>
    /// Documents that belong to the denial's claim, nearest encounter first: linked by an identifier (member id,
    /// account number, name with date of birth) or by a name match a person confirmed. <paramref name="denial"/> must
    /// include its Claim.
    /// </summary>
    public async Task<IReadOnlyList<LinkedDocument>> LinkedDocumentsAsync(Denial denial, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(denial);
        if (IdentityFor(denial) is null)
        {
            return [];
        }

        var linked = await Charts.ChartStore.LinkedAsync(db, new ChartLinker(options.LinkWindowDays), denial.ClaimId, cancellationToken);
        return linked.Select(l => new LinkedDocument(l.Document, ToCore(l.Document), l.Link)).ToList();
    }

    /// <summary>The best passages of the linked documents for <paramref name="topic"/>.</summary>
    public static IReadOnlyList<EvidencePassage> Rank(string topic, IReadOnlyList<LinkedDocument> documents, int max = 20) =>
        documents.Count == 0 ? [] : EvidenceRanker.Rank(topic, documents.Select(d => d.Document), max);

    /// <summary>The passage the ranker finds at exactly these offsets (for its facts and score), if any.</summary>
    public static EvidencePassage? FindPassage(string topic, CoreDocument document, int start, int end) =>
        EvidenceRanker.Rank(topic, [document], max: int.MaxValue).FirstOrDefault(p => p.Start == start && p.End == end);

    public static CoreDocument ToCore(ChartEntity d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var name = string.Join(", ", new[] { d.PatientLastName, d.PatientFirstName }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return new CoreDocument(
            d.Id.ToString(CultureInfo.InvariantCulture),
            d.Title,
            new PatientIdentity(d.PatientMemberId, name.Length == 0 ? null : name, d.PatientBirthDate, d.PatientAccountNumber),
            d.EncounterDate,
            d.Author,
            d.DocumentType,
            d.SourceFileName,
            d.Text);
    }

    /// <summary>The chosen excerpts as the letter filler and checks see them.</summary>
    public static IReadOnlyList<CitedExcerpt> Cited(IEnumerable<AppealExcerpt> excerpts, IReadOnlyDictionary<long, ChartEntity> documents)
    {
        ArgumentNullException.ThrowIfNull(excerpts);
        ArgumentNullException.ThrowIfNull(documents);
        var cited = excerpts
            .Select(e =>
            {
                documents.TryGetValue(e.ChartDocumentId, out var doc);
                return new CitedExcerpt(e.Label, e.Slot ?? "", e.ChartDocumentId.ToString(CultureInfo.InvariantCulture),
                    doc?.Title ?? "Chart document", doc?.EncounterDate, doc?.Author, e.Start, e.End, e.Text,
                    Section: doc is null ? null : DocumentSections.At(doc.Text, e.Start));
            })
            .OrderBy(e => LabelNumber(e.Marker))
            .ThenBy(e => e.Slot, StringComparer.Ordinal)
            .ToList();
        return WithEnclosures(cited);
    }

    /// <summary>The enclosure number of each excerpt's document: 1, 2... in order of first citation.</summary>
    private static IReadOnlyList<CitedExcerpt> WithEnclosures(List<CitedExcerpt> cited)
    {
        var enclosures = Citations.Enclosures(cited);
        return cited.Select(e => e with { Enclosure = enclosures[e.DocumentId] }).ToList();
    }

    /// <summary>Excerpts grouped by evidence slot, as <see cref="LetterContext.Evidence"/> wants them.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<CitedExcerpt>> BySlot(IEnumerable<CitedExcerpt> excerpts) =>
        excerpts.GroupBy(e => e.Slot, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<CitedExcerpt>)g.ToList(), StringComparer.Ordinal);

    /// <summary>The number in "E12", for ordering and for the next label.</summary>
    public static int LabelNumber(string label) =>
        label.Length > 1 && int.TryParse(label.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
