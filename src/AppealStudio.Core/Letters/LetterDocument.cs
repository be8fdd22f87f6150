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
/// <param name="TimeZoneId">The practice's IANA time zone; the signing time is shown in it (UTC when none).</param>
public sealed record LetterSignature(string SignerName, string? Credentials, DateTimeOffset SignedAtUtc, string ContentHash, string? Attestation = null, string? TimeZoneId = null)
{
    /// <summary>"11/22/2026 3:42 PM CST (America/Chicago)", or "... UTC" without a time zone.</summary>
    public string SignedAtText
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(TimeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId, out var zone))
            {
                var local = TimeZoneInfo.ConvertTime(SignedAtUtc, zone);
                var offset = local.Offset;
                var sign = offset < TimeSpan.Zero ? "-" : "+";
                var utcOffset = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"UTC{sign}{Math.Abs(offset.Hours):00}:{Math.Abs(offset.Minutes):00}");
                return local.ToString("MM/dd/yyyy h:mm tt", System.Globalization.CultureInfo.InvariantCulture) + $" ({zone.Id}, {utcOffset})";
            }

            return SignedAtUtc.ToUniversalTime().ToString("MM/dd/yyyy h:mm tt 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>"Dana Reyes, MD".</summary>
    public string SignerDisplay => string.IsNullOrWhiteSpace(Credentials) || SignerName.EndsWith(Credentials, StringComparison.Ordinal) ? SignerName : $"{SignerName}, {Credentials}";
}

/// <summary>What <see cref="LetterDocx"/> renders: letterhead, the letter Markdown, and the signature or none (a draft).</summary>
public sealed record LetterDocument(Letterhead Letterhead, string BodyMarkdown, LetterSignature? Signature, string? Title = null);
