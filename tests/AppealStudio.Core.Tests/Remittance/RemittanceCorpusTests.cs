using System.Globalization;
using System.Text.Json;
using AppealStudio.Core.Remittance;
using AppealStudio.Core.X12;
using AppealStudio.Tests.Shared;

namespace AppealStudio.Core.Tests.Remittance;

public class RemittanceCorpusTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        if (SharedFolder.Path is not null)
        {
            foreach (var file in SharedFolder.CorpusFiles())
            {
                data.Add(Path.GetFileName(file));
            }
        }

        return data;
    }

    public static TheoryData<string> ConverterOutputs()
    {
        var data = new TheoryData<string>();
        if (SharedFolder.Path is not null)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(SharedFolder.CorpusDirectory, "expected"), "*.json").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileNameWithoutExtension(file));
            }
        }

        return data;
    }

    internal static RemittanceFile Load(string name) => RemittanceFile.Load(Path.Combine(SharedFolder.CorpusDirectory, name));

    // counts.txt counts CLP and SVC segments, and CAS *triplets* (reason codes written) at claim vs line level: the
    // exhaustive sample's single claim CAS with six triplets counts 6, and negotiated_discount's two claim CAS segments
    // (one with two triplets) count 3. Junk triplets such as "CAS*grp_code*reason_code*amount" are counted too.
    [SharedTheory]
    [MemberData(nameof(Files))]
    public void Load_EveryCorpusFile_MatchesIndependentCounts(string name)
    {
        var expected = File.ReadAllLines(Path.Combine(SharedFolder.CorpusDirectory, "expected", "counts.txt"))
            .Select(l => l.Split(' '))
            .Single(parts => parts[0] == name)
            .Skip(1)
            .Select(p => p.Split('='))
            .ToDictionary(p => p[0], p => long.Parse(p[1], CultureInfo.InvariantCulture));

        var file = Load(name);

        Assert.Equal(expected["CLP"], file.Counts.Claims);
        Assert.Equal(expected["SVC"], file.Counts.ServiceLines);
        Assert.Equal(expected["casAdjClaim"], file.Counts.ClaimAdjustments);
        Assert.Equal(expected["casAdjLine"], file.Counts.LineAdjustments);
        Assert.Equal(expected["CLP"], file.Claims.Count);
        Assert.Equal(expected["SVC"], file.Claims.Sum(c => c.ServiceLines.Count));
    }

    [SharedTheory]
    [MemberData(nameof(Files))]
    public void Load_CorpusFiles_KeepEveryValidAdjustmentTriplet(string name)
    {
        var file = Load(name);
        var kept = file.Claims.Sum(c => c.Adjustments.Count + c.ServiceLines.Sum(l => l.Adjustments.Count));
        var written = file.Counts.ClaimAdjustments + file.Counts.LineAdjustments;
        var rejected = file.Warnings.Count(w => w.Code is RemitWarningCode.InvalidValue or RemitWarningCode.InvalidNumber && w.Message.Contains("adjustment", StringComparison.OrdinalIgnoreCase));

        // Every triplet written is kept unless a warning says why it was dropped.
        if (rejected == 0)
        {
            Assert.Equal(file.Counts.ClaimAdjustments, file.Claims.Sum(c => c.Adjustments.Count));
            Assert.Equal(file.Counts.LineAdjustments, file.Claims.Sum(c => c.ServiceLines.Sum(l => l.Adjustments.Count)));
        }
        else
        {
            Assert.InRange(written - kept, 1, rejected);
        }
    }

    // The converter's JSON (one object per claim, "PAYMENT", and per PLB, "PROVIDER_ADJUSTMENT") is an independent
    // oracle for the fields both sides map. Fields the converter fills with element positions instead of values
    // (paymentFormatCode "5", senderAccountNumber "9") or derives (claim serviceDateFrom) are not compared.
    [SharedTheory]
    [MemberData(nameof(ConverterOutputs))]
    public void Load_ApiExamples_AgreeWithConverterOutput(string name)
    {
        var file = Load(name + ".dat");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedFolder.CorpusDirectory, "expected", name + ".json")));
        var objects = json.RootElement.EnumerateArray().ToList();
        var payments = objects.Where(o => o.GetProperty("objectType").GetString() == "PAYMENT").ToList();
        var plbs = objects.Where(o => o.GetProperty("objectType").GetString() == "PROVIDER_ADJUSTMENT").ToList();

        Assert.Equal(payments.Count, file.Claims.Count);
        for (var i = 0; i < payments.Count; i++)
        {
            CompareClaim(payments[i], file.Claims[i]);
            CompareTransaction(payments[i], file.Claims[i].Payment);
        }

        var fileItems = file.ProviderAdjustments.ToList();
        Assert.Equal(plbs.Count, fileItems.Count);
        for (var i = 0; i < plbs.Count; i++)
        {
            Same(plbs[i], "providerIdentifier", fileItems[i].ProviderId);
            SameDate(plbs[i], "fiscalPeriodDate", fileItems[i].FiscalPeriodDate);
            var adjustments = plbs[i].GetProperty("adjustments").EnumerateArray().ToList();
            Assert.Equal(adjustments.Count, fileItems[i].Items.Count);
            for (var k = 0; k < adjustments.Count; k++)
            {
                Assert.Equal(adjustments[k].GetProperty("reason").GetProperty("code").GetString(), fileItems[i].Items[k].ReasonCode);
                Same(adjustments[k], "referenceIdentification", fileItems[i].Items[k].ReferenceId);
                Assert.Equal(adjustments[k].GetProperty("amount").GetDecimal(), fileItems[i].Items[k].Amount);
            }

            CompareTransaction(plbs[i], fileItems[i].Payment);
        }
    }

    private static void CompareClaim(JsonElement o, ClaimPayment claim)
    {
        Same(o, "patientControlNumber", claim.PatientControlNumber);
        Same(o, "claimStatusCode", claim.StatusCode);
        SameMoney(o, "chargeAmount", claim.ChargeAmount);
        SameMoney(o, "paymentAmount", claim.PaymentAmount);
        SameMoney(o, "patientResponsibilityAmount", claim.PatientResponsibilityAmount);
        Same(o, "claimFilingIndicatorCode", claim.FilingIndicatorCode);
        Same(o, "payerControlNumber", claim.PayerClaimControlNumber);
        Assert.Equal(o.GetProperty("facilityCode").GetProperty("code").GetString(), claim.FacilityTypeCode);
        Assert.Equal(o.GetProperty("frequencyCode").GetProperty("code").GetString(), claim.FrequencyCode);
        SameDate(o, "statementDateFrom", claim.StatementFrom);
        SameDate(o, "statementDateTo", claim.StatementTo);
        SameDate(o, "claimReceivedDate", claim.ReceivedDate);
        SameDate(o, "coverageExpirationDate", claim.CoverageExpirationDate);
        SameMoney(o, "drgWeight", claim.DrgWeight);
        SameMoney(o, "dischargeFraction", claim.DischargeFraction);
        if (o.TryGetProperty("drg", out var drg))
        {
            Assert.Equal(drg.GetProperty("code").GetString(), claim.DrgCode);
        }

        ComparePerson(o.GetProperty("patient").GetProperty("person"), claim.Patient);
        if (o.TryGetProperty("subscriber", out var subscriber))
        {
            ComparePerson(subscriber.GetProperty("person"), claim.Insured);
        }

        if (o.TryGetProperty("otherSubscribers", out var others))
        {
            ComparePerson(others[0].GetProperty("person"), claim.OtherSubscriber);
        }

        Optional(o, "correctedInsured", claim.CorrectedPatient);
        Optional(o, "serviceProvider", claim.RenderingProvider);
        Optional(o, "crossoverCarrier", claim.CrossoverCarrier);
        Optional(o, "correctedPayer", claim.CorrectedPriorityPayer);
        CompareAdjustments(o, claim.Adjustments);
        CompareAmounts(o, claim.Amounts);
        if (o.TryGetProperty("supplementalQuantities", out var quantities))
        {
            Assert.Equal(quantities.EnumerateArray().Select(q => (q.GetProperty("qualifierCode").GetString(), q.GetProperty("quantity").GetDecimal())), claim.Quantities.Select(q => ((string?)q.Qualifier, q.Quantity)));
        }

        if (o.TryGetProperty("otherClaimRelatedIds", out var ids))
        {
            foreach (var id in ids.EnumerateArray())
            {
                Assert.Equal(id.GetProperty("identification").GetString(), claim.Reference(id.GetProperty("qualifierCode").GetString()!));
            }
        }

        if (o.TryGetProperty("claimContacts", out var contacts))
        {
            Assert.Equal(contacts.EnumerateArray().Select(c => c.GetProperty("functionCode").GetString()), claim.Contacts.Select(c => c.FunctionCode));
            Assert.Equal(contacts[0].GetProperty("contactNumbers")[0].GetProperty("number").GetString(), claim.Contacts[0].Numbers[0].Number);
        }

        if (o.TryGetProperty("outpatientAdjudication", out var moa))
        {
            Assert.NotNull(claim.Outpatient);
            SameMoney(moa, "reimbursementRate", claim.Outpatient.ReimbursementRate);
            SameMoney(moa, "hcpcsPayableAmount", claim.Outpatient.HcpcsPayableAmount);
            SameMoney(moa, "esrdPaymentAmount", claim.Outpatient.EsrdPaymentAmount);
            SameMoney(moa, "nonPayableProfessionalComponentAmount", claim.Outpatient.NonpayableProfessionalComponentAmount);
            Assert.Equal(moa.GetProperty("remarks").EnumerateArray().Select(r => r.GetProperty("code").GetString()!), claim.RemarkCodes);
        }

        var lines = o.TryGetProperty("serviceLines", out var l) ? l.EnumerateArray().ToList() : [];
        Assert.Equal(lines.Count, claim.ServiceLines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            CompareLine(lines[i], claim.ServiceLines[i]);
        }

        var payer = o.GetProperty("payer");
        Same(payer, "lastNameOrOrgName", claim.Payment.PayerName);
        Same(payer, "identifier", claim.Payment.PayerId);
        Same(payer.GetProperty("address"), "city", claim.Payment.Payer!.Address!.City);
        Same(payer.GetProperty("address"), "line", claim.Payment.Payer.Address.Lines[0]);
        Same(payer.GetProperty("address"), "zipCode", claim.Payment.Payer.Address.PostalCode);
        Assert.Equal(
            payer.GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("functionCode").GetString()),
            claim.Payment.Payer.Contacts.Select(c => c.FunctionCode));
        Assert.Equal(
            payer.GetProperty("contacts").EnumerateArray().SelectMany(c => c.GetProperty("contactNumbers").EnumerateArray().Select(n => n.GetProperty("number").GetString())),
            claim.Payment.Payer.Contacts.SelectMany(c => c.Numbers.Select(n => n.Number)));
    }

    private static void CompareTransaction(JsonElement o, PaymentHeader payment)
    {
        var t = o.GetProperty("transaction");
        Same(t, "controlNumber", payment.TransactionControlNumber);
        SameDate(t, "productionDate", payment.ProductionDate);
        SameDate(t, "paymentDate", payment.PaymentDate);
        SameMoney(t, "totalPaymentAmount", payment.TotalPaymentAmount);
        Same(t, "creditOrDebitFlagCode", payment.CreditDebitFlag);
        Same(t, "checkOrEftTraceNumber", payment.TraceNumber);
        Same(t, "receiverAccountNumber", payment.ReceiverAccountNumber);
        Same(t, "originatingCompanyId", payment.OriginatingCompanyId);
        // The converter reports BPR11 when present, else TRN04.
        Same(t, "originatingCompanySupplementalCode", payment.OriginatingCompanySupplementalCode ?? payment.TraceOriginatorSupplementalCode);
        Same(t, "receiverIdentifier", payment.References.First(r => r.Qualifier == "EV").Value);

        // The converter cuts TRN03 to its 10-character X12 maximum ("PAYER_ID_1" -> "PAYER_ID").
        Assert.StartsWith(t.GetProperty("payerIdentifier").GetString()!, payment.TraceOriginatorId, StringComparison.Ordinal);
        var handling = t.GetProperty("transactionHandlingType").GetString();
        Assert.Equal(handling switch { "NOTIFICATION_ONLY" => "H", "INFORMATION_ONLY" => "I", "PAYMENT_AND_ADVICE" => "C", _ => handling }, payment.HandlingCode);
        var method = t.GetProperty("paymentMethodType").GetString();
        Assert.Equal(method switch { "NON_PAYMENT" => "NON", "CHECK" => "CHK", "ACH" => "ACH", _ => method }, payment.PaymentMethod);
        if (t.TryGetProperty("remittanceDeliveryMethod", out var rdm))
        {
            Same(rdm, "reportTransmissionCode", payment.RemittanceDeliveryMethod);
            Same(rdm, "name", payment.RemittanceDeliveryName);
            Same(rdm, "communicationNumber", payment.RemittanceDeliveryNumber);
        }

        var payee = o.GetProperty("payee");
        Same(payee, "lastNameOrOrgName", payment.Payee!.Name);
        Same(payee, "identifier", payment.Payee.Id);
        Same(payee, "taxId", payment.PayeeTaxId);
        Same(payee.GetProperty("address"), "stateCode", payment.Payee.Address!.State);
        if (payee.TryGetProperty("additionalIds", out var payeeIds))
        {
            foreach (var id in payeeIds.EnumerateArray())
            {
                Assert.Equal(id.GetProperty("identification").GetString(), payment.Payee.Reference(id.GetProperty("qualifierCode").GetString()!));
            }
        }

        if (o.GetProperty("payer").TryGetProperty("additionalIds", out var payerIds))
        {
            foreach (var id in payerIds.EnumerateArray())
            {
                Assert.Equal(id.GetProperty("identification").GetString(), payment.Payer!.Reference(id.GetProperty("qualifierCode").GetString()!));
            }
        }
    }

    private static void CompareLine(JsonElement o, ServiceLine line)
    {
        SameMoney(o, "chargeAmount", line.ChargeAmount);
        SameMoney(o, "paidAmount", line.PaidAmount);
        SameMoney(o, "unitCount", line.Units);
        SameMoney(o, "originalUnitCount", line.SubmittedUnits);
        SameDate(o, "serviceDateFrom", line.ServiceDate ?? line.ServicePeriodStart);
        SameDate(o, "serviceDateTo", line.ServicePeriodEnd);
        Same(o, "sourceLineId", line.LineControlNumber);
        CompareCode(o, "procedure", line.Procedure, "HC", "AD");
        CompareCode(o, "drug", line.Procedure, "N4");
        CompareCode(o, "originalProcedure", line.SubmittedProcedure, "HC", "AD");
        CompareCode(o, "originalDrug", line.SubmittedProcedure, "N4");
        CompareCode(o, "originalRevenueCode", line.SubmittedProcedure, "NU");
        if (o.TryGetProperty("revenueCode", out var revenue))
        {
            Assert.Equal(revenue.GetProperty("code").GetString(), line.RevenueCode ?? (line.Procedure.Qualifier == "NU" ? line.Procedure.Code : null));
        }

        CompareAdjustments(o, line.Adjustments);
        if (o.TryGetProperty("supplementalAmounts", out var amounts))
        {
            Assert.Equal(amounts.EnumerateArray().Select(a => (a.GetProperty("qualifierCode").GetString(), a.GetProperty("amount").GetDecimal())), line.Amounts.Select(a => ((string?)a.Qualifier, a.Amount)));
        }

        if (o.TryGetProperty("supplementalQuantities", out var quantities))
        {
            Assert.Equal(quantities.EnumerateArray().Select(q => (q.GetProperty("qualifierCode").GetString(), q.GetProperty("quantity").GetDecimal())), line.Quantities.Select(q => ((string?)q.Qualifier, q.Quantity)));
        }

        var remarks = o.TryGetProperty("remarkCodes", out var r) ? r.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
        Assert.Equal(remarks, line.RemarkCodes);
        if (o.TryGetProperty("renderingProviderIds", out var rendering))
        {
            foreach (var id in rendering.EnumerateArray())
            {
                Assert.Equal(id.GetProperty("identification").GetString(), line.Reference(id.GetProperty("qualifierCode").GetString()!));
            }
        }

        if (o.TryGetProperty("healthcarePolicyId", out var policy))
        {
            Assert.Equal(policy.GetString(), line.Reference("0K"));
        }
    }

    private static void CompareCode(JsonElement o, string property, ProcedureCode? code, params string[] qualifiers)
    {
        if (!o.TryGetProperty(property, out var expected))
        {
            return;
        }

        Assert.NotNull(code);
        Assert.Contains(code.Qualifier, qualifiers);
        Assert.Equal(expected.GetProperty("code").GetString(), code.Code);
        var modifiers = expected.TryGetProperty("modifiers", out var m) ? m.EnumerateArray().Select(x => x.GetProperty("code").GetString()!).ToList() : [];
        Assert.Equal(modifiers, code.Modifiers);
    }

    private static void CompareAdjustments(JsonElement o, IReadOnlyList<ClaimAdjustment> actual)
    {
        var expected = o.TryGetProperty("adjustments", out var a) ? a.EnumerateArray().ToList() : [];
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var group = expected[i].GetProperty("group").GetString() switch
            {
                "CONTRACTUAL" => "CO",
                "PATIENT_RESPONSIBILITY" => "PR",
                "OTHER" => "OA",
                "PAYOR_INITIATED" => "PI",
                var other => other,
            };
            Assert.Equal(group, actual[i].GroupCode);
            Assert.Equal(expected[i].GetProperty("reasonCode").GetString(), actual[i].ReasonCode);
            Assert.Equal(expected[i].GetProperty("amount").GetDecimal(), actual[i].Amount);
            SameMoney(expected[i], "quantity", actual[i].Quantity);
        }
    }

    private static void CompareAmounts(JsonElement o, IReadOnlyList<AmountValue> actual)
    {
        if (o.TryGetProperty("supplementalAmounts", out var amounts))
        {
            Assert.Equal(amounts.EnumerateArray().Select(a => (a.GetProperty("qualifierCode").GetString(), a.GetProperty("amount").GetDecimal())), actual.Select(a => ((string?)a.Qualifier, a.Amount)));
        }
    }

    private static void Optional(JsonElement o, string property, PersonName? actual)
    {
        if (o.TryGetProperty(property, out var person))
        {
            ComparePerson(person, actual);
        }
    }

    private static void ComparePerson(JsonElement o, PersonName? actual)
    {
        Assert.NotNull(actual);
        Same(o, "lastNameOrOrgName", actual.LastOrOrganizationName);
        Same(o, "firstName", actual.FirstName);
        Same(o, "middleName", actual.MiddleName);
        Same(o, "identifier", actual.Id);
    }

    private static void Same(JsonElement o, string property, string? actual)
    {
        if (o.TryGetProperty(property, out var value))
        {
            Assert.Equal(value.GetString(), actual);
        }
    }

    private static void SameMoney(JsonElement o, string property, decimal? actual)
    {
        if (o.TryGetProperty(property, out var value))
        {
            Assert.Equal(value.GetDecimal(), actual);
        }
    }

    private static void SameDate(JsonElement o, string property, DateOnly? actual)
    {
        if (o.TryGetProperty(property, out var value))
        {
            Assert.Equal(DateOnly.ParseExact(value.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture), actual);
        }
    }
}
