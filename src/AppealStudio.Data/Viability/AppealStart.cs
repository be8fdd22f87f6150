using AppealStudio.Core.Denials;
using AppealStudio.Core.Letters;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Lifecycle;

namespace AppealStudio.Data.Viability;

/// <summary>What starting a letter came to: started, or the warnings the specialist must acknowledge first.</summary>
/// <param name="Appeal">The workspace's result when the letter was started (or already existed); null when it was not tried.</param>
/// <param name="Unacknowledged">The warnings to acknowledge before the letter can be started; empty when none.</param>
public sealed record AppealStartResult(AppealResult? Appeal, IReadOnlyList<ViabilityWarning> Unacknowledged)
{
    public bool NeedsAcknowledgment => Unacknowledged.Count > 0;
}

/// <summary>What the start form needs besides the workspace: the warnings to acknowledge and, after an upheld decision, the next level.</summary>
/// <param name="Unacknowledged">The denial's warnings nobody acknowledged yet (each with its rule and source).</param>
/// <param name="Acknowledged">The acknowledgments already on file (who went ahead despite which warnings).</param>
/// <param name="Offered">The level an upheld decision offers, with its own deadline; null when none is offered.</param>
/// <param name="Suggestions">The templates that fit, best first (for the next level's letter).</param>
/// <param name="OtherTemplates">The remaining templates, by title.</param>
public sealed record AppealStartOptions(
    IReadOnlyList<ViabilityWarning> Unacknowledged,
    IReadOnlyList<AcknowledgmentInfo> Acknowledged,
    LadderStep? Offered,
    IReadOnlyList<TemplateSuggestion> Suggestions,
    IReadOnlyList<StoredTemplate> OtherTemplates);

/// <summary>
/// The workspace's "Start the letter" with the viability gate in front of it: a denial with warnings nobody acknowledged
/// gets them back instead of a letter; once the specialist acknowledges them (the codes, and a note), the
/// acknowledgment is recorded with the appeal it let start, and the letter is started as before.
/// </summary>
public sealed class AppealStart(ViabilityService viability, AppealQueries queries, StartAppeal start, AppealLevels levels, TemplateStore templates, ICurrentActor actor)
{
    /// <summary>The warnings to acknowledge and the next level on offer for the start form; null when the denial does not exist.</summary>
    public async Task<AppealStartOptions?> OptionsAsync(long denialId, CancellationToken cancellationToken = default)
    {
        RoleGuard.Demand(actor, RoleGuard.WorkDenials, "Starting a letter");
        var report = await viability.ForDenialAsync(denialId, null, cancellationToken);
        var denial = report is null ? null : await queries.DenialAsync(denialId, cancellationToken);
        if (report is null || denial is null)
        {
            return null;
        }

        var offered = await levels.OfferedAsync(denial, cancellationToken);
        IReadOnlyList<TemplateSuggestion> suggestions = [];
        IReadOnlyList<StoredTemplate> others = [];
        if (offered is not null)
        {
            var all = await templates.LatestAsync(cancellationToken);
            suggestions = new TemplateSuggester(all.Select(t => t.Template)).Suggest(denial.Scenario, denial.RootCause, denial.ReasonCode);
            var suggested = suggestions.Select(t => t.Template.Id).ToHashSet(StringComparer.Ordinal);
            others = all.Where(t => !suggested.Contains(t.Id)).OrderBy(t => t.Template.Title, StringComparer.OrdinalIgnoreCase).ToList();
        }

        return new AppealStartOptions(report.Unacknowledged, report.Acknowledgments, offered, suggestions, others);
    }

    public async Task<AppealStartResult> StartAsync(long denialId, string templateId, LetterStartDetails details, bool autoEvidence,
        IReadOnlyCollection<string> acknowledgedCodes, string? note, bool allowUnsupported = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(acknowledgedCodes);
        RoleGuard.Demand(actor, RoleGuard.WorkDenials, "Starting a letter");
        var report = await viability.ForDenialAsync(denialId, null, cancellationToken);
        if (report is null)
        {
            return new AppealStartResult(AppealResult.NotFound(), []);
        }

        var missing = report.Unacknowledged.Where(w => !acknowledgedCodes.Contains(w.Code, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            return new AppealStartResult(null, missing);
        }

        long? acknowledgment = null;
        var toRecord = report.Unacknowledged.Select(w => w.Code).ToList();
        if (toRecord.Count > 0)
        {
            var (done, message, id) = await viability.AcknowledgeAsync(denialId, toRecord, note, null, cancellationToken);
            if (!done)
            {
                return new AppealStartResult(AppealResult.Invalid(message), []);
            }

            acknowledgment = id;
        }

        // Two separate gates: the warnings above are about the appeal's chances (payer rules, edits); allowUnsupported is
        // the specialist's choice to draft although the linked record does not show what the billed code needs.
        var result = await start.StartAsync(denialId, templateId, details, autoEvidence, allowUnsupported, cancellationToken);
        if (acknowledgment is { } ackId && result.AppealId > 0)
        {
            await viability.LinkAsync(ackId, result.AppealId, cancellationToken);
        }

        return new AppealStartResult(result, []);
    }
}
