using System.Text;
using AppealStudio.Core.Charts;

namespace AppealStudio.Core.Tests.Charts;

/// <summary>The FHIR shapes EHRs export notes in, read with the Firely SDK.</summary>
public class FhirShapesTests
{
    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Read_DocumentReferenceWhoseAttachmentPointsAtABinaryOfTheBundle_ReadsTheBinary()
    {
        var json = $$$"""
            {"resourceType": "Bundle", "type": "collection", "entry": [
              {"fullUrl": "urn:uuid:p1", "resource": {"resourceType": "Patient", "id": "p1", "name": [{"family": "Okafor", "given": ["Ada"]}], "birthDate": "1971-04-02"}},
              {"resource": {"resourceType": "DocumentReference", "id": "dr1", "status": "current", "subject": {"reference": "urn:uuid:p1"},
                "context": {"period": {"start": "2026-10-03T09:00:00-05:00"}},
                "content": [{"attachment": {"contentType": "text/plain", "url": "Binary/b1"}}]}},
              {"fullUrl": "https://ehr.example.org/fhir/Binary/b1", "resource": {"resourceType": "Binary", "id": "b1", "contentType": "text/plain", "data": "{{{B64("Visit note\nKnee pain, effusion.")}}}"}}
            ]}
            """;

        var doc = Assert.Single(Read("export.json", json));

        Assert.Equal("dr1", doc.Id);
        Assert.Equal("Visit note\nKnee pain, effusion.", doc.Text);
        Assert.Equal("Okafor, Ada", doc.Patient.Name);
        Assert.Equal(new DateOnly(1971, 4, 2), doc.Patient.DateOfBirth);
        Assert.Equal(new DateOnly(2026, 10, 3), doc.EncounterDate);
    }

    [Fact]
    public void Read_DocumentBundleWithAComposition_ReadsTitleAndSectionNarratives()
    {
        var json = """
            {"resourceType": "Bundle", "type": "document", "entry": [
              {"fullUrl": "urn:uuid:c1", "resource": {"resourceType": "Composition", "id": "c1", "status": "final",
                "type": {"text": "Operative note"}, "subject": {"reference": "urn:uuid:p1"}, "date": "2026-10-05T14:00:00-05:00",
                "author": [{"reference": "urn:uuid:dr"}], "title": "Operative note, right knee",
                "section": [
                  {"title": "Procedure", "text": {"status": "generated", "div": "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Arthroscopic partial medial meniscectomy.</p><script>x()</script></div>"},
                   "section": [{"title": "Findings", "text": {"status": "generated", "div": "<div xmlns=\"http://www.w3.org/1999/xhtml\">Complex tear &amp; synovitis.</div>"}}]}
                ]}},
              {"fullUrl": "urn:uuid:p1", "resource": {"resourceType": "Patient", "id": "p1", "identifier": [{"type": {"coding": [{"code": "MB"}]}, "value": "W998877"}], "name": [{"use": "official", "family": "Lind", "given": ["Eva"]}]}},
              {"fullUrl": "urn:uuid:dr", "resource": {"resourceType": "Practitioner", "id": "dr", "name": [{"family": "Reyes", "given": ["Dana"]}]}}
            ]}
            """;

        var doc = Assert.Single(Read("op.json", json));

        Assert.Equal("Operative note, right knee", doc.Title);
        Assert.Equal("Operative note, right knee\n\nProcedure\nArthroscopic partial medial meniscectomy.\n\nFindings\nComplex tear & synovitis.", doc.Text);
        Assert.Equal("W998877", doc.Patient.MemberId);
        Assert.Equal("Lind, Eva", doc.Patient.Name);
        Assert.Equal("Reyes, Dana", doc.Author);
        Assert.Equal(new DateOnly(2026, 10, 5), doc.EncounterDate);
        Assert.Equal("Operative note", doc.DocumentType);
    }

    [Fact]
    public void Read_StandaloneBinary_ReadsItsTextWithTheNoteHeader()
    {
        var json = $$$"""{"resourceType": "Binary", "id": "b7", "contentType": "text/plain; charset=utf-8", "data": "{{{B64("Patient: Jo Park\nDate of service: 2026-09-01\n\nStable.")}}}"}""";

        var doc = Assert.Single(Read("note.json", json));

        Assert.Equal("b7", doc.Id);
        Assert.Equal("Jo Park", doc.Patient.Name);
        Assert.Equal(new DateOnly(2026, 9, 1), doc.EncounterDate);
    }

    [Fact]
    public void Read_BundleOfBareTextBinaries_ReadsEachAsANote_AndSkipsOtherBinaries()
    {
        var json = $$$"""
            {"resourceType": "Bundle", "entry": [
              {"resource": {"resourceType": "Binary", "id": "a", "contentType": "text/plain", "data": "{{{B64("Note A")}}}"}},
              {"resource": {"resourceType": "Binary", "id": "img", "contentType": "image/png", "data": "iVBORw0KGgo="}},
              {"resource": {"resourceType": "Binary", "id": "b", "contentType": "text/markdown", "data": "{{{B64("# Note B")}}}"}}
            ]}
            """;

        Assert.Equal(["a", "b"], Read("notes.json", json).Select(d => d.Id));
    }

    [Fact]
    public void Read_BinaryWithAnImage_IsRefusedNamingTheType()
    {
        var ex = Assert.Throws<ChartImportException>(() => Read("img.json", """{"resourceType": "Binary", "id": "i", "contentType": "image/jpeg", "data": "/9j/"}"""));

        Assert.Equal(ChartImportError.UnsupportedAttachment, ex.Error);
        Assert.Contains("image/jpeg", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Utf8BomAndUnknownElements_AreTolerated()
    {
        var json = "\uFEFF" + $$$"""{"resourceType": "DocumentReference", "id": "x", "vendorExtra": {"a": 1}, "content": [{"attachment": {"contentType": "text/plain", "data": "{{{B64("Hello")}}}"}}]}""";

        Assert.Equal("Hello", Assert.Single(Read("x.json", json)).Text);
    }

    private static IReadOnlyList<ChartDocument> Read(string name, string content) =>
        ChartImporter.Read(name, new MemoryStream(Encoding.UTF8.GetBytes(content)));
}
