using System.Globalization;
using AppealStudio.Core.Letters;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Appeals;

public enum SignOffOutcome
{
    Done,

    /// <summary>No such appeal, or it is not assigned to this physician: the caller shows "not found".</summary>
    NotFound,

    /// <summary>Someone changed the letter since the physician opened it (<see cref="Appeal.Version"/> differs).</summary>
    Conflict,

    /// <summary>The letter is not awaiting sign-off any more (signed, returned, or taken back).</summary>
    NotAwaitingSignOff,

    /// <summary>The input breaks a rule (empty narrative, empty comment); the message says which.</summary>
    Invalid,
}

/// <summary>What a sign-off action did; <see cref="Message"/> is one sentence for the form when it did nothing.</summary>
public sealed record SignOffResult(SignOffOutcome Outcome, string? Message = null)
{
    public bool Succeeded => Outcome == SignOffOutcome.Done;
}

/// <summary>A physician's signature on a letter.</summary>
/// <param name="AppealId">The appeal.</param>
/// <param name="Version">The <see cref="Appeal.Version"/> the physician reviewed.</param>
/// <param name="UserId">The signing physician (already authorized and re-authenticated by the caller).</param>
/// <param name="SignerName">The name the physician typed (matched against their display name by the caller).</param>
/// <param name="Narrative">The clinical narrative as the physician left it; null when the letter has none to edit.</param>
/// <param name="Attestation">The attestation text shown beside the signature.</param>
/// <param name="AttestedStatements">
/// Clinical sentences of the letter that cite no excerpt and that the physician attests as their own clinical
/// statements; any other uncited clinical sentence refuses the signature.
/// </param>
public sealed record SignRequest(long AppealId, int Version, string UserId, string SignerName, string? Narrative, string Attestation,
    IReadOnlyList<string>? AttestedStatements = null);

/// <summary>
/// Signs or returns a letter awaiting a physician's sign-off. The physician signs the whole letter as it goes out: its
/// merge fields are resolved at signing (practice, payer address, signer, date in the practice's time zone), every
/// check must pass, and every clinical sentence must cite the record or be attested by the physician as their own
/// statement. The signature binds <see cref="SignatureHash.Sha256"/> of exactly that text; the specialist's draft
/// stays in <see cref="Appeal.DraftAtSignOffRequest"/> so the two can be compared. Every change is one save with its
/// audit row, guarded by <see cref="Appeal.Version"/>.
/// </summary>
public sealed class SignOffService(AppDbContext db, AuditLog audit, ICurrentActor actor, TimeProvider clock, AppealWorkflow workflow, AppealLetters letters)
{
    public const string DefaultAttestation =
        "I have reviewed this entire letter, which goes out under my name. Its clinical statements are accurate: each is supported by the cited medical record, or is my own clinical statement where I have attested it as such.";

    public const int MaxCommentLength = 2000;

    public async Task<SignOffResult> SignAsync(SignRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (appeal, refusal) = await LoadAsync(request.AppealId, request.UserId, request.Version, cancellationToken);
        if (appeal is null)
        {
            return refusal!;
        }

        // The physician reads (and may edit) the narrative with its merge fields resolved; an unchanged narrative,
        // resolved or not, is no edit.
        var text = appeal.Markdown;
        var resolvedBase = (await workflow.StateAsync(appeal, text, cancellationToken)).Resolved;
        var edited = false;
        if (request.Narrative is not null && ClinicalNarrative.Extract(text) is { } current)
        {
            var narrative = Normalize(request.Narrative);
            if (narrative.Length == 0)
            {
                return new SignOffResult(SignOffOutcome.Invalid, "The clinical narrative cannot be empty. Return the letter with a comment instead.");
            }

            var resolvedCurrent = ClinicalNarrative.Extract(resolvedBase) ?? current;
            if (narrative != Normalize(current) && narrative != Normalize(resolvedCurrent))
            {
                text = ClinicalNarrative.Replace(text, narrative);
                edited = true;
            }
        }

        var now = clock.GetUtcNow();
        var timeZone = await letters.TimeZoneAsync(cancellationToken);
        appeal.SignedAt = now;
        appeal.SignedTimeZone = timeZone;
        appeal.SignedByUserId = request.UserId;
        var attested = (request.AttestedStatements ?? []).Select(LetterChecks.NormalizeSentence).Where(x => x.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        appeal.AttestedStatements = attested.Count == 0 ? null : string.Join('\n', attested);
        var state = await workflow.StateAsync(appeal, text, cancellationToken);
        if (state.Blocking.ToList() is { Count: > 0 } blocking)
        {
            db.ChangeTracker.Clear();
            var uncited = blocking.Where(i => i.Kind == LetterIssueKind.UncitedClinicalSentence).ToList();
            return new SignOffResult(SignOffOutcome.Invalid, uncited.Count == blocking.Count
                ? $"{uncited.Count.ToString(CultureInfo.InvariantCulture)} clinical statement(s) cite no chart excerpt. Cite the record, or attest each as your own clinical statement: " + string.Join(" ", uncited.Select(i => "\"" + i.Subject + "\""))
                : "The letter cannot be signed as it is: " + string.Join(" ", blocking.Select(i => i.Message)));
        }

        // What is signed is what goes out: the letter with its merge fields resolved, and only the attested
        // sentences the letter still holds.
        text = state.Resolved;
        var uncitedNow = LetterChecks.UncitedClinicalSentences(LetterChecks.Check(text, state.Template!.Template, state.Cited));
        appeal.AttestedStatements = uncitedNow.Count == 0 ? null : string.Join('\n', uncitedNow);
        var hash = SignatureHash.Sha256(text);
        appeal.Markdown = text;
        appeal.SignedByUserId = request.UserId;
        appeal.SignedByName = request.SignerName.Trim();
        appeal.SignedAt = now;
        appeal.SignedMarkdown = text;
        appeal.SignatureSha256 = hash;
        appeal.Attestation = request.Attestation;
        appeal.ReturnComment = null;
        appeal.Status = AppealStatus.Signed;
        appeal.UpdatedAt = now;
        appeal.UpdatedByUserId = request.UserId;
        appeal.Version++;

        var number = await NextRevisionNumberAsync(appeal.Id, cancellationToken);
        if (edited)
        {
            db.LetterRevisions.Add(Revision(appeal.Id, number++, text, now, request.UserId, "physician-edit"));
        }

        db.LetterRevisions.Add(Revision(appeal.Id, number, text, now, request.UserId, "signed"));
        MoveDenial(appeal.Denial, DenialStatus.Ready, now, request.UserId, "Letter signed by the physician.");
        audit.Add("appeal.sign", "Appeal", Id(appeal.Id), $"sha256={hash}; edited={(edited ? "yes" : "no")}; attested={Id(uncitedNow.Count)}; version={Id(appeal.Version)}");
        return await SaveAsync(cancellationToken);
    }

    /// <summary>Sends the letter back to the specialist with a required comment; the denial returns to in-progress.</summary>
    public async Task<SignOffResult> ReturnAsync(long appealId, int version, string userId, string? comment, CancellationToken cancellationToken = default)
    {
        var text = (comment ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (text.Length == 0)
        {
            return new SignOffResult(SignOffOutcome.Invalid, "Say what needs to change: a comment is required to return the letter.");
        }

        if (text.Length > MaxCommentLength)
        {
            return new SignOffResult(SignOffOutcome.Invalid, $"The comment is longer than {MaxCommentLength} characters.");
        }

        var (appeal, refusal) = await LoadAsync(appealId, userId, version, cancellationToken);
        if (appeal is null)
        {
            return refusal!;
        }

        var now = clock.GetUtcNow();
        appeal.Status = AppealStatus.Returned;
        appeal.ReturnComment = text;
        appeal.UpdatedAt = now;
        appeal.UpdatedByUserId = userId;
        appeal.Version++;
        MoveDenial(appeal.Denial, DenialStatus.InProgress, now, userId, "Returned by the physician: " + text);
        audit.Add("appeal.return", "Appeal", Id(appeal.Id), "version=" + Id(appeal.Version));
        return await SaveAsync(cancellationToken);
    }

    /// <summary>A signature refused because the password or the typed name was wrong (the reason is a code, never the input).</summary>
    public Task RecordFailedAttemptAsync(long appealId, string reason, CancellationToken cancellationToken = default) =>
        audit.RecordAsync("appeal.sign-failed", "Appeal", Id(appealId), "reason=" + reason, cancellationToken);

    private async Task<(Appeal? Appeal, SignOffResult? Refusal)> LoadAsync(long appealId, string userId, int version, CancellationToken cancellationToken)
    {
        var appeal = await db.Appeals.Include(a => a.Denial).FirstOrDefaultAsync(a => a.Id == appealId, cancellationToken);
        if (appeal is null || appeal.SignOffRequestedToUserId != userId)
        {
            return (null, new SignOffResult(SignOffOutcome.NotFound));
        }

        if (appeal.Status != AppealStatus.AwaitingSignOff)
        {
            return (null, new SignOffResult(SignOffOutcome.NotAwaitingSignOff,
                $"This letter is no longer awaiting your signature (it is {Describe(appeal.Status)})."));
        }

        if (appeal.Version != version)
        {
            return (null, Conflict());
        }

        return (appeal, null);
    }

    private async Task<SignOffResult> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new SignOffResult(SignOffOutcome.Done);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Conflict();
        }
    }

    private static SignOffResult Conflict() => new(SignOffOutcome.Conflict,
        "The letter was changed by someone else while you were reviewing it. Your text is kept below; reload the letter to see the change, then sign again.");

    private void MoveDenial(Denial denial, DenialStatus to, DateTimeOffset now, string userId, string text)
    {
        if (denial.Status == to)
        {
            return;
        }

        db.DenialEvents.Add(new DenialEvent
        {
            DenialId = denial.Id,
            At = now,
            UserId = userId,
            Actor = actor.Name,
            Type = "status",
            FromStatus = denial.Status.ToString(),
            ToStatus = to.ToString(),
            Text = text.Length <= 4000 ? text : text[..4000],
        });
        denial.Status = to;
        denial.StatusChangedAt = now;
        denial.UpdatedAt = now;
        denial.Version++;
    }

    private async Task<int> NextRevisionNumberAsync(long appealId, CancellationToken cancellationToken) =>
        (await db.LetterRevisions.Where(r => r.AppealId == appealId).MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0) + 1;

    private LetterRevision Revision(long appealId, int number, string text, DateTimeOffset at, string userId, string kind) => new()
    {
        AppealId = appealId,
        Number = number,
        Markdown = text,
        At = at,
        UserId = userId,
        Actor = actor.Name,
        Kind = kind,
    };

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim('\n', ' ');

    private static string Describe(AppealStatus status) => status switch
    {
        AppealStatus.Draft => "a draft again",
        AppealStatus.AwaitingSignOff => "awaiting sign-off",
        AppealStatus.Returned => "returned to the specialist",
        AppealStatus.Signed => "signed",
        AppealStatus.Submitted => "submitted",
        AppealStatus.Decided => "decided",
    };

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
