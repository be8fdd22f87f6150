using System.Globalization;
using AppealStudio.Core;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Assignment;
using AppealStudio.Data.Lifecycle;
using AppealStudio.Data.Notifications;
using AppealStudio.Data.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AppealStudio.Data.Scheduling.Jobs;

/// <summary>
/// The daily reminders (issue 13): a deadline 7, 3 or 1 days away, a follow-up date reached with no decision, and a
/// service level breached (soft denials still New after <c>Reports:SoftSlaBusinessDays</c> business days, hard denials
/// to appeal not submitted after <c>Reports:HardSlaDays</c> days), each to the denial's assignee (else the members of
/// its owner role, else the managers); breaches are also escalated to every manager in one daily notice. Each
/// notification is raised once (its key), and mailed as a link when SMTP is configured.
/// </summary>
public sealed class ReminderJob : IScheduledJob
{
    public const string JobName = "reminders";

    /// <summary>Reminder tiers: a deadline this many days away or less (and more than the next tier) gets the tier's reminder.</summary>
    public static readonly IReadOnlyList<int> Tiers = [1, 3, 7];

    public string Name => JobName;

    public async Task<string> RunAsync(IServiceProvider services, DateOnly day, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var clock = services.GetRequiredService<TimeProvider>();
        var sla = services.GetService<IOptions<ReportOptions>>()?.Value ?? new ReportOptions();
        var recipients = await Recipients.LoadAsync(db, cancellationToken);
        var drafts = new List<NotificationDraft>();

        var horizon = day.AddDays(Tiers[^1]);
        var due = await db.Denials.AsNoTracking().WorkQueue(day).Where(d => d.AppealDeadline <= horizon)
            .Select(d => new { d.Id, d.AppealDeadline, d.AssigneeUserId, d.Owner }).ToListAsync(cancellationToken);
        foreach (var d in due)
        {
            var days = d.AppealDeadline!.Value.DayNumber - day.DayNumber;
            var tier = Tiers.First(t => days <= t);
            var text = $"Denial {Id(d.Id)}: the deadline is {(days == 0 ? "today" : days == 1 ? "tomorrow" : $"in {Id(days)} days")} ({Invariant.Date(d.AppealDeadline.Value)}).";
            foreach (var user in recipients.For(d.AssigneeUserId, d.Owner))
            {
                drafts.Add(new NotificationDraft(user, "deadline", text, Link(d.Id), d.Id, $"deadline:{Id(d.Id)}:{Id(tier)}:{Invariant.Date(d.AppealDeadline.Value)}"));
            }
        }

        var followUps = await db.Appeals.AsNoTracking()
            .Where(a => a.Status == AppealStatus.Submitted && a.Decision == null && a.FollowUpOn != null && a.FollowUpOn <= day)
            .Join(db.Denials, a => a.DenialId, d => d.Id, (a, d) => new { a.Id, a.DenialId, a.FollowUpOn, a.CreatedByUserId, d.AssigneeUserId, d.Owner })
            .ToListAsync(cancellationToken);
        foreach (var f in followUps)
        {
            var text = $"Denial {Id(f.DenialId)}: the follow-up date {Invariant.Date(f.FollowUpOn!.Value)} is reached and the payer has not decided the appeal.";
            foreach (var user in recipients.For(f.AssigneeUserId ?? f.CreatedByUserId, f.Owner))
            {
                drafts.Add(new NotificationDraft(user, "follow-up", text, Link(f.DenialId), f.DenialId, $"follow-up:{Id(f.Id)}:{Invariant.Date(f.FollowUpOn.Value)}"));
            }
        }

        var now = clock.GetUtcNow();
        var (softCutoff, _) = DenialViews.SlaCutoffs(sla, now);
        var breaches = await db.Denials.AsNoTracking().SlaBreaches(sla, now)
            .Select(d => new { d.Id, d.AssigneeUserId, d.Owner, d.Severity, d.CreatedAt }).ToListAsync(cancellationToken);
        foreach (var b in breaches)
        {
            var soft = b.Severity == "soft" && b.CreatedAt < softCutoff;
            var text = soft
                ? $"Denial {Id(b.Id)}: still new after {Id(sla.SoftSlaBusinessDays)} business days (soft denial service level)."
                : $"Denial {Id(b.Id)}: the appeal is not filed {Id(sla.HardSlaDays)} days after import (hard denial service level).";
            foreach (var user in recipients.For(b.AssigneeUserId, b.Owner))
            {
                drafts.Add(new NotificationDraft(user, "sla-breach", text, Link(b.Id), b.Id, $"sla:{Id(b.Id)}:{(soft ? "soft" : "hard")}"));
            }
        }

        if (breaches.Count > 0)
        {
            var text = $"{Id(breaches.Count)} open denial(s) are past their service level today.";
            foreach (var manager in recipients.Managers)
            {
                drafts.Add(new NotificationDraft(manager, "sla-escalation", text, "/worklist?view=sla", null, $"sla-escalation:{Invariant.Date(day)}"));
            }
        }

        var sender = services.GetRequiredService<NotificationSender>();
        var raised = await sender.RaiseAsync(drafts, cancellationToken);
        var mailed = await sender.MailPendingAsync(cancellationToken);
        return string.Create(CultureInfo.InvariantCulture,
            $"deadlines={due.Count} follow-ups={followUps.Count} sla-breaches={breaches.Count} notifications={raised} emails={mailed}");
    }

    private static string Link(long denialId) => "/denials/" + Id(denialId);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Who hears about a denial: its assignee, else its owner role's members, else the managers.</summary>
    private sealed class Recipients(HashSet<string> active, ILookup<string, string> members, IReadOnlyList<string> managers)
    {
        public IReadOnlyList<string> Managers => managers;

        public static async Task<Recipients> LoadAsync(AppDbContext db, CancellationToken cancellationToken)
        {
            var active = (await db.Users.AsNoTracking().Where(u => !u.IsDisabled).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            var members = (await db.Set<OwnerRoleMember>().AsNoTracking().Select(m => new { m.OwnerRole, m.UserId }).ToListAsync(cancellationToken))
                .Where(m => active.Contains(m.UserId)).ToLookup(m => m.OwnerRole, m => m.UserId);
            var managers = await NotificationService.Managers(db).ToListAsync(cancellationToken);
            return new Recipients(active, members, managers);
        }

        public IEnumerable<string> For(string? assignee, string owner)
        {
            if (assignee is not null && active.Contains(assignee))
            {
                return [assignee];
            }

            return members[owner].Any() ? members[owner] : managers;
        }
    }
}
