using System.Text;
using System.Text.RegularExpressions;
using AppealStudio.Data;
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
    private const string Password = "Demo!Pass2026";
    private const string Modifier59Claim = "DEMO-1001";

    [BrowserFact]
    public async Task DemoModifier59Denial_ImportLetterEvidenceSignOffExportSubmitDecide_ThroughThePages()
    {
        var consoleErrors = new List<string>();
        long denialId;
        decimal deniedAmount;
        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            // Only to find the URL of the demo denial; every change below goes through the pages.
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var denial = await db.Denials.AsNoTracking().Include(d => d.Claim).SingleAsync(d => d.Claim.PatientControlNumber == Modifier59Claim);
            Assert.Equal("modifier-59", denial.Scenario);
            denialId = denial.Id;
            deniedAmount = denial.Amount;
        }

        var workspaceUrl = $"{fixture.BaseUrl}/denials/{denialId}/appeal";
        await using var context = await NewContextAsync();

        // 1. The specialist imports the demo 835. First-run seeding imported it already, so its claims are recognised.
        var page = await SignedInPageAsync(context, "specialist@demo.local", "/worklist", consoleErrors);
        await page.GotoAsync(fixture.BaseUrl + "/imports");
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
                    await start.WaitForAsync(new() { Timeout = 1_000 });
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
        await page.WaitForURLAsync(workspaceUrl);

        // 3. Start the letter with the suggested template; the evidence is chosen by hand in the next step.
        var suggested = page.Locator("[data-testid=start-form] [data-testid=suggestion]").First;
        Assert.Equal("ortho-modifier-59", await suggested.Locator("input[type=radio]").GetAttributeAsync("value"));
        await page.CheckAsync("#tpl-ortho-modifier-59");
        // The appeals address comes from the payer directory (demo: Provider Appeals Unit); nothing is typed here.
        await page.FillAsync("#policy-reference", "Example Health Plan policy RP-112, NCCI-associated modifiers");
        foreach (var detail in await page.Locator("[data-testid=start-form] input[id^=detail-]").AllAsync())
        {
            var usedBy = await detail.Locator("xpath=following-sibling::div[contains(@class,'form-text')]").InnerTextAsync();
            if (usedBy.Contains("ortho-modifier-59", StringComparison.Ordinal))
            {
                await detail.FillAsync("See the enclosed operative report");
            }
        }

        await page.UncheckAsync("#auto-evidence");
        await page.ScreenshotAsync(new() { Path = Artifact("journey-1-start-form.png"), FullPage = true });
        await page.ClickAsync("[data-testid=start-letter]");
        await page.WaitForURLAsync(new Regex(@"/appeal\?msg=started"));
        Assert.Contains("draft", await page.InnerTextAsync("[data-testid=appeal-status]"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("[data-testid=chosen-excerpt]").CountAsync());

        // 4. The best passage (the other knee, through separate portals) for the required slot, then the evidence
        // sections re-filled. The next passage (the right knee) shows no separate approach: it does not go under that slot.
        var form = page.Locator("[data-testid=add-excerpt-form]").First;
        await form.Locator("select").SelectOptionAsync("distinct_site");
        await form.Locator("[data-testid=add-excerpt]").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/appeal\?msg=excerpt-added"));
        form = page.Locator("[data-testid=add-excerpt-form]").First;
        await form.Locator("select").SelectOptionAsync("separate_approach");
        await form.Locator("[data-testid=add-excerpt]").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/appeal\?msg=excerpt-invalid"));

        Assert.Equal(["E1"], await page.Locator("[data-testid=chosen-excerpt]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.label)"));
        await page.ClickAsync("[data-testid=refill]");
        await page.WaitForURLAsync(new Regex(@"/appeal\?msg=refilled"));

        // 5. The narrative nobody edited is drafted again with the chosen excerpt cited; the checks come out clean.
        var markdown = await page.InputValueAsync("[data-testid=letter-markdown]");
        Assert.Contains("billed with modifier XS [E1].", markdown, StringComparison.Ordinal);
        var filled = FillMissing(markdown);
        if (filled != markdown)
        {
            await page.FillAsync("[data-testid=letter-markdown]", filled);
            await page.RunAndWaitForResponseAsync(() => page.ClickAsync("[data-testid=save-letter]"), r => r.Url.EndsWith("/save", StringComparison.Ordinal));
            await page.GotoAsync(workspaceUrl);
            markdown = await page.InputValueAsync("[data-testid=letter-markdown]");
        }

        Assert.DoesNotContain("[[MISSING", markdown, StringComparison.Ordinal);
        Assert.Contains("Provider Appeals Unit", await page.InnerTextAsync("[data-testid=letter-preview]"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("[data-testid=letter-issues-blocking]").CountAsync());
        await page.Locator("[data-testid=letter-issues-none]").WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Artifact("journey-2-letter-ready.png"), FullPage = true });

        // 6. Sign-off requested from the physician.
        var physicianOption = page.Locator("#physician option", new() { HasText = "Dana Reyes" });
        await page.SelectOptionAsync("#physician", await physicianOption.GetAttributeAsync("value") ?? "");
        await page.ClickAsync("[data-testid=request-signoff]");
        await page.WaitForURLAsync(new Regex(@"/appeal\?msg=signoff-requested"));
        Assert.Contains("Dana Reyes, MD", await page.InnerTextAsync("[data-testid=signoff-waiting]"), StringComparison.Ordinal);
        var appealId = long.Parse(
            Regex.Match(await page.GetAttributeAsync("[data-testid=history-link]", "href") ?? "", @"appeals/(\d+)/").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);
        await SignOutAsync(page);

        // 7. The physician reads the narrative beside the excerpt, corrects it, and signs.
        await SignInAsync(page, "physician@demo.local", "/signoff");
        var queueRow = page.Locator($"[data-testid=signoff-queue] tr[data-appeal-id='{appealId}']");
        Assert.Contains(Modifier59Claim, await queueRow.InnerTextAsync(), StringComparison.Ordinal);
        await queueRow.Locator("a", new() { HasText = "Review" }).ClickAsync();
        await page.WaitForURLAsync(fixture.BaseUrl + "/signoff/" + appealId);

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
        await page.FillAsync("input[data-testid=password]", Password);
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
        await SignInAsync(page, "specialist@demo.local", "/worklist");
        await page.GotoAsync(workspaceUrl);
        Assert.Contains("signed", await page.InnerTextAsync("[data-testid=appeal-status]"), StringComparison.Ordinal);
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
        await page.FillAsync("#reference", "PORTAL-CONF-778812");
        await page.ClickAsync("[data-testid=record-submission]");
        await page.WaitForURLAsync(new Regex(@"/appeal\?msg=submitted"));
        Assert.Contains("PORTAL-CONF-778812", await page.InnerTextAsync("[data-testid=submission-recorded]"), StringComparison.Ordinal);

        var amount = deniedAmount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        await page.SelectOptionAsync("#decision", "overturned");
        await page.FillAsync("#amount", amount);
        // Sent and decided the same day in this journey: the workspace asks for that to be confirmed (issue 13).
        await page.CheckAsync("#confirm-same-day");
        await page.ClickAsync("[data-testid=record-decision]");
        await page.WaitForURLAsync(new Regex(@"/appeal\?msg=decided"));
        var decision = await page.InnerTextAsync("[data-testid=decision-recorded]");
        Assert.Contains("Overturned", decision, StringComparison.Ordinal);
        Assert.Contains("$" + amount, decision, StringComparison.Ordinal);
        Assert.Equal("Decided", (await page.InnerTextAsync("[data-testid=denial-summary] [data-testid=denial-status]")).Trim());
        Assert.Contains("decided", await page.InnerTextAsync("[data-testid=appeal-status]"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Artifact("journey-5-decided.png"), FullPage = true });

        await page.GotoAsync($"{fixture.BaseUrl}/denials/{denialId}");
        Assert.Equal("Decided", (await page.InnerTextAsync("[data-testid=denial-status]")).Trim());

        Assert.Empty(consoleErrors);
    }

    private Task<IBrowserContext> NewContextAsync() =>
        fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 900 } });

    private async Task<IPage> SignedInPageAsync(IBrowserContext context, string email, string home, List<string> consoleErrors)
    {
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        page.SetDefaultNavigationTimeout(60_000);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };
        await page.GotoAsync(fixture.BaseUrl + "/account/signin");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("[data-testid=signin-submit]");
        await page.WaitForURLAsync(fixture.BaseUrl + home);
        return page;
    }

    private async Task SignInAsync(IPage page, string email, string home)
    {
        await page.GotoAsync(fixture.BaseUrl + "/account/signin");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("[data-testid=signin-submit]");
        await page.WaitForURLAsync(fixture.BaseUrl + home);
    }

    private async Task SignOutAsync(IPage page)
    {
        await page.ClickAsync("[data-testid=user-menu]");
        await page.ClickAsync("[data-testid=sign-out]");
        await page.WaitForURLAsync(new Regex(@"/account/signin\?signedOut=1"));
    }

    private static string Artifact(string name) => Path.Combine(BrowserFixture.ArtifactsDirectory, name);

    /// <summary>A value for each <c>[[MISSING: ...]]</c> marker the start form could not supply.</summary>
    private static string FillMissing(string markdown) =>
        Regex.Replace(markdown, @"\[\[MISSING:\s*([^\]]*)\]\]", m =>
        {
            var what = m.Groups[1].Value.ToLowerInvariant();
            return what switch
            {
                _ when what.Contains("birth", StringComparison.Ordinal) => "1961-04-12",
                _ when what.Contains("phone", StringComparison.Ordinal) => "(217) 555-0142",
                _ when what.Contains("practice", StringComparison.Ordinal) => "Riverside Multispecialty Group",
                _ when what.Contains("npi", StringComparison.Ordinal) => "1234567893",
                _ when what.Contains("credential", StringComparison.Ordinal) => "MD",
                _ => "see the enclosed records",
            };
        });

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
