using AppealStudio.Core.Charts;
using AppealStudio.Core.Denials;
using AppealStudio.Core.Letters;
using AppealStudio.Core.Tests.Charts;
using DocumentFormat.OpenXml.Packaging;

namespace AppealStudio.Core.Tests.Letters;

/// <summary>Chart file to signed DOCX for each clinical letter type, with the fixtures as the chart and a claim of that specialty.</summary>
public class EndToEndTests
{
    private static BilledClaimLine L(int n, string code, string[] mods, decimal charge, decimal paid, decimal units = 1, string? billed = null, string[]? billedMods = null, decimal? billedUnits = null) =>
        LetterSamples.Line(n, code, mods, charge, paid, units, billed, billedMods, billedUnits);

    /// <summary>Per case: the billed lines, the denied line, its CARC, and the rendering provider (as the 835 names them).</summary>
    /// <summary>Diagnoses from the claim file, for the notes that state none (the others take them from the note).</summary>
    private static readonly Dictionary<string, string[]> ClaimDiagnoses = new(StringComparer.Ordinal)
    {
        ["cardiology-modifier-25"] = ["I48.91", "I50.23"],
        ["anesthesia-physical-status"] = ["K80.20", "E11.65"],
    };

    private static readonly Dictionary<string, (BilledClaimLine[] Lines, int Denied, string Carc, string Rendering)> Claims = new(StringComparer.Ordinal)
    {
        ["ortho-modifier-59"] = ([L(1, "29881", ["RT"], 5427.50m, 3310m), L(2, "29877", ["59", "LT"], 1412.50m, 0m)], 2, "97", "MARQUEZ, ELENA"),
        ["cardiology-modifier-25"] = ([L(1, "99214", ["25"], 210m, 0m), L(2, "93306", [], 620m, 410m)], 1, "97", "BRANDT, SAMUEL"),
        ["anesthesia-physical-status"] = ([L(1, "00790", ["AA", "P3"], 1100m, 820m, units: 9, billedUnits: 10)], 1, "151", "RAMAN, PRIYA"),
        ["mental-health-session-length"] = ([L(1, "90834", [], 240m, 118m, billed: "90837", billedMods: [])], 1, "150", "QUINTERO, MARISOL"),
        ["mental-health-session-authorization"] = ([L(1, "90837", [], 240m, 0m)], 1, "197", "QUINTERO, MARISOL"),
        ["medical-necessity"] = ([L(1, "72148", [], 1450m, 0m)], 1, "50", "FELD, JONAH"),
    };

    public static TheoryData<string, string, string, string, string> Cases => new()
    {
        { "ortho-modifier-59", "modifier-59", "QHP447120983", "2026-08-14", "contralateral left knee" },
        { "cardiology-modifier-25", "modifier-25", "4TQ7HN2RX51", "2026-09-03", "increased furosemide to 40 mg daily" },
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
        var (lines, denied, carc, rendering) = Claims[templateId];
        var claim = LetterSamples.OrthoClaim(serviceDate, memberId) with
        {
            Lines = lines.Select(l => l with { ServiceDate = serviceDate }).ToList(),
            RenderingProviderName = rendering,
            DiagnosisCodes = ClaimDiagnoses.GetValueOrDefault(templateId) ?? [],
            RenderingProviderNpi = "1902847361",
        };
        var denial = LetterSamples.OrthoDenial(denied, scenario) with { ReasonCode = carc, ServiceDate = serviceDate, RootCause = scenario == "medical-necessity" ? "medical-necessity" : "coding" };
        var inputs = LetterSamples.OrthoInputs(template: template) with { Claim = claim, Denial = denial, Documents = linked, Provider = null };

        var draft = LetterBuilder.Build(inputs);
        var letter = draft.Resolved;
        var issues = LetterChecks.Check(letter, template, draft.Filled.CitedExcerpts);

        Assert.NotEmpty(linked);
        Assert.NotEqual(ViabilityStatus.NotSupported, draft.Viability.Status);
        Assert.True(draft.Filled.UnfilledPlaceholders.Count == 0, string.Join(", ", draft.Filled.UnfilledPlaceholders));
        Assert.All(template.EvidenceSlots.Where(s => s.Required), s => Assert.DoesNotContain(s.Name, draft.Filled.EmptyEvidenceSlots));
        Assert.Empty(issues);
        Assert.Contains(expectedQuote, letter, StringComparison.Ordinal);
        Assert.DoesNotContain("[[MISSING", letter, StringComparison.Ordinal);
        // The clinician as on the note, with credentials, signs in the first person.
        var author = linked.First(d => d.Author is not null).Author!;
        Assert.Contains($"{LetterBuilder.SplitCredentials(author).Name}, {LetterBuilder.SplitCredentials(author).Credentials}", letter, StringComparison.Ordinal);
        Assert.Contains("\nI ask you to reconsider", letter, StringComparison.Ordinal);
        Assert.DoesNotContain("On behalf of", letter, StringComparison.Ordinal);

        var signature = new LetterSignature("Elena Marquez", "MD", new DateTimeOffset(2026, 10, 1, 12, 0, 0, TimeSpan.Zero), SignatureHash.Sha256(letter));
        using var output = new MemoryStream();
        LetterDocx.Render(new LetterDocument(Letterhead.From(LetterSamples.Practice), letter, signature), output);
        output.Position = 0;
        using var docx = WordprocessingDocument.Open(output, false);
        var text = docx.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains(expectedQuote, text, StringComparison.Ordinal);
        Assert.Contains("[E1]", text, StringComparison.Ordinal);
        Assert.Contains("Electronically signed by Elena Marquez, MD on 10/01/2026 12:00 PM UTC.", text, StringComparison.Ordinal);
        Assert.Contains(signature.ContentHash, text, StringComparison.Ordinal);
    }
}
