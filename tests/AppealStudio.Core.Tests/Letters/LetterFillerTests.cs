using AppealStudio.Core.Denials;
using AppealStudio.Core.Letters;

namespace AppealStudio.Core.Tests.Letters;

public class LetterFillerTests
{
    private static readonly LetterTemplate Ortho = LetterSamples.Library.Get("ortho-modifier-59");

    [Fact]
    public void Fill_CompleteContext_LeavesNothingUnfilledAndBuildsTheLetter()
    {
        var draft = LetterSamples.OrthoDraft();
        var letter = draft.Resolved;

        Assert.Empty(draft.Filled.UnfilledPlaceholders);
        Assert.Empty(draft.Filled.EmptyEvidenceSlots);
        Assert.DoesNotContain("[[MISSING", letter, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", letter, StringComparison.Ordinal);
        Assert.StartsWith("September 20, 2026\n", letter, StringComparison.Ordinal);
        Assert.Contains("Acme Health Plan\\\nAttn: Provider Appeals\\\nPO Box 30512\\\nSalt Lake City, UT 84130", letter, StringComparison.Ordinal);
        Assert.Contains("| Claim number | AH2608140093 |", letter, StringComparison.Ordinal);
        Assert.Contains("| Procedures billed | 29881-RT x 1; 29877-59-LT x 1 |", letter, StringComparison.Ordinal);
        Assert.Contains("| Service appealed | Line 2: 29877-59-LT |", letter, StringComparison.Ordinal);
        Assert.Contains("| Billed / paid | $1,412.50 / $0.00 |", letter, StringComparison.Ordinal);
        Assert.Contains("| Adjustment | CO-97 (RARC M15): $1,412.50 |", letter, StringComparison.Ordinal);
        Assert.Contains("| Amount requested | $1,412.50 |", letter, StringComparison.Ordinal);
        Assert.Contains("| Diagnoses (ICD-10-CM) | M23.221, M94.262 |", letter, StringComparison.Ordinal);
        Assert.Contains("| Rendering provider | Elena Marquez, MD, NPI 1902847361 |", letter, StringComparison.Ordinal);
        Assert.Contains("processed as included in 29881-RT (line 1, paid $3,310.00)", letter, StringComparison.Ordinal);
        Assert.Contains("Line 2 was billed with modifier 59.", letter, StringComparison.Ordinal);
        Assert.Contains("the remittance advice is dated 09/02/2026, and the request must reach you by 03/01/2027.", letter, StringComparison.Ordinal);
        Assert.Contains("please contact Sam Specialist, Appeals specialist, at (217) 555-0150.", letter, StringComparison.Ordinal);
        Assert.Contains("- Enclosure 1: Operative report, date of service 08/14/2026, Elena Marquez, MD\n- Enclosure 2: Remittance advice for claim AH2608140093 (Acme Health Plan, dated 09/02/2026)", letter, StringComparison.Ordinal);
        // The draft keeps the directory values as merge fields: a profile saved later fills the letter.
        Assert.Contains("{{practice.name}}", draft.Filled.Markdown, StringComparison.Ordinal);
        Assert.Contains("{{payer.address}}", draft.Filled.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Fill_EvidenceSlots_QuoteTheChartWithEnclosureSectionAndMarker_NoOffsets()
    {
        var draft = LetterSamples.OrthoDraft();
        var e1 = draft.Filled.CitedExcerpts[0];

        Assert.Equal("E1", e1.Marker);
        Assert.Equal("distinct_site", e1.Slot);
        Assert.Equal(LetterSamples.OrthoNote.Text[e1.Start..e1.End], e1.Text);
        Assert.Contains("> \"Attention was then turned to the contralateral left knee, which was separately prepped", draft.Resolved, StringComparison.Ordinal);
        Assert.Contains("— Enclosure 1: Operative report, date of service 08/14/2026, Elena Marquez, MD, section \"Description of procedure\" [E1]", draft.Resolved, StringComparison.Ordinal);
        Assert.DoesNotContain("chars", draft.Resolved, StringComparison.Ordinal);
        Assert.DoesNotContain("modifier-59", draft.Resolved, StringComparison.Ordinal);
        Assert.DoesNotContain("ortho-modifier-59", draft.Resolved, StringComparison.Ordinal);
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
        var medicare = new PayerRule("Medicare Part B (MAC)", null, PayerType.Medicare, 365, 120, 180, 60, 365, 5, false, "test");
        var inputs = LetterSamples.OrthoInputs() with { IsMedicare = true, Denial = LetterSamples.OrthoDenial() with { PayerRule = medicare } };

        var letter = LetterBuilder.Build(inputs).Resolved;

        Assert.Contains("This redetermination is filed within your appeal period: the remittance advice dated 09/02/2026 was presumed received on 09/07/2026, 5 days after its date", letter, StringComparison.Ordinal);
        Assert.Contains("A redetermination may be requested within 120 days of receipt of the initial determination", letter, StringComparison.Ordinal);
        Assert.Contains("42 CFR 405.942(a)", letter, StringComparison.Ordinal);
        Assert.Contains("| RE: | Request for redetermination: a service denied as bundled |", letter, StringComparison.Ordinal);
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

        var letter = LetterFiller.Fill(template, LetterSamples.OrthoContext() with { Enclosures = ["MRI reports of both knees"] });

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
            Measures = new Dictionary<string, string>(StringComparer.Ordinal) { ["anesthesiaUnits"] = "Units billed: 14." },
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
