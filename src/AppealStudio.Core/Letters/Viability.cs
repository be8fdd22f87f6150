using System.Globalization;
using System.Text.RegularExpressions;
using AppealStudio.Core.Charts;
using AppealStudio.Core.Evidence;

namespace AppealStudio.Core.Letters;

public enum ViabilityStatus
{
    /// <summary>The scenario has no rule the chart is checked against (medical necessity, authorization...).</summary>
    NotAssessed,

    /// <summary>The record meets the billed code's rule.</summary>
    Supported,

    /// <summary>The record does not meet the billed code's rule (or says nothing about it).</summary>
    NotSupported,
}

/// <summary>
/// Whether the chart meets the rule of the code as billed, and what it shows. A letter argues the billed code only
/// when it does; otherwise the workspace and <c>letter draft</c> say so before drafting.
/// </summary>
/// <param name="Status">Supported, not supported, or not assessed.</param>
/// <param name="Summary">One sentence for the user: what the record shows against which rule.</param>
/// <param name="Statement">For a supported finding, the sentence the letter may print (facts only, no citation).</param>
public sealed record ViabilityFinding(ViabilityStatus Status, string Summary, string? Statement = null)
{
    public static ViabilityFinding NotAssessed { get; } = new(ViabilityStatus.NotAssessed, "No billed-code rule applies to this denial.");

    public bool IsSupported => Status == ViabilityStatus.Supported;

    public bool BlocksDrafting => Status == ViabilityStatus.NotSupported;
}

/// <summary>Psychotherapy time codes and their ranges (CPT; REFERENCE §7d).</summary>
public static class PsychotherapyCodes
{
    private static readonly Dictionary<string, (int Min, int? Max)> Ranges = new(StringComparer.Ordinal)
    {
        ["90832"] = (16, 37),
        ["90833"] = (16, 37),
        ["90834"] = (38, 52),
        ["90836"] = (38, 52),
        ["90837"] = (53, null),
        ["90838"] = (53, null),
    };

    public static bool IsTimed(string? code) => code is not null && Ranges.ContainsKey(code);

    public static (int Min, int? Max)? Range(string code) => Ranges.TryGetValue(code, out var r) ? r : null;

    /// <summary>"53 minutes or more", "38 to 52 minutes".</summary>
    public static string Requirement(string code) => Range(code) is { } r
        ? r.Max is { } max ? string.Create(CultureInfo.InvariantCulture, $"{r.Min} to {max} minutes") : string.Create(CultureInfo.InvariantCulture, $"{r.Min} minutes or more")
        : "a time range";

    /// <summary>The code of the same family (standalone or add-on) that <paramref name="minutes"/> supports, or null under 16.</summary>
    public static string? CodeFor(int minutes, bool addOn)
    {
        if (minutes < 16)
        {
            return null;
        }

        return (minutes, addOn) switch
        {
            ( <= 37, false) => "90832",
            ( <= 37, true) => "90833",
            ( <= 52, false) => "90834",
            ( <= 52, true) => "90836",
            (_, false) => "90837",
            (_, true) => "90838",
        };
    }

    public static bool IsAddOn(string code) => code is "90833" or "90836" or "90838";
}

/// <summary>Anesthesia units: base + time + modifying units for the physical status (ASA RVG; REFERENCE §7c).</summary>
/// <param name="Billed">Units billed (SVC07 when the payer changed them, else SVC05).</param>
/// <param name="Paid">Units the payer paid (SVC05).</param>
/// <param name="BaseUnits">The procedure's base units (the practice's table), or null when not known.</param>
/// <param name="Minutes">Anesthesia time documented.</param>
/// <param name="StatusModifier">The billed physical status modifier ("P3").</param>
public sealed record AnesthesiaUnits(decimal? Billed, decimal? Paid, int? BaseUnits, int? Minutes, string? StatusModifier)
{
    public const int MinutesPerUnit = 15;

    /// <summary>P3 adds 1, P4 2, P5 3; P1, P2 and P6 none.</summary>
    public int ModifyingUnits => StatusModifier switch
    {
        "P3" => 1,
        "P4" => 2,
        "P5" => 3,
        _ => 0,
    };

    public decimal? TimeUnits => Minutes is { } m ? Math.Round((decimal)m / MinutesPerUnit, 1, MidpointRounding.AwayFromZero) : null;

    /// <summary>
    /// "Units billed: 14 = 7 base units + 6 time units (90 minutes of anesthesia time, 15 minutes per unit) + 1
    /// modifying unit for physical status P3. Units paid: 13."
    /// </summary>
    public string Arithmetic()
    {
        var parts = new List<string>();
        var known = 0m;
        if (BaseUnits is { } b)
        {
            parts.Add(Units(b, "base unit"));
            known += b;
        }

        if (TimeUnits is { } t)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{Units(t, "time unit")} ({Minutes} minutes of anesthesia time, {MinutesPerUnit} minutes per unit)"));
            known += t;
        }

        if (ModifyingUnits > 0)
        {
            parts.Add($"{Units(ModifyingUnits, "modifying unit")} for physical status {StatusModifier}");
            known += ModifyingUnits;
        }

        if (BaseUnits is null && TimeUnits is null)
        {
            // Neither the base units nor the anesthesia time is known: say only what the claim and the record show.
            var only = new System.Text.StringBuilder();
            only.Append(Billed is { } total ? $"Units billed: {BilledProcedure.FormatUnits(total)}" : "Units billed: not stated");
            if (ModifyingUnits > 0)
            {
                only.Append(CultureInfo.InvariantCulture, $", including {Units(ModifyingUnits, "modifying unit")} for physical status {StatusModifier}");
            }

            only.Append('.');
            if (Paid is { } p)
            {
                only.Append(CultureInfo.InvariantCulture, $" Units paid: {BilledProcedure.FormatUnits(p)}.");
            }

            return only.ToString();
        }

        if (BaseUnits is null && Billed is { } billedTotal && billedTotal - known > 0)
        {
            parts.Insert(0, $"{Units(billedTotal - known, "base unit")} (the procedure's base units as billed)");
        }

        var sb = new System.Text.StringBuilder();
        sb.Append(Billed is { } billed ? $"Units billed: {BilledProcedure.FormatUnits(billed)} = " : "Units: ");
        sb.Append(string.Join(" + ", parts)).Append('.');
        if (Paid is { } paid)
        {
            sb.Append(CultureInfo.InvariantCulture, $" Units paid: {BilledProcedure.FormatUnits(paid)}.");
        }

        return sb.ToString();
    }

    private static string Units(decimal n, string noun) =>
        $"{BilledProcedure.FormatUnits(n)} {noun}{(n == 1 ? "" : "s")}";
}

/// <summary>
/// Checks the chart against the rule of the code as billed, for the scenarios that have one: psychotherapy time for
/// session length, separately identifiable E/M work for modifier 25, the documented physical status and systemic
/// disease for P3-P5, a separate site, session, incision or injury for 59/X{EPSU}.
/// </summary>
public static partial class ClinicalViability
{
    /// <summary>Base units of the anesthesia codes the practice loaded; the CMS anesthesia base unit file has them all.</summary>
    public static IReadOnlyDictionary<string, int> DefaultBaseUnits { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        // CMS anesthesia base units (CY2026 file): knee arthroplasty.
        ["01402"] = 7,
    };

    private static readonly string[] DistinctModifiers = ["59", "XE", "XS", "XP", "XU"];

    public static ViabilityFinding Assess(string? scenario, BilledClaimLine? line, IReadOnlyList<ChartDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (line is null)
        {
            return ViabilityFinding.NotAssessed;
        }

        return scenario switch
        {
            "session-length" => SessionLength(line, documents),
            "physical-status" => PhysicalStatus(line, documents),
            "modifier-25" => Modifier25(line, documents),
            "modifier-59" => Modifier59(line, documents),
            _ => ViabilityFinding.NotAssessed,
        };
    }

    /// <summary>The first linked note that documents psychotherapy time, and what it measures.</summary>
    public static (TimeMeasure Measure, ChartDocument Document)? SessionTime(IReadOnlyList<ChartDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        foreach (var document in documents)
        {
            if (DocumentedTime.Measure(document.Text, "psychotherapy") is { } measure)
            {
                return (measure, document);
            }
        }

        return null;
    }

    /// <summary>The unit arithmetic of an anesthesia line against the record's anesthesia time.</summary>
    public static AnesthesiaUnits Units(BilledClaimLine line, IReadOnlyList<ChartDocument> documents, IReadOnlyDictionary<string, int>? baseUnits = null)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(documents);
        var minutes = documents.Select(d => DocumentedTime.Measure(d.Text, "anesthesia")?.DocumentedMinutes).FirstOrDefault(m => m is not null);
        var status = line.Billed.Modifiers.FirstOrDefault(m => PStatus().IsMatch(m))?.ToUpperInvariant();
        var table = baseUnits ?? DefaultBaseUnits;
        return new AnesthesiaUnits(line.Billed.Units, line.Adjudicated.Units, table.TryGetValue(line.Billed.Code, out var b) ? b : null, minutes, status);
    }

    /// <summary>The modifier of the scenario that was actually billed on the line ("XS", "25", "P3"), or null.</summary>
    public static string? ScenarioModifier(string? scenario, BilledClaimLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var modifiers = line.Billed.Modifiers.Select(m => m.ToUpperInvariant()).ToList();
        return scenario switch
        {
            "modifier-59" => modifiers.FirstOrDefault(m => DistinctModifiers.Contains(m, StringComparer.Ordinal)),
            "modifier-25" => modifiers.FirstOrDefault(m => m == "25"),
            "physical-status" => modifiers.FirstOrDefault(m => PStatus().IsMatch(m)),
            _ => null,
        };
    }

    private static ViabilityFinding SessionLength(BilledClaimLine line, IReadOnlyList<ChartDocument> documents)
    {
        var code = line.Billed.Code;
        if (!PsychotherapyCodes.IsTimed(code))
        {
            return ViabilityFinding.NotAssessed;
        }

        var requirement = $"{code} requires {PsychotherapyCodes.Requirement(code)} of psychotherapy";
        if (SessionTime(documents) is not { } found || found.Measure.FaceToFaceMinutes is not { } minutes)
        {
            return new ViabilityFinding(ViabilityStatus.NotSupported,
                $"No linked chart note documents the psychotherapy time (start and stop times or total minutes); {requirement}.");
        }

        var measure = found.Measure;
        var span = measure.Span is not null && (measure.StatedMinutes is null || measure.StatedMinutes == measure.SpanMinutes) ? $" ({measure.Span})" : "";
        var faceToFace = string.Create(CultureInfo.InvariantCulture, $"{minutes} minutes of face-to-face psychotherapy");
        var documented = measure.Counted.Count > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{measure.DocumentedMinutes} minutes{span}, including {JoinAnd(measure.Counted.Select(e => e.Description).ToList())}, which leaves {faceToFace}")
            : faceToFace + span;
        var note = $"The {SentenceTitle(found.Document.Title)}";
        var range = PsychotherapyCodes.Range(code)!.Value;
        if (minutes >= range.Min && (range.Max is null || minutes <= range.Max))
        {
            var statement = $"{note} documents {documented}; {requirement}";
            return new ViabilityFinding(ViabilityStatus.Supported, statement + ".", statement);
        }

        var supports = PsychotherapyCodes.CodeFor(minutes, PsychotherapyCodes.IsAddOn(code)) is { } other
            ? $"the documented time supports {other}{(other == line.Adjudicated.Code ? ", the code paid" : "")}"
            : "the documented time is below the 16 minutes of the shortest psychotherapy code";
        return new ViabilityFinding(ViabilityStatus.NotSupported, $"{note} documents {documented}. {Capitalize(requirement)}; {supports}.");
    }

    private static ViabilityFinding PhysicalStatus(BilledClaimLine line, IReadOnlyList<ChartDocument> documents)
    {
        var billed = ScenarioModifier("physical-status", line);
        if (billed is null || billed is "P1" or "P2" or "P6")
        {
            return ViabilityFinding.NotAssessed;
        }

        var billedClass = billed[1] - '0';
        var meaning = StatusMeaning(billedClass);
        var documented = documents.Select(d => DocumentedAsaClass(d.Text)).FirstOrDefault(c => c is not null);
        if (documented is not { } asa)
        {
            return new ViabilityFinding(ViabilityStatus.NotSupported,
                $"No ASA physical status is documented in the linked record; {billed} ({meaning}) was billed.");
        }

        if (asa < billedClass)
        {
            return new ViabilityFinding(ViabilityStatus.NotSupported,
                $"The record documents ASA physical status {Roman(asa)} (P{asa}, {StatusMeaning(asa)}); {billed} ({meaning}) was billed, which the record does not support.");
        }

        var disease = Facts("physical-status", documents, f => f != "asa_class" && f != "functional_capacity", DiseasePhrases);
        if (disease.Count == 0)
        {
            return new ViabilityFinding(ViabilityStatus.NotSupported,
                $"The record documents ASA physical status {Roman(asa)} but no systemic disease that supports {billed} ({meaning}).");
        }

        var statement = $"The preoperative evaluation documents ASA physical status {Roman(asa)} ({billed}: {meaning}), with {JoinAnd(disease)}";
        return new ViabilityFinding(ViabilityStatus.Supported, statement + ".", statement);
    }

    private static ViabilityFinding Modifier25(BilledClaimLine line, IReadOnlyList<ChartDocument> documents)
    {
        if (ScenarioModifier("modifier-25", line) is null)
        {
            return ViabilityFinding.NotAssessed;
        }

        var problem = Facts("modifier-25", documents, f => f is "new_problem" or "worsening", EmPhrases);
        var management = Facts("modifier-25", documents, f => f is "medication_change" or "tests_ordered" or "independent_interpretation", EmPhrases);
        if (problem.Count > 0 && management.Count > 0)
        {
            var statement = $"The visit note documents {JoinAnd(problem)}, and management of its own: {JoinAnd(management)}";
            return new ViabilityFinding(ViabilityStatus.Supported, statement + ".", statement);
        }

        var shows = problem.Concat(management).ToList();
        return new ViabilityFinding(ViabilityStatus.NotSupported,
            "No separately identifiable E/M work is documented for modifier 25: the linked record shows "
            + (shows.Count == 0 ? "no new or worsening problem and no management decision beyond the procedure." : $"{JoinAnd(shows)} only, without {(problem.Count == 0 ? "a new or worsening problem" : "management of its own (a medication change, tests ordered or data interpreted)")}."));
    }

    private static ViabilityFinding Modifier59(BilledClaimLine line, IReadOnlyList<ChartDocument> documents)
    {
        if (ScenarioModifier("modifier-59", line) is not { } modifier)
        {
            return ViabilityFinding.NotAssessed;
        }

        var distinct = Facts("modifier-59", documents, f => f is "distinct_site" or "separate_incision" or "separate_session" or "separate_injury", DistinctPhrases);
        if (distinct.Count > 0)
        {
            var statement = $"The record documents {JoinAnd(distinct)} for {line.Billed.Display}, billed with modifier {modifier}";
            return new ViabilityFinding(ViabilityStatus.Supported, statement + ".", statement);
        }

        var other = Facts("modifier-59", documents, _ => true, DistinctPhrases);
        return new ViabilityFinding(ViabilityStatus.NotSupported,
            $"No separate site, session, incision or injury is documented for the service billed with modifier {modifier}"
            + (other.Count == 0 ? "." : $": the linked record shows {JoinAnd(other)} only."));
    }

    private static readonly Dictionary<string, string> DistinctPhrases = new(StringComparer.Ordinal)
    {
        ["distinct_site"] = "a different anatomic site",
        ["separate_incision"] = "a separate incision or portal",
        ["separate_session"] = "a separate session",
        ["separate_injury"] = "a separate injury or lesion",
        ["laterality"] = "the side of each procedure",
        ["not_overlapping"] = "that the procedures did not overlap",
    };

    private static readonly Dictionary<string, string> EmPhrases = new(StringComparer.Ordinal)
    {
        ["new_problem"] = "a new problem",
        ["worsening"] = "the worsening of a known problem",
        ["medication_change"] = "medication changes",
        ["tests_ordered"] = "tests ordered",
        ["independent_interpretation"] = "an independent interpretation of test results",
    };

    private static readonly Dictionary<string, string> DiseasePhrases = new(StringComparer.Ordinal)
    {
        ["hba1c"] = "an elevated hemoglobin A1c",
        ["kidney_disease"] = "chronic kidney disease",
        ["dialysis"] = "dialysis",
        ["ejection_fraction"] = "a reduced ejection fraction",
        ["copd"] = "chronic lung disease",
        ["obesity"] = "an elevated body mass index",
        ["heart_failure"] = "heart failure",
        ["sleep_apnea"] = "obstructive sleep apnea",
        ["insulin_dependent"] = "insulin-dependent diabetes",
        ["cardiac_disease"] = "coronary or structural heart disease",
    };

    /// <summary>"psychotherapy progress note" from "Psychotherapy Progress Note"; "operative report" from "Operative report".</summary>
    private static string SentenceTitle(string title)
    {
        var words = title.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var allCapitalized = words.Length > 1 && words.All(w => char.IsUpper(w[0]) && (w.Length == 1 || !w.Skip(1).All(char.IsUpper)));
        return allCapitalized ? title.ToLowerInvariant() : Lower(title);
    }

    /// <summary>Phrases for the facts of <paramref name="topic"/> found anywhere in the documents (the lexicon's description when no phrase is given).</summary>
    private static List<string> Facts(string topic, IReadOnlyList<ChartDocument> documents, Func<string, bool> wanted, IReadOnlyDictionary<string, string>? phrases = null)
    {
        if (documents.Count == 0)
        {
            return [];
        }

        var labels = EvidenceRanker.Rank(topic, documents, max: int.MaxValue)
            .SelectMany(p => p.Facts)
            .Where(wanted)
            .Distinct(StringComparer.Ordinal)
            .ToHashSet(StringComparer.Ordinal);
        var lexicon = EvidenceLexicon.Default.Resolve(topic);
        return lexicon.Facts.Where(f => labels.Contains(f.Label))
            .Select(f => phrases is not null && phrases.TryGetValue(f.Label, out var phrase) ? phrase : Lower(f.Description))
            .ToList();
    }

    /// <summary>The ASA class (1-6) a note states, or null.</summary>
    public static int? DocumentedAsaClass(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var m = AsaClass().Match(text);
        if (m.Success)
        {
            return m.Groups["c"].Value.ToUpperInvariant() switch
            {
                "I" or "1" => 1,
                "II" or "2" => 2,
                "III" or "3" => 3,
                "IV" or "4" => 4,
                "V" or "5" => 5,
                "VI" or "6" => 6,
                _ => null,
            };
        }

        var p = PStatusInText().Match(text);
        return p.Success ? p.Groups["c"].Value[0] - '0' : null;
    }

    private static string StatusMeaning(int asa) => asa switch
    {
        1 => "a normal healthy patient",
        2 => "mild systemic disease",
        3 => "severe systemic disease",
        4 => "severe systemic disease that is a constant threat to life",
        5 => "a moribund patient not expected to survive without the operation",
        _ => "a declared brain-dead organ donor",
    };

    private static string Roman(int n) => n switch { 1 => "I", 2 => "II", 3 => "III", 4 => "IV", 5 => "V", _ => "VI" };

    private static string Lower(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    internal static string JoinAnd(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    [GeneratedRegex(@"^P[1-6]$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PStatus();

    [GeneratedRegex(@"\bASA\s*(?:class(?:ification)?|physical\s+status|PS)?\s*[:#-]?\s*(?<c>VI|IV|V|III|II|I|[1-6])(?:\s*-?\s*E)?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AsaClass();

    [GeneratedRegex(@"\bP(?<c>[1-6])\b", RegexOptions.CultureInvariant)]
    private static partial Regex PStatusInText();
}
