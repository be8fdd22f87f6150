using AppealStudio.Core.Letters;

namespace AppealStudio.Web.Features.Settings.Templates;

/// <summary>One evidence slot as the form edits it (facts as text, separated by commas).</summary>
public sealed class SlotInput
{
    public string Name { get; set; } = "";

    public string Label { get; set; } = "";

    public string? Topic { get; set; }

    public string Facts { get; set; } = "";

    public bool Required { get; set; }
}

/// <summary>One part of the body: the opening (no heading) or a "##" section.</summary>
public sealed class SectionInput
{
    public string? Heading { get; set; }

    public string Text { get; set; } = "";
}

/// <summary>
/// What the template form edits: the front matter's keys as fields and the body as sections (STYLE.md rule 8: bound
/// here, never to the template). <see cref="ToDocument"/> hands it to the service, which writes the source and lets the
/// core's parser judge it.
/// </summary>
public sealed class TemplateInput
{
    public string Id { get; set; } = "";

    public string Title { get; set; } = "";

    public string? Specialty { get; set; }

    public string? Description { get; set; }

    public IReadOnlyCollection<string> Scenarios { get; set; } = [];

    public IReadOnlyCollection<string> RootCauses { get; set; } = [];

    /// <summary>CARCs separated by commas or spaces.</summary>
    public string Carcs { get; set; } = "";

    public IReadOnlyCollection<string> RequiredFacts { get; set; } = [];

    public List<SlotInput> Slots { get; set; } = [];

    public bool Clinical { get; set; }

    public string Rule { get; set; } = "";

    /// <summary>One enclosure per line.</summary>
    public string Enclosures { get; set; } = "";

    public List<SectionInput> Sections { get; set; } = [];

    public static TemplateInput From(TemplateDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new TemplateInput
        {
            Id = d.Id,
            Title = d.Title,
            Specialty = d.Specialty,
            Description = d.Description,
            Scenarios = d.Scenarios.ToList(),
            RootCauses = d.RootCauses.ToList(),
            Carcs = string.Join(", ", d.Carcs),
            RequiredFacts = d.RequiredFacts.ToList(),
            Slots = d.EvidenceSlots.Select(s => new SlotInput
            {
                Name = s.Name, Label = s.Label, Topic = s.Topic, Facts = string.Join(", ", s.Facts), Required = s.Required,
            }).ToList(),
            Clinical = d.Clinical,
            Rule = d.Rule,
            Enclosures = string.Join('\n', d.Enclosures),
            Sections = d.Sections.Select(s => new SectionInput { Heading = s.Heading, Text = s.Text }).ToList(),
        };
    }

    /// <summary>What the form's shape needs before the parser can judge it: a heading on every section after the opening.</summary>
    public IReadOnlyList<AppealStudio.Data.Practice.FieldError> Problems()
    {
        var problems = new List<AppealStudio.Data.Practice.FieldError>();
        for (var i = 0; i < Sections.Count; i++)
        {
            if ((i > 0 || Sections[i].Heading is not null) && string.IsNullOrWhiteSpace(Sections[i].Heading))
            {
                problems.Add(new(AppealStudio.Data.Practice.TemplateAdministration.SectionField + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "Give the section a heading (it starts a new part of the letter)."));
            }
        }

        for (var i = 0; i < Slots.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Slots[i].Name))
            {
                problems.Add(new(AppealStudio.Data.Practice.TemplateAdministration.SlotField + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "Name the slot: lower-case letters, digits and underscores, as used in {{evidence.name}}."));
            }
        }

        return problems;
    }

    public TemplateDocument ToDocument() => new(
        Id,
        Title,
        Specialty,
        Description,
        Scenarios.ToList(),
        RootCauses.ToList(),
        Split(Carcs, [',', ' ', ';']),
        RequiredFacts.ToList(),
        Slots.Select(s => new TemplateSlot(s.Name, s.Label, s.Topic, Split(s.Facts, [',', ' ', ';']), s.Required)).ToList(),
        Clinical,
        Rule,
        Split(Enclosures, ['\n', '\r']),
        Sections.Select(s => new TemplateSection(string.IsNullOrWhiteSpace(s.Heading) ? null : s.Heading.Trim(), s.Text.Replace("\r\n", "\n", StringComparison.Ordinal)))
            .ToList());

    private static List<string> Split(string? text, char[] separators) =>
        (text ?? "").Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
