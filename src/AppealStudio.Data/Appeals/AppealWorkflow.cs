using System.Globalization;
using System.Text.RegularExpressions;
using AppealStudio.Core;
using AppealStudio.Core.Denials;
using AppealStudio.Core.Letters;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Identity;
using Microsoft.EntityFrameworkCore;
using ChartEntity = AppealStudio.Data.Charts.ChartDocument;

namespace AppealStudio.Data.Appeals;

/// <summary>
/// A letter as it stands: its template, its excerpts as citations, its text with the merge fields resolved (what is
/// shown, exported and signed), and what LetterChecks finds in that text.
/// </summary>
public sealed record LetterState(
    StoredTemplate? Template,
    IReadOnlyList<CitedExcerpt> Cited,
    IReadOnlyList<LetterIssue> Issues,
    IReadOnlyDictionary<long, ChartEntity> Documents)
{
    /// <summary>The text with the merge fields resolved.</summary>
    public string Resolved { get; init; } = "";

    /// <summary>The packet's enclosures, in order.</summary>
    public IReadOnlyList<string> Enclosures { get; init; } = [];

    public ProviderInfo? Signer { get; init; }

    public ProviderInfo? Provider { get; init; }

    public bool CanExport => Template is not null && LetterChecks.CanExport(Issues);

    /// <summary>May be sent for signature: only the uncited clinical sentences (which the physician cites or attests) may remain.</summary>
    public bool CanRequestSignOff => Template is not null && Issues.All(i => !i.BlocksExport || i.Kind == LetterIssueKind.UncitedClinicalSentence);

    public bool IsClinical => Template?.Template.Clinical ?? true;

    public IEnumerable<LetterIssue> Blocking => Issues.Where(i => i.BlocksExport);
}

/// <summary>What the specialist records when the appeal is sent.</summary>
public sealed record SubmissionInput(string Level, string Method, DateOnly SubmittedOn, string? Reference, DateOnly? FollowUpOn);

/// <summary>What the specialist records when the payer answers.</summary>
/// <param name="ConfirmSameDay">The user confirmed a decision dated the day the appeal was sent (unusual, so asked).</param>
public sealed record DecisionInput(string Decision, DateOnly DecidedOn, decimal? AmountRecovered, bool ConfirmOverDenied, bool ConfirmSameDay = false);

/// <summary>
/// The appeal workspace's commands: start a letter, save revisions (with optimistic concurrency on
/// <see cref="Appeal.Version"/>), choose excerpts, request sign-off, void a signature, record submission and
/// decision, attach files. Each command saves once, with its audit row and the denial's status event in the same
/// unit of work.
/// </summary>
public sealed partial class AppealWorkflow(
    AppDbContext db,
    TemplateStore templates,
    AppealEvidence evidence,
    AppealLetters letters,
    AuditLog audit,
    ICurrentActor actor,
    TimeProvider clock,
    AppealOptions options,
    ImportSlots slots,
    Lifecycle.AppealLevels levels)
{
    public const int MaxLetterLength = 200_000;

    public const string KindDraft = "draft";
    public const string KindAutosave = "autosave";
    public const string KindTemplate = "template";
    public const string KindSigned = "signed";

    public static readonly IReadOnlyList<string> Methods = ["portal", "fax", "mail", "email"];

    public static readonly IReadOnlyList<string> Levels = VocabularyCodes.Codes<AppealLevel>();

    public static string LevelLabel(string? level) => level switch
    {
        "reopening" => "Reopening",
        "first-level" => "First-level appeal / reconsideration",
        "second-level" => "Second-level appeal",
        "external-review" => "External review",
        "council-review" => "Appeals Council review",
        "judicial-review" => "Judicial review",
        _ => level ?? "",
    };

    public static string DecisionLabel(string? decision) => decision switch
    {
        AppealDecisions.Overturned => "Overturned",
        AppealDecisions.PartiallyOverturned => "Partially overturned",
        AppealDecisions.Upheld => "Upheld",
        AppealDecisions.NoResponse => "No response",
        _ => decision ?? "",
    };

    /// <summary>The text can be edited only while it is a draft (or came back from the physician).</summary>
    public static bool IsEditable(AppealStatus status) => status is AppealStatus.Draft or AppealStatus.Returned;

    public static bool IsSigned(Appeal appeal)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        return appeal.SignatureSha256 is not null && appeal.SignedMarkdown is not null;
    }

    /// <summary>The denial with everything a letter reads, or null.</summary>
    public Task<Denial?> DenialAsync(long denialId, CancellationToken cancellationToken = default) =>
        AppealLetters.Include(db.Denials).FirstOrDefaultAsync(d => d.Id == denialId, cancellationToken);

    /// <summary>The denial's current appeal: the one at its highest level (issue 13's ladder), or null.</summary>
    public Task<Appeal?> AppealForDenialAsync(long denialId, CancellationToken cancellationToken = default) =>
        db.Appeals.AsNoTracking().Include(a => a.Excerpts).Include(a => a.Attachments.OrderBy(x => x.Id))
            .AsSplitQuery()
            .Where(a => a.DenialId == denialId).OrderByDescending(a => a.Sequence)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Active users with the Physician role, by name: who may be asked to sign.</summary>
    public async Task<IReadOnlyList<AppUser>> PhysiciansAsync(CancellationToken cancellationToken = default)
    {
        var roleIds = db.Roles.Where(r => r.Name == Roles.Physician).Select(r => r.Id);
        return await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)))
            .OrderBy(u => u.DisplayName)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The template, citations, resolved text and checks of a letter text (the saved one unless <paramref name="markdown"/>
    /// is given). A signed letter's text is already resolved; a draft's merge fields are resolved now.
    /// </summary>
    public async Task<LetterState> StateAsync(Appeal appeal, string? markdown = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        var template = await templates.VersionAsync(appeal.TemplateId, appeal.TemplateVersion, cancellationToken)
                       ?? await templates.LatestAsync(appeal.TemplateId, cancellationToken);
        var excerpts = appeal.Excerpts.Count > 0
            ? appeal.Excerpts
            : await db.AppealExcerpts.AsNoTracking().Where(e => e.AppealId == appeal.Id).ToListAsync(cancellationToken);
        var ids = excerpts.Select(e => e.ChartDocumentId).Distinct().ToList();
        var documents = ids.Count == 0
            ? new Dictionary<long, ChartEntity>()
            : await db.ChartDocuments.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
        var cited = AppealEvidence.Cited(excerpts, documents);
        var text = markdown ?? appeal.Markdown;
        var resolved = await letters.ResolveAsync(appeal, text, cited, cancellationToken: cancellationToken);
        var attested = AttestedOf(appeal);
        IReadOnlyList<LetterIssue> issues = template is null
            ? [new LetterIssue(LetterIssueKind.UnfilledPlaceholder, true, $"The template '{appeal.TemplateId}' is no longer available; ask an Admin to restore it.", null, appeal.TemplateId)]
            : LetterChecks.Check(resolved.Markdown, template.Template, cited, attested);
        return new LetterState(template, cited, issues, documents)
        {
            Resolved = resolved.Markdown,
            Enclosures = resolved.Enclosures,
            Signer = resolved.Signer,
            Provider = resolved.Provider,
        };
    }

    /// <summary>The sentences the signing physician attested as their own clinical statements.</summary>
    public static IReadOnlyList<string> AttestedOf(Appeal appeal)
    {
        ArgumentNullException.ThrowIfNull(appeal);
        return string.IsNullOrWhiteSpace(appeal.AttestedStatements)
            ? []
            : appeal.AttestedStatements.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>
    /// Whether the chart meets the rule of the code as billed, before a letter is drafted: the workspace shows the
    /// finding (what the record shows against which rule), and a letter for an unsupported code is drafted only when
    /// the user asks for it, without any sentence claiming support.
    /// </summary>
    public async Task<ViabilityFinding?> ViabilityAsync(long denialId, CancellationToken cancellationToken = default)
    {
        var denial = await DenialAsync(denialId, cancellationToken);
        if (denial is null)
        {
            return null;
        }

        var linked = await evidence.LinkedDocumentsAsync(denial, cancellationToken);
        var claim = AppealLetters.ClaimRecordOf(denial.Claim);
        var record = AppealLetters.DenialRecordOf(denial, null, Core.Denials.AppealLevel.FirstLevel);
        var line = record.LineNumber is { } n ? claim.Lines.FirstOrDefault(l => l.Number == n) : null;
        return ClinicalViability.Assess(denial.Scenario, line, linked.Select(l => l.Document).ToList());
    }

    /// <summary>
    /// Starts the denial's letter from a template: fills it from the claim, denial, payer, provider, patient,
    /// practice and (when <paramref name="autoEvidence"/>) the best-ranked excerpts for each evidence slot. A denial
    /// has one appeal per level: starting again returns the current one, unless its decision was upheld and the ladder
    /// offers the next level, whose appeal is then started (linked to the one below it, with its own deadline).
    /// </summary>
    public async Task<AppealResult> StartAsync(long denialId, string templateId, LetterStartDetails details, bool autoEvidence, CancellationToken cancellationToken = default) =>
        await StartAsync(denialId, templateId, details, autoEvidence, allowUnsupported: false, cancellationToken);

    /// <param name="denialId">The denial.</param>
    /// <param name="templateId">The template.</param>
    /// <param name="details">What the specialist adds.</param>
    /// <param name="autoEvidence">Quote the best passage for each evidence slot.</param>
    /// <param name="allowUnsupported">Draft even when the chart does not meet the billed code's rule (the letter then claims no support).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<AppealResult> StartAsync(long denialId, string templateId, LetterStartDetails details, bool autoEvidence, bool allowUnsupported,
        CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        ArgumentNullException.ThrowIfNull(details);
        var denial = await DenialAsync(denialId, cancellationToken);
        if (denial is null)
        {
            return AppealResult.NotFound();
        }

        var existing = await db.Appeals.AsNoTracking().Where(a => a.DenialId == denialId).OrderByDescending(a => a.Sequence).FirstOrDefaultAsync(cancellationToken);
        var next = existing is { Status: AppealStatus.Decided } ? await levels.OfferedAsync(denial, cancellationToken) : null;
        if (existing is not null && next is null)
        {
            return new AppealResult(AppealOutcome.Unchanged, "The letter was already started.", AppealId: existing.Id, Version: existing.Version);
        }

        var stored = string.IsNullOrWhiteSpace(templateId) ? null : await templates.LatestAsync(templateId, cancellationToken);
        if (stored is null)
        {
            return AppealResult.Invalid("Choose a template.", "TemplateId");
        }

        if (details.Level is { Length: > 0 } level && !Levels.Contains(level))
        {
            return AppealResult.Invalid("Choose the appeal level.", "Level");
        }

        var template = stored.Template;
        var linked = await evidence.LinkedDocumentsAsync(denial, cancellationToken);
        var topic = AppealEvidence.TopicFor(denial);
        var chosen = autoEvidence
            ? EvidenceSelection.Assign(template, linked.Select(l => l.Document).ToList(), topic)
            : new Dictionary<string, IReadOnlyList<CitedExcerpt>>(StringComparer.Ordinal);
        var draft = LetterBuilder.Build(await letters.InputsAsync(denial, linked, template, details, chosen, cancellationToken));
        if (draft.Viability.BlocksDrafting && !allowUnsupported)
        {
            return AppealResult.Invalid("The record does not support the code as billed: " + draft.Viability.Summary, "Viability");
        }

        var filled = draft.Filled;

        var now = clock.GetUtcNow();
        var appeal = new Appeal
        {
            DenialId = denialId,
            Sequence = (existing?.Sequence ?? 0) + 1,
            PreviousAppealId = existing?.Id,
            Level = next?.Level.ToCode(),
            TemplateId = template.Id,
            TemplateVersion = stored.Version,
            Status = AppealStatus.Draft,
            Markdown = filled.Markdown,
            PayerAddress = string.IsNullOrWhiteSpace(details.PayerAddress) ? null : details.PayerAddress.Trim(),
            LetterLevel = string.IsNullOrWhiteSpace(details.Level) ? null : details.Level,
            Version = 1,
            CreatedAt = now,
            CreatedByUserId = actor.UserId,
            UpdatedAt = now,
            UpdatedByUserId = actor.UserId,
        };
        appeal.Revisions.Add(new LetterRevision { Number = 1, Markdown = filled.Markdown, At = now, UserId = actor.UserId, Actor = actor.Name, Kind = KindTemplate });
        foreach (var excerpt in filled.CitedExcerpts)
        {
            var document = linked.First(l => l.Document.Id == excerpt.DocumentId);
            var passage = AppealEvidence.FindPassage(SlotTopic(template, excerpt.Slot, topic), document.Document, excerpt.Start, excerpt.End);
            appeal.Excerpts.Add(new AppealExcerpt
            {
                ChartDocumentId = document.Entity.Id,
                Label = excerpt.Marker,
                Start = excerpt.Start,
                End = excerpt.End,
                Text = excerpt.Text,
                Slot = excerpt.Slot,
                Facts = FactsText(passage),
                Score = (decimal)(passage?.Score ?? 0),
            });
        }

        db.Appeals.Add(appeal);
        if (next is not null)
        {
            denial.AppealDeadline = next.Deadline;
            denial.DeadlineBasis = Truncate(next.Basis, 500);
            ChangeDenialStatus(denial, DenialStatus.InProgress, $"Next level started: {next.Name}" + (next.Deadline is { } due ? $", due {Invariant.Date(due)}." : "."));
        }
        else if (denial.Status == DenialStatus.New)
        {
            ChangeDenialStatus(denial, DenialStatus.InProgress, "Appeal letter started.");
        }
        else
        {
            // The denial's Version is bumped even when its status stays: two starts at the same moment (a double
            // click, two specialists) then update the same row with the same expected Version, and only one succeeds.
            denial.UpdatedAt = now;
            denial.Version++;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The denial was changed at the same moment (its Version is a concurrency token): nothing was saved.
            db.ChangeTracker.Clear();
            var winner = await db.Appeals.AsNoTracking().Where(a => a.DenialId == denialId).OrderByDescending(a => a.Sequence).FirstOrDefaultAsync(cancellationToken);
            return winner is not null
                ? new AppealResult(AppealOutcome.Unchanged, "The letter was already started.", AppealId: winner.Id, Version: winner.Version)
                : new AppealResult(AppealOutcome.Conflict, "The denial was changed by someone else at the same moment. Reload the page and start the letter again.");
        }

        await audit.RecordAsync("appeal.started", "Appeal", Id(appeal.Id),
            $"denial={Id(denialId)} template={template.Id} version={stored.Version.ToString(CultureInfo.InvariantCulture)} excerpts={appeal.Excerpts.Count.ToString(CultureInfo.InvariantCulture)}", cancellationToken);
        return new AppealResult(AppealOutcome.Done, "Letter started.", AppealId: appeal.Id, Version: appeal.Version, Revision: 1);
    }

    /// <summary>
    /// Saves the letter text as a new revision. <paramref name="baseVersion"/> is the <see cref="Appeal.Version"/>
    /// the editor loaded: if the letter moved on since, nothing is saved and the current text comes back as a
    /// conflict. The same text as the saved one is a no-op (a double submit creates no second revision). Autosaves
    /// by the same user replace their own previous autosave so the history keeps the versions people meant to keep.
    /// </summary>
    public async Task<AppealResult> SaveAsync(long appealId, string markdown, int baseVersion, string kind, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        ArgumentNullException.ThrowIfNull(markdown);
        if (kind is not (KindDraft or KindAutosave))
        {
            return AppealResult.Invalid("Unknown kind of save.");
        }

        var text = Normalize(markdown);
        if (text.Trim().Length == 0)
        {
            return AppealResult.Invalid("The letter is empty. Write the letter, or reload the page to get the saved text back.", "Markdown");
        }

        if (text.Length > MaxLetterLength)
        {
            return AppealResult.Invalid($"The letter is longer than {MaxLetterLength.ToString(CultureInfo.InvariantCulture)} characters.", "Markdown");
        }

        var appeal = await db.Appeals.FirstOrDefaultAsync(a => a.Id == appealId, cancellationToken);
        if (appeal is null)
        {
            return AppealResult.NotFound();
        }

        var latest = await db.LetterRevisions.Where(r => r.AppealId == appealId).OrderByDescending(r => r.Number).FirstOrDefaultAsync(cancellationToken);
        if (string.Equals(text, appeal.Markdown, StringComparison.Ordinal))
        {
            // An explicit Save of text that an autosave already stored keeps that revision as a draft.
            if (kind == KindDraft && latest is { Kind: KindAutosave } && latest.UserId == actor.UserId && string.Equals(latest.Markdown, text, StringComparison.Ordinal))
            {
                latest.Kind = KindDraft;
                await db.SaveChangesAsync(cancellationToken);
            }

            return new AppealResult(AppealOutcome.Unchanged, "No changes to save.", AppealId: appeal.Id, Version: appeal.Version, Revision: latest?.Number);
        }

        if (!IsEditable(appeal.Status))
        {
            return AppealResult.Locked(LockedMessage(appeal.Status));
        }

        if (appeal.Version != baseVersion)
        {
            return Conflict(appeal);
        }

        var now = clock.GetUtcNow();
        int number;
        if (kind == KindAutosave && latest is { Kind: KindAutosave } && latest.UserId == actor.UserId && actor.UserId is not null)
        {
            latest.Markdown = text;
            latest.At = now;
            number = latest.Number;
        }
        else
        {
            number = (latest?.Number ?? 0) + 1;
            db.LetterRevisions.Add(new LetterRevision { AppealId = appeal.Id, Number = number, Markdown = text, At = now, UserId = actor.UserId, Actor = actor.Name, Kind = kind });
        }

        appeal.Markdown = text;
        appeal.Version++;
        appeal.UpdatedAt = now;
        appeal.UpdatedByUserId = actor.UserId;
        audit.Add("appeal.saved", "Appeal", Id(appeal.Id), $"kind={kind} revision={number.ToString(CultureInfo.InvariantCulture)}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another save won the race for this version (concurrency token) or revision number (unique index).
            db.ChangeTracker.Clear();
            var current = await db.Appeals.AsNoTracking().FirstAsync(a => a.Id == appealId, cancellationToken);
            return Conflict(current);
        }

        return new AppealResult(AppealOutcome.Done, kind == KindAutosave ? "Autosaved." : "Saved.", AppealId: appeal.Id, Version: appeal.Version, Revision: number);
    }

    /// <summary>Adds a linked chart passage as an excerpt (next free label E1, E2...). The same passage twice is a no-op.</summary>
    public async Task<AppealResult> AddExcerptAsync(long appealId, long documentId, int start, int end, string? slot, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        var appeal = await db.Appeals.Include(a => a.Excerpts).FirstOrDefaultAsync(a => a.Id == appealId, cancellationToken);
        if (appeal is null)
        {
            return AppealResult.NotFound();
        }

        if (!IsEditable(appeal.Status))
        {
            return AppealResult.Locked(LockedMessage(appeal.Status));
        }

        var denial = (await DenialAsync(appeal.DenialId, cancellationToken))!;
        var linked = (await evidence.LinkedDocumentsAsync(denial, cancellationToken)).FirstOrDefault(l => l.Entity.Id == documentId);
        if (linked is null)
        {
            // Only documents linked to this claim may be quoted: another patient's chart is not found, not refused.
            return AppealResult.NotFound();
        }

        var text = linked.Entity.Text;
        if (start < 0 || end <= start || end > text.Length)
        {
            return AppealResult.Invalid("That passage is not in the document.");
        }

        var same = appeal.Excerpts.Where(e => e.ChartDocumentId == documentId && e.Start == start && e.End == end).ToList();

        var stored = await templates.VersionAsync(appeal.TemplateId, appeal.TemplateVersion, cancellationToken)
                     ?? await templates.LatestAsync(appeal.TemplateId, cancellationToken);
        var slots = stored?.Template.EvidenceSlots ?? [];
        var topic = AppealEvidence.TopicFor(denial);
        EvidencePassageFacts(topic, linked, start, end, out var facts, out var score);
        string chosenSlot;
        if (!string.IsNullOrWhiteSpace(slot))
        {
            if (!slots.Any(s => s.Name == slot))
            {
                return AppealResult.Invalid("Choose one of the letter's evidence slots.", "Slot");
            }

            chosenSlot = slot;
        }
        else
        {
            // The first slot the passage's facts fit; a passage that fits none is quoted where the user put it, in no
            // slot (a quotation at the cursor), rather than under a slot whose facts it does not show.
            chosenSlot = slots.FirstOrDefault(s => s.Facts.Any(f => facts.Contains(f)) && !same.Exists(e => e.Slot == s.Name))?.Name
                         ?? (same.Count > 0 ? same[0].Slot ?? "" : "");
        }

        if (same.Exists(e => (e.Slot ?? "") == chosenSlot))
        {
            return new AppealResult(AppealOutcome.Unchanged, "That passage is already chosen.", AppealId: appeal.Id, Version: appeal.Version);
        }

        if (slots.FirstOrDefault(s => s.Name == chosenSlot) is { Facts.Count: > 0 } target && !target.Facts.Any(f => facts.Contains(f)))
        {
            // A passage without the slot's facts does not go under it: "separate incision" needs a passage that shows one.
            return AppealResult.Invalid($"That passage does not show what \"{target.Label}\" needs; choose a passage that does, or another slot.", "Slot");
        }

        // The same passage for a second slot keeps its label: it is quoted once and cited in both places.
        var label = same.Count > 0 ? same[0].Label : "E" + NextLabelNumber(appeal).ToString(CultureInfo.InvariantCulture);
        var excerpt = new AppealExcerpt
        {
            AppealId = appeal.Id,
            ChartDocumentId = documentId,
            Label = label,
            Start = start,
            End = end,
            Text = text[start..end],
            Slot = chosenSlot.Length == 0 ? null : chosenSlot,
            Facts = facts.Count == 0 ? null : Truncate(string.Join(", ", facts), 1000),
            Score = (decimal)score,
        };
        db.AppealExcerpts.Add(excerpt);
        audit.Add("appeal.excerpt-added", "Appeal", Id(appeal.Id), $"label={label} document={Id(documentId)} slot={chosenSlot}");
        await db.SaveChangesAsync(cancellationToken);
        return new AppealResult(AppealOutcome.Done, same.Count > 0
            ? $"{label} now also supports this slot. Re-fill the evidence sections to cite it there."
            : $"Added as {label}. Re-fill the evidence sections to quote it in the letter.", AppealId: appeal.Id, Version: appeal.Version);
    }

    public async Task<AppealResult> RemoveExcerptAsync(long appealId, long excerptId, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        var appeal = await db.Appeals.AsNoTracking().FirstOrDefaultAsync(a => a.Id == appealId, cancellationToken);
        if (appeal is null)
        {
            return AppealResult.NotFound();
        }

        if (!IsEditable(appeal.Status))
        {
            return AppealResult.Locked(LockedMessage(appeal.Status));
        }

        var excerpt = await db.AppealExcerpts.FirstOrDefaultAsync(e => e.Id == excerptId && e.AppealId == appealId, cancellationToken);
        if (excerpt is null)
        {
            return new AppealResult(AppealOutcome.Unchanged, "That excerpt was already removed.", AppealId: appealId, Version: appeal.Version);
        }

        db.AppealExcerpts.Remove(excerpt);
        audit.Add("appeal.excerpt-removed", "Appeal", Id(appealId), "label=" + excerpt.Label);
        await db.SaveChangesAsync(cancellationToken);
        return new AppealResult(AppealOutcome.Done, $"Removed {excerpt.Label}. Re-fill the evidence sections and remove its citation from the narrative.", AppealId: appealId, Version: appeal.Version);
    }

    /// <summary>Rewrites the letter's evidence sections from the chosen excerpts (a new revision); the rest of the text is kept.</summary>
    public async Task<AppealResult> RefillEvidenceAsync(long appealId, int baseVersion, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        var appeal = await db.Appeals.Include(a => a.Excerpts).FirstOrDefaultAsync(a => a.Id == appealId, cancellationToken);
        if (appeal is null)
        {
            return AppealResult.NotFound();
        }

        if (!IsEditable(appeal.Status))
        {
            return AppealResult.Locked(LockedMessage(appeal.Status));
        }

        if (appeal.Version != baseVersion)
        {
            return Conflict(appeal);
        }

        var state = await StateAsync(appeal, cancellationToken: cancellationToken);
        if (state.Template is null)
        {
            return AppealResult.Invalid($"The template '{appeal.TemplateId}' is no longer available.");
        }

        var denial = await letters.LoadDenialAsync(appeal.DenialId, cancellationToken);
        var linked = await evidence.LinkedDocumentsAsync(denial, cancellationToken);
        var render = await letters.RendererAsync(appeal, state.Template.Template, linked, cancellationToken);
        var refill = AppealLetters.RefillEvidence(appeal.Markdown, state.Template.Template, state.Cited, render);
        var text = refill.Markdown;
        var note = refill.Unplaced.Count == 0 ? "" : $" No place was found for: {string.Join(", ", refill.Unplaced)}; paste those quotes into the letter.";
        if (refill.Uncited.Count > 0)
        {
            note += $" Cite {string.Join(", ", refill.Uncited.Select(m => "[" + m + "]"))} where each supports a statement.";
        }

        foreach (var excerpt in appeal.Excerpts)
        {
            if (refill.Renumbered.TryGetValue(excerpt.Label, out var label))
            {
                excerpt.Label = label;
            }
        }

        if (string.Equals(text, appeal.Markdown, StringComparison.Ordinal))
        {
            await db.SaveChangesAsync(cancellationToken);
            return new AppealResult(AppealOutcome.Unchanged, "The evidence sections already match the chosen excerpts." + note, AppealId: appeal.Id, Version: appeal.Version);
        }

        var number = await NextRevisionAsync(appeal.Id, cancellationToken);
        var now = clock.GetUtcNow();
        db.LetterRevisions.Add(new LetterRevision { AppealId = appeal.Id, Number = number, Markdown = text, At = now, UserId = actor.UserId, Actor = actor.Name, Kind = KindTemplate });
        appeal.Markdown = text;
        appeal.Version++;
        appeal.UpdatedAt = now;
        appeal.UpdatedByUserId = actor.UserId;
        audit.Add("appeal.evidence-refilled", "Appeal", Id(appeal.Id), "revision=" + number.ToString(CultureInfo.InvariantCulture));
        return await SaveOrConflictAsync(appeal, "Evidence sections re-filled from the chosen excerpts." + note, number, cancellationToken);
    }

    /// <summary>
    /// Sends the letter to a physician for sign-off: the one named, else the physician the provider directory links to
    /// the rendering provider. Refused while the checks find export-blocking problems (uncited clinical sentences are
    /// the physician's to cite or attest), and when the letter changed since the user looked at it. Warnings (the
    /// signer is not the rendering provider; the narrative names another clinician) must be acknowledged.
    /// </summary>
    public Task<AppealResult> RequestSignOffAsync(long appealId, string? physicianUserId, int baseVersion, CancellationToken cancellationToken = default) =>
        RequestSignOffAsync(appealId, physicianUserId, baseVersion, acknowledgeWarnings: false, cancellationToken);

    public async Task<AppealResult> RequestSignOffAsync(long appealId, string? physicianUserId, int baseVersion, bool acknowledgeWarnings, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        var appeal = await db.Appeals.Include(a => a.Excerpts).Include(a => a.Denial).FirstOrDefaultAsync(a => a.Id == appealId, cancellationToken);
        if (appeal is null)
        {
            return AppealResult.NotFound();
        }

        physicianUserId ??= await letters.DefaultSignerUserIdAsync(appeal.Denial.RenderingProviderNpi, cancellationToken);
        if (appeal.Status == AppealStatus.AwaitingSignOff && appeal.SignOffRequestedToUserId == physicianUserId)
        {
            return new AppealResult(AppealOutcome.Unchanged, "Sign-off was already requested.", AppealId: appeal.Id, Version: appeal.Version);
        }

        if (!IsEditable(appeal.Status))
        {
            return AppealResult.Locked(LockedMessage(appeal.Status));
        }

        if (appeal.Version != baseVersion)
        {
            return Conflict(appeal);
        }

        var physicians = await PhysiciansAsync(cancellationToken);
        var physician = physicians.FirstOrDefault(p => p.Id == physicianUserId);
        if (physician is null)
        {
            return AppealResult.Invalid("Choose the physician who signs the letter.", "PhysicianUserId");
        }

        var state = await StateAsync(appeal, cancellationToken: cancellationToken);
        if (!state.CanRequestSignOff)
        {
            return AppealResult.Invalid($"Fix the {state.Blocking.Count(i => i.Kind != LetterIssueKind.UncitedClinicalSentence).ToString(CultureInfo.InvariantCulture)} problem(s) listed with the letter before asking for sign-off.");
        }

        var warnings = await SignerWarningsAsync(appeal, physician.Id, cancellationToken);
        if (warnings.Count > 0 && !acknowledgeWarnings)
        {
            return AppealResult.Invalid("Acknowledge before sending: " + string.Join(" ", warnings), "AcknowledgeWarnings");
        }

        var now = clock.GetUtcNow();
        appeal.Status = AppealStatus.AwaitingSignOff;
        appeal.SignOffRequestedToUserId = physician.Id;
        appeal.SignOffRequestedAt = now;
        appeal.DraftAtSignOffRequest = appeal.Markdown;
        appeal.ReturnComment = null;
        appeal.Version++;
        appeal.UpdatedAt = now;
        appeal.UpdatedByUserId = actor.UserId;
        ChangeDenialStatus(appeal.Denial, DenialStatus.AwaitingSignOff, "Sign-off requested.");
        audit.Add("appeal.signoff-requested", "Appeal", Id(appeal.Id),
            "physician=" + physician.Id + (warnings.Count > 0 ? " warnings-acknowledged=" + warnings.Count.ToString(CultureInfo.InvariantCulture) : ""));
        return await SaveOrConflictAsync(appeal, $"Sent to {physician.DisplayName} for sign-off.", null, cancellationToken);
    }

    /// <summary>
    /// What the specialist must acknowledge before a letter goes to <paramref name="physicianUserId"/>: a signer who is
    /// not the rendering provider (the letter then says it is written on the rendering provider's behalf), and a
    /// narrative that names a clinician other than the signer and the rendering provider.
    /// </summary>
    public async Task<IReadOnlyList<string>> SignerWarningsAsync(long appealId, string? physicianUserId, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        var appeal = await db.Appeals.AsNoTracking().Include(a => a.Excerpts).Include(a => a.Denial).FirstOrDefaultAsync(a => a.Id == appealId, cancellationToken);
        if (appeal is null)
        {
            return [];
        }

        physicianUserId ??= await letters.DefaultSignerUserIdAsync(appeal.Denial.RenderingProviderNpi, cancellationToken);
        return physicianUserId is null ? [] : await SignerWarningsAsync(appeal, physicianUserId, cancellationToken);
    }

    private async Task<IReadOnlyList<string>> SignerWarningsAsync(Appeal appeal, string physicianUserId, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        var signer = await letters.SignerAsync(physicianUserId, cancellationToken);
        var npi = appeal.Denial.RenderingProviderNpi;
        var provider = await letters.ProviderAsync(npi, cancellationToken);
        var renderingName = provider?.NameWithCredentials ?? Core.Letters.Names.PersonFromRemittance((await db.Claims.AsNoTracking().Where(c => c.Id == appeal.Denial.ClaimId).Select(c => c.RenderingProviderName).FirstOrDefaultAsync(cancellationToken))) ?? "the rendering provider";
        if (signer is not null && !string.IsNullOrWhiteSpace(npi) && !string.Equals(signer.Npi, npi, StringComparison.Ordinal))
        {
            warnings.Add($"{signer.NameWithCredentials} is not the rendering provider ({renderingName}, NPI {npi}); the letter will say it is written on {renderingName}'s behalf.");
        }

        var state = await StateAsync(appeal, cancellationToken: cancellationToken);
        var narrative = ClinicalNarrative.Extract(state.Resolved) ?? "";
        var clinicians = await db.Providers.AsNoTracking().Where(p => p.IsActive).Select(p => new { p.Name, p.Credentials, p.Npi }).ToListAsync(cancellationToken);
        var names = clinicians.Where(c => c.Npi != signer?.Npi && c.Npi != npi).Select(c => (c.Name, Shown: string.IsNullOrWhiteSpace(c.Credentials) ? c.Name : $"{c.Name}, {c.Credentials}"))
            .Concat(state.Documents.Values.Select(d => d.Author).Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => (Name: SplitCredentials(a!).Name, Shown: a!)))
            .DistinctBy(n => n.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, shown) in names)
        {
            if (SameClinician(name, signer?.Name) || SameClinician(name, provider?.Name))
            {
                continue;
            }

            if (narrative.Contains(name, StringComparison.OrdinalIgnoreCase) || (FamilyName(name) is { Length: > 2 } family && NamesPerson(narrative, family)))
            {
                warnings.Add($"The clinical narrative names {shown}, who is neither the signer nor the rendering provider.");
            }
        }

        return warnings;
    }

    private static (string Name, string? Credentials) SplitCredentials(string display) => AppealLetters.SplitCredentials(display);

    private static bool SameClinician(string a, string? b) =>
        b is not null && Core.Charts.PersonName.Parse(a) is { } x && Core.Charts.PersonName.Parse(b) is { } y && x.SameAs(y);

    private static string? FamilyName(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();

    // "Dr. Marquez" or "Marquez" as a word of its own in the narrative.
    private static bool NamesPerson(string narrative, string family) =>
        Regex.IsMatch(narrative, @"\b" + Regex.Escape(family) + @"\b", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Takes a letter back from the physician's queue so the specialist can edit it again.</summary>
    public async Task<AppealResult> WithdrawSignOffAsync(long appealId, int baseVersion, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        var appeal = await db.Appeals.Include(a => a.Denial).FirstOrDefaultAsync(a => a.Id == appealId, cancellationToken);
        if (appeal is null)
        {
            return AppealResult.NotFound();
        }

        if (appeal.Status == AppealStatus.Draft)
        {
            return new AppealResult(AppealOutcome.Unchanged, "The letter is already a draft.", AppealId: appeal.Id, Version: appeal.Version);
        }

        if (appeal.Status != AppealStatus.AwaitingSignOff)
        {
            return AppealResult.Locked(LockedMessage(appeal.Status));
        }

        if (appeal.Version != baseVersion)
        {
            return Conflict(appeal);
        }

        appeal.Status = AppealStatus.Draft;
        appeal.SignOffRequestedToUserId = null;
        appeal.SignOffRequestedAt = null;
        Touch(appeal);
        ChangeDenialStatus(appeal.Denial, DenialStatus.InProgress, "Sign-off request withdrawn.");
        audit.Add("appeal.signoff-withdrawn", "Appeal", Id(appeal.Id));
        return await SaveOrConflictAsync(appeal, "Sign-off request withdrawn; the letter can be edited again.", null, cancellationToken);
    }

    /// <summary>
    /// "Edit (voids signature)": a signed letter goes back to draft. The signed text stays in the history as a
    /// revision; the signature fields are cleared so nothing can print the old signature under new text.
    /// </summary>
    public async Task<AppealResult> VoidSignatureAsync(long appealId, int baseVersion, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        var appeal = await db.Appeals.Include(a => a.Denial).FirstOrDefaultAsync(a => a.Id == appealId, cancellationToken);
        if (appeal is null)
        {
            return AppealResult.NotFound();
        }

        if (appeal.Status is AppealStatus.Draft or AppealStatus.Returned && !IsSigned(appeal))
        {
            return new AppealResult(AppealOutcome.Unchanged, "The letter is not signed.", AppealId: appeal.Id, Version: appeal.Version);
        }

        if (appeal.Status != AppealStatus.Signed)
        {
            return AppealResult.Locked(appeal.Status is AppealStatus.Submitted or AppealStatus.Decided
                ? "The letter was submitted; its signed text can no longer change."
                : LockedMessage(appeal.Status));
        }

        if (appeal.Version != baseVersion)
        {
            return Conflict(appeal);
        }

        var signed = appeal.SignedMarkdown ?? appeal.Markdown;
        var revisions = await db.LetterRevisions.AsNoTracking().Where(r => r.AppealId == appeal.Id).ToListAsync(cancellationToken);
        int? number = null;
        if (!revisions.Any(r => r.Kind == KindSigned && string.Equals(r.Markdown, signed, StringComparison.Ordinal)))
        {
            number = revisions.Count == 0 ? 1 : revisions.Max(r => r.Number) + 1;
            db.LetterRevisions.Add(new LetterRevision { AppealId = appeal.Id, Number = number.Value, Markdown = signed, At = appeal.SignedAt ?? clock.GetUtcNow(), UserId = appeal.SignedByUserId, Actor = appeal.SignedByName ?? "physician", Kind = KindSigned });
        }

        appeal.Status = AppealStatus.Draft;
        appeal.Markdown = signed;
        appeal.SignedByUserId = null;
        appeal.SignedByName = null;
        appeal.SignedAt = null;
        appeal.SignedMarkdown = null;
        appeal.SignatureSha256 = null;
        appeal.Attestation = null;
        appeal.AttestedStatements = null;
        appeal.SignedTimeZone = null;
        appeal.SignOffRequestedToUserId = null;
        appeal.SignOffRequestedAt = null;
        Touch(appeal);
        ChangeDenialStatus(appeal.Denial, DenialStatus.InProgress, "Signature voided to edit the letter.");
        audit.Add("appeal.signature-voided", "Appeal", Id(appeal.Id));
        return await SaveOrConflictAsync(appeal, "The signature is void. Edit the letter and request sign-off again.", number, cancellationToken);
    }

    /// <summary>
    /// Records how and when the appeal was sent. A clinical letter must be signed first; any letter must pass the
    /// export checks. Submitting after the appeal deadline is allowed (the payer decides) but flagged.
    /// </summary>
    public async Task<AppealResult> RecordSubmissionAsync(long appealId, SubmissionInput input, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        ArgumentNullException.ThrowIfNull(input);
        var appeal = await db.Appeals.Include(a => a.Denial).Include(a => a.Excerpts).FirstOrDefaultAsync(a => a.Id == appealId, cancellationToken);
        if (appeal is null)
        {
            return AppealResult.NotFound();
        }

        if (!Levels.Contains(input.Level))
        {
            return AppealResult.Invalid("Choose the appeal level.", "Level");
        }

        // An appeal of a decision was opened for its level (the ladder): it is sent as that level.
        if (appeal.Sequence > 1 && appeal.Level is { } opened && input.Level != opened)
        {
            return AppealResult.Invalid($"This appeal answers the decision below it: it is the {LevelLabel(opened).ToLowerInvariant()}.", "Level");
        }

        if (!Methods.Contains(input.Method))
        {
            return AppealResult.Invalid("Choose how the appeal was sent.", "Method");
        }

        var today = Today();
        if (input.SubmittedOn > today)
        {
            return AppealResult.Invalid("The submission date cannot be in the future.", "SubmittedOn");
        }

        if (input.FollowUpOn is { } followUp && followUp < input.SubmittedOn)
        {
            return AppealResult.Invalid("The follow-up date must be on or after the submission date.", "FollowUpOn");
        }

        var reference = string.IsNullOrWhiteSpace(input.Reference) ? null : input.Reference.Trim();
        if (reference is { Length: > 100 })
        {
            return AppealResult.Invalid("The reference is at most 100 characters.", "Reference");
        }

        switch (appeal.Status)
        {
            case AppealStatus.Decided:
                return AppealResult.Locked("The decision is recorded; the submission can no longer change.");
            case AppealStatus.AwaitingSignOff:
                return AppealResult.Invalid("The letter is waiting for the physician's signature.");
            case AppealStatus.Draft or AppealStatus.Returned:
                var state = await StateAsync(appeal, cancellationToken: cancellationToken);
                if (state.IsClinical)
                {
                    return AppealResult.Invalid("This letter has a clinical narrative: it must be signed by the physician before it is submitted.");
                }

                if (!state.CanExport)
                {
                    return AppealResult.Invalid("Fix the problems listed with the letter before recording the submission.");
                }

                break;
            case AppealStatus.Signed or AppealStatus.Submitted:
                break;
        }

        var late = appeal.Denial.AppealDeadline is { } deadline && input.SubmittedOn > deadline;
        if (appeal.Status == AppealStatus.Submitted && appeal.Level == input.Level && appeal.Method == input.Method &&
            appeal.SubmittedOn == input.SubmittedOn && appeal.SubmissionReference == reference && appeal.FollowUpOn == input.FollowUpOn)
        {
            return new AppealResult(AppealOutcome.Unchanged, "The submission is already recorded.", AppealId: appeal.Id, Version: appeal.Version);
        }

        appeal.Level = input.Level;
        appeal.Method = input.Method;
        appeal.SubmittedOn = input.SubmittedOn;
        appeal.SubmissionReference = reference;
        appeal.FollowUpOn = input.FollowUpOn;
        appeal.SubmittedAfterDeadline = late;
        var correction = appeal.Status == AppealStatus.Submitted;
        appeal.Status = AppealStatus.Submitted;
        Touch(appeal);
        if (appeal.Denial.Status != DenialStatus.Submitted)
        {
            ChangeDenialStatus(appeal.Denial, DenialStatus.Submitted, $"Appeal submitted ({LevelLabel(input.Level)}, {input.Method}) on {Invariant.Date(input.SubmittedOn)}.");
        }

        audit.Add(correction ? "appeal.submission-corrected" : "appeal.submitted", "Appeal", Id(appeal.Id),
            $"level={input.Level} method={input.Method} late={(late ? "yes" : "no")}");
        var message = late
            ? $"Submission recorded. It was sent after the appeal deadline ({Invariant.Date(appeal.Denial.AppealDeadline!.Value)}): expect the payer to cite timeliness."
            : "Submission recorded.";
        return await SaveOrConflictAsync(appeal, message, null, cancellationToken);
    }

    /// <summary>Records the payer's decision. The amount is checked against the denied amount (more needs a confirmation).</summary>
    public async Task<AppealResult> RecordDecisionAsync(long appealId, DecisionInput input, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        ArgumentNullException.ThrowIfNull(input);
        var appeal = await db.Appeals.Include(a => a.Denial).FirstOrDefaultAsync(a => a.Id == appealId, cancellationToken);
        if (appeal is null)
        {
            return AppealResult.NotFound();
        }

        if (appeal.Status is not (AppealStatus.Submitted or AppealStatus.Decided))
        {
            return AppealResult.Invalid("Record the submission first.");
        }

        if (!AppealDecisions.All.Contains(input.Decision))
        {
            return AppealResult.Invalid("Choose the decision.", "Decision");
        }

        if (input.DecidedOn > Today())
        {
            return AppealResult.Invalid("The decision date cannot be in the future.", "DecidedOn");
        }

        if (appeal.SubmittedOn is { } submitted && input.DecidedOn < submitted)
        {
            return AppealResult.Invalid($"The decision date cannot be before the submission ({Invariant.Date(submitted)}).", "DecidedOn");
        }

        // A payer rarely decides on the day it receives a request: usually a typo for the submission date.
        if (appeal.SubmittedOn == input.DecidedOn && !input.ConfirmSameDay && !(appeal.Status == AppealStatus.Decided && appeal.DecidedOn == input.DecidedOn))
        {
            return AppealResult.Invalid("The decision is dated the day the appeal was sent. Check the date, or tick the confirmation if the payer really decided that day.", "DecidedOn");
        }

        var amount = input.AmountRecovered;
        if (amount is < 0m)
        {
            return AppealResult.Invalid("The amount recovered cannot be negative.", "AmountRecovered");
        }

        if (amount is { } a && decimal.Round(a, 2) != a)
        {
            return AppealResult.Invalid("Enter the amount in dollars and cents.", "AmountRecovered");
        }

        switch (input.Decision)
        {
            case AppealDecisions.Overturned or AppealDecisions.PartiallyOverturned when amount is null or 0m:
                return AppealResult.Invalid("Enter the amount the payer paid on the appeal.", "AmountRecovered");
            case AppealDecisions.Upheld or AppealDecisions.NoResponse when amount is > 0m:
                return AppealResult.Invalid("An upheld or unanswered appeal recovers nothing; leave the amount empty.", "AmountRecovered");
            default:
                break;
        }

        if (amount > appeal.Denial.Amount && !input.ConfirmOverDenied)
        {
            return AppealResult.Invalid($"{Invariant.Money(amount.Value)} is more than the denied amount ({Invariant.Money(appeal.Denial.Amount)}). Tick the confirmation if the payer really paid more (interest, other lines).", "AmountRecovered");
        }

        var recovered = amount ?? 0m;
        if (appeal.Status == AppealStatus.Decided && appeal.Decision == input.Decision && appeal.DecidedOn == input.DecidedOn && appeal.AmountRecovered == recovered)
        {
            return new AppealResult(AppealOutcome.Unchanged, "The decision is already recorded.", AppealId: appeal.Id, Version: appeal.Version);
        }

        var correction = appeal.Status == AppealStatus.Decided;
        appeal.Decision = input.Decision;
        appeal.DecidedOn = input.DecidedOn;
        appeal.AmountRecovered = recovered;
        appeal.Status = AppealStatus.Decided;
        Touch(appeal);
        if (appeal.Denial.Status != DenialStatus.Decided)
        {
            ChangeDenialStatus(appeal.Denial, DenialStatus.Decided, $"Decision: {DecisionLabel(input.Decision)}, {Invariant.Money(recovered)} recovered.");
        }

        audit.Add(correction ? "appeal.decision-corrected" : "appeal.decided", "Appeal", Id(appeal.Id), $"decision={input.Decision}");
        return await SaveOrConflictAsync(appeal, "Decision recorded.", null, cancellationToken);
    }

    /// <summary>
    /// Adds a file to the appeal's packet: PDF, PNG, JPEG, GIF, TIFF or plain text (by name and by first bytes) up to
    /// <c>Appeals:MaxAttachmentMegabytes</c>. The size limit is applied while reading, so a larger upload is refused
    /// after the limit, not after all of it; the read takes one of the process's import slots. A refusal saves nothing
    /// and says why in <see cref="AppealResult.Message"/>; <see cref="AppealResult.Field"/> is the reason's code
    /// (attachment-size, attachment-type, attachment-empty, attachment-busy).
    /// </summary>
    public async Task<AppealResult> AddAttachmentAsync(long appealId, string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        ArgumentNullException.ThrowIfNull(content);
        var appeal = await db.Appeals.AsNoTracking().FirstOrDefaultAsync(a => a.Id == appealId, cancellationToken);
        if (appeal is null)
        {
            return AppealResult.NotFound();
        }

        if (LockedPacket(appeal.Status) is { } locked)
        {
            return AppealResult.Locked(locked);
        }

        byte[] bytes;
        try
        {
            using var slot = await slots.EnterAsync(cancellationToken);
            bytes = await ReadLimitedAsync(content, options.MaxAttachmentBytes, cancellationToken);
        }
        catch (ImportBusyException ex)
        {
            return AppealResult.Invalid(ex.Message, "attachment-busy");
        }
        catch (AttachmentTooLargeException)
        {
            return AppealResult.Invalid($"The file is larger than {options.MaxAttachmentMegabytes.ToString(CultureInfo.InvariantCulture)} MB (Appeals:MaxAttachmentMegabytes); nothing was attached.", "attachment-size");
        }

        if (bytes.Length == 0)
        {
            return AppealResult.Invalid("The file is empty; nothing was attached.", "attachment-empty");
        }

        var contentType = AttachmentTypes.Detect(fileName, bytes);
        if (contentType is null)
        {
            return AppealResult.Invalid("Attach a PDF, PNG, JPEG, GIF, TIFF or plain text file whose content matches its name; nothing was attached.", "attachment-type");
        }

        var attachment = new AppealAttachment
        {
            AppealId = appealId,
            FileName = Truncate(AppealExport.SafeFileName(fileName), 260),
            ContentType = contentType,
            Content = bytes,
            UploadedAt = clock.GetUtcNow(),
            UploadedBy = actor.Name,
        };
        db.AppealAttachments.Add(attachment);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync("appeal.attachment-added", "Appeal", Id(appealId), $"attachment={Id(attachment.Id)} type={contentType} bytes={bytes.Length.ToString(CultureInfo.InvariantCulture)}", cancellationToken);
        return new AppealResult(AppealOutcome.Done, "Attached.", AppealId: appealId, Version: appeal.Version);
    }

    private static async Task<byte[]> ReadLimitedAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new AttachmentTooLargeException();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private sealed class AttachmentTooLargeException : Exception
    {
    }

    public async Task<AppealResult> RemoveAttachmentAsync(long appealId, long attachmentId, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        var appeal = await db.Appeals.AsNoTracking().FirstOrDefaultAsync(a => a.Id == appealId, cancellationToken);
        if (appeal is null)
        {
            return AppealResult.NotFound();
        }

        if (LockedPacket(appeal.Status) is { } locked)
        {
            return AppealResult.Locked(locked);
        }

        var attachment = await db.AppealAttachments.FirstOrDefaultAsync(x => x.Id == attachmentId && x.AppealId == appealId, cancellationToken);
        if (attachment is null)
        {
            return new AppealResult(AppealOutcome.Unchanged, "That attachment was already removed.", AppealId: appealId, Version: appeal.Version);
        }

        db.AppealAttachments.Remove(attachment);
        audit.Add("appeal.attachment-removed", "Appeal", Id(appealId), "attachment=" + Id(attachmentId));
        await db.SaveChangesAsync(cancellationToken);
        return new AppealResult(AppealOutcome.Done, "Attachment removed.", AppealId: appealId, Version: appeal.Version);
    }

    /// <summary>
    /// Why the packet's attachments cannot change now, or null: once the letter is with the physician or signed, its
    /// enclosure list is part of what is signed, so the packet must hold exactly what it lists.
    /// </summary>
    public static string? LockedPacket(AppealStatus status) => status switch
    {
        AppealStatus.Submitted or AppealStatus.Decided => "The appeal was submitted; its packet can no longer change.",
        AppealStatus.AwaitingSignOff => "The letter is with the physician and lists its enclosures; withdraw the sign-off request to change the attachments.",
        AppealStatus.Signed => "The signed letter lists its enclosures; void the signature to change the attachments.",
        AppealStatus.Draft or AppealStatus.Returned => null,
    };

    public static string LockedMessage(AppealStatus status) => status switch
    {
        AppealStatus.AwaitingSignOff => "The letter is waiting for the physician's sign-off; withdraw the request to edit it.",
        AppealStatus.Signed => "The letter is signed; use \"Edit (voids signature)\" to change it.",
        AppealStatus.Submitted => "The letter was submitted and can no longer change.",
        AppealStatus.Decided => "The appeal is decided and can no longer change.",
        AppealStatus.Draft or AppealStatus.Returned => "The letter can be edited.",
    };

    private static string SlotTopic(LetterTemplate template, string slot, string fallback) =>
        template.EvidenceSlots.FirstOrDefault(s => s.Name == slot)?.Topic ?? fallback;

    private static void EvidencePassageFacts(string topic, LinkedDocument document, int start, int end, out IReadOnlyList<string> facts, out double score)
    {
        var passage = AppealEvidence.FindPassage(topic, document.Document, start, end);
        facts = passage?.Facts ?? [];
        score = passage?.Score ?? 0;
    }

    private static string? FactsText(Core.Evidence.EvidencePassage? passage) =>
        passage is null || passage.Facts.Count == 0 ? null : Truncate(string.Join(", ", passage.Facts), 1000);

    // Labels are never reused: a citation left in the text for a removed excerpt must not point at a new one.
    private static int NextLabelNumber(Appeal appeal)
    {
        var inRows = appeal.Excerpts.Select(e => AppealEvidence.LabelNumber(e.Label));
        var inText = CitationMarker().Matches(appeal.Markdown).Select(m => AppealEvidence.LabelNumber(m.Groups[1].Value));
        return inRows.Concat(inText).DefaultIfEmpty(0).Max() + 1;
    }

    private async Task<int> NextRevisionAsync(long appealId, CancellationToken cancellationToken) =>
        (await db.LetterRevisions.Where(r => r.AppealId == appealId).MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0) + 1;

    private async Task<AppealResult> SaveOrConflictAsync(Appeal appeal, string message, int? revision, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Appeals.AsNoTracking().FirstAsync(a => a.Id == appeal.Id, cancellationToken);
            return Conflict(current);
        }

        return new AppealResult(AppealOutcome.Done, message, AppealId: appeal.Id, Version: appeal.Version, Revision: revision);
    }

    private static AppealResult Conflict(Appeal current) =>
        new(AppealOutcome.Conflict,
            "Someone else changed this letter after you opened it. Your text is kept in the editor; compare it with the saved version below, then save yours as a new version or reload.",
            AppealId: current.Id, Version: current.Version, CurrentMarkdown: current.Markdown);

    private void Touch(Appeal appeal)
    {
        appeal.Version++;
        appeal.UpdatedAt = clock.GetUtcNow();
        appeal.UpdatedByUserId = actor.UserId;
    }

    private void ChangeDenialStatus(Denial denial, DenialStatus status, string text)
    {
        if (denial.Status == status)
        {
            return;
        }

        var now = clock.GetUtcNow();
        db.DenialEvents.Add(new DenialEvent
        {
            DenialId = denial.Id,
            At = now,
            UserId = actor.UserId,
            Actor = actor.Name,
            Type = "status",
            FromStatus = denial.Status.ToString(),
            ToStatus = status.ToString(),
            Text = text,
        });
        denial.Status = status;
        denial.StatusChangedAt = now;
        denial.UpdatedAt = now;
        denial.Version++;
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    [GeneratedRegex(@"\[(E\d+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex CitationMarker();
}
