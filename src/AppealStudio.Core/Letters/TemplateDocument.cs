using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace AppealStudio.Core.Letters;

/// <summary>An evidence slot of a template as the Settings form edits it.</summary>
public sealed record TemplateSlot(string Name, string Label, string? Topic, IReadOnlyList<string> Facts, bool Required);

/// <summary>A part of a template's body: the opening (no heading) or a "## Heading" section with its text.</summary>
public sealed record TemplateSection(string? Heading, string Text);

/// <summary>
/// A template's source as fields: the front matter's keys and the body cut at its "## " headings. Settings edits
/// templates through this (a form per section, not YAML); <see cref="Write"/> turns it back into the source that
/// <see cref="LetterTemplate.Parse"/> reads, which stays the one judge of what a valid template is.
/// </summary>
public sealed record TemplateDocument(
    string Id,
    string Title,
    string? Specialty,
    string? Description,
    IReadOnlyList<string> Scenarios,
    IReadOnlyList<string> RootCauses,
    IReadOnlyList<string> Carcs,
    IReadOnlyList<string> RequiredFacts,
    IReadOnlyList<TemplateSlot> EvidenceSlots,
    bool Clinical,
    string Rule,
    IReadOnlyList<string> Enclosures,
    IReadOnlyList<TemplateSection> Sections)
{
    private const string HeadingMark = "## ";

    /// <summary>The body as the sections give it, headings included.</summary>
    public string Body => JoinSections(Sections);

    /// <summary>
    /// Reads a template's source into fields. The source must parse as a template (the caller shows the raw source
    /// otherwise); the front matter is read again here for the keys <see cref="LetterTemplate"/> does not keep.
    /// </summary>
    /// <exception cref="TemplateFormatException">The source is not a valid template.</exception>
    public static TemplateDocument Read(string content, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(content);
        var template = LetterTemplate.Parse(content, sourceName);
        var (yaml, body) = Split(content.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF'));
        TemplateFrontMatter meta;
        try
        {
            meta = Yaml.Deserialize<TemplateFrontMatter>(yaml) ?? new TemplateFrontMatter();
        }
        catch (YamlException ex)
        {
            throw new TemplateFormatException(sourceName, "the front matter could not be read.", ex);
        }

        return new TemplateDocument(
            template.Id,
            template.Title,
            template.Specialty,
            string.IsNullOrWhiteSpace(meta.Description) ? null : meta.Description.Trim(),
            template.Scenarios,
            template.RootCauses,
            template.Carcs,
            template.RequiredFacts,
            template.EvidenceSlots.Select(s => new TemplateSlot(s.Name, s.Label, s.Topic, s.Facts, s.Required)).ToList(),
            template.Clinical,
            template.Rule,
            template.Enclosures,
            SplitSections(body));
    }

    /// <summary>The template's source: YAML front matter between "---" lines, then the body.</summary>
    public string Write()
    {
        var meta = new TemplateFrontMatter
        {
            Id = Id.Trim(),
            Title = Title.Trim(),
            Specialty = Blank(Specialty),
            Description = Blank(Description),
            Scenarios = Clean(Scenarios),
            RootCauses = Clean(RootCauses),
            Carcs = Clean(Carcs),
            RequiredFacts = Clean(RequiredFacts),
            EvidenceSlots = EvidenceSlots.Select(s => new TemplateSlotDto
            {
                Name = s.Name.Trim(),
                Label = Blank(s.Label),
                Topic = Blank(s.Topic),
                Facts = Clean(s.Facts),
                Required = s.Required,
            }).ToList(),
            Clinical = Clinical,
            Rule = Rule.Trim(),
            Enclosures = Clean(Enclosures),
        };
        var text = new StringBuilder("---\n");
        text.Append(Writer.Serialize(meta).Replace("\r\n", "\n", StringComparison.Ordinal));
        if (text[^1] != '\n')
        {
            text.Append('\n');
        }

        text.Append("---\n");
        text.Append(Body);
        return text.ToString();
    }

    /// <summary>The body cut at its "## " headings; the text before the first heading is the opening.</summary>
    public static IReadOnlyList<TemplateSection> SplitSections(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var sections = new List<TemplateSection>();
        string? heading = null;
        var lines = new List<string>();
        foreach (var line in body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.StartsWith(HeadingMark, StringComparison.Ordinal))
            {
                sections.Add(new TemplateSection(heading, Trimmed(lines)));
                heading = line[HeadingMark.Length..].Trim();
                lines.Clear();
            }
            else
            {
                lines.Add(line);
            }
        }

        sections.Add(new TemplateSection(heading, Trimmed(lines)));

        // A body that starts with a heading has an empty opening: keep it out of the form.
        return sections.Count > 1 && sections[0] is { Heading: null, Text: "" } ? sections.Skip(1).ToList() : sections;
    }

    /// <summary>The body from its sections: each heading on its own line, a blank line between parts.</summary>
    public static string JoinSections(IEnumerable<TemplateSection> sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var parts = sections.Select(s => s.Heading is null
            ? s.Text.Trim('\n')
            : HeadingMark + s.Heading.Trim() + (s.Text.Trim('\n').Length > 0 ? "\n\n" + s.Text.Trim('\n') : ""));
        return string.Join("\n\n", parts.Where(p => p.Length > 0)) + "\n";
    }

    private static (string Yaml, string Body) Split(string text)
    {
        // LetterTemplate.Parse accepted the text, so it starts with "---\n" and has a closing "---" line.
        var end = text.IndexOf("\n---", 3, StringComparison.Ordinal);
        while (end >= 0)
        {
            var after = end + 4;
            var lineEnd = text.IndexOf('\n', after);
            var rest = lineEnd < 0 ? text[after..] : text[after..lineEnd];
            if (rest.Trim(' ', '\t').Length == 0)
            {
                return (text[4..(end + 1)], lineEnd < 0 ? "" : text[(lineEnd + 1)..].TrimStart('\n'));
            }

            end = text.IndexOf("\n---", after, StringComparison.Ordinal);
        }

        return (text, "");
    }

    private static string Trimmed(List<string> lines) => string.Join('\n', lines).Trim('\n');

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static List<string> Clean(IEnumerable<string> values) =>
        values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    // Empty lists and absent values are left out, so a saved template reads like a hand-written one.
    private static readonly ISerializer Writer = new SerializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull | DefaultValuesHandling.OmitEmptyCollections | DefaultValuesHandling.OmitDefaults)
        .WithQuotingNecessaryStrings()
        .Build();
}
