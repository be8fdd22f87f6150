using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using MdTable = Markdig.Extensions.Tables.Table;
using MdTableCell = Markdig.Extensions.Tables.TableCell;
using MdTableRow = Markdig.Extensions.Tables.TableRow;
using WTable = DocumentFormat.OpenXml.Wordprocessing.Table;
using WTableCell = DocumentFormat.OpenXml.Wordprocessing.TableCell;
using WTableRow = DocumentFormat.OpenXml.Wordprocessing.TableRow;

namespace AppealStudio.Core.Letters;

/// <summary>
/// Renders a letter to DOCX (Open XML SDK 2.20): letterhead, the Markdown body walked through Markdig's syntax tree
/// (headings, paragraphs, bold/italic, lists, block quotes for the chart excerpts, tables for the claim reference
/// block), then the signature block, or an "UNSIGNED DRAFT" banner at the top and bottom when there is no
/// signature. Formatting is applied directly rather than through styles so the file looks the same in Word,
/// LibreOffice and the payer's portal viewer.
/// </summary>
public static class LetterDocx
{
    private const string DraftBanner = "UNSIGNED DRAFT — not for submission";
    private const string Font = "Calibri";

    public static void Render(LetterDocument model, Stream output)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(output);
        if (model.Signature is { } signature && !SignatureHash.Matches(model.BodyMarkdown, signature.ContentHash))
        {
            // A signature belongs to the exact text that was signed; printing it under other text would misstate what the physician signed.
            throw new InvalidOperationException("The letter text differs from the text that was signed; sign it again before rendering.");
        }

        using var buffer = new MemoryStream();
        using (var package = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            var main = package.AddMainDocumentPart();
            AddStyles(main);
            var body = new Body();
            WriteLetterhead(body, model.Letterhead);
            if (model.Signature is null)
            {
                body.Append(Banner());
            }

            var writer = new BodyWriter(body);
            writer.Write(Markdown.Parse(model.BodyMarkdown, MarkdownRendering.Pipeline));
            WriteSignature(body, model.Signature);
            body.Append(new SectionProperties(
                new PageSize { Width = 12240, Height = 15840 },
                new PageMargin { Top = 1080, Bottom = 1080, Left = 1260, Right = 1260, Header = 720, Footer = 720, Gutter = 0 }));
            main.Document = new Document(body);
            package.PackageProperties.Title = model.Title ?? "Appeal letter";
            package.PackageProperties.Creator = model.Letterhead.PracticeName;
        }

        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
                new FontSize { Val = "22" },
                new FontSizeComplexScript { Val = "22" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { After = "120", Line = "264", LineRule = LineSpacingRuleValues.Auto }))));
    }

    private static void WriteLetterhead(Body body, Letterhead head)
    {
        body.Append(Centered(Run(head.PracticeName, bold: true, size: 32)));
        foreach (var line in head.AddressLines.Where(l => !string.IsNullOrWhiteSpace(l)))
        {
            body.Append(Centered(Run(line, size: 18)));
        }

        var contact = new List<string>();
        AddIf(contact, "Phone", head.Phone);
        AddIf(contact, "Fax", head.Fax);
        AddIf(contact, "NPI", head.Npi);
        AddIf(contact, "Tax ID", head.TaxId);
        body.Append(Centered(
            Run(string.Join("  ·  ", contact), size: 18),
            new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 8, Space = 4, Color = "808080" })));
        body.Append(new Paragraph());

        static void AddIf(List<string> parts, string label, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add($"{label} {value}");
            }
        }
    }

    private static Paragraph Banner() =>
        Centered(Run(DraftBanner, bold: true, size: 24, color: "C00000"));

    private static void WriteSignature(Body body, LetterSignature? signature)
    {
        body.Append(new Paragraph());
        if (signature is null)
        {
            body.Append(Banner());
            return;
        }

        var top = new Paragraph(
            Props(keepNext: true, borders: new ParagraphBorders(new TopBorder { Val = BorderValues.Single, Size = 6, Space = 4, Color = "808080" })),
            Run("Electronic signature", bold: true));
        body.Append(top);
        var name = string.IsNullOrWhiteSpace(signature.Credentials) ? signature.SignerName : $"{signature.SignerName}, {signature.Credentials}";
        var when = signature.SignedAtText;
        body.Append(new Paragraph(Run($"Electronically signed by {name} on {when}.")));
        if (!string.IsNullOrWhiteSpace(signature.Attestation))
        {
            body.Append(new Paragraph(Run(signature.Attestation, italic: true)));
        }

        body.Append(new Paragraph(Run($"SHA-256 of the signed text: {signature.ContentHash}", size: 18, color: "595959")));
    }

    private static Paragraph Centered(Run run, ParagraphBorders? borders = null) =>
        new(Props(borders: borders, spacing: new SpacingBetweenLines { After = "0" }, justification: new Justification { Val = JustificationValues.Center }), run);

    // Paragraph properties must appear in the order of the WordprocessingML schema, or Word reports the file as corrupt.
    private static ParagraphProperties Props(
        bool keepNext = false,
        ParagraphBorders? borders = null,
        SpacingBetweenLines? spacing = null,
        Indentation? indentation = null,
        Justification? justification = null)
    {
        var props = new ParagraphProperties();
        if (keepNext)
        {
            props.Append(new KeepNext());
        }

        if (borders is not null)
        {
            props.Append(borders);
        }

        if (spacing is not null)
        {
            props.Append(spacing);
        }

        if (indentation is not null)
        {
            props.Append(indentation);
        }

        if (justification is not null)
        {
            props.Append(justification);
        }

        return props;
    }

    internal static Run Run(string text, bool bold = false, bool italic = false, int? size = null, string? color = null, bool mono = false)
    {
        var props = new RunProperties();
        if (mono)
        {
            props.Append(new RunFonts { Ascii = "Consolas", HighAnsi = "Consolas", ComplexScript = "Consolas" });
        }

        if (bold)
        {
            props.Append(new Bold());
        }

        if (italic)
        {
            props.Append(new Italic());
        }

        if (color is not null)
        {
            props.Append(new Color { Val = color });
        }

        if (size is { } s)
        {
            props.Append(new FontSize { Val = s.ToString(CultureInfo.InvariantCulture) });
        }

        var run = new Run();
        if (props.HasChildren)
        {
            run.Append(props);
        }

        run.Append(new Text(XmlSafe(text)) { Space = SpaceProcessingModeValues.Preserve });
        return run;
    }

    // Chart text can carry control characters that XML 1.0 cannot hold; Word refuses the file if they get through.
    private static string XmlSafe(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c >= 0x20 || c is '\t')
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>Walks the Markdown syntax tree and appends Word paragraphs and tables.</summary>
    private sealed class BodyWriter(Body body)
    {
        private readonly record struct Format(bool Bold, bool Italic, bool Mono);

        public void Write(MarkdownDocument document)
        {
            foreach (var block in document)
            {
                WriteBlock(block, quoteDepth: 0, listPrefix: null, indent: 0);
            }
        }

        private void WriteBlock(Block block, int quoteDepth, string? listPrefix, int indent)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    var size = heading.Level switch { 1 => 30, 2 => 26, _ => 23 };
                    var hp = NewParagraph(quoteDepth, indent, null, keepNext: true, spacing: new SpacingBetweenLines { Before = "200", After = "80" });
                    AppendInlines(hp, heading.Inline, new Format(Bold: true, Italic: false, Mono: false), size);
                    body.Append(hp);
                    break;
                case ParagraphBlock paragraph:
                    var p = NewParagraph(quoteDepth, indent, listPrefix);
                    AppendInlines(p, paragraph.Inline, new Format(false, quoteDepth > 0, false), null);
                    body.Append(p);
                    break;
                case QuoteBlock quote:
                    foreach (var child in quote)
                    {
                        WriteBlock(child, quoteDepth + 1, listPrefix, indent);
                        listPrefix = null;
                    }

                    break;
                case ListBlock list:
                    WriteList(list, quoteDepth, indent);
                    break;
                case MdTable table:
                    WriteTable(table);
                    break;
                case ThematicBreakBlock:
                    var rule = new Paragraph(Props(borders: new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 6, Space = 1, Color = "808080" })));
                    body.Append(rule);
                    break;
                case CodeBlock code:
                    foreach (var line in code.Lines.Lines.Take(code.Lines.Count))
                    {
                        var cp = NewParagraph(quoteDepth, indent, null);
                        cp.Append(LetterDocx.Run(line.ToString(), mono: true));
                        body.Append(cp);
                    }

                    break;
                case LeafBlock leaf when leaf.Inline is not null:
                    var lp = NewParagraph(quoteDepth, indent, listPrefix);
                    AppendInlines(lp, leaf.Inline, default, null);
                    body.Append(lp);
                    break;
                case ContainerBlock container:
                    foreach (var child in container)
                    {
                        WriteBlock(child, quoteDepth, listPrefix, indent);
                    }

                    break;
                default:
                    break;
            }
        }

        private void WriteList(ListBlock list, int quoteDepth, int indent)
        {
            var number = list.IsOrdered && int.TryParse(list.OrderedStart, NumberStyles.Integer, CultureInfo.InvariantCulture, out var start) ? start : 1;
            foreach (var item in list.OfType<ListItemBlock>())
            {
                var prefix = list.IsOrdered ? number.ToString(CultureInfo.InvariantCulture) + "." : "•";
                var first = true;
                foreach (var child in item)
                {
                    WriteBlock(child, quoteDepth, first ? prefix : null, indent + 1);
                    first = false;
                }

                number++;
            }
        }

        private void WriteTable(MdTable table)
        {
            var border = new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4, Color = "A6A6A6" },
                new LeftBorder { Val = BorderValues.Single, Size = 4, Color = "A6A6A6" },
                new BottomBorder { Val = BorderValues.Single, Size = 4, Color = "A6A6A6" },
                new RightBorder { Val = BorderValues.Single, Size = 4, Color = "A6A6A6" },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Color = "A6A6A6" },
                new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Color = "A6A6A6" });
            var wordTable = new WTable(new TableProperties(
                new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" },
                border,
                new TableCellMarginDefault(new TopMargin { Width = "40", Type = TableWidthUnitValues.Dxa }, new BottomMargin { Width = "40", Type = TableWidthUnitValues.Dxa })));

            // A grid is required by the schema; the first column holds labels, so it gets a third of the width.
            var columns = Math.Max(1, table.OfType<MdTableRow>().Select(r => r.Count).DefaultIfEmpty(1).Max());
            const int textWidth = 9720;
            var first = columns == 1 ? textWidth : textWidth / 3;
            var grid = new TableGrid(new GridColumn { Width = first.ToString(CultureInfo.InvariantCulture) });
            for (var c = 1; c < columns; c++)
            {
                grid.Append(new GridColumn { Width = ((textWidth - first) / (columns - 1)).ToString(CultureInfo.InvariantCulture) });
            }

            wordTable.Append(grid);
            foreach (var row in table.OfType<MdTableRow>())
            {
                var wordRow = new WTableRow();
                foreach (var cell in row.OfType<MdTableCell>())
                {
                    var paragraph = new Paragraph(Props(spacing: new SpacingBetweenLines { After = "0" }));
                    foreach (var inner in cell.OfType<ParagraphBlock>())
                    {
                        AppendInlines(paragraph, inner.Inline, new Format(row.IsHeader, false, false), null);
                    }

                    var cellProps = new TableCellProperties();
                    if (row.IsHeader)
                    {
                        cellProps.Append(new Shading { Val = ShadingPatternValues.Clear, Fill = "F2F2F2", Color = "auto" });
                    }

                    wordRow.Append(new WTableCell(cellProps, paragraph));
                }

                wordTable.Append(wordRow);
            }

            body.Append(wordTable);
            body.Append(new Paragraph(Props(spacing: new SpacingBetweenLines { After = "0" })));
        }

        private static Paragraph NewParagraph(int quoteDepth, int indent, string? listPrefix, bool keepNext = false, SpacingBetweenLines? spacing = null)
        {
            var borders = quoteDepth > 0
                ? new ParagraphBorders(new LeftBorder { Val = BorderValues.Single, Size = 18, Space = 8, Color = "7F7F7F" })
                : null;
            var left = (quoteDepth * 567) + (indent * 360);
            Indentation? indentation = null;
            if (listPrefix is not null)
            {
                indentation = new Indentation { Left = (left + 360).ToString(CultureInfo.InvariantCulture), Hanging = "360" };
            }
            else if (left > 0)
            {
                indentation = new Indentation { Left = left.ToString(CultureInfo.InvariantCulture) };
            }

            var paragraph = new Paragraph(Props(keepNext, borders, spacing, indentation));
            if (listPrefix is not null)
            {
                paragraph.Append(LetterDocx.Run(listPrefix + "\t"));
            }

            return paragraph;
        }

        private static void AppendInlines(Paragraph paragraph, ContainerInline? container, Format format, int? size)
        {
            if (container is null)
            {
                return;
            }

            foreach (var inline in container)
            {
                AppendInline(paragraph, inline, format, size);
            }
        }

        private static void AppendInline(Paragraph paragraph, Inline inline, Format format, int? size)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    paragraph.Append(LetterDocx.Run(literal.Content.ToString(), format.Bold, format.Italic, size, mono: format.Mono));
                    break;
                case EmphasisInline emphasis:
                    var inner = emphasis.DelimiterCount >= 2 ? format with { Bold = true } : format with { Italic = !format.Italic };
                    foreach (var child in emphasis)
                    {
                        AppendInline(paragraph, child, inner, size);
                    }

                    break;
                case CodeInline code:
                    paragraph.Append(LetterDocx.Run(code.Content, format.Bold, format.Italic, size, mono: true));
                    break;
                case LineBreakInline lineBreak:
                    if (lineBreak.IsHard)
                    {
                        paragraph.Append(new Run(new Break()));
                    }
                    else
                    {
                        paragraph.Append(LetterDocx.Run(" ", format.Bold, format.Italic, size));
                    }

                    break;
                case HtmlEntityInline entity:
                    paragraph.Append(LetterDocx.Run(entity.Transcoded.ToString(), format.Bold, format.Italic, size));
                    break;
                case AutolinkInline autolink:
                    paragraph.Append(LetterDocx.Run(autolink.Url, format.Bold, format.Italic, size));
                    break;
                case LinkInline link:
                    foreach (var child in link)
                    {
                        AppendInline(paragraph, child, format, size);
                    }

                    // Printed letters cannot be clicked; the address is written out after the text.
                    if (!string.IsNullOrWhiteSpace(link.Url) && !link.IsImage)
                    {
                        paragraph.Append(LetterDocx.Run($" ({link.Url})", format.Bold, format.Italic, size));
                    }

                    break;
                case HtmlInline html:
                    paragraph.Append(LetterDocx.Run(html.Tag, format.Bold, format.Italic, size));
                    break;
                case ContainerInline container:
                    foreach (var child in container)
                    {
                        AppendInline(paragraph, child, format, size);
                    }

                    break;
                default:
                    break;
            }
        }
    }
}
