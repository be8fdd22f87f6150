using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Charts;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Remittances;
using AppealStudio.Data.Reports;
using AppealStudio.Data.Worklist;
using AppealStudio.Tests.Shared;
using AppealStudio.Web.Tests.Imports;
using AppealStudio.Web.Tests.Infrastructure;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using static AppealStudio.Web.Tests.Appeals.AppealTestData;

namespace AppealStudio.Web.Tests.Logging;

/// <summary>
/// Issue 14: structured logs carry ids, never patient data. A full journey (import a real 835, search the worklist by
/// a patient's name, open denials, import a chart note, draft, edit, send for sign-off, sign, export, reports and CSV
/// exports, sign-in) runs in the real host with every category logging at Trace into a capturing provider, then the
/// names, member ids and dates of birth of the rows the journey created are searched for in every message, state value,
/// scope value and exception text. Production logs at Information and above; capturing everything proves the
/// framework's own Debug lines (EF Core commands, routing, Identity) are clean too, so raising a level while
/// troubleshooting does not start leaking.
/// </summary>
public class JourneyLogScanTests
{
    private const string Specialist = "specialist@demo.local";
    private const string Physician = "physician@demo.local";
    private const string Manager = "manager@demo.local";

    /// <summary>Two real remittances: one denial (OA-252) and a managed-care file with two patients.</summary>
    private static readonly string[] CorpusFiles = ["api-examples__835-denial.dat", "x12__managed-care.835"];

    private static readonly DateOnly BirthDate = new(1961, 5, 22);

    public static IEnumerable<object[]> Databases() => TestDatabases.All();

    /// <summary>The app on a database of its own, with a provider that keeps every log entry of every category.</summary>
    private sealed class LoggingAppFactory(TestDatabase database) : AppFactory(database)
    {
        public CapturingLoggerProvider Capture { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging =>
            {
                logging.AddProvider(Capture);
                logging.SetMinimumLevel(LogLevel.Trace);
                // A rule for this provider outranks every category rule of appsettings (Microsoft.AspNetCore: Warning, ...).
                logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace);
            });
        }
    }

    [SharedTheory]
    [MemberData(nameof(Databases))]
    public async Task FullJourney_AtTraceLevel_LogsNoPatientNameMemberIdOrBirthDate(TestDatabase db)
    {
        await using var factory = new LoggingAppFactory(db);
        using var specialist = await BrowserlessClient.SignedInAsync(factory, Specialist);
        using (var failed = BrowserlessClient.Create(factory))
        {
            // A failed sign-in logs too (Identity, the audit); it must not echo what was typed.
            var response = await failed.SignInAsync(Specialist, "Wrong!Pass2026");
            Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        }

        // Import real 835s as the Imports page does.
        foreach (var name in CorpusFiles)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(SharedFolder.CorpusDirectory, name));
            var upload = await ActingAs.RunAsync<RemittanceUploads, UploadResult>(factory, Specialist,
                u => u.ImportAsync(name, new ImportTests.BrowserStream(bytes), bytes.Length));
            Assert.True(upload.Succeeded, name + ": " + upload.Error);
        }

        // A denial of our own whose patient has a chart note with a date of birth, for the letter half of the journey.
        await EnsurePracticeAsync(factory);
        var denialId = await ImportDenialAsync(factory);
        var claim = await factory.WithDbAsync(d => d.Denials.Where(x => x.Id == denialId).Select(x => x.Claim).SingleAsync());
        var note =
            $"OPERATIVE NOTE\nPatient: {claim.PatientLastName}, Gordon    DOB: {BirthDate.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture)}\n" +
            $"Member ID: {claim.PatientMemberId}\nDate of service: 08/14/2026\nProvider: Dana Reyes, MD\n\n{OperativeReport}";
        var chart = await ActingAs.RunAsync<ChartDocuments, ChartFileResult>(factory, Specialist,
            c => c.ImportAsync("op-note.txt", new ImportTests.BrowserStream(Encoding.UTF8.GetBytes(note))));
        Assert.True(chart.Error is null && chart.Saved.Count == 1, chart.Error);
        // A captured variable, not a literal: EF Core inlines literals into the SQL it logs (the scan caught this line).
        var corpusLastName = "DOE";
        var corpusClaim = await factory.WithDbAsync(d => d.Claims.Where(c => c.PatientLastName == corpusLastName).SingleAsync());
        var corpusNote = $"PROGRESS NOTE\nPatient: Doe, John    DOB: 02/09/1970\nMember ID: {corpusClaim.PatientMemberId}\nDate of service: 01/01/2019\n\nFollow-up visit.\n";
        // The corpus patient's note as a Word file, so the .docx reader's path is in the log too.
        var docx = await ActingAs.RunAsync<ChartDocuments, ChartFileResult>(factory, Specialist,
            c => c.ImportAsync("doe.docx", new ImportTests.BrowserStream(Docx(corpusNote))));
        Assert.True(docx.Error is null && docx.Saved.Count == 1, docx.Error);

        // The worklist searched by patient names, the charts list by name, every denial opened.
        foreach (var search in new[] { "Doe", claim.PatientLastName!, "Settle" })
        {
            var rows = await ActingAs.RunAsync<WorklistService, WorklistRows>(factory, Specialist, w => w.PageAsync(new WorklistQuery { View = "all", Text = search }));
            Assert.True(rows.Total > 0 || search == "Settle", "The worklist finds " + search);
        }

        var charts = await ActingAs.RunAsync<ChartDocuments, ChartListPage>(factory, Specialist, c => c.ListAsync(claim.PatientLastName, 0, 25));
        Assert.Single(charts.Rows);
        var denialIds = await factory.WithDbAsync(d => d.Denials.Select(x => x.Id).ToListAsync());
        foreach (var id in denialIds)
        {
            Assert.NotNull(await ActingAs.RunAsync<DenialDetailsService, DenialDetails?>(factory, Specialist, s => s.LoadAsync(id)));
        }

        Assert.NotNull(await ActingAs.RunAsync<ChartDocuments, ChartDocumentView?>(factory, Specialist, c => c.DocumentAsync(chart.Saved[0].Id)));

        // Draft, edit, sign-off request, signature, exports.
        var appealId = await StartLetterAsync(specialist, factory, denialId);
        var appeal = await AppealAsync(factory, appealId);
        var saved = await ActingAs.RunAsync<SaveLetter, AppealResult>(factory, Specialist,
            s => s.SaveAsync(appealId, appeal.Markdown + "\nWe ask that the payer reprocess the line.", appeal.Version, "draft"));
        Assert.True(saved.Succeeded, saved.Message);
        appeal = await AppealAsync(factory, appealId);
        var requested = await ActingAs.RunAsync<RequestSignOff, AppealResult>(factory, Specialist, s => s.RequestSignOffAsync(appealId, null, appeal.Version));
        Assert.True(requested.Succeeded, requested.Message);
        appeal = await AppealAsync(factory, appealId);
        var queue = await ActingAs.RunAsync<SignOffService, SignOffQueue>(factory, Physician, s => s.QueueAsync());
        Assert.NotNull(queue);
        Assert.NotNull(await ActingAs.RunAsync<SignOffService, SignOffLetter?>(factory, Physician, s => s.ReviewAsync(appealId)));
        var signed = await ActingAs.RunAsync<SignOffService, SignOffResult>(factory, Physician,
            s => s.SignAsync(new SignatureInput(appealId, appeal.Version, null, true, "Dana Reyes, MD", BrowserlessClient.DemoPassword)));
        Assert.True(signed.Succeeded, signed.Message);
        foreach (var download in new[] { "packet.pdf", "letter.docx", "packet.zip" })
        {
            var response = await specialist.Http.GetAsync($"/appeals/{appealId}/{download}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, download + " gave " + (int)response.StatusCode);
        }

        // A download of a letter that is not there: the error path logs as well.
        Assert.Equal(HttpStatusCode.NotFound, (await specialist.Http.GetAsync("/appeals/987654321/letter.docx")).StatusCode);

        // Reports and CSV exports, through the service and through the download endpoint.
        var worklistCsv = await ActingAs.RunAsync<WorklistService, IReadOnlyList<WorklistRow>>(factory, Specialist, w => w.ExportAsync(new WorklistQuery { View = "all" }, null));
        Assert.NotEmpty(WorklistCsv.Write(worklistCsv, id => id));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var filter = new ReportFilter(today.AddYears(-10), today);
        await using (var scope = await factory.ScopeAsAsync(Manager))
        {
            var reports = scope.Get<ReportService>();
            Assert.NotNull(await reports.OverviewAsync(filter));
            Assert.NotNull(await reports.KpisAsync(filter));
            Assert.NotNull(await reports.InventoryAsync(filter));
            Assert.NotNull(await reports.WinRatesAsync(filter, ReportTables.ByRootCause));
        }

        using var manager = await BrowserlessClient.SignedInAsync(factory, Manager);
        foreach (var table in new[] { "kpis", "inventory-age", "inventory-deadline", "denials-by-month" })
        {
            var response = await manager.Http.GetAsync($"/reports/{table}.csv");
            Assert.True(response.StatusCode == HttpStatusCode.OK, table + " gave " + (int)response.StatusCode);
        }

        // What the journey stored about patients, in every form a log line could carry it.
        var secrets = await PatientDataAsync(factory);
        Assert.Contains(secrets, s => s.Value.Equals(claim.PatientLastName, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(secrets, s => s.Value == "19610522");
        Assert.Contains(secrets, s => s.Value == "1970-02-09");
        Assert.Contains(secrets, s => s.Value.Equals("BUDD", StringComparison.OrdinalIgnoreCase));
        var entries = factory.Capture.Entries.ToList();
        Assert.True(entries.Count > 500, $"Only {entries.Count} entries were captured: is the provider at Trace for every category?");
        Assert.Contains(entries, e => e.Category.StartsWith("Microsoft.EntityFrameworkCore.Database.Command", StringComparison.Ordinal) && e.Level == LogLevel.Debug);
        Assert.Contains(entries, e => e.Category.StartsWith("Microsoft.AspNetCore.Routing", StringComparison.Ordinal));

        var leaks = (from entry in entries
                     from text in entry.Texts()
                     from secret in secrets
                     where secret.Pattern.IsMatch(text)
                     select $"{secret.Kind} '{secret.Value}' in [{entry.Level}] {entry.Category}: {Excerpt(text, secret.Pattern)}")
                    .Distinct(StringComparer.Ordinal).Take(20).ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} log entries carry patient data:\n" + string.Join("\n", leaks));
    }

    private static byte[] Docx(string text)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.AddMainDocumentPart().Document = new Document(new Body(
                text.Split('\n').Select(line => new Paragraph(new Run(new Text(line) { Space = SpaceProcessingModeValues.Preserve })))));
        }

        return stream.ToArray();
    }

    private sealed record Secret(string Kind, string Value, Regex Pattern);

    /// <summary>
    /// The names, member ids and dates of birth in the claims and chart documents of this database. Names are matched
    /// as whole words, ignoring case (a last name "Doe" must not match "does"); ids and dates as they are written.
    /// </summary>
    private static async Task<List<Secret>> PatientDataAsync(AppFactory factory)
    {
        var claims = await factory.WithDbAsync(d => d.Claims.AsNoTracking()
            .Select(c => new { c.PatientLastName, c.PatientFirstName, c.PatientMemberId, c.InsuredName, c.InsuredMemberId }).ToListAsync());
        var charts = await factory.WithDbAsync(d => d.ChartDocuments.AsNoTracking()
            .Select(c => new { c.PatientLastName, c.PatientFirstName, c.PatientMemberId, c.PatientBirthDate }).ToListAsync());
        var names = claims.SelectMany(c => new[] { c.PatientLastName, c.PatientFirstName })
            .Concat(claims.SelectMany(c => (c.InsuredName ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)))
            .Concat(charts.SelectMany(c => new[] { c.PatientLastName, c.PatientFirstName }));
        var ids = claims.SelectMany(c => new[] { c.PatientMemberId, c.InsuredMemberId }).Concat(charts.Select(c => c.PatientMemberId));
        var secrets = new List<Secret>();
        foreach (var name in names.OfType<string>().Select(n => n.Trim()).Where(n => n.Length >= 3).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            secrets.Add(new("name", name, new Regex(@"\b" + Regex.Escape(name) + @"\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)));
        }

        foreach (var id in ids.OfType<string>().Where(i => i.Length >= 4).Distinct(StringComparer.Ordinal))
        {
            secrets.Add(new("member id", id, new Regex(Regex.Escape(id), RegexOptions.CultureInvariant)));
        }

        foreach (var birth in charts.Select(c => c.PatientBirthDate).OfType<DateOnly>().Distinct())
        {
            foreach (var format in new[] { "yyyy-MM-dd", "MM/dd/yyyy", "yyyyMMdd", "M/d/yyyy" })
            {
                var text = birth.ToString(format, CultureInfo.InvariantCulture);
                secrets.Add(new("date of birth", text, new Regex(@"(?<!\d)" + Regex.Escape(text) + @"(?!\d)", RegexOptions.CultureInvariant)));
            }
        }

        return secrets;
    }

    private static string Excerpt(string text, Regex pattern)
    {
        var match = pattern.Match(text);
        var start = Math.Max(0, match.Index - 80);
        return text.Substring(start, Math.Min(text.Length - start, match.Length + 160)).ReplaceLineEndings(" ");
    }
}
