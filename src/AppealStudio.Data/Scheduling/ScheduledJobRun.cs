using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AppealStudio.Data.Scheduling;

/// <summary>
/// One run of a scheduled job for one period (a day). The unique (job, period) row is the claim: of several app
/// instances sharing the database, the one whose INSERT succeeds runs the job; the others see the row and skip it.
/// The lease lets another instance take over a run whose instance died before finishing (ADR 0041).
/// </summary>
public sealed class ScheduledJobRun
{
    public long Id { get; set; }

    public string Job { get; set; } = "";

    /// <summary>The period the run is for: the practice's date (yyyy-MM-dd) for a daily job.</summary>
    public string Period { get; set; } = "";

    /// <summary>The instance that holds (or held) the run.</summary>
    public string Instance { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>Until when the holder's claim stands; renewed while the job runs.</summary>
    public DateTimeOffset LeaseUntil { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>1 for the first holder; more when another instance took over an expired lease.</summary>
    public int Attempt { get; set; }

    /// <summary>What the job did (counts, no patient data), or the error type when it failed.</summary>
    public string? Outcome { get; set; }

    public bool Failed { get; set; }
}

internal sealed class ScheduledJobRunConfiguration : IEntityTypeConfiguration<ScheduledJobRun>
{
    public void Configure(EntityTypeBuilder<ScheduledJobRun> b)
    {
        b.Property(x => x.Job).HasMaxLength(40);
        b.Property(x => x.Period).HasMaxLength(20);
        b.Property(x => x.Instance).HasMaxLength(200);
        b.Property(x => x.Outcome).HasMaxLength(1000);
        b.HasIndex(x => new { x.Job, x.Period }).IsUnique();
    }
}
