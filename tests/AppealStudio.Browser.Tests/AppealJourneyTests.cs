using System.Text;
using AppealStudio.Core.Letters;
using AppealStudio.Data;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Charts;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Identity;
using AppealStudio.Data.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AppealStudio.Browser.Tests;

/// <summary>
/// The appeal journey on the demo data, as far as this branch's pages go: the specialist imports the demo 835 and
/// finds the modifier 59 denial's operative report among the chart documents; the letter and the sign-off request
/// are created through the database the way the appeal workspace will create them (the workspace pages come from a
/// parallel branch); the physician reviews the narrative beside its excerpt, edits it, and signs.
/// </summary>
[Collection(BrowserCollection.Name)]
public class AppealJourneyTests(BrowserFixture fixture)
{
    private const string Password = "Demo!Pass2026";
    private const string Modifier59Claim = "DEMO-1001";

    [BrowserFact]
    public async Task DemoModifier59Denial_ImportChartsLetterSignOff_EndsSignedWithTheHashOfTheSignedText()
    {
        var consoleErrors = new List<string>();

        // 1. The specialist imports the demo 835. First-run seeding imported it already, so its claims are recognised.
        await using (var specialist = await NewContextAsync())
        {
            var page = await SignedInPageAsync(specialist, "specialist@demo.local", "/worklist", consoleErrors);
            await page.GotoAsync(fixture.BaseUrl + "/imports");
            var file = Path.Combine(Path.GetTempPath(), $"demo-{Guid.NewGuid():N}.835");
            await File.WriteAllTextAsync(file, DemoData.RemittanceText(DateOnly.FromDateTime(DateTime.UtcNow)), Encoding.ASCII);
            try
            {
                await page.SetInputFilesAsync("#files", file);
                await page.ClickAsync("[data-testid=upload-form] button[type=submit]");
                var result = page.Locator("[data-testid=import-succeeded]");
                await result.WaitForAsync();
                Assert.Contains("8 claims skipped because they were already imported", await result.InnerTextAsync(), StringComparison.Ordinal);
            }
            finally
            {
                File.Delete(file);
            }

            // 2. The operative report behind the modifier 59 denial is among the chart documents, linked to its claim.
            await page.GotoAsync(fixture.BaseUrl + "/charts?q=Kowalski");
            var row = page.Locator("[data-testid=chart-list] tr[data-chart-id]").First;
            Assert.Contains(Modifier59Claim, await row.Locator("[data-testid=chart-links]").InnerTextAsync(), StringComparison.Ordinal);
            await row.Locator("a").First.ClickAsync();
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/charts/\\d+$"));
            Assert.Contains("contralateral left knee", await page.InnerTextAsync("[data-testid=chart-text]"), StringComparison.Ordinal);
            Assert.Contains("Member ID EXH100200301 matches", await page.InnerTextAsync("[data-testid=chart-linked-claims]"), StringComparison.Ordinal);
        }

        // 3. The letter, drafted from the suggested template and the linked evidence, is sent to the physician.
        var appealId = await RequestSignOffAsync();

        // 4. The physician reads the narrative beside the excerpt, corrects it, and signs.
        await using (var physician = await NewContextAsync())
        {
            var page = await SignedInPageAsync(physician, "physician@demo.local", "/signoff", consoleErrors);
            var queueRow = page.Locator($"[data-testid=signoff-queue] tr[data-appeal-id='{appealId}']");
            Assert.Contains(Modifier59Claim, await queueRow.InnerTextAsync(), StringComparison.Ordinal);
            await queueRow.Locator("a", new() { HasText = "Review" }).ClickAsync();
            await page.WaitForURLAsync(fixture.BaseUrl + "/signoff/" + appealId);

            Assert.Contains("contralateral left knee", await page.InnerTextAsync("[data-testid=excerpts]"), StringComparison.Ordinal);
            var narrative = await page.InputValueAsync("[data-testid=narrative]");
            Assert.Contains("[E1]", narrative, StringComparison.Ordinal);
            var edited = narrative.TrimEnd() + " I performed both procedures under one anesthetic through separate portals [E1].";
            await page.FillAsync("[data-testid=narrative]", edited);
            await page.FillAsync("#fullName", "Dana Reyes, MD");
            await page.FillAsync("#signPassword", Password);
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "journey-signoff-review.png"), FullPage = true });
            await page.ClickAsync("[data-testid=sign-submit]");
            await page.WaitForURLAsync(fixture.BaseUrl + $"/signoff/{appealId}?done=signed");

            var shownHash = (await page.InnerTextAsync("[data-testid=signature-hash]")).Trim();
            Assert.Contains("Signed by Dana Reyes, MD", await page.InnerTextAsync("[data-testid=signed-banner]"), StringComparison.Ordinal);
            Assert.Contains("through separate portals [E1].", await page.InnerTextAsync("[data-testid=signoff-diff]"), StringComparison.Ordinal);
            Assert.Equal(0, await page.Locator("[data-testid=sign-form]").CountAsync());
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "journey-signed.png"), FullPage = true });

            await using var scope = fixture.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var appeal = await db.Appeals.AsNoTracking().Include(a => a.Denial).SingleAsync(a => a.Id == appealId);
            Assert.Equal(AppealStatus.Signed, appeal.Status);
            Assert.Equal(DenialStatus.Ready, appeal.Denial.Status);
            Assert.Equal(SignatureHash.Sha256(appeal.SignedMarkdown!), appeal.SignatureSha256);
            Assert.Equal(appeal.SignatureSha256, shownHash);
            Assert.Equal(edited.Trim(), ClinicalNarrative.Extract(appeal.SignedMarkdown!));
        }

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

    /// <summary>
    /// What the appeal workspace does when the specialist asks for sign-off: the suggested template filled with the
    /// linked chart evidence, the excerpts kept with their source, the denial and the letter moved to sign-off.
    /// </summary>
    private async Task<long> RequestSignOffAsync()
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var charts = scope.ServiceProvider.GetRequiredService<ChartStore>();
        var physician = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync("physician@demo.local");
        var denial = await db.Denials.Include(d => d.Claim).SingleAsync(d => d.Claim.PatientControlNumber == Modifier59Claim);
        Assert.Equal("modifier-59", denial.Scenario);

        var library = TemplateLibrary.LoadDirectory(TemplatesDirectory());
        var template = library.Suggest(denial.Scenario, denial.RootCause, denial.ReasonCode)[0].Template;
        var documents = (await charts.LinkedToClaimAsync(denial.ClaimId)).Select(ChartStore.ToCore).ToList();
        var letter = LetterFiller.Fill(template, new LetterContext
        {
            LetterDate = DateOnly.FromDateTime(DateTime.UtcNow),
            Practice = new PracticeInfo { Name = "Riverside Multispecialty Group", Phone = "(217) 555-0142" },
            Provider = new ProviderInfo { Name = "Dana Reyes", Credentials = "MD", Npi = denial.RenderingProviderNpi },
            Patient = new PatientInfo { Name = "Marta Kowalski", DateOfBirth = documents[0].Patient.DateOfBirth, MemberId = denial.Claim.PatientMemberId },
            Payer = new PayerInfo { Name = denial.PayerName, AddressLines = ["PO Box 4500", "Springfield, IL 62701"], PolicyReference = "Example Health Plan policy RP-112" },
            Claim = new ClaimInfo { PayerClaimNumber = denial.Claim.PayerClaimNumber, ServiceDate = denial.ServiceDate, ProcedureCodes = ["29881-RT", "29880-XS-LT"] },
            Denial = new DenialInfo { GroupCode = denial.GroupCode, ReasonCode = denial.ReasonCode, RemarkCodes = ["N19"], RemittanceDate = denial.RemittanceDate },
            Evidence = EvidenceSelection.Assign(template, documents, denial.Scenario),
        });
        Assert.NotEmpty(letter.CitedExcerpts);

        var now = DateTimeOffset.UtcNow;
        var appeal = new Appeal
        {
            DenialId = denial.Id,
            TemplateId = template.Id,
            TemplateVersion = 1,
            Status = AppealStatus.AwaitingSignOff,
            Markdown = letter.Markdown,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
            SignOffRequestedToUserId = physician!.Id,
            SignOffRequestedAt = now,
            DraftAtSignOffRequest = letter.Markdown,
            Revisions = [new LetterRevision { Number = 1, Markdown = letter.Markdown, At = now, Actor = "specialist@demo.local", Kind = "draft" }],
            Excerpts = letter.CitedExcerpts.Select(e => new AppealExcerpt
            {
                ChartDocumentId = long.Parse(e.DocumentId, System.Globalization.CultureInfo.InvariantCulture),
                Label = e.Marker,
                Start = e.Start,
                End = e.End,
                Text = e.Text,
                Slot = e.Slot,
            }).ToList(),
        };
        denial.Status = DenialStatus.AwaitingSignOff;
        denial.Version++;
        db.Appeals.Add(appeal);
        await db.SaveChangesAsync();
        return appeal.Id;
    }

    private static string TemplatesDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AppealStudio.sln")))
            {
                return Path.Combine(dir.FullName, "templates");
            }
        }

        throw new InvalidOperationException("The repository root (AppealStudio.sln) was not found above the test binaries.");
    }
}
