using System.ComponentModel.DataAnnotations;
using AppealStudio.Core.Denials;
using AppealStudio.Data;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Remittances;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Web.Features.Denials;

/// <summary>One denial with its claim, service line, timeline and the people named in it, for the denial page.</summary>
public sealed record DenialDetails(
    Denial Denial,
    Claim Claim,
    Payment Payment,
    ServiceLineRow? Line,
    IReadOnlyList<DenialEvent> Events,
    IReadOnlyList<AssignableUser> Users,
    string? AssigneeName,
    DateOnly Today,
    PriorityBreakdown? Breakdown)
{
    public IReadOnlyList<string> Remarks =>
        (Denial.RemarkCodes ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public bool Overridden => Denial.OverrideReason is not null;
}

public sealed class DenialPageService(AppDbContext db, DenialWorkflow workflow, DenialRules rules, TimeProvider clock)
{
    public async Task<DenialDetails?> LoadAsync(long id, CancellationToken cancellationToken = default)
    {
        var denial = await db.Denials.AsNoTracking()
            .Include(d => d.Claim).ThenInclude(c => c.Payment)
            .Include(d => d.ServiceLine)
            .FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (denial is null)
        {
            return null;
        }

        var events = await db.DenialEvents.AsNoTracking().Where(e => e.DenialId == id)
            .OrderByDescending(e => e.Id).ToListAsync(cancellationToken);
        var users = await workflow.AssignableUsersAsync(cancellationToken);
        string? assignee = null;
        if (denial.AssigneeUserId is { } assigneeId)
        {
            assignee = users.FirstOrDefault(u => u.Id == assigneeId)?.Label
                ?? await db.Users.Where(u => u.Id == assigneeId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken)
                ?? "(former user)";
        }

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

        return new DenialDetails(denial, denial.Claim, denial.Claim.Payment, denial.ServiceLine, events, users, assignee, today, breakdown);
    }

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

public static class DenialServices
{
    public static IServiceCollection AddDenials(this IServiceCollection services)
    {
        services.AddScoped<DenialWorkflow>();
        services.AddScoped<DenialPageService>();
        return services;
    }
}

// What the denial page's forms post (STYLE.md rule 8: input records, never the entity). Each carries the Version
// the form was rendered with, so a change based on an older read is refused as a conflict.

public sealed class StatusInput
{
    public int Version { get; set; }

    [Required(ErrorMessage = "Choose the new status.")]
    public string? NewStatus { get; set; }

    [StringLength(DenialWorkflow.MaxReasonLength, ErrorMessage = "Keep the reason under 1000 characters.")]
    public string? Reason { get; set; }
}

public sealed class AssignInput
{
    public int Version { get; set; }

    public string? UserId { get; set; }

    public bool ToMe { get; set; }
}

public sealed class NoteInput
{
    [Required(ErrorMessage = "Write the note first.")]
    [StringLength(DenialWorkflow.MaxNoteLength, ErrorMessage = "Keep a note under 4000 characters.")]
    public string? Text { get; set; }
}

public sealed class OverrideInput
{
    public int Version { get; set; }

    public string Severity { get; set; } = "";

    public string Action { get; set; } = "";

    public string Category { get; set; } = "";

    public string RootCause { get; set; } = "";

    public string Owner { get; set; } = "";

    public string? Scenario { get; set; }

    [Required(ErrorMessage = "Enter the reason for the override.")]
    [StringLength(DenialWorkflow.MaxReasonLength, ErrorMessage = "Keep the reason under 1000 characters.")]
    public string? Reason { get; set; }

    public static OverrideInput From(Denial d) => new()
    {
        Version = d.Version,
        Severity = d.Severity,
        Action = d.Action,
        Category = d.Category,
        RootCause = d.RootCause,
        Owner = d.Owner,
        Scenario = d.Scenario,
    };
}
