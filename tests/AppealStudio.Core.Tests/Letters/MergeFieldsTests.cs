using AppealStudio.Core.Letters;

namespace AppealStudio.Core.Tests.Letters;

/// <summary>Merge fields: resolved late, one voice that follows the signer, the payer's name printed once.</summary>
public class MergeFieldsTests
{
    private static readonly ProviderInfo Reyes = new() { Name = "Dana Reyes", Credentials = "MD", Npi = "1234567893" };

    [Fact]
    public void Resolve_RenderingProviderSigns_WritesInTheFirstPerson()
    {
        var values = MergeValues.From(new MergeSources { Provider = Reyes, Signer = Reyes with { Name = "Dana  Reyes" } });

        Assert.Equal("I ask you to reconsider. I performed it.", MergeFields.Resolve("{{voice.request}} to reconsider. {{voice.subject}} performed it.", values));
    }

    [Fact]
    public void Resolve_AnotherPhysicianSigns_SaysPlainlyOnWhoseBehalf_AndNamesTheClinicianWithCredentials()
    {
        var values = MergeValues.From(new MergeSources { Provider = Reyes, Signer = new ProviderInfo { Name = "Omar Haddad", Credentials = "MD", Npi = "1245319599" } });

        var text = MergeFields.Resolve("{{voice.request}} to reconsider. {{voice.subject}} performed it.\n\n{{signer.nameWithCredentials}}", values);

        Assert.Equal("On behalf of Dana Reyes, MD, who rendered the service, I ask you to reconsider. Dana Reyes, MD performed it.\n\nOmar Haddad, MD", text);
    }

    [Fact]
    public void Resolve_PayerNameTypedIntoTheAddress_IsPrintedOnce()
    {
        var values = MergeValues.From(new MergeSources
        {
            PayerName = "Acme Health Plan",
            PayerContact = new PayerContact { AddressLines = ["ACME HEALTH PLAN", "Appeals Unit", "PO Box 1", "Salt Lake City, UT 84130"] },
        });

        Assert.Equal("Acme Health Plan\\\nAppeals Unit\\\nPO Box 1\\\nSalt Lake City, UT 84130", MergeFields.Resolve("Acme Health Plan\\\n{{payer.address}}", values));
    }

    [Fact]
    public void Resolve_MissingValue_IsAVisibleMarker_AndUnknownTokensStay()
    {
        var text = MergeFields.Resolve("{{practice.name}} {{claim.custom}}", new MergeValues(new Dictionary<string, string?>()));

        Assert.Equal("[[MISSING: practice.name]] {{claim.custom}}", text);
        Assert.Contains("Settings > Practice", MergeFields.WhoCompletes("practice.name"), StringComparison.Ordinal);
        Assert.Contains("payer directory", MergeFields.WhoCompletes("payer.address"), StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ValuesAreMarkdownEscaped_AndEnclosuresAreNumbered()
    {
        var values = MergeValues.From(new MergeSources
        {
            Practice = new PracticeInfo { Name = "Smith *&* Jones" },
            Enclosures = ["Operative report, date of service 08/14/2026", "Remittance advice for claim 1"],
        });

        Assert.Equal("Smith \\*&\\* Jones", values.Get("practice.name"));
        Assert.Equal("- Enclosure 1: Operative report, date of service 08/14/2026\n- Enclosure 2: Remittance advice for claim 1", values.Get("letter.enclosures"));
    }

    [Fact]
    public void Contact_WithADirectLine_IsTheSentenceThePayerCalls()
    {
        var values = MergeValues.From(new MergeSources { Contact = new ContactInfo { Name = "Sam Specialist", Title = "Appeals specialist", Phone = "(217) 555-0150" } });

        Assert.Equal("For questions about this appeal, please contact Sam Specialist, Appeals specialist, at (217) 555-0150.", values.Get("contact.line"));
        Assert.Null(MergeValues.From(new MergeSources { Contact = new ContactInfo { Name = "No Phone" } }).Get("contact.line"));
    }

    [Theory]
    [InlineData("practice.name", "practice name")]
    [InlineData("payer.address", "payer's appeals address")]
    [InlineData("payer.policyReference", "payer policy reference")]
    public void Label_MergeOrTemplatePath_IsWordsWithoutTheDottedPath(string path, string expected) =>
        Assert.Equal(expected, MergeFields.Label(path));

    [Fact]
    public void Check_MissingPracticeName_SaysWhatIsMissingInWordsAndWhoFillsIt()
    {
        var draft = LetterSamples.OrthoDraft();
        var resolved = MergeFields.Resolve(draft.Filled.Markdown, new MergeValues(new Dictionary<string, string?>()));

        var issue = Assert.Single(LetterChecks.Check(resolved, LetterSamples.Library.Get("ortho-modifier-59"), draft.Filled.CitedExcerpts),
            i => i.Subject == "practice.name");
        Assert.StartsWith("The practice name is not filled in.", issue.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("practice.name", issue.Message, StringComparison.Ordinal);
        Assert.Contains("Settings > Practice", issue.Message, StringComparison.Ordinal);
    }
}
