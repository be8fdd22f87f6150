using System.Globalization;
using System.Text;

namespace AppealStudio.Core.Charts;

/// <summary>
/// Reads chart documents from an uploaded file: plain text, Markdown, HTML, DOCX, or FHIR R4 JSON (a
/// DocumentReference or a Bundle of them). The format is chosen from the content first and the extension second,
/// because users rename files and EHR exports use odd extensions; files that are clearly something else (a PDF,
/// an image, an 835) are refused with a sentence saying what to do instead.
/// </summary>
public static class ChartImporter
{
    /// <summary>Largest file read: chart exports are text; anything bigger is a mistake or an attack, not a note.</summary>
    public const int MaxBytes = 50 * 1024 * 1024;

    public static IReadOnlyList<ChartDocument> Read(string fileName, Stream content)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(content);
        var bytes = ReadLimited(fileName, content);

        if (bytes.Length == 0)
        {
            throw Fail(ChartImportError.EmptyDocument, fileName, $"The file {fileName} is empty.");
        }

        var extension = Path.GetExtension(fileName).ToUpperInvariant();
        RefuseKnownBinaryFormats(fileName, bytes, extension);
        if (StartsWith(bytes, "PK\u0003\u0004"u8))
        {
            if (extension is ".DOCX" or ".DOCM" or "")
            {
                return [DocxChartReader.Read(fileName, bytes)];
            }

            throw Fail(ChartImportError.UnsupportedFileType, fileName, $"The file {fileName} is a ZIP archive, not a chart document; upload a .docx, .txt, .md or FHIR .json file.");
        }

        if (extension is ".DOCX" or ".DOCM")
        {
            throw Fail(ChartImportError.InvalidDocx, fileName, $"The file {fileName} is named .docx but is not a Word document.");
        }

        var text = TextDecoding.Decode(bytes);
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw Fail(ChartImportError.UnsupportedFileType, fileName, $"The file {fileName} is binary data, not a chart document; upload a .docx, .txt, .md or FHIR .json file.");
        }

        var head = text.TrimStart();
        RefuseKnownTextFormats(fileName, head);
        if (head.Length == 0)
        {
            throw Fail(ChartImportError.EmptyDocument, fileName, $"The file {fileName} contains no text.");
        }

        if (extension == ".JSON" || head[0] is '{' or '[')
        {
            return FhirChartReader.Read(fileName, text);
        }

        if (extension is ".HTML" or ".HTM" || head.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
        {
            var plain = HtmlText.ToPlainText(text);
            return [PlainTextChartReader.Read(fileName, fileName, plain)];
        }

        if (extension is ".MD" or ".MARKDOWN" || MarkdownChartReader.LooksLikeMarkdown(text))
        {
            return [MarkdownChartReader.Read(fileName, text)];
        }

        return [PlainTextChartReader.Read(fileName, fileName, text)];
    }

    private static byte[] ReadLimited(string fileName, Stream content)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = content.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw Fail(ChartImportError.TooLarge, fileName, $"The file {fileName} is larger than {MaxBytes / (1024 * 1024)} MB; split the export into smaller files.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    internal static ChartImportException Fail(ChartImportError error, string fileName, string message, Exception? inner = null) =>
        new(error, fileName, message, inner);

    private static void RefuseKnownBinaryFormats(string fileName, byte[] bytes, string extension)
    {
        if (StartsWith(bytes, "%PDF"u8))
        {
            throw Fail(ChartImportError.UnsupportedFileType, fileName, $"The file {fileName} is a PDF; export the note from the EHR as text, DOCX or FHIR JSON (a scanned PDF needs text recognition first).");
        }

        if (StartsWith(bytes, [0x89, 0x50, 0x4E, 0x47]) || StartsWith(bytes, [0xFF, 0xD8, 0xFF]) || StartsWith(bytes, "GIF8"u8)
            || StartsWith(bytes, "II*\0"u8) || StartsWith(bytes, "MM\0*"u8) || (StartsWith(bytes, "BM"u8) && extension == ".BMP")
            || extension is ".PNG" or ".JPG" or ".JPEG" or ".GIF" or ".TIF" or ".TIFF" or ".HEIC" or ".WEBP")
        {
            throw Fail(ChartImportError.UnsupportedFileType, fileName, $"The file {fileName} is an image; chart evidence must be text, so export the note as text, DOCX or FHIR JSON.");
        }

        if (StartsWith(bytes, [0xD0, 0xCF, 0x11, 0xE0]))
        {
            throw Fail(ChartImportError.UnsupportedFileType, fileName, $"The file {fileName} is a legacy Office document (.doc); save it as .docx and upload it again.");
        }
    }

    private static void RefuseKnownTextFormats(string fileName, string head)
    {
        if (head.StartsWith("ISA", StringComparison.Ordinal) && head.Length > 3 && !char.IsAsciiLetterOrDigit(head[3]))
        {
            var what = head.Contains("ST*835", StringComparison.Ordinal) || head.Contains("ST|835", StringComparison.Ordinal) || head.Contains("ST:835", StringComparison.Ordinal)
                ? "an X12 835 remittance; import it on the Remittances page"
                : "an X12 EDI file, not a chart document";
            throw Fail(ChartImportError.UnsupportedFileType, fileName, $"The file {fileName} is {what}.");
        }

        if (head.StartsWith(@"{\rtf", StringComparison.Ordinal))
        {
            throw Fail(ChartImportError.UnsupportedFileType, fileName, $"The file {fileName} is an RTF document; save it as .docx or .txt and upload it again.");
        }

        if (head.StartsWith("<?xml", StringComparison.Ordinal) || head.StartsWith("<ClinicalDocument", StringComparison.Ordinal) || head.StartsWith("<Bundle", StringComparison.Ordinal))
        {
            throw Fail(ChartImportError.UnsupportedFileType, fileName, $"The file {fileName} is XML (CDA or FHIR XML), which is not supported; export FHIR JSON, DOCX or text instead.");
        }
    }

    private static bool StartsWith(byte[] bytes, ReadOnlySpan<byte> prefix) => bytes.AsSpan().StartsWith(prefix);
}

/// <summary>Bytes to text for chart files, which come from many EHRs and editors.</summary>
internal static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(byte[] bytes)
    {
        string text;
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        }
        else if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            text = Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        }
        else if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            text = Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        }
        else
        {
            try
            {
                text = StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                // Older Windows exports are single-byte; Latin-1 keeps every byte as a character instead of failing.
                text = Encoding.Latin1.GetString(bytes);
            }
        }

        return NormalizeNewlines(text);
    }

    public static string NormalizeNewlines(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
}

/// <summary>Titles for documents that state none.</summary>
internal static class ChartTitles
{
    public static string FromText(string? headerTitle, string text, string fileName)
    {
        if (!string.IsNullOrWhiteSpace(headerTitle))
        {
            return Tidy(headerTitle);
        }

        // Notes commonly open with their kind ("OPERATIVE REPORT"); a first line that reads like a label is the title.
        var first = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        if (first is not null && first.Length <= 80 && !first.Contains(':', StringComparison.Ordinal))
        {
            return Tidy(first.TrimStart('#', ' '));
        }

        return Path.GetFileNameWithoutExtension(fileName);
    }

    private static string Tidy(string title)
    {
        title = title.Trim();
        var letters = title.Where(char.IsLetter).ToList();
        return letters.Count > 0 && letters.All(char.IsUpper)
            // Sentence case, as citations in a letter name documents ("Cardiology office visit").
            ? char.ToUpperInvariant(title[0]) + title[1..].ToLowerInvariant()
            : title;
    }
}
