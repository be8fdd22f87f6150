using AppealStudio.Core.Letters;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace AppealStudio.Core.Tests.Letters;

public class LetterDocxTests
{
    private static readonly LetterTemplate Ortho = LetterSamples.Library.Get("ortho-modifier-59");

    [Fact]
    public void Render_SignedLetter_ContainsLetterheadTableQuotesCitationsAndSignature()
    {
        var draft = LetterSamples.OrthoDraft();
        var hash = SignatureHash.Sha256(draft.Resolved);
        var signature = new LetterSignature("Elena Marquez", "MD", new DateTimeOffset(2026, 9, 21, 14, 3, 0, TimeSpan.FromHours(-5)), hash,
            "I attest that the clinical narrative is accurate and supported by the medical record.", "America/Chicago");
        var model = new LetterDocument(Letterhead.From(LetterSamples.Practice), draft.Resolved, signature, "Appeal AH2608140093");

        using var docx = Render(model);
        var body = docx.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Elements<Paragraph>().Select(p => p.InnerText).ToList();
        var all = string.Join('\n', paragraphs);

        Assert.Equal("Riverside Orthopaedic Associates", paragraphs[0]);
        Assert.Contains("Phone (217) 555-0142  ·  Fax (217) 555-0143  ·  NPI 1548293017  ·  Tax ID 37-1849203", paragraphs);
        var table = body.Elements<Table>().First();
        var cells = table.Descendants<TableCell>().Select(c => c.InnerText).ToList();
        Assert.Contains("Claim number", cells);
        Assert.Contains("AH2608140093", cells);
        Assert.Contains("29881-RT x 1; 29877-59-LT x 1", cells);
        Assert.Contains("Clinical narrative", paragraphs);
        Assert.Contains("billed with modifier 59 [E1].", all, StringComparison.Ordinal);
        var quote = body.Elements<Paragraph>().First(p => p.InnerText.Contains("[E1]", StringComparison.Ordinal) && p.InnerText.StartsWith('"'));
        Assert.Contains("Enclosure 1: Operative report, date of service 08/14/2026", quote.InnerText, StringComparison.Ordinal);
        Assert.DoesNotContain("chars", quote.InnerText, StringComparison.Ordinal);
        Assert.Contains("Attention was then turned to the contralateral left knee", quote.InnerText, StringComparison.Ordinal);
        Assert.NotNull(quote.ParagraphProperties?.ParagraphBorders?.LeftBorder);
        Assert.Contains("Enclosure 1: Operative report, date of service 08/14/2026, Elena Marquez, MD", paragraphs.Select(p => p.TrimStart('•', '\t')));
        // The signing time in the practice's time zone, and the full hash (never a truncated value labelled SHA-256).
        Assert.Contains("Electronically signed by Elena Marquez, MD on 09/21/2026 2:03 PM (America/Chicago, UTC-05:00).", paragraphs);
        Assert.Contains($"SHA-256 of the signed text: {hash}", paragraphs);
        Assert.Contains(signature.Attestation, paragraphs);
        Assert.DoesNotContain("UNSIGNED DRAFT", all, StringComparison.Ordinal);
        Assert.Equal("Appeal AH2608140093", docx.PackageProperties.Title);
    }

    [Fact]
    public void Render_FullLetter_IsValidOpenXml()
    {
        var draft = LetterSamples.OrthoDraft();
        var model = new LetterDocument(Letterhead.From(LetterSamples.Practice), draft.Resolved + "\n---\n\n`code` and [a link](https://example.org)\n\n> nested\n>\n> - quoted list\n", null);

        using var docx = Render(model);

        var errors = new OpenXmlValidator().Validate(docx).Select(e => $"{e.Path?.XPath}: {e.Description}").Distinct().ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void Render_BoldAndHeadings_KeepTheirFormatting()
    {
        var model = new LetterDocument(new Letterhead("Practice", []), "## Request\n\nPlease **reprocess** the *claim*.\n\n1. First\n2. Second\n", null);

        using var docx = Render(model);
        var body = docx.MainDocumentPart!.Document.Body!;

        var heading = body.Elements<Paragraph>().Single(p => p.InnerText == "Request");
        Assert.All(heading.Elements<Run>(), r => Assert.NotNull(r.RunProperties?.Bold));
        var sentence = body.Elements<Paragraph>().Single(p => p.InnerText == "Please reprocess the claim.");
        Assert.NotNull(sentence.Elements<Run>().Single(r => r.InnerText == "reprocess").RunProperties?.Bold);
        Assert.NotNull(sentence.Elements<Run>().Single(r => r.InnerText == "claim").RunProperties?.Italic);
        Assert.Contains(body.Elements<Paragraph>(), p => p.InnerText == "1.\tFirst");
        Assert.Contains(body.Elements<Paragraph>(), p => p.InnerText == "2.\tSecond");
    }

    [Fact]
    public void Render_Unsigned_ShowsTheDraftBannerTopAndBottom()
    {
        var letter = LetterFiller.Fill(Ortho, LetterSamples.OrthoContext());

        using var docx = Render(new LetterDocument(new Letterhead("Riverside Orthopaedic Associates", ["410 Mill Street"]), letter.Markdown, null));
        var paragraphs = docx.MainDocumentPart!.Document.Body!.Elements<Paragraph>().Select(p => p.InnerText).ToList();

        Assert.Equal(2, paragraphs.Count(p => p.StartsWith("UNSIGNED DRAFT", StringComparison.Ordinal)));
        Assert.DoesNotContain(paragraphs, p => p.StartsWith("Electronically signed", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_TextChangedAfterSigning_Refuses()
    {
        var signature = new LetterSignature("Elena Marquez", "MD", DateTimeOffset.UtcNow, SignatureHash.Sha256("signed text"));
        var model = new LetterDocument(new Letterhead("Practice", []), "edited text", signature);

        Assert.Throws<InvalidOperationException>(() => LetterDocx.Render(model, new MemoryStream()));
    }

    [Fact]
    public void Render_ControlCharactersFromCharts_StillProduceAValidDocument()
    {
        var model = new LetterDocument(new Letterhead("Practice", []), "> \"Pain\u0007 8/10\u0001\" — Note (chars 1-10) [E1]\n", null);

        using var docx = Render(model);

        Assert.Contains(docx.MainDocumentPart!.Document.Body!.Elements<Paragraph>(), p => p.InnerText == "\"Pain 8/10\" — Note (chars 1-10) [E1]");
    }

    private static WordprocessingDocument Render(LetterDocument model)
    {
        var stream = new MemoryStream();
        LetterDocx.Render(model, stream);
        stream.Position = 0;
        return WordprocessingDocument.Open(stream, false);
    }
}
