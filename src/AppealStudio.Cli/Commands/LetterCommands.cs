using System.CommandLine;
using System.Globalization;
using AppealStudio.Core.Charts;
using AppealStudio.Core.Denials;
using AppealStudio.Core.Letters;
using AppealStudio.Core.Remittance;
using AppealStudio.Core.X12;

namespace AppealStudio.Cli.Commands;

public static class LetterCommands
{
    /// <summary>Context values a batch can supply with <c>--set path=value</c> (what an 835 does not carry).</summary>
    internal static readonly IReadOnlyList<string> SettablePaths =
    [
        "practice.name", "practice.address", "practice.phone", "practice.fax", "practice.npi", "practice.taxId",
        "provider.name", "provider.credentials", "provider.npi", "provider.specialty",
        "patient.name", "patient.dateOfBirth", "patient.memberId", "patient.accountNumber",
        "payer.name", "payer.address", "payer.policyReference",
        "claim.diagnosisCodes", "claim.originalSubmissionDate", "claim.submissionReference",
        "contact.name", "contact.title", "contact.phone", "contact.email",
        "letter.requestType", "details.<key>",
    ];

    public static Command Build(CliIo io)
    {
        var letter = new Command("letter", "Appeal letters, without a database.");
        letter.Subcommands.Add(Draft(io));
        return letter;
    }

    private static Command Draft(CliIo io)
    {
        var remit = new Option<FileInfo>("--remit") { Description = "The 835 file holding the denial.", Required = true };
        var claim = new Option<string>("--claim") { Description = "Patient control number (CLP01) of the claim.", Required = true };
        var line = new Option<string?>("--line") { Description = "Procedure code of the denied line, when the claim has several denials." };
        var charts = new Option<FileInfo[]>("--chart")
        {
            Description = "Chart files with the evidence (text, Markdown, DOCX, FHIR R4 JSON). Documents of another patient or date are not used.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var template = new Option<string?>("--template") { Description = "Template id; default: the template suggested for the denial." };
        var output = new Option<FileInfo>("--out")
        {
            Description = "Output file: .md (Markdown), .docx (an unsigned draft) or .pdf (the unsigned packet: cover sheet, letter, cited chart documents, remittance page).",
            Required = true,
        };
        var allowGaps = new Option<bool>("--allow-gaps") { Description = "Exit 0 even when required placeholders or evidence slots stay unfilled." };
        var allowUnsupported = new Option<bool>("--allow-unsupported")
        {
            Description = "Draft even when the chart does not meet the billed code's rule; the letter then states no support for the code.",
        };
        var templates = new Option<DirectoryInfo?>("--templates") { Description = "Template folder (default: the nearest templates/ folder)." };
        var set = new Option<string[]>("--set")
        {
            Description = "A value the 835 does not carry, as path=value (repeatable): " + string.Join(", ", SettablePaths) + ".",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("draft",
            "Draft the appeal letter for one denial of an 835 from the suggested (or named) template and the best evidence " +
            "in the chart files. When the chart does not meet the rule of the code as billed, the finding is printed on stderr " +
            "and nothing is drafted (exit 1) unless --allow-unsupported is given. Unfilled required placeholders and evidence " +
            "slots are listed on stderr; the command then exits 1 unless --allow-gaps is given (the letter is written either " +
            "way, with visible [[MISSING: ...]] markers).")
        {
            remit, claim, line, charts, template, output, allowGaps, allowUnsupported, templates, set,
        };
        command.SetAction(async (parse, ct) =>
        {
            var outFile = parse.GetValue(output)!;
            var extension = outFile.Extension.ToUpperInvariant();
            if (extension is not (".MD" or ".MARKDOWN" or ".DOCX" or ".PDF"))
            {
                await io.Error.WriteLineAsync($"appealstudio: --out {outFile.Name}: the file must end in .md, .docx or .pdf.");
                return 2;
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in parse.GetValue(set) ?? [])
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var path = eq > 0 ? pair[..eq].Trim() : "";
                if (path.Length == 0 || !(SettablePaths.Contains(path, StringComparer.Ordinal) || (path.StartsWith("details.", StringComparison.Ordinal) && path.Length > 8)))
                {
                    await io.Error.WriteLineAsync($"appealstudio: --set {pair}: use path=value with one of {string.Join(", ", SettablePaths)}.");
                    return 2;
                }

                values[path] = pair[(eq + 1)..].Trim();
            }

            var today = DateOnly.FromDateTime(DateTime.Now);
            var denial = FindDenial(parse.GetValue(remit)!, parse.GetValue(claim)!.Trim(), parse.GetValue(line)?.Trim());
            var assessment = DenialAssessor.Default.Assess(denial.Facts, today);
            var scenario = assessment.Scenario?.ToCode();
            var rootCause = assessment.Classification.RootCause.ToCode();

            var library = LoadTemplates(parse.GetValue(templates));
            var chosen = ChooseTemplate(library, parse.GetValue(template), scenario, rootCause, denial.Facts.ReasonCode);
            await io.Error.WriteLineAsync($"template: {chosen.Template.Id} ({chosen.Reason})");

            var documents = await EvidenceCommands.ReadChartsAsync(io, parse.GetValue(charts)!);
            if (documents is null)
            {
                return 1;
            }

            var linked = await LinkedAsync(io, denial, documents);
            var inputs = Inputs(denial, assessment, chosen.Template, linked, values, today);
            var draft = LetterBuilder.Build(inputs);
            if (draft.Viability.BlocksDrafting)
            {
                await io.Error.WriteLineAsync("unsupported: " + draft.Viability.Summary);
                if (!parse.GetValue(allowUnsupported))
                {
                    await io.Error.WriteLineAsync("appealstudio: the record does not support the code as billed; nothing was drafted. Pass --allow-unsupported to draft a letter that asks for review without claiming support.");
                    return 1;
                }
            }

            var letter = draft.Resolved;
            outFile.Directory?.Create();
            var practice = draft.Context.Practice ?? new PracticeInfo { Name = "" };
            if (extension == ".DOCX")
            {
                await using var stream = outFile.Create();
                LetterDocx.Render(new LetterDocument(Letterhead.From(practice), letter, null, chosen.Template.Title), stream);
            }
            else if (extension == ".PDF")
            {
                await using var stream = outFile.Create();
                try
                {
                    PacketPdf.Render(PacketFor(draft, letter, linked, practice, inputs.Claim), stream);
                }
                catch (PdfFontsMissingException ex)
                {
                    throw new CliException(ex.Message);
                }
            }
            else
            {
                await File.WriteAllTextAsync(outFile.FullName, letter, ct);
            }

            var gaps = LetterFiller.FindMarkers(letter)
                .Select(m => m.Path)
                .Where(p => !p.StartsWith("evidence.", StringComparison.Ordinal))
                .Distinct(StringComparer.Ordinal)
                .Select(p => "missing: " + p + Hint(p))
                .Concat(chosen.Template.EvidenceSlots.Where(s => s.Required && draft.Filled.EmptyEvidenceSlots.Contains(s.Name)).Select(s => $"missing evidence: {s.Name} ({s.Label})"))
                .ToList();
            foreach (var gap in gaps)
            {
                await io.Error.WriteLineAsync(gap);
            }

            var lineText = draft.Context.Claim?.DeniedLine?.BilledAndPaid ?? "(claim)";
            await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{outFile.Name}: {chosen.Template.Id} for claim {denial.Claim.PatientControlNumber} line {lineText}, {draft.Filled.CitedExcerpts.Select(e => e.Marker).Distinct(StringComparer.Ordinal).Count()} excerpt(s) cited from {linked.Count} document(s), {gaps.Count} gap(s)."));
            if (gaps.Count > 0 && !parse.GetValue(allowGaps))
            {
                await io.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"appealstudio: {gaps.Count} required value(s) unfilled; supply them with --set or better charts, or pass --allow-gaps."));
                return 1;
            }

            return 0;
        });
        return command;
    }

    /// <summary>How to fill a missing value from the command line.</summary>
    private static string Hint(string path) => path switch
    {
        "contact.line" => " (give --set contact.name=... and --set contact.phone=...)",
        "voice.subject" or "voice.request" => " (give --set provider.credentials=...)",
        _ when SettablePaths.Contains(path, StringComparer.Ordinal) => $" (give --set {path}=...)",
        _ when path.StartsWith("signer.", StringComparison.Ordinal) => " (give --set provider." + path["signer.".Length..] + "=...)",
        _ when path.StartsWith("provider.", StringComparison.Ordinal) => " (give --set provider.credentials=...)",
        _ => "",
    };

    /// <summary>What the letter is built from: the 835's claim and denial, the linked charts and the --set values.</summary>
    private static LetterInputs Inputs(DetectedDenial denial, DenialAssessment assessment, LetterTemplate template, IReadOnlyList<ChartDocument> documents,
        Dictionary<string, string> values, DateOnly today)
    {
        var claim = ClaimRecord.From(denial.Claim);
        var lineNumber = denial.Line is { } l ? IndexOf(denial.Claim, l) + 1 : (int?)null;
        ContactInfo? contact = values.TryGetValue("contact.name", out var contactName) && contactName.Length > 0
            ? new ContactInfo { Name = contactName }
            : null;
        return new LetterInputs
        {
            Template = template,
            Claim = claim,
            Denial = new DenialRecord
            {
                GroupCode = denial.Facts.GroupCode,
                ReasonCode = denial.Facts.ReasonCode,
                RemarkCodes = denial.Facts.RemarkCodes,
                Amount = denial.Amount,
                LineNumber = lineNumber,
                Scenario = assessment.Scenario?.ToCode(),
                RootCause = assessment.Classification.RootCause.ToCode(),
                ServiceDate = denial.Facts.ServiceDate,
                RemittanceDate = denial.Facts.RemittanceDate,
                Level = AppealLevel.FirstLevel,
                Deadline = assessment.Deadline.Date,
                PayerRule = assessment.Payer.Rule,
            },
            Documents = documents,
            LetterDate = today,
            Contact = contact,
            IsMedicare = assessment.Payer.Rule.Type == PayerType.Medicare,
            Overrides = values,
        };
    }

    /// <summary>The unsigned packet of a CLI draft: the letter, the cited chart documents in citation order, the remittance page.</summary>
    private static PacketDocument PacketFor(LetterDraft draft, string letter, IReadOnlyList<ChartDocument> documents, PracticeInfo practice, ClaimRecord claim)
    {
        var parts = new List<PacketPart>();
        foreach (var group in draft.Filled.CitedExcerpts.OrderBy(e => Citations.Number(e.Marker)).GroupBy(e => e.DocumentId, StringComparer.Ordinal))
        {
            var document = documents.First(d => d.Id == group.Key);
            var isMarkdown = document.SourceFileName.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || document.SourceFileName.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase);
            parts.Add(PacketPart.Chart(LetterBuilder.DocumentEnclosure(document.Title, document.EncounterDate, document.Author), document.Text, isMarkdown));
        }

        parts.Add(PacketPart.RemittanceOf(LetterBuilder.RemittanceEnclosure(claim), RemittancePage.For(claim)));
        return new PacketDocument(Letterhead.From(practice), letter, null, parts, CoverSheet.For(draft.Context, draft.Merge));
    }

    private static int IndexOf(ClaimPayment claim, ServiceLine line)
    {
        for (var i = 0; i < claim.ServiceLines.Count; i++)
        {
            if (ReferenceEquals(claim.ServiceLines[i], line))
            {
                return i;
            }
        }

        return -1;
    }

    private static DetectedDenial FindDenial(FileInfo remit, string pcn, string? line)
    {
        if (!remit.Exists)
        {
            throw new CliException($"{remit.Name}: no such file.");
        }

        RemittanceFile file;
        try
        {
            file = RemittanceFile.Load(remit.FullName);
        }
        catch (X12ParseException ex)
        {
            throw new CliException($"{remit.Name}: {ex.Message}");
        }

        var claims = file.Claims
            .Where(c => string.Equals(c.PatientControlNumber, pcn, StringComparison.OrdinalIgnoreCase) && !c.IsReversal && !c.IsSuperseded)
            .ToList();
        if (claims.Count == 0)
        {
            throw new CliException($"claim {pcn} is not in {remit.Name}.");
        }

        var detector = new DenialDetector();
        var denials = claims.SelectMany(detector.Detect).ToList();
        if (denials.Count == 0)
        {
            throw new CliException($"claim {pcn} in {remit.Name} has no denial.");
        }

        if (line is not null)
        {
            var code = line.Split('-', ':')[0].ToUpperInvariant();
            var onLine = denials.Where(d => string.Equals(d.Line?.Procedure.Code, code, StringComparison.OrdinalIgnoreCase)).ToList();
            return onLine.Count > 0
                ? onLine.MaxBy(d => d.Amount)!
                : throw new CliException($"claim {pcn} has no denial on line {line}; denied: {DeniedLines(denials)}.");
        }

        var lines = denials.Select(d => d.Line).Distinct().ToList();
        return lines.Count == 1
            ? denials.MaxBy(d => d.Amount)!
            : throw new CliException($"claim {pcn} has denials on {DeniedLines(denials)}; choose one with --line.");
    }

    private static string DeniedLines(IEnumerable<DetectedDenial> denials) =>
        string.Join(", ", denials.Select(d => d.Line?.Procedure.Code ?? "the claim").Distinct(StringComparer.Ordinal));

    /// <summary>--templates, else the nearest templates/ folder above the working directory or the tool.</summary>
    private static TemplateLibrary LoadTemplates(DirectoryInfo? option)
    {
        try
        {
            if (option is not null)
            {
                return option.Exists
                    ? TemplateLibrary.LoadDirectory(option.FullName)
                    : throw new CliException($"--templates {option.FullName}: no such folder.");
            }

            foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            {
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    var candidate = Path.Combine(dir.FullName, "templates");
                    if (Directory.Exists(candidate) && Directory.EnumerateFiles(candidate, "*.md").Any())
                    {
                        return TemplateLibrary.LoadDirectory(candidate);
                    }
                }
            }
        }
        catch (TemplateFormatException ex)
        {
            throw new CliException(ex.Message);
        }

        throw new CliException("no templates/ folder found here or above; give one with --templates DIR.");
    }

    private static TemplateSuggestion ChooseTemplate(TemplateLibrary library, string? id, string? scenario, string rootCause, string? carc)
    {
        if (id is not null)
        {
            return library.TryGet(id.Trim(), out var named)
                ? new TemplateSuggestion(named, 0, "named with --template")
                : throw new CliException($"there is no template '{id}'; use one of {string.Join(", ", library.Templates.Select(t => t.Id))}.");
        }

        var suggestion = library.Suggest(scenario, rootCause, carc).FirstOrDefault();
        return suggestion ?? throw new CliException(
            $"no template fits this denial (scenario {scenario ?? "none"}, root cause {rootCause}, CARC {carc ?? "none"}); choose one with --template: {string.Join(", ", library.Templates.Select(t => t.Id))}.");
    }

    /// <summary>The chart documents of this patient and date of service; the others are named on stderr and left out.</summary>
    private static async Task<IReadOnlyList<ChartDocument>> LinkedAsync(CliIo io, DetectedDenial denial, IReadOnlyList<ChartDocument> documents)
    {
        var claim = denial.Claim;
        var patient = claim.CorrectedPatient ?? claim.Patient ?? claim.Insured;
        if ((denial.Facts.ServiceDate ?? claim.StatementFrom) is not { } from)
        {
            await io.Error.WriteLineAsync("warning: the claim has no date of service; every chart document is used as given.");
            return documents;
        }

        var identity = new ClaimIdentity(claim.Patient?.Id ?? claim.Insured?.Id, patient?.LastOrOrganizationName, patient?.FirstName, null, from,
            claim.StatementTo is { } to && to > from ? to : null);
        var linker = new ChartLinker();
        var linked = new List<ChartDocument>();
        foreach (var document in documents)
        {
            var link = linker.Link(document, identity);
            if (link.IsMatch)
            {
                linked.Add(document);
            }
            else
            {
                await io.Error.WriteLineAsync($"warning: {document.Id} is not used: {link.Reason}");
            }
        }

        return linked;
    }
}
