using System.Globalization;
using AppealStudio.Core.Charts;
using AppealStudio.Core.Evidence;

namespace AppealStudio.Core.Letters;

/// <summary>
/// A chart excerpt quoted in a letter. <see cref="Marker"/> ("E1") is how the clinical narrative cites it:
/// a sentence ending "... separate portals [E1]." rests on this excerpt.
/// </summary>
/// <param name="Marker">Citation marker without brackets: "E1", "E2"...</param>
/// <param name="Slot">Evidence slot it fills.</param>
/// <param name="DocumentId">Chart document id.</param>
/// <param name="DocumentTitle">Document title for the citation ("Operative report").</param>
/// <param name="DocumentDate">Encounter date of the document.</param>
/// <param name="Author">Document author.</param>
/// <param name="Start">Offset of the excerpt in the document text.</param>
/// <param name="End">Offset one past its end.</param>
/// <param name="Text">The excerpt, verbatim.</param>
/// <param name="Enclosure">The number of the packet enclosure that holds the document (chart documents come first, in citation order).</param>
/// <param name="Section">The document's section (heading) the excerpt sits under, when it has one.</param>
public sealed record CitedExcerpt(
    string Marker,
    string Slot,
    string DocumentId,
    string DocumentTitle,
    DateOnly? DocumentDate,
    string? Author,
    int Start,
    int End,
    string Text,
    int? Enclosure = null,
    string? Section = null)
{
    public static CitedExcerpt From(string marker, string slot, EvidencePassage passage, ChartDocument document)
    {
        ArgumentNullException.ThrowIfNull(passage);
        ArgumentNullException.ThrowIfNull(document);
        return new CitedExcerpt(marker, slot, document.Id, document.Title, document.EncounterDate, document.Author, passage.Start, passage.End, passage.Text,
            Section: DocumentSections.At(document.Text, passage.Start));
    }

    /// <summary>
    /// What a reader finds in the packet: "Enclosure 1: Operative report, date of service 08/14/2026, Elena Marquez,
    /// MD, section "Description of procedure"". Offsets, scores and ids stay inside the app.
    /// </summary>
    public string Citation
    {
        get
        {
            var head = Enclosure is { } n ? string.Create(CultureInfo.InvariantCulture, $"Enclosure {n}: {DocumentTitle}") : DocumentTitle;
            var parts = new List<string> { head };
            if (DocumentDate is { } date)
            {
                parts.Add("date of service " + date.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture));
            }

            if (!string.IsNullOrWhiteSpace(Author))
            {
                parts.Add(Author);
            }

            if (!string.IsNullOrWhiteSpace(Section) && !string.Equals(Section, DocumentTitle, StringComparison.OrdinalIgnoreCase))
            {
                parts.Add($"section \"{Section}\"");
            }

            return string.Join(", ", parts);
        }
    }

    /// <summary>The same passage of the same document (a passage quoted once may be cited for two slots).</summary>
    public bool SamePassage(CitedExcerpt other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(DocumentId, other.DocumentId, StringComparison.Ordinal) && Start == other.Start && End == other.End;
    }
}

