using AppealStudio.Core.Letters;

namespace AppealStudio.Core.Tests.Letters;

public class LetterFillerTests
{
    private static readonly LetterTemplate Ortho = LetterSamples.Library.Get("ortho-modifier-59");

    [Fact]
    public void Fill_CompleteContext_LeavesNothingUnfilledAndBuildsTheLetter()
    {
        var letter = LetterFiller.Fill(Ortho, LetterSamples.OrthoContext());

        Assert.Empty(letter.UnfilledPlaceholders);
        Assert.Empty(letter.EmptyEvidenceSlots);
        Assert.DoesNotContain("[[MISSING", letter.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", letter.Markdown, StringComparison.Ordinal);
        Assert.StartsWith("September 20, 2026\n", letter.Markdown, StringComparison.Ordinal);
        Assert.Contains("Acme Health Plan\\\nAttn: Provider Appeals\\\nPO Box 30512\\\nSalt Lake City, UT 84130", letter.Markdown, StringComparison.Ordinal);
        Assert.Contains("| Claim number | AH2608140093 |", letter.Markdown, StringComparison.Ordinal);
        Assert.Contains("| Procedure codes | 29881-RT, 29877-59-LT |", letter.Markdown, StringComparison.Ordinal);
        Assert.Contains("| Denial codes | CO-97 (RARC M15) |", letter.Markdown, StringComparison.Ordinal);
        Assert.Contains("counted from the remittance advice dated 09/02/2026", letter.Markdown, StringComparison.Ordinal);
        Assert.Contains("- Operative report for the date of service\n- Copy of the remittance advice showing the denial\n- MRI reports of both knees", letter.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Fill_EvidenceSlots_QuoteTheChartWithCitationAndMarker()
    {
        var letter = LetterFiller.Fill(Ortho, LetterSamples.OrthoContext());
        var e1 = letter.CitedExcerpts[0];

        Assert.Equal("E1", e1.Marker);
        Assert.Equal("distinct_site", e1.Slot);
        Assert.Equal(LetterSamples.OrthoNote.Text[e1.Start..e1.End], e1.Text);
        Assert.Contains($"> \"Attention was then turned to the contralateral left knee, which was separately prepped", letter.Markdown, StringComparison.Ordinal);
        Assert.Contains($"— Operative report, 08/14/2026, Elena Marquez, MD (chars {e1.Start}-{e1.End}) [E1]", letter.Markdown, StringComparison.Ordinal);
        Assert.Contains("from the primary procedure [E1].", letter.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Fill_MissingPolicyReference_RendersAVisibleMarkerAndListsIt()
    {
        var letter = LetterFiller.Fill(Ortho, LetterSamples.OrthoContext(policy: "  "));

        Assert.Equal(["payer.policyReference"], letter.UnfilledPlaceholders);
        Assert.Contains("The payer policy applied to this claim: [[MISSING: payer.policyReference]].", letter.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Fill_MissingWholeSection_MarksEveryPlaceholderOfIt()
    {
        var letter = LetterFiller.Fill(Ortho, LetterSamples.OrthoContext() with { Claim = null });

        Assert.Contains("claim.payerClaimNumber", letter.UnfilledPlaceholders);
        Assert.Contains("claim.serviceDate", letter.UnfilledPlaceholders);
        Assert.Contains("| Claim number | [[MISSING: claim.payerClaimNumber]] |", letter.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Fill_RequiredEvidenceSlotEmpty_RendersMarkerAndOptionalSlotDisappears()
    {
        var letter = LetterFiller.Fill(Ortho, LetterSamples.OrthoContext(evidence: new Dictionary<string, IReadOnlyList<CitedExcerpt>>()));

        Assert.Equal(["distinct_site", "separate_approach"], letter.EmptyEvidenceSlots);
        Assert.Contains("[[MISSING: evidence.distinct_site]]", letter.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("evidence.separate_approach", letter.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("evidence.distinct_site", letter.UnfilledPlaceholders);
        Assert.DoesNotContain("\n\n\n", letter.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Fill_ValuesWithMarkdownCharacters_AreEscaped()
    {
        var context = LetterSamples.OrthoContext() with
        {
            Patient = new PatientInfo { Name = "Ann *Bold* [x](javascript:alert(1)) | pipe", DateOfBirth = new DateOnly(1961, 5, 22), MemberId = "Q_1" },
        };

        var letter = LetterFiller.Fill(Ortho, context);

        Assert.Contains("| Patient | Ann \\*Bold\\* \\[x\\](javascript:alert(1)) \\| pipe |", letter.Markdown, StringComparison.Ordinal);
        Assert.Contains("| Member ID | Q\\_1 |", letter.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("<a", MarkdownRendering.ToHtml(letter.Markdown), StringComparison.Ordinal);
    }

    [Fact]
    public void Fill_MedicarePayer_TakesTheRegulatoryBranch()
    {
        var context = LetterSamples.OrthoContext() with { Payer = LetterSamples.OrthoContext().Payer! with { IsMedicare = true }, RequestType = "redetermination" };

        var letter = LetterFiller.Fill(Ortho, context);

        Assert.Contains("This request for redetermination is filed within 120 days", letter.Markdown, StringComparison.Ordinal);
        Assert.Contains("42 CFR 405.942(a)", letter.Markdown, StringComparison.Ordinal);
        Assert.Contains("| RE: | Request for redetermination of a service denied as bundled |", letter.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Fill_DetailsAndConditionalBlocks_UseDetailsWhenPresent()
    {
        var template = LetterSamples.Library.Get("corrected-claim-cover");
        var context = LetterSamples.OrthoContext() with
        {
            Details = new Dictionary<string, string> { ["correctionSummary"] = "Added modifier LT to line 2 (29877)." },
        };

        var letter = LetterFiller.Fill(template, context);

        Assert.Empty(letter.UnfilledPlaceholders);
        Assert.Contains("## What was corrected\n\nAdded modifier LT to line 2 (29877).", letter.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Fill_UnresolvedValueInsideALoop_RendersAMarkerNotNothing()
    {
        var template = LetterTemplate.Parse("---\nid: loop\ntitle: Loop\nrule: R\n---\n{{#each letter.enclosures}}- {{this.title}}\n{{/each}}", "loop.md");

        var letter = LetterFiller.Fill(template, LetterSamples.OrthoContext());

        Assert.Contains("- [[MISSING: title]]", letter.Markdown, StringComparison.Ordinal);
        Assert.Contains("title", letter.UnfilledPlaceholders);
    }

    [Fact]
    public void Fill_EveryShippedTemplate_FillsWithoutErrorsAndMarksOnlyWhatIsMissing()
    {
        var context = LetterSamples.OrthoContext() with
        {
            Details = new Dictionary<string, string> { ["correctionSummary"] = "x", ["coverageFinding"] = "y" },
            Claim = LetterSamples.OrthoContext().Claim! with { OriginalSubmissionDate = new DateOnly(2026, 8, 20), SubmissionReference = "CH-999-1" },
        };

        foreach (var template in LetterSamples.Library.Templates)
        {
            var letter = LetterFiller.Fill(template, context with { Evidence = new Dictionary<string, IReadOnlyList<CitedExcerpt>>() });

            Assert.Empty(letter.UnfilledPlaceholders);
            var requiredSlots = template.EvidenceSlots.Where(s => s.Required).Select(s => "evidence." + s.Name);
            Assert.Equal(requiredSlots, LetterFiller.FindMarkers(letter.Markdown).Select(m => m.Path));
        }
    }
}
