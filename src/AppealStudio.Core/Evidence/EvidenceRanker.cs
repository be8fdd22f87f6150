using System.Globalization;
using System.Text.RegularExpressions;
using AppealStudio.Core.Charts;

namespace AppealStudio.Core.Evidence;

/// <summary>
/// Finds and ranks the chart passages that support an appeal for a scenario or root cause.
/// </summary>
/// <remarks>
/// Each document is split into passages (<see cref="TextPassages"/>); every fact pattern of the topic is matched
/// inside each passage. A match is dropped when the fact is negatable and a negation cue ("no", "not", "denies",
/// "negative for", "no history of", "without evidence of", "ruled out"...) stands within the four words before it in
/// the same clause. Score of a passage with k distinct facts:
/// <code>
/// score = Σ over facts f of  w_f × (1 + 0.25 × min(n_f − 1, 2))    (n_f matches of f; repeats add at most +50%)
///       + 1.0 × (k − 1)                                          (different kinds of fact corroborate each other)
///       + 0.5 if any matched text contains a digit                (quantified: a time, a value, a duration)
/// </code>
/// For session-length topics, a start and a stop time (or a "14:05-15:02" range) in the same passage add a derived
/// fact "duration N min" of weight 3. Passages with no fact, or only context facts (weight below 2, such as a bare
/// "Plan:" heading or a side), are not evidence and are not returned. Ties go to more distinct facts, then the
/// shorter passage, then document order.
/// </remarks>
public static partial class EvidenceRanker
{
    private const double DerivedDurationWeight = 3;
    private const double SubstantiveWeight = 2;

    public static IReadOnlyList<EvidencePassage> Rank(string scenarioOrRootCause, IEnumerable<ChartDocument> documents, int max = 10) =>
        Rank(scenarioOrRootCause, documents, EvidenceLexicon.Default, max);

    public static IReadOnlyList<EvidencePassage> Rank(string scenarioOrRootCause, IEnumerable<ChartDocument> documents, EvidenceLexicon lexicon, int max = 10)
    {
        ArgumentNullException.ThrowIfNull(scenarioOrRootCause);
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(lexicon);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var topic = lexicon.Resolve(scenarioOrRootCause);

        var scored = new List<(EvidencePassage Passage, int Distinct, int Order)>();
        var order = 0;
        foreach (var document in documents)
        {
            foreach (var span in TextPassages.Split(document.Text))
            {
                var passage = Score(topic, document, span);
                if (passage is not null)
                {
                    scored.Add((passage, passage.Facts.Count, order));
                }

                order++;
            }
        }

        return scored
            .OrderByDescending(x => x.Passage.Score)
            .ThenByDescending(x => x.Distinct)
            .ThenBy(x => x.Passage.End - x.Passage.Start)
            .ThenBy(x => x.Order)
            .Take(max)
            .Select(x => x.Passage)
            .ToList();
    }

    /// <summary>Facts of <paramref name="topic"/> found in one passage, or null when there are none.</summary>
    internal static EvidencePassage? Score(EvidenceTopic topic, ChartDocument document, TextSpan span)
    {
        var text = document.Text;
        var passageText = text[span.Start..span.End];
        var spans = new List<FactSpan>();
        var labels = new List<string>();
        var score = 0.0;
        var strongest = 0.0;
        var quantified = false;
        foreach (var fact in topic.Facts)
        {
            var matches = new List<FactSpan>();
            foreach (var pattern in fact.Patterns)
            {
                foreach (Match m in pattern.Matches(passageText))
                {
                    if (m.Length == 0 || (fact.Negatable && IsNegated(passageText, m.Index)))
                    {
                        continue;
                    }

                    var candidate = new FactSpan(fact.Label, span.Start + m.Index, span.Start + m.Index + m.Length);
                    if (!matches.Exists(x => x.Start < candidate.End && candidate.Start < x.End))
                    {
                        matches.Add(candidate);
                    }
                }
            }

            if (matches.Count == 0)
            {
                continue;
            }

            labels.Add(fact.Label);
            spans.AddRange(matches);
            strongest = Math.Max(strongest, fact.Weight);
            score += fact.Weight * (1 + (0.25 * Math.Min(matches.Count - 1, 2)));
            quantified |= matches.Exists(x => text.AsSpan(x.Start, x.End - x.Start).IndexOfAnyInRange('0', '9') >= 0);
        }

        if (labels.Count == 0 || strongest < SubstantiveWeight)
        {
            return null;
        }

        var distinct = labels.Count;
        if (topic.DerivesDuration && SessionDuration(text, spans) is { } minutes)
        {
            labels.Add(string.Create(CultureInfo.InvariantCulture, $"duration {minutes} min"));
            score += DerivedDurationWeight;
            distinct++;
        }

        score += distinct - 1;
        if (quantified)
        {
            score += 0.5;
        }

        spans.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
        return new EvidencePassage(document.Id, document.Title, span.Start, span.End, passageText, Math.Round(score, 2), labels, spans);
    }

    /// <summary>Minutes between the first start and stop times (or the first time range) in the passage.</summary>
    internal static int? SessionDuration(string text, IReadOnlyList<FactSpan> spans)
    {
        var start = spans.FirstOrDefault(s => s.Label == "start_time");
        var stop = spans.FirstOrDefault(s => s.Label == "stop_time" && (start is null || s.Start > start.Start));
        TimeOnly? from = null, to = null;
        if (start is not null && stop is not null)
        {
            from = ParseTimes(text[start.Start..start.End]).FirstOrDefault();
            to = ParseTimes(text[stop.Start..stop.End]).FirstOrDefault();
        }
        else if (spans.FirstOrDefault(s => s.Label == "time_range") is { } range)
        {
            var times = ParseTimes(text[range.Start..range.End]);
            if (times.Count == 2)
            {
                (from, to) = (times[0], times[1]);
            }
        }

        if (from is not { } f || to is not { } t)
        {
            return null;
        }

        var minutes = (int)(t - f).TotalMinutes; // TimeOnly subtraction wraps past midnight
        // "12:50-1:40" without am/pm: the stop reads as earlier than the start on a 12-hour clock.
        if (minutes > 12 * 60 && t.Hour < 12 && f.Hour < 13)
        {
            minutes -= 12 * 60;
        }

        // A session shorter than a minute or longer than four hours is a misread, not a duration to argue from.
        return minutes is >= 1 and <= 240 ? minutes : null;
    }

    private static List<TimeOnly?> ParseTimes(string text)
    {
        var result = new List<TimeOnly?>();
        foreach (Match m in ClockTime().Matches(text))
        {
            var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
            var minute = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
            var meridiem = m.Groups["ap"].Value.ToUpperInvariant();
            if (meridiem == "P" && hour < 12)
            {
                hour += 12;
            }
            else if (meridiem == "A" && hour == 12)
            {
                hour = 0;
            }

            if (hour is >= 0 and < 24 && minute is >= 0 and < 60)
            {
                result.Add(new TimeOnly(hour, minute));
            }
        }

        return result;
    }

    private static bool IsNegated(string passage, int matchIndex)
    {
        var windowStart = Math.Max(0, matchIndex - 80);
        var before = passage[windowStart..matchIndex];
        var clauseBreak = before.LastIndexOfAny(['.', ';', ':', '!', '?', '\n']);
        if (clauseBreak >= 0)
        {
            before = before[(clauseBreak + 1)..];
        }

        var but = before.LastIndexOf(" but ", StringComparison.OrdinalIgnoreCase);
        if (but >= 0)
        {
            before = before[(but + 5)..];
        }

        return NegationCue().IsMatch(before);
    }

    [GeneratedRegex(@"\b(?:no|not|denies|denied|negative\s+for|free\s+of|without\s+(?:evidence|signs?|history)\s+of|ruled\s+out|rules\s+out|absence\s+of|never\s+had|no\s+(?:history|evidence|signs?)\s+of)\b(?:\W+\w+){0,4}?\W*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex NegationCue();

    [GeneratedRegex(@"(?<h>\d{1,2}):(?<m>\d{2})(?:\s*(?<ap>[ap])\.?\s?m\.?)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClockTime();
}
