using System.CommandLine;
using System.Globalization;
using AppealStudio.Core.Charts;
using AppealStudio.Core.Denials;
using AppealStudio.Core.Letters;
using AppealStudio.Core.Remittance;
using AppealStudio.Core.X12;
using RemitName = AppealStudio.Core.Remittance.PersonName;

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
        var output = new Option<FileInfo>("--out") { Description = "Output file: .md (Markdown) or .docx (an unsigned draft).", Required = true };
        var allowGaps = new Option<bool>("--allow-gaps") { Description = "Exit 0 even when required placeholders or evidence slots stay unfilled." };
        var templates = new Option<DirectoryInfo?>("--templates") { Description = "Template folder (default: the nearest templates/ folder)." };
        var set = new Option<string[]>("--set")
        {
            Description = "A value the 835 does not carry, as path=value (repeatable): " + string.Join(", ", SettablePaths) + ".",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("draft",
            "Draft the appeal letter for one denial of an 835 from the suggested (or named) template and the best evidence " +
            "in the chart files. Unfilled required placeholders and evidence slots are listed on stderr; the command then " +
            "exits 1 unless --allow-gaps is given (the letter is written either way, with visible [[MISSING: ...]] markers).")
        {
            remit, claim, line, charts, template, output, allowGaps, templates, set,
        };
        command.SetAction(async (parse, ct) =>
        {
            var outFile = parse.GetValue(output)!;
            var extension = outFile.Extension.ToUpperInvariant();
            if (extension is not (".MD" or ".MARKDOWN" or ".DOCX"))
            {
                await io.Error.WriteLineAsync($"appealstudio: --out {outFile.Name}: the file must end in .md or .docx.");
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
            var evidence = EvidenceSelection.Assign(chosen.Template, linked, scenario ?? rootCause);
            var context = Context(denial, assessment, linked, evidence, values, today);
            var letter = LetterFiller.Fill(chosen.Template, context);

            outFile.Directory?.Create();
            if (extension == ".DOCX")
            {
                var practice = context.Practice ?? new PracticeInfo { Name = "" };
                await using var stream = outFile.Create();
                LetterDocx.Render(new LetterDocument(Letterhead.From(practice), letter.Markdown, null, chosen.Template.Title), stream);
            }
            else
            {
                await File.WriteAllTextAsync(outFile.FullName, letter.Markdown, ct);
            }

            var gaps = letter.UnfilledPlaceholders.Select(p => "missing: " + p)
                .Concat(chosen.Template.EvidenceSlots.Where(s => s.Required && letter.EmptyEvidenceSlots.Contains(s.Name)).Select(s => $"missing evidence: {s.Name} ({s.Label})"))
                .ToList();
            foreach (var gap in gaps)
            {
                await io.Error.WriteLineAsync(gap);
            }

            await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{outFile.Name}: {chosen.Template.Id} for claim {denial.Claim.PatientControlNumber} line {denial.Line?.Procedure.Code ?? "(claim)"}, {letter.CitedExcerpts.Count} excerpt(s) cited from {linked.Count} document(s), {gaps.Count} gap(s)."));
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

    private static LetterContext Context(DetectedDenial denial, DenialAssessment assessment, IReadOnlyList<ChartDocument> documents,
        IReadOnlyDictionary<string, IReadOnlyList<CitedExcerpt>> evidence, Dictionary<string, string> values, DateOnly today)
    {
        var claim = denial.Claim;
        var payment = claim.Payment;
        var patient = claim.CorrectedPatient ?? claim.Patient ?? claim.Insured;
        var rendering = claim.RenderingProvider;
        string? Get(string path) => values.TryGetValue(path, out var v) && v.Length > 0 ? v : null;
        IReadOnlyList<string> Lines(string path, IReadOnlyList<string> fallback) =>
            Get(path) is { } v ? v.Split(['|', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : fallback;
        IReadOnlyList<string> List(string path) =>
            Get(path) is { } v ? v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
        DateOnly? Date(string path) =>
            Get(path) is { } v && DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

        var isMedicare = assessment.Payer.Rule.Type == PayerType.Medicare;
        var line = denial.Line;
        return new LetterContext
        {
            LetterDate = today,
            RequestType = Get("letter.requestType") ?? (isMedicare ? "redetermination" : null),
            Practice = new PracticeInfo
            {
                Name = Get("practice.name") ?? Title(payment.Payee?.Name) ?? "",
                AddressLines = Lines("practice.address", AddressLines(payment.Payee?.Address)),
                Phone = Get("practice.phone"),
                Fax = Get("practice.fax"),
                Npi = Get("practice.npi") ?? payment.PayeeNpi,
                TaxId = Get("practice.taxId") ?? payment.PayeeTaxId,
            },
            Provider = new ProviderInfo
            {
                Name = Get("provider.name") ?? PersonDisplay(rendering) ?? "",
                Credentials = Get("provider.credentials"),
                Npi = Get("provider.npi") ?? rendering?.Id,
                Specialty = Get("provider.specialty"),
            },
            Patient = new PatientInfo
            {
                Name = Get("patient.name") ?? PersonDisplay(patient) ?? "",
                // 835s carry no date of birth; the chart documents of this patient usually do.
                DateOfBirth = Date("patient.dateOfBirth") ?? documents.Select(d => d.Patient.DateOfBirth).FirstOrDefault(d => d is not null),
                MemberId = Get("patient.memberId") ?? claim.Patient?.Id ?? claim.Insured?.Id,
                AccountNumber = Get("patient.accountNumber") ?? claim.PatientControlNumber,
            },
            Payer = new PayerInfo
            {
                Name = Get("payer.name") ?? Title(payment.PayerName) ?? "",
                AddressLines = Lines("payer.address", AddressLines(payment.Payer?.Address)),
                PolicyReference = Get("payer.policyReference"),
                PayerId = payment.PayerId,
                IsMedicare = isMedicare,
            },
            Claim = new ClaimInfo
            {
                PayerClaimNumber = claim.PayerClaimControlNumber,
                PatientControlNumber = claim.PatientControlNumber,
                ServiceDate = denial.Facts.ServiceDate ?? claim.StatementFrom,
                ServiceDateTo = line is null ? claim.StatementTo : line.ServicePeriodEnd,
                ProcedureCodes = claim.ServiceLines.Select(l => l.Procedure).Where(p => p.Code is not null)
                    .Select(p => string.Join('-', new[] { p.Code! }.Concat(p.Modifiers))).Distinct(StringComparer.Ordinal).ToList(),
                DiagnosisCodes = List("claim.diagnosisCodes"),
                ChargeAmount = claim.ChargeAmount,
                DeniedAmount = denial.Amount,
                OriginalSubmissionDate = Date("claim.originalSubmissionDate"),
                SubmissionReference = Get("claim.submissionReference"),
            },
            Denial = new DenialInfo
            {
                GroupCode = denial.Facts.GroupCode,
                ReasonCode = denial.Facts.ReasonCode,
                ReasonText = CodeDictionary.Default.CarcMeaning(denial.Facts.ReasonCode),
                RemarkCodes = denial.Facts.RemarkCodes,
                RemittanceDate = denial.Facts.RemittanceDate,
                Scenario = assessment.Scenario?.ToCode(),
                RootCause = assessment.Classification.RootCause.ToCode(),
            },
            Details = values.Where(kv => kv.Key.StartsWith("details.", StringComparison.Ordinal))
                .ToDictionary(kv => kv.Key["details.".Length..], kv => kv.Value, StringComparer.Ordinal),
            Evidence = evidence,
        };
    }

    /// <summary>"REYES, DANA" → "Dana Reyes": 835 names are upper case and family-first; letters address people.</summary>
    private static string? PersonDisplay(RemitName? name)
    {
        if (name is null)
        {
            return null;
        }

        if (name.EntityType == "2" || name.FirstName is null)
        {
            return Title(name.LastOrOrganizationName);
        }

        return Title(string.Join(' ', new[] { name.FirstName, name.MiddleName, name.LastOrOrganizationName, name.Suffix }.Where(s => !string.IsNullOrWhiteSpace(s))));
    }

    private static string? Title(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
            : text.Any(char.IsLower) ? text.Trim()
            : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(text.Trim().ToLowerInvariant()).Replace("Po Box", "PO Box", StringComparison.Ordinal);

    private static IReadOnlyList<string> AddressLines(Address? address)
    {
        if (address is null)
        {
            return [];
        }

        var lines = address.Lines.Select(l => Title(l) ?? "").Where(l => l.Length > 0).ToList();
        var cityLine = string.Join(' ', new[] { Title(address.City) is { } c ? c + "," : null, address.State, Zip(address.PostalCode) }.Where(s => !string.IsNullOrEmpty(s)));
        if (cityLine.Length > 0)
        {
            lines.Add(cityLine.TrimEnd(','));
        }

        return lines;
    }

    private static string? Zip(string? code) => code is { Length: 9 } && code.All(char.IsAsciiDigit) ? code[..5] + "-" + code[5..] : code;
}
