using System.Globalization;
using AppealStudio.Core;
using AppealStudio.Core.Denials;
using AppealStudio.Core.Letters;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using Microsoft.EntityFrameworkCore;
using static AppealStudio.Data.Appeals.AppealRules;
using static AppealStudio.Data.Appeals.AppealChanges;

namespace AppealStudio.Data.Appeals;

/// <summary>
/// Starting an appeal letter, at the first level or at the next level of the ladder once a decision was upheld. The
/// letter, its first revision, its excerpts, the denial's status event and the deadline of a next level are saved in
/// one unit of work; the audit row follows.
/// </summary>
public sealed class StartAppeal(
    AppDbContext db,
    TemplateStore templates,
    AppealEvidence evidence,
    AppealLetters letters,
    AuditLog audit,
    ICurrentActor actor,
    TimeProvider clock,
    Lifecycle.AppealLevels levels,
    AppealQueries queries,
    AppealChanges changes)
{
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
        var denial = await queries.DenialAsync(denialId, cancellationToken);
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
            changes.ChangeDenialStatus(denial, DenialStatus.InProgress, $"Next level started: {next.Name}" + (next.Deadline is { } due ? $", due {Invariant.Date(due)}." : "."));
        }
        else if (denial.Status == DenialStatus.New)
        {
            changes.ChangeDenialStatus(denial, DenialStatus.InProgress, "Appeal letter started.");
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

    private static string SlotTopic(LetterTemplate template, string slot, string fallback) =>
        template.EvidenceSlots.FirstOrDefault(s => s.Name == slot)?.Topic ?? fallback;

    private static string? FactsText(Core.Evidence.EvidencePassage? passage) =>
        passage is null || passage.Facts.Count == 0 ? null : Truncate(string.Join(", ", passage.Facts), 1000);
}
