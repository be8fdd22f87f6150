using AppealStudio.Core.Letters;

namespace AppealStudio.Core.Tests.Letters;

/// <summary>
/// The letter's Markdown through the WYSIWYG editor and back. The editor-side strings are what Toast UI 3.2.2 was
/// seen to produce in Chromium for these inputs (ADR 0019).
/// </summary>
public class EditorMarkdownTests
{
    [Fact]
    public void ToEditor_HardBreaksInAnAddress_BecomeTheEditorsLineBreaks()
    {
        Assert.Equal("EXAMPLE HEALTH PLAN\nPO Box 1\nSpringfield, IL", EditorMarkdown.ToEditor("EXAMPLE HEALTH PLAN\\\nPO Box 1  \nSpringfield, IL"));
    }

    [Fact]
    public void ToEditor_SoftBreakInAParagraph_IsASpaceNotALineBreak()
    {
        Assert.Equal("One sentence wrapped here.\n\nNext.", EditorMarkdown.ToEditor("One sentence\n  wrapped here.\n\nNext."));
    }

    [Fact]
    public void FromEditor_LineBreaksInAParagraph_AreHardBreaks()
    {
        Assert.Equal("EXAMPLE HEALTH PLAN\\\nPO Box 1\\\nSpringfield, IL", EditorMarkdown.FromEditor("EXAMPLE HEALTH PLAN\nPO Box 1\nSpringfield, IL"));
    }

    [Fact]
    public void FromEditor_AdjacentCitationsTheEditorEscaped_AreCitationsAgain()
    {
        Assert.Equal("Sentence with citation [E1] [E2]\\.", EditorMarkdown.FromEditor("Sentence with citation \\[E1\\] \\[E2\\]\\."));
        Assert.Equal("[[MISSING: payer.address]]", EditorMarkdown.FromEditor("\\[\\[MISSING: payer.address\\]\\]"));
    }

    [Theory]
    [InlineData("[[MISSING: evidence.distinct\\_site]]", "[[MISSING: evidence.distinct_site]]")]
    [InlineData("\\[\\[MISSING: evidence.distinct\\_site\\]\\]", "[[MISSING: evidence.distinct_site]]")]
    [InlineData("Time: {{cite.anesthesia\\_time}}.", "Time: {{cite.anesthesia_time}}.")]
    [InlineData("A word with an escaped \\_underscore\\_ in prose.", "A word with an escaped \\_underscore\\_ in prose.")]
    public void FromEditor_UnderscoreTheEditorEscapedInAMarkerOrPlaceholder_IsTheNameAgain(string editor, string letter)
    {
        Assert.Equal(letter, EditorMarkdown.FromEditor(editor));
    }

    [Theory]
    [InlineData("## Clinical narrative\n\nText.\n\n1. one\n2. two\n\n* a\n* b")]
    [InlineData("| RE: | Request |\n| --- | --- |\n| Patient | Ana [E1] |")]
    [InlineData("> \"The left knee was prepped\" — Operative report [E1]")]
    [InlineData("Sincerely,\n\nDana Reyes, MD")]
    public void RoundTrip_BlocksThatAreNotParagraphBreaks_StayAsTheyAre(string markdown)
    {
        Assert.Equal(markdown, EditorMarkdown.FromEditor(EditorMarkdown.ToEditor(markdown)));
    }

    [Fact]
    public void RoundTrip_Letter_KeepsHardBreaksQuotesAndTables()
    {
        const string letter = "December 6, 2026\n\nEXAMPLE HEALTH PLAN\\\nPO Box 4500\\\nSpringfield, IL 62701\n\n| RE: | x |\n|---|---|\n| Claim | 1 |\n\n> quoted line one\\\n> quoted line two [E1]\n\nDana Reyes, MD\\\nAttending";
        var back = EditorMarkdown.FromEditor(EditorMarkdown.ToEditor(letter));
        Assert.Equal(letter, back);
    }
}
