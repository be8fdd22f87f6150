using System.Text;
using AppealStudio.Core.Letters;
using PdfSharp.Drawing;
using UglyToad.PdfPig;
using PdfSharpDocument = PdfSharp.Pdf.PdfDocument;

namespace AppealStudio.Core.Tests.Letters;

/// <summary>The packet as one PDF: cover sheet, letter, enclosures in order, attachments merged and placed, page numbers.</summary>
public class PacketPdfTests
{
    // A 1x1 PNG.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static byte[] TwoPagePdf()
    {
        PdfFonts.EnsureInstalled();
        using var document = new PdfSharpDocument();
        foreach (var text in new[] { "Prior authorization page one", "Prior authorization page two" })
        {
            var page = document.AddPage();
            using var gfx = XGraphics.FromPdfPage(page);
            gfx.DrawString(text, new XFont(PdfFonts.Serif, 12), XBrushes.Black, new XPoint(72, 144));
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static List<string> Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))).ToList();
    }

    [Fact]
    public void Render_SignedPacket_CoverLetterEnclosuresInOrder_AttachmentsMergedAndPlaced_EveryPageNumbered()
    {
        var draft = LetterSamples.OrthoDraft();
        var signature = new LetterSignature("Elena Marquez", "MD", new DateTimeOffset(2026, 9, 21, 19, 3, 0, TimeSpan.Zero), SignatureHash.Sha256(draft.Resolved), "I attest.", "America/Chicago");
        var claim = LetterSamples.OrthoClaim();
        var parts = new List<PacketPart>
        {
            PacketPart.Chart(draft.Enclosures[0], LetterSamples.OrthoNote.Text, isMarkdown: true),
            PacketPart.RemittanceOf(draft.Enclosures[1], RemittancePage.For(claim)),
            PacketPart.Attachment("Prior authorization", "application/pdf", TwoPagePdf()),
            PacketPart.Attachment("Photo of the wound", "image/png", Png),
            PacketPart.Attachment("Scanned fax", "image/gif", Encoding.ASCII.GetBytes("GIF89a")),
            PacketPart.Attachment("Broken upload", "application/pdf", Encoding.ASCII.GetBytes("%PDF-1.4\n% not really\n")),
        };
        var packet = new PacketDocument(Letterhead.From(LetterSamples.Practice), draft.Resolved, signature, parts, CoverSheet.For(draft.Context, draft.Merge));
        using var output = new MemoryStream();

        PacketPdf.Render(packet, output);

        var pages = Pages(output.ToArray());
        Assert.Contains("Appeal packet", pages[0], StringComparison.Ordinal);
        Assert.Contains("Acme Health Plan Attn: Provider Appeals PO Box 30512", pages[0], StringComparison.Ordinal);
        Assert.Contains("Contact for this appeal: Sam Specialist, Appeals specialist, (217) 555-0150", pages[0], StringComparison.Ordinal);
        Assert.DoesNotContain("UNSIGNED", string.Join(' ', pages), StringComparison.Ordinal);
        Assert.Contains("Riverside Orthopaedic Associates", pages[1], StringComparison.Ordinal);
        int Find(string text) => pages.FindIndex(p => p.Contains(text, StringComparison.Ordinal));
        // An enclosure's first page starts with its heading (the letter and the cover sheet only mention it).
        int Starts(string text) => pages.FindIndex(p => p.StartsWith(text, StringComparison.Ordinal));
        var letterEnd = Find("SHA-256 of the signed text:");
        var note = Starts("Enclosure 1: Operative report");
        var remittance = Starts("Enclosure 2: Remittance advice");
        var authOne = Find("Prior authorization page one");
        var authTwo = Find("Prior authorization page two");
        var image = Starts("Enclosure 4: Photo of the wound");
        var gif = Starts("Enclosure 5: Scanned fax");
        var broken = Starts("Enclosure 6: Broken upload");
        Assert.True(letterEnd > 0 && note > letterEnd && remittance > note && authOne > remittance && authTwo == authOne + 1 && image > authTwo && gif > image && broken > gif,
            string.Join("\n", pages.Select((p, i) => $"{i}: {p}")));
        Assert.Contains(signature.ContentHash, pages[letterEnd], StringComparison.Ordinal);
        Assert.Contains("09/21/2026 2:03 PM (America/Chicago, UTC-05:00)", string.Join(' ', pages), StringComparison.Ordinal);
        Assert.Contains("format the PDF packet cannot show", pages[gif], StringComparison.Ordinal);
        Assert.Contains("could not be merged", pages[broken], StringComparison.Ordinal);
        // The chart note is rendered as a document: headings without their Markdown marks.
        Assert.Contains("Description of procedure", pages[note], StringComparison.Ordinal);
        Assert.DoesNotContain("## Description", pages[note], StringComparison.Ordinal);
        Assert.Contains("29877-59-LT as billed", pages[remittance], StringComparison.Ordinal);
        Assert.Contains("CO-97 Contractual Obligations: Benefit included in payment/allowance for another service already adjudicated", pages[remittance], StringComparison.Ordinal);
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains($"Claim AH2608140093 · Page {i + 1} of {pages.Count}", pages[i], StringComparison.Ordinal);
        }

        Assert.Contains(PacketPdf.SignedTextFileName, Encoding.Latin1.GetString(output.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TextThatDiffersFromTheSignedText_IsRefused()
    {
        var draft = LetterSamples.OrthoDraft();
        var signature = new LetterSignature("Elena Marquez", "MD", DateTimeOffset.UtcNow, SignatureHash.Sha256(draft.Resolved));
        var packet = new PacketDocument(Letterhead.From(LetterSamples.Practice), draft.Resolved + "\nAdded later.", signature, [], CoverSheet.For(draft.Context, draft.Merge));

        Assert.Throws<InvalidOperationException>(() => PacketPdf.Render(packet, new MemoryStream()));
    }

    [Fact]
    public void RemittancePage_ShowsBilledAndPaidPerLine_WithCodeTexts_AndNothingInternal()
    {
        var claim = LetterSamples.OrthoClaim() with
        {
            Lines = [LetterSamples.Line(1, "90834", [], 240m, 118m, billedCode: "90837", adjustments: new LineAdjustment("CO", "150", 47m))],
        };

        var page = RemittancePage.For(claim);

        var row = Assert.Single(page.Lines);
        Assert.Equal(("90837", "90834", "$240.00", "$118.00", "CO-150 $47.00"), (row.Billed, row.PaidAs, row.Charge, row.Paid, row.Adjustments));
        Assert.Contains(page.Codes, c => c.Code == "CO-150" && c.Meaning.Contains("does not support this level of service", StringComparison.Ordinal));
        Assert.Contains(page.Facts, f => f.Label == "Payer claim number" && f.Value == "AH2608140093");
        Assert.DoesNotContain(page.Facts, f => f.Label.Contains("root", StringComparison.OrdinalIgnoreCase) || f.Label.Contains("scenario", StringComparison.OrdinalIgnoreCase));
    }
}
