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
        var letter = LetterFiller.Fill(Ortho, LetterSamples.OrthoContext());
        var hash = SignatureHash.Sha256(letter.Markdown);
        var signature = new LetterSignature("Elena Marquez", "MD", new DateTimeOffset(2026, 9, 21, 14, 3, 0, TimeSpan.FromHours(-5)), hash, "I attest that the clinical narrative is accurate and supported by the medical record.");
        var model = new LetterDocument(Letterhead.From(LetterSamples.OrthoContext().Practice!), letter.Markdown, signature, "Appeal AH2608140093");

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
        Assert.Contains("29881-RT, 29877-59-LT", cells);
        Assert.Contains("Clinical narrative", paragraphs);
        Assert.Contains("from the primary procedure [E1].", all, StringComparison.Ordinal);
        var e1 = letter.CitedExcerpts[0];
        var quote = body.Elements<Paragraph>().Single(p => p.InnerText.Contains("[E1]", StringComparison.Ordinal) && p.InnerText.StartsWith('"'));
        Assert.Contains($"(chars {e1.Start}-{e1.End})", quote.InnerText, StringComparison.Ordinal);
        Assert.Contains("Attention was then turned to the contralateral left knee", quote.InnerText, StringComparison.Ordinal);
        Assert.NotNull(quote.ParagraphProperties?.ParagraphBorders?.LeftBorder);
        Assert.Contains("Operative report for the date of service", paragraphs.Select(p => p.TrimStart('•', '\t')));
        Assert.Contains("Electronically signed by Elena Marquez, MD on 2026-09-21 19:03 UTC.", paragraphs);
        Assert.Contains($"Document SHA-256: {hash[..12]}", paragraphs);
        Assert.Contains(signature.Attestation, paragraphs);
        Assert.DoesNotContain("UNSIGNED DRAFT", all, StringComparison.Ordinal);
        Assert.Equal("Appeal AH2608140093", docx.PackageProperties.Title);
    }

    [Fact]
    public void Render_FullLetter_IsValidOpenXml()
    {
        var letter = LetterFiller.Fill(Ortho, LetterSamples.OrthoContext());
        var model = new LetterDocument(Letterhead.From(LetterSamples.OrthoContext().Practice!), letter.Markdown + "\n---\n\n`code` and [a link](https://example.org)\n\n> nested\n>\n> - quoted list\n", null);

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
