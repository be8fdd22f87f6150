using AppealStudio.Core.Charts;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Charts;

/// <summary>One chart document as linked (or suggested) to a denial's claim, with the basis of the match in words.</summary>
/// <param name="Basis">"member ID and date of service", "name and date of service only (to be confirmed)".</param>
/// <param name="Reason">The linker's sentence: which identifiers matched, or which it could not read.</param>
public sealed record ChartLinkItem(long DocumentId, string Title, DateOnly? EncounterDate, string? Author, string Basis, string Reason, int? DaysFromService);

/// <summary>The documents linked to a denial's claim by identifiers (or confirmed), and the name-only suggestions a person must answer.</summary>
public sealed record ChartLinksView(long ClaimId, IReadOnlyList<ChartLinkItem> Linked, IReadOnlyList<ChartLinkItem> Suggested);

/// <summary>The outcome of answering a suggestion.</summary>
public enum ChartLinkAnswer
{
    Done,
    AlreadyAnswered,
    NotASuggestion,
    NotFound,
}

/// <summary>
/// Chart links as the denial page and the workspace show them: each linked document with its basis, and name-only
/// matches as suggestions that a person confirms (then the note is evidence) or dismisses (then it is not offered
/// again). The answer is stored and audited by <see cref="ChartStore.ConfirmLinkAsync"/>; a second click with the same
/// answer changes nothing and is not audited twice. Specialists, managers and admins only.
/// </summary>
public sealed class ChartLinkReview(AppDbContext db, ChartStore store, ICurrentActor actor)
{
    public async Task<ChartLinksView?> ForDenialAsync(long denialId, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        var claimId = await ClaimOfAsync(denialId, cancellationToken);
        if (claimId is null)
        {
            return null;
        }

        var linked = await store.LinksForClaimAsync(claimId.Value, cancellationToken);
        var suggested = await store.SuggestionsForClaimAsync(claimId.Value, cancellationToken);
        return new ChartLinksView(claimId.Value, linked.Select(Item).ToList(), suggested.Select(Item).ToList());
    }

    /// <summary>Confirms (<paramref name="confirmed"/>) or dismisses a name-only suggestion for the denial's claim.</summary>
    public async Task<ChartLinkAnswer> AnswerAsync(long denialId, long documentId, bool confirmed, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        var claimId = await ClaimOfAsync(denialId, cancellationToken);
        if (claimId is null)
        {
            return ChartLinkAnswer.NotFound;
        }

        var previous = await db.ChartLinkConfirmations.AsNoTracking()
            .Where(c => c.ChartDocumentId == documentId && c.ClaimId == claimId)
            .Select(c => (bool?)c.Confirmed).FirstOrDefaultAsync(cancellationToken);
        if (previous == confirmed)
        {
            return ChartLinkAnswer.AlreadyAnswered;
        }

        return await store.ConfirmLinkAsync(documentId, claimId.Value, confirmed, cancellationToken) ? ChartLinkAnswer.Done : ChartLinkAnswer.NotASuggestion;
    }

    private Task<long?> ClaimOfAsync(long denialId, CancellationToken cancellationToken) =>
        db.Denials.AsNoTracking().Where(d => d.Id == denialId).Select(d => (long?)d.ClaimId).FirstOrDefaultAsync(cancellationToken);

    private static ChartLinkItem Item(LinkedChartDocument l) =>
        new(l.Document.Id, l.Document.Title, l.Document.EncounterDate, l.Document.Author, l.Link.Basis, l.Link.Reason, l.Link.DaysFromService);
}
