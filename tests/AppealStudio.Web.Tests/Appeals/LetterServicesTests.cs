using System.Text;
using AppealStudio.Core.Letters;
using AppealStudio.Data;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Identity;
using AppealStudio.Data.Practice;
using AppealStudio.Data.Remittances;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static AppealStudio.Web.Tests.Appeals.AppealTestData;

namespace AppealStudio.Web.Tests.Appeals;

/// <summary>
/// The Data services the new appeal pages call: batch drafting, the billed-versus-paid facts, the payer and provider
/// directories, merge fields resolved after the draft, the default signer and its warnings, and the signing rules.
/// </summary>
public class LetterServicesTests
{
    public static IEnumerable<object[]> Databases() => TestDatabases.All();

    private static async Task AssignToSpecialistAsync(AppFactory factory, params long[] denialIds)
    {
        var specialist = await factory.WithDbAsync(d => d.Users.Where(u => u.Email == "specialist@demo.local").Select(u => u.Id).SingleAsync());
        await factory.WithDbAsync(d => d.Denials.Where(x => denialIds.Contains(x.Id)).ExecuteUpdateAsync(u => u.SetProperty(x => x.AssigneeUserId, specialist)));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task BatchDrafting_SelectedDenials_DraftsEachWithProgress_AndSaysWhatIsReadyAndWhatNeedsAPerson(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        await EnsurePracticeAsync(factory);
        var withChart = await ImportDenialAsync(factory);
        await AddChartAsync(factory, withChart);
        var withoutChart = await ImportDenialAsync(factory);
        var started = await ImportDenialAsync(factory);
        await AddChartAsync(factory, started);
        await AssignToSpecialistAsync(factory, withChart, withoutChart, started);
        using (var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local"))
        {
            await StartLetterAsync(client, factory, started);
        }

        var reports = new List<BatchProgress>();
        IReadOnlyList<BatchDraftItem> items;
        await using (var scope = await ActingAs.ScopeAsync(factory, "specialist@demo.local"))
        {
            items = await scope.ServiceProvider.GetRequiredService<BatchDrafting>().DraftAsync(
                new BatchDraftRequest([withChart, withoutChart, started, 987654321], "Example Health Plan reimbursement policy RP-059"),
                new SyncProgress<BatchProgress>(reports.Add));
        }

        Assert.Equal([1, 2, 3, 4], reports.Select(r => r.Done));
        Assert.All(reports, r => Assert.Equal(4, r.Total));
        var ready = items.Single(i => i.DenialId == withChart);
        Assert.True(ready.Outcome == BatchDraftOutcome.ReadyForSignOff, string.Join(" | ", ready.NeedsAttention));
        Assert.NotNull(ready.AppealId);
        var appeal = await AppealAsync(factory, ready.AppealId!.Value);
        Assert.Equal(AppealStatus.Draft, appeal.Status);
        Assert.Null(appeal.SignOffRequestedToUserId);
        Assert.Contains("contralateral left knee", appeal.Markdown, StringComparison.Ordinal);

        var notDrafted = items.Single(i => i.DenialId == withoutChart);
        Assert.Equal(BatchDraftOutcome.NotDrafted, notDrafted.Outcome);
        Assert.Contains(notDrafted.NeedsAttention, m => m.StartsWith("The record does not support the code as billed: No separate site", StringComparison.Ordinal));
        Assert.Contains(notDrafted.NeedsAttention, m => m.StartsWith("No chart document is linked", StringComparison.Ordinal));
        Assert.Equal(0, await factory.WithDbAsync(d => d.Appeals.CountAsync(a => a.DenialId == withoutChart)));
        Assert.Equal(BatchDraftOutcome.AlreadyStarted, items.Single(i => i.DenialId == started).Outcome);
        Assert.Equal(BatchDraftOutcome.NotFound, items.Single(i => i.DenialId == 987654321).Outcome);
        Assert.True(await factory.CountAuditAsync("appeal.batch-drafted") >= 1);

        // Drafting anyway claims no support and says it needs a person.
        await using (var scope = await ActingAs.ScopeAsync(factory, "specialist@demo.local"))
        {
            items = await scope.ServiceProvider.GetRequiredService<BatchDrafting>().DraftAsync(new BatchDraftRequest([withoutChart], "Policy RP-059", AllowUnsupported: true));
        }

        var anyway = Assert.Single(items);
        Assert.Equal(BatchDraftOutcome.NeedsAPerson, anyway.Outcome);
        Assert.Contains(anyway.NeedsAttention, m => m.StartsWith("Drafted without claiming support", StringComparison.Ordinal));
        Assert.DoesNotContain("The record documents", (await AppealAsync(factory, anyway.AppealId!.Value)).Markdown, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task BilledFacts_DowncodedLine_ShowBilledAndPaidCodes(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var key = Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var remit = string.Join("~\n",
            "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260820*1200*^*00501*000000001*0*P*:",
            "GS*HP*SENDER*RECEIVER*20260820*1200*1*X*005010X221A1", "ST*835*0001",
            "BPR*I*118.00*C*ACH*CCP*01*999999999*DA*123456*1234567890**01*999999999*DA*654321*20260820",
            $"TRN*1*TR-BF{key}*1234567890", "N1*PR*EXAMPLE HEALTH PLAN", "REF*2U*EXH01", "LX*1",
            $"CLP*BF{key}*1*240.00*118.00**12*PCN-BF{key}*11*1", $"NM1*QC*1*BILLED*FACTS****MI*M{key}", "DTM*232*20260814",
            "SVC*HC:90834*240.00*118.00**1*HC:90837", "DTM*472*20260814", "CAS*CO*45*75.00**150*47.00",
            "SE*13*0001", "GE*1*1", "IEA*1*000000001") + "~\n";
        await using (var scope = await ActingAs.ScopeAsync(factory, "specialist@demo.local"))
        {
            await scope.ServiceProvider.GetRequiredService<RemittanceImporter>().ImportAsync($"BF{key}.835", new MemoryStream(Encoding.ASCII.GetBytes(remit)));
        }

        var denialId = await factory.WithDbAsync(d => d.Denials.Where(x => x.Claim.PatientControlNumber == "BF" + key && x.ReasonCode == "150").Select(x => x.Id).SingleAsync());
        await using (var scope = await ActingAs.ScopeAsync(factory, "specialist@demo.local"))
        {
            var facts = await scope.ServiceProvider.GetRequiredService<DenialBilledFacts>().ForDenialsAsync([denialId]);

            var line = facts[denialId];
            Assert.Equal(("90837", "90834", true), (line.Billed, line.Adjudicated, line.IsRecoded));
            Assert.Equal("billed 90837, paid as 90834", line.Description);
        }
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task PayerDirectory_AddressSavedAfterTheLetterStarted_FillsThatLetter_AndTheNameIsPrintedOnce(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        var appealId = await StartLetterAsync(client, factory, denialId, extra: new Dictionary<string, string> { ["Start.PayerAddress"] = "" });
        var payerId = await factory.WithDbAsync(d => d.PayerSettings.Where(p => p.PayerIdentifier == "EXH01").Select(p => p.Id).SingleAsync());

        // The demo directory row; an Admin changes it after the letter was drafted.
        await using (var scope = await ActingAs.ScopeAsync(factory, "admin@demo.local"))
        {
            var directory = scope.ServiceProvider.GetRequiredService<PayerAppealDirectory>();
            var rows = await directory.ListAsync(payerId);
            var any = rows.Single(r => r.Level == PayerAppealAddress.AnyLevel);
            var stale = await directory.SaveAsync(payerId, new PayerAppealAddressDraft("any", "Example Health Plan", "PO Box 7777", null, "Springfield", "IL", "62701", null, null, null, Stamp: 1));
            Assert.False(stale.Succeeded);
            Assert.Contains("changed by", stale.Errors[0].Message, StringComparison.Ordinal);
            var bad = await directory.SaveAsync(payerId, new PayerAppealAddressDraft("any", null, "PO Box 7777", null, null, null, null, "555", null, "http://insecure", Stamp: any.UpdatedAt.UtcTicks));
            Assert.Contains(bad.Errors, e => e.Field == "Fax");
            Assert.Contains(bad.Errors, e => e.Field == "PortalUrl");
            Assert.Contains(bad.Errors, e => e.Field == "City");
            var saved = await directory.SaveAsync(payerId, new PayerAppealAddressDraft("any", "Example Health Plan", "Second-Level Reviews, PO Box 7777", null, "Springfield", "IL", "62701",
                "(217) 555-0191", "(800) 555-0199", "https://provider.example.com/appeals", Stamp: any.UpdatedAt.UtcTicks));
            Assert.True(saved.Succeeded, string.Join(" ", saved.Errors.Select(e => e.Message)));
        }

        var appeal = await AppealAsync(factory, appealId);
        Assert.Contains("{{payer.address}}", appeal.Markdown, StringComparison.Ordinal);
        await using (var scope = await ActingAs.ScopeAsync(factory, "specialist@demo.local"))
        {
            var state = await scope.ServiceProvider.GetRequiredService<LetterStates>().StateAsync(appeal);
            Assert.Contains("Example Health Plan\\\nSecond-Level Reviews, PO Box 7777\\\nSpringfield, IL 62701", state.Resolved, StringComparison.Ordinal);
            Assert.Equal(1, CountOf(state.Resolved.Split("## Basis")[0], "Example Health Plan\\"));
        }

        Assert.True(await factory.WithDbAsync(d => d.AuditEvents.AnyAsync(e => e.Action == "payer-address.update" && e.EntityId == payerId.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        // Put the demo row back for the other tests of this database.
        await using (var scope = await ActingAs.ScopeAsync(factory, "admin@demo.local"))
        {
            var directory = scope.ServiceProvider.GetRequiredService<PayerAppealDirectory>();
            var any = (await directory.ListAsync(payerId)).Single(r => r.Level == PayerAppealAddress.AnyLevel);
            await directory.SaveAsync(payerId, new PayerAppealAddressDraft("any", "Provider Appeals Unit", "PO Box 4600", null, "Springfield", "IL", "62701-4600",
                "(217) 555-0190", "(800) 555-0199", "https://provider.example.com/appeals", Stamp: any.UpdatedAt.UtcTicks));
        }
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task ProviderDirectory_ChecksNpiAndPhysician_AndAnotherSignerMustBeAcknowledged_AndSaysOnBehalfOf(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        var appealId = await StartLetterAsync(client, factory, denialId);
        var otherPhysician = await EnsureUserAsync(factory, "second.physician@demo.local", "Omar Haddad, MD", Roles.Physician, "1245319599");
        var specialistId = await factory.WithDbAsync(d => d.Users.Where(u => u.Email == "specialist@demo.local").Select(u => u.Id).SingleAsync());

        await using (var scope = await ActingAs.ScopeAsync(factory, "admin@demo.local"))
        {
            var providers = scope.ServiceProvider.GetRequiredService<ProviderDirectoryAdministration>();
            var bad = await providers.CreateAsync(new ProviderDraft("Omar Haddad, MD", null, "1234567890", null, specialistId));
            Assert.Contains(bad.Errors, e => e.Field == "Name");
            Assert.Contains(bad.Errors, e => e.Field == "Credentials");
            Assert.Contains(bad.Errors, e => e.Field == "Npi" && e.Message.Contains("check digit", StringComparison.Ordinal));
            Assert.Contains(bad.Errors, e => e.Field == "PhysicianUserId");
            var duplicate = await providers.CreateAsync(new ProviderDraft("Someone", "MD", "1234567893", null, null));
            Assert.Contains(duplicate.Errors, e => e.Field == "Npi" && e.Message.Contains("already belongs", StringComparison.Ordinal));
            if (!await scope.ServiceProvider.GetRequiredService<AppDbContext>().Providers.AnyAsync(p => p.Npi == "1245319599"))
            {
                var created = await providers.CreateAsync(new ProviderDraft("Omar Haddad", "MD", "1245319599", "Cardiology", otherPhysician));
                Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Message)));
            }
        }

        await using (var scope = await ActingAs.ScopeAsync(factory, "specialist@demo.local"))
        {
            var workflow = scope.ServiceProvider.GetRequiredService<RequestSignOff>();
            var warnings = await workflow.SignerWarningsAsync(appealId, otherPhysician);
            Assert.Contains(warnings, w => w.StartsWith("Omar Haddad, MD is not the rendering provider (Dana Reyes, MD, NPI 1234567893)", StringComparison.Ordinal));
            Assert.Empty(await workflow.SignerWarningsAsync(appealId, null));

            var appeal = await AppealAsync(factory, appealId);
            var refused = await workflow.RequestSignOffAsync(appealId, otherPhysician, appeal.Version);
            Assert.Equal(AppealOutcome.Invalid, refused.Outcome);
            Assert.Contains("Acknowledge before sending", refused.Message, StringComparison.Ordinal);
            var sent = await workflow.RequestSignOffAsync(appealId, otherPhysician, appeal.Version, acknowledgeWarnings: true);
            Assert.True(sent.Succeeded, sent.Message);
        }

        await using (var scope = await ActingAs.ScopeAsync(factory, "specialist@demo.local"))
        {
            var appeal = await AppealAsync(factory, appealId);
            var state = await scope.ServiceProvider.GetRequiredService<LetterStates>().StateAsync(appeal);
            Assert.Contains("On behalf of Dana Reyes, MD, who rendered the service, I ask you", state.Resolved, StringComparison.Ordinal);
            Assert.Contains("Omar Haddad, MD\\\nNPI 1245319599", state.Resolved, StringComparison.Ordinal);
            Assert.Contains("Dana Reyes, MD performed the procedures", state.Resolved, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Sign_UncitedClinicalSentence_IsRefused_UnlessThePhysicianAttestsIt_AndTheSignatureShowsPracticeTime(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await ReadyDenialAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");
        var appealId = await StartLetterAsync(client, factory, denialId);
        const string Added = "The patient also reported locking of the left knee.";
        await factory.WithDbAsync(async d =>
        {
            var appeal = await d.Appeals.SingleAsync(a => a.Id == appealId);
            appeal.Markdown = appeal.Markdown.Replace("## Request\n", "## Request\n\n" + Added + "\n", StringComparison.Ordinal);
            await d.SaveChangesAsync();
            return 0;
        });
        await factory.WithDbAsync(d => d.PracticeProfiles.ExecuteUpdateAsync(u => u.SetProperty(p => p.TimeZone, "America/Chicago")));

        await using (var scope = await ActingAs.ScopeAsync(factory, "specialist@demo.local"))
        {
            var appeal = await AppealAsync(factory, appealId);
            var sent = await scope.ServiceProvider.GetRequiredService<RequestSignOff>().RequestSignOffAsync(appealId, null, appeal.Version);
            Assert.True(sent.Succeeded, sent.Message);
        }

        await using (var scope = await ActingAs.ScopeAsync(factory, "physician@demo.local"))
        {
            var signOff = scope.ServiceProvider.GetRequiredService<SignOffService>();
            var appeal = await AppealAsync(factory, appealId);
            var refused = await signOff.SignAsync(new SignatureInput(appealId, appeal.Version, null, true, "Dana Reyes, MD", BrowserlessClient.DemoPassword));
            Assert.Equal(SignOffOutcome.Invalid, refused.Outcome);
            Assert.Contains(Added, refused.ErrorFor(SignOffService.StatementsField), StringComparison.Ordinal);
            Assert.Contains(Added, refused.Uncited);

            var signed = await signOff.SignAsync(new SignatureInput(appealId, appeal.Version, null, true, "Dana Reyes, MD", BrowserlessClient.DemoPassword, [Added]));
            Assert.True(signed.Succeeded, signed.Message);
        }

        var done = await AppealAsync(factory, appealId);
        Assert.Equal(Added, done.AttestedStatements);
        Assert.Equal("America/Chicago", done.SignedTimeZone);
        Assert.DoesNotContain("{{", done.SignedMarkdown, StringComparison.Ordinal);
        Assert.Equal(SignatureHash.Sha256(done.SignedMarkdown!), done.SignatureSha256);
        var signature = AppealExport.Signature(done)!;
        Assert.Contains("(America/Chicago, UTC-0", signature.SignedAtText, StringComparison.Ordinal);

        // Export accepts the attested sentence; the DOCX carries the full hash.
        var docx = await client.Http.GetAsync($"/appeals/{appealId}/letter.docx");
        Assert.Equal(System.Net.HttpStatusCode.OK, docx.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task PracticeSetup_IncompleteProfile_ListsWhatIsMissingAndWhoCompletesIt(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        await EnsurePracticeAsync(factory);
        await using var scope = await ActingAs.ScopeAsync(factory, "admin@demo.local");
        var admin = scope.ServiceProvider.GetRequiredService<PracticeProfileAdministration>();

        var setup = await admin.SetupAsync();

        Assert.Contains(setup.Items, i => i.Field == "TimeZone");
        Assert.Contains("Alex Admin", setup.Admins);
        if (!setup.IsComplete)
        {
            Assert.StartsWith("Ask ", setup.WhoCompletes, StringComparison.Ordinal);
            Assert.Contains("Settings > Practice", setup.WhoCompletes, StringComparison.Ordinal);
        }

        var saved = await admin.SaveAsync(new PracticeDraft("Setup Clinic", null, null, null, null, null, null, null, null, null, TimeZone: "Mars/Olympus"));
        Assert.Contains(saved.Errors, e => e.Field == "TimeZone");
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static async Task<string> EnsureUserAsync(AppFactory factory, string email, string name, string role, string npi)
    {
        await using var scope = await ActingAs.ScopeAsync(factory, "admin@demo.local");
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            return existing.Id;
        }

        var result = await scope.ServiceProvider.GetRequiredService<UserAdministration>().CreateAsync(email, name, npi, [role], "Second!Pass2026x");
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        return result.UserId!;
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
