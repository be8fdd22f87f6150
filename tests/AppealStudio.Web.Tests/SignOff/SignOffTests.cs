using System.Net;
using AppealStudio.Core.Letters;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Identity;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Web.Tests.SignOff;

/// <summary>
/// Every sign-off rule at the service level, on every database: the queue, the review, the signature (resource
/// check, attestation, typed name, password with the account's lockout, version), the return with its comment,
/// and "not found" for anyone but the physician the letter was sent to.
/// </summary>
public class SignOffTests
{
    private const string Physician = "physician@demo.local";
    private const string PhysicianName = "Dana Reyes, MD";

    private static SignatureInput Signature(long id, string? narrative = null, string name = "  dana reyes, md ", string password = BrowserlessClient.DemoPassword,
        bool attested = true, int version = 3) =>
        // A throwaway physician is not the claim's rendering provider: signing for them is confirmed (the signer rule).
        new(id, version, narrative ?? SignOffData.Narrative, attested, name, password, ConfirmedOnBehalf: true);

    private static async Task<SignOffResult> SignAsync(AppFactory factory, SignatureInput input, string email = Physician)
    {
        await using var scope = await factory.ScopeAsAsync(email);
        return await scope.Get<SignOffService>().SignAsync(input);
    }

    private static async Task<SignOffResult> ReturnAsync(AppFactory factory, long id, string? comment, string email = Physician, int version = 3)
    {
        await using var scope = await factory.ScopeAsAsync(email);
        return await scope.Get<SignOffService>().ReturnAsync(id, version, comment);
    }

    private static async Task<SignOffLetter?> ReviewAsync(AppFactory factory, long id, string email = Physician)
    {
        await using var scope = await factory.ScopeAsAsync(email);
        return await scope.Get<SignOffService>().ReviewAsync(id);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Queue_ShowsOnlyLettersAwaitingMySignature_AndWhatIRecentlyHandled(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var otherPhysician = await UserFactory.CreateAsync(factory, Roles.Physician);
        var mine = await SignOffData.CreateAsync(factory);
        var theirs = await SignOffData.CreateAsync(factory, otherPhysician);
        var draft = await SignOffData.CreateAsync(factory, status: AppealStatus.Draft);
        var returned = await SignOffData.CreateAsync(factory);
        Assert.True((await ReturnAsync(factory, returned, "Cite the op note.")).Succeeded);

        await using var scope = await factory.ScopeAsAsync(Physician);
        var queue = await scope.Get<SignOffService>().QueueAsync();

        var waiting = queue.Waiting.Select(r => r.AppealId).ToList();
        Assert.Contains(mine, waiting);
        Assert.DoesNotContain(theirs, waiting);
        Assert.DoesNotContain(draft, waiting);
        Assert.DoesNotContain(returned, waiting);
        Assert.Contains(returned, queue.Recent.Select(r => r.AppealId));
        var row = queue.Waiting.Single(r => r.AppealId == mine);
        Assert.Equal(("TESTER, PAT", "29880", "EXAMPLE HEALTH PLAN"), (row.Patient, row.ProcedureCode, row.PayerName));
        // Oldest request first, ties by id.
        Assert.Equal(queue.Waiting.OrderBy(r => r.RequestedAt).ThenBy(r => r.AppealId).Select(r => r.AppealId), waiting);

        await using var other = await factory.ScopeAsAsync(otherPhysician);
        Assert.Equal([theirs], (await other.Get<SignOffService>().QueueAsync()).Waiting.Select(r => r.AppealId));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Queue_AsSpecialist_IsNotAvailable(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var client = await BrowserlessClient.SignedInAsync(factory, "specialist@demo.local");

        var response = await client.Http.GetAsync("/signoff");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        await using var scope = await factory.ScopeAsAsync("specialist@demo.local");
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => scope.Get<SignOffService>().QueueAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Review_HasNarrativeBesideCitedExcerpts_AndIsAudited(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var id = await SignOffData.CreateAsync(factory);

        var review = await ReviewAsync(factory, id);

        Assert.NotNull(review);
        Assert.Equal(SignOffData.Narrative, review.Narrative);
        var excerpt = Assert.Single(review.Excerpts);
        Assert.Equal(("E1", "Operative report, 08/14/2026, Dana Reyes, MD"), (excerpt.Label, excerpt.Source));
        Assert.Contains("separately prepped and draped", excerpt.Text, StringComparison.Ordinal);
        Assert.Equal(["distinct_site", "laterality"], excerpt.Facts);
        Assert.Contains("Please reprocess the claim.", review.RestOfLetter, StringComparison.Ordinal);
        Assert.DoesNotContain(SignOffData.Narrative, review.RestOfLetter, StringComparison.Ordinal);
        Assert.Equal((PhysicianName, 3, true), (review.AccountName, review.Version, review.AwaitingSignOff));
        Assert.Equal(1, await SignOffData.AuditCountAsync(factory, "appeal.signoff-view", id));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Sign_WithEditedNarrative_StoresHashOfExactlyTheSignedText_LocksAndShowsTheDiff(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var id = await SignOffData.CreateAsync(factory);
        const string edited = "On 08/14/2026 I treated the right knee, then the contralateral left knee through separate portals [E1].";

        var result = await SignAsync(factory, Signature(id, edited));

        Assert.True(result.Succeeded, result.Message);
        var appeal = await SignOffData.LoadAsync(factory, id);
        var expected = ClinicalNarrative.Replace(SignOffData.Letter, edited);
        Assert.Equal(AppealStatus.Signed, appeal.Status);
        Assert.Equal(expected, appeal.SignedMarkdown);
        Assert.Equal(expected, appeal.Markdown);
        Assert.Equal(SignatureHash.Sha256(expected), appeal.SignatureSha256);
        Assert.Equal(PhysicianName, appeal.SignedByName);
        Assert.Equal(await SignOffData.UserIdAsync(factory, Physician), appeal.SignedByUserId);
        Assert.True(appeal.SignedAt > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal(TimeSpan.Zero, appeal.SignedAt!.Value.Offset);
        Assert.Equal(SignOffService.DefaultAttestation, appeal.Attestation);
        Assert.Equal(SignOffData.Letter, appeal.DraftAtSignOffRequest);
        Assert.Equal(4, appeal.Version);
        Assert.Equal(DenialStatus.Ready, appeal.Denial.Status);
        Assert.Equal(["draft", "physician-edit", "signed"], appeal.Revisions.OrderBy(r => r.Number).Select(r => r.Kind));
        Assert.Equal(1, await SignOffData.AuditCountAsync(factory, "appeal.sign", id));

        var signed = await ReviewAsync(factory, id);
        Assert.Equal((appeal.SignatureSha256, false), (signed!.SignatureSha256, signed.AwaitingSignOff));
        var changes = signed.ChangesFromDraft.Where(l => l.Kind != DiffKind.Unchanged).ToList();
        Assert.Contains(changes, l => l.Kind == DiffKind.Added && l.Text == edited);
        Assert.Contains(changes, l => l.Kind == DiffKind.Removed && l.Text == SignOffData.Narrative);

        // The second click (the same signature again) changes nothing.
        var again = await SignAsync(factory, Signature(id, "Something else entirely [E1]."));
        Assert.Equal(SignOffOutcome.NotAwaitingSignOff, again.Outcome);
        Assert.Contains("no longer awaiting your signature (it is signed)", again.Message, StringComparison.Ordinal);
        var after = await SignOffData.LoadAsync(factory, id);
        Assert.Equal((expected, 4, 3), (after.SignedMarkdown, after.Version, after.Revisions.Count));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Sign_WithoutEdit_SignsTheDraftAsSent(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var id = await SignOffData.CreateAsync(factory);

        var result = await SignAsync(factory, Signature(id, SignOffData.Narrative + "\r\n", name: PhysicianName));

        Assert.True(result.Succeeded, result.Message);
        var appeal = await SignOffData.LoadAsync(factory, id);
        Assert.Equal(SignOffData.Letter, appeal.SignedMarkdown);
        Assert.Equal(SignatureHash.Sha256(SignOffData.Letter), appeal.SignatureSha256);
        Assert.Equal(["draft", "signed"], appeal.Revisions.OrderBy(r => r.Number).Select(r => r.Kind));
        Assert.All((await ReviewAsync(factory, id))!.ChangesFromDraft, l => Assert.Equal(DiffKind.Unchanged, l.Kind));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Sign_TypedName_IsComparedIgnoringCasePunctuationSpacingAndCredentials(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        foreach (var typed in new[] { "Dana Reyes", "dana  reyes md", "DANA REYES, M.D." })
        {
            var id = await SignOffData.CreateAsync(factory);
            var result = await SignAsync(factory, Signature(id, name: typed));
            Assert.True(result.Succeeded, $"'{typed}': {result.Message}");
            Assert.Equal(PhysicianName, (await SignOffData.LoadAsync(factory, id)).SignedByName);
        }

        var refused = await SignOffData.CreateAsync(factory);
        var wrong = await SignAsync(factory, Signature(refused, name: "Dan Reyes"));

        Assert.Equal(SignOffOutcome.Invalid, wrong.Outcome);
        Assert.Equal("Type your name as it appears on your account: Dana Reyes, MD.", wrong.ErrorFor(SignOffService.NameField));
        Assert.Null(wrong.ErrorFor(SignOffService.PasswordField));
        Assert.Equal(AppealStatus.AwaitingSignOff, (await SignOffData.LoadAsync(factory, refused)).Status);
        Assert.Equal(1, await SignOffData.AuditCountAsync(factory, "appeal.sign-failed", refused));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Sign_MissingAttestationNameOrPassword_IsRefusedAtEachField(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var id = await SignOffData.CreateAsync(factory);

        var result = await SignAsync(factory, Signature(id, name: " ", password: "", attested: false));

        Assert.Equal(SignOffOutcome.Invalid, result.Outcome);
        Assert.Equal("Tick the attestation to sign.", result.ErrorFor(SignOffService.AttestedField));
        Assert.Equal("Type your full name to sign.", result.ErrorFor(SignOffService.NameField));
        Assert.Equal("Enter your password to sign.", result.ErrorFor(SignOffService.PasswordField));
        Assert.Equal((AppealStatus.AwaitingSignOff, null), ((await SignOffData.LoadAsync(factory, id)).Status, (await SignOffData.LoadAsync(factory, id)).SignatureSha256));
        // Missing input is not a failed signature: nothing was checked against the account.
        Assert.Equal(0, await SignOffData.AuditCountAsync(factory, "appeal.sign-failed", id));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Sign_WrongPassword_IsRefusedAtThePassword_AndAudited(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var physician = await UserFactory.CreateAsync(factory, Roles.Physician);
        var id = await SignOffData.CreateAsync(factory, physician);

        var result = await SignAsync(factory, Signature(id, name: "Test User", password: "Wrong!Pass2026"), physician);

        Assert.Equal(SignOffOutcome.Invalid, result.Outcome);
        Assert.StartsWith("The password is not right", result.ErrorFor(SignOffService.PasswordField), StringComparison.Ordinal);
        var appeal = await SignOffData.LoadAsync(factory, id);
        Assert.Equal((AppealStatus.AwaitingSignOff, null, 3), (appeal.Status, appeal.SignatureSha256, appeal.Version));
        Assert.Equal(1, await SignOffData.AuditCountAsync(factory, "appeal.sign-failed", id));
        Assert.Equal(0, await SignOffData.AuditCountAsync(factory, "appeal.sign", id));
        var failure = await factory.WithDbAsync(d => d.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == "appeal.sign-failed" && e.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("reason=password", failure.Details);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Sign_FiveWrongPasswords_LockTheAccount_AndTheRightOneIsThenRefused(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        // A throwaway physician: locking the shared demo account would break the other tests.
        var physician = await UserFactory.CreateAsync(factory, Roles.Physician);
        var id = await SignOffData.CreateAsync(factory, physician);

        SignOffResult? last = null;
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            last = await SignAsync(factory, Signature(id, name: "Test User", password: "Wrong!Pass2026"), physician);
            if (attempt < 5)
            {
                Assert.StartsWith("The password is not right", last.ErrorFor(SignOffService.PasswordField), StringComparison.Ordinal);
            }
        }

        Assert.Equal(SignOffService.LockedOutMessage, last!.ErrorFor(SignOffService.PasswordField));
        var right = await SignAsync(factory, Signature(id, name: "Test User", password: UserFactory.Password), physician);
        Assert.Equal(SignOffService.LockedOutMessage, right.ErrorFor(SignOffService.PasswordField));
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
    public async Task Sign_EmptiedNarrative_IsRefused(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var id = await SignOffData.CreateAsync(factory);

        var result = await SignAsync(factory, Signature(id, "   "));

        Assert.Contains("cannot be empty", result.ErrorFor(SignOffService.NarrativeField), StringComparison.Ordinal);
        Assert.Equal(AppealStatus.AwaitingSignOff, (await SignOffData.LoadAsync(factory, id)).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Sign_StaleVersion_GetsConflict_SignsNothing_AndTheReviewShowsTheChange(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var id = await SignOffData.CreateAsync(factory);
        // The specialist changes the letter while the physician reads it.
        await factory.WithDbAsync(async d =>
        {
            var a = await d.Appeals.SingleAsync(x => x.Id == id);
            a.Markdown += "\nP.S. added by the specialist.\n";
            a.Version++;
            return await d.SaveChangesAsync();
        });

        var result = await SignAsync(factory, Signature(id, "The physician's careful edit [E1]."));

        Assert.Equal(SignOffOutcome.Conflict, result.Outcome);
        Assert.Contains("changed by someone else", result.Message, StringComparison.Ordinal);
        var appeal = await SignOffData.LoadAsync(factory, id);
        Assert.Equal((AppealStatus.AwaitingSignOff, 4, null), (appeal.Status, appeal.Version, appeal.SignedMarkdown));
        var current = await ReviewAsync(factory, id);
        Assert.Equal(4, current!.Version);
        Assert.Contains("P.S. added by the specialist.", current.Markdown, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Return_RequiresAComment_ThenReturnsTheLetterAndTheDenial(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var id = await SignOffData.CreateAsync(factory);

        var empty = await ReturnAsync(factory, id, "  ");

        Assert.Equal(SignOffOutcome.Invalid, empty.Outcome);
        Assert.Contains("a comment is required", empty.ErrorFor(SignOffService.CommentField), StringComparison.Ordinal);
        Assert.Equal(AppealStatus.AwaitingSignOff, (await SignOffData.LoadAsync(factory, id)).Status);
        var tooLong = await ReturnAsync(factory, id, new string('x', SignOffService.MaxCommentLength + 1));
        Assert.Contains("longer than", tooLong.ErrorFor(SignOffService.CommentField), StringComparison.Ordinal);

        var result = await ReturnAsync(factory, id, "Cite the op note for the left knee portals.");

        Assert.True(result.Succeeded, result.Message);
        var appeal = await SignOffData.LoadAsync(factory, id);
        Assert.Equal((AppealStatus.Returned, "Cite the op note for the left knee portals.", DenialStatus.InProgress, null),
            (appeal.Status, appeal.ReturnComment, appeal.Denial.Status, appeal.SignatureSha256));
        Assert.Equal(1, await SignOffData.AuditCountAsync(factory, "appeal.return", id));
        var review = await ReviewAsync(factory, id);
        Assert.Equal((AppealStatus.Returned, "Cite the op note for the left knee portals.", false), (review!.Status, review.ReturnComment, review.AwaitingSignOff));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task SomeoneElsesLetter_AnotherPhysicianSpecialistAndAdmin_GetNotFound_AndCannotSignOrReturn(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var id = await SignOffData.CreateAsync(factory);
        var otherPhysician = await UserFactory.CreateAsync(factory, Roles.Physician);

        foreach (var (email, password) in new[] { (otherPhysician, UserFactory.Password), ("specialist@demo.local", BrowserlessClient.DemoPassword), ("admin@demo.local", BrowserlessClient.DemoPassword) })
        {
            // The same answer as for a letter that does not exist.
            Assert.Null(await ReviewAsync(factory, id, email));
            Assert.Null(await ReviewAsync(factory, 987654321, email));
            var sign = await SignAsync(factory, Signature(id, name: "Test User", password: password), email);
            Assert.Equal((SignOffOutcome.NotFound, null), (sign.Outcome, sign.Message));
            Assert.Equal(SignOffOutcome.NotFound, (await ReturnAsync(factory, id, "No.", email)).Outcome);
        }

        var appeal = await SignOffData.LoadAsync(factory, id);
        Assert.Equal((AppealStatus.AwaitingSignOff, null, 3), (appeal.Status, appeal.SignatureSha256, appeal.Version));
        // The refused users saw nothing: no view, no failed attempt, no return on the trail.
        Assert.Equal(0, await SignOffData.AuditCountAsync(factory, "appeal.signoff-view", id));
        Assert.Equal(0, await SignOffData.AuditCountAsync(factory, "appeal.sign-failed", id));
    }
}
