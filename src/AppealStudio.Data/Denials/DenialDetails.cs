using System.Globalization;
using AppealStudio.Core.Denials;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Remittances;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Denials;

/// <summary>The denial's appeal as the denial page needs it: is there one, and where it stands.</summary>
public sealed record AppealSummary(long Id, AppealStatus Status, string? Decision);

/// <summary>One denial with its claim, service lines, timeline and the people named in it, for the denial page.</summary>
public sealed record DenialDetails(
    Denial Denial,
    Claim Claim,
    Payment Payment,
    ServiceLineRow? Line,
    IReadOnlyList<ServiceLineRow> ClaimLines,
    IReadOnlyList<DenialEvent> Events,
    IReadOnlyList<AssignableUser> Users,
    string? AssigneeName,
    DateOnly Today,
    PriorityBreakdown? Breakdown,
    AppealSummary? Appeal)
{
    public IReadOnlyList<string> Remarks =>
        (Denial.RemarkCodes ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public bool Overridden => Denial.OverrideReason is not null;

    /// <summary>True when the payer adjudicated another code, modifier set or unit count than the one billed (SVC06).</summary>
    public bool PaidAsOtherCode => Line is { } line && DenialDetailsService.SubmittedDiffers(line);
}

/// <summary>
/// Reads one denial for the denial page: for specialists, managers and admins only, and every read of it (patient
/// data) is on the audit trail.
/// </summary>
public sealed class DenialDetailsService(AppDbContext db, DenialWorkflow workflow, DenialRules rules, TimeProvider clock, AuditLog audit,
    ICurrentActor actor)
{
    public async Task<DenialDetails?> LoadAsync(long id, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        var denial = await db.Denials.AsNoTracking()
            .Include(d => d.Claim).ThenInclude(c => c.Payment)
            .Include(d => d.ServiceLine)
            .FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (denial is null)
        {
            return null;
        }

        var lines = await db.ServiceLines.AsNoTracking().Where(l => l.ClaimId == denial.ClaimId).OrderBy(l => l.LineNumber).ThenBy(l => l.Id)
            .ToListAsync(cancellationToken);
        var events = await db.DenialEvents.AsNoTracking().Where(e => e.DenialId == id)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).ToListAsync(cancellationToken);
        var users = await workflow.AssignableUsersAsync(cancellationToken);
        string? assignee = null;
        if (denial.AssigneeUserId is { } assigneeId)
        {
            assignee = users.FirstOrDefault(u => u.Id == assigneeId)?.Label
                ?? await db.Users.Where(u => u.Id == assigneeId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken)
                ?? "(former user)";
        }

        var appeal = await db.Appeals.AsNoTracking().Where(a => a.DenialId == id)
            .Select(a => new AppealSummary(a.Id, a.Status, a.Decision)).FirstOrDefaultAsync(cancellationToken);

        // The components the page explains (prior, observed outcomes, cost, urgency) as of today, from the same
        // assessor as the import; null when a stored code is not in the vocabulary.
        var today = DenialWorkflow.Today(clock);
        PriorityBreakdown? breakdown = null;
        if (VocabularyCodes.TryParse<Severity>(denial.Severity, out var severity) &&
            VocabularyCodes.TryParse<RootCause>(denial.RootCause, out var root) &&
            VocabularyCodes.TryParse<RecommendedAction>(denial.Action, out var action))
        {
            var assessor = await rules.BuildAssessorAsync(cancellationToken);
            breakdown = assessor.Priority(denial.Amount, severity, root, action, denial.PayerIdentifier, denial.PayerName, denial.AppealDeadline, today);
        }

        // Reading a denial shows patient data: every look is on the record (the id only).
        await audit.RecordViewAsync("denial.view", nameof(Denial), id.ToString(CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
        return new DenialDetails(denial, denial.Claim, denial.Claim.Payment, denial.ServiceLine, lines, events, users, assignee, today, breakdown, appeal);
    }

    internal static bool SubmittedDiffers(ServiceLineRow line) =>
        (line.SubmittedProcedureCode is { Length: > 0 } code && !string.Equals(code, line.ProcedureCode, StringComparison.OrdinalIgnoreCase)) ||
        (line.SubmittedModifiers is { Length: > 0 } mods && !string.Equals(mods, line.Modifiers, StringComparison.OrdinalIgnoreCase)) ||
        (line.SubmittedUnits is { } units && units != line.Units);

    /// <summary>CLP02 in words (5010 835 allows these ten values).</summary>
    public static string ClaimStatusMeaning(string code) => code.Trim() switch
    {
        "1" => "Processed as primary",
        "2" => "Processed as secondary",
        "3" => "Processed as tertiary",
        "4" => "Denied",
        "19" => "Processed as primary, forwarded to another payer",
        "20" => "Processed as secondary, forwarded to another payer",
        "21" => "Processed as tertiary, forwarded to another payer",
        "22" => "Reversal of a previous payment",
        "23" => "Not our claim, forwarded to another payer",
        "25" => "Predetermination pricing only, no payment",
        _ => "Status code not in the 5010 835 list",
    };
}
