using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace AppealStudio.Bench;

/// <summary>
/// Files built to exhaust a server, for the memory benchmarks (bench/run-hostile.sh) and the tests that prove each is
/// refused (the test projects compile this file too). Everything is generated; nothing large is committed.
/// </summary>
public static class HostileFiles
{
    /// <summary>The shapes <see cref="Write"/> knows, with what each does.</summary>
    public static readonly IReadOnlyDictionary<string, string> Shapes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["cas-run"] = "835: one claim, one line, then a run of CAS*CO*45*0.01~ to the size",
        ["lq-run"] = "835: one claim, one denied line, then a run of LQ*HE*N130~ to the size",
        ["big-claims"] = "835: claims of 9,982 segments each (just under the limit) to the size",
        ["plb-run"] = "835: one claim, then a run of PLB segments to the size",
        ["denial-claims"] = "835: claims of 1,663 CAS segments with six CO-97 denials each (9,978 denials, just under the limit) to the size",
        ["docx-title"] = "DOCX: a note whose docProps/core.xml title is the size in megabytes (default 400)",
        ["docx-bomb"] = "DOCX: word/document.xml of the size in megabytes of one repeated character",
        ["docx-entries"] = "DOCX: a note plus 5,000 empty parts",
        ["fhir-bundle"] = "FHIR: a Bundle of DocumentReferences to the size (200,000 is about 28 MB)",
        ["big-text"] = "text: a chart note of the size in megabytes",
    };

    public static void Write(string shape, string path, int megabytes)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Write(shape, file, megabytes);
    }

    public static void Write(string shape, Stream output, int megabytes)
    {
        long bytes = megabytes * 1024L * 1024L;
        switch (shape)
        {
            case "cas-run":
                Remit(output, bytes, w => w.Append("SVC*HC:99213*100*0~"), "CAS*CO*45*0.01~");
                break;
            case "lq-run":
                Remit(output, bytes, w => w.Append("SVC*HC:99213*100*0~CAS*CO*50*100~"), "LQ*HE*N130~");
                break;
            case "big-claims":
                BigClaims(output, bytes, "CAS*CO*45*0.01~", 9_980, 0.01m);
                break;
            case "denial-claims":
                BigClaims(output, bytes, "CAS*CO*97*1**97*1**97*1**97*1**97*1**97*1~", 1_663, 6m);
                break;
            case "plb-run":
                Remit(output, bytes, w => w.Append("SVC*HC:99213*100*0~CAS*CO*45*100~"), "PLB*1234567890*20261231*WO:X*1~");
                break;
            case "docx-title":
                Docx(output, title: megabytes, documentMegabytes: 0, extraEntries: 0);
                break;
            case "docx-bomb":
                Docx(output, title: 0, documentMegabytes: megabytes, extraEntries: 0);
                break;
            case "docx-entries":
                Docx(output, title: 0, documentMegabytes: 0, extraEntries: 5_000);
                break;
            case "fhir-bundle":
                FhirBundle(output, bytes);
                break;
            case "big-text":
                BigText(output, bytes);
                break;
            default:
                throw new ArgumentException($"unknown shape {shape}; known: {string.Join(", ", Shapes.Keys)}");
        }
    }

    /// <summary>A FHIR Bundle of <paramref name="documents"/> small DocumentReferences (for tests: a count, not a size).</summary>
    public static byte[] FhirBundleOf(int documents)
    {
        using var output = new MemoryStream();
        FhirBundle(output, long.MaxValue, documents);
        return output.ToArray();
    }

    private static void Remit(Stream output, long bytes, Action<StringBuilder> firstLine, string repeated)
    {
        using var w = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        var head = new StringBuilder();
        head.Append("ISA*00*          *00*          *ZZ*PAYER          *ZZ*PROVIDER       *261201*1200*^*00501*000000001*0*P*:~");
        head.Append("GS*HP*PAYER*PROVIDER*20261201*1200*1*X*005010X221A1~ST*835*0001~");
        head.Append("BPR*I*0*C*CHK************20261201~TRN*1*TRACE1*1PAYER~DTM*405*20261201~");
        head.Append("N1*PR*HOSTILE TEST PAYER~N1*PE*TEST PRACTICE*XX*1234567893~LX*1~");
        head.Append("CLP*HOSTILE-1*1*100*0**12*ICN1~NM1*QC*1*DOE*JANE****MI*M123~");
        firstLine(head);
        w.Write(head);
        long written = head.Length;
        var count = 0L;
        while (written < bytes)
        {
            w.Write(repeated);
            written += repeated.Length;
            count++;
        }

        w.Write(string.Create(CultureInfo.InvariantCulture, $"SE*{count + 12}*0001~GE*1*1~IEA*1*000000001~"));
    }

    private static void BigClaims(Stream output, long bytes, string segment, int perClaim, decimal amountPerSegment)
    {
        using var w = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        w.Write("ISA*00*          *00*          *ZZ*PAYER          *ZZ*PROVIDER       *261201*1200*^*00501*000000001*0*P*:~");
        w.Write("GS*HP*PAYER*PROVIDER*20261201*1200*1*X*005010X221A1~ST*835*0001~");
        w.Write("BPR*I*0*C*CHK************20261201~TRN*1*TRACE1*1PAYER~DTM*405*20261201~N1*PR*HOSTILE TEST PAYER~N1*PE*TEST PRACTICE*XX*1234567893~LX*1~");
        long written = 400;
        var claim = 0;
        var charge = (perClaim * amountPerSegment).ToString("0.00", CultureInfo.InvariantCulture);
        while (written < bytes)
        {
            claim++;
            var clp = string.Create(CultureInfo.InvariantCulture, $"CLP*BIG-{claim}*1*{charge}*0**12*ICN{claim}~SVC*HC:99213*{charge}*0~");
            w.Write(clp);
            written += clp.Length;
            for (var i = 0; i < perClaim; i++)
            {
                w.Write(segment);
            }

            written += (long)perClaim * segment.Length;
        }

        w.Write("SE*1*0001~GE*1*1~IEA*1*000000001~");
    }

    private static void Docx(Stream output, int title, int documentMegabytes, int extraEntries)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        void Entry(string name, Action<StreamWriter> write)
        {
            using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open(), new UTF8Encoding(false), 1 << 16);
            write(writer);
        }

        Entry("[Content_Types].xml", w => w.Write(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
            + "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/></Types>"));
        Entry("_rels/.rels", w => w.Write(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
            + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/></Relationships>"));
        Entry("word/document.xml", w =>
        {
            w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                + "<w:p><w:r><w:t>Patient: Jane Doe</w:t></w:r></w:p><w:p><w:r><w:t xml:space=\"preserve\">");
            Repeat(w, 'A', documentMegabytes * 1024L * 1024L);
            w.Write("</w:t></w:r></w:p></w:body></w:document>");
        });
        Entry("docProps/core.xml", w =>
        {
            w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
                + "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>");
            Repeat(w, 'T', title == 0 ? 10 : title * 1024L * 1024L);
            w.Write("</dc:title><dc:creator>Hostile Test</dc:creator></cp:coreProperties>");
        });
        for (var i = 0; i < extraEntries; i++)
        {
            zip.CreateEntry(string.Create(CultureInfo.InvariantCulture, $"word/media/empty{i}.bin"));
        }
    }

    private static void Repeat(StreamWriter writer, char c, long count)
    {
        var block = new string(c, 64 * 1024);
        for (var left = count; left > 0; left -= block.Length)
        {
            writer.Write(left >= block.Length ? block : block[..(int)left]);
        }
    }

    private static void FhirBundle(Stream output, long bytes, int documents = int.MaxValue)
    {
        using var w = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        w.Write("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[");
        long written = 60;
        for (var i = 0; i < documents && written < bytes; i++)
        {
            // Each note differs, so none is a duplicate of another.
            var data = Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"Patient: Jane Doe\nNote {i}.")));
            var entry = string.Create(CultureInfo.InvariantCulture,
                $"{(i == 0 ? "" : ",")}{{\"resource\":{{\"resourceType\":\"DocumentReference\",\"id\":\"d{i}\",\"status\":\"current\",\"content\":[{{\"attachment\":{{\"contentType\":\"text/plain\",\"data\":\"{data}\"}}}}]}}}}");
            w.Write(entry);
            written += entry.Length;
        }

        w.Write("]}");
    }

    private static void BigText(Stream output, long bytes)
    {
        using var w = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        w.Write("Patient: Jane Doe\nDate of service: 2026-11-01\n\n");
        const string line = "Progress note text that goes on and on without saying anything new at all.\n";
        for (long written = 48; written < bytes; written += line.Length)
        {
            w.Write(line);
        }
    }
}
