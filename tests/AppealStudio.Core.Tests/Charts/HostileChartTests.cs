using System.Text;
using AppealStudio.Bench;
using AppealStudio.Core.Charts;

namespace AppealStudio.Core.Tests.Charts;

/// <summary>Chart files built to exhaust memory are refused before they are expanded, each with the limit it hit.</summary>
public class HostileChartTests
{
    [Fact]
    public void Read_DocxWithAHugeTitleInItsProperties_IsRefusedBeforeOpening()
    {
        var file = Hostile("docx-title", megabytes: 64);
        Assert.True(file.Length < 1024 * 1024, "the generated package is small; it is the expansion that is hostile");
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var ex = Assert.Throws<ChartImportException>(() => ChartImporter.Read("note.docx", new MemoryStream(file)));

        Assert.Equal(ChartImportError.TooLarge, ex.Error);
        Assert.Contains("docProps/core.xml expands to 64 MB of XML (the limit is 10 MB per part)", ex.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 16L * 1024 * 1024, "the title was not inflated");
    }

    [Fact]
    public void Read_DocxWhoseDocumentInflatesFarBeyondItsSize_IsRefused()
    {
        var ex = Assert.Throws<ChartImportException>(() => ChartImporter.Read("bomb.docx", new MemoryStream(Hostile("docx-bomb", megabytes: 32))));

        Assert.Equal(ChartImportError.TooLarge, ex.Error);
        Assert.Contains("word/document.xml expands to 32 MB of XML", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DocxWithThousandsOfParts_IsRefused()
    {
        var ex = Assert.Throws<ChartImportException>(() => ChartImporter.Read("parts.docx", new MemoryStream(Hostile("docx-entries", megabytes: 0))));

        Assert.Equal(ChartImportError.TooLarge, ex.Error);
        Assert.Contains("it holds 5,004 parts (the limit is 1,000)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DocxMediaThatExpandsAThousandTimes_IsRefusedAsAZipBomb()
    {
        using var zip = new MemoryStream();
        HostileFiles.Write("docx-title", zip, 0);
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        using (var media = archive.CreateEntry("word/media/image1.png").Open())
        {
            media.Write(new byte[20 * 1024 * 1024]);
        }

        var ex = Assert.Throws<ChartImportException>(() => ChartImporter.Read("bomb.docx", new MemoryStream(zip.ToArray())));

        Assert.Equal(ChartImportError.TooLarge, ex.Error);
        Assert.Contains("word/media/image1.png expands", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ZIP bomb", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DocxWithANormalTitle_TakesTitleAndAuthorFromItsProperties()
    {
        var doc = Assert.Single(ChartImporter.Read("ok.docx", new MemoryStream(Hostile("docx-title", megabytes: 0))));

        // An all-capitals title is shown in title case, as for every chart title.
        Assert.Equal("Tttttttttt", doc.Title);
        Assert.Equal("Hostile Test", doc.Author);
        Assert.Equal("Jane Doe", doc.Patient.Name);
    }

    [Fact]
    public void Read_FhirBundleOfMoreDocumentsThanTheCap_IsRefusedWithoutReadingThemAll()
    {
        var file = HostileFiles.FhirBundleOf(200_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var ex = Assert.Throws<ChartImportException>(() => ChartImporter.Read("bulk.json", new MemoryStream(file)));

        Assert.Equal(ChartImportError.TooManyDocuments, ex.Error);
        Assert.Contains("holds more than 1,000 documents", ex.Message, StringComparison.Ordinal);
        // Reading 1,001 of 200,000 documents allocates a small part of what the 28 MB file would need as objects.
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 200L * 1024 * 1024, "the bundle was not deserialized whole");
    }

    [Fact]
    public void Read_FhirBundleAtTheCap_IsRead()
    {
        var documents = ChartImporter.Read("bulk.json", new MemoryStream(HostileFiles.FhirBundleOf(ChartImporter.MaxDocumentsPerFile)));

        Assert.Equal(ChartImporter.MaxDocumentsPerFile, documents.Count);
        Assert.Equal("Jane Doe", documents[999].Patient.Name);
    }

    [Fact]
    public void Read_FhirBundleOfMoreEntriesThanTheCap_IsRefused()
    {
        var json = new StringBuilder("{\"resourceType\":\"Bundle\",\"entry\":[");
        for (var i = 0; i <= ChartImporter.MaxEntriesPerFile; i++)
        {
            json.Append(i == 0 ? "" : ",").Append("{\"resource\":{\"resourceType\":\"Observation\",\"status\":\"final\"}}");
        }

        json.Append("]}");

        var ex = Assert.Throws<ChartImportException>(() => ChartImporter.Read("obs.json", new MemoryStream(Encoding.UTF8.GetBytes(json.ToString()))));

        Assert.Equal(ChartImportError.TooManyDocuments, ex.Error);
        Assert.Contains("more than 20,000 entries", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_StreamThatKnowsItIsOverTheLimit_IsRefusedWithoutReadingAByte()
    {
        var ex = Assert.Throws<ChartImportException>(() => ChartImporter.Read("huge.txt", new UnreadableStream(2_200L * 1024 * 1024)));

        Assert.Equal(ChartImportError.TooLarge, ex.Error);
        Assert.Contains("larger than 50 MB, the limit for one chart file", ex.Message, StringComparison.Ordinal);
    }

    private static byte[] Hostile(string shape, int megabytes)
    {
        using var output = new MemoryStream();
        HostileFiles.Write(shape, output, megabytes);
        return output.ToArray();
    }

    /// <summary>A seekable stream of a given length whose bytes must never be read.</summary>
    private sealed class UnreadableStream(long length) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("read");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
