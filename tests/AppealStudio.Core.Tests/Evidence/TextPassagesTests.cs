using AppealStudio.Core.Evidence;

namespace AppealStudio.Core.Tests.Evidence;

public class TextPassagesTests
{
    [Fact]
    public void Split_BlankLines_SeparatePassagesAndHeadingsStayWithTheirText()
    {
        const string text = "HISTORY:\nShort line one.\nShort line two.\n\nPLAN:\nFollow up.";
        var passages = TextPassages.Split(text).Select(p => text[p.Start..p.End]).ToList();

        Assert.Equal(["HISTORY:\nShort line one.\nShort line two.", "PLAN:\nFollow up."], passages);
    }

    [Fact]
    public void Split_OneParagraphPerLine_MakesEachLongLineAPassage()
    {
        var first = "Medical history: " + string.Concat(Enumerable.Repeat("diabetes and kidney disease, ", 5));
        var second = "Plan: " + string.Concat(Enumerable.Repeat("general anesthesia with monitoring, ", 4));
        var text = first + "\n" + second;

        var passages = TextPassages.Split(text);

        Assert.Equal(2, passages.Count);
        Assert.Equal(first.TrimEnd(), text[passages[0].Start..passages[0].End]);
    }

    [Fact]
    public void Split_VeryLongParagraph_IsCutAtSentenceEndsWithinTheLimit()
    {
        var text = string.Concat(Enumerable.Range(1, 40).Select(i => $"Sentence number {i} describes the exam. "));
        var passages = TextPassages.Split(text);

        Assert.True(passages.Count > 1);
        Assert.All(passages, p => Assert.True(p.Length <= TextPassages.MaxLength));
        Assert.All(passages, p => Assert.EndsWith("exam.", text[p.Start..p.End], StringComparison.Ordinal));
        Assert.Equal(text.Trim(), string.Join(' ', passages.Select(p => text[p.Start..p.End])));
    }

    [Fact]
    public void Sentences_Abbreviations_DoNotEndASentence()
    {
        const string text = "Seen by Dr. Brandt vs. prior visit. Plan is set.";
        var sentences = TextPassages.Sentences(text, new TextSpan(0, text.Length)).Select(s => text[s.Start..s.End]);

        Assert.Equal(["Seen by Dr. Brandt vs. prior visit.", "Plan is set."], sentences);
    }
}
