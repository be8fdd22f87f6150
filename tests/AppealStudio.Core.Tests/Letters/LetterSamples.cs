using AppealStudio.Core.Charts;
using AppealStudio.Core.Denials;
using AppealStudio.Core.Letters;
using AppealStudio.Core.Tests.Charts;

namespace AppealStudio.Core.Tests.Letters;

/// <summary>The repository's templates/ folder and a filled-in modifier 59 case built on the ortho fixture.</summary>
internal static class LetterSamples
{
    private static readonly Lazy<TemplateLibrary> LibraryValue = new(() => TemplateLibrary.LoadDirectory(TemplatesDirectory));

    public static readonly DateOnly OrthoDos = new(2026, 8, 14);

    public static string TemplatesDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AppealStudio.sln")))
                {
                    return Path.Combine(dir.FullName, "templates");
                }
            }

            throw new InvalidOperationException("The repository root (AppealStudio.sln) was not found above the test binaries.");
        }
    }

    public static TemplateLibrary Library => LibraryValue.Value;

    public static ChartDocument OrthoNote => ChartFixtures.ReadOne("ortho-operative-report.md");

    /// <summary>A commercial payer rule: 180 days, no receipt presumption.</summary>
    public static PayerRule Commercial { get; } = new("Acme Health Plan", "ACME1", PayerType.Commercial, null, 180, 60, null, 90, 0, false, "test");

    public static BilledClaimLine Line(int number, string code, string[] modifiers, decimal charge, decimal paid, decimal units = 1,
        string? billedCode = null, string[]? billedModifiers = null, decimal? billedUnits = null, params LineAdjustment[] adjustments) =>
        new(number,
            new BilledProcedure(billedCode ?? code, billedModifiers ?? modifiers, billedUnits ?? units),
            new BilledProcedure(code, modifiers, units),
            charge, paid, OrthoDos, adjustments, []);

    /// <summary>A claim of two lines: 29881-RT paid, 29877-59-LT denied CO-97 as bundled into it.</summary>
    public static ClaimRecord OrthoClaim(DateOnly? dos = null, string memberId = "QHP447120983") => new()
    {
        PatientControlNumber = "ROA-55821",
        PayerClaimNumber = "AH2608140093",
        PayerName = "ACME HEALTH PLAN",
        PayerId = "ACME1",
        RemittancePayerAddress = ["PO Box 1", "Remit City, UT 84101"],
        PatientFamilyName = "WHITFIELD",
        PatientGivenName = "GORDON",
        MemberId = memberId,
        RenderingProviderName = "MARQUEZ, ELENA",
        RenderingProviderNpi = "1902847361",
        StatementFrom = dos ?? OrthoDos,
        Charge = 6840m,
        Paid = 3310m,
        RemittanceDate = new DateOnly(2026, 9, 2),
        Lines =
        [
            Line(1, "29881", ["RT"], 5427.50m, 3310m, adjustments: new LineAdjustment("CO", "45", 2117.50m)) with { ServiceDate = dos ?? OrthoDos },
            Line(2, "29877", ["59", "LT"], 1412.50m, 0m, adjustments: new LineAdjustment("CO", "97", 1412.50m)) with { ServiceDate = dos ?? OrthoDos },
        ],
    };

    public static DenialRecord OrthoDenial(int line = 2, string scenario = "modifier-59") => new()
    {
        GroupCode = "CO",
        ReasonCode = "97",
        RemarkCodes = ["M15"],
        Amount = 1412.50m,
        LineNumber = line,
        Scenario = scenario,
        RootCause = "coding",
        ServiceDate = OrthoDos,
        RemittanceDate = new DateOnly(2026, 9, 2),
        Level = AppealLevel.FirstLevel,
        Deadline = new DateOnly(2027, 3, 1),
        PayerRule = Commercial,
    };

    public static PracticeInfo Practice { get; } = new()
    {
        Name = "Riverside Orthopaedic Associates",
        AddressLines = ["410 Mill Street, Suite 200", "Springfield, IL 62704"],
        Phone = "(217) 555-0142",
        Fax = "(217) 555-0143",
        Npi = "1548293017",
        TaxId = "37-1849203",
    };

    public static LetterInputs OrthoInputs(
        IReadOnlyDictionary<string, IReadOnlyList<CitedExcerpt>>? evidence = null,
        string? policy = "Acme Health reimbursement policy RP-112, \"NCCI edits and modifiers\" (rev. 03/2026)",
        LetterTemplate? template = null) => new()
    {
        Template = template ?? Library.Get("ortho-modifier-59"),
        Claim = OrthoClaim(),
        Denial = OrthoDenial(),
        Documents = [OrthoNote],
        LetterDate = new DateOnly(2026, 9, 20),
        Practice = Practice,
        PayerContact = new PayerContact { AddressLines = ["Attn: Provider Appeals", "PO Box 30512", "Salt Lake City, UT 84130"], Fax = "(801) 555-0100" },
        Provider = new ProviderInfo { Name = "Elena Marquez", Credentials = "MD", Npi = "1902847361", Specialty = "Orthopaedic surgery" },
        Contact = new ContactInfo { Name = "Sam Specialist", Title = "Appeals specialist", Phone = "(217) 555-0150" },
        PolicyReference = policy,
        Evidence = evidence,
    };

    /// <summary>The ortho letter, built as the web app and the CLI build it.</summary>
    public static LetterDraft OrthoDraft(IReadOnlyDictionary<string, IReadOnlyList<CitedExcerpt>>? evidence = null, string? policy = "Acme Health reimbursement policy RP-112, \"NCCI edits and modifiers\" (rev. 03/2026)") =>
        LetterBuilder.Build(OrthoInputs(evidence, policy));

    /// <summary>The context of the ortho letter, with the best evidence unless given.</summary>
    public static LetterContext OrthoContext(IReadOnlyDictionary<string, IReadOnlyList<CitedExcerpt>>? evidence = null, string? policy = "Acme Health reimbursement policy RP-112, \"NCCI edits and modifiers\" (rev. 03/2026)")
    {
        var inputs = OrthoInputs(evidence, policy);
        var context = LetterBuilder.Context(inputs, out _);
        return context with { Evidence = evidence ?? EvidenceSelection.Assign(inputs.Template, [OrthoNote], "modifier-59") };
    }

    /// <summary>The merge values of the ortho inputs, for resolving a filled letter in tests that fill the template directly.</summary>
    public static string Resolve(string markdown, IReadOnlyList<CitedExcerpt> cited)
    {
        var inputs = OrthoInputs();
        var merge = MergeValues.From(new MergeSources
        {
            LetterDate = inputs.LetterDate,
            Practice = inputs.Practice,
            PayerName = "Acme Health Plan",
            PayerContact = inputs.PayerContact,
            Provider = inputs.Provider,
            Contact = inputs.Contact,
            Enclosures = LetterBuilder.Enclosures(cited, inputs.Claim, []),
        });
        return MergeFields.Resolve(markdown, merge);
    }
}
