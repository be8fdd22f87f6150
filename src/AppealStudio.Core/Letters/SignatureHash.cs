using System.Security.Cryptography;
using System.Text;

namespace AppealStudio.Core.Letters;

/// <summary>
/// The hash a signature is bound to: SHA-256 over the UTF-8 bytes (no byte-order mark) of the text after CRLF and
/// lone CR line endings are turned into LF, written as 64 lower-case hex digits. Normalizing line endings means a
/// letter that round-trips through a browser form or a Windows editor still verifies; any other change (a space,
/// a word) gives a different hash.
/// </summary>
public static class SignatureHash
{
    public const int ShortLength = 12;

    public static string Sha256(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }

    /// <summary>The first 12 hex digits, for printing on the letter.</summary>
    public static string Short(string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return hash.Length <= ShortLength ? hash : hash[..ShortLength];
    }

    public static bool Matches(string text, string hash) =>
        string.Equals(Sha256(text), hash?.Trim(), StringComparison.OrdinalIgnoreCase);
}
