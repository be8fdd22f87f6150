using System.Globalization;
using System.Net;
using System.Text;
using AppealStudio.Core.Letters;
using AppealStudio.Data;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Charts;
using AppealStudio.Data.Remittances;
using AppealStudio.Web.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;
using static AppealStudio.Web.Tests.Appeals.AppealTestData;

namespace AppealStudio.Web.Tests.Appeals;

/// <summary>
/// Draft, sign and export end to end, then read the PDF back with PdfPig and the DOCX with OpenXml: what a payer
/// receives holds the billed code, the code it was bundled into, the amounts, the signer with credentials, the
/// deadline as a date, and the enclosures in the order the letter cites them; and no placeholder, offset or internal
/// name.
/// </summary>
public class PacketEndToEndTests
{
    private static readonly DateOnly Dos = new(2026, 8, 14);

    /// <summary>Two lines: 29881-RT paid, 29880-XS-LT denied CO-97 as included in it.</summary>
    private static string BundlingRemit(string pcn, string memberId, string lastName) => Remit(pcn, memberId, lastName,
        "CLP*{pcn}*1*3462.40*2850.00**12*PCN-{pcn}*11*1",
        "SVC*HC:29881:RT*2850.00*2850.00**1", "DTM*472*20260814", "AMT*B6*2850.00",
        "SVC*HC:29880:XS:LT*612.40*0.00**1", "DTM*472*20260814", "CAS*CO*97*612.40", "LQ*HE*N19");

    /// <summary>One line billed 90837 (SVC06), paid as 90834, reduced CO-150.</summary>
    private static string DowncodeRemit(string pcn, string memberId, string lastName) => Remit(pcn, memberId, lastName,
        "CLP*{pcn}*1*240.00*118.00**12*PCN-{pcn}*11*1",
        "SVC*HC:90834*240.00*118.00**1*HC:90837", "DTM*472*20260814", "CAS*CO*45*75.00**150*47.00", "AMT*B6*118.00");

    private static string Remit(string pcn, string memberId, string lastName, string clp, params string[] lines)
    {
        var segments = new List<string>
        {
            "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260820*1200*^*00501*000000001*0*P*:",
            "GS*HP*SENDER*RECEIVER*20260820*1200*1*X*005010X221A1",
            "ST*835*0001",
            "BPR*I*0.00*C*ACH*CCP*01*999999999*DA*123456*1234567890**01*999999999*DA*654321*20260820",
            $"TRN*1*TR-{pcn}*1234567890",
            "DTM*405*20260819",
            "N1*PR*EXAMPLE HEALTH PLAN",
            "N3*1 PAYER WAY",
            "N4*SPRINGFIELD*IL*62701",
            "REF*2U*EXH01",
            "N1*PE*DEMO ORTHOPEDICS*XX*1234567893",
            "LX*1",
            clp.Replace("{pcn}", pcn, StringComparison.Ordinal),
            $"NM1*QC*1*{lastName}*GORDON****MI*{memberId}",
            "NM1*82*1*REYES*DANA****XX*1234567893",
            "DTM*232*20260814",
        };
        segments.AddRange(lines);
        segments.Add($"SE*{segments.Count - 1}*0001");
        segments.Add("GE*1*1");
        segments.Add("IEA*1*000000001");
        return string.Join("~\n", segments) + "~\n";
    }

    private const string PsychotherapyNote =
        "PSYCHOTHERAPY PROGRESS NOTE\n" +
        "Client: Gordon Tester\n" +
        "Diagnoses: F41.0 Panic disorder; F33.1 Major depressive disorder, recurrent, moderate\n\n" +
        "Session start: 2:02 PM\nSession end: 3:01 PM\nTotal psychotherapy time: 59 minutes face-to-face with the client.\n\n" +
        "Risk assessment: Columbia (C-SSRS) screen positive for passive ideation; no intent, no plan. The safety plan was updated and signed.\n\n" +
        "Session length: the session was extended to the full hour because the suicide risk assessment and safety planning could not be completed safely in 45 minutes.\n";

    public static IEnumerable<object[]> Cases()
    {
        foreach (var db in TestDatabases.All())
        {
            yield return [db[0], "bundling"];
            yield return [db[0], "downcode"];
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task DraftSignExport_PdfAndDocx_HoldTheFactsTheSignerAndTheEnclosuresInCitationOrder_AndNothingInternal(TestDatabase db, string kind)
    {
        var factory = AppFactory.For(db);
        await EnsurePracticeAsync(factory);
        await EnsureCompletePracticeAsync(factory);
        var key = Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var pcn = "PK" + key;
        var lastName = "PACKETT" + new string(key.Where(char.IsLetter).Take(4).ToArray());
        var remit = kind == "bundling" ? BundlingRemit(pcn, "M" + key, lastName) : DowncodeRemit(pcn, "M" + key, lastName);
        await using (var scope = await ActingAs.ScopeAsync(factory, "specialist@demo.local"))
        {
            await scope.ServiceProvider.GetRequiredService<RemittanceImporter>().ImportAsync(pcn + ".835", new MemoryStream(Encoding.ASCII.GetBytes(remit)));
        }

        var denialId = await factory.WithDbAsync(d => d.Denials.Where(x => x.Claim.PatientControlNumber == pcn && x.Amount > 0 && x.ReasonCode != "45")
            .OrderByDescending(x => x.Amount).Select(x => x.Id).FirstAsync());
        var (text, title) = kind == "bundling"
            ? (OperativeReport, "Operative report")
            : (PsychotherapyNote, "Psychotherapy progress note");
        await AddChartAsync(factory, denialId, text, title);
        if (kind == "bundling")
        {
            // A second note of the visit that shows the separate approach on its own, so the packet holds two chart
            // enclosures, in citation order.
            await AddChartAsync(factory, denialId,
                "Brief operative note\n\nLeft knee: separately prepped and draped, then entered through separate anterolateral and anteromedial portals.\n",
                "Brief operative note");
        }

        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        var templateId = kind == "bundling" ? "ortho-modifier-59" : "mental-health-session-length";
        var appealId = await StartLetterAsync(client, factory, denialId, templateId, policyReference: "Example Health Plan reimbursement policy RP-112");

        // Sign-off goes to the physician the provider directory links to the rendering provider; the physician signs.
        await using (var scope = await ActingAs.ScopeAsync(factory, "specialist@demo.local"))
        {
            var states = scope.ServiceProvider.GetRequiredService<LetterStates>();
            var appeal = await AppealAsync(factory, appealId);
            var state = await states.StateAsync(appeal);
            Assert.True(state.CanExport || state.Blocking.All(i => i.Kind == LetterIssueKind.UncitedClinicalSentence), string.Join(" | ", state.Blocking.Select(i => i.Message)));
            var requested = await scope.ServiceProvider.GetRequiredService<RequestSignOff>().RequestSignOffAsync(appealId, null, appeal.Version);
            Assert.True(requested.Succeeded, requested.Message);
        }

        var physicianId = await factory.WithDbAsync(d => d.Users.Where(u => u.Email == "physician@demo.local").Select(u => u.Id).SingleAsync());
        await using (var scope = await ActingAs.ScopeAsync(factory, "physician@demo.local"))
        {
            var appeal = await AppealAsync(factory, appealId);
            Assert.Equal(physicianId, appeal.SignOffRequestedToUserId);
            var signed = await scope.ServiceProvider.GetRequiredService<SignOffService>().SignAsync(
                new SignatureInput(appealId, appeal.Version, null, true, "Dana Reyes, MD", BrowserlessClient.DemoPassword));
            Assert.True(signed.Succeeded, signed.Message);
        }

        var signedAppeal = await AppealAsync(factory, appealId);
        var pdfResponse = await client.Http.GetAsync($"/appeals/{appealId}/packet.pdf");
        var docxResponse = await client.Http.GetAsync($"/appeals/{appealId}/letter.docx");
        Assert.Equal(HttpStatusCode.OK, pdfResponse.StatusCode);
        Assert.Equal("application/pdf", pdfResponse.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, docxResponse.StatusCode);

        // The PDF, read back.
        var pdfBytes = await pdfResponse.Content.ReadAsByteArrayAsync();
        using var pdf = PdfDocument.Open(pdfBytes);
        var pages = pdf.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))).ToList();
        var all = string.Join('\n', pages);
        Assert.Contains("Appeal packet", pages[0], StringComparison.Ordinal);
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Page {i + 1} of {pages.Count}"), pages[i], StringComparison.Ordinal);
        }

        // The DOCX, read back.
        using var docx = WordprocessingDocument.Open(new MemoryStream(await docxResponse.Content.ReadAsByteArrayAsync()), false);
        var docxText = string.Join('\n', docx.MainDocumentPart!.Document.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText));

        var denial = await factory.WithDbAsync(d => d.Denials.AsNoTracking().SingleAsync(x => x.Id == denialId));
        var deadline = denial.AppealDeadline!.Value.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture);
        foreach (var (what, content) in new[] { ("PDF", all), ("DOCX", docxText) })
        {
            Assert.DoesNotContain("MISSING", content, StringComparison.Ordinal);
            Assert.DoesNotContain("{{", content, StringComparison.Ordinal);
            Assert.DoesNotContain("chars ", content, StringComparison.Ordinal);
            Assert.DoesNotContain(templateId, content, StringComparison.Ordinal);
            Assert.DoesNotContain(denial.Scenario!, content, StringComparison.Ordinal);
            Assert.DoesNotContain("root cause", content, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(denial.RuleId, content, StringComparison.Ordinal);
            Assert.True(content.Contains("Dana Reyes, MD", StringComparison.Ordinal), what + " names the signer with credentials");
            Assert.True(content.Contains("must reach you by " + deadline, StringComparison.Ordinal), what + " states the deadline as a date");
            Assert.True(content.Contains(signedAppeal.SignatureSha256!, StringComparison.Ordinal), what + " prints the full SHA-256");
            if (kind == "bundling")
            {
                Assert.Contains("29880-XS-LT", content, StringComparison.Ordinal);
                Assert.True(content.Contains("processed as included in 29881-RT (line 1", StringComparison.Ordinal), what + " names the code it was bundled into");
                Assert.Contains("billed $612.40, paid $0.00, requested $612.40", content, StringComparison.Ordinal);
                Assert.Contains("modifier XS", content, StringComparison.Ordinal);
            }
            else
            {
                Assert.True(content.Contains("billed 90837, paid as 90834", StringComparison.Ordinal), what + " shows the billed code");
                Assert.Contains("59 minutes of face-to-face psychotherapy", content, StringComparison.Ordinal);
                Assert.Contains("90837 requires 53 minutes or more", content, StringComparison.Ordinal);
                Assert.Contains("billed $240.00, paid $118.00, requested $47.00", content, StringComparison.Ordinal);
            }
        }

        // The enclosures are in the packet, in the order the letter cites them, after the letter.
        var letterText = signedAppeal.SignedMarkdown!;
        var enclosureLines = letterText.Split('\n').Where(l => l.StartsWith("- Enclosure ", StringComparison.Ordinal)).ToList();
        Assert.True(enclosureLines.Count >= (kind == "bundling" ? 3 : 2), string.Join("\n", enclosureLines));
        var firstPages = enclosureLines.Select(line =>
        {
            var label = line[2..].Replace("\\", "", StringComparison.Ordinal);
            var index = pages.FindIndex(p => p.Contains(label[..Math.Min(label.Length, 60)], StringComparison.Ordinal) && !p.Contains("Appeal packet", StringComparison.Ordinal));
            return (label, index);
        }).ToList();
        Assert.All(firstPages, p => Assert.True(p.index > 0, $"{p.label} is not in the packet"));
        Assert.Equal(firstPages.Select(p => p.index).Order(), firstPages.Select(p => p.index));
        var citedOrder = Citations.Order(letterText).ToList();
        Assert.Equal(citedOrder.OrderBy(Citations.Number), citedOrder);
        Assert.Contains("Remittance advice for claim PCN-" + pcn, enclosureLines[^1], StringComparison.Ordinal);
        Assert.Contains("What the codes mean", all, StringComparison.Ordinal);
        if (kind == "bundling")
        {
            Assert.Contains("Contractual Obligations: Benefit included in payment/allowance for another service already adjudicated", all, StringComparison.Ordinal);
        }

        // The packet lets a reader verify the signature: the signed text is embedded and hashes to the printed value.
        Assert.Contains(PacketPdf.SignedTextFileName, Encoding.Latin1.GetString(pdfBytes), StringComparison.Ordinal);
    }

    /// <summary>The shared practice profile with everything a letter prints (other tests may have renamed it).</summary>
    private static Task EnsureCompletePracticeAsync(AppFactory factory) => factory.WithDbAsync(async d =>
    {
        var profile = await d.PracticeProfiles.OrderBy(p => p.Id).FirstAsync();
        profile.Phone ??= "(217) 555-0142";
        profile.AddressLine1 ??= "410 Mill Street";
        profile.City ??= "Springfield";
        profile.State ??= "IL";
        profile.PostalCode ??= "62704";
        profile.TimeZone ??= "America/Chicago";
        await d.SaveChangesAsync();
        return 0;
    });
}
