using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
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
        var data = LetterModel.Build(template, model);
        var excerpts = model.Evidence.Values.SelectMany(x => x).ToList();
        var emptySlots = template.EvidenceSlots.Where(s => !model.Evidence.TryGetValue(s.Name, out var list) || list.Count == 0).Select(s => s.Name).ToList();

        var source = TemplateScanner.Rewrite(template.Body, p =>
        {
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
        var rendered = handlebars.Compile(source)(data);
        var markdown = ExtraBlankLines().Replace(rendered.Replace("\r\n", "\n", StringComparison.Ordinal), "\n\n").Trim('\n') + "\n";

        var unfilled = MissingMarker().Matches(markdown)
            .Select(m => m.Groups[1].Value)
            .Where(p => !p.StartsWith("evidence.", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new FilledLetter(markdown, unfilled, emptySlots, excerpts.OrderBy(e => MarkerNumber(e.Marker)).ToList());
    }

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

    private static int MarkerNumber(string marker) =>
        int.TryParse(marker.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;

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
                ("diagnosisCodes", List(claim.DiagnosisCodes)),
                ("chargeAmount", Money(claim.ChargeAmount)),
                ("deniedAmount", Money(claim.DeniedAmount)),
                ("originalSubmissionDate", Date(claim.OriginalSubmissionDate)),
                ("submissionReference", claim.SubmissionReference));
        }

        if (c.Denial is { } denial)
        {
            root["denial"] = Node(
                ("groupCode", denial.GroupCode),
                ("reasonCode", denial.ReasonCode),
                ("reasonText", denial.ReasonText),
                ("remarkCodes", List(denial.RemarkCodes)),
                ("codes", DenialCodes(denial)),
                ("remittanceDate", Date(denial.RemittanceDate)),
                ("scenario", denial.Scenario),
                ("rootCause", denial.RootCause));
        }

        root["details"] = c.Details.Where(kv => !string.IsNullOrWhiteSpace(kv.Value)).ToDictionary(kv => kv.Key, kv => (object?)kv.Value, StringComparer.Ordinal);

        var evidence = new Dictionary<string, object?>(StringComparer.Ordinal);
        var cite = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var slot in template.EvidenceSlots)
        {
            var excerpts = c.Evidence.TryGetValue(slot.Name, out var list) ? list : [];
            if (excerpts.Count > 0)
            {
                evidence[slot.Name] = $"**{MarkdownText.Escape(slot.Label)}**\n\n" + string.Join("\n\n", excerpts.Select(LetterFiller.Quote));
                cite[slot.Name] = string.Join(' ', excerpts.Select(e => $"[{e.Marker}]"));
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
