using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AppealStudio.Data.Charts;

/// <summary>
/// A chart document (progress note, op note, anesthesia record, therapy note) stored per patient and encounter.
/// Linked to claims by patient identity and date of service, not by a foreign key: notes often arrive first.
/// </summary>
public sealed class ChartDocument : Protection.IProtectedEntity
{
    /// <summary>What the envelope of <see cref="SealedText"/> is bound to (a value copied from another column does not open).</summary>
    public const string TextPurpose = "ChartDocument.Text";

    private string? text;
    private string? openedText;
    private Protection.FieldCipher? cipher;

    public long Id { get; set; }

    public string Title { get; set; } = "";

    public string? DocumentType { get; set; }

    public string? Author { get; set; }

    public string? PatientMemberId { get; set; }

    public string? PatientLastName { get; set; }

    public string? PatientFirstName { get; set; }

    public DateOnly? PatientBirthDate { get; set; }

    /// <summary>The practice's account number for the patient or visit, when the note carries one (matches CLP01).</summary>
    public string? PatientAccountNumber { get; set; }

    /// <summary>The family name reduced for matching (lower-case letters only), so name suggestions use an index.</summary>
    public string? PatientNameKey { get; set; }

    public DateOnly? EncounterDate { get; set; }

    public string SourceFileName { get; set; } = "";

    /// <summary>text | markdown | docx | fhir.</summary>
    public string SourceFormat { get; set; } = "";

    /// <summary>
    /// The plain text that excerpt offsets refer to. Not a column: it is stored encrypted in <see cref="SealedText"/>
    /// (ADR 0080), opened on first read; a value that does not open throws <see cref="Protection.ProtectedValueException"/>.
    /// </summary>
    public string Text
    {
        get
        {
            if (text is null && SealedText.Length > 0)
            {
                text = openedText = (cipher ?? throw new InvalidOperationException(Protection.FieldEncryption.Missing(TextPurpose)))
                    .OpenText(SealedText, TextPurpose);
            }

            return text ?? "";
        }

        set => text = value;
    }

    /// <summary>The column <c>Text</c>: the text sealed with AES-GCM (<see cref="Protection.FieldCipher"/>), written on save.</summary>
    public string SealedText { get; set; } = "";

    public DateTimeOffset ImportedAt { get; set; }

    public string? ImportedBy { get; set; }

    void Protection.IProtectedEntity.Attach(Protection.FieldCipher fieldCipher) => cipher = fieldCipher;

    bool Protection.IProtectedEntity.Seal(Protection.FieldCipher? fieldCipher)
    {
        if (text is null || ReferenceEquals(text, openedText))
        {
            return false;
        }

        SealedText = (fieldCipher ?? throw new InvalidOperationException(Protection.FieldEncryption.Missing(TextPurpose))).SealText(text, TextPurpose);
        openedText = text;
        cipher = fieldCipher;
        return true;
    }
}

internal sealed class ChartDocumentConfiguration : IEntityTypeConfiguration<ChartDocument>
{
    public void Configure(EntityTypeBuilder<ChartDocument> b)
    {
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.DocumentType).HasMaxLength(100);
        b.Property(x => x.Author).HasMaxLength(200);
        b.Property(x => x.PatientMemberId).HasMaxLength(80);
        b.Property(x => x.PatientLastName).HasMaxLength(100);
        b.Property(x => x.PatientFirstName).HasMaxLength(100);
        b.Property(x => x.SourceFileName).HasMaxLength(260);
        b.Property(x => x.SourceFormat).HasMaxLength(16);
        b.Property(x => x.ImportedBy).HasMaxLength(256);
        // The text is stored sealed in the column it always had (no schema change); the plaintext is never a column.
        b.Ignore(x => x.Text);
        b.Property(x => x.SealedText).HasColumnName("Text");
        b.HasIndex(x => x.PatientMemberId);
        b.HasIndex(x => new { x.PatientLastName, x.PatientBirthDate });
        b.Property(x => x.PatientAccountNumber).HasMaxLength(80);
        b.Property(x => x.PatientNameKey).HasMaxLength(100);
        b.HasIndex(x => x.EncounterDate);
        b.HasIndex(x => x.PatientAccountNumber);
        b.HasIndex(x => new { x.PatientNameKey, x.EncounterDate });
    }
}

/// <summary>
/// A person's answer to a name-only link suggestion: this note is (or is not) about this claim's patient. Links by
/// identifiers need none; a note that matches by name alone is never attached without one.
/// </summary>
public sealed class ChartLinkConfirmation
{
    public long Id { get; set; }

    public long ChartDocumentId { get; set; }

    public long ClaimId { get; set; }

    public bool Confirmed { get; set; }

    public string? ByUserId { get; set; }

    public string By { get; set; } = "";

    public DateTimeOffset At { get; set; }
}

internal sealed class ChartLinkConfirmationConfiguration : IEntityTypeConfiguration<ChartLinkConfirmation>
{
    public void Configure(EntityTypeBuilder<ChartLinkConfirmation> b)
    {
        b.Property(x => x.By).HasMaxLength(256);
        b.HasIndex(x => new { x.ChartDocumentId, x.ClaimId }).IsUnique();
        b.HasIndex(x => x.ClaimId);
    }
}
