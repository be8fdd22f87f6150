using AppealStudio.Core.Charts;
using AppealStudio.Core.Letters;
using AppealStudio.Core.Tests.Charts;

namespace AppealStudio.Core.Tests.Letters;

/// <summary>The repository's templates/ folder and a filled-in modifier 59 case built on the ortho fixture.</summary>
internal static class LetterSamples
{
    private static readonly Lazy<TemplateLibrary> LibraryValue = new(() => TemplateLibrary.LoadDirectory(TemplatesDirectory));

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

    public static LetterContext OrthoContext(IReadOnlyDictionary<string, IReadOnlyList<CitedExcerpt>>? evidence = null, string? policy = "Acme Health reimbursement policy RP-112, \"NCCI edits and modifiers\" (rev. 03/2026)") => new()
    {
        LetterDate = new DateOnly(2026, 9, 20),
        Practice = new PracticeInfo
        {
            Name = "Riverside Orthopaedic Associates",
            AddressLines = ["410 Mill Street, Suite 200", "Springfield, IL 62704"],
            Phone = "(217) 555-0142",
            Fax = "(217) 555-0143",
            Npi = "1548293017",
            TaxId = "37-1849203",
        },
        Provider = new ProviderInfo { Name = "Elena Marquez", Credentials = "MD", Npi = "1902847361", Specialty = "Orthopaedic surgery" },
        Patient = new PatientInfo { Name = "Gordon R. Whitfield", DateOfBirth = new DateOnly(1961, 5, 22), MemberId = "QHP447120983" },
        Payer = new PayerInfo
        {
            Name = "Acme Health Plan",
            AddressLines = ["Attn: Provider Appeals", "PO Box 30512", "Salt Lake City, UT 84130"],
            PolicyReference = policy,
        },
        Claim = new ClaimInfo
        {
            PayerClaimNumber = "AH2608140093",
            PatientControlNumber = "ROA-55821",
            ServiceDate = new DateOnly(2026, 8, 14),
            ProcedureCodes = ["29881-RT", "29877-59-LT"],
            ChargeAmount = 6840m,
            DeniedAmount = 1412.5m,
        },
        Denial = new DenialInfo { GroupCode = "CO", ReasonCode = "97", RemarkCodes = ["M15"], RemittanceDate = new DateOnly(2026, 9, 2), Scenario = "modifier-59", RootCause = "coding" },
        Enclosures = ["MRI reports of both knees"],
        Evidence = evidence ?? EvidenceSelection.Assign(Library.Get("ortho-modifier-59"), [OrthoNote]),
    };
}
