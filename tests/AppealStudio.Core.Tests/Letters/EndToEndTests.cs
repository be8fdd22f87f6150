using AppealStudio.Core.Charts;
using AppealStudio.Core.Letters;
using AppealStudio.Core.Tests.Charts;
using DocumentFormat.OpenXml.Packaging;

namespace AppealStudio.Core.Tests.Letters;

/// <summary>Chart file to signed DOCX for each clinical letter type, with the fixtures as the chart.</summary>
public class EndToEndTests
{
    public static TheoryData<string, string, string, string, string> Cases => new()
    {
        { "ortho-modifier-59", "modifier-59", "QHP447120983", "2026-08-14", "contralateral left knee" },
        { "cardiology-modifier-25", "modifier-25", "4TQ7HN2RX51", "2026-09-03", "started apixaban 5 mg" },
        { "anesthesia-physical-status", "physical-status", "ZGP903311427", "2026-07-21", "ASA physical status III (P3)" },
        { "mental-health-session-length", "session-length", "BHX20094417", "2026-09-12", "Session start: 2:05 PM" },
        { "mental-health-session-authorization", "session-length", "BHX20094417", "2026-09-12", "Interventions: Cognitive behavioral therapy" },
        { "medical-necessity", "medical-necessity", "UHC60418823", "2026-10-06", "Absent left Achilles reflex" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ChartToSignedDocx_LinkedEvidenceFillsEveryRequiredSlotAndPassesTheChecks(string templateId, string scenario, string memberId, string dos, string expectedQuote)
    {
        var serviceDate = DateOnly.ParseExact(dos, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var linked = new ChartLinker()
            .FindLinked(ChartFixtures.All(), new ClaimIdentity(memberId, null, null, null, serviceDate))
            .Select(l => l.Document)
            .ToList();
        var template = LetterSamples.Library.Get(templateId);
        var context = LetterSamples.OrthoContext(evidence: EvidenceSelection.Assign(template, linked, scenario)) with
        {
            Claim = LetterSamples.OrthoContext().Claim! with { ServiceDate = serviceDate },
        };

        var letter = LetterFiller.Fill(template, context);
        var issues = LetterChecks.Check(letter.Markdown, template, letter.CitedExcerpts);

        Assert.NotEmpty(linked);
        Assert.Empty(letter.UnfilledPlaceholders);
        Assert.All(template.EvidenceSlots.Where(s => s.Required), s => Assert.DoesNotContain(s.Name, letter.EmptyEvidenceSlots));
        Assert.Empty(issues);
        Assert.Contains(expectedQuote, letter.Markdown, StringComparison.Ordinal);

        var signature = new LetterSignature("Elena Marquez", "MD", new DateTimeOffset(2026, 10, 1, 12, 0, 0, TimeSpan.Zero), SignatureHash.Sha256(letter.Markdown));
        using var output = new MemoryStream();
        LetterDocx.Render(new LetterDocument(Letterhead.From(context.Practice!), letter.Markdown, signature), output);
        output.Position = 0;
        using var docx = WordprocessingDocument.Open(output, false);
        var text = docx.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains(expectedQuote, text, StringComparison.Ordinal);
        Assert.Contains("[E1]", text, StringComparison.Ordinal);
        Assert.Contains("Electronically signed by Elena Marquez, MD on 2026-10-01 12:00 UTC.", text, StringComparison.Ordinal);
    }
}
