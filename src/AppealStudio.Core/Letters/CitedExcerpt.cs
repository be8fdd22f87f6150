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
public sealed record CitedExcerpt(
    string Marker,
    string Slot,
    string DocumentId,
    string DocumentTitle,
    DateOnly? DocumentDate,
    string? Author,
    int Start,
    int End,
    string Text)
{
    public static CitedExcerpt From(string marker, string slot, EvidencePassage passage, ChartDocument document)
    {
        ArgumentNullException.ThrowIfNull(passage);
        ArgumentNullException.ThrowIfNull(document);
        return new CitedExcerpt(marker, slot, document.Id, document.Title, document.EncounterDate, document.Author, passage.Start, passage.End, passage.Text);
    }

    /// <summary>"Operative report, 08/14/2026, Elena Marquez, MD (chars 1961-2481)".</summary>
    public string Citation
    {
        get
        {
            var parts = new List<string> { DocumentTitle };
            if (DocumentDate is { } date)
            {
                parts.Add(date.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture));
            }

            if (!string.IsNullOrWhiteSpace(Author))
            {
                parts.Add(Author);
            }

            return string.Create(CultureInfo.InvariantCulture, $"{string.Join(", ", parts)} (chars {Start}-{End})");
        }
    }
}

/// <summary>Picks excerpts for a template's evidence slots from the ranked chart passages.</summary>
public static class EvidenceSelection
{
    /// <summary>
    /// For each slot, the best-ranked passages (ranked with the slot's topic, else <paramref name="defaultTopic"/>,
    /// else the template's first scenario or root cause) that contain at least one of the slot's facts. Passages
    /// already used by an earlier slot are skipped so the letter does not quote the same text twice. Markers are
    /// numbered E1, E2... in slot order.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<CitedExcerpt>> Assign(
        LetterTemplate template,
        IReadOnlyList<ChartDocument> documents,
        string? defaultTopic = null,
        int perSlot = 1)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(documents);
        var byId = documents.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var used = new HashSet<(string, int)>();
        var result = new Dictionary<string, IReadOnlyList<CitedExcerpt>>(StringComparer.Ordinal);
        var number = 1;
        foreach (var slot in template.EvidenceSlots)
        {
            var topic = slot.Topic ?? defaultTopic ?? template.Scenarios.FirstOrDefault() ?? template.RootCauses.FirstOrDefault();
            if (topic is null || !EvidenceLexicon.Default.TryResolve(topic, out _))
            {
                result[slot.Name] = [];
                continue;
            }

            var chosen = new List<CitedExcerpt>();
            foreach (var passage in EvidenceRanker.Rank(topic, documents, max: 50))
            {
                if (chosen.Count >= perSlot)
                {
                    break;
                }

                var fits = slot.Facts.Count == 0 || passage.Facts.Any(f => slot.Facts.Contains(f, StringComparer.Ordinal));
                if (fits && used.Add((passage.DocumentId, passage.Start)))
                {
                    chosen.Add(CitedExcerpt.From("E" + number.ToString(CultureInfo.InvariantCulture), slot.Name, passage, byId[passage.DocumentId]));
                    number++;
                }
            }

            result[slot.Name] = chosen;
        }

        return result;
    }
}
