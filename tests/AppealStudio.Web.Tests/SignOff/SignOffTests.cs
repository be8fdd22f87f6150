using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using AppealStudio.Core.Letters;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Identity;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Web.Tests.SignOff;

public class SignOffTests
{
    private const string Physician = "physician@demo.local";
    private const string PhysicianName = "Dana Reyes, MD";

    private static Dictionary<string, string> SignValues(string? narrative = null, string name = "  dana reyes, md ", string password = BrowserlessClient.DemoPassword)
    {
        var values = new Dictionary<string, string> { ["Sign.FullName"] = name, ["Sign.Password"] = password };
        if (narrative is not null)
        {
            values["Sign.Narrative"] = narrative;
        }

        return values;
    }

    private static string Url(long id) => "/signoff/" + id.ToString(CultureInfo.InvariantCulture);

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Queue_ShowsOnlyLettersAwaitingMySignature(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var otherPhysician = await UserFactory.CreateAsync(factory, Roles.Physician);
        var mine = await SignOffData.CreateAsync(factory);
        var theirs = await SignOffData.CreateAsync(factory, otherPhysician);
        var draft = await SignOffData.CreateAsync(factory, status: AppealStatus.Draft);
        using var client = await BrowserlessClient.SignedInAsync(factory, Physician);

        var page = await client.GetDocumentAsync("/signoff");

        var ids = page.QuerySelectorAll("[data-testid=signoff-queue] tr[data-appeal-id]").Select(r => long.Parse(r.GetAttribute("data-appeal-id")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Contains(mine, ids);
        Assert.DoesNotContain(theirs, ids);
        Assert.DoesNotContain(draft, ids);

        using var other = await BrowserlessClient.SignedInAsync(factory, otherPhysician, UserFactory.Password);
        var theirPage = await other.GetDocumentAsync("/signoff");
        var theirIds = theirPage.QuerySelectorAll("[data-testid=signoff-queue] tr[data-appeal-id]").Select(r => r.GetAttribute("data-appeal-id")).ToList();
        Assert.Equal([theirs.ToString(CultureInfo.InvariantCulture)], theirIds);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Review_ShowsNarrativeBesideCitedExcerpts_AndIsAudited(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var id = await SignOffData.CreateAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, Physician);

        var page = await client.GetDocumentAsync(Url(id));

        Assert.Equal(SignOffData.Narrative, ((IHtmlTextAreaElement)page.QuerySelector("[data-testid=narrative]")!).Value.Trim());
        var excerpt = page.QuerySelector("[data-testid=excerpts] li")!.TextContent;
        Assert.Contains("E1", excerpt, StringComparison.Ordinal);
        Assert.Contains("Operative report, 2026-08-14, Dana Reyes, MD", excerpt, StringComparison.Ordinal);
        Assert.Contains("separately prepped and draped", excerpt, StringComparison.Ordinal);
        Assert.Contains("I have reviewed this entire letter", page.QuerySelector("[data-testid=attestation]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Please reprocess the claim.", page.QuerySelector("[data-testid=letter-rest]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await SignOffData.AuditCountAsync(factory, "appeal.signoff-view", id));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Sign_WithEditedNarrative_StoresHashOfExactlyTheSignedText_LocksAndShowsTheDiff(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var id = await SignOffData.CreateAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, Physician);
        var page = await client.GetDocumentAsync(Url(id));
        const string edited = "On 08/14/2026 I treated the right knee, then the contralateral left knee through separate portals [E1].";

        var response = await client.SubmitAsync(page, "[data-testid=sign-form]", SignValues(edited));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith(Url(id) + "?done=signed", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var appeal = await SignOffData.LoadAsync(factory, id);
        var expected = ClinicalNarrative.Replace(SignOffData.Letter, edited);
        Assert.Equal(AppealStatus.Signed, appeal.Status);
        Assert.Equal(expected, appeal.SignedMarkdown);
        Assert.Equal(expected, appeal.Markdown);
        Assert.Equal(SignatureHash.Sha256(expected), appeal.SignatureSha256);
        Assert.Equal(edited, ClinicalNarrative.Extract(appeal.SignedMarkdown!));
        Assert.Equal(PhysicianName, appeal.SignedByName);
        Assert.Equal(await SignOffData.UserIdAsync(factory, Physician), appeal.SignedByUserId);
        Assert.True(appeal.SignedAt > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal(TimeSpan.Zero, appeal.SignedAt!.Value.Offset);
        Assert.StartsWith("I have reviewed this entire letter", appeal.Attestation, StringComparison.Ordinal);
        Assert.Equal(SignOffData.Letter, appeal.DraftAtSignOffRequest);
        Assert.Equal(4, appeal.Version);
        Assert.Equal(DenialStatus.Ready, appeal.Denial.Status);
        Assert.Equal(["draft", "physician-edit", "signed"], appeal.Revisions.OrderBy(r => r.Number).Select(r => r.Kind));
        Assert.Equal(1, await SignOffData.AuditCountAsync(factory, "appeal.sign", id));

        var signed = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Equal(appeal.SignatureSha256, signed.QuerySelector("[data-testid=signature-hash]")!.TextContent.Trim());
        Assert.Null(signed.QuerySelector("[data-testid=sign-form]"));
        var diff = signed.QuerySelector("[data-testid=signoff-diff]")!.TextContent;
        Assert.Contains(edited, diff, StringComparison.Ordinal);
        Assert.Contains(SignOffData.Narrative, diff, StringComparison.Ordinal);

        // The second click (the same form posted again) changes nothing.
        var again = await client.SubmitAsync(page, "[data-testid=sign-form]", SignValues("Something else entirely [E1]."));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("no longer awaiting your signature (it is signed)", (await BrowserlessClient.ParseAsync(again)).QuerySelector("[data-testid=sign-error]")!.TextContent, StringComparison.Ordinal);
        var after = await SignOffData.LoadAsync(factory, id);
        Assert.Equal((expected, 4, 3), (after.SignedMarkdown, after.Version, after.Revisions.Count));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Sign_WithoutEdit_SignsTheDraftAsSent(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var id = await SignOffData.CreateAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, Physician);
        var page = await client.GetDocumentAsync(Url(id));

        var response = await client.SubmitAsync(page, "[data-testid=sign-form]", SignValues(SignOffData.Narrative + "\r\n", name: PhysicianName));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var appeal = await SignOffData.LoadAsync(factory, id);
        Assert.Equal(SignOffData.Letter, appeal.SignedMarkdown);
        Assert.Equal(SignatureHash.Sha256(SignOffData.Letter), appeal.SignatureSha256);
        Assert.Equal(["draft", "signed"], appeal.Revisions.OrderBy(r => r.Number).Select(r => r.Kind));
        var signed = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.NotNull(signed.QuerySelector("[data-testid=signoff-diff-none]"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Sign_WrongPassword_IsRefusedWithInputKept_AndAudited(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var id = await SignOffData.CreateAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, Physician);
        var page = await client.GetDocumentAsync(Url(id));
        const string edited = "My corrected narrative [E1].";

        var response = await client.SubmitAsync(page, "[data-testid=sign-form]", SignValues(edited, password: "Wrong!Pass2026"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = await BrowserlessClient.ParseAsync(response);
        Assert.Contains("The password is not right", form.QuerySelector("[data-testid=sign-form]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(edited, ((IHtmlTextAreaElement)form.QuerySelector("[data-testid=narrative]")!).Value.Trim());
        Assert.Equal("  dana reyes, md ", ((IHtmlInputElement)form.QuerySelector("#fullName")!).Value);
        Assert.Equal("", ((IHtmlInputElement)form.QuerySelector("#signPassword")!).Value);
        var appeal = await SignOffData.LoadAsync(factory, id);
        Assert.Equal((AppealStatus.AwaitingSignOff, null, 3), (appeal.Status, appeal.SignatureSha256, appeal.Version));
        Assert.Equal(1, await SignOffData.AuditCountAsync(factory, "appeal.sign-failed", id));
        Assert.Equal(0, await SignOffData.AuditCountAsync(factory, "appeal.sign", id));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Sign_FiveWrongPasswords_LockTheAccount_AndTheRightOneIsThenRefused(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        // A throwaway physician: locking the shared demo account would break the other tests.
        var physician = await UserFactory.CreateAsync(factory, Roles.Physician);
        var id = await SignOffData.CreateAsync(factory, physician);
        using var client = await BrowserlessClient.SignedInAsync(factory, physician, UserFactory.Password);

        string? lastMessage = null;
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var page = await client.GetDocumentAsync(Url(id));
            var response = await client.SubmitAsync(page, "[data-testid=sign-form]", SignValues(name: "Test User", password: "Wrong!Pass2026"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            lastMessage = (await BrowserlessClient.ParseAsync(response)).QuerySelector("[data-testid=sign-form]")!.TextContent;
            if (attempt < 5)
            {
                Assert.Contains("The password is not right", lastMessage, StringComparison.Ordinal);
            }
        }

        Assert.Contains("your account is locked", lastMessage, StringComparison.Ordinal);
        var again = await client.GetDocumentAsync(Url(id));
        var right = await client.SubmitAsync(again, "[data-testid=sign-form]", SignValues(name: "Test User", password: UserFactory.Password));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("your account is locked", (await BrowserlessClient.ParseAsync(right)).QuerySelector("[data-testid=sign-form]")!.TextContent, StringComparison.Ordinal);
        var appeal = await SignOffData.LoadAsync(factory, id);
        Assert.Equal((AppealStatus.AwaitingSignOff, null), (appeal.Status, appeal.SignatureSha256));
        Assert.Equal(6, await SignOffData.AuditCountAsync(factory, "appeal.sign-failed", id));

        // The lock is the account's: signing in again is refused too.
        using var fresh = BrowserlessClient.Create(factory);
        var signIn = await fresh.SignInAsync(physician, UserFactory.Password);
        Assert.NotEqual(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Sign_WrongTypedName_IsRefusedWithInputKept(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var id = await SignOffData.CreateAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, Physician);
        var page = await client.GetDocumentAsync(Url(id));

        var response = await client.SubmitAsync(page, "[data-testid=sign-form]", SignValues(SignOffData.Narrative, name: "Dana Reyes"));

        var form = await BrowserlessClient.ParseAsync(response);
        Assert.Contains("Type your name as it appears on your account: Dana Reyes, MD.", form.QuerySelector("[data-testid=sign-form]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Dana Reyes", ((IHtmlInputElement)form.QuerySelector("#fullName")!).Value);
        Assert.Equal(AppealStatus.AwaitingSignOff, (await SignOffData.LoadAsync(factory, id)).Status);
        Assert.Equal(1, await SignOffData.AuditCountAsync(factory, "appeal.sign-failed", id));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Sign_EmptiedNarrative_IsRefused(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var id = await SignOffData.CreateAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, Physician);
        var page = await client.GetDocumentAsync(Url(id));

        var response = await client.SubmitAsync(page, "[data-testid=sign-form]", SignValues("   "));

        var form = await BrowserlessClient.ParseAsync(response);
        Assert.Contains("cannot be empty", form.QuerySelector("[data-testid=sign-error]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(AppealStatus.AwaitingSignOff, (await SignOffData.LoadAsync(factory, id)).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Sign_StaleVersion_GetsConflictAndKeepsTheText(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var id = await SignOffData.CreateAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, Physician);
        var page = await client.GetDocumentAsync(Url(id));
        // The specialist changes the letter while the physician reads it.
        await factory.WithDbAsync(async d =>
        {
            var a = await d.Appeals.SingleAsync(x => x.Id == id);
            a.Markdown += "\nP.S. added by the specialist.\n";
            a.Version++;
            return await d.SaveChangesAsync();
        });
        const string edited = "The physician's careful edit [E1].";

        var response = await client.SubmitAsync(page, "[data-testid=sign-form]", SignValues(edited));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = await BrowserlessClient.ParseAsync(response);
        Assert.Contains("changed by someone else", form.QuerySelector("[data-testid=sign-error]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(edited, ((IHtmlTextAreaElement)form.QuerySelector("[data-testid=narrative]")!).Value.Trim());
        var appeal = await SignOffData.LoadAsync(factory, id);
        Assert.Equal((AppealStatus.AwaitingSignOff, 4, null), (appeal.Status, appeal.Version, appeal.SignedMarkdown));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Return_RequiresAComment_ThenReturnsTheLetterAndTheDenial(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var id = await SignOffData.CreateAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, Physician);
        var page = await client.GetDocumentAsync(Url(id));

        var empty = await client.SubmitAsync(page, "[data-testid=return-form]", new Dictionary<string, string> { ["Back.Comment"] = "  " });

        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("a comment is required", (await BrowserlessClient.ParseAsync(empty)).QuerySelector("[data-testid=return-form]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(AppealStatus.AwaitingSignOff, (await SignOffData.LoadAsync(factory, id)).Status);

        var response = await client.SubmitAsync(page, "[data-testid=return-form]", new Dictionary<string, string> { ["Back.Comment"] = "Cite the op note for the left knee portals." });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var appeal = await SignOffData.LoadAsync(factory, id);
        Assert.Equal((AppealStatus.Returned, "Cite the op note for the left knee portals.", DenialStatus.InProgress, null),
            (appeal.Status, appeal.ReturnComment, appeal.Denial.Status, appeal.SignatureSha256));
        Assert.Equal(1, await SignOffData.AuditCountAsync(factory, "appeal.return", id));
        var returned = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Cite the op note", returned.QuerySelector("[data-testid=returned-banner]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(returned.QuerySelector("[data-testid=sign-form]"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task SomeoneElsesLetter_AnotherPhysicianSpecialistAndAdmin_GetNotFound_AndCannotSign(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var id = await SignOffData.CreateAsync(factory);
        using var owner = await BrowserlessClient.SignedInAsync(factory, Physician);
        var ownerPage = await owner.GetDocumentAsync(Url(id));
        var otherPhysician = await UserFactory.CreateAsync(factory, Roles.Physician);

        foreach (var (email, password) in new[] { (otherPhysician, UserFactory.Password), ("specialist@demo.local", BrowserlessClient.DemoPassword), ("admin@demo.local", BrowserlessClient.DemoPassword) })
        {
            using var client = await BrowserlessClient.SignedInAsync(factory, email, password);
            var response = await client.Http.GetAsync(Url(id));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{email}: {(int)response.StatusCode}");
            var unknown = await client.Http.GetAsync("/signoff/987654321");
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            var refused = await BrowserlessClient.ParseAsync(response);
            Assert.Equal((await BrowserlessClient.ParseAsync(unknown)).Body!.TextContent, refused.Body!.TextContent);
            Assert.Contains("Page not found", refused.Body!.TextContent, StringComparison.Ordinal);

            // Posting the owner's form (with this user's own antiforgery token) signs nothing.
            var values = SignValues(password: password, name: "Test User");
            values["__RequestVerificationToken"] = BrowserlessClient.HtmxToken(refused);
            var post = await client.SubmitAsync(ownerPage, "[data-testid=sign-form]", values);
            Assert.True(post.StatusCode == HttpStatusCode.Redirect, $"{email} POST: {(int)post.StatusCode}");
            Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync(post.Headers.Location)).StatusCode);
        }

        var appeal = await SignOffData.LoadAsync(factory, id);
        Assert.Equal((AppealStatus.AwaitingSignOff, null), (appeal.Status, appeal.SignatureSha256));
        // Only the owner's view was recorded: the refused requests saw nothing.
        Assert.Equal(1, await SignOffData.AuditCountAsync(factory, "appeal.signoff-view", id));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Queue_AsSpecialist_IsNotAvailable(TestDatabase db)
    {
        using var client = await BrowserlessClient.SignedInAsync(AppFactory.For(db), "specialist@demo.local");

        var response = await client.Http.GetAsync("/signoff");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }
}
