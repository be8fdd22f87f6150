using System.Security.Cryptography;
using System.Text;

namespace AppealStudio.Data.Protection;

/// <summary>A protected value that cannot be opened: not sealed, sealed under a key that is not configured, or altered.</summary>
public sealed class ProtectedValueException(string message) : InvalidOperationException(message);

/// <summary>
/// Seals values with AES-256-GCM (authenticated: a changed byte is detected, never decrypted to garbage) in a small
/// versioned envelope, so keys can rotate: <c>00 'A' 'S' 'E'</c>, version 1, the key id (8 bytes), a random nonce
/// (12), the tag (16), the ciphertext. The header and the purpose ("ChartDocument.Text") are authenticated too, so a
/// value copied into another column does not open. Text columns hold <c>ASE1:</c> + base64 of the envelope.
/// </summary>
/// <remarks>The keys are loaded on first use, so commands that never touch protected data need no key.</remarks>
public sealed class FieldCipher(Func<FieldKeys> load)
{
    private readonly Lazy<FieldKeys> keys = new(load, LazyThreadSafetyMode.ExecutionAndPublication);

    public FieldCipher(FieldKeys keys) : this(() => keys)
    {
    }

    public FieldKeys Keys => keys.Value;

    public const string TextPrefix = "ASE1:";

    private static readonly byte[] Magic = [0x00, (byte)'A', (byte)'S', (byte)'E'];
    private const byte Version = 1;
    private const int HeaderLength = 4 + 1 + FieldKey.KeyIdLength;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    public const int Overhead = HeaderLength + NonceLength + TagLength;

    private const string FieldPurpose = "AppealStudio field encryption v1";

    /// <summary>True when <paramref name="value"/> has the envelope's shape (it may still fail to open).</summary>
    public static bool IsSealed(ReadOnlySpan<byte> value) => value.Length >= Overhead && value[..4].SequenceEqual(Magic) && value[4] == Version;

    public static bool IsSealedText(string? value) => value is not null && value.StartsWith(TextPrefix, StringComparison.Ordinal);

    /// <summary>The id (hex) of the key that sealed <paramref name="value"/>; null when it is not sealed.</summary>
    public static string? KeyIdOf(ReadOnlySpan<byte> value) => IsSealed(value) ? Convert.ToHexString(value[5..HeaderLength]).ToLowerInvariant() : null;

    public static string? KeyIdOfText(string? value) => IsSealedText(value) && TryDecodeText(value!, out var bytes) ? KeyIdOf(bytes) : null;

    public byte[] Seal(ReadOnlySpan<byte> plaintext, string purpose)
    {
        var key = Keys.Current;
        var envelope = new byte[Overhead + plaintext.Length];
        Magic.CopyTo(envelope, 0);
        envelope[4] = Version;
        key.Id.CopyTo(envelope, 5);
        var nonce = envelope.AsSpan(HeaderLength, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(SubKey(key), TagLength);
        aes.Encrypt(nonce, plaintext, envelope.AsSpan(Overhead), envelope.AsSpan(HeaderLength + NonceLength, TagLength),
            AssociatedData(envelope.AsSpan(0, HeaderLength), purpose));
        return envelope;
    }

    /// <summary>The plaintext of an envelope sealed for <paramref name="purpose"/>; a clear error otherwise.</summary>
    public byte[] Open(ReadOnlySpan<byte> envelope, string purpose)
    {
        if (!IsSealed(envelope))
        {
            throw new ProtectedValueException(
                $"The stored {purpose} is not encrypted: it was written outside AppealStudio, or the encryption of existing rows has not run yet " +
                "(start the web app or run 'appealstudio db encrypt').");
        }

        var id = envelope[5..HeaderLength];
        var key = Keys.Find(id) ?? throw new ProtectedValueException(
            $"The stored {purpose} was encrypted with key {Convert.ToHexString(id).ToLowerInvariant()}, which is not configured " +
            $"(the current key is {Keys.Current.IdText}, from {Keys.Current.Source}): configure that key as Encryption:KeyFile, " +
            "or list it in Encryption:PreviousKeyFiles.");
        var plaintext = new byte[envelope.Length - Overhead];
        try
        {
            using var aes = new AesGcm(SubKey(key), TagLength);
            aes.Decrypt(envelope.Slice(HeaderLength, NonceLength), envelope[Overhead..], envelope.Slice(HeaderLength + NonceLength, TagLength), plaintext,
                AssociatedData(envelope[..HeaderLength], purpose));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new ProtectedValueException(
                $"The stored {purpose} does not authenticate under key {key.IdText}: it was altered in the database (or copied from another column); nothing of it is shown.");
        }

        return plaintext;
    }

    public string SealText(string plaintext, string purpose) =>
        TextPrefix + Convert.ToBase64String(Seal(Encoding.UTF8.GetBytes(plaintext), purpose));

    public string OpenText(string stored, string purpose)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!IsSealedText(stored) || !TryDecodeText(stored, out var bytes))
        {
            // Open reports the value as not encrypted.
            return Encoding.UTF8.GetString(Open([], purpose));
        }

        return Encoding.UTF8.GetString(Open(bytes, purpose));
    }

    /// <summary>The key that <paramref name="purpose"/>-specific material is derived from (backups use their own).</summary>
    internal static byte[] SubKey(FieldKey key) => key.Derive(FieldPurpose);

    private static byte[] AssociatedData(ReadOnlySpan<byte> header, string purpose) => [.. header, .. Encoding.UTF8.GetBytes(purpose)];

    private static bool TryDecodeText(string value, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromBase64String(value[TextPrefix.Length..]);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
