using AppealStudio.Core.Charts;
using AppealStudio.Core.Letters;

namespace AppealStudio.Core.Tests.Letters;

/// <summary>Slots filled with the right passage, a passage quoted once for two slots, citations renumbered on refill.</summary>
public class EvidenceAndCitationTests
{
    private static readonly LetterTemplate Ortho = LetterSamples.Library.Get("ortho-modifier-59");
    private static readonly LetterTemplate Cardiology = LetterSamples.Library.Get("cardiology-modifier-25");

    private static ChartDocument Note(string id, string text, string title = "Operative report") =>
        new(id, title, PatientIdentity.Unknown, new DateOnly(2026, 8, 14), "Elena Marquez, MD", null, id, text);

    /// <summary>The right knee is described in one paragraph, the other knee and its separate portals in another.</summary>
    private const string TwoKnees =
        "# Operative report\n\n## Description of procedure\n\n" +
        "The right knee was prepped and draped. Standard anterolateral and anteromedial portals were established and a partial medial meniscectomy was performed. The lateral compartment of the right knee was normal and no procedure was performed in the lateral compartment.\n\n" +
        "Attention was then turned to the contralateral left knee, which was separately prepped and draped. Through separate anterolateral and anteromedial portals the lateral compartment was debrided.\n";

    [Fact]
    public void Assign_PassageWithoutTheSlotsFacts_DoesNotGoUnderIt_AndOnePassageBestForTwoSlotsIsQuotedOnce()
    {
        var evidence = EvidenceSelection.Assign(Ortho, [Note("op.md", TwoKnees)], "modifier-59");

        var site = Assert.Single(evidence["distinct_site"]);
        var approach = Assert.Single(evidence["separate_approach"]);
        Assert.StartsWith("Attention was then turned to the contralateral left knee", site.Text, StringComparison.Ordinal);
        // The right-knee paragraph shows no separate incision, portal, session or injury: it never goes under that slot.
        Assert.DoesNotContain("The right knee was prepped", approach.Text, StringComparison.Ordinal);
        Assert.Equal(site.Marker, approach.Marker);
        Assert.True(site.SamePassage(approach));

        var letter = LetterFiller.Fill(Ortho, LetterSamples.OrthoContext(evidence));
        Assert.Equal(1, Count(letter.Markdown, "> \"Attention was then turned"));
        Assert.Contains("**Separate incision, portal, session or lesion**\n\nThe passage quoted above also documents this [E1].", letter.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Assign_SlotWithAnAlmostAsGoodPassageOfItsOwn_TakesIt_InsteadOfQuotingTheSameTwice()
    {
        var brief = Note("brief.txt", "Brief operative note\n\nLeft knee: separately prepped and draped, then entered through separate anterolateral and anteromedial portals.\n", "Brief operative note");

        var evidence = EvidenceSelection.Assign(Ortho, [Note("op.md", TwoKnees), brief], "modifier-59");

        Assert.Equal("op.md", evidence["distinct_site"][0].DocumentId);
        Assert.Equal("brief.txt", evidence["separate_approach"][0].DocumentId);
        Assert.NotEqual(evidence["distinct_site"][0].Marker, evidence["separate_approach"][0].Marker);
    }

    [Fact]
    public void Assign_ManagementSlot_IsFilledEvenWhenTheDecisionMakingPassageAlsoShowsTheProblem()
    {
        // One assessment-and-plan paragraph holds the new problem and the medication changes: both slots are filled.
        var note = Note("visit.txt",
            "OFFICE VISIT\n\nASSESSMENT AND PLAN:\nNew atrial fibrillation with rapid ventricular response: started apixaban 5 mg twice daily and increased metoprolol from 50 mg to 100 mg daily; ordered a TSH and an echocardiogram review.\n",
            "Office visit");

        var evidence = EvidenceSelection.Assign(Cardiology, [note], "modifier-25");

        Assert.Single(evidence["separate_problem"]);
        var management = Assert.Single(evidence["management"]);
        Assert.Equal(evidence["separate_problem"][0].Marker, management.Marker);
        var letter = LetterFiller.Fill(Cardiology, LetterSamples.OrthoContext(evidence) with { Denial = LetterSamples.OrthoContext().Denial! with { Scenario = "modifier-25" } });
        Assert.DoesNotContain("[[MISSING: evidence.management]]", letter.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Fill_NumbersCitationsInOrderOfFirstUse_AndNamesTheEnclosureAndSection()
    {
        var draft = LetterSamples.OrthoDraft();
        var order = Citations.Order(draft.Filled.Markdown);

        Assert.Equal(order.OrderBy(Citations.Number), order);
        Assert.All(draft.Filled.CitedExcerpts, e => Assert.Equal(1, e.Enclosure));
        Assert.Equal("Description of procedure", draft.Filled.CitedExcerpts[0].Section);
    }

    [Fact]
    public void Refill_RemovedExcerpt_LeavesNoStrayMarkerOrSpace_AndRenumbersInOrderOfFirstUse()
    {
        var note = Note("op.md", TwoKnees);
        var passage = EvidenceSelection.Assign(Ortho, [note], "modifier-59")["distinct_site"][0];
        var e3 = passage with { Marker = "E3" };
        var markdown = ClinicalNarrative.Replace(LetterSamples.OrthoDraft().Resolved,
            "The chondroplasty was done on the other knee [E3]. The right knee had no further testing [E1].");

        var result = LetterRefill.Refill(markdown, Ortho, [e3]);

        Assert.Contains("The right knee had no further testing.", result.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("testing .", result.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("[E3]", result.Markdown, StringComparison.Ordinal);
        Assert.Contains("the other knee [E1].", result.Markdown, StringComparison.Ordinal);
        Assert.Equal("E1", result.Renumbered["E3"]);
        Assert.Empty(result.Uncited);
        Assert.DoesNotContain(LetterChecks.Check(result.Markdown, Ortho, [e3 with { Marker = "E1", Enclosure = 1 }]),
            i => i.Kind is LetterIssueKind.UnknownCitation or LetterIssueKind.UncitedQuotation or LetterIssueKind.ExcerptAltered);
    }

    [Fact]
    public void Refill_UneditedNarrative_IsDraftedAgainWithTheChosenExcerptsCited()
    {
        var inputs = LetterSamples.OrthoInputs(new Dictionary<string, IReadOnlyList<CitedExcerpt>>());
        var empty = LetterBuilder.Build(inputs).Filled.Markdown;
        var chosen = EvidenceSelection.Assign(Ortho, [LetterSamples.OrthoNote], "modifier-59")["distinct_site"].Select(e => e with { Marker = "E4" }).ToList();

        var result = LetterRefill.Refill(empty, Ortho, chosen, evidence => LetterBuilder.Build(inputs with { Evidence = evidence }).Filled);

        Assert.Contains("billed with modifier 59 [E1].", result.Markdown, StringComparison.Ordinal);
        Assert.Empty(result.Uncited);
        Assert.Equal("E1", result.Renumbered["E4"]);
    }

    [Fact]
    public void TidySpaces_LeavesQuotationsAsWritten()
    {
        const string text = "A sentence with a gap .\n> \"Quoted , exactly as charted .\" [E1]\n| a | b |";

        Assert.Equal("A sentence with a gap.\n> \"Quoted , exactly as charted .\" [E1]\n| a | b |", Citations.TidySpaces(text));
    }

    [Fact]
    public void DocumentSections_NameTheHeadingAboveOrTheLabelOfTheParagraph()
    {
        const string text = "CARDIOLOGY OFFICE VISIT\n\nHISTORY OF PRESENT ILLNESS:\nShe reports new palpitations over ten days.\n\nPlan: Continue weekly sessions and reassess PHQ-9 in four weeks.\nSession start: 2:05 PM\n";

        Assert.Equal("History of present illness", DocumentSections.At(text, text.IndexOf("She reports", StringComparison.Ordinal)));
        Assert.Equal("Plan", DocumentSections.At(text, text.IndexOf("Plan:", StringComparison.Ordinal)));
        // A field line ("Session start: 2:05 PM") is not a section of its own.
        Assert.NotEqual("Session start", DocumentSections.At(text, text.IndexOf("Session start", StringComparison.Ordinal)));
    }

    private static int Count(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
