namespace AppealStudio.Core.Letters;

// A template's YAML front matter, shared by LetterTemplate (which reads and validates it) and TemplateDocument (which
// writes it back from the Settings form), so the two cannot drift apart.
// YamlDotNet needs settable properties; unknown keys are errors so that a typo ("rootCause") is caught.
internal sealed class TemplateFrontMatter
{
    public string Id { get; set; } = string.Empty;

    public string Title { get; set; } = string.Empty;

    public string? Specialty { get; set; }

    public string? Description { get; set; }

    public List<string> Scenarios { get; set; } = [];

    public List<string> RootCauses { get; set; } = [];

    public List<string> Carcs { get; set; } = [];

    public List<string> RequiredFacts { get; set; } = [];

    public List<TemplateSlotDto> EvidenceSlots { get; set; } = [];

    public bool Clinical { get; set; }

    public string Rule { get; set; } = string.Empty;

    public List<string> Enclosures { get; set; } = [];
}

internal sealed class TemplateSlotDto
{
    public string Name { get; set; } = string.Empty;

    public string? Label { get; set; }

    public string? Topic { get; set; }

    public string? Scenario { get; set; }

    public List<string> Facts { get; set; } = [];

    public bool Required { get; set; }
}
