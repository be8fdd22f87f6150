using System.Globalization;
using AppealStudio.Core.Letters;
using AppealStudio.Data.Audit;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Appeals;

/// <summary>What the specialist selected to draft in one go.</summary>
/// <param name="DenialIds">The selected denials (say, twenty modifier-59 denials of one payer).</param>
/// <param name="PolicyReference">The payer policy the letters answer, when one applies to the whole selection.</param>
/// <param name="AllowUnsupported">Draft letters whose chart does not meet the billed code's rule too (they then claim no support).</param>
public sealed record BatchDraftRequest(IReadOnlyList<long> DenialIds, string? PolicyReference = null, bool AllowUnsupported = false);

/// <summary>How far a batch has come, for a progress bar.</summary>
public sealed record BatchProgress(int Done, int Total, long DenialId);

public enum BatchDraftOutcome
{
    /// <summary>Drafted, and the checks leave nothing but the physician's review: ready to send for sign-off.</summary>
    ReadyForSignOff,

    /// <summary>Drafted, but something needs a person first (listed).</summary>
    NeedsAPerson,

    /// <summary>Not drafted: the chart does not meet the billed code's rule, or no template fits (listed).</summary>
    NotDrafted,

    /// <summary>The denial already had a letter; it was left as it is.</summary>
    AlreadyStarted,

    /// <summary>No such denial.</summary>
    NotFound,
}

/// <summary>One denial of the batch: what became of it and what still needs a person.</summary>
public sealed record BatchDraftItem(long DenialId, long? AppealId, string? TemplateTitle, BatchDraftOutcome Outcome, IReadOnlyList<string> NeedsAttention);

/// <summary>
/// Drafts a set of selected denials in one action: each gets its best template, its best evidence and the payer's
/// appeals address from the directory (the same builder as one letter at a time), with progress reported, and comes
/// back with what is ready for sign-off and what still needs a person: an empty evidence slot, no linked chart, a
/// chart that does not meet the billed code's rule, a blank in the letterhead, a warning about the signer. Nothing
/// is sent or signed in bulk: sign-off stays per letter.
/// </summary>
public sealed class BatchDrafting(AppDbContext db, AppealQueries queries, LetterStates states, StartAppeal start, RequestSignOff signOff, TemplateStore templates, AppealEvidence evidence, AuditLog audit)
{
    public const int MaxBatch = 200;

    public async Task<IReadOnlyList<BatchDraftItem>> DraftAsync(BatchDraftRequest request, IProgress<BatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ids = request.DenialIds.Distinct().ToList();
        if (ids.Count > MaxBatch)
        {
            throw new ArgumentException($"A batch drafts at most {MaxBatch.ToString(CultureInfo.InvariantCulture)} denials; select fewer.", nameof(request));
        }

        var library = await templates.LatestAsync(cancellationToken);
        var suggester = new TemplateSuggester(library.Select(t => t.Template));
        var results = new List<BatchDraftItem>(ids.Count);
        var done = 0;
        foreach (var id in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results.Add(await DraftOneAsync(id, request, suggester, cancellationToken));
            // One context serves the whole batch: what one letter loaded must not weigh on the next.
            db.ChangeTracker.Clear();
            progress?.Report(new BatchProgress(++done, ids.Count, id));
        }

        await audit.RecordAsync("appeal.batch-drafted", "Denial", null,
            string.Create(CultureInfo.InvariantCulture, $"denials={ids.Count} ready={results.Count(r => r.Outcome == BatchDraftOutcome.ReadyForSignOff)} needs-a-person={results.Count(r => r.Outcome is BatchDraftOutcome.NeedsAPerson or BatchDraftOutcome.NotDrafted)}"),
            cancellationToken);
        return results;
    }

    private async Task<BatchDraftItem> DraftOneAsync(long denialId, BatchDraftRequest request, TemplateSuggester suggester, CancellationToken cancellationToken)
    {
        var denial = await queries.DenialAsync(denialId, cancellationToken);
        if (denial is null)
        {
            return new BatchDraftItem(denialId, null, null, BatchDraftOutcome.NotFound, ["No such denial."]);
        }

        var existing = await db.Appeals.AsNoTracking().Where(a => a.DenialId == denialId).Select(a => new { a.Id }).FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            return new BatchDraftItem(denialId, existing.Id, null, BatchDraftOutcome.AlreadyStarted, ["A letter was already started; open it to review it."]);
        }

        var suggestion = suggester.Suggest(denial.Scenario, denial.RootCause, denial.ReasonCode).FirstOrDefault();
        if (suggestion is null)
        {
            return new BatchDraftItem(denialId, null, null, BatchDraftOutcome.NotDrafted, ["No letter template fits this denial; choose one in the workspace."]);
        }

        var attention = new List<string>();
        var linked = await evidence.LinkedDocumentsAsync(denial, cancellationToken);
        if (linked.Count == 0)
        {
            attention.Add("No chart document is linked to the claim: import the note for the date of service (or confirm a suggested one).");
        }

        var viability = await queries.ViabilityAsync(denialId, cancellationToken);
        if (viability is { BlocksDrafting: true })
        {
            if (!request.AllowUnsupported)
            {
                attention.Insert(0, "The record does not support the code as billed: " + viability.Summary);
                return new BatchDraftItem(denialId, null, suggestion.Template.Title, BatchDraftOutcome.NotDrafted, attention);
            }

            attention.Insert(0, "Drafted without claiming support for the code as billed: " + viability.Summary);
        }

        var started = await start.StartAsync(denialId, suggestion.Template.Id,
            new LetterStartDetails(null, request.PolicyReference, new Dictionary<string, string>(StringComparer.Ordinal)),
            autoEvidence: true, allowUnsupported: request.AllowUnsupported, cancellationToken);
        if (!started.Succeeded)
        {
            attention.Add(started.Message ?? "The letter could not be started.");
            return new BatchDraftItem(denialId, started.AppealId == 0 ? null : started.AppealId, suggestion.Template.Title,
                started.Outcome == AppealOutcome.Unchanged ? BatchDraftOutcome.AlreadyStarted : BatchDraftOutcome.NotDrafted, attention);
        }

        var appeal = await db.Appeals.AsNoTracking().Include(a => a.Excerpts).FirstAsync(a => a.Id == started.AppealId, cancellationToken);
        var state = await states.StateAsync(appeal, cancellationToken: cancellationToken);
        attention.AddRange(state.Blocking.Where(i => i.Kind != LetterIssueKind.UncitedClinicalSentence).Select(i => i.Message).Distinct(StringComparer.Ordinal));
        var warnings = await signOff.SignerWarningsAsync(appeal.Id, null, cancellationToken);
        attention.AddRange(warnings);
        var ready = state.CanRequestSignOff && attention.Count == 0;
        return new BatchDraftItem(denialId, appeal.Id, suggestion.Template.Title, ready ? BatchDraftOutcome.ReadyForSignOff : BatchDraftOutcome.NeedsAPerson, attention);
    }
}
