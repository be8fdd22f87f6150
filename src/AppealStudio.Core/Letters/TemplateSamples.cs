namespace AppealStudio.Core.Letters;

/// <summary>Fictional values for previewing a template in Settings: every placeholder and slot gets something to show.</summary>
public static class TemplateSamples
{
    public static LetterContext Context(LetterTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var date = new DateOnly(2026, 8, 14);
        var evidence = new Dictionary<string, IReadOnlyList<CitedExcerpt>>(StringComparer.Ordinal);
        var n = 1;
        foreach (var slot in template.EvidenceSlots)
        {
            var text = $"Sample chart passage showing: {slot.Label}.";
            evidence[slot.Name] = [new CitedExcerpt($"E{n++}", slot.Name, "sample", "Sample progress note", date, "Sample Physician, MD", 0, text.Length, text)];
        }

        var details = template.Placeholders
            .Where(p => p.StartsWith("details.", StringComparison.Ordinal))
            .Select(p => p["details.".Length..])
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(k => k, k => $"(sample {k})", StringComparer.Ordinal);

        return new LetterContext
        {
            LetterDate = new DateOnly(2026, 9, 1),
            Practice = new PracticeInfo
            {
                Name = "Sample Medical Group",
                AddressLines = ["100 Main Street", "Springfield, IL 62701"],
                Phone = "(555) 010-0100",
                Fax = "(555) 010-0101",
                Npi = "1234567893",
                TaxId = "12-3456789",
            },
            Provider = new ProviderInfo { Name = "Sample Physician", Credentials = "MD", Npi = "1234567893", Specialty = template.Specialty },
            Patient = new PatientInfo { Name = "Sample Patient", DateOfBirth = new DateOnly(1960, 1, 1), MemberId = "SAMPLE000001", AccountNumber = "ACCT-0001" },
            Payer = new PayerInfo
            {
                Name = "Sample Health Plan",
                AddressLines = ["Appeals Department", "PO Box 1000", "Springfield, IL 62701"],
                PolicyReference = "Sample Health Plan reimbursement policy RP-000 (sample)",
                PayerId = "SAMPLE",
            },
            Claim = new ClaimInfo
            {
                PayerClaimNumber = "SAMPLE-CLAIM-1",
                PatientControlNumber = "ACCT-0001",
                ServiceDate = date,
                ProcedureCodes = ["29881-RT", "29877-59-LT"],
                Lines = [Line(1, "29881", ["RT"], 587.60m, 587.60m), Line(2, "29877", ["59", "LT"], 612.40m, 0m)],
                DeniedLine = Line(2, "29877", ["59", "LT"], 612.40m, 0m),
                BundledInto = Line(1, "29881", ["RT"], 587.60m, 587.60m),
                DiagnosisCodes = ["M23.221"],
                ChargeAmount = 612.40m,
                DeniedAmount = 612.40m,
                RequestedAmount = 612.40m,
                OriginalSubmissionDate = date.AddDays(3),
                SubmissionReference = "SAMPLE-999-ACK",
            },
            Denial = new DenialInfo
            {
                GroupCode = "CO",
                ReasonCode = "97",
                ReasonText = "The benefit for this service is included in the payment/allowance for another service/procedure that has already been adjudicated.",
                RemarkCodes = ["N19"],
                RemittanceDate = date.AddDays(10),
                Scenario = template.Scenarios.FirstOrDefault(),
                RootCause = template.RootCauses.FirstOrDefault(),
                LevelName = "first-level appeal",
                Deadline = date.AddDays(190),
            },
            Details = details,
            Evidence = evidence,
            Viability = new ViabilityFinding(ViabilityStatus.Supported, "Sample finding.", "The record documents the sample facts the billed code requires"),
            Measures = new Dictionary<string, string>(StringComparer.Ordinal) { ["anesthesiaUnits"] = "Units billed: 14 = 7 base units + 6 time units + 1 modifying unit. Units paid: 13." },
        };
    }

    /// <summary>The sample letter with its merge fields resolved from the sample directories.</summary>
    public static string Preview(LetterTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var context = Context(template);
        var filled = LetterFiller.Fill(template, context);
        var merge = MergeValues.From(new MergeSources
        {
            LetterDate = context.LetterDate,
            Practice = context.Practice,
            PayerName = context.Payer?.Name,
            PayerContact = new PayerContact { AddressLines = context.Payer?.AddressLines ?? [] },
            Provider = context.Provider,
            Contact = new ContactInfo { Name = "Sample Specialist", Title = "Appeals specialist", Phone = "(555) 010-0102" },
            Enclosures = ["Sample progress note, date of service 08/14/2026, Sample Physician, MD", "Remittance advice for claim SAMPLE-CLAIM-1"],
        });
        return MergeFields.Resolve(filled.Markdown, merge);
    }

    private static BilledClaimLine Line(int number, string code, string[] modifiers, decimal charge, decimal paid) =>
        new(number, new BilledProcedure(code, modifiers, 1), new BilledProcedure(code, modifiers, 1), charge, paid, new DateOnly(2026, 8, 14), [], []);
}
