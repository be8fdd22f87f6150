using AppealStudio.Core;
using AppealStudio.Core.Letters;
using Microsoft.EntityFrameworkCore;
using ChartEntity = AppealStudio.Data.Charts.ChartDocument;
using static AppealStudio.Data.Appeals.AppealRules;

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

/// <summary>Works out a letter's <see cref="LetterState"/>: what the checks, the export and the sign-off read.</summary>
public sealed class LetterStates(AppDbContext db, TemplateStore templates, AppealLetters letters)
{
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
}
