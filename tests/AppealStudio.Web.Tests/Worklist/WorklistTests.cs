using System.Net;
using AngleSharp.Html.Dom;
using AppealStudio.Data.Denials;
using AppealStudio.Web.Tests.Denials;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Web.Tests.Worklist;

public class WorklistTests
{
    private const string Specialist = "specialist@demo.local";

    private static List<long> RowIds(IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=worklist-table] tbody tr").Select(r => long.Parse(r.GetAttribute("data-denial-id")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    private static int Count(IHtmlDocument page, string view) =>
        int.Parse(page.QuerySelector($"[data-testid=count-{view}]")!.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Worklist_Default_OrdersByPriorityScoreDescending(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var low = await seed.AddAsync(d => d.PriorityScore = 10m);
        var high = await seed.AddAsync(d => d.PriorityScore = 300.5m);
        var mid = await seed.AddAsync(d => d.PriorityScore = 55m);
        using var client = await BrowserlessClient.SignedInAsync(factory, Specialist);

        var page = await client.GetDocumentAsync("/worklist?" + seed.PayerQuery);

        Assert.Equal([high.Id, mid.Id, low.Id], RowIds(page));
        Assert.Equal("300.5", page.QuerySelector("[data-testid=priority]")!.TextContent.Trim());
        Assert.Equal($"/denials/{high.Id}", page.QuerySelector("[data-testid=denial-link]")!.GetAttribute("href"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Worklist_SortByAmountDeadlinePayerAge_OrdersAndFlipsDirection(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var today = DenialBuilder.Today;
        var a = await seed.AddAsync(d => { d.Amount = 50m; d.AppealDeadline = today.AddDays(20); d.RemittanceDate = today.AddDays(-5); });
        var b = await seed.AddAsync(d => { d.Amount = 900m; d.AppealDeadline = today.AddDays(3); d.RemittanceDate = today.AddDays(-30); });
        var c = await seed.AddAsync(d => { d.Amount = 200m; d.AppealDeadline = null; d.RemittanceDate = today.AddDays(-1); });
        using var client = await BrowserlessClient.SignedInAsync(factory, Specialist);

        Assert.Equal([b.Id, c.Id, a.Id], RowIds(await client.GetDocumentAsync($"/worklist?{seed.PayerQuery}&sort=amount")));
        Assert.Equal([a.Id, c.Id, b.Id], RowIds(await client.GetDocumentAsync($"/worklist?{seed.PayerQuery}&sort=amount&dir=asc")));
        // Soonest deadline first; an unknown deadline last.
        var byDeadline = await client.GetDocumentAsync($"/worklist?{seed.PayerQuery}&sort=deadline");
        Assert.Equal([b.Id, a.Id, c.Id], RowIds(byDeadline));
        // Clicking the current sort column again flips it.
        Assert.Contains("dir=desc", byDeadline.QuerySelector("[data-testid=sort-deadline]")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal([b.Id, a.Id, c.Id], RowIds(await client.GetDocumentAsync($"/worklist?{seed.PayerQuery}&sort=age")));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Worklist_EachFilter_ShowsTheHandCountedRows(TestDatabase db)
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
        var plain = await seed.AddAsync();
        using var client = await BrowserlessClient.SignedInAsync(factory, Specialist);

        async Task Expect(string filter, params long[] ids)
        {
            var page = await client.GetDocumentAsync($"/worklist?{seed.PayerQuery}&{filter}");
            Assert.True(ids.Order().SequenceEqual(RowIds(page).Order()), $"{filter}: expected [{string.Join(",", ids)}], got [{string.Join(",", RowIds(page))}]");
            Assert.Equal(ids.Length, Count(page, "all"));
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
        var pcn = (await factory.WithDbAsync(d => d.Claims.SingleAsync(c => c.Id == plain.ClaimId))).PatientControlNumber;
        await Expect("q=" + pcn.ToLowerInvariant(), plain.Id);
        await Expect("owner=coder&severity=soft");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Worklist_Views_CountWhatEachViewShows(TestDatabase db)
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
        using var client = await BrowserlessClient.SignedInAsync(factory, Specialist);

        var page = await client.GetDocumentAsync("/worklist?" + seed.PayerQuery);

        Assert.Equal(6, Count(page, "all"));
        Assert.Equal(2, Count(page, "mine"));
        Assert.Equal(2, Count(page, "due14"));
        Assert.Equal(2, Count(page, "high"));
        Assert.Equal(1, Count(page, "signoff"));
        Assert.Equal(1, Count(page, "past"));
        Assert.Equal([mine.Id, mineDue.Id, due.Id, signOff.Id, past.Id, noDeadline.Id], RowIds(page).Order());

        async Task<List<long>> View(string view) =>
            RowIds(await client.GetDocumentAsync($"/worklist?view={view}&{seed.PayerQuery}")).Order().ToList();
        Assert.Equal([mine.Id, mineDue.Id], await View("mine"));
        Assert.Equal([mineDue.Id, due.Id], await View("due14"));
        Assert.Equal([mineDue.Id, signOff.Id], await View("high"));
        Assert.Equal([signOff.Id], await View("signoff"));
        Assert.Equal([past.Id], await View("past"));

        // Another user's queue is their own.
        using var manager = await BrowserlessClient.SignedInAsync(factory, "manager@demo.local");
        Assert.Equal(0, Count(await manager.GetDocumentAsync("/worklist?" + seed.PayerQuery), "mine"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Worklist_Url_RoundTripsIntoTheFormAndEveryLink(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        await seed.AddAsync(d => { d.Owner = "coder"; d.Amount = 700m; d.AppealDeadline = DenialBuilder.Today.AddDays(9); });
        using var client = await BrowserlessClient.SignedInAsync(factory, Specialist);
        var url = $"/worklist?view=high&owner=coder&{seed.PayerQuery}&deadline=8-14&min=600&q=99214&sort=amount&dir=asc";

        var page = await client.GetDocumentAsync(url);

        Assert.Single(RowIds(page));
        var form = page.QuerySelector("[data-testid=worklist-filters]")!;
        Assert.Equal("coder", form.QuerySelector("#wl-owner option[selected]")!.GetAttribute("value"));
        Assert.Equal(seed.Payer, form.QuerySelector("#wl-payer option[selected]")!.GetAttribute("value"));
        Assert.Equal("8-14", form.QuerySelector("#wl-deadline option[selected]")!.GetAttribute("value"));
        Assert.Equal("600", form.QuerySelector("#wl-min")!.GetAttribute("value"));
        Assert.Equal("99214", form.QuerySelector("#wl-q")!.GetAttribute("value"));
        Assert.Equal("high", form.QuerySelector("input[name=view]")!.GetAttribute("value"));
        Assert.Equal("asc", form.QuerySelector("input[name=dir]")!.GetAttribute("value"));
        Assert.Equal("page", page.QuerySelector("[data-testid=view-high]")!.GetAttribute("aria-current"));

        // Links keep every filter: switching view, sorting, clearing.
        var toMine = page.QuerySelector("[data-testid=view-mine]")!.GetAttribute("href")!;
        Assert.Equal($"/worklist?view=mine&owner=coder&payer={Uri.EscapeDataString(seed.Payer)}&deadline=8-14&min=600&q=99214&sort=amount&dir=asc", toMine);
        Assert.Equal(toMine, page.QuerySelector("[data-testid=view-mine]")!.GetAttribute("hx-get"));
        Assert.Equal("/worklist?view=high&sort=amount&dir=asc", page.QuerySelector("[data-testid=clear-filters]")!.GetAttribute("href"));

        // The canonical URL of the query reloads to the same page.
        var again = await client.GetDocumentAsync(page.QuerySelector("[data-testid=view-high]")!.GetAttribute("href")!);
        Assert.Equal(RowIds(page), RowIds(again));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Worklist_MoreThanAPage_PagesByFifty(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        for (var i = 0; i < 53; i++)
        {
            var score = 1000m - i;
            await seed.AddAsync(d => d.PriorityScore = score);
        }

        using var client = await BrowserlessClient.SignedInAsync(factory, Specialist);
        var first = await client.GetDocumentAsync("/worklist?" + seed.PayerQuery);
        Assert.Equal(50, RowIds(first).Count);
        Assert.Contains("1–50 of 53", first.QuerySelector("[data-testid=pager-summary]")!.TextContent, StringComparison.Ordinal);

        var next = first.QuerySelector("[data-testid=pager-next]")!.GetAttribute("href")!;
        Assert.EndsWith("&page=2", next, StringComparison.Ordinal);
        var second = await client.GetDocumentAsync(next);
        var all = RowIds(first).Concat(RowIds(second)).ToList();
        Assert.Equal(53, all.Distinct().Count());
        Assert.Equal(3, RowIds(second).Count);
        Assert.Null(second.QuerySelector("[data-testid=pager-next]"));

        // A page past the end shows the last page instead of nothing.
        Assert.Equal(RowIds(second), RowIds(await client.GetDocumentAsync($"/worklist?{seed.PayerQuery}&page=99")));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Worklist_HtmxRequest_ReturnsOnlyTheBodyWithVaryAndCanonicalPushUrl(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var denial = await seed.AddAsync();
        using var client = await BrowserlessClient.SignedInAsync(factory, Specialist);
        var url = $"/worklist?{seed.PayerQuery}&owner=&status=&q=";

        using var htmx = new HttpRequestMessage(HttpMethod.Get, url);
        htmx.Headers.Add("HX-Request", "true");
        var fragment = await client.Http.SendAsync(htmx);
        var html = await fragment.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, fragment.StatusCode);
        Assert.DoesNotContain("<html", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data-testid=\"main-nav\"", html, StringComparison.Ordinal);
        Assert.StartsWith("<div id=\"worklist\"", html.TrimStart(), StringComparison.Ordinal);
        Assert.Contains($"data-denial-id=\"{denial.Id}\"", html, StringComparison.Ordinal);
        Assert.Contains("HX-Request", fragment.Headers.Vary);
        Assert.Equal("/worklist?" + seed.PayerQuery, fragment.Headers.GetValues("HX-Push-Url").Single());

        // The same URL from a browser (or htmx restoring history) is the whole page.
        var full = await client.Http.GetAsync(url);
        Assert.Contains("<html", await full.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("HX-Request", full.Headers.Vary);
        using var restore = new HttpRequestMessage(HttpMethod.Get, url);
        restore.Headers.Add("HX-Request", "true");
        restore.Headers.Add("HX-History-Restore-Request", "true");
        Assert.Contains("<html", await (await client.Http.SendAsync(restore)).Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Worklist_HtmxRequest_ByPhysician_IsRefused(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var client = await BrowserlessClient.SignedInAsync(factory, "physician@demo.local");
        using var htmx = new HttpRequestMessage(HttpMethod.Get, "/worklist");
        htmx.Headers.Add("HX-Request", "true");

        var response = await client.Http.SendAsync(htmx);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(response.Headers.Contains("HX-Redirect"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Worklist_NothingMatches_SaysSoWithAClearFiltersLink(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        await seed.AddAsync();
        using var client = await BrowserlessClient.SignedInAsync(factory, Specialist);

        var page = await client.GetDocumentAsync($"/worklist?{seed.PayerQuery}&owner=credentialing&min=abc");

        Assert.Contains("No denials match", page.QuerySelector("[data-testid=empty-state]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/worklist", page.QuerySelector("[data-testid=empty-clear-filters]")!.GetAttribute("href"));
        Assert.Contains("Amount from must be an amount", page.QuerySelector("[data-testid=filter-error]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("abc", page.QuerySelector("#wl-min")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector("[data-testid=worklist-table]"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Worklist_DeadlineDisplay_ColoursByDaysLeftAndFlagsTheDefaultWindow(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var today = DenialBuilder.Today;
        var past = await seed.AddAsync(d => { d.AppealDeadline = today.AddDays(-3); d.PriorityScore = 4; });
        var soon = await seed.AddAsync(d => { d.AppealDeadline = today.AddDays(12); d.PriorityScore = 3; });
        var far = await seed.AddAsync(d => { d.AppealDeadline = today.AddDays(45); d.DeadlineIsDefault = true; d.PriorityScore = 2; });
        using var client = await BrowserlessClient.SignedInAsync(factory, Specialist);

        var page = await client.GetDocumentAsync($"/worklist?{seed.PayerQuery}&status=New");
        var row = (long id) => page.QuerySelector($"tr[data-denial-id='{id}']")!;

        Assert.Equal("3 days past", row(past.Id).QuerySelector("[data-testid=days-left]")!.TextContent);
        Assert.True(row(past.Id).QuerySelector("[data-testid=days-left]")!.ClassList.Contains("text-danger"));
        Assert.Equal("12 days left", row(soon.Id).QuerySelector("[data-testid=days-left]")!.TextContent);
        Assert.True(row(soon.Id).QuerySelector("[data-testid=days-left]")!.ClassList.Contains("text-warning-emphasis"));
        Assert.Equal("45 days left", row(far.Id).QuerySelector("[data-testid=days-left]")!.TextContent);
        Assert.NotNull(row(far.Id).QuerySelector("[data-testid=default-deadline]"));
        Assert.Null(row(soon.Id).QuerySelector("[data-testid=default-deadline]"));
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
        using var client = await BrowserlessClient.SignedInAsync(factory, Specialist);
        var page = await client.GetDocumentAsync("/worklist?" + seed.PayerQuery);
        Assert.Contains(page.QuerySelectorAll("#bulk-assignee option"), o => o.GetAttribute("value") == managerId);
        Assert.DoesNotContain(page.QuerySelectorAll("#bulk-assignee option"), o => o.TextContent.Contains("Reyes", StringComparison.Ordinal));

        var response = await FormPosts.PostAsync(client, page, "[data-testid=worklist-bulk]",
            [new("ids", a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("ids", b.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
             new("assignee", managerId), new("op", "assign")]);

        var result = await FormPosts.OkDocumentAsync(response);
        Assert.Contains("Assigned to Morgan Manager: 2 of 2 denials.", result.QuerySelector("[data-testid=bulk-result]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Morgan Manager", result.QuerySelector($"tr[data-denial-id='{a.Id}'] [data-testid=assignee]")!.TextContent);
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
        using var client = await BrowserlessClient.SignedInAsync(factory, Specialist);
        var page = await client.GetDocumentAsync("/worklist?" + seed.PayerQuery);

        var response = await FormPosts.PostAsync(client, page, "[data-testid=worklist-bulk]",
            [.. new[] { a, b, waiting }.Select(d => new KeyValuePair<string, string>("ids", d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))),
             new("status", "Submitted"), new("op", "status")]);

        var result = await FormPosts.OkDocumentAsync(response);
        var box = result.QuerySelector("[data-testid=bulk-result]")!;
        Assert.Contains("Moved to Submitted: 2 of 3 denials.", box.TextContent, StringComparison.Ordinal);
        var failure = Assert.Single(box.QuerySelectorAll("[data-testid=bulk-failures] li"));
        Assert.Equal(waiting.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), failure.GetAttribute("data-denial-id"));
        Assert.Contains("Awaiting sign-off cannot move to Submitted", failure.TextContent, StringComparison.Ordinal);
        Assert.Equal(DenialStatus.Submitted, (await seed.ReloadAsync(a.Id)).Status);
        Assert.Equal(DenialStatus.Submitted, (await seed.ReloadAsync(b.Id)).Status);
        Assert.Equal(DenialStatus.AwaitingSignOff, (await seed.ReloadAsync(waiting.Id)).Status);
        Assert.Empty(await seed.EventsAsync(waiting.Id));
        var ev = Assert.Single(await seed.EventsAsync(b.Id));
        Assert.Equal(("status", "InProgress", "Submitted"), (ev.Type, ev.FromStatus, ev.ToStatus));
        // The failed row stays selected so it can be dealt with; the others are now out of the open list.
        Assert.True(result.QuerySelector($"tr[data-denial-id='{waiting.Id}'] input[name=ids]")!.HasAttribute("checked"));
        Assert.Null(result.QuerySelector($"tr[data-denial-id='{a.Id}']"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Bulk_BadRequests_AreRefusedWithAMessageAndChangeNothing(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var a = await seed.AddAsync();
        var id = a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var client = await BrowserlessClient.SignedInAsync(factory, Specialist);
        var page = await client.GetDocumentAsync("/worklist?" + seed.PayerQuery);

        async Task<string> Post(params KeyValuePair<string, string>[] values) =>
            (await FormPosts.OkDocumentAsync(await FormPosts.PostAsync(client, page, "[data-testid=worklist-bulk]", values)))
                .QuerySelector("[data-testid=bulk-result]")!.TextContent;

        Assert.Contains("Select at least one denial", await Post(new("op", "assign"), new("assignee", "none")), StringComparison.Ordinal);
        Assert.Contains("Choose who to assign", await Post(new("ids", id), new("op", "assign")), StringComparison.Ordinal);
        Assert.Contains("Choose a specialist, manager or admin", await Post(new("ids", id), new("op", "assign"),
            new("assignee", await DenialBuilder.UserIdAsync(factory, "physician@demo.local"))), StringComparison.Ordinal);
        Assert.Contains("Choose the new status", await Post(new("ids", id), new("op", "status"), new("status", "Bogus")), StringComparison.Ordinal);

        var refused = await FormPosts.OkDocumentAsync(await FormPosts.PostAsync(client, page, "[data-testid=worklist-bulk]",
            [new("ids", id), new("op", "status"), new("status", "WrittenOff")]));
        Assert.Contains("Enter the reason for the write-off.", refused.QuerySelector("[data-testid=bulk-result]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("WrittenOff", refused.QuerySelector("#bulk-status option[selected]")!.GetAttribute("value"));
        Assert.True(refused.QuerySelector($"tr[data-denial-id='{a.Id}'] input[name=ids]")!.HasAttribute("checked"));

        var unchanged = await seed.ReloadAsync(a.Id);
        Assert.Equal((DenialStatus.New, null, 0), (unchanged.Status, unchanged.AssigneeUserId, unchanged.Version));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Bulk_WithoutAntiforgeryToken_IsRejected(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var a = await seed.AddAsync();
        using var client = await BrowserlessClient.SignedInAsync(factory, Specialist);

        var response = await client.Http.PostAsync("/worklist?" + seed.PayerQuery, new FormUrlEncodedContent(
            [new("_handler", "worklist-bulk"), new("ids", a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("op", "status"), new("status", "InProgress")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(DenialStatus.New, (await seed.ReloadAsync(a.Id)).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Worklist_Physician_IsSentToAccessDenied(TestDatabase db)
    {
        using var client = await BrowserlessClient.SignedInAsync(AppFactory.For(db), "physician@demo.local");

        var response = await client.Http.GetAsync("/worklist");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/access-denied", Account.SignInTests.PathOf(response));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Worklist_HtmxFragment_BulkFormPostsBackToThePage(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var seed = new DenialBuilder(factory);
        var a = await seed.AddAsync();
        using var client = await BrowserlessClient.SignedInAsync(factory, "manager@demo.local");
        using var htmx = new HttpRequestMessage(HttpMethod.Get, "/worklist?" + seed.PayerQuery);
        htmx.Headers.Add("HX-Request", "true");
        var fragment = await BrowserlessClient.ParseAsync(await client.Http.SendAsync(htmx));

        var response = await FormPosts.PostAsync(client, fragment, "[data-testid=worklist-bulk]",
            [new("ids", a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("op", "status"), new("status", "InProgress")]);

        var page = await FormPosts.OkDocumentAsync(response);
        Assert.Contains("Moved to In progress: 1 of 1 denial.", page.QuerySelector("[data-testid=bulk-result]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(DenialStatus.InProgress, (await seed.ReloadAsync(a.Id)).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Page_HtmxConfig_KeepsNoHistorySnapshotsInTheBrowser(TestDatabase db)
    {
        using var client = await BrowserlessClient.SignedInAsync(AppFactory.For(db), Specialist);

        var page = await client.GetDocumentAsync("/worklist");

        // htmx's history cache would copy pages with patient names into localStorage, which outlives the session.
        var config = System.Text.Json.JsonDocument.Parse(page.QuerySelector("meta[name=htmx-config]")!.GetAttribute("content")!).RootElement;
        Assert.Equal(0, config.GetProperty("historyCacheSize").GetInt32());
        Assert.True(config.GetProperty("refreshOnHistoryMiss").GetBoolean());
        Assert.DoesNotContain("style", config.GetProperty("attributesToSettle").EnumerateArray().Select(e => e.GetString()));
    }
}
