using System.Text;
using System.Text.RegularExpressions;

namespace AppealStudio.Core.Letters;

/// <summary>What a refill did: the new text, the new marker of each old one, and the slots it could not place.</summary>
/// <param name="Markdown">The letter with its evidence sections rewritten and its citations renumbered.</param>
/// <param name="Renumbered">Old marker → new marker, for every excerpt kept.</param>
/// <param name="Unplaced">Labels of slots that have excerpts but no section in the letter.</param>
/// <param name="Uncited">New markers of excerpts that no sentence of the letter cites.</param>
public sealed record RefillResult(string Markdown, IReadOnlyDictionary<string, string> Renumbered, IReadOnlyList<string> Unplaced, IReadOnlyList<string> Uncited);

/// <summary>
/// Rewrites the evidence sections of an edited letter from the chosen excerpts, leaving the rest of the text as the
/// specialist wrote it: markers of excerpts that are gone are removed (with the space before them), an excerpt no
/// sentence cites is cited where the template cites its slot, and all markers are renumbered in order of first use.
/// </summary>
public static partial class LetterRefill
{
    /// <param name="markdown">The letter as edited.</param>
    /// <param name="template">Its template.</param>
    /// <param name="excerpts">The chosen excerpts.</param>
    /// <param name="render">
    /// Drafts the whole letter from the template for a set of excerpts (by slot), as the builder does. When the
    /// letter's narrative is still the template's (with or without its old citations), the narrative is drafted again
    /// with the chosen excerpts, so every excerpt is cited where the template cites its slot.
    /// </param>
    public static RefillResult Refill(string markdown, LetterTemplate template, IReadOnlyList<CitedExcerpt> excerpts,
        Func<IReadOnlyDictionary<string, IReadOnlyList<CitedExcerpt>>, FilledLetter>? render = null)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(excerpts);
        var text = markdown.Replace("\r\n", "\n", StringComparison.Ordinal);
        var known = excerpts.Select(e => e.Marker).ToHashSet(StringComparer.Ordinal);

        // 1. Citations of excerpts that were removed go, and so does the space they leave ("testing [E3]." → "testing.").
        text = Citations.RemoveUnknown(text, known);

        // 1b. A narrative nobody edited is drafted again with the chosen excerpts.
        if (render is not null && ClinicalNarrative.Extract(text) is { } narrative)
        {
            var bySlot = excerpts.GroupBy(e => e.Slot, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<CitedExcerpt>)g.ToList(), StringComparer.Ordinal);
            var drafted = render(bySlot);
            // The builder numbers citations afresh; the letter keeps the chosen excerpts' markers until step 4.
            var back = drafted.CitedExcerpts
                .Select(d => (New: d.Marker, Old: excerpts.FirstOrDefault(e => e.Slot == d.Slot && e.SamePassage(d))?.Marker))
                .Where(x => x.Old is not null)
                .GroupBy(x => x.New, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().Old!, StringComparer.Ordinal);
            var fresh = ClinicalNarrative.Extract(Citations.Rename(drafted.Markdown, back));
            var empty = ClinicalNarrative.Extract(render(new Dictionary<string, IReadOnlyList<CitedExcerpt>>(StringComparer.Ordinal)).Markdown);
            var current = WithoutCitations(narrative);
            if (fresh is not null && (current == WithoutCitations(fresh) || (empty is not null && current == WithoutCitations(empty))))
            {
                text = ClinicalNarrative.Replace(text, fresh);
            }
        }

        // 2. Each slot's section is rewritten (quote once: a passage an earlier slot quotes is referred to, not repeated).
        var unplaced = new List<string>();
        var quoted = new List<CitedExcerpt>();
        int? previousEnd = null;
        foreach (var slot in template.EvidenceSlots)
        {
            var chosen = excerpts.Where(e => string.Equals(e.Slot, slot.Name, StringComparison.Ordinal)).ToList();
            var block = chosen.Count > 0
                ? LetterFiller.EvidenceBlock(slot, chosen, quoted)
                : slot.Required ? LetterFiller.Marker("evidence." + slot.Name) : "";

            if (FindSection(text, slot) is { } span)
            {
                text = text[..span.Start] + block + text[span.End..];
                previousEnd = span.Start + block.Length;
            }
            else if (block.Length > 0 && previousEnd is { } at)
            {
                text = text[..at] + "\n\n" + block + text[at..];
                previousEnd = at + 2 + block.Length;
            }
            else if (block.Length > 0)
            {
                unplaced.Add(slot.Label);
            }
        }

        // 3. An excerpt that only its quotation cites is cited where the template cites its slot, if that sentence is still there.
        foreach (var slot in template.EvidenceSlots)
        {
            foreach (var excerpt in excerpts.Where(e => e.Slot == slot.Name).DistinctBy(e => e.Marker))
            {
                if (CitedInProse(text, excerpt.Marker))
                {
                    continue;
                }

                text = CiteAtAnchor(text, template, slot.Name, excerpt.Marker);
            }
        }

        // 4. Renumbered in order of first use; the quotations' attributions follow (enclosures too).
        var map = Citations.Numbering(text, excerpts);
        text = Citations.Rename(text, map);
        var renamed = Citations.Apply(excerpts, map);
        text = RewriteAttributions(text, template, renamed);
        text = Citations.TidySpaces(CollapseBlankLines(text));
        var uncited = renamed.Select(e => e.Marker).Distinct(StringComparer.Ordinal).Where(m => !CitedInProse(text, m)).ToList();
        return new RefillResult(text, map, unplaced, uncited);
    }

    /// <summary>A narrative compared without its citation markers and with its whitespace collapsed.</summary>
    private static string WithoutCitations(string narrative) =>
        MarkdownText.CollapseWhitespace(Citations.TidySpaces(Citations.Marker().Replace(narrative, ""))).Replace(" .", ".", StringComparison.Ordinal);

    /// <summary>True when a line that is neither a quotation nor an evidence section's reference cites <paramref name="marker"/>.</summary>
    public static bool CitedInProse(string markdown, string marker)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var token = "[" + marker + "]";
        return markdown.Split('\n').Any(l => !l.TrimStart().StartsWith('>') && !QuotedAboveLine().IsMatch(l.Trim()) && l.Contains(token, StringComparison.Ordinal));
    }

    /// <summary>
    /// The text the template writes just before <c>{{cite.slot}}</c> ("...different anatomic site from the primary
    /// procedure"), found again in the letter, gets the marker after it. Nothing happens when the sentence was edited away.
    /// </summary>
    private static string CiteAtAnchor(string text, LetterTemplate template, string slot, string marker)
    {
        var placeholder = "{{cite." + slot + "}}";
        var at = template.Body.IndexOf(placeholder, StringComparison.Ordinal);
        while (at >= 0)
        {
            var before = template.Body[..at].TrimEnd();
            var lastExpression = before.LastIndexOf("}}", StringComparison.Ordinal);
            var anchor = (lastExpression >= 0 ? before[(lastExpression + 2)..] : before).TrimStart();
            var sentenceStart = anchor.LastIndexOfAny(['.', '\n']);
            anchor = (sentenceStart >= 0 ? anchor[(sentenceStart + 1)..] : anchor).Trim();
            if (anchor.Length >= 15)
            {
                var index = text.IndexOf(anchor, StringComparison.Ordinal);
                if (index >= 0)
                {
                    var end = index + anchor.Length;
                    return text[..end] + " [" + marker + "]" + text[end..];
                }
            }

            at = template.Body.IndexOf(placeholder, at + placeholder.Length, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Rewrites each slot's section again with the final markers, so attributions and enclosure numbers match.</summary>
    private static string RewriteAttributions(string text, LetterTemplate template, IReadOnlyList<CitedExcerpt> excerpts)
    {
        var quoted = new List<CitedExcerpt>();
        foreach (var slot in template.EvidenceSlots)
        {
            var chosen = excerpts.Where(e => e.Slot == slot.Name).ToList();
            if (chosen.Count == 0 || FindSection(text, slot) is not { } span)
            {
                continue;
            }

            var block = LetterFiller.EvidenceBlock(slot, chosen, quoted);
            text = text[..span.Start] + block + text[span.End..];
        }

        return text;
    }

    private static (int Start, int End)? FindSection(string text, EvidenceSlot slot)
    {
        var marker = LetterFiller.Marker("evidence." + slot.Name);
        var index = text.IndexOf(marker, StringComparison.Ordinal);
        if (index >= 0)
        {
            return (index, index + marker.Length);
        }

        var heading = $"**{MarkdownText.Escape(slot.Label)}**";
        var at = 0;
        while (at < text.Length)
        {
            var lineEnd = text.IndexOf('\n', at);
            if (lineEnd < 0)
            {
                lineEnd = text.Length;
            }

            if (text.AsSpan(at, lineEnd - at).Trim().SequenceEqual(heading))
            {
                // The section: the label line, then blank lines, quotations and "quoted above" references.
                var end = lineEnd;
                var scan = lineEnd;
                while (scan < text.Length)
                {
                    var next = text.IndexOf('\n', scan + 1);
                    if (next < 0)
                    {
                        next = text.Length;
                    }

                    var line = text.AsSpan(scan + 1, Math.Max(0, next - scan - 1)).Trim();
                    if (line.IsEmpty)
                    {
                        scan = next;
                        continue;
                    }

                    if (line[0] != '>' && !QuotedAboveLine().IsMatch(line.ToString()))
                    {
                        break;
                    }

                    end = next;
                    scan = next;
                }

                return (at, end);
            }

            at = lineEnd + 1;
        }

        return null;
    }

    private static string CollapseBlankLines(string text)
    {
        var sb = new StringBuilder(text.Length);
        var blank = 0;
        foreach (var line in text.Split('\n'))
        {
            blank = line.Trim().Length == 0 ? blank + 1 : 0;
            if (blank <= 1)
            {
                sb.Append(line).Append('\n');
            }
        }

        return sb.ToString().TrimEnd('\n') + "\n";
    }

    [GeneratedRegex(@"^The passage quoted above also documents this \[E\d+\]\.$", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedAboveLine();
}
