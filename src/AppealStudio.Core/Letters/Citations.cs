using System.Globalization;
using System.Text.RegularExpressions;
using AppealStudio.Core.Charts;
using AppealStudio.Core.Evidence;

namespace AppealStudio.Core.Letters;

/// <summary>The section a passage of a chart document sits under, so a citation says where to look.</summary>
public static partial class DocumentSections
{
    /// <summary>
    /// The heading that governs <paramref name="offset"/>: a label that opens the passage's own line ("Interventions:
    /// ..."), else the nearest heading line above it (Markdown "#", "HISTORY OF PRESENT ILLNESS:", "Plan:"); null when
    /// the note has none above the passage.
    /// </summary>
    public static string? At(string text, int offset)
    {
        ArgumentNullException.ThrowIfNull(text);
        offset = Math.Clamp(offset, 0, text.Length);
        var lineStart = offset == 0 ? 0 : text.LastIndexOf('\n', offset - 1) + 1;
        var lineEnd = text.IndexOf('\n', lineStart);
        var own = text[lineStart..(lineEnd < 0 ? text.Length : lineEnd)];
        // A label that opens a paragraph of prose ("Interventions: Cognitive behavioral therapy ...") names its section;
        // a field line ("Session start: 2:05 PM") does not.
        if (InlineLabel().Match(own) is { Success: true } inline && offset - lineStart <= inline.Length
            && own.Length - inline.Length >= 40 && char.IsLetter(own[inline.Length]))
        {
            return Tidy(inline.Groups["label"].Value);
        }

        var at = lineStart - 1;
        while (at > 0)
        {
            var start = text.LastIndexOf('\n', at - 1) + 1;
            var line = text[start..at].Trim();
            if (Heading(line) is { } heading)
            {
                return heading;
            }

            at = start - 1;
        }

        return null;
    }

    private static string? Heading(string line)
    {
        if (line.Length == 0 || line.Length > 80)
        {
            return null;
        }

        var markdown = MarkdownHeading().Match(line);
        if (markdown.Success)
        {
            return Tidy(markdown.Groups[1].Value);
        }

        // "HISTORY OF PRESENT ILLNESS:" or "Preoperative diagnoses:" alone on its line.
        if (line.EndsWith(':') && line.Count(char.IsLetter) >= 3 && !line[..^1].Contains(':', StringComparison.Ordinal))
        {
            return Tidy(line[..^1]);
        }

        var letters = line.Where(char.IsLetter).ToList();
        return letters.Count >= 4 && letters.All(char.IsUpper) && line.Length <= 60 ? Tidy(line) : null;
    }

    private static string Tidy(string label)
    {
        var text = label.Replace("**", "", StringComparison.Ordinal).Trim().TrimEnd(':').Trim();
        var letters = text.Where(char.IsLetter).ToList();
        if (letters.Count > 0 && letters.All(char.IsUpper))
        {
            text = text.ToLowerInvariant();
        }

        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }

    [GeneratedRegex(@"^#{1,6}\s+(.+?)\s*#*$", RegexOptions.CultureInvariant)]
    private static partial Regex MarkdownHeading();

    // "Risk assessment: ..." at the start of a line: a short label of words, then a colon.
    [GeneratedRegex(@"^\s*(?:\*\*)?(?<label>[A-Za-z][A-Za-z /&-]{2,40}?)(?:\*\*)?\s*:(?:\*\*)?\s", RegexOptions.CultureInvariant)]
    private static partial Regex InlineLabel();
}

/// <summary>Picks excerpts for a template's evidence slots from the ranked chart passages.</summary>
public static class EvidenceSelection
{
    /// <summary>An unused passage this close to the best one for a slot is taken instead of quoting the best one again.</summary>
    private const double NextBestRatio = 0.75;

    /// <summary>
    /// For each slot, the passage that best shows the slot's facts: only passages holding at least one of them qualify
    /// (a passage without the slot's facts never goes under it), ranked by the weight of the slot's facts found (the
    /// passage's overall score breaks ties). When the best passage already fills an earlier slot, an unused passage at
    /// least three quarters as good is taken; otherwise the same passage is cited for both slots and quoted once, rather
    /// than leaving the slot empty. Markers are numbered in slot order here; the filler renumbers them in order of first
    /// use in the letter.
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
        var result = new Dictionary<string, IReadOnlyList<CitedExcerpt>>(StringComparer.Ordinal);
        var chosenPassages = new List<CitedExcerpt>();
        var number = 1;
        foreach (var slot in template.EvidenceSlots)
        {
            var topicName = slot.Topic ?? defaultTopic ?? template.Scenarios.FirstOrDefault() ?? template.RootCauses.FirstOrDefault();
            if (topicName is null || !EvidenceLexicon.Default.TryResolve(topicName, out var topic) || documents.Count == 0)
            {
                result[slot.Name] = [];
                continue;
            }

            var ranked = RankForSlot(slot, topic, documents);
            var chosen = new List<CitedExcerpt>();
            foreach (var (passage, score) in ranked)
            {
                if (chosen.Count >= perSlot)
                {
                    break;
                }

                if (chosen.Exists(c => c.DocumentId == passage.DocumentId && c.Start == passage.Start))
                {
                    continue;
                }

                var earlier = chosenPassages.FirstOrDefault(c => c.DocumentId == passage.DocumentId && c.Start == passage.Start && c.End == passage.End);
                if (earlier is not null)
                {
                    var alternative = ranked.FirstOrDefault(r => r.Score >= score * NextBestRatio
                        && !chosenPassages.Exists(c => c.DocumentId == r.Passage.DocumentId && c.Start == r.Passage.Start)
                        && !chosen.Exists(c => c.DocumentId == r.Passage.DocumentId && c.Start == r.Passage.Start));
                    if (alternative.Passage is null)
                    {
                        // Quote once, cite in both: the same marker stands for the same passage.
                        chosen.Add(earlier with { Slot = slot.Name });
                        continue;
                    }

                    var taken = CitedExcerpt.From(Marker(number++), slot.Name, alternative.Passage, byId[alternative.Passage.DocumentId]);
                    chosen.Add(taken);
                    chosenPassages.Add(taken);
                    continue;
                }

                var excerpt = CitedExcerpt.From(Marker(number++), slot.Name, passage, byId[passage.DocumentId]);
                chosen.Add(excerpt);
                chosenPassages.Add(excerpt);
            }

            result[slot.Name] = chosen;
        }

        return result;
    }

    /// <summary>Passages holding at least one of the slot's facts, best for the slot first.</summary>
    public static IReadOnlyList<(EvidencePassage Passage, double Score)> RankForSlot(EvidenceSlot slot, EvidenceTopic topic, IReadOnlyList<ChartDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(documents);
        var weights = topic.Facts.GroupBy(f => f.Label, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Weight, StringComparer.Ordinal);
        var result = new List<(EvidencePassage Passage, double Score, int Order)>();
        var order = 0;
        foreach (var passage in EvidenceRanker.Rank(topic.Name, documents, max: int.MaxValue))
        {
            order++;
            var score = SlotScore(slot, passage, weights);
            if (score > 0)
            {
                result.Add((passage, score, order));
            }
        }

        return result.OrderByDescending(r => r.Score).ThenBy(r => r.Order).Select(r => (r.Passage, r.Score)).ToList();
    }

    /// <summary>The weight of the slot's facts found in the passage (repeats count a little), plus a tenth of its overall score.</summary>
    public static double SlotScore(EvidenceSlot slot, EvidencePassage passage, IReadOnlyDictionary<string, double> weights)
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(passage);
        ArgumentNullException.ThrowIfNull(weights);
        if (slot.Facts.Count == 0)
        {
            return passage.Score;
        }

        var score = 0.0;
        foreach (var fact in slot.Facts)
        {
            var count = passage.FactSpans.Count(s => s.Label == fact);
            if (count > 0)
            {
                score += weights.GetValueOrDefault(fact, 1) * (1 + (0.25 * Math.Min(count - 1, 2)));
            }
        }

        return score == 0 ? 0 : Math.Round(score + (0.1 * passage.Score), 3);
    }

    private static string Marker(int number) => "E" + number.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Citation markers ([E1]) and the enclosure numbers citations name.</summary>
public static partial class Citations
{
    /// <summary>Markers in order of first appearance in <paramref name="markdown"/>.</summary>
    public static IReadOnlyList<string> Order(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        return Marker().Matches(markdown).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// New markers E1, E2... in order of first use in <paramref name="markdown"/>; excerpts the text does not cite keep
    /// their order after those. Returns old marker → new marker.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Numbering(string markdown, IEnumerable<CitedExcerpt> excerpts)
    {
        ArgumentNullException.ThrowIfNull(excerpts);
        var known = excerpts.Select(e => e.Marker).Distinct(StringComparer.Ordinal).ToList();
        var order = Order(markdown).Where(known.Contains).ToList();
        order.AddRange(known.Where(k => !order.Contains(k)).OrderBy(Number));
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < order.Count; i++)
        {
            map[order[i]] = "E" + (i + 1).ToString(CultureInfo.InvariantCulture);
        }

        return map;
    }

    /// <summary>Rewrites every marker through <paramref name="map"/> in one pass (so E2→E1 and E1→E2 do not collide).</summary>
    public static string Rename(string markdown, IReadOnlyDictionary<string, string> map)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(map);
        return Marker().Replace(markdown, m => map.TryGetValue(m.Groups[1].Value, out var to) ? $"[{to}]" : m.Value);
    }

    /// <summary>
    /// Removes the markers of excerpts that are gone, with the space before them, and tidies what that leaves
    /// ("testing [E3]." → "testing.").
    /// </summary>
    public static string RemoveUnknown(string markdown, IReadOnlySet<string> known)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(known);
        var text = MarkerWithSpace().Replace(markdown, m => known.Contains(m.Groups[1].Value) ? m.Value : "");
        return TidySpaces(text);
    }

    /// <summary>
    /// Spaces left before punctuation where an empty citation or a removed marker was ("testing ." → "testing."), in
    /// prose lines only: quotations and tables are left exactly as written.
    /// </summary>
    public static string TidySpaces(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var lines = markdown.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].TrimStart();
            if (trimmed.StartsWith('>') || trimmed.StartsWith('|'))
            {
                continue;
            }

            var tidy = SpaceBeforePunctuation().Replace(lines[i], "$1");
            lines[i] = DoubleSpace().Replace(tidy, " ");
        }

        return string.Join('\n', lines);
    }

    /// <summary>Enclosure numbers for the cited documents: 1, 2... in order of first citation.</summary>
    public static IReadOnlyDictionary<string, int> Enclosures(IEnumerable<CitedExcerpt> excerptsInMarkerOrder)
    {
        ArgumentNullException.ThrowIfNull(excerptsInMarkerOrder);
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var excerpt in excerptsInMarkerOrder.OrderBy(e => Number(e.Marker)))
        {
            result.TryAdd(excerpt.DocumentId, result.Count + 1);
        }

        return result;
    }

    /// <summary>The excerpts renamed through <paramref name="map"/>, with their enclosure numbers, in marker order.</summary>
    public static IReadOnlyList<CitedExcerpt> Apply(IEnumerable<CitedExcerpt> excerpts, IReadOnlyDictionary<string, string> map)
    {
        ArgumentNullException.ThrowIfNull(excerpts);
        ArgumentNullException.ThrowIfNull(map);
        var renamed = excerpts.Select(e => map.TryGetValue(e.Marker, out var to) ? e with { Marker = to } : e).OrderBy(e => Number(e.Marker)).ToList();
        var enclosures = Enclosures(renamed);
        return renamed.Select(e => e with { Enclosure = enclosures[e.DocumentId] }).ToList();
    }

    public static int Number(string marker) =>
        marker.Length > 1 && int.TryParse(marker.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;

    [GeneratedRegex(@"\[(E\d+)\]", RegexOptions.CultureInvariant)]
    internal static partial Regex Marker();

    [GeneratedRegex(@"[ \t]?\[(E\d+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex MarkerWithSpace();

    [GeneratedRegex(@"(?<=\S)[ \t]+([.,;:!?)])", RegexOptions.CultureInvariant)]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"(?<=\S)[ \t]{2,}(?=\S)", RegexOptions.CultureInvariant)]
    private static partial Regex DoubleSpace();
}
