using System.Globalization;
using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace AppealStudio.Core.Letters;

/// <summary>
/// The appeal packet as one PDF (PDFsharp 6.2.4, MIT): a cover sheet with the contents and their pages, the letter
/// (letterhead, text, signature block with the signing time in the practice's time zone and the full SHA-256), then the
/// enclosures in the order the letter numbers them: chart documents rendered as documents, the remittance page,
/// attached PDFs merged page by page, images placed on pages. Every page carries "Page N of M". A signed letter's exact
/// text travels inside the PDF as the embedded file <c>signed-letter.md</c>, so a reader can check its SHA-256.
/// </summary>
public static class PacketPdf
{
    public const string SignedTextFileName = "signed-letter.md";

    private const string DraftBanner = "UNSIGNED DRAFT — not for submission";

    public static void Render(PacketDocument packet, Stream output)
    {
        ArgumentNullException.ThrowIfNull(packet);
        ArgumentNullException.ThrowIfNull(output);
        if (packet.Signature is { } signature && !SignatureHash.Matches(packet.LetterMarkdown, signature.ContentHash))
        {
            // A signature belongs to the exact text that was signed; printing it under other text would misstate what the physician signed.
            throw new InvalidOperationException("The letter text differs from the text that was signed; sign it again before rendering.");
        }

        PdfFonts.EnsureInstalled();
        using var document = new PdfDocument();
        document.Info.Title = "Appeal packet — " + packet.Cover.Reference;
        document.Info.Author = packet.Letterhead.PracticeName;
        var composer = new PdfComposer(document);
        var contents = new List<(string Item, int First, int Last)>();

        // The letter.
        var first = composer.NewPage();
        WriteLetterhead(composer, packet.Letterhead);
        if (packet.Signature is null)
        {
            composer.Banner(DraftBanner);
        }

        composer.Markdown(packet.LetterMarkdown);
        WriteSignature(composer, packet.Signature);
        contents.Add(("Appeal letter", first, composer.PageCount));

        // The enclosures, numbered as the letter numbers them.
        var number = 0;
        foreach (var part in packet.Enclosures)
        {
            number++;
            var label = string.Create(CultureInfo.InvariantCulture, $"Enclosure {number}: {part.Title}");
            var start = composer.PageCount + 1;
            WriteEnclosure(composer, document, part, label);
            contents.Add((label, start, Math.Max(start, composer.PageCount)));
        }

        composer.Finish();

        // The cover sheet goes in front, once the contents' pages are known (they shift by one for the cover itself).
        var cover = document.InsertPage(0);
        cover.Size = PageSize.Letter;
        WriteCover(new PdfComposer(document, cover), packet, contents.Select(c => (c.Item, c.First + 1, c.Last + 1)).ToList(), document.PageCount);

        NumberPages(document, packet.Cover.Reference);
        if (packet.Signature is not null)
        {
            using var signed = new MemoryStream(Encoding.UTF8.GetBytes(packet.LetterMarkdown.Replace("\r\n", "\n", StringComparison.Ordinal)));
            document.AddEmbeddedFile(SignedTextFileName, signed);
        }

        document.Save(output, closeStream: false);
    }

    private static void WriteLetterhead(PdfComposer c, Letterhead head)
    {
        c.Centered(head.PracticeName, 15, bold: true);
        foreach (var line in head.AddressLines.Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            c.Centered(line, 9);
        }

        var contact = new List<string>();
        if (!string.IsNullOrWhiteSpace(head.Phone))
        {
            contact.Add("Phone " + head.Phone);
        }

        if (!string.IsNullOrWhiteSpace(head.Fax))
        {
            contact.Add("Fax " + head.Fax);
        }

        if (!string.IsNullOrWhiteSpace(head.Npi))
        {
            contact.Add("NPI " + head.Npi);
        }

        if (!string.IsNullOrWhiteSpace(head.TaxId))
        {
            contact.Add("Tax ID " + head.TaxId);
        }

        if (contact.Count > 0)
        {
            c.Centered(string.Join("  ·  ", contact), 9);
        }

        c.Rule();
    }

    private static void WriteSignature(PdfComposer c, LetterSignature? signature)
    {
        if (signature is null)
        {
            c.Banner(DraftBanner);
            return;
        }

        c.Space(8);
        c.Rule();
        c.Paragraph([new PdfRun("Electronic signature", Bold: true)]);
        c.Paragraph([new PdfRun($"Electronically signed by {signature.SignerDisplay} on {signature.SignedAtText}.")]);
        if (!string.IsNullOrWhiteSpace(signature.Attestation))
        {
            c.Paragraph([new PdfRun(signature.Attestation, Italic: true)]);
        }

        c.Paragraph([new PdfRun("SHA-256 of the signed text: ", Size: 8.5), new PdfRun(signature.ContentHash, Mono: true, Size: 8.5)]);
        c.Paragraph([new PdfRun(
            $"The signed text is embedded in this PDF as the file {SignedTextFileName}. Its SHA-256 (UTF-8, line endings as LF) equals the value above; any change to the text gives a different value.",
            Size: 8.5)]);
    }

    private static void WriteEnclosure(PdfComposer c, PdfDocument document, PacketPart part, string label)
    {
        switch (part.Kind)
        {
            case PacketPartKind.Chart:
                c.NewPage();
                c.Header(label);
                if (part.IsMarkdown)
                {
                    c.Markdown(part.Text ?? "");
                }
                else
                {
                    c.PlainText(part.Text ?? "");
                }

                break;
            case PacketPartKind.Text:
                c.NewPage();
                c.Header(label);
                c.PlainText(part.Text ?? "");
                break;
            case PacketPartKind.Remittance:
                c.NewPage();
                c.Header(label);
                WriteRemittance(c, part.Remittance!);
                break;
            case PacketPartKind.Pdf:
                MergePdf(c, document, part, label);
                break;
            case PacketPartKind.Image:
                PlaceImage(c, part, label);
                break;
            case PacketPartKind.Unrenderable:
                c.NewPage();
                c.Header(label);
                c.Paragraph([new PdfRun("This enclosure is an image in a format the PDF packet cannot show (GIF or TIFF). It is included as a separate file with the electronic packet; convert it to PNG, JPEG or PDF to place it here.")]);
                break;
        }
    }

    private static void WriteRemittance(PdfComposer c, RemittancePage page)
    {
        c.Table([0.32, 0.68], page.Facts.Select(f => (IReadOnlyList<string>)[f.Label, f.Value]).ToList(), header: null, size: 9.5);
        c.Space(6);
        c.Paragraph([new PdfRun("Service lines", Bold: true)]);
        c.Table([0.05, 0.15, 0.14, 0.08, 0.12, 0.11, 0.11, 0.24],
            page.Lines.Select(l => (IReadOnlyList<string>)[l.Line, l.Billed, l.PaidAs, l.Units, l.Date, l.Charge, l.Paid, l.Adjustments]).ToList(),
            header: ["Line", "Billed", "Paid as", "Units", "Date", "Charge", "Paid", "Adjustments"], size: 8.5);
        if (page.ClaimAdjustments.Count > 0)
        {
            c.Space(4);
            c.Paragraph([new PdfRun("Claim-level adjustments: ", Bold: true, Size: 9.5), new PdfRun(string.Join("; ", page.ClaimAdjustments), Size: 9.5)]);
        }

        if (page.Codes.Count > 0)
        {
            c.Space(6);
            c.Paragraph([new PdfRun("What the codes mean", Bold: true)]);
            c.Table([0.18, 0.82], page.Codes.Select(x => (IReadOnlyList<string>)[x.Code, x.Meaning]).ToList(), header: null, size: 9);
        }
    }

    private static void MergePdf(PdfComposer c, PdfDocument document, PacketPart part, string label)
    {
        try
        {
            using var input = new MemoryStream(part.Bytes!);
            using var source = PdfReader.Open(input, PdfDocumentOpenMode.Import);
            if (source.PageCount == 0)
            {
                throw new PdfSharpException("The PDF has no pages.");
            }

            c.Flush();
            for (var i = 0; i < source.PageCount; i++)
            {
                var added = document.AddPage(source.Pages[i]);
                if (i == 0)
                {
                    // The enclosure's label on its first page, where the page has room at the top.
                    using var gfx = XGraphics.FromPdfPage(added, XGraphicsPdfPageOptions.Append);
                    gfx.DrawString(label, new XFont(PdfFonts.Serif, 8, XFontStyleEx.Bold), XBrushes.DimGray, new XPoint(36, 24));
                }
            }

            c.AfterExternalPages();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // An encrypted or broken PDF cannot be merged (the reader throws many kinds of exception for that); the
            // packet says so instead of failing.
            c.NewPage();
            c.Header(label);
            c.Paragraph([new PdfRun("This attached PDF could not be merged into the packet (it is encrypted or damaged). It is included as a separate file with the electronic packet.")]);
        }
    }

    private static void PlaceImage(PdfComposer c, PacketPart part, string label)
    {
        c.NewPage();
        c.Header(label);
        try
        {
            using var input = new MemoryStream(part.Bytes!);
            using var image = XImage.FromStream(input);
            c.Image(image);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // As for PDFs: an unreadable image is noted, not fatal.
            c.Paragraph([new PdfRun("This attached image could not be read. It is included as a separate file with the electronic packet.")]);
        }
    }

    private static void WriteCover(PdfComposer c, PacketDocument packet, IReadOnlyList<(string Item, int First, int Last)> contents, int totalPages)
    {
        var cover = packet.Cover;
        c.Centered("Appeal packet", 18, bold: true);
        c.Space(6);
        if (packet.Signature is null)
        {
            c.Banner(DraftBanner);
        }

        c.Paragraph([new PdfRun("To", Bold: true)]);
        c.Paragraph([new PdfRun(string.Join("\n", new[] { cover.PayerName }.Concat(cover.PayerAddress)))]);
        if (!string.IsNullOrWhiteSpace(cover.PayerFax))
        {
            c.Paragraph([new PdfRun("Fax " + cover.PayerFax)]);
        }

        c.Space(4);
        c.Paragraph([new PdfRun("From", Bold: true)]);
        var from = new List<string> { packet.Letterhead.PracticeName };
        from.AddRange(packet.Letterhead.AddressLines.Where(l => !string.IsNullOrWhiteSpace(l)));
        if (!string.IsNullOrWhiteSpace(packet.Letterhead.Phone))
        {
            from.Add("Phone " + packet.Letterhead.Phone);
        }

        if (!string.IsNullOrWhiteSpace(packet.Letterhead.Fax))
        {
            from.Add("Fax " + packet.Letterhead.Fax);
        }

        c.Paragraph([new PdfRun(string.Join("\n", from))]);
        if (!string.IsNullOrWhiteSpace(cover.Contact))
        {
            c.Paragraph([new PdfRun("Contact for this appeal: ", Bold: true), new PdfRun(cover.Contact)]);
        }

        c.Space(4);
        c.Paragraph([new PdfRun("Regarding", Bold: true)]);
        c.Table([0.3, 0.7], cover.Regarding.Select(r => (IReadOnlyList<string>)[r.Label, r.Value]).ToList(), header: null, size: 10);
        c.Space(6);
        c.Paragraph([new PdfRun("Contents", Bold: true)]);
        var rows = new List<IReadOnlyList<string>> { new[] { "Cover sheet", "1" } };
        rows.AddRange(contents.Select(x => (IReadOnlyList<string>)[x.Item, x.First == x.Last
            ? x.First.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{x.First}–{x.Last}")]));
        c.Table([0.84, 0.16], rows, header: ["Item", "Pages"], size: 10);
        c.Paragraph([new PdfRun(string.Create(CultureInfo.InvariantCulture, $"Total pages, this sheet included: {totalPages}."))]);
        c.Finish();
    }

    private static void NumberPages(PdfDocument document, string reference)
    {
        var font = new XFont(PdfFonts.Serif, 8, XFontStyleEx.Regular);
        var total = document.PageCount;
        for (var i = 0; i < total; i++)
        {
            var page = document.Pages[i];
            using var gfx = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var width = page.Width.Point;
            var height = page.Height.Point;
            var text = string.Create(CultureInfo.InvariantCulture, $"{reference}  ·  Page {i + 1} of {total}");
            var size = gfx.MeasureString(text, font);
            gfx.DrawString(text, font, XBrushes.DimGray, new XPoint((width - size.Width) / 2, height - 22));
        }
    }
}

/// <summary>A run of text with one style.</summary>
internal sealed record PdfRun(string Text, bool Bold = false, bool Italic = false, bool Mono = false, double? Size = null);

/// <summary>
/// A small flow layout on PDFsharp's drawing API (MigraDoc is not served): paragraphs with wrapped mixed-style runs,
/// headings, block quotes, lists, simple tables, rules and images, breaking pages as the text flows.
/// </summary>
internal sealed class PdfComposer
{
    private const double Margin = 54;
    private const double TopMargin = 50;
    private const double BottomMargin = 50;
    private const double BodySize = 10.5;

    private readonly PdfDocument document;
    private PdfPage? page;
    private XGraphics? gfx;
    private double y;
    private double indent;

    public PdfComposer(PdfDocument document, PdfPage? onPage = null)
    {
        this.document = document;
        if (onPage is not null)
        {
            page = onPage;
            gfx = XGraphics.FromPdfPage(onPage);
            y = TopMargin;
        }
    }

    public int PageCount => document.PageCount;

    private double Width => (page?.Width.Point ?? 612) - (2 * Margin) - indent;

    private double Left => Margin + indent;

    private double Bottom => (page?.Height.Point ?? 792) - BottomMargin;

    /// <summary>Starts a page; returns its 1-based number.</summary>
    public int NewPage()
    {
        Flush();
        page = document.AddPage();
        page.Size = PageSize.Letter;
        gfx = XGraphics.FromPdfPage(page);
        y = TopMargin;
        return document.PageCount;
    }

    /// <summary>Ends drawing on the current page (before pages are added from elsewhere).</summary>
    public void Flush()
    {
        gfx?.Dispose();
        gfx = null;
    }

    /// <summary>After merged pages: the next content starts on a page of its own.</summary>
    public void AfterExternalPages() => page = null;

    public void Finish() => Flush();

    public void Space(double points)
    {
        EnsurePage();
        y += points;
    }

    public void Rule()
    {
        EnsureSpace(8);
        gfx!.DrawLine(new XPen(XColors.Gray, 0.6), Left, y + 3, Left + Width, y + 3);
        y += 10;
    }

    public void Centered(string text, double size, bool bold = false)
    {
        var font = Font(bold, false, false, size);
        EnsureSpace(size * 1.35);
        var measured = gfx!.MeasureString(text, font);
        gfx.DrawString(text, font, XBrushes.Black, new XPoint(Margin + ((page!.Width.Point - (2 * Margin) - measured.Width) / 2), y + (size * 1.0)));
        y += size * 1.35;
    }

    public void Banner(string text)
    {
        var font = Font(true, false, false, 11);
        EnsureSpace(20);
        var measured = gfx!.MeasureString(text, font);
        gfx.DrawString(text, font, new XSolidBrush(XColor.FromArgb(192, 0, 0)), new XPoint(Margin + ((page!.Width.Point - (2 * Margin) - measured.Width) / 2), y + 12));
        y += 22;
    }

    /// <summary>The band at the top of an enclosure: its number and title.</summary>
    public void Header(string label)
    {
        EnsurePage();
        var runs = new List<PdfRun> { new(label, Bold: true, Size: 11) };
        Paragraph(runs, after: 2);
        gfx!.DrawLine(new XPen(XColors.Gray, 0.6), Left, y, Left + Width, y);
        y += 8;
    }

    public void Paragraph(IReadOnlyList<PdfRun> runs, double after = 5, double size = BodySize)
    {
        EnsurePage();
        var lines = Wrap(runs, Width, size);
        foreach (var line in lines)
        {
            var height = line.Height;
            EnsureSpace(height);
            var x = Left;
            foreach (var segment in line.Segments)
            {
                gfx!.DrawString(segment.Text, segment.Font, XBrushes.Black, new XPoint(x, y + (height * 0.78)));
                x += segment.Width;
            }

            y += height;
        }

        y += after;
    }

    /// <summary>Plain text as written: each line kept, blank lines separate paragraphs.</summary>
    public void PlainText(string text)
    {
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        foreach (var block in normalized.Split("\n\n"))
        {
            if (string.IsNullOrWhiteSpace(block))
            {
                continue;
            }

            Paragraph([new PdfRun(block.Trim('\n'))]);
        }
    }

    public void Markdown(string markdown)
    {
        var parsed = Markdig.Markdown.Parse(markdown, MarkdownRendering.Pipeline);
        foreach (var block in parsed)
        {
            Block(block);
        }
    }

    public void Table(IReadOnlyList<double> widths, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyList<string>? header, double size)
    {
        EnsurePage();
        var all = new List<(IReadOnlyList<string> Cells, bool Header)>();
        if (header is not null)
        {
            all.Add((header, true));
        }

        all.AddRange(rows.Select(r => (r, false)));
        foreach (var (cells, isHeader) in all)
        {
            var columns = widths.Select(w => w * Width).ToList();
            var wrapped = cells.Select((cell, i) => Wrap([new PdfRun(cell, Bold: isHeader)], columns[Math.Min(i, columns.Count - 1)] - 6, size)).ToList();
            var height = wrapped.Max(w => w.Sum(l => l.Height)) + 4;
            EnsureSpace(height);
            var x = Left;
            for (var i = 0; i < wrapped.Count && i < columns.Count; i++)
            {
                var lineY = y + 2;
                foreach (var line in wrapped[i])
                {
                    var lx = x + 3;
                    foreach (var segment in line.Segments)
                    {
                        gfx!.DrawString(segment.Text, segment.Font, XBrushes.Black, new XPoint(lx, lineY + (line.Height * 0.78)));
                        lx += segment.Width;
                    }

                    lineY += line.Height;
                }

                x += columns[i];
            }

            gfx!.DrawLine(new XPen(XColors.LightGray, 0.5), Left, y + height, Left + Width, y + height);
            y += height;
        }

        y += 4;
    }

    public void Image(XImage image)
    {
        EnsurePage();
        var maxWidth = Width;
        var maxHeight = Bottom - y;
        var width = image.PointWidth;
        var height = image.PointHeight;
        var scale = Math.Min(1, Math.Min(maxWidth / width, maxHeight / height));
        gfx!.DrawImage(image, Left, y, width * scale, height * scale);
        y += (height * scale) + 6;
    }

    private void Block(Block block)
    {
        switch (block)
        {
            case HeadingBlock heading:
                var size = heading.Level switch { 1 => 14, 2 => 12.5, _ => 11.5 };
                Space(4);
                Paragraph(Inlines(heading.Inline, bold: true).Select(r => r with { Size = size }).ToList(), after: 3, size: size);
                break;
            case ParagraphBlock paragraph:
                Paragraph(Inlines(paragraph.Inline));
                break;
            case QuoteBlock quote:
                var top = y;
                var startPage = page;
                indent += 14;
                foreach (var child in quote)
                {
                    Block(child);
                }

                indent -= 14;
                if (page == startPage && gfx is not null)
                {
                    gfx.DrawLine(new XPen(XColors.Gray, 1.2), Left + 4, top, Left + 4, y - 4);
                }

                break;
            case ListBlock list:
                var n = int.TryParse(list.OrderedStart, NumberStyles.None, CultureInfo.InvariantCulture, out var start) ? start : 1;
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var bullet = list.IsOrdered ? n++.ToString(CultureInfo.InvariantCulture) + "." : "•";
                    EnsureSpace(BodySize * 1.3);
                    gfx!.DrawString(bullet, Font(false, false, false, BodySize), XBrushes.Black, new XPoint(Left + 2, y + (BodySize * 1.3 * 0.78)));
                    indent += 16;
                    foreach (var child in item)
                    {
                        Block(child);
                    }

                    indent -= 16;
                }

                break;
            case Table table:
                var rows = table.OfType<TableRow>().ToList();
                var columns = rows.Count == 0 ? 1 : rows.Max(r => r.Count);
                var widths = columns == 2 ? [0.3, 0.7] : Enumerable.Repeat(1.0 / columns, columns).ToList();
                var texts = rows.Select(r => (IReadOnlyList<string>)r.OfType<TableCell>().Select(CellText).ToList()).ToList();
                var headerRow = rows.Count > 0 && rows[0].IsHeader ? texts[0] : null;
                Table(widths, headerRow is null ? texts : texts.Skip(1).ToList(), headerRow, BodySize - 0.5);
                break;
            case ThematicBreakBlock:
                Rule();
                break;
            case CodeBlock code:
                var lines = code.Lines.ToString();
                Paragraph([new PdfRun(lines, Mono: true, Size: 9)], size: 9);
                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    Block(child);
                }

                break;
            default:
                break;
        }
    }

    private static string CellText(TableCell cell)
    {
        var sb = new StringBuilder();
        foreach (var paragraph in cell.OfType<ParagraphBlock>())
        {
            foreach (var run in Inlines(paragraph.Inline))
            {
                sb.Append(run.Text);
            }
        }

        return sb.ToString().Trim();
    }

    private static List<PdfRun> Inlines(ContainerInline? container, bool bold = false, bool italic = false)
    {
        var runs = new List<PdfRun>();
        if (container is null)
        {
            return runs;
        }

        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    runs.Add(new PdfRun(literal.Content.ToString(), bold, italic));
                    break;
                case EmphasisInline emphasis:
                    var strong = emphasis.DelimiterCount >= 2;
                    runs.AddRange(Inlines(emphasis, bold || strong, italic || !strong));
                    break;
                case LineBreakInline lineBreak:
                    runs.Add(new PdfRun(lineBreak.IsHard ? "\n" : " ", bold, italic));
                    break;
                case CodeInline code:
                    runs.Add(new PdfRun(code.Content, bold, italic, Mono: true));
                    break;
                case AutolinkInline autolink:
                    runs.Add(new PdfRun(autolink.Url, bold, italic));
                    break;
                case HtmlEntityInline entity:
                    runs.Add(new PdfRun(entity.Transcoded.ToString(), bold, italic));
                    break;
                case HtmlInline html:
                    runs.Add(new PdfRun(html.Tag, bold, italic));
                    break;
                case ContainerInline nested:
                    runs.AddRange(Inlines(nested, bold, italic));
                    break;
                default:
                    break;
            }
        }

        return runs;
    }

    private void EnsurePage()
    {
        if (page is null || gfx is null)
        {
            NewPage();
        }
    }

    private void EnsureSpace(double height)
    {
        EnsurePage();
        if (y + height > Bottom)
        {
            NewPage();
        }
    }

    private static XFont Font(bool bold, bool italic, bool mono, double size)
    {
        var style = (bold, italic) switch
        {
            (true, true) => XFontStyleEx.BoldItalic,
            (true, false) => XFontStyleEx.Bold,
            (false, true) => XFontStyleEx.Italic,
            _ => XFontStyleEx.Regular,
        };
        return new XFont(mono ? PdfFonts.Mono : PdfFonts.Serif, size, style);
    }

    private sealed record Segment(string Text, XFont Font, double Width);

    private sealed record Line(List<Segment> Segments, double Height);

    /// <summary>Breaks runs into lines no wider than <paramref name="width"/>; a "\n" in a run forces a break.</summary>
    private List<Line> Wrap(IReadOnlyList<PdfRun> styled, double width, double size)
    {
        EnsurePage();

        // Markdown splits "[E1]" into several literals; runs of one style are joined so lines break only at spaces.
        var runs = new List<PdfRun>();
        foreach (var run in styled)
        {
            if (runs.Count > 0 && runs[^1] is var last && last.Bold == run.Bold && last.Italic == run.Italic && last.Mono == run.Mono && last.Size == run.Size)
            {
                runs[^1] = last with { Text = last.Text + run.Text };
            }
            else
            {
                runs.Add(run);
            }
        }

        var measure = gfx!;
        var lines = new List<Line>();
        var current = new List<Segment>();
        var used = 0.0;
        var lineHeight = size * 1.3;

        void Close()
        {
            // Trailing spaces take no room at the end of a line.
            if (current.Count > 0)
            {
                var last = current[^1];
                var trimmed = last.Text.TrimEnd();
                current[^1] = last with { Text = trimmed, Width = trimmed.Length == 0 ? 0 : measure.MeasureString(trimmed, last.Font).Width };
            }

            lines.Add(new Line(current, lineHeight));
            current = [];
            used = 0;
        }

        foreach (var run in runs)
        {
            var font = Font(run.Bold, run.Italic, run.Mono, run.Size ?? size);
            lineHeight = Math.Max(lineHeight, (run.Size ?? size) * 1.3);
            foreach (var token in Tokens(run.Text))
            {
                if (token == "\n")
                {
                    Close();
                    continue;
                }

                var tokenWidth = measure.MeasureString(token, font).Width;
                if (used + tokenWidth > width && used > 0 && !string.IsNullOrWhiteSpace(token))
                {
                    Close();
                }

                if (current.Count == 0 && string.IsNullOrWhiteSpace(token))
                {
                    continue;
                }

                if (tokenWidth > width)
                {
                    // A word longer than the line (a long URL or code) is cut where it must be.
                    foreach (var piece in Cut(token, font, width, measure))
                    {
                        if (used > 0)
                        {
                            Close();
                        }

                        current.Add(new Segment(piece, font, measure.MeasureString(piece, font).Width));
                        used = current.Sum(s => s.Width);
                    }

                    continue;
                }

                if (current.Count > 0 && ReferenceEquals(current[^1].Font, font))
                {
                    var merged = current[^1].Text + token;
                    current[^1] = new Segment(merged, font, current[^1].Width + tokenWidth);
                }
                else
                {
                    current.Add(new Segment(token, font, tokenWidth));
                }

                used += tokenWidth;
            }
        }

        if (current.Count > 0 || lines.Count == 0)
        {
            Close();
        }

        return lines;
    }

    private static IEnumerable<string> Cut(string token, XFont font, double width, XGraphics measure)
    {
        var start = 0;
        while (start < token.Length)
        {
            var length = token.Length - start;
            while (length > 1 && measure.MeasureString(token.Substring(start, length), font).Width > width)
            {
                length--;
            }

            yield return token.Substring(start, length);
            start += length;
        }
    }

    /// <summary>Words and the spaces after them, and "\n" on its own.</summary>
    private static IEnumerable<string> Tokens(string text)
    {
        var sb = new StringBuilder();
        foreach (var ch in text)
        {
            if (ch == '\n')
            {
                if (sb.Length > 0)
                {
                    yield return sb.ToString();
                    sb.Clear();
                }

                yield return "\n";
                continue;
            }

            if (char.IsWhiteSpace(ch))
            {
                sb.Append(' ');
                yield return sb.ToString();
                sb.Clear();
                continue;
            }

            sb.Append(ch);
        }

        if (sb.Length > 0)
        {
            yield return sb.ToString();
        }
    }
}
