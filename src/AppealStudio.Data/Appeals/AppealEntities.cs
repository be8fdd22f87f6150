using AppealStudio.Data.Denials;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AppealStudio.Data.Appeals;

public enum AppealStatus
{
    Draft,
    AwaitingSignOff,
    Returned,
    Signed,
    Submitted,
    Decided,
}

/// <summary>
/// The appeal letter of a denial and everything that happens to it: drafting, sign-off, submission, decision.
/// <see cref="Version"/> is the optimistic-concurrency token: a save based on an older version is a conflict.
/// </summary>
public sealed class Appeal
{
    public long Id { get; set; }

    public long DenialId { get; set; }

    public Denial Denial { get; set; } = default!;

    /// <summary>1 for the denial's first appeal, 2 for the appeal of its decision, and so on up the levels.</summary>
    public int Sequence { get; set; } = 1;

    /// <summary>The appeal whose decision this one answers (the level below); null for the first.</summary>
    public long? PreviousAppealId { get; set; }

    public string TemplateId { get; set; } = "";

    public int TemplateVersion { get; set; }

    public AppealStatus Status { get; set; }

    public string Markdown { get; set; } = "";

    public int Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedByUserId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedByUserId { get; set; }

    // Sign-off
    public string? SignOffRequestedToUserId { get; set; }

    public DateTimeOffset? SignOffRequestedAt { get; set; }

    /// <summary>The specialist's text when sign-off was requested: the signed text is diffed against it.</summary>
    public string? DraftAtSignOffRequest { get; set; }

    public string? ReturnComment { get; set; }

    public string? SignedByUserId { get; set; }

    public string? SignedByName { get; set; }

    public DateTimeOffset? SignedAt { get; set; }

    public string? SignedMarkdown { get; set; }

    public string? SignatureSha256 { get; set; }

    public string? Attestation { get; set; }

    /// <summary>Clinical sentences the physician attested as their own statements at signing (no citation), one per line.</summary>
    public string? AttestedStatements { get; set; }

    /// <summary>The practice's time zone when the letter was signed, for showing the signing time as it was there.</summary>
    public string? SignedTimeZone { get; set; }

    /// <summary>The appeals address typed for this letter; null = the payer directory's address for the level.</summary>
    public string? PayerAddress { get; set; }

    /// <summary>The appeal step the letter files (reopening, first-level...); the letter names it.</summary>
    public string? LetterLevel { get; set; }

    // Submission
    public string? Level { get; set; }

    public string? Method { get; set; }

    public DateOnly? SubmittedOn { get; set; }

    public string? SubmissionReference { get; set; }

    public DateOnly? FollowUpOn { get; set; }

    public bool SubmittedAfterDeadline { get; set; }

    // Decision
    public string? Decision { get; set; }

    public DateOnly? DecidedOn { get; set; }

    public decimal? AmountRecovered { get; set; }

    public List<LetterRevision> Revisions { get; set; } = [];

    public List<AppealExcerpt> Excerpts { get; set; } = [];

    public List<AppealAttachment> Attachments { get; set; } = [];
}

/// <summary>Every saved text of a letter, for the version history and its diffs.</summary>
public sealed class LetterRevision
{
    public long Id { get; set; }

    public long AppealId { get; set; }

    public int Number { get; set; }

    public string Markdown { get; set; } = "";

    public DateTimeOffset At { get; set; }

    public string? UserId { get; set; }

    public string Actor { get; set; } = "";

    /// <summary>draft | autosave | physician-edit | signed | template.</summary>
    public string Kind { get; set; } = "";
}

/// <summary>A chart passage the specialist chose as evidence; keeps its source so it can be cited.</summary>
public sealed class AppealExcerpt
{
    public long Id { get; set; }

    public long AppealId { get; set; }

    public long ChartDocumentId { get; set; }

    /// <summary>Citation label used in the letter: E1, E2 ...</summary>
    public string Label { get; set; } = "";

    public int Start { get; set; }

    public int End { get; set; }

    public string Text { get; set; } = "";

    public string? Facts { get; set; }

    public string? Slot { get; set; }

    public decimal Score { get; set; }
}

/// <summary>A file the specialist attached to the packet (a prior authorization, a proof of submission...).</summary>
public sealed class AppealAttachment : Protection.IProtectedEntity
{
    /// <summary>What the envelope of <see cref="SealedContent"/> is bound to.</summary>
    public const string ContentPurpose = "AppealAttachment.Content";

    private byte[]? content;
    private byte[]? openedContent;
    private Protection.FieldCipher? cipher;

    public long Id { get; set; }

    public long AppealId { get; set; }

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "";

    /// <summary>The file's bytes. Not a column: stored encrypted in <see cref="SealedContent"/> (ADR 0080), opened on first read.</summary>
    public byte[] Content
    {
        get
        {
            if (content is null && SealedContent.Length > 0)
            {
                content = openedContent = (cipher ?? throw new InvalidOperationException(Protection.FieldEncryption.Missing(ContentPurpose)))
                    .Open(SealedContent, ContentPurpose);
            }

            return content ?? [];
        }

        set => content = value;
    }

    /// <summary>The column <c>Content</c>: the bytes sealed with AES-GCM (<see cref="Protection.FieldCipher"/>), written on save.</summary>
    public byte[] SealedContent { get; set; } = [];

    public DateTimeOffset UploadedAt { get; set; }

    public string? UploadedBy { get; set; }

    void Protection.IProtectedEntity.Attach(Protection.FieldCipher fieldCipher) => cipher = fieldCipher;

    bool Protection.IProtectedEntity.Seal(Protection.FieldCipher? fieldCipher)
    {
        if (content is null || ReferenceEquals(content, openedContent))
        {
            return false;
        }

        SealedContent = (fieldCipher ?? throw new InvalidOperationException(Protection.FieldEncryption.Missing(ContentPurpose))).Seal(content, ContentPurpose);
        openedContent = content;
        cipher = fieldCipher;
        return true;
    }
}

internal sealed class AppealConfiguration : IEntityTypeConfiguration<Appeal>
{
    public void Configure(EntityTypeBuilder<Appeal> b)
    {
        b.Property(x => x.TemplateId).HasMaxLength(80);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.SignatureSha256).HasMaxLength(64);
        b.Property(x => x.SignedTimeZone).HasMaxLength(64);
        b.Property(x => x.PayerAddress).HasMaxLength(1000);
        b.Property(x => x.LetterLevel).HasMaxLength(32);
        b.Property(x => x.SignedByName).HasMaxLength(200);
        b.Property(x => x.Level).HasMaxLength(32);
        b.Property(x => x.Method).HasMaxLength(16);
        b.Property(x => x.SubmissionReference).HasMaxLength(100);
        b.Property(x => x.Decision).HasMaxLength(32);
        b.Property(x => x.AmountRecovered).HasPrecision(14, 2);
        b.HasOne(x => x.Denial).WithMany().HasForeignKey(x => x.DenialId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Revisions).WithOne().HasForeignKey(r => r.AppealId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Excerpts).WithOne().HasForeignKey(r => r.AppealId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Attachments).WithOne().HasForeignKey(r => r.AppealId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.Status, x.SignOffRequestedToUserId });
        // One appeal per level of a denial (ADR 0044): the workflow checks first and claims the denial's version, and
        // this index is the last word if two starts still race.
        b.Property(x => x.Sequence).HasDefaultValue(1);
        b.HasIndex(x => new { x.DenialId, x.Sequence }).IsUnique();
        b.HasIndex(x => new { x.Decision, x.DecidedOn });
        // "Follow-ups due" (DenialViews.FollowUpsDue): the submitted appeals awaiting a decision, by follow-up date,
        // with the denial they answer (ADR 0110). The filter repeats the view's conditions as they are written.
        b.HasIndex(x => new { x.FollowUpOn, x.DenialId }, "IX_Appeals_FollowUpsDue")
            .HasFilter("\"Status\" = 'Submitted' AND \"Decision\" IS NULL AND \"FollowUpOn\" IS NOT NULL");
    }
}

internal sealed class LetterRevisionConfiguration : IEntityTypeConfiguration<LetterRevision>
{
    public void Configure(EntityTypeBuilder<LetterRevision> b)
    {
        b.Property(x => x.Actor).HasMaxLength(256);
        b.Property(x => x.Kind).HasMaxLength(20);
        b.HasIndex(x => new { x.AppealId, x.Number }).IsUnique();
    }
}

internal sealed class AppealExcerptConfiguration : IEntityTypeConfiguration<AppealExcerpt>
{
    public void Configure(EntityTypeBuilder<AppealExcerpt> b)
    {
        b.Property(x => x.Label).HasMaxLength(8);
        b.Property(x => x.Slot).HasMaxLength(64);
        b.Property(x => x.Facts).HasMaxLength(1000);
        b.Property(x => x.Score).HasPrecision(10, 4);
    }
}

internal sealed class AppealAttachmentConfiguration : IEntityTypeConfiguration<AppealAttachment>
{
    public void Configure(EntityTypeBuilder<AppealAttachment> b)
    {
        b.Property(x => x.FileName).HasMaxLength(260);
        b.Property(x => x.ContentType).HasMaxLength(100);
        // Sealed in the column it always had (no schema change); the plaintext is never a column.
        b.Ignore(x => x.Content);
        b.Property(x => x.SealedContent).HasColumnName("Content");
    }
}
