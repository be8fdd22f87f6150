using System.Text;
using System.Text.RegularExpressions;
using AppealStudio.Core;
using AppealStudio.Data;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Seeding;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AppealStudio.Browser.Tests;

/// <summary>
/// The appeal journey on the demo data, through the real pages: the specialist imports the demo 835, opens the
/// modifier 59 denial, starts the letter from the suggested template, picks the chart excerpts, fixes what the checks
/// report and sends it for sign-off; the physician edits the narrative and signs; the specialist exports the DOCX,
/// records the submission and the payer's decision.
/// </summary>
[Collection(BrowserCollection.Name)]
public class AppealJourneyTests(BrowserFixture fixture)
{
    private const string Modifier59Claim = "DEMO-1001";

    [BrowserFact]
    public async Task DemoModifier59Denial_ImportLetterEvidenceSignOffExportSubmitDecide_ThroughThePages()
    {
        var consoleErrors = new List<string>();
        long denialId;
        decimal deniedAmount;
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            // Only to find the URL of the demo denial (and, below, to check what the pages stored); every change goes through the pages.
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var denial = await db.Denials.AsNoTracking().Include(d => d.Claim).SingleAsync(d => d.Claim.PatientControlNumber == Modifier59Claim);
            Assert.Equal("modifier-59", denial.Scenario);
            denialId = denial.Id;
            deniedAmount = denial.Amount;
        }

        var workspacePath = $"/denials/{denialId}/appeal";
        await using var context = await NewContextAsync();

        // 1. The specialist imports the demo 835. First-run seeding imported it already, so its claims are recognised.
        var page = await Pages.NewPageAsync(context, consoleErrors);
        await Pages.SignInAsync(page, fixture, "specialist@demo.local", "/worklist");
        await Pages.GoAsync(page, fixture, "/imports");
        var file = Path.Combine(Path.GetTempPath(), $"demo-{Guid.NewGuid():N}.835");
        await File.WriteAllTextAsync(file, DemoData.RemittanceText(DateOnly.FromDateTime(DateTime.UtcNow)), Encoding.ASCII);
        try
        {
            // The file input listens once the circuit has rendered it: choose the file until the page lists it.
            await page.Locator("[data-testid=import-history]").WaitForAsync();
            var start = page.Locator("[data-testid=import-start]");
            for (var attempt = 0; await start.CountAsync() == 0; attempt++)
            {
                Assert.True(attempt < 20, "The Imports page never listed the chosen file.");
                await page.SetInputFilesAsync("input[type=file][data-testid=file-upload]", file);
                try
                {
                    await start.WaitForAsync(new() { Timeout = 3_000 });
                }
                catch (TimeoutException)
                {
                    // Not listed yet: choose it again.
                }
            }

            await start.ClickAsync();
            var result = page.Locator("[data-testid=upload-item][data-state=done] [data-testid=upload-outcome]");
            await result.WaitForAsync();
            Assert.Contains("Nothing new: 8 claims were already imported and skipped.", await result.InnerTextAsync(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }

        // 2. The denial page of the modifier 59 denial, and its "Start appeal letter" button.
        await page.GotoAsync($"{fixture.BaseUrl}/denials/{denialId}");
        Assert.Contains(Modifier59Claim, await page.InnerTextAsync("[data-testid=pcn]"), StringComparison.Ordinal);
        await page.ClickAsync("[data-testid=start-appeal]");
        await Pages.WaitForUrlAsync(page, fixture.BaseUrl + workspacePath, "the appeal workspace");

        // 3. Start the letter with the suggested template; the evidence is chosen by hand in the next step.
        var startForm = page.Locator("[data-testid=start-form]");
        await startForm.WaitForAsync();
        var suggested = startForm.Locator("[data-testid=suggestion]").First;
        Assert.Equal("template-ortho-modifier-59", await suggested.Locator("input[type=radio]").GetAttributeAsync("data-testid"));
        await page.CheckAsync("input[type=radio][data-testid=template-ortho-modifier-59]");
        // A viability warning (if the demo data raises one) is read, ticked and answered with a note before starting.
        var warnings = startForm.Locator("[data-testid=viability-warning]");
        if (await warnings.CountAsync() > 0)
        {
            foreach (var box in await warnings.Locator("input[type=checkbox]").AllAsync())
            {
                await box.CheckAsync();
            }

            await FillAsync(startForm.Locator("textarea[data-testid=ack-note]"), "The operative report documents the other knee through separate portals.");
        }

        // The appeals address comes from the payer directory (demo: Provider Appeals Unit); nothing is typed here.
        await FillAsync(startForm.Locator("input[data-testid=policy-reference]"), "Example Health Plan policy RP-112, NCCI-associated modifiers");
        // Only the chosen template's details are on the form.
        foreach (var detail in await startForm.Locator("input[data-testid^=detail-], textarea[data-testid^=detail-]").AllAsync())
        {
            await FillAsync(detail, "See the enclosed operative report");
        }

        await startForm.Locator("input[type=checkbox][data-testid=auto-evidence], [data-testid=auto-evidence] input[type=checkbox]").First.UncheckAsync();
        await page.ScreenshotAsync(new() { Path = Artifact("journey-1-start-form.png"), FullPage = true });
        await page.ClickAsync("[data-testid=start-letter]");
        await page.Locator("[data-testid=letter-panel]").WaitForAsync();
        Assert.Contains("Draft", await page.InnerTextAsync("[data-testid=appeal-status]"), StringComparison.Ordinal);
        await page.Locator("[data-testid=chosen-none]").WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-testid=chosen-excerpt]").CountAsync());
        var started = await StoredAppealAsync(denialId);
        Assert.Equal("ortho-modifier-59", started.TemplateId);
        Assert.Empty(started.Excerpts);

        // 4. The best passage (the other knee, through separate portals) for the required slot, then the evidence
        // sections re-filled. The next passage (the right knee) shows no separate approach: it does not go under that slot.
        var passages = page.Locator("[data-testid=evidence-panel] [data-testid=passage]");
        var best = passages.Nth(0);
        await ChooseAsync(page, best.Locator(".slot-select"), new Regex("^Distinct anatomic site"));
        await best.Locator("[data-testid=add-excerpt]").ClickAsync();
        await page.Locator("[data-testid=chosen-excerpt][data-label=E1]").WaitForAsync();
        await best.Locator("[data-testid=passage-chosen]").WaitForAsync();

        var next = passages.Nth(1);
        await ChooseAsync(page, next.Locator(".slot-select"), new Regex("^Separate incision"));
        await next.Locator("[data-testid=add-excerpt]").ClickAsync();
        await page.Locator(".mud-snackbar", new() { HasText = "That passage does not show what" }).WaitForAsync();
        Assert.Equal(["E1"], await page.Locator("[data-testid=chosen-excerpt]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.label)"));
        var chosen = Assert.Single((await StoredAppealAsync(denialId)).Excerpts);
        Assert.Equal(("E1", "distinct_site"), (chosen.Label, chosen.Slot));

        await page.ClickAsync("[data-testid=refill]");
        // The editor shows the re-filled text once the circuit has it.
        await page.Locator("[data-testid=letter-editor] .toastui-editor-ww-container .ProseMirror", new() { HasText = "modifier XS [E1]" }).WaitForAsync();

        // 5. The narrative nobody edited is drafted again with the chosen excerpt cited; the checks come out clean.
        var markdown = (await StoredAppealAsync(denialId)).Markdown;
        Assert.Contains("billed with modifier XS [E1].", markdown, StringComparison.Ordinal);
        Assert.False(markdown.Contains("[[MISSING", StringComparison.Ordinal), "The re-filled letter still has a marker to fill:\n" + markdown);
        await page.Locator("[data-testid=letter-issues-none]").WaitForAsync();
        Assert.Equal(0, await page.Locator("[data-testid=letter-issues-blocking]").CountAsync());
        await page.GetByRole(AriaRole.Tab, new() { Name = "Preview as sent" }).ClickAsync();
        // As sent: the merge fields resolved (the appeals address from the payer directory).
        var preview = page.Locator("[data-testid=letter-preview]", new() { HasText = "Provider Appeals Unit" });
        await preview.WaitForAsync();
        Assert.Contains("[E1]", await preview.InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("MISSING", await preview.InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("{{", await preview.InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Artifact("journey-2-letter-ready.png"), FullPage = true });
        await page.GetByRole(AriaRole.Tab, new() { Name = "Edit" }).ClickAsync();
        await page.Locator("[data-testid=letter-editor] .toastui-editor-ww-container .ProseMirror").WaitForAsync();

        // 6. Sign-off requested from the physician.
        await ChooseAsync(page, page.Locator("[data-testid=physician]"), new Regex("^Dana Reyes"));
        await page.ClickAsync("[data-testid=request-signoff]");
        var waiting = page.Locator("[data-testid=signoff-waiting]");
        await waiting.WaitForAsync();
        Assert.Contains("Dana Reyes, MD", await waiting.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Awaiting sign-off", await page.InnerTextAsync("[data-testid=appeal-status]"), StringComparison.Ordinal);
        var appealId = long.Parse(
            Regex.Match(await page.GetAttributeAsync("[data-testid=history-link]", "href") ?? "", @"appeals/(\d+)/").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);
        var requested = await StoredAppealAsync(denialId);
        Assert.Equal((appealId, AppealStatus.AwaitingSignOff), (requested.Id, requested.Status));
        await SignOutAsync(page);

        // 7. The physician reads the narrative beside the excerpt, corrects it, and signs.
        await Pages.SignInAsync(page, fixture, "physician@demo.local", "/signoff");
        var queueRow = page.Locator($"[data-testid=signoff-queue] tr[data-appeal-id='{appealId}']");
        Assert.Contains(Modifier59Claim, await queueRow.InnerTextAsync(), StringComparison.Ordinal);
        await queueRow.Locator("a", new() { HasText = "Review" }).ClickAsync();
        await Pages.WaitForUrlAsync(page, fixture.BaseUrl + "/signoff/" + appealId, "the sign-off review");

        Assert.Contains("contralateral left knee", await page.InnerTextAsync("[data-testid=excerpts]"), StringComparison.Ordinal);
        var narrative = await page.InputValueAsync("[data-testid=narrative]");
        Assert.Contains("[E1]", narrative, StringComparison.Ordinal);
        const string Added = " I performed both procedures under one anesthetic through separate portals [E1].";
        var edited = narrative.TrimEnd() + Added;
        await page.FillAsync("[data-testid=narrative]", edited);
        Assert.False(string.IsNullOrWhiteSpace(await page.InnerTextAsync("[data-testid=attestation]")));
        await page.CheckAsync("input[data-testid=attested]");
        // The name as the physician writes it: credentials and case do not matter.
        await page.FillAsync("input[data-testid=full-name]", "dana reyes");
        await page.FillAsync("input[data-testid=password]", Pages.Password);
        await page.ScreenshotAsync(new() { Path = Artifact("journey-3-signoff-review.png"), FullPage = true });
        await page.ClickAsync("[data-testid=sign-submit]");
        await page.Locator("[data-testid=signed-banner]").WaitForAsync();
        Assert.Contains("Signed by Dana Reyes, MD", await page.InnerTextAsync("[data-testid=signed-banner]"), StringComparison.Ordinal);
        Assert.Contains("through separate portals [E1].", await page.InnerTextAsync("[data-testid=signoff-diff]"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("[data-testid=sign-form]").CountAsync());
        var shownHash = (await page.InnerTextAsync("[data-testid=signature-hash]")).Trim();
        Assert.Matches("^[0-9a-f]{64}$", shownHash);
        await page.ScreenshotAsync(new() { Path = Artifact("journey-4-signed.png"), FullPage = true });
        await SignOutAsync(page);

        // 8. The specialist exports the signed letter as DOCX: the signed narrative and the citations are in it.
        await Pages.SignInAsync(page, fixture, "specialist@demo.local", "/worklist");
        await Pages.GoAsync(page, fixture, workspacePath);
        await page.Locator("[data-testid=export-panel]").WaitForAsync();
        Assert.Contains("Signed", await page.InnerTextAsync("[data-testid=appeal-status]"), StringComparison.Ordinal);
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=export-docx]"));
        var docxPath = Artifact("journey-letter.docx");
        await download.SaveAsAsync(docxPath);
        var docxText = DocxText(docxPath);
        Assert.Contains("through separate portals [E1].", docxText, StringComparison.Ordinal);
        Assert.Contains(ClinicalNarrativeStart(edited), docxText, StringComparison.Ordinal);
        Assert.Contains("[E1]", docxText, StringComparison.Ordinal);
        Assert.Contains("contralateral left knee", docxText, StringComparison.Ordinal);
        Assert.DoesNotContain("MISSING", docxText, StringComparison.Ordinal);

        // 9. The submission, then the payer's decision: overturned, the denied amount recovered.
        await page.ClickAsync("[data-testid=record-submission-open]");
        await FillAsync(page.Locator("input[data-testid=reference]"), "PORTAL-CONF-778812");
        await page.ClickAsync("[data-testid=record-submission]");
        var submission = page.Locator("[data-testid=submission-recorded]");
        await submission.WaitForAsync();
        Assert.Contains("PORTAL-CONF-778812", await submission.InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("[data-testid=submission-dialog]").WaitForAsync(new() { State = WaitForSelectorState.Detached });

        await page.ClickAsync("[data-testid=record-decision-open]");
        await ChooseAsync(page, page.Locator("[data-testid=decision]"), new Regex(@"^\s*Overturned\s*$"));
        await FillAsync(page.Locator("input[data-testid=amount-recovered]"), deniedAmount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        // Sent and decided the same day in this journey: the dialog asks for that to be confirmed (issue 13).
        await page.Locator("input[type=checkbox][data-testid=confirm-same-day], [data-testid=confirm-same-day] input[type=checkbox]").First.CheckAsync();
        await page.ClickAsync("[data-testid=record-decision]");
        var decision = page.Locator("[data-testid=decision-recorded]");
        await decision.WaitForAsync();
        Assert.Contains("Overturned", await decision.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(Display.Money(deniedAmount), await decision.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Decided", await page.InnerTextAsync("[data-testid=appeal-status]"), StringComparison.Ordinal);
        // A full-page shot starts where the page is scrolled: from the top, so the app bar stays at the top.
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = Artifact("journey-5-decided.png"), FullPage = true });
        var decided = await StoredAppealAsync(denialId);
        Assert.Equal(("PORTAL-CONF-778812", AppealDecisions.Overturned, (decimal?)deniedAmount, AppealStatus.Decided),
            (decided.SubmissionReference, decided.Decision, decided.AmountRecovered, decided.Status));

        await Pages.GoAsync(page, fixture, $"/denials/{denialId}");
        Assert.Equal("Decided", (await page.InnerTextAsync("[data-testid=status-card] [data-testid=status]")).Trim());

        Assert.Empty(consoleErrors);
    }

    private Task<IBrowserContext> NewContextAsync() =>
        fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 900 } });

    private static async Task SignOutAsync(IPage page)
    {
        await page.ClickAsync("[data-testid=user-button]");
        await page.Locator("[data-testid=sign-out]").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await page.ClickAsync("[data-testid=sign-out]");
        await Pages.WaitForUrlAsync(page, new Regex(@"/account/signin\?signedOut=1"), "the sign-in page after signing out");
    }

    /// <summary>Types into a MudBlazor text field; it takes the value on change, so focus leaves the field afterwards.</summary>
    private static async Task FillAsync(ILocator field, string value)
    {
        await field.FillAsync(value);
        await field.BlurAsync();
    }

    /// <summary>
    /// Picks an item of a MudSelect: a click on its input control opens the popover list, a click on the item closes it.
    /// <paramref name="inside"/> is the element carrying the select's data-testid or class.
    /// </summary>
    private static async Task ChooseAsync(IPage page, ILocator inside, Regex item)
    {
        const string Control = "contains(concat(' ', normalize-space(@class), ' '), ' mud-input-control ')";
        await inside.Locator($"xpath=ancestor-or-self::div[{Control}][1] | descendant::div[{Control}][1]").First.ClickAsync();
        var option = page.Locator(".mud-popover-open .mud-list-item", new() { HasTextRegex = item }).First;
        await option.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").First.WaitForAsync(new() { State = WaitForSelectorState.Hidden });
    }

    /// <summary>The denial's appeal as stored, to check what the pages wrote.</summary>
    private async Task<Appeal> StoredAppealAsync(long denialId)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Appeals.AsNoTracking().Include(a => a.Excerpts).Where(a => a.DenialId == denialId).OrderByDescending(a => a.Id).FirstAsync();
    }

    private static string Artifact(string name) => Path.Combine(BrowserFixture.ArtifactsDirectory, name);

    private static string ClinicalNarrativeStart(string narrative)
    {
        var first = narrative.Trim().Split('\n')[0];
        return first.Length > 60 ? first[..60] : first;
    }

    private static string DocxText(string path)
    {
        using var document = WordprocessingDocument.Open(path, false);
        var body = document.MainDocumentPart!.Document.Body!;
        return string.Join("\n", body.Descendants<Paragraph>().Select(p => p.InnerText));
    }
}
