using AppealStudio.Data.Denials;
using AppealStudio.Data.Worklist;
using AppealStudio.Web.Tests.Denials;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Worklist;

/// <summary>
/// The worklist's queries and bulk actions as the page calls them (a scope of the real app acting as a signed-in
/// user), on every database: filters, views, sort, paging, who may read it, and what bulk changes record.
/// </summary>
public class WorklistTests
{
    private const string Specialist = "specialist@demo.local";

    private static WorklistQuery Query(string query)
    {
        var values = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        return WorklistQuery.Parse(k => values.TryGetValue(k, out var v) ? v.LastOrDefault() : null);
    }

    private static async Task<List<long>> Rows(AppFactory factory, string query, string email = Specialist) =>
        (await ActingAs.RunAsync<WorklistService, WorklistRows>(factory, email, s => s.PageAsync(Query(query)))).Rows.Select(r => r.Id).ToList();

    private static Task<IReadOnlyDictionary<string, int>> Counts(AppFactory factory, string query, string email = Specialist) =>
        ActingAs.RunAsync<WorklistService, IReadOnlyDictionary<string, int>>(factory, email, s => s.CountsAsync(Query(query)));

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Page_Default_OrdersByPriorityScoreDescending(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var low = await seed.AddAsync(d => d.PriorityScore = 10m);
        var high = await seed.AddAsync(d => d.PriorityScore = 300.5m);
        var mid = await seed.AddAsync(d => d.PriorityScore = 55m);

        Assert.Equal([high.Id, mid.Id, low.Id], await Rows(factory, seed.PayerQuery));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Page_SortByAmountDeadlinePayerAge_OrdersAndFlipsDirection(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var today = DenialBuilder.Today;
        var a = await seed.AddAsync(d => { d.Amount = 50m; d.AppealDeadline = today.AddDays(20); d.RemittanceDate = today.AddDays(-5); });
        var b = await seed.AddAsync(d => { d.Amount = 900m; d.AppealDeadline = today.AddDays(3); d.RemittanceDate = today.AddDays(-30); });
        var c = await seed.AddAsync(d => { d.Amount = 200m; d.AppealDeadline = null; d.RemittanceDate = today.AddDays(-1); });

        Assert.Equal([b.Id, c.Id, a.Id], await Rows(factory, $"{seed.PayerQuery}&sort=amount"));
        Assert.Equal([a.Id, c.Id, b.Id], await Rows(factory, $"{seed.PayerQuery}&sort=amount&dir=asc"));
        // Soonest deadline first; an unknown deadline last either way.
        Assert.Equal([b.Id, a.Id, c.Id], await Rows(factory, $"{seed.PayerQuery}&sort=deadline"));
        Assert.Equal([a.Id, b.Id, c.Id], await Rows(factory, $"{seed.PayerQuery}&sort=deadline&dir=desc"));
        // Age: the oldest remittance first.
        Assert.Equal([b.Id, a.Id, c.Id], await Rows(factory, $"{seed.PayerQuery}&sort=age"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Page_EachFilter_ShowsTheHandCountedRows(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var today = DenialBuilder.Today;
        var managerId = await DenialBuilder.UserIdAsync(factory, "manager@demo.local");
        // Six open denials, each different in one or two ways from the default (hard, medical-necessity, clinician,
        // $100, deadline in 60 days, New, unassigned, CPT 99214, no scenario).
        var coder = await seed.AddAsync(d => { d.Owner = "coder"; d.RootCause = "coding"; d.Scenario = "modifier-59"; d.ProcedureCode = "27447"; });
        var soft = await seed.AddAsync(d => { d.Severity = "soft"; d.Owner = "front-desk"; d.RootCause = "eligibility"; d.AppealDeadline = today.AddDays(-2); });
        var assigned = await seed.AddAsync(d => { d.AssigneeUserId = managerId; d.Status = DenialStatus.InProgress; d.AppealDeadline = today.AddDays(5); });
        var big = await seed.AddAsync(d => { d.Amount = 1500m; d.AppealDeadline = today.AddDays(10); });
        var mid = await seed.AddAsync(d => { d.Amount = 400m; d.AppealDeadline = today.AddDays(20); }, c => c.PayerClaimNumber = "ZX-77-ABC");
        var plain = await seed.AddAsync(claim: c => c.PatientLastName = "Quenneville");

        async Task Expect(string filter, params long[] ids)
        {
            // Every open denial ("All open"): the filters are what this test counts, not the lifecycle views.
            var rows = await Rows(factory, $"view=all&{seed.PayerQuery}&{filter}");
            Assert.True(ids.Order().SequenceEqual(rows.Order()), $"{filter}: expected [{string.Join(",", ids)}], got [{string.Join(",", rows)}]");
            Assert.Equal(ids.Length, (await Counts(factory, $"{seed.PayerQuery}&{filter}"))["all"]);
        }

        await Expect("x=1", coder.Id, soft.Id, assigned.Id, big.Id, mid.Id, plain.Id);
        await Expect("owner=coder", coder.Id);
        await Expect("owner=clinician", assigned.Id, big.Id, mid.Id, plain.Id);
        await Expect("assignee=" + managerId, assigned.Id);
        await Expect("assignee=none", coder.Id, soft.Id, big.Id, mid.Id, plain.Id);
        await Expect("root=eligibility", soft.Id);
        await Expect("scenario=modifier-59", coder.Id);
        await Expect("scenario=none", soft.Id, assigned.Id, big.Id, mid.Id, plain.Id);
        await Expect("severity=soft", soft.Id);
        await Expect("status=InProgress", assigned.Id);
        await Expect("deadline=past", soft.Id);
        await Expect("deadline=0-7", assigned.Id);
        await Expect("deadline=8-14", big.Id);
        await Expect("deadline=15-30", mid.Id);
        await Expect("deadline=30%2B", coder.Id, plain.Id);
        await Expect("min=400", big.Id, mid.Id);
        await Expect("max=400", coder.Id, soft.Id, assigned.Id, mid.Id, plain.Id);
        await Expect("min=300&max=1000", mid.Id);
        await Expect("q=27447", coder.Id);
        await Expect("q=zx-77", mid.Id);
        await Expect("q=quennev", plain.Id);
        var pcn = (await factory.WithDbAsync(d => d.Claims.SingleAsync(c => c.Id == plain.ClaimId))).PatientControlNumber;
        await Expect("q=" + pcn.ToLowerInvariant(), plain.Id);
        await Expect("owner=coder&severity=soft");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Page_Rows_CarryLevelRecoveryWarningsAndTheUnderpaymentsExpectedAndPaid(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var today = DenialBuilder.Today;
        var under = await seed.AddAsync(d => { d.Kind = "underpayment"; d.ExpectedAmount = 180m; d.PaidAmount = 140m; d.Amount = 40m; });
        var recovered = await seed.AddAsync(d => { d.RecoveredByRemittance = 60m; d.RecoveryKind = "partial"; d.RecoveredOn = today.AddDays(-1); });
        var late = await seed.AddAsync(d => d.AppealDeadline = today.AddDays(-5));
        var appealed = await seed.AddAsync();
        await factory.WithDbAsync(async d =>
        {
            d.Appeals.Add(new AppealStudio.Data.Appeals.Appeal
            {
                DenialId = appealed.Id, Sequence = 2, Level = "second-level", TemplateId = "medical-necessity", Status = AppealStudio.Data.Appeals.AppealStatus.Draft,
                Markdown = "letter", Version = 1, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            });
            return await d.SaveChangesAsync();
        });

        var page = await ActingAs.RunAsync<WorklistService, WorklistRows>(factory, Specialist, s => s.PageAsync(Query($"view=all&{seed.PayerQuery}")));

        var rows = page.Rows.ToDictionary(r => r.Id);
        Assert.Equal((180m, 140m), (rows[under.Id].ExpectedAmount!.Value, rows[under.Id].PaidAmount!.Value));
        Assert.Equal(60m, rows[recovered.Id].Recovered);
        Assert.Equal("second-level", rows[appealed.Id].Level);
        Assert.Null(rows[under.Id].Level);
        Assert.Contains(page.WarningsOf(late.Id), w => w.Code == AppealStudio.Core.Denials.ViabilityChecker.DeadlinePassed);
        Assert.Empty(page.WarningsOf(appealed.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Counts_EachView_CountsWhatTheViewShows(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var today = DenialBuilder.Today;
        var me = await DenialBuilder.UserIdAsync(factory, Specialist);
        var mine = await seed.AddAsync(d => { d.AssigneeUserId = me; d.AppealDeadline = today.AddDays(40); });
        var mineDue = await seed.AddAsync(d => { d.AssigneeUserId = me; d.AppealDeadline = today.AddDays(14); d.Amount = 500m; });
        var due = await seed.AddAsync(d => d.AppealDeadline = today);
        var signOff = await seed.AddAsync(d => { d.Status = DenialStatus.AwaitingSignOff; d.Amount = 750m; });
        var past = await seed.AddAsync(d => d.AppealDeadline = today.AddDays(-1));
        var noDeadline = await seed.AddAsync(d => { d.AppealDeadline = null; d.Amount = 499.99m; });
        // Not open: in no view (the sign-off view shows status AwaitingSignOff only).
        await seed.AddAsync(d => { d.Status = DenialStatus.Submitted; d.AssigneeUserId = me; d.AppealDeadline = today.AddDays(-3); d.Amount = 999m; });
        await seed.AddAsync(d => { d.Status = DenialStatus.Decided; d.Amount = 999m; });
        await seed.AddAsync(d => { d.Status = DenialStatus.WrittenOff; d.AppealDeadline = today.AddDays(2); });

        var counts = await Counts(factory, seed.PayerQuery);

        Assert.Equal((6, 5, 2, 1, 2, 1, 1, 0), (counts["all"], counts["queue"], counts["mine"], counts["due-week"], counts["high"], counts["signoff"], counts["expired"], counts["follow-ups"]));
        // The default view is the work queue by priority: the denial with no known deadline after every dated one.
        var queue = await Rows(factory, seed.PayerQuery);
        Assert.Equal([mine.Id, mineDue.Id, due.Id, signOff.Id, noDeadline.Id], queue.Order());
        Assert.Equal(noDeadline.Id, queue[^1]);
        Assert.Equal([mine.Id, mineDue.Id, due.Id, signOff.Id, past.Id, noDeadline.Id], (await Rows(factory, $"view=all&{seed.PayerQuery}")).Order());
        Assert.Equal([mine.Id, mineDue.Id], (await Rows(factory, $"view=mine&{seed.PayerQuery}")).Order());
        Assert.Equal([due.Id], (await Rows(factory, $"view=due-week&{seed.PayerQuery}")).Order());
        Assert.Equal([mineDue.Id, signOff.Id], (await Rows(factory, $"view=high&{seed.PayerQuery}")).Order());
        Assert.Equal([signOff.Id], await Rows(factory, $"view=signoff&{seed.PayerQuery}"));
        Assert.Equal([past.Id], await Rows(factory, $"view=expired&{seed.PayerQuery}"));
        // Another user's queue is their own.
        Assert.Equal(0, (await Counts(factory, seed.PayerQuery, "manager@demo.local"))["mine"]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Counts_InOnePass_EqualEachViewsRowsUnderEveryStatusFilter(TestDatabase db)
    {
        // The counts come from one grouped pass (and follow-ups from the appeals due); the rows from each view's own
        // query. Every status, deadlines on each side of today, the SLA clocks, a voided denial, and follow-ups due,
        // not due and decided: under no status filter and each one, every count is the number of rows its view shows.
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var today = DenialBuilder.Today;
        var me = await DenialBuilder.UserIdAsync(factory, Specialist);
        var old = DateTimeOffset.UtcNow.AddDays(-60);
        foreach (var status in Enum.GetValues<DenialStatus>())
        {
            await seed.AddAsync(d => { d.Status = status; d.AssigneeUserId = me; d.Amount = 800m; });
            await seed.AddAsync(d => { d.Status = status; d.AppealDeadline = today.AddDays(-2); d.CreatedAt = old; });
            await seed.AddAsync(d => { d.Status = status; d.AppealDeadline = today.AddDays(3); d.Severity = "soft"; d.Action = "resubmit"; d.CreatedAt = old; });
            await seed.AddAsync(d => { d.Status = status; d.AppealDeadline = null; d.AssigneeUserId = me; });
        }

        await seed.AddAsync(d => { d.Voided = true; d.Amount = 900m; });
        var submitted = await seed.AddAsync(d => d.Status = DenialStatus.Submitted);
        var notYet = await seed.AddAsync(d => d.Status = DenialStatus.Submitted);
        var decided = await seed.AddAsync(d => d.Status = DenialStatus.Decided);
        var voided = await seed.AddAsync(d => { d.Status = DenialStatus.Submitted; d.Voided = true; });
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<Data.AppDbContext>();
            foreach (var (denial, followUp, decision) in new[] { (submitted, today, (string?)null), (notYet, today.AddDays(1), null), (decided, today.AddDays(-5), "overturned"), (voided, today.AddDays(-1), null) })
            {
                context.Appeals.Add(new Data.Appeals.Appeal
                {
                    DenialId = denial.Id, TemplateId = "medical-necessity", Markdown = "x", Version = 1, CreatedAt = DateTimeOffset.UtcNow,
                    UpdatedAt = DateTimeOffset.UtcNow, SubmittedOn = today.AddDays(-30), FollowUpOn = followUp, Decision = decision,
                    Status = decision is null ? Data.Appeals.AppealStatus.Submitted : Data.Appeals.AppealStatus.Decided,
                });
            }

            await context.SaveChangesAsync();
        }

        string?[] statuses = [null, .. Enum.GetNames<DenialStatus>()];
        foreach (var status in statuses)
        {
            var filter = status is null ? seed.PayerQuery : $"{seed.PayerQuery}&status={status}";
            var counts = await Counts(factory, filter);
            foreach (var (view, _) in WorklistQuery.Views)
            {
                var page = await ActingAs.RunAsync<WorklistService, WorklistRows>(factory, Specialist, s => s.PageAsync(Query($"view={view}&{filter}")));
                Assert.True(page.Rows.Count == counts[view] && page.Total == counts[view],
                    $"{view} under status {status ?? "(none)"}: count {counts[view]}, total {page.Total}, rows {page.Rows.Count}");
            }

            if (status is null)
            {
                // Hand-counted, so that both sides being wrong the same way cannot pass.
                Assert.Equal((12, 8, 1, 16, 4, 4, 4, 9),
                    (counts["queue"], counts["mine"], counts["follow-ups"], counts["all"], counts["expired"], counts["due-week"], counts["signoff"], counts["sla"] + counts["high"]));
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Page_MoreThanAPage_PagesByFiftyWithoutRepeatsAndClampsPastTheEnd(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        // Equal scores: only the id tie-break keeps the two pages apart.
        for (var i = 0; i < 53; i++)
        {
            await seed.AddAsync(d => d.PriorityScore = 100m);
        }

        var first = await ActingAs.RunAsync<WorklistService, WorklistRows>(factory, Specialist, s => s.PageAsync(Query(seed.PayerQuery)));
        var second = await Rows(factory, $"{seed.PayerQuery}&page=2");

        Assert.Equal((50, 53, 2), (first.Rows.Count, first.Total, first.PageCount));
        Assert.Equal(3, second.Count);
        Assert.Equal(53, first.Rows.Select(r => r.Id).Concat(second).Distinct().Count());
        var beyond = await ActingAs.RunAsync<WorklistService, WorklistRows>(factory, Specialist, s => s.PageAsync(Query($"{seed.PayerQuery}&page=99")));
        Assert.Equal(2, beyond.Query.Page);
        Assert.Equal(second, beyond.Rows.Select(r => r.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Page_IsAuditedWithTheIdsShownAndNeverTheSearchText(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var a = await seed.AddAsync(claim: c => c.PatientLastName = "Oyelaran");

        await Rows(factory, $"{seed.PayerQuery}&q=oyelaran");

        var row = await factory.WithDbAsync(d => d.AuditEvents.Where(e => e.Action == "worklist.view").OrderByDescending(e => e.Id).FirstAsync());
        Assert.Equal($"ids={a.Id}", row.Details);
        Assert.Equal(Specialist, row.Actor);
        Assert.DoesNotContain("oyelaran", row.Details!, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Worklist_Physician_IsRefusedByTheService(TestDatabase db)
    {
        var factory = AppFactory.For(db);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Rows(factory, "", "physician@demo.local"));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            ActingAs.RunAsync<WorklistBulk, BulkOutcome>(factory, "physician@demo.local", b => b.AssignAsync([1], "none")));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task BulkAssign_SelectedRows_AreAssignedWithTimelineAndAudit(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var a = await seed.AddAsync();
        var b = await seed.AddAsync();
        var untouched = await seed.AddAsync();
        var managerId = await DenialBuilder.UserIdAsync(factory, "manager@demo.local");

        var outcome = await ActingAs.RunAsync<WorklistBulk, BulkOutcome>(factory, Specialist, s => s.AssignAsync([a.Id, b.Id], managerId));

        Assert.Equal("Assigned to Morgan Manager: 2 of 2 denials.", outcome.Summary);
        Assert.Empty(outcome.Failures);
        Assert.Equal(managerId, (await seed.ReloadAsync(a.Id)).AssigneeUserId);
        Assert.Equal(managerId, (await seed.ReloadAsync(b.Id)).AssigneeUserId);
        Assert.Null((await seed.ReloadAsync(untouched.Id)).AssigneeUserId);
        Assert.Equal(1, (await seed.ReloadAsync(a.Id)).Version);
        Assert.Equal("assign", Assert.Single(await seed.EventsAsync(a.Id)).Type);
        Assert.Equal(1, await seed.AuditCountAsync("denial.assign", b.Id));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task BulkStatus_WithAnInvalidTransition_ChangesTheRestAndReportsThatRow(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var a = await seed.AddAsync();
        var b = await seed.AddAsync(d => d.Status = DenialStatus.InProgress);
        var waiting = await seed.AddAsync(d => d.Status = DenialStatus.AwaitingSignOff);

        var outcome = await ActingAs.RunAsync<WorklistBulk, BulkOutcome>(factory, Specialist,
            s => s.ChangeStatusAsync([a.Id, b.Id, waiting.Id], DenialStatus.Submitted, null));

        Assert.Equal("Moved to Submitted: 2 of 3 denials.", outcome.Summary);
        var failure = Assert.Single(outcome.Failures);
        Assert.Equal(waiting.Id, failure.Id);
        Assert.Contains("Awaiting sign-off cannot move to Submitted", failure.Message, StringComparison.Ordinal);
        Assert.Equal(DenialStatus.Submitted, (await seed.ReloadAsync(a.Id)).Status);
        Assert.Equal(DenialStatus.AwaitingSignOff, (await seed.ReloadAsync(waiting.Id)).Status);
        Assert.Empty(await seed.EventsAsync(waiting.Id));
        var ev = Assert.Single(await seed.EventsAsync(b.Id));
        Assert.Equal(("status", "InProgress", "Submitted"), (ev.Type, ev.FromStatus, ev.ToStatus));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Bulk_BadRequests_AreRefusedWithAMessageAndChangeNothing(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var a = await seed.AddAsync();
        var physicianId = await DenialBuilder.UserIdAsync(factory, "physician@demo.local");

        Task<BulkOutcome> Assign(long[] ids, string? to) => ActingAs.RunAsync<WorklistBulk, BulkOutcome>(factory, Specialist, s => s.AssignAsync(ids, to));
        Task<BulkOutcome> Move(long[] ids, DenialStatus? to, string? reason) =>
            ActingAs.RunAsync<WorklistBulk, BulkOutcome>(factory, Specialist, s => s.ChangeStatusAsync(ids, to, reason));

        Assert.Contains("Select at least one denial", (await Assign([], "none")).Error, StringComparison.Ordinal);
        Assert.Contains("Choose who to assign", (await Assign([a.Id], null)).Error, StringComparison.Ordinal);
        Assert.Contains("Choose a specialist, manager or admin", (await Assign([a.Id], physicianId)).Error, StringComparison.Ordinal);
        Assert.Contains("Choose the new status", (await Move([a.Id], null, null)).Error, StringComparison.Ordinal);
        Assert.Contains("Choose the new status", (await Move([a.Id], (DenialStatus)42, null)).Error, StringComparison.Ordinal);
        Assert.Contains("Enter the reason for the write-off.", (await Move([a.Id], DenialStatus.WrittenOff, "  ")).Error, StringComparison.Ordinal);
        Assert.Contains("at most 200", (await Move([.. Enumerable.Range(1, 201).Select(i => (long)i)], DenialStatus.InProgress, null)).Error, StringComparison.Ordinal);

        var unchanged = await seed.ReloadAsync(a.Id);
        Assert.Equal((DenialStatus.New, null, 0), (unchanged.Status, unchanged.AssigneeUserId, unchanged.Version));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Export_SelectedOrAll_WritesTheRowsAndAuditsTheIds(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var a = await seed.AddAsync(d => { d.PriorityScore = 2m; d.Amount = 1234.5m; }, c => c.PatientLastName = "=HYPERLINK(\"x\")");
        var b = await seed.AddAsync(d => d.PriorityScore = 1m);

        var all = await ActingAs.RunAsync<WorklistService, IReadOnlyList<WorklistRow>>(factory, Specialist, s => s.ExportAsync(Query(seed.PayerQuery), null));
        var picked = await ActingAs.RunAsync<WorklistService, IReadOnlyList<WorklistRow>>(factory, Specialist, s => s.ExportAsync(Query(seed.PayerQuery), [b.Id]));

        Assert.Equal([a.Id, b.Id], all.Select(r => r.Id));
        Assert.Equal([b.Id], picked.Select(r => r.Id));
        var csv = System.Text.Encoding.UTF8.GetString(WorklistCsv.Write(all, _ => null));
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("denial_id,priority,patient,", lines[0], StringComparison.Ordinal);
        Assert.Contains(",1234.50,", lines[1], StringComparison.Ordinal);
        // A name that would run as a spreadsheet formula is written as text.
        Assert.DoesNotContain(",=HYPERLINK", lines[1], StringComparison.Ordinal);
        Assert.Equal(1, await factory.WithDbAsync(d => d.AuditEvents.CountAsync(e => e.Action == "worklist.export" && e.Details!.EndsWith("ids=" + b.Id))));
    }
}
