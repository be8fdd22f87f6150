using System.Globalization;
using AppealStudio.Core;
using AppealStudio.Core.Letters;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Identity;
using Microsoft.AspNetCore.Identity;
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

    /// <summary>The input breaks a rule (empty narrative, empty comment, an unattested uncited statement); the message says which.</summary>
    Invalid,
}

/// <summary>
/// What a sign-off action did. <see cref="Message"/> is one sentence for the page when it did nothing;
/// <see cref="FieldErrors"/> says which inputs to correct (keys <see cref="SignOffService.NarrativeField"/> and the
/// other field names), so the page shows each message at its field.
/// </summary>
public sealed record SignOffResult(SignOffOutcome Outcome, string? Message = null, IReadOnlyDictionary<string, string>? FieldErrors = null)
{
    /// <summary>When a signature was refused for uncited clinical sentences: those sentences (the narrative as edited).</summary>
    public IReadOnlyList<string> Uncited { get; init; } = [];

    public bool Succeeded => Outcome == SignOffOutcome.Done;

    public string? ErrorFor(string field) => FieldErrors is not null && FieldErrors.TryGetValue(field, out var message) ? message : null;
}

/// <summary>A physician's signature as typed on the review page.</summary>
/// <param name="AppealId">The appeal.</param>
/// <param name="Version">The <see cref="Appeal.Version"/> the physician reviewed.</param>
/// <param name="Narrative">The clinical narrative as the physician left it; null when the letter has none to edit.</param>
/// <param name="Attested">The physician ticked the attestation (<see cref="SignOffService.DefaultAttestation"/>).</param>
/// <param name="TypedName">The name the physician typed, compared with their account's name (<see cref="SignatureName"/>).</param>
/// <param name="Password">The physician's sign-in password; never stored, logged or shown again.</param>
/// <param name="AttestedStatements">
/// Clinical sentences of the letter that cite no excerpt and that the physician attests as their own clinical
/// statements (<see cref="SignOffLetter.UncitedStatements"/>); any other uncited clinical sentence refuses the signature.
/// </param>
/// <param name="ConfirmedOnBehalf">The physician confirms signing on behalf of the rendering provider (required when they are not that provider).</param>
public sealed record SignatureInput(long AppealId, int Version, string? Narrative, bool Attested, string? TypedName, string? Password,
    IReadOnlyList<string>? AttestedStatements = null, bool ConfirmedOnBehalf = false);

/// <summary>A letter in the physician's queue (or recently signed or returned).</summary>
public sealed record SignOffQueueRow(
    long AppealId,
    AppealStatus Status,
    DateTimeOffset? RequestedAt,
    DateTimeOffset UpdatedAt,
    string Patient,
    string PatientControlNumber,
    string? PayerClaimNumber,
    string PayerName,
    string? ProcedureCode,
    DateOnly? ServiceDate,
    string? Scenario,
    string RootCause,
    DateOnly? Deadline);

/// <summary>The physician's sign-off page: letters waiting (oldest request first) and the last ten they signed or returned.</summary>
public sealed record SignOffQueue(IReadOnlyList<SignOffQueueRow> Waiting, IReadOnlyList<SignOffQueueRow> Recent, DateOnly Today);

/// <summary>A chart excerpt the letter cites, with where it comes from in words (title, encounter date, author).</summary>
public sealed record SignOffExcerpt(string Label, string Text, IReadOnlyList<string> Facts, string Source);

/// <summary>Everything the review page shows of one letter assigned to the physician.</summary>
public sealed record SignOffLetter(
    long AppealId,
    int Version,
    AppealStatus Status,
    string Patient,
    string? MemberId,
    string PatientControlNumber,
    string? PayerClaimNumber,
    string PayerName,
    string? ProcedureCode,
    DateOnly? ServiceDate,
    string Kind,
    string? GroupCode,
    string? ReasonCode,
    string? RemarkCodes,
    string? Scenario,
    string RootCause,
    decimal Amount,
    string Markdown,
    string? Narrative,
    string? SignedMarkdown,
    string? SignedByName,
    DateTimeOffset? SignedAt,
    string? SignatureSha256,
    string? Attestation,
    string? ReturnComment,
    DateTimeOffset UpdatedAt,
    bool DraftKept,
    IReadOnlyList<DiffLine> ChangesFromDraft,
    IReadOnlyList<SignOffExcerpt> Excerpts,
    string AccountName)
{
    /// <summary>The letter as it will go out: merge fields (practice, payer address, signer, date) resolved.</summary>
    public string Resolved { get; init; } = Markdown;

    /// <summary>Clinical sentences citing no excerpt: the physician attests each as their own statement, or returns the letter.</summary>
    public IReadOnlyList<string> UncitedStatements { get; init; } = [];

    /// <summary>Other problems that stop a signature (a missing field, an unresolved placeholder): the letter goes back.</summary>
    public IReadOnlyList<string> Blocking { get; init; } = [];

    /// <summary>
    /// The rendering provider (name and credentials) when the physician asked to sign is someone else: the letter says
    /// it is written on that provider's behalf, and the physician confirms it before signing. Null otherwise.
    /// </summary>
    public string? OnBehalfOf { get; init; }

    public bool AwaitingSignOff => Status == AppealStatus.AwaitingSignOff;

    /// <summary>The resolved letter with its narrative replaced by a pointer to the editor (the narrative is edited beside it).</summary>
    public string RestOfLetter => ClinicalNarrative.Find(Resolved) is { } span
        ? Resolved[..span.Start] + "\n\n*(The clinical narrative is in the editor.)*\n\n" + Resolved[span.End..]
        : Resolved;
}

/// <summary>
/// A physician's sign-off: the queue, the review of one letter, and signing or returning it. Every rule lives here
/// (the pages and tests call it): only the physician the sign-off was requested from sees the letter (anyone else,
/// other physicians included, gets "not found", revealing nothing), the attestation must be ticked, the typed name
/// must be the account's name (<see cref="SignatureName"/>), and the password is checked by sign-in's own check so
/// that wrong passwords here count toward the account's lockout.
/// </summary>
/// <remarks>
/// The physician signs the whole letter as it goes out: its merge fields are resolved at signing (practice, payer
/// address, signer, date in the practice's time zone), every check must pass, and every clinical sentence must cite
/// the record or be attested by the physician as their own statement. The signature binds
/// <see cref="SignatureHash.Sha256"/> of exactly that text (with the physician's narrative edits); the specialist's draft stays in <see cref="Appeal.DraftAtSignOffRequest"/> so the two
/// can be compared. Every change is one save with its audit row, guarded by <see cref="Appeal.Version"/>. Used by the
/// web app only: it needs the web host's <see cref="SignInManager{TUser}"/>.
/// </remarks>
public sealed class SignOffService(
    AppDbContext db, AuditLog audit, ICurrentActor actor, TimeProvider clock, SignInManager<AppUser> signIn, LetterStates states, AppealLetters letters)
{
    public const string DefaultAttestation =
        "I have reviewed this entire letter, which goes out under my name. Its clinical statements are accurate: each is supported by the cited medical record, or is my own clinical statement where I have attested it as such.";

    public const int MaxCommentLength = 2000;

    public const string NarrativeField = "narrative";
    public const string AttestedField = "attested";
    public const string NameField = "name";
    public const string PasswordField = "password";
    public const string CommentField = "comment";
    public const string StatementsField = "statements";
    public const string OnBehalfField = "onBehalf";

    public const string LockedOutMessage =
        "Too many wrong passwords: your account is locked for 15 minutes. Try again later, or ask an Admin to unlock it.";

    /// <summary>The letters waiting for this physician's signature, oldest request first, and the last ten they handled.</summary>
    public async Task<SignOffQueue> QueueAsync(CancellationToken cancellationToken = default)
    {
        if (!actor.IsInRole(Roles.Physician) || actor.UserId is not { } me)
        {
            throw new UnauthorizedAccessException("The sign-off queue is for physicians.");
        }

        var mine = db.Appeals.AsNoTracking().Where(a => a.SignOffRequestedToUserId == me);
        var waiting = await Project(mine.Where(a => a.Status == AppealStatus.AwaitingSignOff)
            .OrderBy(a => a.SignOffRequestedAt).ThenBy(a => a.Id)).Take(200).ToListAsync(cancellationToken);
        var recent = await Project(mine.Where(a => a.Status != AppealStatus.AwaitingSignOff && (a.SignedByUserId == me || a.Status == AppealStatus.Returned))
            .OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id)).Take(10).ToListAsync(cancellationToken);
        var shown = waiting.Select(a => a.AppealId).Concat(recent.Select(a => a.AppealId)).Distinct().ToList();
        await audit.RecordAsync("signoff.queue-view", "Appeal", null, AuditLog.Ids(shown), cancellationToken);
        return new SignOffQueue(waiting.Select(Named).ToList(), recent.Select(Named).ToList(), DenialWorkflow.Today(clock));
    }

    /// <summary>
    /// The letter for review, or null when it does not exist or is not this physician's to sign (the same answer
    /// either way). Each view is audited as <c>appeal.signoff-view</c>.
    /// </summary>
    public async Task<SignOffLetter?> ReviewAsync(long appealId, CancellationToken cancellationToken = default)
    {
        if (!IsPhysician(out var me))
        {
            return null;
        }

        var appeal = await db.Appeals.AsNoTracking()
            .Include(a => a.Denial).ThenInclude(d => d.Claim)
            .FirstOrDefaultAsync(a => a.Id == appealId && a.SignOffRequestedToUserId == me, cancellationToken);
        if (appeal is null)
        {
            return null;
        }

        await audit.RecordAsync("appeal.signoff-view", "Appeal", Id(appeal.Id), null, cancellationToken);
        var rows = await (from e in db.AppealExcerpts.AsNoTracking()
                          where e.AppealId == appeal.Id
                          join d in db.ChartDocuments on e.ChartDocumentId equals d.Id into documents
                          from d in documents.DefaultIfEmpty()
                          select new { e.Label, e.Text, e.Facts, Title = d == null ? null : d.Title, Date = d == null ? null : d.EncounterDate, Author = d == null ? null : d.Author })
            .ToListAsync(cancellationToken);
        var excerpts = rows
            .Select(r => new SignOffExcerpt(r.Label, r.Text, Facts(r.Facts), Source(r.Title, r.Date, r.Author)))
            .OrderBy(r => LabelNumber(r.Label)).ThenBy(r => r.Label, StringComparer.Ordinal)
            .ToList();
        var changes = appeal.SignedMarkdown is not null && appeal.DraftAtSignOffRequest is not null
            ? TextDiff.Lines(appeal.DraftAtSignOffRequest, appeal.SignedMarkdown)
            : [];
        var account = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "";
        var denial = appeal.Denial;
        var claim = denial.Claim;

        // The physician reads the letter as it will go out (merge fields resolved) and sees, before typing a
        // password, what would refuse the signature.
        var awaiting = appeal.Status == AppealStatus.AwaitingSignOff;
        var state = awaiting ? await states.StateAsync(appeal, null, cancellationToken) : null;
        var resolved = state?.Resolved is { Length: > 0 } r ? r : appeal.Markdown;
        return new SignOffLetter(
            appeal.Id, appeal.Version, appeal.Status, claim.PatientDisplayName, claim.PatientMemberId, claim.PatientControlNumber,
            claim.PayerClaimNumber, denial.PayerName, denial.ProcedureCode, denial.ServiceDate, denial.Kind, denial.GroupCode, denial.ReasonCode,
            denial.RemarkCodes, denial.Scenario, denial.RootCause, denial.Amount, appeal.Markdown, ClinicalNarrative.Extract(resolved),
            appeal.SignedMarkdown, appeal.SignedByName, appeal.SignedAt, appeal.SignatureSha256, appeal.Attestation, appeal.ReturnComment,
            appeal.UpdatedAt, appeal.DraftAtSignOffRequest is not null, changes, excerpts, account)
        {
            Resolved = resolved,
            UncitedStatements = state is null ? [] : LetterChecks.UncitedClinicalSentences(state.Issues),
            Blocking = state is null ? [] : state.Blocking.Where(i => i.Kind != LetterIssueKind.UncitedClinicalSentence).Select(i => i.Message).ToList(),
            OnBehalfOf = state is null ? null : OnBehalfOf(state),
        };
    }

    /// <summary>
    /// Signs the letter: the resource check, the attestation, the typed name and the password (in that order), then
    /// the version. A wrong name or password is audited as <c>appeal.sign-failed</c> (the reason as a code, never the
    /// input); wrong passwords count toward the account's lockout as wrong sign-ins do.
    /// </summary>
    public async Task<SignOffResult> SignAsync(SignatureInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (appeal, refusal) = await LoadAsync(input.AppealId, cancellationToken);
        if (appeal is null)
        {
            return refusal!;
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        string? narrative = null;
        if (input.Narrative is not null && ClinicalNarrative.Extract(appeal.Markdown) is not null)
        {
            narrative = Normalize(input.Narrative);
            if (narrative.Length == 0)
            {
                errors[NarrativeField] = "The clinical narrative cannot be empty. Return the letter with a comment instead.";
            }
        }

        if (!input.Attested)
        {
            errors[AttestedField] = "Tick the attestation to sign.";
        }

        if (string.IsNullOrWhiteSpace(input.TypedName))
        {
            errors[NameField] = "Type your full name to sign.";
        }

        if (string.IsNullOrEmpty(input.Password))
        {
            errors[PasswordField] = "Enter your password to sign.";
        }

        // Signing for another provider is confirmed like the attestation, before the password is checked.
        var onBehalf = OnBehalfOf(await states.StateAsync(appeal, appeal.Markdown, cancellationToken));
        if (onBehalf is not null && !input.ConfirmedOnBehalf)
        {
            errors[OnBehalfField] = $"Confirm that you sign on behalf of {onBehalf}, who rendered the service.";
        }

        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var user = await signIn.UserManager.FindByIdAsync(actor.UserId!);
        if (user is null)
        {
            return new SignOffResult(SignOffOutcome.NotFound);
        }

        if (!SignatureName.Matches(input.TypedName, user.DisplayName))
        {
            await RecordFailedAttemptAsync(appeal.Id, "name", cancellationToken);
            return Invalid(new Dictionary<string, string> { [NameField] = $"Type your name as it appears on your account: {user.DisplayName}." });
        }

        // The signature password is a credential check like sign-in, so it goes through sign-in's own check and shares
        // its lockout: five wrong passwords here lock the account as five wrong sign-ins would, a locked account
        // cannot sign, and a right password resets the count.
        var check = await signIn.CheckPasswordSignInAsync(user, input.Password!, lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            await RecordFailedAttemptAsync(appeal.Id, check.IsLockedOut ? "locked-out" : "password", cancellationToken);
            return Invalid(new Dictionary<string, string>
            {
                [PasswordField] = check.IsLockedOut ? LockedOutMessage : "The password is not right. Enter the password you sign in with.",
            });
        }

        if (appeal.Version != input.Version)
        {
            return Conflict();
        }

        // The physician reads (and may edit) the narrative with its merge fields resolved; an unchanged narrative,
        // resolved or not, is no edit.
        var text = appeal.Markdown;
        var edited = false;
        if (narrative is not null && ClinicalNarrative.Extract(text) is { } current)
        {
            var resolvedBase = (await states.StateAsync(appeal, text, cancellationToken)).Resolved;
            var resolvedCurrent = ClinicalNarrative.Extract(resolvedBase) ?? current;
            if (narrative != Normalize(current) && narrative != Normalize(resolvedCurrent))
            {
                text = ClinicalNarrative.Replace(text, narrative);
                edited = true;
            }
        }

        // The signer and the signing date are merge fields, so they are set before the letter is resolved.
        var now = clock.GetUtcNow();
        appeal.SignedAt = now;
        appeal.SignedTimeZone = await letters.TimeZoneAsync(cancellationToken);
        appeal.SignedByUserId = user.Id;
        var attested = (input.AttestedStatements ?? []).Select(LetterChecks.NormalizeSentence).Where(x => x.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        appeal.AttestedStatements = attested.Count == 0 ? null : string.Join('\n', attested);
        var state = await states.StateAsync(appeal, text, cancellationToken);
        if (state.Blocking.ToList() is { Count: > 0 } blocking)
        {
            db.ChangeTracker.Clear();
            var uncited = blocking.Where(i => i.Kind == LetterIssueKind.UncitedClinicalSentence).ToList();
            var message = uncited.Count == blocking.Count
                ? $"{uncited.Count.ToString(CultureInfo.InvariantCulture)} clinical statement(s) cite no chart excerpt. Attest each as your own clinical statement, or return the letter so the record can be cited: "
                  + string.Join(" ", uncited.Select(i => "\"" + i.Subject + "\""))
                : "The letter cannot be signed as it is: " + string.Join(" ", blocking.Select(i => i.Message));
            return Invalid(new Dictionary<string, string> { [StatementsField] = message }) with
            {
                Uncited = uncited.Select(i => i.Subject).OfType<string>().Distinct(StringComparer.Ordinal).ToList(),
            };
        }

        // What is signed is what goes out: the letter with its merge fields resolved, and only the attested
        // sentences the letter still holds.
        text = state.Resolved;
        var uncitedNow = LetterChecks.UncitedClinicalSentences(LetterChecks.Check(text, state.Template!.Template, state.Cited));
        appeal.AttestedStatements = uncitedNow.Count == 0 ? null : string.Join('\n', uncitedNow);
        var hash = SignatureHash.Sha256(text);
        appeal.Markdown = text;
        appeal.SignedByUserId = user.Id;
        appeal.SignedByName = user.DisplayName.Trim();
        appeal.SignedAt = now;
        appeal.SignedMarkdown = text;
        appeal.SignatureSha256 = hash;
        appeal.Attestation = DefaultAttestation;
        appeal.ReturnComment = null;
        appeal.Status = AppealStatus.Signed;
        appeal.UpdatedAt = now;
        appeal.UpdatedByUserId = user.Id;
        appeal.Version++;

        var number = await NextRevisionNumberAsync(appeal.Id, cancellationToken);
        if (edited)
        {
            db.LetterRevisions.Add(Revision(appeal.Id, number++, text, now, user.Id, "physician-edit"));
        }

        db.LetterRevisions.Add(Revision(appeal.Id, number, text, now, user.Id, "signed"));
        MoveDenial(appeal.Denial, DenialStatus.Ready, now, user.Id, "Letter signed by the physician.");
        audit.Add("appeal.sign", "Appeal", Id(appeal.Id), $"sha256={hash}; edited={(edited ? "yes" : "no")}; attested={Id(uncitedNow.Count)}; version={Id(appeal.Version)}"
            + (onBehalf is null ? "" : "; on-behalf=yes"));
        return await SaveAsync(cancellationToken);
    }

    /// <summary>The rendering provider's name with credentials when the signer is another physician (the letter's "on behalf of"); else null.</summary>
    internal static string? OnBehalfOf(LetterState state) =>
        state.Provider is { } provider && state.Signer is { } signer && !string.IsNullOrWhiteSpace(provider.Name) && !MergeValues.SameProvider(signer, provider)
            ? provider.NameWithCredentials
            : null;

    /// <summary>Sends the letter back to the specialist with a required comment; the denial returns to in-progress.</summary>
    public async Task<SignOffResult> ReturnAsync(long appealId, int version, string? comment, CancellationToken cancellationToken = default)
    {
        var (appeal, refusal) = await LoadAsync(appealId, cancellationToken);
        if (appeal is null)
        {
            return refusal!;
        }

        var text = (comment ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (text.Length == 0)
        {
            return Invalid(new Dictionary<string, string> { [CommentField] = "Say what needs to change: a comment is required to return the letter." });
        }

        if (text.Length > MaxCommentLength)
        {
            return Invalid(new Dictionary<string, string> { [CommentField] = $"The comment is longer than {MaxCommentLength} characters." });
        }

        if (appeal.Version != version)
        {
            return Conflict();
        }

        var userId = actor.UserId!;
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

    private Task RecordFailedAttemptAsync(long appealId, string reason, CancellationToken cancellationToken) =>
        audit.RecordAsync("appeal.sign-failed", "Appeal", Id(appealId), "reason=" + reason, cancellationToken);

    private bool IsPhysician(out string userId)
    {
        userId = actor.UserId ?? "";
        return userId.Length > 0 && actor.IsInRole(Roles.Physician);
    }

    /// <summary>The letter when it is this physician's and awaits their signature; "not found" for anyone else.</summary>
    private async Task<(Appeal? Appeal, SignOffResult? Refusal)> LoadAsync(long appealId, CancellationToken cancellationToken)
    {
        if (!IsPhysician(out var me))
        {
            return (null, new SignOffResult(SignOffOutcome.NotFound));
        }

        var appeal = await db.Appeals.Include(a => a.Denial).FirstOrDefaultAsync(a => a.Id == appealId, cancellationToken);
        if (appeal is null || appeal.SignOffRequestedToUserId != me)
        {
            return (null, new SignOffResult(SignOffOutcome.NotFound));
        }

        if (appeal.Status != AppealStatus.AwaitingSignOff)
        {
            return (null, new SignOffResult(SignOffOutcome.NotAwaitingSignOff,
                $"This letter is no longer awaiting your signature (it is {Describe(appeal.Status)})."));
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
        "The letter was changed by someone else while you were reviewing it. Your text is kept; look at the change, then sign again.");

    private static SignOffResult Invalid(Dictionary<string, string> errors) =>
        new(SignOffOutcome.Invalid, errors.Count == 1 ? errors.Values.First() : "Correct the marked fields to sign.", errors);

    private static IQueryable<QueueData> Project(IQueryable<Appeal> appeals) => appeals.Select(a => new QueueData(
        a.Id, a.Status, a.SignOffRequestedAt, a.UpdatedAt, a.Denial.Claim.PatientLastName, a.Denial.Claim.PatientFirstName,
        a.Denial.Claim.PatientControlNumber, a.Denial.Claim.PayerClaimNumber, a.Denial.PayerName, a.Denial.ProcedureCode, a.Denial.ServiceDate,
        a.Denial.Scenario, a.Denial.RootCause, a.Denial.AppealDeadline));

    private static SignOffQueueRow Named(QueueData r) => new(r.AppealId, r.Status, r.RequestedAt, r.UpdatedAt,
        string.Join(", ", new[] { r.LastName, r.FirstName }.Where(p => !string.IsNullOrWhiteSpace(p))), r.PatientControlNumber,
        r.PayerClaimNumber, r.PayerName, r.ProcedureCode, r.ServiceDate, r.Scenario, r.RootCause, r.Deadline);

    private sealed record QueueData(long AppealId, AppealStatus Status, DateTimeOffset? RequestedAt, DateTimeOffset UpdatedAt, string? LastName,
        string? FirstName, string PatientControlNumber, string? PayerClaimNumber, string PayerName, string? ProcedureCode, DateOnly? ServiceDate,
        string? Scenario, string RootCause, DateOnly? Deadline);

    private static IReadOnlyList<string> Facts(string? facts) =>
        string.IsNullOrWhiteSpace(facts) ? [] : facts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Source(string? title, DateOnly? date, string? author)
    {
        var parts = new List<string> { title ?? "Document no longer available" };
        if (date is { } d)
        {
            parts.Add(Display.Date(d));
        }

        if (!string.IsNullOrWhiteSpace(author))
        {
            parts.Add(author);
        }

        return string.Join(", ", parts);
    }

    private static int LabelNumber(string label) =>
        label.Length > 1 && int.TryParse(label.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;

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
