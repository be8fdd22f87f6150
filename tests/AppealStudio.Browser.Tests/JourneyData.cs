using System.Globalization;
using System.Text;
using AppealStudio.Data;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Charts;
using AppealStudio.Data.Identity;
using AppealStudio.Data.Remittances;
using AppealStudio.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Browser.Tests;

/// <summary>
/// Data a journey needs that another role would have produced (a letter sent for sign-off, decided appeals): made
/// through the same Data services the pages call, acting as that role, so rules and audit apply as in real use.
/// Each call imports a claim of its own (unique account number and patient), so journeys sharing the fixture do not meet.
/// </summary>
internal static class JourneyData
{
    public const string Specialist = "specialist@demo.local";
    public const string Physician = "physician@demo.local";

    private const string OperativeReport =
        "Operative report\n\n" +
        "Procedures: right knee arthroscopy with partial medial meniscectomy (29881-RT); left knee arthroscopy with chondroplasty (29877-59-LT).\n\n" +
        "Diagnoses: medial meniscus tear, right knee (M23.221); chondromalacia, left knee (M94.262).\n\n" +
        "The right leg was prepped and draped in the usual sterile fashion. Standard anterolateral and anteromedial portals were established. " +
        "A partial medial meniscectomy was performed back to a stable rim. The right portals were closed.\n\n" +
        "Attention was then turned to the contralateral left knee, which was separately prepped and draped with new sterile instruments. " +
        "Through separate anterolateral and anteromedial portals on the left knee, an unstable chondral flap of the lateral femoral condyle " +
        "was debrided to a stable margin (chondroplasty). The left portals were closed and a separate sterile dressing was applied.\n";

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>A scope of the app acting as <paramref name="email"/>, as an interactive page's operation does.</summary>
    public static async Task<AsyncServiceScope> ScopeAsAsync(BrowserFixture fixture, string email)
    {
        var scope = fixture.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        var user = await signIn.UserManager.FindByEmailAsync(email) ?? throw new InvalidOperationException(email + " is not a user");
        var principal = await signIn.CreateUserPrincipalAsync(user);
        scope.ServiceProvider.GetRequiredService<WebActor>().UseCircuitUser(principal, "127.0.0.1");
        return scope;
    }

    /// <summary>Imports a modifier 59 denial (CO-97, $612.40) from <paramref name="payer"/> remitted today, with its operative note; returns its id and account number.</summary>
    public static async Task<(long DenialId, string Pcn)> ImportDenialAsync(BrowserFixture fixture, string payer)
    {
        var key = Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var pcn = "JR" + key;
        // A last name of its own: the chart linker also matches notes by name.
        var lastName = "JOURNEY" + new string(key.Select(c => (char)('A' + (c % 26))).Take(6).ToArray());
        var today = Today;
        var service = today.AddDays(-20);
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            var importer = scope.ServiceProvider.GetRequiredService<RemittanceImporter>();
            using var stream = new MemoryStream(Encoding.ASCII.GetBytes(Remit(pcn, "M" + key, lastName, payer, today, service)));
            await importer.ImportAsync(pcn + ".835", stream);
        }

        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var denialId = await db.Denials.Where(d => d.Claim.PatientControlNumber == pcn).Select(d => d.Id).SingleAsync();
            db.ChartDocuments.Add(new ChartDocument
            {
                Title = "Operative report",
                DocumentType = "Operative report",
                Author = "Dana Reyes, MD",
                PatientMemberId = "M" + key,
                PatientLastName = lastName,
                PatientFirstName = "Gordon",
                PatientBirthDate = new DateOnly(1961, 5, 22),
                EncounterDate = service,
                SourceFileName = "op-note.txt",
                SourceFormat = "text",
                Text = OperativeReport,
                ImportedAt = DateTimeOffset.UtcNow,
                ImportedBy = "journey",
            });
            await db.SaveChangesAsync();
            return (denialId, pcn);
        }
    }

    /// <summary>The specialist starts the modifier 59 letter (excerpts chosen automatically) and sends it to the demo physician.</summary>
    public static async Task<long> AwaitingSignOffAsync(BrowserFixture fixture, long denialId)
    {
        long appealId;
        await using (var scope = await ScopeAsAsync(fixture, Specialist))
        {
            var details = new LetterStartDetails("Appeals Department\nPO Box 100\nSpringfield, IL 62701",
                "Journey Health Plan reimbursement policy RP-059 (NCCI edits)", new Dictionary<string, string>(StringComparer.Ordinal));
            var started = await scope.ServiceProvider.GetRequiredService<StartAppeal>().StartAsync(denialId, "ortho-modifier-59", details, autoEvidence: true);
            Assert.True(started.Succeeded, $"Start gave {started.Outcome}: {started.Message}");
            appealId = started.AppealId;
        }

        await using (var scope = await ScopeAsAsync(fixture, Specialist))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var physicianId = await db.Users.Where(u => u.Email == Physician).Select(u => u.Id).SingleAsync();
            var version = await db.Appeals.Where(a => a.Id == appealId).Select(a => a.Version).SingleAsync();
            var requested = await scope.ServiceProvider.GetRequiredService<RequestSignOff>()
                .RequestSignOffAsync(appealId, physicianId, version, acknowledgeWarnings: true);
            if (!requested.Succeeded)
            {
                var appeal = await db.Appeals.Include(a => a.Denial).SingleAsync(a => a.Id == appealId);
                var state = await scope.ServiceProvider.GetRequiredService<LetterStates>().StateAsync(appeal);
                Assert.Fail($"Sign-off request gave {requested.Outcome}: {requested.Message} {string.Join("; ", state.Blocking.Select(i => i.Kind + ": " + i.Message))}");
            }
        }

        return appealId;
    }

    /// <summary>
    /// A decided appeal: sent for sign-off, signed by the physician (typed name and password, every uncited sentence
    /// attested), submitted and decided by the specialist today.
    /// </summary>
    public static async Task DecidedAsync(BrowserFixture fixture, string payer, string decision, decimal? recovered)
    {
        var (denialId, _) = await ImportDenialAsync(fixture, payer);
        var appealId = await AwaitingSignOffAsync(fixture, denialId);
        await using (var scope = await ScopeAsAsync(fixture, Physician))
        {
            var signOff = scope.ServiceProvider.GetRequiredService<SignOffService>();
            var review = await signOff.ReviewAsync(appealId) ?? throw new InvalidOperationException("The physician cannot see the letter.");
            var signed = await signOff.SignAsync(new SignatureInput(appealId, review.Version, review.Narrative, true, "Dana Reyes", Pages.Password,
                review.UncitedStatements, ConfirmedOnBehalf: review.OnBehalfOf is not null));
            Assert.True(signed.Succeeded, $"Signing gave {signed.Outcome}: {signed.Message} {string.Join("; ", signed.FieldErrors?.Values ?? [])}");
        }

        await using (var scope = await ScopeAsAsync(fixture, Specialist))
        {
            var submitted = await scope.ServiceProvider.GetRequiredService<RecordSubmission>()
                .RecordSubmissionAsync(appealId, new SubmissionInput("first-level", "fax", Today, "JOURNEY-" + appealId.ToString(CultureInfo.InvariantCulture), null));
            Assert.True(submitted.Succeeded, $"Submission gave {submitted.Outcome}: {submitted.Message}");
        }

        await using (var scope = await ScopeAsAsync(fixture, Specialist))
        {
            var decided = await scope.ServiceProvider.GetRequiredService<RecordDecision>()
                .RecordDecisionAsync(appealId, new DecisionInput(decision, Today, recovered, false, ConfirmSameDay: true));
            Assert.True(decided.Succeeded, $"Decision gave {decided.Outcome}: {decided.Message}");
        }
    }

    /// <summary>An 835 with one claim whose 29880-XS-LT line was denied CO-97 (a modifier 59 bundling denial).</summary>
    private static string Remit(string pcn, string memberId, string lastName, string payer, DateOnly paid, DateOnly service)
    {
        var paidOn = paid.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var servedOn = service.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return string.Join("~\n",
            $"ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *{paidOn[2..]}*1200*^*00501*000000001*0*P*:",
            $"GS*HP*SENDER*RECEIVER*{paidOn}*1200*1*X*005010X221A1",
            "ST*835*0001",
            $"BPR*I*0.00*C*ACH*CCP*01*999999999*DA*123456*1234567890**01*999999999*DA*654321*{paidOn}",
            $"TRN*1*TR-{pcn}*1234567890",
            $"DTM*405*{paidOn}",
            $"N1*PR*{payer}",
            "N3*1 PAYER WAY",
            "N4*SPRINGFIELD*IL*62701",
            "REF*2U*JRN01",
            "N1*PE*DEMO ORTHOPEDICS*XX*1234567893",
            "LX*1",
            $"CLP*{pcn}*1*612.40*0.00**12*PCN-{pcn}*11*1",
            $"NM1*QC*1*{lastName}*GORDON****MI*{memberId}",
            "NM1*82*1*REYES*DANA****XX*1234567893",
            $"DTM*232*{servedOn}",
            "SVC*HC:29880:XS:LT*612.40*0.00**1",
            $"DTM*472*{servedOn}",
            "CAS*CO*97*612.40",
            "LQ*HE*N19",
            "SE*19*0001",
            "GE*1*1",
            "IEA*1*000000001") + "~\n";
    }
}
