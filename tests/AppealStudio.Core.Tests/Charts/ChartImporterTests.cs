using System.Text;
using AppealStudio.Core.Charts;

namespace AppealStudio.Core.Tests.Charts;

public class ChartImporterTests
{
    [Fact]
    public void Read_MarkdownWithFrontMatter_TakesMetadataAndKeepsBodyAsText()
    {
        var doc = ChartFixtures.ReadOne("ortho-operative-report.md");

        Assert.Equal("Operative report", doc.Title);
        Assert.Equal("QHP447120983", doc.Patient.MemberId);
        Assert.Equal("Whitfield, Gordon R", doc.Patient.Name);
        Assert.Equal(new DateOnly(1961, 5, 22), doc.Patient.DateOfBirth);
        Assert.Equal(new DateOnly(2026, 8, 14), doc.EncounterDate);
        Assert.Equal("Elena Marquez, MD", doc.Author);
        Assert.StartsWith("# Operative report", doc.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("memberId:", doc.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PlainTextNote_ParsesHeaderLines()
    {
        var doc = ChartFixtures.ReadOne("cardiology-office-visit.txt");

        Assert.Equal("Cardiology office visit", doc.Title);
        Assert.Equal("Harriet M. Okafor", doc.Patient.Name);
        Assert.Equal(new DateOnly(1953, 7, 9), doc.Patient.DateOfBirth);
        Assert.Equal("4TQ7HN2RX51", doc.Patient.MemberId);
        Assert.Equal(new DateOnly(2026, 9, 3), doc.EncounterDate);
        Assert.Equal("Samuel Brandt, MD, FACC", doc.Author);
        Assert.Equal("Established patient follow-up", doc.DocumentType);
    }

    [Fact]
    public void Read_MarkdownWithoutMemberInFrontMatter_FallsBackToNoteHeader()
    {
        const string note = "# Progress note\n\n**Patient:** Ana Ruiz   **DOB:** 03/04/1970\n**Member ID:** XYZ123 Group: 88\n**Date of service:** August 3, 2026\n\nFollow-up visit.";
        var doc = Assert.Single(ChartImporter.Read("note.md", new MemoryStream(Encoding.UTF8.GetBytes(note))));

        Assert.Equal("Progress note", doc.Title);
        Assert.Equal("Ana Ruiz", doc.Patient.Name);
        Assert.Equal("XYZ123", doc.Patient.MemberId);
        Assert.Equal(new DateOnly(1970, 3, 4), doc.Patient.DateOfBirth);
        Assert.Equal(new DateOnly(2026, 8, 3), doc.EncounterDate);
    }

    [Fact]
    public void Read_Docx_JoinsParagraphsIncludingTablesAndSkipsDeletedRevisions()
    {
        var doc = ChartFixtures.ReadOne("anesthesia-preop-evaluation.docx");
        var lines = doc.Text.Split('\n');

        Assert.Equal("Anesthesia preoperative evaluation", doc.Title);
        Assert.Equal("Beaumont, Luis", doc.Patient.Name);
        Assert.Equal("ZGP903311427", doc.Patient.MemberId);
        Assert.Equal(new DateOnly(1958, 11, 2), doc.Patient.DateOfBirth);
        Assert.Equal(new DateOnly(2026, 7, 21), doc.EncounterDate);
        Assert.Equal("Priya Raman, MD", doc.Author);
        Assert.Equal("ANESTHESIA PREOPERATIVE EVALUATION", lines[0]);
        Assert.Contains("Mallampati III, thyromental distance 5 cm, full dentition", lines);
        Assert.Contains(lines, l => l.StartsWith("Assessment: ASA physical status III (P3): severe", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_FhirBundle_ReadsEachDocumentReferenceWithPatientFromBundle()
    {
        var docs = ChartFixtures.Read("psychotherapy-bundle.fhir.json");

        Assert.Equal(2, docs.Count);
        var note = docs[0];
        Assert.Equal("psy-note-20260912", note.Id);
        Assert.Equal("Psychotherapy progress note", note.Title);
        Assert.Equal("Nguyen, Thao Linh", note.Patient.Name);
        Assert.Equal("BHX20094417", note.Patient.MemberId);
        Assert.Equal(new DateOnly(1990, 2, 17), note.Patient.DateOfBirth);
        Assert.Equal(new DateOnly(2026, 9, 12), note.EncounterDate);
        Assert.Equal("Marisol Quintero, LCSW", note.Author);
        Assert.Equal("Psychotherapy progress note", note.DocumentType);
        Assert.Contains("Session start: 2:05 PM\nSession end: 3:02 PM", note.Text, StringComparison.Ordinal);
        Assert.Equal("psychotherapy-bundle.fhir.json", note.SourceFileName);
    }

    [Fact]
    public void Read_FhirHtmlAttachment_StripsScriptStyleAndCommentsAndDecodesEntities()
    {
        var plan = ChartFixtures.Read("psychotherapy-bundle.fhir.json")[1];

        Assert.Equal("Treatment plan", plan.Title);
        Assert.DoesNotContain("alert", plan.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("color: red", plan.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("internal comment", plan.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<", plan.Text.Replace("PHQ-9 < 10", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("fewer than 1 per week & return to work", plan.Text, StringComparison.Ordinal);
        Assert.Contains("Measures: PHQ-9 < 10 by week 12.", plan.Text, StringComparison.Ordinal);
        Assert.Contains("- Weekly CBT, 53+ minutes\n- Safety plan review", plan.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SingleDocumentReference_UsesDateWhenNoPeriodAndSubjectDisplay()
    {
        var json = DocumentReferenceJson("""{"contentType": "text/markdown", "data": "UGxhbjogY29udGludWUu"}""", extra: "\"subject\": {\"display\": \"Rosa Diaz\"}, \"date\": \"2026-05-02T08:00:00Z\",");
        var doc = Assert.Single(Read("dr.json", json));

        Assert.Equal("dr-1", doc.Id);
        Assert.Equal("Rosa Diaz", doc.Patient.Name);
        Assert.Equal(new DateOnly(2026, 5, 2), doc.EncounterDate);
        Assert.Equal("Plan: continue.", doc.Text);
    }

    [Fact]
    public void Read_CrLfText_NormalizesLineEndings()
    {
        var doc = Assert.Single(Read("visit.txt", "Patient: Jo Park\r\nDate of service: 2026-01-05\r\n\r\nStable."));

        Assert.DoesNotContain('\r', doc.Text);
        Assert.Equal(new DateOnly(2026, 1, 5), doc.EncounterDate);
    }

    [Fact]
    public void Read_Latin1Bytes_DecodesInsteadOfFailing()
    {
        var bytes = Encoding.Latin1.GetBytes("Patient: José Núñez\nFollow-up.");
        var doc = Assert.Single(ChartImporter.Read("old.txt", new MemoryStream(bytes)));

        Assert.Equal("José Núñez", doc.Patient.Name);
    }

    [Fact]
    public void Read_Pdf_RefusesWithPdfSentence()
    {
        var ex = Assert.Throws<ChartImportException>(() => ChartImporter.Read("scan.pdf", new MemoryStream("%PDF-1.7\n..."u8.ToArray())));

        Assert.Equal(ChartImportError.UnsupportedFileType, ex.Error);
        Assert.Contains("PDF", ex.Message, StringComparison.Ordinal);
        Assert.Equal("scan.pdf", ex.FileName);
    }

    [Fact]
    public void Read_PngImage_RefusesAsImage()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0 };
        var ex = Assert.Throws<ChartImportException>(() => ChartImporter.Read("photo.txt", new MemoryStream(png)));

        Assert.Equal(ChartImportError.UnsupportedFileType, ex.Error);
        Assert.Contains("image", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_X12Remittance_RefusesAndPointsToRemittances()
    {
        const string remit = "ISA*00*          *00*          *ZZ*PAYER          *ZZ*PROVIDER       *260101*1200*^*00501*000000001*0*P*:~GS*HP*PAYER*PROV*20260101*1200*1*X*005010X221A1~ST*835*0001~";
        var ex = Assert.Throws<ChartImportException>(() => Read("remit.txt", remit));

        Assert.Equal(ChartImportError.UnsupportedFileType, ex.Error);
        Assert.Contains("835 remittance", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LegacyWordDoc_AsksForDocx()
    {
        var ole = new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0 };
        var ex = Assert.Throws<ChartImportException>(() => ChartImporter.Read("note.doc", new MemoryStream(ole)));

        Assert.Contains(".docx", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t\n")]
    public void Read_EmptyOrBlankFile_ThrowsEmptyDocument(string content)
    {
        var ex = Assert.Throws<ChartImportException>(() => Read("blank.txt", content));

        Assert.Equal(ChartImportError.EmptyDocument, ex.Error);
    }

    [Fact]
    public void Read_InvalidJson_ThrowsWithLineNumber()
    {
        var ex = Assert.Throws<ChartImportException>(() => Read("broken.json", "{\n  \"resourceType\": \"Bundle\",\n  \"entry\": [\n"));

        Assert.Equal(ChartImportError.InvalidJson, ex.Error);
        Assert.Contains("not valid JSON at line", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FhirPatientResource_ThrowsWrongResourceType()
    {
        var ex = Assert.Throws<ChartImportException>(() => Read("patient.json", """{"resourceType": "Patient", "id": "p1"}"""));

        Assert.Equal(ChartImportError.WrongResourceType, ex.Error);
        Assert.Contains("FHIR Patient", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_JsonWithoutResourceType_ThrowsWrongResourceType()
    {
        var ex = Assert.Throws<ChartImportException>(() => Read("data.json", """{"name": "x"}"""));

        Assert.Equal(ChartImportError.WrongResourceType, ex.Error);
    }

    [Fact]
    public void Read_BundleWithoutDocumentReferences_ThrowsWrongResourceType()
    {
        var ex = Assert.Throws<ChartImportException>(() => Read("b.json", """{"resourceType": "Bundle", "entry": [{"resource": {"resourceType": "Patient", "id": "p"}}]}"""));

        Assert.Equal(ChartImportError.WrongResourceType, ex.Error);
        Assert.Contains("no DocumentReference", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AttachmentWithOnlyUrl_ThrowsUnsupportedAttachment()
    {
        var ex = Assert.Throws<ChartImportException>(() => Read("dr.json", DocumentReferenceJson("""{"contentType": "text/plain", "url": "https://ehr.example.org/b/1"}""")));

        Assert.Equal(ChartImportError.UnsupportedAttachment, ex.Error);
        Assert.Contains("no inline data", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PdfOnlyAttachment_ThrowsUnsupportedAttachmentNamingTheType()
    {
        var ex = Assert.Throws<ChartImportException>(() => Read("dr.json", DocumentReferenceJson("""{"contentType": "application/pdf", "data": "JVBERi0="}""")));

        Assert.Equal(ChartImportError.UnsupportedAttachment, ex.Error);
        Assert.Contains("application/pdf", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadBase64_ThrowsInvalidBase64()
    {
        var ex = Assert.Throws<ChartImportException>(() => Read("dr.json", DocumentReferenceJson("""{"contentType": "text/plain", "data": "not*base64!"}""")));

        Assert.Equal(ChartImportError.InvalidBase64, ex.Error);
        Assert.Contains("DocumentReference dr-1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EnteredInErrorOnly_ThrowsEmptyDocument()
    {
        var json = DocumentReferenceJson("""{"contentType": "text/plain", "data": "SGVsbG8="}""", extra: "\"status\": \"entered-in-error\",");
        var ex = Assert.Throws<ChartImportException>(() => Read("dr.json", json));

        Assert.Equal(ChartImportError.EmptyDocument, ex.Error);
    }

    [Fact]
    public void Read_TextNamedDocx_ThrowsInvalidDocx()
    {
        var ex = Assert.Throws<ChartImportException>(() => Read("note.docx", "just text"));

        Assert.Equal(ChartImportError.InvalidDocx, ex.Error);
    }

    [Fact]
    public void Read_ZipThatIsNotWord_ThrowsInvalidDocx()
    {
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(archive.CreateEntry("hello.txt").Open());
            writer.Write("hi");
        }

        zip.Position = 0;
        var ex = Assert.Throws<ChartImportException>(() => ChartImporter.Read("note.docx", zip));

        Assert.Equal(ChartImportError.InvalidDocx, ex.Error);
    }

    [Fact]
    public void Read_OversizedFile_ThrowsTooLargeWithoutReadingItAll()
    {
        var stream = new EndlessStream();

        var ex = Assert.Throws<ChartImportException>(() => ChartImporter.Read("huge.txt", stream));

        Assert.Equal(ChartImportError.TooLarge, ex.Error);
        Assert.True(stream.Position <= ChartImporter.MaxBytes + 81920);
    }

    private static IReadOnlyList<ChartDocument> Read(string name, string content) =>
        ChartImporter.Read(name, new MemoryStream(Encoding.UTF8.GetBytes(content)));

    private static string DocumentReferenceJson(string attachment, string extra = "") =>
        $$"""{"resourceType": "DocumentReference", "id": "dr-1", {{extra}} "content": [{"attachment": {{attachment}}}]}""";

    /// <summary>A stream of letters that never ends, to prove the importer stops at its limit.</summary>
    private sealed class EndlessStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get; set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)'a', offset, count);
            Position += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
