using System.Globalization;
using AppealStudio.Core.Evidence;
using AppealStudio.Core.Letters;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Identity;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Appeals;

/// <summary>Everything the appeal workspace shows for one denial, read in one operation.</summary>
public sealed record WorkspaceModel(
    Denial Denial,
    Appeal? Appeal,
    LetterState? State,
    string? ExportRefusal,
    bool HasPracticeProfile,
    int RevisionCount,
    IReadOnlyList<LinkedDocument> Linked,
    IReadOnlyList<EvidencePassage> Passages,
    string Topic,
    IReadOnlyList<TemplateSuggestion> Suggestions,
    IReadOnlyList<StoredTemplate> OtherTemplates,
    IReadOnlyList<AppUser> Physicians,
    IReadOnlyDictionary<string, string> UserNames,
    DateOnly Today,
    int LinkWindowDays,
    int MaxAttachmentMegabytes)
{
    /// <summary>
    /// The physician the provider directory links to the rendering provider (else the physician user with its NPI):
    /// sign-off goes there by default, as <see cref="RequestSignOff.RequestSignOffAsync(long, string?, int, CancellationToken)"/> does.
    /// </summary>
    public string? DefaultPhysicianId { get; init; }

    /// <summary>The denied line as billed and as paid ("billed 90837, paid as 90834"), or null for a claim-level denial.</summary>
    public DenialBilledLine? BilledLine { get; init; }

    public bool Editable => Appeal is not null && AppealRules.IsEditable(Appeal.Status);

    public string UserName(string? id) => id is null ? "" : UserNames.GetValueOrDefault(id) ?? "(former user)";
}

/// <summary>A text being edited as the payer would read it (merge fields resolved from the directories now) and its checks.</summary>
public sealed record LetterPreview(string Resolved, IReadOnlyList<LetterIssue> Issues);

/// <summary>
/// Reads the appeal workspace of a denial for the page (the commands are the use-case classes: <see cref="StartAppeal"/>, <see cref="SaveLetter"/>...): the
/// denial, its letter and the letter's checks, the chart evidence, the templates that fit, the physicians who may sign.
/// Specialists, managers and admins only; each read of it is audited (the denial id, and the appeal id when there is one).
/// </summary>
public sealed class AppealWorkspace(
    AppDbContext db,
    AppealQueries queries,
    LetterStates states,
    AppealEvidence evidence,
    AppealLetters letters,
    TemplateStore templates,
    AppealOptions options,
    DenialBilledFacts billedFacts,
    TimeProvider clock,
    AuditLog audit,
    ICurrentActor actor)
{
    public async Task<WorkspaceModel?> LoadAsync(long denialId, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        var denial = await queries.DenialAsync(denialId, cancellationToken);
        if (denial is null)
        {
            return null;
        }

        var appeal = await queries.AppealForDenialAsync(denialId, cancellationToken);
        var linked = await evidence.LinkedDocumentsAsync(denial, cancellationToken);
        var topic = AppealEvidence.TopicFor(denial);
        var passages = AppealEvidence.Rank(topic, linked);
        var today = DenialWorkflow.Today(clock);
        IReadOnlyList<TemplateSuggestion> suggestions = [];
        IReadOnlyList<StoredTemplate> others = [];
        LetterState? state = null;
        string? refusal = null;
        var revisions = 0;
        var hasProfile = false;
        IReadOnlyList<AppUser> physicians = [];
        Dictionary<string, string> names = new(StringComparer.Ordinal);
        if (appeal is null)
        {
            var all = await templates.LatestAsync(cancellationToken);
            suggestions = new TemplateSuggester(all.Select(t => t.Template)).Suggest(denial.Scenario, denial.RootCause, denial.ReasonCode);
            var suggested = suggestions.Select(s => s.Template.Id).ToHashSet(StringComparer.Ordinal);
            others = all.Where(t => !suggested.Contains(t.Id)).OrderBy(t => t.Template.Title, StringComparer.OrdinalIgnoreCase).ToList();
        }
        else
        {
            state = await states.StateAsync(appeal, cancellationToken: cancellationToken);
            var exportState = AppealRules.IsSigned(appeal) ? await states.StateAsync(appeal, AppealExport.ExportText(appeal), cancellationToken) : state;
            refusal = AppealExport.Refusal(appeal, exportState);
            hasProfile = await letters.PracticeAsync(cancellationToken) is not null;
            revisions = await db.LetterRevisions.CountAsync(r => r.AppealId == appeal.Id, cancellationToken);
            physicians = await queries.PhysiciansAsync(cancellationToken);
            var ids = new[] { appeal.SignOffRequestedToUserId, appeal.SignedByUserId }.OfType<string>().ToList();
            names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, StringComparer.Ordinal, cancellationToken);
        }

        await audit.RecordViewAsync("appeal.view", appeal is null ? nameof(Denial) : nameof(Appeal),
            (appeal?.Id ?? denialId).ToString(CultureInfo.InvariantCulture), "denial=" + denialId.ToString(CultureInfo.InvariantCulture), cancellationToken);
        var defaultPhysician = appeal is null ? null : await letters.DefaultSignerUserIdAsync(denial.RenderingProviderNpi ?? denial.Claim.RenderingProviderNpi, cancellationToken);
        return new WorkspaceModel(denial, appeal, state, refusal, hasProfile, revisions, linked, passages, topic, suggestions, others, physicians,
            names, today, options.LinkWindowDays, (int)(options.MaxAttachmentBytes / (1024 * 1024)))
        {
            DefaultPhysicianId = physicians.Any(p => p.Id == defaultPhysician) ? defaultPhysician : null,
            BilledLine = (await billedFacts.ForDenialsAsync([denialId], cancellationToken)).GetValueOrDefault(denialId),
        };
    }

    /// <summary>The checks of a text the user is typing (not saved yet), so the list follows the editor.</summary>
    public async Task<IReadOnlyList<LetterIssue>> CheckAsync(long appealId, string markdown, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        DenialWorkflow.Demand(actor);
        var appeal = await db.Appeals.AsNoTracking().Include(a => a.Excerpts).FirstOrDefaultAsync(a => a.Id == appealId, cancellationToken);
        return appeal is null ? [] : (await states.StateAsync(appeal, markdown, cancellationToken)).Issues;
    }

    /// <summary>
    /// The preview of a text the user is typing: resolved the way export and signing resolve it (practice profile,
    /// payer directory, signer, today's date as they are now) with its checks. Null when there is no such appeal.
    /// </summary>
    public async Task<LetterPreview?> PreviewAsync(long appealId, string markdown, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        DenialWorkflow.Demand(actor);
        var appeal = await db.Appeals.AsNoTracking().Include(a => a.Excerpts).FirstOrDefaultAsync(a => a.Id == appealId, cancellationToken);
        if (appeal is null)
        {
            return null;
        }

        var state = await states.StateAsync(appeal, markdown, cancellationToken);
        return new LetterPreview(state.Resolved.Length > 0 ? state.Resolved : markdown, state.Issues);
    }

    /// <summary>
    /// The address a new letter for the denial will be sent to, as the letter resolves it: the payer directory's
    /// address for the level (else its any-level address), else the payer's address on the remittance, else null.
    /// </summary>
    public async Task<PayerContact?> PayerAddressAsync(long denialId, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        if (!await db.Denials.AnyAsync(d => d.Id == denialId, cancellationToken))
        {
            return null;
        }

        var denial = await letters.LoadDenialAsync(denialId, cancellationToken);
        return await letters.PayerContactAsync(denial, AppealLetters.ParseLevel(null), null, cancellationToken);
    }

    /// <summary>
    /// What the record shows against the billed code's rule for a letter from <paramref name="templateId"/>, before it
    /// is drafted: the same finding <see cref="StartAppeal.StartAsync(long, string, LetterStartDetails, bool, bool, CancellationToken)"/>
    /// refuses on unless the user chooses to draft anyway. Null when there is no such denial or template.
    /// </summary>
    public async Task<ViabilityFinding?> RecordSupportAsync(long denialId, string templateId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(templateId);
        DenialWorkflow.Demand(actor);
        var denial = await queries.DenialAsync(denialId, cancellationToken);
        var stored = await templates.LatestAsync(templateId, cancellationToken);
        if (denial is null || stored is null)
        {
            return null;
        }

        var template = stored.Template;
        var linked = await evidence.LinkedDocumentsAsync(denial, cancellationToken);
        var chosen = EvidenceSelection.Assign(template, linked.Select(l => l.Document).ToList(), AppealEvidence.TopicFor(denial));
        return LetterBuilder.Build(await letters.InputsAsync(denial, linked, template, LetterStartDetails.None, chosen, cancellationToken)).Viability;
    }

    /// <summary>A letter and its saved revisions, newest first, for the history page; null when there is no such appeal.</summary>
    public async Task<(Appeal Appeal, IReadOnlyList<LetterRevision> Revisions)?> HistoryAsync(long appealId, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        var appeal = await db.Appeals.AsNoTracking().FirstOrDefaultAsync(a => a.Id == appealId, cancellationToken);
        if (appeal is null)
        {
            return null;
        }

        var rows = await db.LetterRevisions.AsNoTracking().Where(r => r.AppealId == appealId)
            .OrderByDescending(r => r.Number).ToListAsync(cancellationToken);
        await audit.RecordViewAsync("appeal.history", nameof(Appeal), appealId.ToString(CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
        return (appeal, rows);
    }

    /// <summary>The denial an appeal belongs to (a refused download goes back to its workspace).</summary>
    public Task<long?> DenialIdAsync(long appealId, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        return db.Appeals.AsNoTracking().Where(a => a.Id == appealId).Select(a => (long?)a.DenialId).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>One attachment of a packet, for download; each download is audited (it is patient data leaving).</summary>
    public async Task<AppealAttachment?> AttachmentAsync(long appealId, long attachmentId, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        var attachment = await db.AppealAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.AppealId == appealId, cancellationToken);
        if (attachment is not null)
        {
            await audit.RecordViewAsync("appeal.attachment-download", nameof(AppealAttachment), attachmentId.ToString(CultureInfo.InvariantCulture),
                "appeal=" + appealId.ToString(CultureInfo.InvariantCulture), cancellationToken);
        }

        return attachment;
    }

    /// <summary>The appeal's current saved text and version (after a conflict: what the other person saved).</summary>
    public async Task<(string Markdown, int Version)?> CurrentTextAsync(long appealId, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        var row = await db.Appeals.AsNoTracking().Where(a => a.Id == appealId).Select(a => new { a.Markdown, a.Version }).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : (row.Markdown, row.Version);
    }
}
