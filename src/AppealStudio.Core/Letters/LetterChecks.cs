using System.Globalization;
using System.Text.RegularExpressions;
using AppealStudio.Core.Evidence;

namespace AppealStudio.Core.Letters;

public enum LetterIssueKind
{
    /// <summary>A <c>[[MISSING: path]]</c> marker or an unrendered <c>{{...}}</c> expression.</summary>
    UnfilledPlaceholder,

    /// <summary>A required evidence slot has no excerpt in the letter.</summary>
    EmptyRequiredEvidence,

    /// <summary>A clinical letter whose <c>## Clinical narrative</c> heading is gone.</summary>
    MissingClinicalSection,

    /// <summary>A sentence of the clinical narrative states a clinical fact and cites no excerpt.</summary>
    UncitedClinicalSentence,

    /// <summary>A citation marker (<c>[E7]</c>) that matches no chosen excerpt.</summary>
    UnknownCitation,

    /// <summary>A quoted excerpt no longer reads as in the chart.</summary>
    ExcerptAltered,

    /// <summary>A quotation no sentence of the letter cites: the reader cannot tell what it proves.</summary>
    UncitedQuotation,
}

/// <summary>One problem found in a letter.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="BlocksExport">True when the letter must not be exported or sent for signature as it is.</param>
/// <param name="Message">One sentence for the user.</param>
/// <param name="Line">1-based line in the Markdown, when the problem has a place.</param>
/// <param name="Subject">The placeholder, slot, marker or sentence concerned.</param>
public sealed record LetterIssue(LetterIssueKind Kind, bool BlocksExport, string Message, int? Line, string? Subject);

/// <summary>
/// Checks a letter (as edited, with its merge fields resolved) before export and sign-off.
/// </summary>
/// <remarks>
/// Every check blocks export: unfilled placeholders and markers (a missing merge field says who completes it);
/// required evidence slots with no excerpt left in the letter; a clinical template whose narrative heading was
/// removed; citation markers that point at no excerpt; a quoted excerpt whose text no longer matches the chart (a
/// signed appeal must quote the record exactly); a quotation no sentence cites; and a clinical sentence anywhere in
/// the letter that cites no excerpt and that the signing physician has not attested as their own statement.
/// The convention is that each clinical sentence ends with the marker of the excerpt that supports it, <c>[E1]</c>,
/// or several (<c>[E1] [E3]</c>). In the clinical narrative a sentence is clinical when it holds a clinical term: any
/// substantive fact the evidence lexicon knows (an ASA class, a start time, a compartment...; weight 2 or more) or a
/// word from a short clinical vocabulary (diagnoses, anatomy, symptoms, treatments). Elsewhere it must also speak of
/// this patient or encounter ("the patient", "she", "I performed", "was documented", a date), so that the rules a
/// letter cites ("CPT reports psychotherapy by time...") are not taken for claims about the record. Block quotes,
/// headings, tables and the generated enclosure list are not checked.
/// </remarks>
public static partial class LetterChecks
{
    public static IReadOnlyList<LetterIssue> Check(string markdown, LetterTemplate template, IReadOnlyList<CitedExcerpt> citedExcerpts) =>
        Check(markdown, template, citedExcerpts, null);

    /// <param name="markdown">The letter with its merge fields resolved.</param>
    /// <param name="template">Its template.</param>
    /// <param name="citedExcerpts">The chosen excerpts.</param>
    /// <param name="attested">Clinical sentences the signing physician attested as their own statements (whitespace collapsed).</param>
    public static IReadOnlyList<LetterIssue> Check(string markdown, LetterTemplate template, IReadOnlyList<CitedExcerpt> citedExcerpts, IReadOnlyCollection<string>? attested)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(citedExcerpts);
        markdown = markdown.Replace("\r\n", "\n", StringComparison.Ordinal);
        var issues = new List<LetterIssue>();
        var reportedSlots = new HashSet<string>(StringComparer.Ordinal);

        foreach (var (path, index) in LetterFiller.FindMarkers(markdown))
        {
            if (path.StartsWith("evidence.", StringComparison.Ordinal))
            {
                var slot = path["evidence.".Length..];
                reportedSlots.Add(slot);
                issues.Add(new LetterIssue(LetterIssueKind.EmptyRequiredEvidence, true, $"The required evidence \"{SlotLabel(template, slot)}\" has no chart excerpt.", LineOf(markdown, index), slot));
            }
            else if (MergeFields.IsMergePath(path))
            {
                issues.Add(new LetterIssue(LetterIssueKind.UnfilledPlaceholder, true, $"The {MergeFields.Label(path)} is not filled in. {MergeFields.WhoCompletes(path)}", LineOf(markdown, index), path));
            }
            else
            {
                issues.Add(new LetterIssue(LetterIssueKind.UnfilledPlaceholder, true, $"The {MergeFields.Label(path)} is not filled in: fill it in the letter.", LineOf(markdown, index), path));
            }
        }

        foreach (Match m in LeftoverExpression().Matches(markdown))
        {
            issues.Add(new LetterIssue(LetterIssueKind.UnfilledPlaceholder, true, $"The expression {m.Value} was not filled in.", LineOf(markdown, m.Index), m.Value));
        }

        var present = CitationMarker().Matches(markdown).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        foreach (var slot in template.EvidenceSlots.Where(s => s.Required && !reportedSlots.Contains(s.Name)))
        {
            if (!citedExcerpts.Any(e => e.Slot == slot.Name && present.Contains(e.Marker)))
            {
                issues.Add(new LetterIssue(LetterIssueKind.EmptyRequiredEvidence, true, $"The required evidence \"{slot.Label}\" has no chart excerpt in the letter.", null, slot.Name));
            }
        }

        var known = citedExcerpts.Select(e => e.Marker).ToHashSet(StringComparer.Ordinal);
        foreach (Match m in CitationMarker().Matches(markdown))
        {
            if (!known.Contains(m.Groups[1].Value))
            {
                issues.Add(new LetterIssue(LetterIssueKind.UnknownCitation, true, $"The citation [{m.Groups[1].Value}] refers to no chosen excerpt.", LineOf(markdown, m.Index), m.Groups[1].Value));
            }
        }

        var flattened = Flatten(markdown);
        foreach (var excerpt in citedExcerpts.Where(e => present.Contains(e.Marker)))
        {
            var plain = MarkdownText.CollapseWhitespace(excerpt.Text);
            var escaped = MarkdownText.Escape(plain);
            if (!flattened.Contains(plain, StringComparison.Ordinal) && !flattened.Contains(escaped, StringComparison.Ordinal))
            {
                issues.Add(new LetterIssue(LetterIssueKind.ExcerptAltered, true, $"The quotation cited as [{excerpt.Marker}] no longer matches {excerpt.DocumentTitle}; quote the chart exactly or choose the excerpt again.", null, excerpt.Marker));
            }
        }

        foreach (var marker in citedExcerpts.Select(e => e.Marker).Distinct(StringComparer.Ordinal).Where(present.Contains))
        {
            if (!LetterRefill.CitedInProse(markdown, marker))
            {
                issues.Add(new LetterIssue(LetterIssueKind.UncitedQuotation, true,
                    $"The quotation [{marker}] is not cited by any statement of the letter; cite it where it supports a statement, or remove it.", null, marker));
            }
        }

        var narrative = ClinicalNarrative.Find(markdown);
        if (template.Clinical && narrative is null)
        {
            issues.Add(new LetterIssue(LetterIssueKind.MissingClinicalSection, true, $"The letter has no \"## {ClinicalNarrative.Heading}\" section for the physician to review.", null, null));
        }

        CheckClinicalSentences(markdown, narrative, attested, issues);
        return issues;
    }

    /// <summary>The uncited clinical sentences of a letter (whitespace collapsed), for the physician to cite or attest.</summary>
    public static IReadOnlyList<string> UncitedClinicalSentences(IEnumerable<LetterIssue> issues) =>
        issues.Where(i => i.Kind == LetterIssueKind.UncitedClinicalSentence && i.Subject is not null).Select(i => i.Subject!).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Whitespace collapsed, for comparing a sentence with what the physician attested.</summary>
    public static string NormalizeSentence(string sentence) => MarkdownText.CollapseWhitespace(sentence ?? "").Trim();

    /// <summary>True when none of the issues blocks export.</summary>
    public static bool CanExport(IEnumerable<LetterIssue> issues) => issues.All(i => !i.BlocksExport);

    private static void CheckClinicalSentences(string markdown, TextSpan? narrative, IReadOnlyCollection<string>? attested, List<LetterIssue> issues)
    {
        var attestedSet = (attested ?? []).Select(NormalizeSentence).ToHashSet(StringComparer.Ordinal);
        foreach (var paragraph in Paragraphs(markdown, new TextSpan(0, markdown.Length)))
        {
            var inNarrative = narrative is { } n && paragraph.Start >= n.Start && paragraph.End <= n.End;
            foreach (var sentence in TextPassages.Sentences(markdown, paragraph, lineBreaksEndSentences: false))
            {
                var text = markdown[sentence.Start..sentence.End];
                if (CitationMarker().IsMatch(text) || !IsClinical(text) || (!inNarrative && !AboutThisPatient().IsMatch(text)))
                {
                    continue;
                }

                var shown = NormalizeSentence(text);
                if (attestedSet.Contains(shown))
                {
                    continue;
                }

                issues.Add(new LetterIssue(LetterIssueKind.UncitedClinicalSentence, true,
                    $"This clinical statement cites no chart excerpt: \"{Shorten(shown)}\" Cite the record, or the signing physician attests it as their own statement.",
                    LineOf(markdown, sentence.Start), shown));
            }
        }
    }

    /// <summary>Prose paragraphs of the section: block quotes, headings, tables and blank lines separate them and are skipped.</summary>
    private static List<TextSpan> Paragraphs(string markdown, TextSpan section)
    {
        var result = new List<TextSpan>();
        int? start = null;
        var end = section.Start;
        var at = section.Start;
        while (at < section.End)
        {
            var lineEnd = markdown.IndexOf('\n', at, section.End - at);
            if (lineEnd < 0)
            {
                lineEnd = section.End;
            }

            var line = markdown.AsSpan(at, lineEnd - at).Trim();
            var skip = line.IsEmpty || line[0] is '>' or '#' or '|' || GeneratedEnclosure().IsMatch(line.ToString());
            if (skip)
            {
                if (start is { } s)
                {
                    result.Add(new TextSpan(s, end));
                }

                start = null;
            }
            else
            {
                start ??= at;
                end = lineEnd;
            }

            at = lineEnd + 1;
        }

        if (start is { } last)
        {
            result.Add(new TextSpan(last, end));
        }

        return result;
    }

    private static bool IsClinical(string sentence)
    {
        if (ClinicalVocabulary().IsMatch(sentence))
        {
            return true;
        }

        return ClinicalFacts.Value.Any(p => p.IsMatch(sentence));
    }

    // The lexicon's clinical facts. Administrative topics (dates of service, codes, coverage) and context facts
    // (a side such as "-RT", a "Plan:" heading) do not make a sentence a clinical claim.
    private static readonly Lazy<List<Regex>> ClinicalFacts = new(() =>
    {
        var administrative = new HashSet<string>(StringComparer.Ordinal) { "general", "eligibility" };
        var adminLabels = EvidenceLexicon.Default.Topics
            .Where(t => administrative.Contains(t.Name))
            .SelectMany(t => t.Facts.Select(f => f.Label))
            .ToHashSet(StringComparer.Ordinal);
        return EvidenceLexicon.Default.Topics
            .Where(t => !administrative.Contains(t.Name))
            .SelectMany(t => t.Facts)
            .Where(f => f.Weight >= 2 && !adminLabels.Contains(f.Label))
            .SelectMany(f => f.Patterns)
            .ToList();
    });

    private static string Flatten(string markdown) =>
        MarkdownText.CollapseWhitespace(QuotePrefix().Replace(markdown, string.Empty));

    private static string SlotLabel(LetterTemplate template, string slot) =>
        template.EvidenceSlots.FirstOrDefault(s => s.Name == slot)?.Label ?? slot;

    private static int LineOf(string text, int index)
    {
        var line = 1;
        for (var i = 0; i < index && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
            }
        }

        return line;
    }

    private static string Shorten(string text) =>
        text.Length <= 120 ? text : string.Create(CultureInfo.InvariantCulture, $"{text[..117]}...");

    [GeneratedRegex(@"\[(E\d+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex CitationMarker();

    // The enclosure list the app generates ("- Enclosure 2: Operative report, date of service ...").
    [GeneratedRegex(@"^[-*]\s+Enclosure\s+\d+:", RegexOptions.CultureInvariant)]
    private static partial Regex GeneratedEnclosure();

    // Words that tie a sentence to this patient or encounter rather than to a rule.
    [GeneratedRegex(
        @"\b(?:the|this|our|my)\s+(?:patient|client)s?\b|\b(?:patient|client)'?s\b|\b(?:he|she|his|her|hers|him|they|their)\b|\b(?:Mr|Ms|Mrs|Mx)\.|\bI\s+(?:performed|evaluated|examined|treated|saw|assessed|documented|found|noted|prescribed|ordered|provided|diagnosed|assigned)\b|\b(?:was|were|is|are)\s+(?:performed|documented|treated|diagnosed|seen|evaluated|examined|found|noted|prescribed|ordered|given|provided|assigned)\b|\bthe\s+(?:record|note|chart|report|visit|session|procedure|operation|surgery)\s+(?:shows?|documents?|records?|states?|describes?)\b|\bon\s+\d{1,2}/\d{1,2}/\d{4}\b|\btoday\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AboutThisPatient();

    [GeneratedRegex(@"\{\{[^}]*\}\}\}?", RegexOptions.CultureInvariant)]
    private static partial Regex LeftoverExpression();

    [GeneratedRegex(@"^[ \t]*>[ \t]?", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex QuotePrefix();

    // Words that make a sentence a clinical claim, beyond the lexicon's facts.
    [GeneratedRegex(
        @"\b(?:pain\w*|tear|torn|fractur\w*|injur\w*|lesion\w*|diagnos\w*|symptom\w*|condition\w*|disease\w*|disorder\w*|syndrome|infection|inflammation|effusion|stenosis|radiculopathy|arthritis|chondr\w*|menisc\w*|ligament\w*|tendon\w*|cartilage|compartment\w*|knee|shoulder|hip|spine|spinal|lumbar|cervical|joint\w*|nerve\w*|cardiac|heart|atrial|ventricular|arrhythmia|palpitations?|dyspnea|edema|hypertension|blood\s+pressure|diabet\w*|renal|kidney|pulmonary|lung\w*|apnea|obes\w*|anesthe\w*|ASA|physical\s+status|sedation|psychotherap\w*|therap\w*|counsel\w*|depress\w*|anxi\w*|panic|suicid\w*|ideation|mood|trauma\w*|medication\w*|dose|dosage|prescri\w*|mg|imaging|MRI|CT|x-?ray\w*|ultrasound|echocardiogra\w*|ECG|EKG|exam\w*|findings?|weakness|reflex\w*|deficit\w*|function\w*|mobility|gait|surg\w*|operative|arthroscop\w*|debrid\w*|incision\w*|portal\w*|medically\s+necessary|medical\s+necessity|clinical\w*|patient'?s?\s+(?:history|symptoms|condition|risk))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ClinicalVocabulary();
}
