namespace AppealStudio.Core.Letters;

/// <summary>The practice letterhead printed at the top of the DOCX.</summary>
public sealed record Letterhead(
    string PracticeName,
    IReadOnlyList<string> AddressLines,
    string? Phone = null,
    string? Fax = null,
    string? Npi = null,
    string? TaxId = null)
{
    public static Letterhead From(PracticeInfo practice)
    {
        ArgumentNullException.ThrowIfNull(practice);
        return new Letterhead(practice.Name, practice.AddressLines, practice.Phone, practice.Fax, practice.Npi, practice.TaxId);
    }
}

/// <summary>A physician's signature on the letter text.</summary>
/// <param name="SignerName">Name of the signing physician.</param>
/// <param name="Credentials">"MD", "DO", "LCSW"...</param>
/// <param name="SignedAtUtc">When it was signed.</param>
/// <param name="ContentHash"><see cref="SignatureHash.Sha256"/> of the letter Markdown that was signed.</param>
/// <param name="Attestation">The attestation sentence the physician agreed to, when there is one.</param>
public sealed record LetterSignature(string SignerName, string? Credentials, DateTimeOffset SignedAtUtc, string ContentHash, string? Attestation = null);

/// <summary>What <see cref="LetterDocx"/> renders: letterhead, the letter Markdown, and the signature or none (a draft).</summary>
public sealed record LetterDocument(Letterhead Letterhead, string BodyMarkdown, LetterSignature? Signature, string? Title = null);
