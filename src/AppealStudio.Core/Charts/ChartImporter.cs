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

    /// <summary>
    /// Most documents (DocumentReference, Composition and Binary resources) one FHIR file may hold: a patient's chart
    /// export is tens of notes; a bundle of hundreds of thousands is an attack or a bulk export to split.
    /// </summary>
    public const int MaxDocumentsPerFile = 1_000;

    /// <summary>Most entries of any kind one FHIR bundle may hold (patients, coverages, observations... included).</summary>
    public const int MaxEntriesPerFile = 20_000;

    public static IReadOnlyList<ChartDocument> Read(string fileName, Stream content) => ReadFile(fileName, content).Documents;

    /// <summary>
    /// Reads a file: its documents and its format (text, markdown, html, docx or fhir). The size limit is applied
    /// while reading, so a larger upload is refused after <see cref="MaxBytes"/> bytes, not after all of it.
    /// </summary>
    public static ChartFile ReadFile(string fileName, Stream content)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = Buffer(fileName, content);
        var chunk = new byte[81920];
        int read;
        while ((read = content.Read(chunk, 0, chunk.Length)) > 0)
        {
            Append(fileName, buffer, chunk, read);
        }

        return Parse(fileName, Bytes(buffer));
    }

    /// <inheritdoc cref="ReadFile"/>
    public static async Task<ChartFile> ReadFileAsync(string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = Buffer(fileName, content);
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            Append(fileName, buffer, chunk, read);
        }

        return Parse(fileName, Bytes(buffer));
    }

    private static ChartFile Parse(string fileName, byte[] bytes)
    {
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
                return new ChartFile([DocxChartReader.Read(fileName, bytes)], "docx");
            }

            throw Fail(ChartImportError.UnsupportedFileType, fileName, $"The file {fileName} is a ZIP archive, not a chart document; upload a .docx, .txt, .md or FHIR .json file.");
        }

        if (extension is ".DOCX" or ".DOCM")
        {
            throw Fail(ChartImportError.InvalidDocx, fileName, $"The file {fileName} is named .docx but is not a Word document.");
        }

        // The format is decided on the head of the file; only formats read as text are decoded whole (FHIR JSON is read
        // from its UTF-8 bytes, which saves a copy twice the size of the file).
        var headText = TextDecoding.Decode(bytes[..Math.Min(bytes.Length, 4096)]);
        if (headText.Contains('\0', StringComparison.Ordinal))
        {
            throw Fail(ChartImportError.UnsupportedFileType, fileName, $"The file {fileName} is binary data, not a chart document; upload a .docx, .txt, .md or FHIR .json file.");
        }

        var head = headText.TrimStart();
        RefuseKnownTextFormats(fileName, head);
        if (extension == ".JSON" || (head.Length > 0 && head[0] is '{' or '['))
        {
            return new ChartFile(FhirChartReader.Read(fileName, TextDecoding.Utf8Json(bytes)), "fhir");
        }

        var text = TextDecoding.Decode(bytes);
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw Fail(ChartImportError.UnsupportedFileType, fileName, $"The file {fileName} is binary data, not a chart document; upload a .docx, .txt, .md or FHIR .json file.");
        }

        if (text.TrimStart().Length == 0)
        {
            throw Fail(ChartImportError.EmptyDocument, fileName, $"The file {fileName} contains no text.");
        }

        if (extension is ".HTML" or ".HTM" || head.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
        {
            var plain = HtmlText.ToPlainText(text);
            return new ChartFile([PlainTextChartReader.Read(fileName, fileName, plain)], "html");
        }

        if (extension is ".MD" or ".MARKDOWN" || MarkdownChartReader.LooksLikeMarkdown(text))
        {
            return new ChartFile([MarkdownChartReader.Read(fileName, text)], "markdown");
        }

        return new ChartFile([PlainTextChartReader.Read(fileName, fileName, text)], "text");
    }

    /// <summary>
    /// The buffer for a file: a stream that knows its length (a file, a buffered upload) is refused at once when it
    /// is over the limit and read into a buffer of its exact size; any other is read up to the limit and no further.
    /// </summary>
    private static MemoryStream Buffer(string fileName, Stream content)
    {
        if (!content.CanSeek)
        {
            return new MemoryStream();
        }

        var length = content.Length - content.Position;
        return length > MaxBytes ? throw TooLarge(fileName) : new MemoryStream((int)length);
    }

    // A buffer filled to its exact size is used as it is; copying it would hold the file twice.
    private static byte[] Bytes(MemoryStream buffer) => buffer.Capacity == buffer.Length ? buffer.GetBuffer() : buffer.ToArray();

    private static ChartImportException TooLarge(string fileName) =>
        Fail(ChartImportError.TooLarge, fileName, $"The file {fileName} is larger than {MaxBytes / (1024 * 1024)} MB, the limit for one chart file; split the export into smaller files. Nothing was imported.");

    private static void Append(string fileName, MemoryStream buffer, byte[] chunk, int read)
    {
        if (buffer.Length + read > MaxBytes)
        {
            throw TooLarge(fileName);
        }

        buffer.Write(chunk, 0, read);
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

/// <summary>The documents of one chart file and the format they were read as (text, markdown, html, docx, fhir).</summary>
public sealed record ChartFile(IReadOnlyList<ChartDocument> Documents, string Format);

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

    /// <summary>JSON as UTF-8 without a byte order mark (UTF-16 files are transcoded), for System.Text.Json's reader.</summary>
    public static byte[] Utf8Json(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return bytes[3..];
        }

        return bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
            ? Encoding.UTF8.GetBytes(Decode(bytes))
            : bytes;
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
