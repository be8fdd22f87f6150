using System.Text.RegularExpressions;
using HandlebarsDotNet;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace AppealStudio.Core.Letters;

/// <summary>A place in a template where chart excerpts are quoted.</summary>
/// <param name="Name">Slot name, used as <c>{{evidence.NAME}}</c> and <c>{{cite.NAME}}</c>.</param>
/// <param name="Label">What the excerpt must show, for the specialist choosing it.</param>
/// <param name="Topic">Evidence topic (scenario or root cause) to rank passages with; null = the template's own.</param>
/// <param name="Facts">Fact labels a passage should contain to fit this slot.</param>
/// <param name="Required">An empty required slot blocks export.</param>
public sealed record EvidenceSlot(string Name, string Label, string? Topic, IReadOnlyList<string> Facts, bool Required);

/// <summary>A template that cannot be used: bad or missing front matter, bad Handlebars, inconsistent slots.</summary>
public sealed class TemplateFormatException : Exception
{
    public TemplateFormatException()
    {
    }

    public TemplateFormatException(string message)
        : base(message)
    {
    }

    public TemplateFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TemplateFormatException(string sourceName, string problem, Exception? innerException = null)
        : base($"Template {sourceName}: {problem}", innerException)
    {
        SourceName = sourceName;
    }

    public string? SourceName { get; }
}

/// <summary>
/// An appeal-letter template: Markdown with YAML front matter (see templates/README.md). The body is Handlebars;
/// the section under the heading <c>## Clinical narrative</c> (up to the next level-1 or level-2 heading) is the
/// part the physician edits and signs.
/// </summary>
public sealed partial class LetterTemplate
{
    private LetterTemplate(string sourceName, TemplateFrontMatter meta, string body)
    {
        SourceName = sourceName;
        Id = meta.Id;
        Title = meta.Title;
        Specialty = meta.Specialty;
        Scenarios = meta.Scenarios;
        RootCauses = meta.RootCauses;
        Carcs = meta.Carcs;
        RequiredFacts = meta.RequiredFacts;
        EvidenceSlots = meta.EvidenceSlots
            .Select(s => new EvidenceSlot(s.Name, s.Label ?? s.Name, s.Topic ?? s.Scenario, s.Facts, s.Required))
            .ToList();
        Clinical = meta.Clinical;
        Rule = meta.Rule.Trim();
        Enclosures = meta.Enclosures;
        Body = body;
        Placeholders = TemplateScanner.Placeholders(body).Select(p => p.Path).Distinct(StringComparer.Ordinal).ToList();
    }

    public string SourceName { get; }

    public string Id { get; }

    public string Title { get; }

    public string? Specialty { get; }

    public IReadOnlyList<string> Scenarios { get; }

    public IReadOnlyList<string> RootCauses { get; }

    public IReadOnlyList<string> Carcs { get; }

    /// <summary>Placeholders that must be filled; the filler marks any unfilled placeholder, these are the ones the template promises to need.</summary>
    public IReadOnlyList<string> RequiredFacts { get; }

    public IReadOnlyList<EvidenceSlot> EvidenceSlots { get; }

    /// <summary>True when the letter has a clinical narrative that a physician must review and sign.</summary>
    public bool Clinical { get; }

    /// <summary>The rule(s) the letter relies on, as a citation.</summary>
    public string Rule { get; }

    /// <summary>Enclosures this kind of letter always lists; the filler adds the case's own.</summary>
    public IReadOnlyList<string> Enclosures { get; }

    /// <summary>The Handlebars Markdown after the front matter.</summary>
    public string Body { get; }

    /// <summary>Distinct placeholder paths used in the body, in order of appearance.</summary>
    public IReadOnlyList<string> Placeholders { get; }

    public static LetterTemplate Parse(string content, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(sourceName);
        var text = content.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
        {
            throw new TemplateFormatException(sourceName, "the file must start with YAML front matter between '---' lines.");
        }

        var close = FrontMatterEnd().Match(text, 3);
        if (!close.Success)
        {
            throw new TemplateFormatException(sourceName, "the front matter is not closed by a '---' line.");
        }

        var yaml = text[4..(close.Index + 1)];
        var body = text[(close.Index + close.Length)..].TrimStart('\n');
        TemplateFrontMatter meta;
        try
        {
            meta = new DeserializerBuilder()
                .WithNamingConvention(CamelCaseNamingConvention.Instance)
                .Build()
                .Deserialize<TemplateFrontMatter>(yaml) ?? throw new TemplateFormatException(sourceName, "the front matter is empty.");
        }
        catch (YamlException ex)
        {
            var detail = (ex.InnerException?.Message ?? ex.Message).TrimEnd('.');
            throw new TemplateFormatException(sourceName, $"the front matter is not valid (line {ex.Start.Line + 1}: {detail}).", ex);
        }

        Validate(sourceName, meta, body);
        try
        {
            Handlebars.Create().Compile(body);
        }
        catch (HandlebarsException ex)
        {
            throw new TemplateFormatException(sourceName, $"the body is not a valid Handlebars template ({ex.Message.TrimEnd('.')}).", ex);
        }

        return new LetterTemplate(sourceName, meta, body);
    }

    private static void Validate(string source, TemplateFrontMatter meta, string body)
    {
        if (string.IsNullOrWhiteSpace(meta.Id) || !IdPattern().IsMatch(meta.Id))
        {
            throw new TemplateFormatException(source, "'id' is required and must be lower-case words joined by hyphens (e.g. ortho-modifier-59).");
        }

        if (string.IsNullOrWhiteSpace(meta.Title))
        {
            throw new TemplateFormatException(source, "'title' is required.");
        }

        if (string.IsNullOrWhiteSpace(meta.Rule))
        {
            throw new TemplateFormatException(source, "'rule' is required: cite the rule or policy the letter relies on.");
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            throw new TemplateFormatException(source, "the body after the front matter is empty.");
        }

        var used = TemplateScanner.Placeholders(body).Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
        var slotNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var slot in meta.EvidenceSlots)
        {
            if (string.IsNullOrWhiteSpace(slot.Name) || !SlotPattern().IsMatch(slot.Name))
            {
                throw new TemplateFormatException(source, $"evidence slot name '{slot.Name}' must be lower-case letters, digits and underscores.");
            }

            if (!slotNames.Add(slot.Name))
            {
                throw new TemplateFormatException(source, $"evidence slot '{slot.Name}' is defined twice.");
            }

            if (!used.Contains("evidence." + slot.Name))
            {
                throw new TemplateFormatException(source, $"evidence slot '{slot.Name}' is never placed in the body ({{{{evidence.{slot.Name}}}}}).");
            }
        }

        foreach (var path in used.Where(p => p.StartsWith("evidence.", StringComparison.Ordinal) || p.StartsWith("cite.", StringComparison.Ordinal)))
        {
            var slot = path[(path.IndexOf('.', StringComparison.Ordinal) + 1)..];
            if (!slotNames.Contains(slot))
            {
                throw new TemplateFormatException(source, $"the body uses {{{{{path}}}}} but no evidence slot '{slot}' is declared.");
            }
        }

        foreach (var required in meta.RequiredFacts)
        {
            if (!used.Contains(required))
            {
                throw new TemplateFormatException(source, $"requiredFacts lists '{required}' but the body never uses {{{{{required}}}}}.");
            }
        }

        if (meta.Clinical && ClinicalNarrative.Find(body) is null)
        {
            throw new TemplateFormatException(source, $"'clinical: true' needs a '## {ClinicalNarrative.Heading}' section in the body.");
        }
    }

    [GeneratedRegex(@"\n---[ \t]*(?:\n|$)", RegexOptions.CultureInvariant)]
    private static partial Regex FrontMatterEnd();

    [GeneratedRegex(@"^[a-z0-9]+(?:-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[a-z][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlotPattern();
}
