using System.IO.Packaging;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace AppealStudio.Core.Charts;

/// <summary>Word documents: each paragraph (including those inside tables) becomes one line of text.</summary>
internal static class DocxChartReader
{
    private const long MaxCharactersInPart = 20_000_000;

    public static ChartDocument Read(string fileName, byte[] bytes)
    {
        DocxPackage.Check(fileName, bytes);
        var (coreTitle, coreAuthor) = DocxPackage.CoreProperties(bytes);
        string text;
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            // A small .docx can inflate to gigabytes of XML; cap what one part may expand to.
            using var document = WordprocessingDocument.Open(stream, isEditable: false, new OpenSettings { MaxCharactersInPart = MaxCharactersInPart });
            var body = document.MainDocumentPart?.Document?.Body
                ?? throw ChartImporter.Fail(ChartImportError.InvalidDocx, fileName, $"The file {fileName} is a package without a Word document body.");
            // The package properties are read by DocxPackage with a bounded reader, never through PackageProperties.
            text = string.Join('\n', body.Descendants<Paragraph>().Select(ParagraphText));
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or FileFormatException or InvalidDataException or InvalidOperationException or System.Xml.XmlException)
        {
            throw ChartImporter.Fail(ChartImportError.InvalidDocx, fileName, $"The file {fileName} is not a readable Word document ({ex.Message.TrimEnd('.')}).", ex);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw ChartImporter.Fail(ChartImportError.EmptyDocument, fileName, $"The Word document {fileName} contains no text.");
        }

        var header = NoteHeader.Parse(text);
        return new ChartDocument(
            fileName,
            ChartTitles.FromText(string.IsNullOrWhiteSpace(coreTitle) ? header.Title : coreTitle, text, fileName),
            new PatientIdentity(header.MemberId, header.PatientName, header.DateOfBirth),
            header.ServiceDate,
            header.Author ?? (string.IsNullOrWhiteSpace(coreAuthor) ? null : coreAuthor),
            header.DocumentType,
            fileName,
            text);
    }

    private static string ParagraphText(Paragraph paragraph)
    {
        var sb = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            // Text boxes nest whole paragraphs inside a run; those are read as paragraphs of their own.
            if (!ReferenceEquals(element.Ancestors<Paragraph>().FirstOrDefault(), paragraph))
            {
                continue;
            }

            // Deleted revisions (w:delText) and field codes (w:instrText) are other element types and are skipped.
            switch (element)
            {
                case Text t:
                    sb.Append(t.Text);
                    break;
                case TabChar:
                    sb.Append('\t');
                    break;
                case Break or CarriageReturn:
                    sb.Append('\n');
                    break;
                case NoBreakHyphen:
                    sb.Append('-');
                    break;
                default:
                    break;
            }
        }

        return sb.ToString();
    }
}
