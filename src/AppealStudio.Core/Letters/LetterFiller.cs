using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AppealStudio.Core.Denials;
using HandlebarsDotNet;

namespace AppealStudio.Core.Letters;

/// <summary>A filled letter and what is still missing from it.</summary>
/// <param name="Markdown">The letter as Markdown.</param>
/// <param name="UnfilledPlaceholders">Placeholder paths rendered as <c>[[MISSING: path]]</c>.</param>
/// <param name="EmptyEvidenceSlots">Evidence slots with no excerpt (required ones are also marked in the text).</param>
/// <param name="CitedExcerpts">Excerpts quoted in the letter, in marker order.</param>
public sealed record FilledLetter(
    string Markdown,
    IReadOnlyList<string> UnfilledPlaceholders,
    IReadOnlyList<string> EmptyEvidenceSlots,
    IReadOnlyList<CitedExcerpt> CitedExcerpts);

/// <summary>
/// Fills a template from a <see cref="LetterContext"/> with Handlebars.Net. Nothing renders silently empty:
/// a placeholder whose value is absent becomes <c>[[MISSING: path]]</c> in the text and is listed; a required
/// evidence slot with no excerpt becomes <c>[[MISSING: evidence.slot]]</c>. Values are Markdown-escaped; evidence
/// slots render as block quotes:
/// <code>&gt; "excerpt" — Operative report, 08/14/2026, Elena Marquez, MD (chars 1961-2481) [E1]</code>
/// and <c>{{cite.slot}}</c> renders the slot's markers ("[E1]"), empty when the slot is.
/// </summary>
public static partial class LetterFiller
{
    public const string DefaultRequestType = "reconsideration";

    public static FilledLetter Fill(LetterTemplate template, LetterContext model)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(model);

        // Two passes: the first shows the order in which the letter cites its excerpts; they are then numbered E1, E2...
        // in that order (and their documents numbered as enclosures), and the letter is filled again with those numbers.
        var excerpts = model.Evidence.Values.SelectMany(x => x).ToList();
        if (excerpts.Count > 0)
        {
            var first = Render(template, model);
            var map = Citations.Numbering(first, excerpts);
            var renamed = Citations.Apply(excerpts, map);
            var queue = renamed.ToList();
            var evidence = new Dictionary<string, IReadOnlyList<CitedExcerpt>>(StringComparer.Ordinal);
            foreach (var (slot, list) in model.Evidence)
            {
                evidence[slot] = list.Select(e =>
                {
                    var to = map.TryGetValue(e.Marker, out var m) ? m : e.Marker;
                    var match = queue.First(r => r.Marker == to && r.Slot == e.Slot && r.SamePassage(e));
                    queue.Remove(match);
                    return match;
                }).ToList();
            }

            model = model with { Evidence = evidence };
        }

        var markdown = Render(template, model);
        var emptySlots = template.EvidenceSlots.Where(s => !model.Evidence.TryGetValue(s.Name, out var list) || list.Count == 0).Select(s => s.Name).ToList();
        var unfilled = MissingMarker().Matches(markdown)
            .Select(m => m.Groups[1].Value)
            .Where(p => !p.StartsWith("evidence.", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var cited = model.Evidence.Values.SelectMany(x => x).OrderBy(e => Citations.Number(e.Marker)).ToList();
        return new FilledLetter(markdown, unfilled, emptySlots, cited);
    }

    private static string Render(LetterTemplate template, LetterContext model)
    {
        var data = LetterModel.Build(template, model);
        var source = TemplateScanner.Rewrite(template.Body, p =>
        {
            if (MergeFields.IsMergePath(p.Path))
            {
                // Resolved when the letter is shown, exported or signed, from the directories as they are then.
                return MergeOpen + p.Path + MergeClose;
            }

            if (p.Path.StartsWith("evidence.", StringComparison.Ordinal) || p.Path.StartsWith("cite.", StringComparison.Ordinal))
            {
                // Already Markdown (quotes, markers); the values were escaped when they were built.
                return LetterModel.Resolve(data, p.Path) is null ? Marker(p.Path) : "{{{" + p.Path + "}}}";
            }

            return LetterModel.Resolve(data, p.Path) is null ? Marker(p.Path) : null;
        });

        var configuration = new HandlebarsConfiguration
        {
            TextEncoder = new MarkdownTextEncoder(),
            FormatProvider = CultureInfo.InvariantCulture,
        };
        configuration.FormatterProviders.Add(new MissingValueFormatter());
        var handlebars = Handlebars.Create(configuration);
        var rendered = handlebars.Compile(source)(data)
            .Replace(MergeOpen, "{{", StringComparison.Ordinal)
            .Replace(MergeClose, "}}", StringComparison.Ordinal);
        var markdown = ExtraBlankLines().Replace(rendered.Replace("\r\n", "\n", StringComparison.Ordinal), "\n\n").Trim('\n') + "\n";
        return Citations.TidySpaces(markdown);
    }

    // Characters no template or value contains, standing for the braces of a merge token while Handlebars renders.
    private const string MergeOpen = "\u0001";
    private const string MergeClose = "\u0002";

    /// <summary>The visible marker for an unfilled placeholder.</summary>
    public static string Marker(string path) => $"[[MISSING: {path}]]";

    /// <summary>Paths of every marker in a letter.</summary>
    public static IReadOnlyList<(string Path, int Index)> FindMarkers(string markdown) =>
        MissingMarker().Matches(markdown).Select(m => (m.Groups[1].Value, m.Index)).ToList();

    /// <summary>The quote block for one excerpt.</summary>
    public static string Quote(CitedExcerpt excerpt)
    {
        ArgumentNullException.ThrowIfNull(excerpt);
        return $"> \"{MarkdownText.Escape(MarkdownText.CollapseWhitespace(excerpt.Text))}\" — {MarkdownText.Escape(excerpt.Citation)} [{excerpt.Marker}]";
    }

    /// <summary>What a slot shows for a passage already quoted under an earlier slot: quoted once, cited in both.</summary>
    public static string QuotedAbove(CitedExcerpt excerpt)
    {
        ArgumentNullException.ThrowIfNull(excerpt);
        return $"The passage quoted above also documents this [{excerpt.Marker}].";
    }

    /// <summary>
    /// The Markdown of an evidence section: the slot's label, then each excerpt quoted, or referred to when an earlier
    /// slot (in <paramref name="quoted"/>) already quotes the same passage. Adds what it quotes to <paramref name="quoted"/>.
    /// </summary>
    public static string EvidenceBlock(EvidenceSlot slot, IReadOnlyList<CitedExcerpt> excerpts, ICollection<CitedExcerpt> quoted)
    {
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(excerpts);
        ArgumentNullException.ThrowIfNull(quoted);
        var parts = new List<string>();
        foreach (var excerpt in excerpts)
        {
            if (quoted.Any(q => q.SamePassage(excerpt)))
            {
                parts.Add(QuotedAbove(excerpt));
            }
            else
            {
                parts.Add(Quote(excerpt));
                quoted.Add(excerpt);
            }
        }

        return $"**{MarkdownText.Escape(slot.Label)}**\n\n" + string.Join("\n\n", parts);
    }

    [GeneratedRegex(@"\[\[MISSING: ([^\]\s]+)\]\]", RegexOptions.CultureInvariant)]
    private static partial Regex MissingMarker();

    [GeneratedRegex(@"\n[ \t]*\n(?:[ \t]*\n)+", RegexOptions.CultureInvariant)]
    private static partial Regex ExtraBlankLines();
}

/// <summary>The dictionary tree Handlebars reads; absent values are left out so that they resolve as missing.</summary>
internal static class LetterModel
{
    public static Dictionary<string, object?> Build(LetterTemplate template, LetterContext c)
    {
        var root = new Dictionary<string, object?>(StringComparer.Ordinal);
        var enclosures = template.Enclosures.Concat(c.Enclosures).Where(e => !string.IsNullOrWhiteSpace(e)).Distinct(StringComparer.Ordinal).ToList();
        root["letter"] = Node(
            ("date", c.LetterDate == default ? null : c.LetterDate.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)),
            ("requestType", string.IsNullOrWhiteSpace(c.RequestType) ? LetterFiller.DefaultRequestType : c.RequestType),
            ("level", c.Denial?.LevelName ?? (string.IsNullOrWhiteSpace(c.RequestType) ? LetterFiller.DefaultRequestType : c.RequestType)),
            ("enclosures", enclosures.Count == 0 ? null : enclosures));
        root["template"] = Node(("id", template.Id), ("title", template.Title), ("rule", template.Rule));
        if (c.Practice is { } practice)
        {
            root["practice"] = Node(
                ("name", practice.Name),
                ("address", Lines(practice.AddressLines)),
                ("phone", practice.Phone),
                ("fax", practice.Fax),
                ("npi", practice.Npi),
                ("taxId", practice.TaxId));
        }

        if (c.Provider is { } provider)
        {
            root["provider"] = Node(("name", provider.Name), ("credentials", provider.Credentials), ("npi", provider.Npi), ("specialty", provider.Specialty));
        }

        if (c.Patient is { } patient)
        {
            root["patient"] = Node(("name", patient.Name), ("dateOfBirth", Date(patient.DateOfBirth)), ("memberId", patient.MemberId), ("accountNumber", patient.AccountNumber));
        }

        if (c.Payer is { } payer)
        {
            root["payer"] = Node(
                ("name", payer.Name),
                ("address", Lines(payer.AddressLines)),
                ("policyReference", payer.PolicyReference),
                ("payerId", payer.PayerId),
                ("isMedicare", payer.IsMedicare));
        }

        if (c.Claim is { } claim)
        {
            var dos = Date(claim.ServiceDate);
            if (dos is not null && claim.ServiceDateTo is { } to && to != claim.ServiceDate)
            {
                dos += " - " + Date(to);
            }

            root["claim"] = Node(
                ("payerClaimNumber", claim.PayerClaimNumber),
                ("patientControlNumber", claim.PatientControlNumber),
                ("serviceDate", dos),
                ("procedureCodes", List(claim.ProcedureCodes)),
                ("procedureRow", claim.Lines.Count > 0 ? string.Join("; ", claim.Lines.Select(l => l.Billed.WithUnits)) : List(claim.ProcedureCodes)),
                ("diagnosisCodes", List(claim.DiagnosisCodes)),
                ("diagnosisSource", claim.DiagnosisSource),
                ("chargeAmount", Money(claim.ChargeAmount)),
                ("deniedAmount", Money(claim.DeniedAmount)),
                ("requestedAmount", Money(claim.RequestedAmount)),
                ("originalSubmissionDate", Date(claim.OriginalSubmissionDate)),
                ("submissionReference", claim.SubmissionReference));

            if (claim.DeniedLine is { } line)
            {
                root["line"] = Node(
                    ("number", line.Number.ToString(CultureInfo.InvariantCulture)),
                    ("billed", line.Billed.Display),
                    ("billedCode", line.Billed.Code),
                    ("billedWithUnits", line.Billed.WithUnits),
                    ("billedUnits", line.Billed.Units is { } bu ? BilledProcedure.FormatUnits(bu) : null),
                    ("adjudicated", line.Adjudicated.Display),
                    ("paidUnits", line.Adjudicated.Units is { } pu ? BilledProcedure.FormatUnits(pu) : null),
                    ("billedAndPaid", line.BilledAndPaid),
                    ("isRecoded", line.IsRecoded ? true : null),
                    ("modifier", ClinicalViability.ScenarioModifier(c.Denial?.Scenario, line)),
                    ("chargeAmount", Money(line.Charge)),
                    ("paidAmount", Money(line.Paid)));
            }

            if (claim.BundledInto is { } bundle)
            {
                root["bundle"] = Node(
                    ("billed", bundle.Billed.Display),
                    ("line", "line " + bundle.Number.ToString(CultureInfo.InvariantCulture)),
                    ("paidAmount", Money(bundle.Paid)));
            }
        }

        if (c.Denial is { } denial)
        {
            var reason = CodeDictionary.Default.CarcMeaning(denial.ReasonCode) ?? denial.ReasonText;
            root["denial"] = Node(
                ("groupCode", denial.GroupCode),
                ("reasonCode", denial.ReasonCode),
                ("reasonText", denial.ReasonText),
                ("reason", reason is null ? null : LowerFirst(reason)),
                ("remarkCodes", List(denial.RemarkCodes)),
                ("codes", DenialCodes(denial)),
                ("adjustment", string.IsNullOrWhiteSpace(denial.ReasonCode) ? null : string.IsNullOrWhiteSpace(denial.GroupCode) ? "CARC " + denial.ReasonCode : $"{denial.GroupCode}-{denial.ReasonCode}"),
                ("remarks", Remarks(denial.RemarkCodes)),
                ("remittanceDate", Date(denial.RemittanceDate)),
                ("receivedDate", Date(denial.ReceivedDate)),
                ("receipt", Receipt(denial)),
                ("deadline", Date(denial.Deadline)),
                ("level", denial.LevelName),
                ("scenario", denial.Scenario),
                ("rootCause", denial.RootCause));
        }

        root["details"] = c.Details.Where(kv => !string.IsNullOrWhiteSpace(kv.Value)).ToDictionary(kv => kv.Key, kv => (object?)kv.Value, StringComparer.Ordinal);
        root["measures"] = c.Measures.Where(kv => !string.IsNullOrWhiteSpace(kv.Value)).ToDictionary(kv => kv.Key, kv => (object?)kv.Value, StringComparer.Ordinal);
        if (c.Viability is { } viability)
        {
            root["viability"] = Node(
                ("supported", viability.IsSupported ? true : null),
                ("statement", viability.IsSupported ? viability.Statement : null));
        }

        var evidence = new Dictionary<string, object?>(StringComparer.Ordinal);
        var cite = new Dictionary<string, object?>(StringComparer.Ordinal);
        var quoted = new List<CitedExcerpt>();
        foreach (var slot in template.EvidenceSlots)
        {
            var excerpts = c.Evidence.TryGetValue(slot.Name, out var list) ? list : [];
            if (excerpts.Count > 0)
            {
                evidence[slot.Name] = LetterFiller.EvidenceBlock(slot, excerpts, quoted);
                cite[slot.Name] = string.Join(' ', excerpts.Select(e => $"[{e.Marker}]").Distinct(StringComparer.Ordinal));
            }
            else
            {
                // Optional and empty: nothing to quote, and no marker, since export is not blocked by it.
                if (!slot.Required)
                {
                    evidence[slot.Name] = string.Empty;
                }

                cite[slot.Name] = string.Empty;
            }
        }

        root["evidence"] = evidence;
        root["cite"] = cite;
        return root;
    }

    /// <summary>The value at a dotted path; null when absent or blank (false and empty evidence count as present).</summary>
    public static object? Resolve(Dictionary<string, object?> root, string path)
    {
        object? current = root;
        foreach (var part in path.Split('.'))
        {
            if (current is not Dictionary<string, object?> node || !node.TryGetValue(part, out current))
            {
                return null;
            }
        }

        return current;
    }

    private static Dictionary<string, object?> Node(params (string Key, object? Value)[] values)
    {
        var node = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (value is null || (value is string s && string.IsNullOrWhiteSpace(s)))
            {
                continue;
            }

            node[key] = value;
        }

        return node;
    }

    private static string? Receipt(DenialInfo denial)
    {
        if (denial.ReceivedDate is not { } received)
        {
            return null;
        }

        return denial.ReceiptPresumed && denial.PresumptionDays > 0
            ? string.Create(CultureInfo.InvariantCulture, $"presumed received on {Date(received)}, {denial.PresumptionDays} days after its date")
            : $"received on {Date(received)}";
    }

    /// <summary>"remark N19 (procedure code incidental to the primary procedure)", as the remark codes say.</summary>
    private static string? Remarks(IReadOnlyList<string> codes)
    {
        var parts = codes.Where(c => !string.IsNullOrWhiteSpace(c))
            .Select(c => CodeDictionary.Default.RarcMeaning(c) is { } meaning ? $"remark {c} ({LowerFirst(meaning.TrimEnd('.'))})" : $"remark {c}")
            .ToList();
        return parts.Count == 0 ? null : string.Join(" and ", parts);
    }

    private static string LowerFirst(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    private static string? Date(DateOnly? date) => date?.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture);

    private static string? Money(decimal? amount) => amount is { } a ? "$" + a.ToString("#,##0.00", CultureInfo.InvariantCulture) : null;

    private static string? List(IReadOnlyList<string> items)
    {
        var present = items.Where(i => !string.IsNullOrWhiteSpace(i)).ToList();
        return present.Count == 0 ? null : string.Join(", ", present);
    }

    private static string? Lines(IReadOnlyList<string> lines)
    {
        var present = lines.Where(i => !string.IsNullOrWhiteSpace(i)).ToList();
        return present.Count == 0 ? null : string.Join('\n', present);
    }

    private static string? DenialCodes(DenialInfo denial)
    {
        var sb = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(denial.ReasonCode))
        {
            sb.Append(string.IsNullOrWhiteSpace(denial.GroupCode) ? "CARC " + denial.ReasonCode : $"{denial.GroupCode}-{denial.ReasonCode}");
        }

        var remarks = List(denial.RemarkCodes);
        if (remarks is not null)
        {
            sb.Append(sb.Length > 0 ? " " : string.Empty).Append(CultureInfo.InvariantCulture, $"(RARC {remarks})");
        }

        return sb.Length == 0 ? null : sb.ToString();
    }
}
