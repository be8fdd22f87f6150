using System.Text;
using System.Text.Json;
using AppealStudio.Cli;
using AppealStudio.Core.Charts;
using AppealStudio.Data.Seeding;
using DocumentFormat.OpenXml.Packaging;

namespace AppealStudio.Web.Tests.Cli;

/// <summary>
/// `evidence rank` and `letter draft`: batch drafting with no database, run on the demo 835 and the demo chart files
/// written to a temporary folder.
/// </summary>
public sealed class DraftingCliTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private readonly string dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "appealstudio-cli-" + Guid.NewGuid().ToString("N"));

    public DraftingCliTests()
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path("demo.835"), DemoData.RemittanceText(Today));
        foreach (var (name, text) in DemoData.ChartFiles(Today))
        {
            File.WriteAllText(Path(name), text);
        }
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Path(string name) => System.IO.Path.Combine(dir, name);

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new StringReader(""), output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string TemplatesDirectory
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(d.FullName, "AppealStudio.sln")))
                {
                    return System.IO.Path.Combine(d.FullName, "templates");
                }
            }

            throw new InvalidOperationException("Repository root not found.");
        }
    }

    private string[] Draft(string claim, string chart, string output, params string[] more) =>
    [
        "letter", "draft", "--remit", Path("demo.835"), "--claim", claim, "--chart", Path(chart), "--out", Path(output),
        "--templates", TemplatesDirectory, .. more,
    ];

    private static readonly string[] Fill =
    [
        "--set", "practice.phone=(217) 555-0142",
        "--set", "payer.policyReference=Example Health Plan reimbursement policy RP-112 (rev. 03/2026)",
        "--set", "contact.name=Sam Specialist", "--set", "contact.phone=(217) 555-0150",
    ];

    [Fact]
    public async Task EvidenceRank_Json_PrintsPassagesBestFirstWithOffsetsIntoTheDocumentText()
    {
        var (code, output, error) = await RunAsync("evidence", "rank", "--scenario", "modifier-59", Path("demo-ortho-operative-report.md"),
            Path("demo-cardiology-office-visit.txt"), "--json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var passages = json.RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(passages);
        var text = ChartImporter.Read("demo-ortho-operative-report.md", File.OpenRead(Path("demo-ortho-operative-report.md")))[0].Text;
        var best = passages[0];
        Assert.Equal("demo-ortho-operative-report.md", best.GetProperty("document").GetString());
        var (start, end) = (best.GetProperty("start").GetInt32(), best.GetProperty("end").GetInt32());
        Assert.Equal(text[start..end], best.GetProperty("text").GetString());
        Assert.Contains("contralateral left knee", best.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("distinct_site", best.GetProperty("facts").EnumerateArray().Select(f => f.GetString()));
        var scores = passages.Select(p => p.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.Equal(["document", "start", "end", "text", "score", "facts"], best.EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData("medical-necessity", "demo-spine-visit.md", "conservative_treatment")]
    [InlineData("session-length", "demo-psychotherapy-note.txt", "duration 58 min")]
    [InlineData("physical-status", "demo-anesthesia-record.txt", "asa_class")]
    [InlineData("modifier-25", "demo-cardiology-office-visit.txt", "separately_identifiable")]
    public async Task EvidenceRank_EachScenarioOrRootCause_FindsItsFacts(string scenario, string chart, string fact)
    {
        var (code, output, error) = await RunAsync("evidence", "rank", "--scenario", scenario, Path(chart), "--json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Contains(fact, json.RootElement.EnumerateArray().SelectMany(p => p.GetProperty("facts").EnumerateArray()).Select(f => f.GetString()));
    }

    [Fact]
    public async Task EvidenceRank_UnknownScenario_ExitsTwoWithTheValidNames()
    {
        var (code, output, error) = await RunAsync("evidence", "rank", "--scenario", "modifier-99", Path("demo-spine-visit.md"));

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("appealstudio: 'modifier-99' is not a scenario or root cause; use one of modifier-59, modifier-25, physical-status, session-length, medical-necessity, authorization, eligibility, general.",
            error.Trim());
    }

    [Fact]
    public async Task EvidenceRank_BadFiles_ExitOneWithOneLineEach()
    {
        File.WriteAllBytes(Path("empty.txt"), []);
        File.WriteAllText(Path("broken.json"), "{\"resourceType\":");

        var (code, output, error) = await RunAsync("evidence", "rank", "--scenario", "medical-necessity", Path("demo-spine-visit.md"), Path("empty.txt"),
            Path("broken.json"), Path("missing.txt"));

        Assert.Equal(1, code);
        Assert.Equal("", output);
        var lines = error.Trim().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Contains("appealstudio: The file empty.txt is empty.", lines);
        Assert.Contains(lines, l => l.StartsWith("appealstudio: The file broken.json is not valid JSON", StringComparison.Ordinal));
        Assert.Contains("appealstudio: missing.txt: no such file.", lines);
    }

    public static TheoryData<string, string, string, string> Letters => new()
    {
        { "DEMO-1001", "demo-ortho-operative-report.md", "ortho-modifier-59", "contralateral left knee" },
        { "DEMO-1002", "demo-cardiology-office-visit.txt", "cardiology-modifier-25", "increased furosemide to 40 mg daily" },
        { "DEMO-1003", "demo-anesthesia-record.txt", "anesthesia-physical-status", "ASA physical status III (P3)" },
        { "DEMO-1004", "demo-psychotherapy-note.txt", "mental-health-session-length", "Session start: 2:05 PM" },
        { "DEMO-1005", "demo-spine-visit.md", "medical-necessity", "Absent left Achilles reflex" },
    };

    [Theory]
    [MemberData(nameof(Letters))]
    public async Task LetterDraft_EachDemoDenial_FillsTheSuggestedTemplateWithoutGaps(string claim, string chart, string template, string quote)
    {
        var (code, output, error) = await RunAsync(Draft(claim, chart, claim + ".md", Fill));

        Assert.True(code == 0, error);
        Assert.Contains($"template: {template} (Matches ", error, StringComparison.Ordinal);
        Assert.Contains("0 gap(s)", output, StringComparison.Ordinal);
        var letter = await File.ReadAllTextAsync(Path(claim + ".md"));
        Assert.DoesNotContain("[[MISSING", letter, StringComparison.Ordinal);
        Assert.Contains(quote, letter, StringComparison.Ordinal);
        Assert.Contains("[E1]", letter, StringComparison.Ordinal);
        Assert.Contains("Member ID | EXH1002", letter, StringComparison.Ordinal);
        Assert.Contains("Dana Reyes", letter, StringComparison.Ordinal);
        Assert.Contains("Example Health Plan reimbursement policy RP-112", letter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LetterDraft_Docx_WritesAnUnsignedDraftWithTheCitations()
    {
        var (code, _, error) = await RunAsync(Draft("DEMO-1001", "demo-ortho-operative-report.md", "out/DEMO-1001.docx", [.. Fill, "--line", "29880-XS"]));

        Assert.True(code == 0, error);
        using var docx = WordprocessingDocument.Open(Path("out/DEMO-1001.docx"), false);
        var text = docx.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains("UNSIGNED DRAFT", text, StringComparison.Ordinal);
        Assert.Contains("contralateral left knee", text, StringComparison.Ordinal);
        Assert.Contains("[E1]", text, StringComparison.Ordinal);
        Assert.Contains("Riverside Multispecialty Group", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LetterDraft_WithGaps_ListsThemAndExitsOne_UnlessAllowed()
    {
        var (code, output, error) = await RunAsync(Draft("DEMO-1001", "demo-ortho-operative-report.md", "gaps.md"));

        Assert.Equal(1, code);
        Assert.Contains("missing: payer.policyReference", error, StringComparison.Ordinal);
        Assert.Contains("missing: contact.line (give --set contact.name=... and --set contact.phone=...)", error, StringComparison.Ordinal);
        Assert.Contains("missing: practice.phone", error, StringComparison.Ordinal);
        Assert.Contains("3 gap(s)", output, StringComparison.Ordinal);
        Assert.Contains("[[MISSING: payer.policyReference]]", await File.ReadAllTextAsync(Path("gaps.md")), StringComparison.Ordinal);

        var allowed = await RunAsync(Draft("DEMO-1001", "demo-ortho-operative-report.md", "gaps.md", "--allow-gaps"));
        Assert.Equal(0, allowed.Code);
        Assert.Contains("missing: payer.policyReference", allowed.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LetterDraft_ChartOfAnotherPatient_IsNotQuoted_NothingSupportsTheCode_AndTheEmptySlotIsAGap()
    {
        var (code, _, error) = await RunAsync(Draft("DEMO-1001", "demo-spine-visit.md", "wrong.md", Fill));

        Assert.Equal(1, code);
        Assert.Contains("warning: demo-spine-visit.md is not used: The patient name on the document (Erik Halvorsen) does not match the claim", error, StringComparison.Ordinal);
        Assert.Contains("unsupported: No separate site, session, incision or injury is documented for the service billed with modifier XS", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path("wrong.md")));

        var allowed = await RunAsync(Draft("DEMO-1001", "demo-spine-visit.md", "wrong.md", [.. Fill, "--allow-unsupported"]));
        Assert.Equal(1, allowed.Code);
        Assert.Contains("missing evidence: distinct_site", allowed.Err, StringComparison.Ordinal);
        var letter = await File.ReadAllTextAsync(Path("wrong.md"));
        Assert.DoesNotContain("Achilles", letter, StringComparison.Ordinal);
        Assert.DoesNotContain("The record documents", letter, StringComparison.Ordinal);
        Assert.Contains("enclosed for your review", letter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LetterDraft_NamedTemplate_IsUsed()
    {
        var (code, _, error) = await RunAsync(Draft("DEMO-1005", "demo-spine-visit.md", "auth.md", [.. Fill, "--template", "authorization-retro", "--allow-gaps"]));

        Assert.True(code == 0, error);
        Assert.Contains("template: authorization-retro (named with --template)", error, StringComparison.Ordinal);
    }

    public static TheoryData<string[], int, string> BadInputs => new()
    {
        { ["--claim", "NOPE-1"], 1, "appealstudio: claim NOPE-1 is not in demo.835." },
        { ["--claim", "DEMO-1006"], 1, "appealstudio: claim DEMO-1006 in demo.835 has no denial." },
        { ["--claim", "DEMO-1002", "--line", "93306"], 1, "appealstudio: claim DEMO-1002 has no denial on line 93306; denied: 99214." },
        { ["--claim", "DEMO-1001", "--template", "no-such-template"], 1, "appealstudio: there is no template 'no-such-template'; use one of" },
        { ["--claim", "DEMO-1001", "--set", "patient.ssn=123"], 2, "appealstudio: --set patient.ssn=123: use path=value with one of" },
        { ["--claim", "DEMO-1001", "--out-format", "pdf"], 2, "--out-format" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task LetterDraft_BadInput_FailsWithAClearReason(string[] args, int expectedCode, string expected)
    {
        var (code, _, error) = await RunAsync(["letter", "draft", "--remit", Path("demo.835"), "--chart", Path("demo-ortho-operative-report.md"),
            "--out", Path("x.md"), "--templates", TemplatesDirectory, .. args]);

        Assert.Equal(expectedCode, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LetterDraft_OutputNeitherMarkdownDocxNorPdf_ExitsTwo()
    {
        var (code, _, error) = await RunAsync(Draft("DEMO-1001", "demo-ortho-operative-report.md", "letter.txt"));

        Assert.Equal(2, code);
        Assert.Equal("appealstudio: --out letter.txt: the file must end in .md, .docx or .pdf.", error.Trim());
    }

    [Fact]
    public async Task LetterDraft_Pdf_WritesThePacket_CoverLetterEnclosuresAndPageNumbers()
    {
        var (code, _, error) = await RunAsync(Draft("DEMO-1004", "demo-psychotherapy-note.txt", "packet.pdf", Fill));

        Assert.True(code == 0, error);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(Path("packet.pdf"));
        var pages = pdf.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))).ToList();
        Assert.Contains("Appeal packet", pages[0], StringComparison.Ordinal);
        Assert.Contains("UNSIGNED DRAFT", pages[0], StringComparison.Ordinal);
        Assert.Contains("billed 90837, paid as 90834", pages[0], StringComparison.Ordinal);
        Assert.Contains("Riverside Multispecialty Group", pages[1], StringComparison.Ordinal);
        var note = pages.FindIndex(p => p.StartsWith("Enclosure 1: Psychotherapy progress note", StringComparison.Ordinal));
        var remittance = pages.FindIndex(p => p.StartsWith("Enclosure 2: Remittance advice for claim EXH26041004", StringComparison.Ordinal));
        Assert.True(note > 1 && remittance > note, string.Join("\n", pages));
        Assert.Contains("CO-150 Contractual Obligations: Information submitted does not support this level of service", pages[remittance], StringComparison.Ordinal);
        Assert.All(pages.Select((p, i) => (p, i)), x => Assert.Contains($"Page {x.i + 1} of {pages.Count}", x.p, StringComparison.Ordinal));
        Assert.DoesNotContain(pages, p => p.Contains("session-length", StringComparison.Ordinal) || p.Contains("chars ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LetterDraft_SessionTooShortForTheBilledCode_SaysWhatTheRecordShows_AndClaimsNoSupportEvenWhenAllowed()
    {
        // 59 minutes on the clock, but 8 of them were a phone call with the partner "included in session time":
        // 51 minutes of face-to-face psychotherapy support 90834, not the 90837 billed.
        var note = File.ReadAllText(Path("demo-psychotherapy-note.txt"))
            .Replace("Session start: 2:05 PM\nSession end: 3:03 PM\nTotal psychotherapy time: 58 minutes face-to-face with the patient.",
                "Session start: 2:02 PM\nSession end: 3:01 PM\nTotal session time: 59 minutes, including an 8-minute phone call with the patient's partner to review the safety plan; the call is included in session time.",
                StringComparison.Ordinal);
        File.WriteAllText(Path("short-session.txt"), note);

        var (code, _, error) = await RunAsync(Draft("DEMO-1004", "short-session.txt", "short.md", Fill));

        Assert.Equal(1, code);
        Assert.Contains("unsupported: The psychotherapy progress note documents 59 minutes (2:02 PM to 3:01 PM), including an 8-minute phone call with the patient's partner to review the safety plan, which leaves 51 minutes of face-to-face psychotherapy. 90837 requires 53 minutes or more of psychotherapy; the documented time supports 90834, the code paid.",
            error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path("short.md")));

        var allowed = await RunAsync(Draft("DEMO-1004", "short-session.txt", "short.md", [.. Fill, "--allow-unsupported"]));
        Assert.True(allowed.Code == 0, allowed.Err);
        var letter = await File.ReadAllTextAsync(Path("short.md"));
        Assert.DoesNotContain("supports the code", letter, StringComparison.Ordinal);
        Assert.DoesNotContain("requires 53 minutes or more of psychotherapy [", letter, StringComparison.Ordinal);
        Assert.DoesNotContain("pay it as billed", letter, StringComparison.Ordinal);
        Assert.Contains("is enclosed for your review", letter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LetterDraft_NotAnX12File_ExitsOne()
    {
        File.WriteAllText(Path("notes.835"), "This is not a remittance.");

        var (code, _, error) = await RunAsync(["letter", "draft", "--remit", Path("notes.835"), "--claim", "DEMO-1001", "--chart", Path("demo-ortho-operative-report.md"),
            "--out", Path("x.md"), "--templates", TemplatesDirectory]);

        Assert.Equal(1, code);
        Assert.StartsWith("appealstudio: notes.835: ", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task LetterDraft_WithoutTemplatesOption_FindsTheRepositoryTemplates()
    {
        var (code, _, error) = await RunAsync(["letter", "draft", "--remit", Path("demo.835"), "--claim", "DEMO-1004", "--chart", Path("demo-psychotherapy-note.txt"),
            "--out", Path("psy.md"), .. Fill]);

        Assert.True(code == 0, error);
        Assert.Contains("Total psychotherapy time: 58 minutes", await File.ReadAllTextAsync(Path("psy.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_NewCommands_PrintUsage()
    {
        foreach (var args in new[] { new[] { "chart", "import", "--help" }, ["evidence", "rank", "--help"], ["letter", "draft", "--help"] })
        {
            var (code, output, _) = await RunAsync(args);
            Assert.Equal(0, code);
            Assert.Contains("Usage:", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void DemoFiles_AreWrittenForTheGivenDay()
    {
        Assert.Contains(Today.AddDays(-52).ToString("MM/dd/yyyy", System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(Path("demo-ortho-operative-report.md")), StringComparison.Ordinal);
        Assert.DoesNotContain("{{", File.ReadAllText(Path("demo.835")), StringComparison.Ordinal);
        Assert.Equal(Encoding.ASCII.GetByteCount(File.ReadAllText(Path("demo.835"))), new FileInfo(Path("demo.835")).Length);
    }
}
