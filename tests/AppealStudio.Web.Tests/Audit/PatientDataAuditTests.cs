using System.Globalization;
using System.Reflection;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Charts;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Remittances;
using AppealStudio.Data.Worklist;
using AppealStudio.Web.Tests.Appeals;
using AppealStudio.Web.Tests.Infrastructure;
using AppealStudio.Web.Tests.SignOff;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Audit;

/// <summary>
/// Issue 16 / ADR 0061: every page that shows patient data leaves an audit row naming the records shown (ids only).
/// The pages are found by reflection, so a new page must be added either to <see cref="PatientFree"/> or to
/// <see cref="PatientPages"/> with the service call it makes (pages call Data services through Operations, and the
/// services write the rows, so calling the service is what rendering the page does).
/// </summary>
public class PatientDataAuditTests
{
    /// <summary>Pages with no patient data: sign-in and errors, settings, aggregate reports, the import list (file names and counts).</summary>
    private static readonly HashSet<string> PatientFree = new(StringComparer.Ordinal)
    {
        "Home", "NoRole", "SignIn", "SignInTwoFactor", "AccessDenied", "TwoFactor",
        "StatusPage", "NotFoundPage", "ErrorPage",
        "SettingsPage", "PracticePage", "TemplatesPage", "TemplateEditPage", "ClassificationPage", "UsersPage", "UserEditPage", "PayersPage",
        // Staff and payers, not patients: who owns what, the daily jobs' runs, the provider and payer directories.
        "OwnersPage", "SchedulerPage", "ProvidersPage", "PayerDirectoryPage",
        // Payers' contracted rates, appeal-level rules and code-pair data (ADR 90): no patient on these pages.
        "FeeSchedulesPage", "AppealLevelsPage", "ViabilityPage",
        "AuditPage",
        "ReportsPage", "WinRatesPage", "KpisPage", "InventoryPage", "UpstreamPage",
        "ImportsPage",
    };

    private sealed record Records(long DenialId, long ChartId, long ImportId, long AwaitingAppealId, long SignedAppealId, string PatientLastName);

    private sealed record PatientPage(string Email, string Action, Func<AsyncServiceScope, Records, Task> Call);

    private const string Specialist = "specialist@demo.local";
    private const string Physician = "physician@demo.local";

    private static readonly Dictionary<string, PatientPage> PatientPages = new(StringComparer.Ordinal)
    {
        ["WorklistPage"] = new(Specialist, "worklist.view", (s, _) => s.Get<WorklistService>().PageAsync(WorklistQuery.Parse(_ => null))),
        ["ChartsPage"] = new(Specialist, "chart.list", (s, r) => s.Get<ChartDocuments>().ListAsync(r.PatientLastName, 0, 25)),
        ["ChartDocumentPage"] = new(Specialist, "chart.view", (s, r) => s.Get<ChartDocuments>().DocumentAsync(r.ChartId)),
        ["DenialPage"] = new(Specialist, "denial.view", (s, r) => s.Get<DenialDetailsService>().LoadAsync(r.DenialId)),
        ["AppealWorkspacePage"] = new(Specialist, "appeal.view", (s, r) => s.Get<AppealWorkspace>().LoadAsync(r.DenialId)),
        ["AppealHistoryPage"] = new(Specialist, "appeal.history", (s, r) => s.Get<AppealWorkspace>().HistoryAsync(r.AwaitingAppealId)),
        ["AppealPrintPage"] = new(Specialist, "appeal.export", (s, r) => s.Get<AppealExport>().PrintAsync(r.SignedAppealId)),
        ["SignOffPage"] = new(Physician, "signoff.queue-view", (s, _) => s.Get<SignOffService>().QueueAsync()),
        ["SignOffReview"] = new(Physician, "appeal.signoff-view", (s, r) => s.Get<SignOffService>().ReviewAsync(r.AwaitingAppealId)),
        ["ImportDetailPage"] = new(Specialist, "remit.import-denials-view", (s, r) => s.Get<ImportHistory>().DenialsAsync(r.ImportId, 0, 25)),
    };

    private static IEnumerable<Type> RoutablePages() =>
        typeof(Program).Assembly.GetTypes().Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttributes<RouteAttribute>().Any());

    [Fact]
    public void EveryRoutablePage_IsDeclaredPatientFreeOrHasItsAuditedServiceCall()
    {
        var pages = RoutablePages().Select(t => t.Name).ToList();
        Assert.NotEmpty(pages);

        var undeclared = pages.Where(p => !PatientFree.Contains(p) && !PatientPages.ContainsKey(p)).ToList();
        var both = pages.Where(p => PatientFree.Contains(p) && PatientPages.ContainsKey(p)).ToList();
        var gone = PatientFree.Concat(PatientPages.Keys).Where(p => !pages.Contains(p)).ToList();

        Assert.True(undeclared.Count == 0, "Pages neither patient-free nor audited: " + string.Join(", ", undeclared));
        Assert.Empty(both);
        Assert.True(gone.Count == 0, "Declared pages that no longer exist: " + string.Join(", ", gone));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task EveryPatientPage_ServiceCall_WritesItsAuditRowWithIdsOnly(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var records = await ArrangeAsync(factory);

        foreach (var (page, visit) in PatientPages)
        {
            var before = await factory.WithDbAsync(d => d.AuditEvents.Where(e => e.Action == visit.Action).MaxAsync(e => (long?)e.Id)) ?? 0;
            await using (var scope = await factory.ScopeAsAsync(visit.Email))
            {
                await visit.Call(scope, records);
            }

            var rows = await factory.WithDbAsync(d => d.AuditEvents.AsNoTracking()
                .Where(e => e.Action == visit.Action && e.Id > before).ToListAsync());
            // Other test classes share this database and may write the same action meanwhile: this visit's row is among them.
            Assert.True(rows.Count > 0, $"{page} wrote no {visit.Action} row");
            var row = rows[^1];
            Assert.True(rows.Any(r => r.Actor == visit.Email && r.UserId is not null), page);
            Assert.True(row.EntityId is not null || row.Details?.StartsWith("ids=", StringComparison.Ordinal) == true
                || row.Details?.Contains(" ids=", StringComparison.Ordinal) == true, $"{page}: {row.Details}");
            Assert.All(rows, r => Assert.DoesNotContain(records.PatientLastName, r.Details ?? "", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task ChartsSearch_RecordsTheDocumentsShownButNeverTheSearchWords(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var records = await ArrangeAsync(factory);
        await using (var scope = await factory.ScopeAsAsync(Specialist))
        {
            var page = await scope.Get<ChartDocuments>().ListAsync(records.PatientLastName, 0, 25);
            Assert.Contains(page.Rows, r => r.Id == records.ChartId);
        }

        var row = await factory.WithDbAsync(d => d.AuditEvents.AsNoTracking().Where(e => e.Action == "chart.list").OrderByDescending(e => e.Id).FirstAsync());
        Assert.StartsWith("search=yes ids=", row.Details, StringComparison.Ordinal);
        Assert.Contains(records.ChartId.ToString(CultureInfo.InvariantCulture), row.Details!, StringComparison.Ordinal);
        Assert.DoesNotContain(records.PatientLastName, row.Details!, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<Records> ArrangeAsync(AppFactory factory)
    {
        await AppealTestData.EnsurePracticeAsync(factory);
        var denialId = await AppealTestData.ImportDenialAsync(factory);
        var chartId = await AppealTestData.AddChartAsync(factory, denialId);
        var (importId, lastName) = await factory.WithDbAsync(async d =>
        {
            var claim = await d.Denials.Where(x => x.Id == denialId).Select(x => new { x.Claim.ImportId, x.Claim.PatientLastName }).SingleAsync();
            return (claim.ImportId, claim.PatientLastName!);
        });
        var awaiting = await SignOffData.CreateAsync(factory);
        var signed = await SignOffData.CreateAsync(factory);
        await AppealTestData.SignAsync(factory, signed);
        return new Records(denialId, chartId, importId, awaiting, signed, lastName);
    }
}
