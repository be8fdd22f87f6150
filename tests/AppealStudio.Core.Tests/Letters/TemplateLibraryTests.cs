using AppealStudio.Core.Evidence;
using AppealStudio.Core.Letters;

namespace AppealStudio.Core.Tests.Letters;

public class TemplateLibraryTests
{
    private static readonly string[] ExpectedIds =
    [
        "ortho-modifier-59", "cardiology-modifier-25", "anesthesia-physical-status", "mental-health-session-length",
        "mental-health-session-authorization", "medical-necessity", "authorization-retro", "timely-filing-proof",
        "corrected-claim-cover", "eligibility-cob",
    ];

    public static TheoryData<string> TemplateIds => new(ExpectedIds);

    [Fact]
    public void LoadDirectory_RepositoryTemplates_LoadsTheTenLetterTypesAndSkipsTheReadme()
    {
        var ids = LetterSamples.Library.Templates.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(10, ids.Count);
        Assert.All(ExpectedIds, id => Assert.Contains(id, ids));
    }

    [Theory]
    [MemberData(nameof(TemplateIds))]
    public void Template_EveryShippedTemplate_RequiresThePayerPolicyAndCitesItsRule(string id)
    {
        var template = LetterSamples.Library.Get(id);

        Assert.Contains("payer.policyReference", template.RequiredFacts);
        Assert.Contains("payer.policyReference", template.Placeholders);
        Assert.False(string.IsNullOrWhiteSpace(template.Rule));
        Assert.Contains("Sincerely,", template.Body, StringComparison.Ordinal);
        Assert.Contains("| Claim number | {{claim.payerClaimNumber}} |", template.Body, StringComparison.Ordinal);
        Assert.Contains("{{letter.enclosures}}", template.Body, StringComparison.Ordinal);
        Assert.Contains("{{contact.line}}", template.Body, StringComparison.Ordinal);
        Assert.Contains("{{claim.procedureRow}}", template.Body, StringComparison.Ordinal);
        // Nothing internal reaches the payer: no template prints a scenario, root cause or template id.
        Assert.DoesNotContain("{{denial.scenario}}", template.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("{{denial.rootCause}}", template.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("{{template.", template.Body, StringComparison.Ordinal);
        Assert.Equal(template.Clinical, ClinicalNarrative.Find(template.Body) is not null);
    }

    [Theory]
    [MemberData(nameof(TemplateIds))]
    public void Template_EvidenceSlots_NameFactsTheirTopicKnows(string id)
    {
        var template = LetterSamples.Library.Get(id);

        foreach (var slot in template.EvidenceSlots)
        {
            var topic = EvidenceLexicon.Default.Resolve(slot.Topic ?? template.Scenarios.Concat(template.RootCauses).First());
            Assert.All(slot.Facts, f => Assert.Contains(topic.Facts, x => x.Label == f));
        }
    }

    [Fact]
    public void Templates_CiteTheRulesTheyRelyOn()
    {
        var lib = LetterSamples.Library;

        Assert.Contains("CR8863", lib.Get("ortho-modifier-59").Body, StringComparison.Ordinal);
        Assert.Contains("NCCI Policy Manual", lib.Get("ortho-modifier-59").Rule, StringComparison.Ordinal);
        Assert.Contains("global indicator XXX", lib.Get("cardiology-modifier-25").Body, StringComparison.Ordinal);
        // REFERENCE 7b: modifier 25 rests on CPT, the fee schedule's global indicator and the AMA E/M guidelines; the
        // NCCI manual is not cited for it (a reviewer read "Chapter XI" as a miscite that overstated the rule).
        Assert.DoesNotContain("Chapter XI", lib.Get("cardiology-modifier-25").Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Chapter XI", lib.Get("cardiology-modifier-25").Rule, StringComparison.Ordinal);
        Assert.Contains("Chapter IV, section E", lib.Get("ortho-modifier-59").Body, StringComparison.Ordinal);
        // P-status units are modifying units, not base units.
        Assert.Contains("P3 (severe systemic disease) adds 1 unit", lib.Get("anesthesia-physical-status").Body, StringComparison.Ordinal);
        Assert.Contains("modifying units", lib.Get("anesthesia-physical-status").Body, StringComparison.Ordinal);
        Assert.DoesNotContain("adds 1 base unit", lib.Get("anesthesia-physical-status").Body, StringComparison.Ordinal);
        Assert.Contains("90837 for 53 minutes or more", lib.Get("mental-health-session-length").Body, StringComparison.Ordinal);
        Assert.Contains("42 CFR 405.942", lib.Get("medical-necessity").Body, StringComparison.Ordinal);
        Assert.Contains("not psychotherapy time", lib.Get("mental-health-session-length").Body, StringComparison.Ordinal);
        Assert.Contains("42 CFR 424.44", lib.Get("timely-filing-proof").Body, StringComparison.Ordinal);
        Assert.Contains("42 CFR 405.980", lib.Get("corrected-claim-cover").Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingFrontMatter_Throws()
    {
        var ex = Assert.Throws<TemplateFormatException>(() => LetterTemplate.Parse("Dear payer", "plain.md"));

        Assert.Equal("plain.md", ex.SourceName);
        Assert.Contains("YAML front matter", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidYaml_ThrowsWithLine()
    {
        var ex = Assert.Throws<TemplateFormatException>(() => LetterTemplate.Parse("---\nid: a\ntitle: [unclosed\n---\nBody {{payer.policyReference}}", "bad.md"));

        Assert.Contains("front matter is not valid (line", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownFrontMatterKey_IsATypoError()
    {
        Assert.Throws<TemplateFormatException>(() => LetterTemplate.Parse(Minimal(extra: "rootCause: [coding]\n"), "typo.md"));
    }

    [Theory]
    [InlineData("id: Bad Id\ntitle: T\nrule: R\n", "'id' is required")]
    [InlineData("id: ok\ntitle: T\n", "'rule' is required")]
    [InlineData("id: ok\nrule: R\n", "'title' is required")]
    public void Parse_MissingOrBadRequiredFields_Throws(string yaml, string expected)
    {
        var ex = Assert.Throws<TemplateFormatException>(() => LetterTemplate.Parse($"---\n{yaml}---\nBody", "t.md"));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RequiredFactNotInBody_Throws()
    {
        var ex = Assert.Throws<TemplateFormatException>(() => LetterTemplate.Parse(Minimal(extra: "requiredFacts: [claim.payerClaimNumber]\n"), "t.md"));

        Assert.Contains("requiredFacts lists 'claim.payerClaimNumber'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SlotNeverPlaced_Throws()
    {
        var ex = Assert.Throws<TemplateFormatException>(() => LetterTemplate.Parse(Minimal(extra: "evidenceSlots:\n  - name: site\n    required: true\n"), "t.md"));

        Assert.Contains("evidence slot 'site' is never placed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BodyUsesUndeclaredSlot_Throws()
    {
        var ex = Assert.Throws<TemplateFormatException>(() => LetterTemplate.Parse(Minimal(body: "{{payer.policyReference}} {{evidence.ghost}}"), "t.md"));

        Assert.Contains("no evidence slot 'ghost'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BrokenHandlebars_Throws()
    {
        var ex = Assert.Throws<TemplateFormatException>(() => LetterTemplate.Parse(Minimal(body: "{{#if payer.isMedicare}}unclosed"), "t.md"));

        Assert.Contains("not a valid Handlebars template", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ClinicalWithoutNarrativeSection_Throws()
    {
        var ex = Assert.Throws<TemplateFormatException>(() => LetterTemplate.Parse(Minimal(extra: "clinical: true\n"), "t.md"));

        Assert.Contains("## Clinical narrative", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromStrings_DuplicateIds_Throws()
    {
        var ex = Assert.Throws<TemplateFormatException>(() => TemplateLibrary.FromStrings([new("a.md", Minimal()), new("b.md", Minimal())]));

        Assert.Contains("already used by a.md", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Placeholders_InsideEachBlocks_AreNotTopLevelPlaceholders()
    {
        var template = LetterTemplate.Parse(Minimal(body: "{{payer.policyReference}} {{#each letter.enclosures}}- {{this}} {{name}}{{/each}} {{#if claim.x}}{{claim.y}}{{/if}}"), "t.md");

        Assert.Equal(["payer.policyReference", "claim.y"], template.Placeholders);
    }

    private static string Minimal(string extra = "", string body = "Policy: {{payer.policyReference}}") =>
        $"---\nid: sample\ntitle: Sample\nrule: Some rule\n{extra}---\n{body}\n";
}
