using System.Globalization;
using AppealStudio.Data;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Denials;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AppealStudio.Browser.Tests;

/// <summary>The Admin's, the Manager's and the Physician's journeys through the real pages, with axe on every page and a check of what was stored.</summary>
[Collection(BrowserCollection.Name)]
public class RoleJourneyTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task Admin_EditsAPayerWindow_SeesItInTheList_AndFindsTheAuditRow()
    {
        var errors = new List<string>();
        await using var context = await Pages.NewContextAsync(fixture);
        var page = await Pages.NewPageAsync(context, errors);
        await Pages.SignInAsync(page, fixture, "admin@demo.local", "/settings");

        await Pages.GoAsync(page, fixture, "/settings/payers");
        var row = page.Locator("[data-testid=payer-row]").First;
        await row.WaitForAsync();
        var payerId = int.Parse(await row.GetAttributeAsync("data-payer-id") ?? "", CultureInfo.InvariantCulture);
        await Pages.AssertAccessibleAsync(page, "/settings/payers");

        // A first-level window no demo payer has, so the list can only show it after this edit.
        var days = await FirstLevelDaysAsync(payerId) is 187 ? 188 : 187;
        await row.Locator("[data-testid=edit-payer]").ClickAsync();
        var dialog = page.Locator("[data-testid=payer-dialog]");
        await dialog.WaitForAsync();
        await Pages.AssertAccessibleAsync(page, "the payer dialog");
        var field = dialog.Locator("input[data-testid=payer-FirstLevelDays], [data-testid=payer-FirstLevelDays] input").First;
        await field.FillAsync(days.ToString(CultureInfo.InvariantCulture));
        await field.BlurAsync();
        // The dialog's actions sit beside its content, not inside the element that carries its test id.
        await page.ClickAsync("[data-testid=payer-save]");
        await dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });

        var shown = page.Locator($"[data-testid=payer-row][data-payer-id='{payerId}'] ~ [data-testid=first-level], tr:has([data-payer-id='{payerId}']) [data-testid=first-level]").First;
        await page.WaitForFunctionAsync(
            "([id, d]) => [...document.querySelectorAll('tr')].some(r => r.querySelector(`[data-payer-id='${id}']`) && r.querySelector('[data-testid=first-level]')?.textContent.includes(d))",
            new object[] { payerId.ToString(CultureInfo.InvariantCulture), days.ToString(CultureInfo.InvariantCulture) });
        Assert.Contains($"{days} days", await shown.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(days, await FirstLevelDaysAsync(payerId));
        await Pages.ShotAsync(page, "admin-payers");

        // The audit trail, filtered to the payer's record number: the update, by the Admin, in words.
        await Pages.GoAsync(page, fixture, "/settings/audit");
        await page.Locator("[data-testid=audit-filter][data-ready=true]").WaitForAsync();
        var record = page.Locator("input[data-testid=filter-record], [data-testid=filter-record] input").First;
        await record.FillAsync(payerId.ToString(CultureInfo.InvariantCulture));
        await record.BlurAsync();
        // The field's clear button is drawn by the circuit once it holds the value: only then does Filter send it.
        await page.Locator("[data-testid=filter-record] .mud-input-clear-button, .filter-small .mud-input-clear-button").First.WaitForAsync();
        await page.ClickAsync("[data-testid=apply-filter]");
        await Pages.WaitForUrlAsync(page, new System.Text.RegularExpressions.Regex("[?&]record=" + payerId), "the audit filter's address");
        var update = page.Locator("[data-testid=audit-action][data-action='payer.update']").First;
        await update.WaitForAsync();
        var auditRow = page.Locator("tr", new() { Has = update }).First;
        Assert.Contains("Admin", await auditRow.Locator("[data-testid=audit-user]").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("payer.update", await update.InnerTextAsync(), StringComparison.Ordinal);
        // With the filter filled in (its clear buttons and the date pickers' buttons showing) every button has a name.
        await Pages.AssertAccessibleAsync(page, "/settings/audit with a filter");
        // At 1024 wide the trail scrolls sideways: its container is then a named region the keyboard can reach.
        await page.SetViewportSizeAsync(1024, 768);
        await page.WaitForFunctionAsync(
            "() => { const c = document.querySelector('[data-testid=audit-table] .mud-table-container'); return c && c.scrollWidth > c.clientWidth && c.getAttribute('tabindex') === '0' && c.getAttribute('aria-label') === 'Audit trail'; }");
        await Pages.AssertAccessibleAsync(page, "/settings/audit at 1024 wide");
        await Pages.ShotAsync(page, "admin-audit");

        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var id = payerId.ToString(CultureInfo.InvariantCulture);
            Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "payer.update" && a.EntityType == "PayerSetting" && a.EntityId == id), "No payer.update audit row is stored.");
        }

        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task Manager_FiltersWinRatesByPayer_SeesTheFiguresChange_AndExportsTheCsvTheDatabaseAgreesWith()
    {
        // Decided appeals of two payers of their own (the demo data has none): 1 won and 1 lost at the first, 1 partly won at the second.
        var suffix = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var mutual = "JOURNEY MUTUAL " + suffix;
        var care = "JOURNEY CARE PLAN " + suffix;
        await JourneyData.DecidedAsync(fixture, mutual, AppealDecisions.Overturned, 612.40m);
        await JourneyData.DecidedAsync(fixture, mutual, AppealDecisions.Upheld, null);
        await JourneyData.DecidedAsync(fixture, care, AppealDecisions.PartiallyOverturned, 300.00m);

        var errors = new List<string>();
        await using var context = await Pages.NewContextAsync(fixture);
        var page = await Pages.NewPageAsync(context, errors);
        await Pages.SignInAsync(page, fixture, "manager@demo.local", "/reports");
        await page.Locator("[data-testid=headline]").WaitForAsync();
        await Pages.AssertAccessibleAsync(page, "/reports");
        await Pages.ShotAsync(page, "manager-reports");

        // Win rates by payer: both payers, unfiltered.
        await Pages.GoAsync(page, fixture, "/reports/win-rates");
        var byPayer = page.Locator("[data-testid=table-win-rates-by-payer]");
        await byPayer.Locator("td[data-col=key]", new() { HasText = mutual }).WaitForAsync();
        await byPayer.Locator("td[data-col=key]", new() { HasText = care }).WaitForAsync();
        await Pages.AssertAccessibleAsync(page, "/reports/win-rates");

        // The payer filter as a user drives it: open the select, pick the payer in the popover, apply.
        await page.Locator("[data-testid=report-filter] .filter-payer .mud-input-control").First.ClickAsync();
        var option = page.GetByRole(AriaRole.Option, new() { Name = mutual, Exact = true });
        await option.WaitForAsync();
        // The list fades in: check its colours once drawn in full, not half-way through the transition.
        await Pages.WaitForPopoversSettledAsync(page);
        await Pages.AssertAccessibleAsync(page, "the payer filter's list");
        await option.ClickAsync();
        await option.WaitForAsync(new() { State = WaitForSelectorState.Hidden });
        // Apply once the select shows the pick, as a user does: under load the list can close before the circuit's
        // render of the new value reaches the page.
        await page.WaitForFunctionAsync(
            "p => [...document.querySelectorAll('[data-testid=report-filter] .filter-payer input')].some(i => i.value === p)", mutual);
        await page.ClickAsync("[data-testid=apply-filter]");
        await Pages.WaitForUrlAsync(page, new System.Text.RegularExpressions.Regex("[?&]payer=" + Uri.EscapeDataString(mutual).Replace("%20", "(%20|\\+)", StringComparison.Ordinal)), "the payer filter in the address");
        await page.WaitForFunctionAsync(
            "p => { const cells = [...document.querySelectorAll('[data-testid=table-win-rates-by-payer] td[data-col=key]')]; return cells.length > 0 && cells.every(c => c.textContent.trim() === p); }",
            mutual);
        var row = byPayer.Locator("tbody tr").First;
        Assert.Equal("2", (await row.Locator("td[data-col=decided]").InnerTextAsync()).Trim());
        Assert.Equal("1", (await row.Locator("td[data-col=won]").InnerTextAsync()).Trim());
        Assert.Contains("50", await row.Locator("td[data-col=rate]").InnerTextAsync(), StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page, "/reports/win-rates filtered by payer");
        await Pages.ShotAsync(page, "manager-win-rates");

        // The CSV of the filtered table, saved by the browser.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=csv-win-rates-by-payer]"));
        var saved = Path.Combine(BrowserFixture.ArtifactsDirectory, "manager-" + download.SuggestedFilename);
        await download.SaveAsAsync(saved);
        var lines = (await File.ReadAllLinesAsync(saved)).Where(l => l.Length > 0).ToList();
        var header = Csv(lines[0]);
        Assert.Equal(["Payer", "Decided", "Won", "Win rate (%)"], header.Take(4));
        var rows = lines.Skip(1).Select(Csv).ToList();
        var only = Assert.Single(rows);
        Assert.Equal(mutual, only[0]);

        // What the database holds for that payer's decided appeals.
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var decisions = await db.Appeals.AsNoTracking().Where(a => a.Denial.PayerName == mutual && a.Decision != null).Select(a => a.Decision!).ToListAsync();
            var won = decisions.Count(d => d is AppealDecisions.Overturned or AppealDecisions.PartiallyOverturned);
            Assert.Equal(decisions.Count.ToString(CultureInfo.InvariantCulture), only[header.IndexOf("Decided")]);
            Assert.Equal(won.ToString(CultureInfo.InvariantCulture), only[header.IndexOf("Won")]);
            Assert.Equal(2, decisions.Count);
            Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == "report.export"), "The export is not audited.");
        }

        Assert.Empty(errors);
    }

    [BrowserFact]
    public async Task Physician_ReviewsALetterAwaitingSignOff_ReturnsItWithAComment_AndTheReturnIsStoredAndAudited()
    {
        var (denialId, pcn) = await JourneyData.ImportDenialAsync(fixture, "JOURNEY HEALTH PLAN");
        var appealId = await JourneyData.AwaitingSignOffAsync(fixture, denialId);
        var id = appealId.ToString(CultureInfo.InvariantCulture);

        var errors = new List<string>();
        await using var context = await Pages.NewContextAsync(fixture);
        var page = await Pages.NewPageAsync(context, errors);
        await Pages.SignInAsync(page, fixture, JourneyData.Physician, "/signoff");
        var queued = page.Locator($"[data-testid=signoff-queue] tr[data-appeal-id='{id}']");
        await queued.WaitForAsync();
        Assert.Contains(pcn, await queued.InnerTextAsync(), StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page, "/signoff");
        await Pages.ShotAsync(page, "physician-queue");

        await queued.Locator("[data-testid=review-link]").ClickAsync();
        await Pages.WaitForUrlAsync(page, fixture.BaseUrl + "/signoff/" + id, "the sign-off review");
        await Pages.WaitForCircuitAsync(page);
        await page.Locator("[data-testid=return-form]").WaitForAsync();
        await Pages.AssertAccessibleAsync(page, "/signoff/{id}");

        // Returning without a comment is refused at the field; nothing changes.
        await page.ClickAsync("[data-testid=return-submit]");
        await page.Locator("[data-testid=return-form] .mud-input-helper-text.mud-input-error, [data-testid=return-form] .mud-input-error").First.WaitForAsync();
        Assert.Equal(AppealStatus.AwaitingSignOff, (await AppealAsync(appealId)).Status);

        const string Comment = "Cite the operative report for the separate portals on the left knee.";
        var comment = page.Locator("textarea[data-testid=return-comment], [data-testid=return-comment] textarea").First;
        await comment.FillAsync(Comment);
        await comment.BlurAsync();
        await page.ClickAsync("[data-testid=return-submit]");
        await page.Locator("[data-testid=returned-banner]").WaitForAsync();
        Assert.Contains(Comment, await page.InnerTextAsync("[data-testid=returned-banner]"), StringComparison.Ordinal);
        await Pages.AssertAccessibleAsync(page, "/signoff/{id} returned");
        await Pages.ShotAsync(page, "physician-returned");

        var appeal = await AppealAsync(appealId);
        Assert.Equal((AppealStatus.Returned, Comment), (appeal.Status, appeal.ReturnComment));
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var physicianId = await db.Users.Where(u => u.Email == JourneyData.Physician).Select(u => u.Id).SingleAsync();
            var audit = await db.AuditEvents.AsNoTracking().Where(a => a.Action == "appeal.return" && a.EntityType == "Appeal" && a.EntityId == id).ToListAsync();
            var row = Assert.Single(audit);
            Assert.Equal(physicianId, row.UserId);
            Assert.DoesNotContain(Comment, row.Details ?? "", StringComparison.Ordinal);
        }

        Assert.Empty(errors);
    }

    private async Task<Appeal> AppealAsync(long appealId)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Appeals.AsNoTracking().SingleAsync(a => a.Id == appealId);
    }

    /// <summary>One CSV line (RFC 4180 quoting) into its fields.</summary>
    private static List<string> Csv(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    private async Task<int?> FirstLevelDaysAsync(int payerId)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.PayerSettings.AsNoTracking().Where(p => p.Id == payerId).Select(p => p.FirstLevelDays).SingleAsync();
    }
}
