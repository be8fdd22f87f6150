using AppealStudio.Core.Letters;

namespace AppealStudio.Core.Tests.Letters;

public class LetterChecksTests
{
    private static readonly LetterTemplate Ortho = LetterSamples.Library.Get("ortho-modifier-59");

    [Fact]
    public void Check_CompleteFilledLetter_HasNoIssues()
    {
        var draft = LetterSamples.OrthoDraft();

        Assert.Empty(LetterChecks.Check(draft.Resolved, Ortho, draft.Filled.CitedExcerpts));
    }

    [Fact]
    public void Check_MergeFieldWithoutValue_BlocksAndSaysWhoCompletesIt()
    {
        var draft = LetterSamples.OrthoDraft();
        var resolved = MergeFields.Resolve(draft.Filled.Markdown, new MergeValues(new Dictionary<string, string?>()));

        var issues = LetterChecks.Check(resolved, Ortho, draft.Filled.CitedExcerpts);

        var phone = Assert.Single(issues, i => i.Subject == "practice.phone");
        Assert.True(phone.BlocksExport);
        Assert.Contains("An Admin completes it in the practice profile", phone.Message, StringComparison.Ordinal);
        Assert.Contains(issues, i => i.Subject == "payer.address" && i.Message.Contains("payer directory", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.Subject == "contact.line" && i.Message.Contains("direct phone line", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_UnfilledMarkersAndLeftoverExpressions_BlockExport()
    {
        var letter = LetterFiller.Fill(Ortho, LetterSamples.OrthoContext(policy: null));
        var edited = letter.Markdown + "\nSee {{claim.extra}}.\n";

        var issues = LetterChecks.Check(edited, Ortho, letter.CitedExcerpts);

        Assert.Contains(issues, i => i is { Kind: LetterIssueKind.UnfilledPlaceholder, Subject: "payer.policyReference", BlocksExport: true, Line: > 1 });
        Assert.Contains(issues, i => i is { Kind: LetterIssueKind.UnfilledPlaceholder, Subject: "{{claim.extra}}" });
        Assert.False(LetterChecks.CanExport(issues));
    }

    [Fact]
    public void Check_EmptyRequiredEvidence_BlocksExportOnce()
    {
        var letter = LetterFiller.Fill(Ortho, LetterSamples.OrthoContext(evidence: new Dictionary<string, IReadOnlyList<CitedExcerpt>>()));

        var issues = LetterChecks.Check(letter.Markdown, Ortho, letter.CitedExcerpts);

        var issue = Assert.Single(issues, i => i.Kind == LetterIssueKind.EmptyRequiredEvidence);
        Assert.Equal("distinct_site", issue.Subject);
        Assert.True(issue.BlocksExport);
        Assert.Contains("Distinct anatomic site", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_QuoteRemovedFromTheLetter_CountsAsMissingEvidence()
    {
        var letter = LetterFiller.Fill(Ortho, LetterSamples.OrthoContext());
        var withoutE1 = string.Join('\n', letter.Markdown.Split('\n').Where(l => !l.Contains("[E1]", StringComparison.Ordinal)));

        var issues = LetterChecks.Check(withoutE1, Ortho, letter.CitedExcerpts);

        Assert.Contains(issues, i => i is { Kind: LetterIssueKind.EmptyRequiredEvidence, Subject: "distinct_site" });
    }

    [Fact]
    public void Check_ClinicalSentenceWithoutCitation_BlocksUnlessTheSignerAttestsIt()
    {
        var draft = LetterSamples.OrthoDraft();
        var letter = draft.Resolved;
        var narrative = ClinicalNarrative.Extract(letter)! + "\n\nThe patient also had a meniscal tear of the left knee.\n\nWe thank you for your review.";
        var edited = ClinicalNarrative.Replace(letter, narrative);

        var issues = LetterChecks.Check(edited, Ortho, draft.Filled.CitedExcerpts);

        var issue = Assert.Single(issues);
        Assert.Equal(LetterIssueKind.UncitedClinicalSentence, issue.Kind);
        Assert.True(issue.BlocksExport);
        Assert.Equal("The patient also had a meniscal tear of the left knee.", issue.Subject);
        Assert.Empty(LetterChecks.Check(edited, Ortho, draft.Filled.CitedExcerpts, ["The patient also had a meniscal tear of the left knee."]));
    }

    [Fact]
    public void Check_ClinicalSentenceAddedAfterTheEnclosures_IsCheckedToo()
    {
        var draft = LetterSamples.OrthoDraft();
        var edited = draft.Resolved + "\nP.S. The patient's left knee effusion recurred after surgery.\n";

        var issues = LetterChecks.Check(edited, Ortho, draft.Filled.CitedExcerpts);

        Assert.Contains(issues, i => i is { Kind: LetterIssueKind.UncitedClinicalSentence, BlocksExport: true } && i.Subject!.Contains("effusion recurred", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_RuleSentencesOutsideTheNarrative_AreNotTakenForClaimsAboutTheRecord()
    {
        var draft = LetterSamples.OrthoDraft();
        var edited = draft.Resolved.Replace("## Basis for the appeal\n", "## Basis for the appeal\n\nArthroscopy of the other knee is reported with RT and LT.\n", StringComparison.Ordinal);

        Assert.Empty(LetterChecks.Check(edited, Ortho, draft.Filled.CitedExcerpts));
    }

    [Fact]
    public void Check_QuotationNoSentenceCites_Blocks()
    {
        var draft = LetterSamples.OrthoDraft();
        var narrative = ClinicalNarrative.Extract(draft.Resolved)!.Replace("[E1]", "", StringComparison.Ordinal);
        var edited = ClinicalNarrative.Replace(draft.Resolved, "Both procedures are described in the enclosed report.");

        var issues = LetterChecks.Check(edited, Ortho, draft.Filled.CitedExcerpts);

        Assert.Contains(issues, i => i is { Kind: LetterIssueKind.UncitedQuotation, Subject: "E1", BlocksExport: true });
        Assert.NotEmpty(narrative);
    }

    [Fact]
    public void Check_HardWrappedCitedSentence_IsNotFlagged()
    {
        var draft = LetterSamples.OrthoDraft();
        var edited = ClinicalNarrative.Replace(draft.Resolved, "The chondroplasty was performed on the\ncontralateral knee through separate portals [E1].");

        Assert.Empty(LetterChecks.Check(edited, Ortho, draft.Filled.CitedExcerpts));
    }

    [Fact]
    public void Check_CitationToNoExcerpt_BlocksExport()
    {
        var draft = LetterSamples.OrthoDraft();
        var edited = ClinicalNarrative.Replace(draft.Resolved, ClinicalNarrative.Extract(draft.Resolved)! + " The lateral compartment was unstable [E9].");

        var issues = LetterChecks.Check(edited, Ortho, draft.Filled.CitedExcerpts);

        Assert.Contains(issues, i => i is { Kind: LetterIssueKind.UnknownCitation, Subject: "E9", BlocksExport: true });
    }

    [Fact]
    public void Check_EditedQuotation_BlocksExport()
    {
        var letter = LetterFiller.Fill(Ortho, LetterSamples.OrthoContext());
        var edited = letter.Markdown.Replace("contralateral left knee", "contralateral right knee", StringComparison.Ordinal);

        var issues = LetterChecks.Check(edited, Ortho, letter.CitedExcerpts);

        Assert.Contains(issues, i => i is { Kind: LetterIssueKind.ExcerptAltered, Subject: "E1", BlocksExport: true });
    }

    [Fact]
    public void Check_ClinicalHeadingRemoved_BlocksExport()
    {
        var letter = LetterFiller.Fill(Ortho, LetterSamples.OrthoContext());
        var edited = letter.Markdown.Replace("## Clinical narrative", "## Summary", StringComparison.Ordinal);

        Assert.Contains(LetterChecks.Check(edited, Ortho, letter.CitedExcerpts), i => i is { Kind: LetterIssueKind.MissingClinicalSection, BlocksExport: true });
    }

    [Fact]
    public void ClinicalNarrative_Replace_ChangesOnlyThatSection()
    {
        var letter = LetterFiller.Fill(Ortho, LetterSamples.OrthoContext());

        var edited = ClinicalNarrative.Replace(letter.Markdown, "New narrative [E1].");

        Assert.Equal("New narrative [E1].", ClinicalNarrative.Extract(edited));
        var diff = TextDiff.Lines(letter.Markdown, edited);
        Assert.All(diff.Where(d => d.Kind != DiffKind.Unchanged), d => Assert.True(d.Text.Contains("[E", StringComparison.Ordinal) || d.Text.StartsWith("New", StringComparison.Ordinal)));
        Assert.Contains("## Supporting documentation from the medical record", edited, StringComparison.Ordinal);
    }
}
