using System.Globalization;
using System.Text.RegularExpressions;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using Microsoft.EntityFrameworkCore;
using static AppealStudio.Data.Appeals.AppealRules;
using static AppealStudio.Data.Appeals.AppealChanges;

namespace AppealStudio.Data.Appeals;

/// <summary>Choosing the chart passages a letter quotes: adding one (to a slot or at the cursor) and removing one.</summary>
public sealed partial class ChooseExcerpts(
    AppDbContext db,
    TemplateStore templates,
    AppealEvidence evidence,
    AuditLog audit,
    ICurrentActor actor,
    AppealQueries queries)
{
    /// <summary>Adds a linked chart passage as an excerpt (next free label E1, E2...). The same passage twice is a no-op.</summary>
    public async Task<AppealResult> AddExcerptAsync(long appealId, long documentId, int start, int end, string? slot, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        var appeal = await db.Appeals.Include(a => a.Excerpts).FirstOrDefaultAsync(a => a.Id == appealId, cancellationToken);
        if (appeal is null)
        {
            return AppealResult.NotFound();
        }

        if (!IsEditable(appeal.Status))
        {
            return AppealResult.Locked(LockedMessage(appeal.Status));
        }

        var denial = (await queries.DenialAsync(appeal.DenialId, cancellationToken))!;
        var linked = (await evidence.LinkedDocumentsAsync(denial, cancellationToken)).FirstOrDefault(l => l.Entity.Id == documentId);
        if (linked is null)
        {
            // Only documents linked to this claim may be quoted: another patient's chart is not found, not refused.
            return AppealResult.NotFound();
        }

        var text = linked.Entity.Text;
        if (start < 0 || end <= start || end > text.Length)
        {
            return AppealResult.Invalid("That passage is not in the document.");
        }

        var same = appeal.Excerpts.Where(e => e.ChartDocumentId == documentId && e.Start == start && e.End == end).ToList();

        var stored = await templates.VersionAsync(appeal.TemplateId, appeal.TemplateVersion, cancellationToken)
                     ?? await templates.LatestAsync(appeal.TemplateId, cancellationToken);
        var slots = stored?.Template.EvidenceSlots ?? [];
        var topic = AppealEvidence.TopicFor(denial);
        EvidencePassageFacts(topic, linked, start, end, out var facts, out var score);
        string chosenSlot;
        if (!string.IsNullOrWhiteSpace(slot))
        {
            if (!slots.Any(s => s.Name == slot))
            {
                return AppealResult.Invalid("Choose one of the letter's evidence slots.", "Slot");
            }

            chosenSlot = slot;
        }
        else
        {
            // The first slot the passage's facts fit; a passage that fits none is quoted where the user put it, in no
            // slot (a quotation at the cursor), rather than under a slot whose facts it does not show.
            chosenSlot = slots.FirstOrDefault(s => s.Facts.Any(f => facts.Contains(f)) && !same.Exists(e => e.Slot == s.Name))?.Name
                         ?? (same.Count > 0 ? same[0].Slot ?? "" : "");
        }

        if (same.Exists(e => (e.Slot ?? "") == chosenSlot))
        {
            return new AppealResult(AppealOutcome.Unchanged, "That passage is already chosen.", AppealId: appeal.Id, Version: appeal.Version);
        }

        if (slots.FirstOrDefault(s => s.Name == chosenSlot) is { Facts.Count: > 0 } target && !target.Facts.Any(f => facts.Contains(f)))
        {
            // A passage without the slot's facts does not go under it: "separate incision" needs a passage that shows one.
            return AppealResult.Invalid($"That passage does not show what \"{target.Label}\" needs; choose a passage that does, or another slot.", "Slot");
        }

        // The same passage for a second slot keeps its label: it is quoted once and cited in both places.
        var label = same.Count > 0 ? same[0].Label : "E" + NextLabelNumber(appeal).ToString(CultureInfo.InvariantCulture);
        var excerpt = new AppealExcerpt
        {
            AppealId = appeal.Id,
            ChartDocumentId = documentId,
            Label = label,
            Start = start,
            End = end,
            Text = text[start..end],
            Slot = chosenSlot.Length == 0 ? null : chosenSlot,
            Facts = facts.Count == 0 ? null : Truncate(string.Join(", ", facts), 1000),
            Score = (decimal)score,
        };
        db.AppealExcerpts.Add(excerpt);
        audit.Add("appeal.excerpt-added", "Appeal", Id(appeal.Id), $"label={label} document={Id(documentId)} slot={chosenSlot}");
        await db.SaveChangesAsync(cancellationToken);
        return new AppealResult(AppealOutcome.Done, same.Count > 0
            ? $"{label} now also supports this slot. Re-fill the evidence sections to cite it there."
            : $"Added as {label}. Re-fill the evidence sections to quote it in the letter.", AppealId: appeal.Id, Version: appeal.Version);
    }

    public async Task<AppealResult> RemoveExcerptAsync(long appealId, long excerptId, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        var appeal = await db.Appeals.AsNoTracking().FirstOrDefaultAsync(a => a.Id == appealId, cancellationToken);
        if (appeal is null)
        {
            return AppealResult.NotFound();
        }

        if (!IsEditable(appeal.Status))
        {
            return AppealResult.Locked(LockedMessage(appeal.Status));
        }

        var excerpt = await db.AppealExcerpts.FirstOrDefaultAsync(e => e.Id == excerptId && e.AppealId == appealId, cancellationToken);
        if (excerpt is null)
        {
            return new AppealResult(AppealOutcome.Unchanged, "That excerpt was already removed.", AppealId: appealId, Version: appeal.Version);
        }

        db.AppealExcerpts.Remove(excerpt);
        audit.Add("appeal.excerpt-removed", "Appeal", Id(appealId), "label=" + excerpt.Label);
        await db.SaveChangesAsync(cancellationToken);
        return new AppealResult(AppealOutcome.Done, $"Removed {excerpt.Label}. Re-fill the evidence sections and remove its citation from the narrative.", AppealId: appealId, Version: appeal.Version);
    }

    private static void EvidencePassageFacts(string topic, LinkedDocument document, int start, int end, out IReadOnlyList<string> facts, out double score)
    {
        var passage = AppealEvidence.FindPassage(topic, document.Document, start, end);
        facts = passage?.Facts ?? [];
        score = passage?.Score ?? 0;
    }

    // Labels are never reused: a citation left in the text for a removed excerpt must not point at a new one.
    private static int NextLabelNumber(Appeal appeal)
    {
        var inRows = appeal.Excerpts.Select(e => AppealEvidence.LabelNumber(e.Label));
        var inText = CitationMarker().Matches(appeal.Markdown).Select(m => AppealEvidence.LabelNumber(m.Groups[1].Value));
        return inRows.Concat(inText).DefaultIfEmpty(0).Max() + 1;
    }

    [GeneratedRegex(@"\[(E\d+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex CitationMarker();
}
