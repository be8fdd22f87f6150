using System.Globalization;
using System.Text.RegularExpressions;
using AppealStudio.Core.Charts;
using AppealStudio.Core.Denials;

namespace AppealStudio.Core.Letters;

/// <summary>Everything a letter is built from. The CLI fills it from an 835 and chart files, the web app from the database.</summary>
public sealed record LetterInputs
{
    public required LetterTemplate Template { get; init; }

    public required ClaimRecord Claim { get; init; }

    public required DenialRecord Denial { get; init; }

    /// <summary>The chart documents linked to the claim (identity confirmed), nearest encounter first.</summary>
    public IReadOnlyList<ChartDocument> Documents { get; init; } = [];

    public DateOnly LetterDate { get; init; }

    public PracticeInfo? Practice { get; init; }

    public PayerContact? PayerContact { get; init; }

    /// <summary>The rendering provider from the provider directory; null = from the remittance and the notes.</summary>
    public ProviderInfo? Provider { get; init; }

    /// <summary>The physician who signs; null = the rendering provider.</summary>
    public ProviderInfo? Signer { get; init; }

    public ContactInfo? Contact { get; init; }

    public bool IsMedicare { get; init; }

    public string? PolicyReference { get; init; }

    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Chosen excerpts; null = pick the best passage for each slot.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<CitedExcerpt>>? Evidence { get; init; }

    /// <summary>Names of the user's attachments, listed after the chart documents and the remittance page.</summary>
    public IReadOnlyList<string> Attachments { get; init; } = [];

    /// <summary>Values that override what the sources say (the CLI's <c>--set path=value</c>).</summary>
    public IReadOnlyDictionary<string, string> Overrides { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Base units per anesthesia code; null = <see cref="ClinicalViability.DefaultBaseUnits"/>.</summary>
    public IReadOnlyDictionary<string, int>? AnesthesiaBaseUnits { get; init; }
}

/// <summary>A drafted letter: its context, the filled text (merge fields still as tokens) and what it resolves to.</summary>
/// <param name="Context">What the template was filled from.</param>
/// <param name="Filled">The filled template; merge fields are <c>{{path}}</c> tokens.</param>
/// <param name="Viability">Whether the chart meets the billed code's rule.</param>
/// <param name="Merge">The merge values of the inputs.</param>
/// <param name="Enclosures">The packet's enclosures in order.</param>
public sealed record LetterDraft(LetterContext Context, FilledLetter Filled, ViabilityFinding Viability, MergeValues Merge, IReadOnlyList<string> Enclosures)
{
    /// <summary>The letter as it reads with the merge fields resolved.</summary>
    public string Resolved => MergeFields.Resolve(Filled.Markdown, Merge);
}

/// <summary>
/// The one place a letter's context is built: the CLI's <c>letter draft</c> and the web app's workspace both call it,
/// so the same claim, denial, chart and directory values give the same letter.
/// </summary>
public static partial class LetterBuilder
{
    /// <summary>The CARCs that mean "included in another service": the letter names the service it was bundled into.</summary>
    private static readonly HashSet<string> BundlingCarcs = new(StringComparer.Ordinal) { "97", "236", "231", "234", "B14", "B15", "4" };

    public static LetterDraft Build(LetterInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var context = Context(inputs, out var viability);
        var template = inputs.Template;
        var evidence = inputs.Evidence ?? EvidenceSelection.Assign(template, inputs.Documents, TopicFor(inputs.Denial));
        context = context with { Evidence = evidence, Viability = Narrow(viability, inputs, evidence) };
        var filled = LetterFiller.Fill(template, context);
        var enclosures = Enclosures(filled.CitedExcerpts, inputs.Claim, inputs.Attachments);
        var merge = MergeValues.From(new MergeSources
        {
            LetterDate = inputs.LetterDate,
            Practice = context.Practice,
            PayerName = context.Payer?.Name,
            PayerContact = context.PayerContact,
            Provider = context.Provider,
            Signer = context.Signer,
            Contact = context.Contact,
            Enclosures = enclosures,
        });
        return new LetterDraft(context with { PacketEnclosures = enclosures }, filled, viability, merge, enclosures);
    }

    /// <summary>
    /// The letter's statement of support names only what the quoted passages show: the finding is made on the whole
    /// record, and its sentence is made again on the chosen excerpts (which the sentence cites) when they support it too.
    /// </summary>
    private static ViabilityFinding Narrow(ViabilityFinding finding, LetterInputs inputs, IReadOnlyDictionary<string, IReadOnlyList<CitedExcerpt>> evidence)
    {
        if (!finding.IsSupported || inputs.Denial.Scenario is "session-length" || inputs.Denial.LineNumber is not { } number)
        {
            return finding;
        }

        var quoted = evidence.Values.SelectMany(x => x)
            .Select(e => new ChartDocument(e.DocumentId, e.DocumentTitle, PatientIdentity.Unknown, e.DocumentDate, e.Author, null, "", e.Text))
            .ToList();
        var line = inputs.Claim.Lines.FirstOrDefault(l => l.Number == number);
        var narrow = ClinicalViability.Assess(inputs.Denial.Scenario, line, quoted);
        return narrow.IsSupported ? finding with { Statement = narrow.Statement } : finding;
    }

    /// <summary>The evidence topic of a denial: its scenario when there is one, else its root cause.</summary>
    public static string? TopicFor(DenialRecord denial)
    {
        ArgumentNullException.ThrowIfNull(denial);
        return denial.Scenario ?? denial.RootCause;
    }

    /// <summary>
    /// The packet's enclosures: each cited chart document (in order of first citation, numbered as the citations
    /// name them), the remittance page for this claim, then the user's attachments.
    /// </summary>
    public static IReadOnlyList<string> Enclosures(IReadOnlyList<CitedExcerpt> cited, ClaimRecord claim, IReadOnlyList<string> attachments)
    {
        ArgumentNullException.ThrowIfNull(cited);
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(attachments);
        var result = new List<string>();
        foreach (var document in cited.OrderBy(e => Citations.Number(e.Marker)).GroupBy(e => e.DocumentId, StringComparer.Ordinal).Select(g => g.First()))
        {
            result.Add(DocumentEnclosure(document.DocumentTitle, document.DocumentDate, document.Author));
        }

        result.Add(RemittanceEnclosure(claim));
        result.AddRange(attachments);
        return result;
    }

    public static string DocumentEnclosure(string title, DateOnly? date, string? author)
    {
        var parts = new List<string> { title };
        if (date is { } d)
        {
            parts.Add("date of service " + d.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrWhiteSpace(author))
        {
            parts.Add(author);
        }

        return string.Join(", ", parts);
    }

    public static string RemittanceEnclosure(ClaimRecord claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var number = claim.PayerClaimNumber ?? claim.PatientControlNumber;
        var dated = claim.RemittanceDate is { } d ? ", dated " + d.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture) : "";
        return $"Remittance advice for claim {number} ({Names.Title(claim.PayerName)}{dated})";
    }

    /// <summary>The context of the letter, without evidence.</summary>
    public static LetterContext Context(LetterInputs inputs, out ViabilityFinding viability)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var claim = inputs.Claim;
        var denial = inputs.Denial;
        var documents = inputs.Documents;
        string? Get(string path) => inputs.Overrides.TryGetValue(path, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        var line = denial.LineNumber is { } n ? claim.Lines.FirstOrDefault(l => l.Number == n) : null;
        viability = ClinicalViability.Assess(denial.Scenario, line, documents);
        var measures = new Dictionary<string, string>(StringComparer.Ordinal);
        if (denial.Scenario == "physical-status" && line is not null)
        {
            measures["anesthesiaUnits"] = ClinicalViability.Units(line, documents, inputs.AnesthesiaBaseUnits).Arithmetic();
        }

        if (viability.IsSupported && viability.Statement is { } statement)
        {
            measures["finding"] = statement;
        }

        var (diagnoses, diagnosisSource) = Diagnoses(claim, documents);
        var rule = denial.PayerRule;
        var level = rule?.LevelName(denial.Level) ?? GenericLevelName(denial.Level);
        var (received, presumed) = Receipt(denial);
        var provider = Provider(inputs);
        var payerContact = inputs.PayerContact ?? (claim.RemittancePayerAddress.Count > 0
            ? new PayerContact { AddressLines = claim.RemittancePayerAddress, FromRemittance = true }
            : null);
        if (Get("payer.address") is { } address)
        {
            payerContact = (payerContact ?? new PayerContact()) with { AddressLines = SplitLines(address), FromRemittance = false };
        }

        var practice = inputs.Practice;
        if (Get("practice.name") is { } practiceName || practice is null)
        {
            practice = new PracticeInfo
            {
                Name = Get("practice.name") ?? practice?.Name ?? (claim.PayeeName is { } payee ? Names.Title(payee) : ""),
                AddressLines = practice?.AddressLines ?? claim.PayeeAddress,
                Phone = practice?.Phone,
                Fax = practice?.Fax,
                Npi = practice?.Npi ?? claim.PayeeNpi,
                TaxId = practice?.TaxId ?? claim.PayeeTaxId,
            };
        }

        practice = practice with
        {
            AddressLines = Get("practice.address") is { } pa ? SplitLines(pa) : practice.AddressLines,
            Phone = Get("practice.phone") ?? practice.Phone,
            Fax = Get("practice.fax") ?? practice.Fax,
            Npi = Get("practice.npi") ?? practice.Npi,
            TaxId = Get("practice.taxId") ?? practice.TaxId,
        };

        var contact = inputs.Contact;
        if (Get("contact.name") is { } contactName)
        {
            contact = new ContactInfo { Name = contactName, Title = Get("contact.title") ?? contact?.Title, Phone = Get("contact.phone") ?? contact?.Phone, Email = Get("contact.email") ?? contact?.Email };
        }
        else if (contact is not null)
        {
            contact = contact with { Phone = Get("contact.phone") ?? contact.Phone, Title = Get("contact.title") ?? contact.Title };
        }

        var procedureCodes = claim.Lines.Count > 0
            ? claim.Lines.Select(l => l.Billed.Display).Distinct(StringComparer.Ordinal).ToList()
            : [];
        var dateOfBirth = Date(Get("patient.dateOfBirth")) ?? documents.Select(d => d.Patient.DateOfBirth).FirstOrDefault(d => d is not null);

        return new LetterContext
        {
            LetterDate = inputs.LetterDate,
            RequestType = Get("letter.requestType") ?? (inputs.IsMedicare && denial.Level == AppealLevel.FirstLevel ? "redetermination" : null),
            Practice = practice,
            Provider = provider,
            Signer = inputs.Signer,
            Contact = contact,
            PayerContact = payerContact,
            Patient = new PatientInfo
            {
                Name = Get("patient.name") ?? claim.PatientDisplayName,
                DateOfBirth = dateOfBirth,
                MemberId = Get("patient.memberId") ?? claim.MemberId,
                AccountNumber = Get("patient.accountNumber") ?? claim.PatientControlNumber,
            },
            Payer = new PayerInfo
            {
                Name = Get("payer.name") ?? Names.Title(claim.PayerName),
                AddressLines = payerContact?.AddressLines ?? [],
                PolicyReference = Get("payer.policyReference") ?? (string.IsNullOrWhiteSpace(inputs.PolicyReference) ? null : inputs.PolicyReference.Trim()),
                PayerId = claim.PayerId,
                IsMedicare = inputs.IsMedicare,
            },
            Claim = new ClaimInfo
            {
                PayerClaimNumber = claim.PayerClaimNumber,
                PatientControlNumber = claim.PatientControlNumber,
                ServiceDate = denial.ServiceDate ?? line?.ServiceDate ?? claim.StatementFrom,
                ServiceDateTo = denial.ServiceDate is null && line is null ? claim.StatementTo : null,
                ProcedureCodes = procedureCodes,
                Lines = claim.Lines,
                DeniedLine = line,
                BundledInto = line is null ? null : BundledInto(claim, line, denial),
                DiagnosisCodes = Get("claim.diagnosisCodes") is { } dx ? dx.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : diagnoses,
                DiagnosisSource = Get("claim.diagnosisCodes") is null ? diagnosisSource : null,
                ChargeAmount = line?.Charge ?? claim.Charge,
                DeniedAmount = denial.Amount,
                RequestedAmount = denial.Amount,
                OriginalSubmissionDate = Date(Get("claim.originalSubmissionDate")),
                SubmissionReference = Get("claim.submissionReference"),
            },
            Denial = new DenialInfo
            {
                GroupCode = denial.GroupCode,
                ReasonCode = denial.ReasonCode,
                ReasonText = CodeDictionary.Default.CarcMeaning(denial.ReasonCode),
                RemarkCodes = denial.RemarkCodes,
                RemittanceDate = denial.RemittanceDate,
                Scenario = denial.Scenario,
                RootCause = denial.RootCause,
                LevelName = level,
                ReceivedDate = received,
                ReceiptPresumed = presumed,
                PresumptionDays = rule?.ReceiptPresumptionDays ?? 0,
                Deadline = denial.Deadline,
            },
            Details = inputs.Details.Concat(inputs.Overrides.Where(kv => kv.Key.StartsWith("details.", StringComparison.Ordinal))
                    .Select(kv => new KeyValuePair<string, string>(kv.Key["details.".Length..], kv.Value)))
                .GroupBy(kv => kv.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal),
            Viability = viability,
            Measures = measures,
        };
    }

    /// <summary>
    /// The rendering provider: the directory entry when there is one, else the remittance's NM1*82 name with the
    /// credentials of the note it authored ("Dana Reyes, MD"), as clinicians sign their notes.
    /// </summary>
    public static ProviderInfo? Provider(LetterInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        string? Get(string path) => inputs.Overrides.TryGetValue(path, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        var provider = inputs.Provider;
        if (provider is null)
        {
            var name = Names.PersonFromRemittance(inputs.Claim.RenderingProviderName);
            string? credentials = null;
            if (name is not null && AuthorCredentials(inputs.Documents, name) is { } fromNote)
            {
                (name, credentials) = fromNote;
            }

            if (name is not null || inputs.Claim.RenderingProviderNpi is not null)
            {
                provider = new ProviderInfo { Name = name ?? "", Credentials = credentials, Npi = inputs.Claim.RenderingProviderNpi };
            }
        }

        if (Get("provider.name") is null && Get("provider.credentials") is null && Get("provider.npi") is null && Get("provider.specialty") is null)
        {
            return provider;
        }

        return new ProviderInfo
        {
            Name = Get("provider.name") ?? provider?.Name ?? "",
            Credentials = Get("provider.credentials") ?? provider?.Credentials,
            Npi = Get("provider.npi") ?? provider?.Npi,
            Specialty = Get("provider.specialty") ?? provider?.Specialty,
        };
    }

    /// <summary>"Dana Reyes, MD" → ("Dana Reyes", "MD"); a name without a comma has no credentials.</summary>
    public static (string Name, string? Credentials) SplitCredentials(string displayName)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        var comma = displayName.IndexOf(',', StringComparison.Ordinal);
        return comma > 0 && comma < displayName.Length - 1
            ? (displayName[..comma].Trim(), displayName[(comma + 1)..].Trim())
            : (displayName.Trim(), null);
    }

    /// <summary>The name and credentials of a note author who is <paramref name="name"/>, as the note writes them.</summary>
    private static (string Name, string? Credentials)? AuthorCredentials(IReadOnlyList<ChartDocument> documents, string name)
    {
        var wanted = PersonName.Parse(name);
        if (wanted is null)
        {
            return null;
        }

        foreach (var author in documents.Select(d => d.Author).Where(a => !string.IsNullOrWhiteSpace(a)))
        {
            var (authorName, credentials) = SplitCredentials(author!);
            if (credentials is not null && PersonName.Parse(authorName) is { } parsed && parsed.SameAs(wanted))
            {
                return (authorName, credentials);
            }
        }

        return null;
    }

    /// <summary>
    /// The line a bundled service was processed as included in: the NCCI column-1 code billed on the same claim and
    /// date when the edit table knows the pair, else the line paid on the same date (the largest payment).
    /// </summary>
    public static BilledClaimLine? BundledInto(ClaimRecord claim, BilledClaimLine denied, DenialRecord denial)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(denied);
        ArgumentNullException.ThrowIfNull(denial);
        var bundling = denial.Scenario is "modifier-59" or "modifier-25" || (denial.ReasonCode is { } r && BundlingCarcs.Contains(r));
        if (!bundling)
        {
            return null;
        }

        var sameDate = claim.Lines.Where(l => l.Number != denied.Number && (l.ServiceDate is null || denied.ServiceDate is null || l.ServiceDate == denied.ServiceDate)).ToList();
        if (NcciPairTable.Default.FindColumnTwoPair(denied.Billed.Code, sameDate.Select(l => l.Billed.Code)) is { } pair)
        {
            return sameDate.First(l => string.Equals(l.Billed.Code, pair.Column1, StringComparison.OrdinalIgnoreCase));
        }

        return sameDate.Where(l => l.Paid > 0).OrderByDescending(l => l.Paid).ThenBy(l => l.Number).FirstOrDefault();
    }

    /// <summary>Diagnoses from the claim file when it has them, else the ICD-10-CM codes the linked notes state.</summary>
    public static (IReadOnlyList<string> Codes, string? Source) Diagnoses(ClaimRecord claim, IReadOnlyList<ChartDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(documents);
        if (claim.DiagnosisCodes.Count > 0)
        {
            return (claim.DiagnosisCodes, "the claim");
        }

        foreach (var document in documents)
        {
            var codes = IcdCode().Matches(document.Text).Select(m => m.Value).Distinct(StringComparer.Ordinal).ToList();
            if (codes.Count > 0)
            {
                return (codes, document.Title);
            }
        }

        return ([], null);
    }

    private static (DateOnly? Date, bool Presumed) Receipt(DenialRecord denial)
    {
        if (denial.ReceivedOn is { } received)
        {
            return (received, false);
        }

        if (denial.RemittanceDate is { } notice && denial.PayerRule is { ReceiptPresumptionDays: > 0 } rule && denial.Level != AppealLevel.Reopening)
        {
            return (notice.AddDays(rule.ReceiptPresumptionDays), true);
        }

        return (null, false);
    }

    private static string GenericLevelName(AppealLevel level) => level switch
    {
        AppealLevel.Reopening => "reopening",
        AppealLevel.FirstLevel => "first-level appeal",
        AppealLevel.SecondLevel => "second-level appeal",
        AppealLevel.ExternalReview => "external review",
        AppealLevel.CouncilReview => "Appeals Council review",
        AppealLevel.JudicialReview => "judicial review",
    };

    private static DateOnly? Date(string? value) =>
        value is not null && DateOnly.TryParseExact(value, ["yyyy-MM-dd", "MM/dd/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static List<string> SplitLines(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Split(['\n', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    // ICD-10-CM: a letter (U is reserved), two characters, a dot and one to four more.
    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-TV-Z][0-9][0-9AB]\.[0-9A-TV-Z]{1,4}(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex IcdCode();
}
