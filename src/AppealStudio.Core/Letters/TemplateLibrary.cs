using AppealStudio.Core.Evidence;

namespace AppealStudio.Core.Letters;

/// <summary>The set of letter templates the app offers, loaded from a folder (the app's <c>templates/</c>) or from text.</summary>
public sealed class TemplateLibrary
{
    private readonly Dictionary<string, LetterTemplate> byId;

    private TemplateLibrary(IReadOnlyList<LetterTemplate> templates)
    {
        byId = new Dictionary<string, LetterTemplate>(StringComparer.Ordinal);
        foreach (var template in templates)
        {
            if (!byId.TryAdd(template.Id, template))
            {
                throw new TemplateFormatException(template.SourceName, $"the id '{template.Id}' is already used by {byId[template.Id].SourceName}.");
            }
        }

        Templates = templates.OrderBy(t => t.Id, StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<LetterTemplate> Templates { get; }

    /// <summary>Every <c>*.md</c> file in <paramref name="directory"/> except README.md.</summary>
    public static TemplateLibrary LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The template folder {directory} does not exist.");
        }

        var sources = Directory.EnumerateFiles(directory, "*.md")
            .Where(f => !Path.GetFileName(f).Equals("README.md", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(f => new KeyValuePair<string, string>(Path.GetFileName(f), File.ReadAllText(f)));
        return FromStrings(sources);
    }

    /// <summary>Templates from (source name, content) pairs.</summary>
    public static TemplateLibrary FromStrings(IEnumerable<KeyValuePair<string, string>> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return new TemplateLibrary(sources.Select(s => LetterTemplate.Parse(s.Value, s.Key)).ToList());
    }

    public bool TryGet(string id, out LetterTemplate template) => byId.TryGetValue(id, out template!);

    public LetterTemplate Get(string id) =>
        TryGet(id, out var template) ? template : throw new KeyNotFoundException($"No letter template has the id '{id}'.");

    public IReadOnlyList<TemplateSuggestion> Suggest(string? scenario, string? rootCause, string? carc) =>
        new TemplateSuggester(Templates).Suggest(scenario, rootCause, carc);
}

/// <summary>A template that fits a denial, and why.</summary>
/// <param name="Template">The template.</param>
/// <param name="Score">Higher fits better (see <see cref="TemplateSuggester"/>).</param>
/// <param name="Reason">One sentence: "Matches scenario modifier-59 and CARC 97."</param>
public sealed record TemplateSuggestion(LetterTemplate Template, int Score, string Reason);

/// <summary>
/// Ranks templates for a denial. Score: +100 when the template lists the denial's scenario, +40 for its root cause,
/// +20 for its CARC. A template written for specific scenarios is offered only when the denial has one of them: a
/// modifier 25 letter does not fit a modifier 59 denial just because both carry CARC 97, and an anesthesia letter
/// does not fit every coding denial. Templates with at least one match are returned, best first, ties by id.
/// </summary>
public sealed class TemplateSuggester(IEnumerable<LetterTemplate> templates)
{
    private readonly IReadOnlyList<LetterTemplate> templates = templates.ToList();

    public IReadOnlyList<TemplateSuggestion> Suggest(string? scenario, string? rootCause, string? carc)
    {
        var wantedScenario = Normalize(scenario);
        var wantedCause = Normalize(rootCause);
        var wantedCarc = NormalizeCarc(carc);
        var result = new List<TemplateSuggestion>();
        foreach (var template in templates)
        {
            var matches = new List<string>();
            var score = 0;
            if (wantedScenario is not null && template.Scenarios.Any(s => Normalize(s) == wantedScenario))
            {
                score += 100;
                matches.Add("scenario " + wantedScenario);
            }
            else if (template.Scenarios.Count > 0)
            {
                continue;
            }

            if (wantedCause is not null && template.RootCauses.Any(r => Normalize(r) == wantedCause))
            {
                score += 40;
                matches.Add("root cause " + wantedCause);
            }

            if (wantedCarc is not null && template.Carcs.Any(c => NormalizeCarc(c) == wantedCarc))
            {
                score += 20;
                matches.Add("CARC " + wantedCarc);
            }

            if (matches.Count > 0)
            {
                result.Add(new TemplateSuggestion(template, score, "Matches " + JoinAnd(matches) + "."));
            }
        }

        return result.OrderByDescending(s => s.Score).ThenBy(s => s.Template.Id, StringComparer.Ordinal).ToList();
    }

    private static string? Normalize(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : EvidenceLexicon.NormalizeName(name);

    // "CO-97", "co 97" and "97" are the same reason code.
    private static string? NormalizeCarc(string? carc)
    {
        if (string.IsNullOrWhiteSpace(carc))
        {
            return null;
        }

        var code = carc.Trim().ToUpperInvariant();
        var dash = code.IndexOfAny(['-', ' ']);
        if (dash > 0 && code[..dash] is "CO" or "PR" or "OA" or "PI" or "CR")
        {
            code = code[(dash + 1)..].Trim();
        }

        return code;
    }

    private static string JoinAnd(List<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];
}
