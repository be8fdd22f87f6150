using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AppealStudio.Data.Notifications;

/// <summary>
/// An in-app notification for one person (the bell): a reminder or an escalation raised by the scheduler. Its text
/// holds identifiers and dates only, never patient data, because it may also go out by e-mail.
/// </summary>
public sealed class Notification
{
    public long Id { get; set; }

    public string UserId { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>deadline | follow-up | sla-breach | sla-escalation.</summary>
    public string Kind { get; set; } = "";

    /// <summary>One sentence without patient data ("Denial 1042: appeal deadline in 3 days, 2026-09-04").</summary>
    public string Text { get; set; } = "";

    /// <summary>The app-relative page the notification opens ("/denials/1042").</summary>
    public string Link { get; set; } = "";

    public long? DenialId { get; set; }

    /// <summary>What the notification is about, so the scheduler never raises it twice (unique per person).</summary>
    public string DedupKey { get; set; } = "";

    public DateTimeOffset? ReadAt { get; set; }

    public DateTimeOffset? EmailedAt { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.Property(x => x.UserId).HasMaxLength(450);
        b.Property(x => x.Kind).HasMaxLength(24);
        b.Property(x => x.Text).HasMaxLength(500);
        b.Property(x => x.Link).HasMaxLength(200);
        b.Property(x => x.DedupKey).HasMaxLength(200);
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.UserId, x.DedupKey }).IsUnique();
        // The bell counts and lists one person's unread notifications, newest first.
        b.HasIndex(x => new { x.UserId, x.ReadAt, x.CreatedAt });
    }
}
