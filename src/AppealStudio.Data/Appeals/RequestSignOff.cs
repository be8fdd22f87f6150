using System.Globalization;
using System.Text.RegularExpressions;
using AppealStudio.Core.Letters;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using Microsoft.EntityFrameworkCore;
using static AppealStudio.Data.Appeals.AppealRules;
using static AppealStudio.Data.Appeals.AppealChanges;

namespace AppealStudio.Data.Appeals;

/// <summary>
/// Sending a letter to a physician for sign-off, and the warnings the specialist must acknowledge first (a signer who
/// is not the rendering provider, a narrative naming another clinician).
/// </summary>
public sealed class RequestSignOff(
    AppDbContext db,
    AppealLetters letters,
    AuditLog audit,
    ICurrentActor actor,
    TimeProvider clock,
    AppealQueries queries,
    LetterStates states,
    AppealChanges changes)
{
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

        var physicians = await queries.PhysiciansAsync(cancellationToken);
        var physician = physicians.FirstOrDefault(p => p.Id == physicianUserId);
        if (physician is null)
        {
            return AppealResult.Invalid("Choose the physician who signs the letter.", "PhysicianUserId");
        }

        var state = await states.StateAsync(appeal, cancellationToken: cancellationToken);
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
        changes.ChangeDenialStatus(appeal.Denial, DenialStatus.AwaitingSignOff, "Sign-off requested.");
        audit.Add("appeal.signoff-requested", "Appeal", Id(appeal.Id),
            "physician=" + physician.Id + (warnings.Count > 0 ? " warnings-acknowledged=" + warnings.Count.ToString(CultureInfo.InvariantCulture) : ""));
        return await changes.SaveOrConflictAsync(appeal, $"Sent to {physician.DisplayName} for sign-off.", null, cancellationToken);
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

        var state = await states.StateAsync(appeal, cancellationToken: cancellationToken);
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
}
