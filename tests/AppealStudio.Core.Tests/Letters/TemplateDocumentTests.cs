using AppealStudio.Core.Letters;

namespace AppealStudio.Core.Tests.Letters;

/// <summary>Templates as form fields (Settings edits them this way): reading, writing back, and the parser judging the result.</summary>
public class TemplateDocumentTests
{
    public static TheoryData<string> ShippedTemplates()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(LetterSamples.TemplatesDirectory, "*.md").Order(StringComparer.Ordinal))
        {
            if (!Path.GetFileName(file).Equals("README.md", StringComparison.OrdinalIgnoreCase))
            {
                data.Add(Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedTemplates))]
    public void ReadThenWrite_EveryShippedTemplate_ParsesToTheSameTemplate(string fileName)
    {
        var source = File.ReadAllText(Path.Combine(LetterSamples.TemplatesDirectory, fileName));
        var original = LetterTemplate.Parse(source, fileName);

        var written = TemplateDocument.Read(source, fileName).Write();
        var again = LetterTemplate.Parse(written, fileName);

        Assert.Equal((original.Id, original.Title, original.Specialty, original.Clinical, original.Rule),
            (again.Id, again.Title, again.Specialty, again.Clinical, again.Rule));
        Assert.Equal(original.Scenarios, again.Scenarios);
        Assert.Equal(original.RootCauses, again.RootCauses);
        Assert.Equal(original.Carcs, again.Carcs);
        Assert.Equal(original.RequiredFacts, again.RequiredFacts);
        Assert.Equal(original.Enclosures, again.Enclosures);
        Assert.Equal(original.EvidenceSlots.Select(s => (s.Name, s.Label, s.Topic, string.Join(",", s.Facts), s.Required)),
            again.EvidenceSlots.Select(s => (s.Name, s.Label, s.Topic, string.Join(",", s.Facts), s.Required)));
        Assert.Equal(original.Placeholders, again.Placeholders);
        Assert.Equal(Normalize(original.Body), Normalize(again.Body));

        // Writing what was read a second time changes nothing: the form does not drift a template on every save.
        Assert.Equal(written, TemplateDocument.Read(written, fileName).Write());
    }

    [Fact]
    public void SplitSections_BodyWithOpeningAndHeadings_CutsAtEachLevelTwoHeading()
    {
        var sections = TemplateDocument.SplitSections("{{letter.date}}\n\nDear reviewer,\n\n## Basis\n\nThe rule.\n\n## Clinical narrative\n\nIt was distinct {{cite.a}}.\n");

        Assert.Equal([null, "Basis", "Clinical narrative"], sections.Select(s => s.Heading));
        Assert.Equal("{{letter.date}}\n\nDear reviewer,", sections[0].Text);
        Assert.Equal("It was distinct {{cite.a}}.", sections[2].Text);
        Assert.Equal("{{letter.date}}\n\nDear reviewer,\n\n## Basis\n\nThe rule.\n\n## Clinical narrative\n\nIt was distinct {{cite.a}}.\n",
            TemplateDocument.JoinSections(sections));
    }

    [Fact]
    public void Write_TextThatLooksLikeYaml_IsQuotedAndReadsBackAsText()
    {
        var source = File.ReadAllText(Path.Combine(LetterSamples.TemplatesDirectory, "timely-filing-proof.md"));
        var document = TemplateDocument.Read(source, "timely-filing-proof.md") with
        {
            Title = "Proof: \"timely\" # filing — yes: no",
            Carcs = ["29", "0042"],
            Enclosures = ["- a dash first", "true"],
        };

        var again = LetterTemplate.Parse(document.Write(), "timely-filing-proof.md");

        Assert.Equal("Proof: \"timely\" # filing — yes: no", again.Title);
        Assert.Equal(["29", "0042"], again.Carcs);
        Assert.Equal(["- a dash first", "true"], again.Enclosures);
    }

    [Fact]
    public void Read_InvalidSource_ThrowsTheParsersError()
    {
        var error = Assert.Throws<TemplateFormatException>(() => TemplateDocument.Read("---\nid: x\n---\nBody", "x.md"));

        Assert.Contains("'title' is required", error.Message, StringComparison.Ordinal);
    }

    private static string Normalize(string body) => string.Join('\n', body.Split('\n').Select(l => l.TrimEnd())).Trim();
}
