using AppealStudio.Core.Charts;

namespace AppealStudio.Core.Tests.Charts;

public class HtmlTextTests
{
    [Fact]
    public void ToPlainText_BlockTags_BecomeLinesAndParagraphs()
    {
        var text = HtmlText.ToPlainText("<h2>Plan</h2><p>Line one<br>line two</p><ul><li>A</li><li>B</li></ul>");

        Assert.Equal("Plan\n\nLine one\nline two\n\n- A\n- B", text);
    }

    [Fact]
    public void ToPlainText_UnclosedScript_DropsTheRest()
    {
        var text = HtmlText.ToPlainText("<p>Visible</p><script>steal(document.cookie)");

        Assert.Equal("Visible", text);
    }

    [Fact]
    public void ToPlainText_EncodedTagsAndLoneAngleBrackets_StayText()
    {
        var text = HtmlText.ToPlainText("<p>BP &lt; 140 and HR < 100 &amp; &quot;stable&quot; &lt;script&gt;</p>");

        Assert.Equal("BP < 140 and HR < 100 & \"stable\" <script>", text);
    }

    [Fact]
    public void ToPlainText_AttributesWithAngleBrackets_DoNotLeak()
    {
        var text = HtmlText.ToPlainText("<div title=\"a > b\" data-x='<'>Note</div><style>p{}</style>");

        Assert.Equal("Note", text);
    }

    [Fact]
    public void ToPlainText_TableCellsMisnestedTagsAndScriptWithTags_ReadAsText()
    {
        var text = HtmlText.ToPlainText("<table><tr><th>Drug</th><td>Dose</td></tr><tr><td>Lisinopril</td><td>10 mg</td></tr></table>"
            + "<p><b>Plan <i>follow up</b> in 2 weeks</i></p><script>if (a < b) { document.write('<p>x</p>'); }</script><p>&copy; clinic</p>");

        Assert.Equal("Drug Dose\nLisinopril 10 mg\n\nPlan follow up in 2 weeks\n\n\u00A9 clinic", text);
    }

    [Fact]
    public void ToPlainText_DeeplyNestedElements_AreReadInOnePass()
    {
        var html = string.Concat(Enumerable.Repeat("<span><div>", 200_000)) + "deep" + string.Concat(Enumerable.Repeat("</div></span>", 200_000));

        Assert.Equal("deep", HtmlText.ToPlainText(html));
    }
}
