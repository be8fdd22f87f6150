using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace AppealStudio.Data.Protection;

/// <summary>One 256-bit master key and its id (a hash of the key: naming it reveals nothing about it).</summary>
public sealed class FieldKey
{
    internal FieldKey(byte[] material, string source)
    {
        if (material.Length != 32)
        {
            throw new InvalidOperationException($"{source} does not hold a 256-bit key (base64 of 32 bytes; it holds {material.Length} bytes).");
        }

        Material = material;
        Id = SHA256.HashData([.. Encoding.ASCII.GetBytes("AppealStudio key id\0"), .. material])[..KeyIdLength];
        Source = source;
    }

    public const int KeyIdLength = 8;

    internal byte[] Material { get; }

    /// <summary>What the envelopes carry to say which key sealed them.</summary>
    public byte[] Id { get; }

    public string IdText => Convert.ToHexString(Id).ToLowerInvariant();

    /// <summary>Where the key came from (a setting or a file), for messages; never the key itself.</summary>
    public string Source { get; }

    /// <summary>A key for one purpose (fields, backups), so one ciphertext can never be opened as the other.</summary>
    internal byte[] Derive(string purpose) => HKDF.DeriveKey(HashAlgorithmName.SHA256, Material, 32, info: Encoding.UTF8.GetBytes(purpose));
}

/// <summary>
/// The keys that encrypt chart text, attachments and backups, kept outside the database (ADR 0080): the current key
/// seals, it and the previous keys open. Configuration: <c>Encryption:KeyFile</c> (a file holding the base64 key) or
/// <c>Encryption:Key</c> (the base64 key itself); <c>Encryption:PreviousKeyFiles:N</c> / <c>Encryption:PreviousKeys:N</c>
/// for keys retired by a rotation. Without any, the key file <c>keys/data.key</c> in the data folder is used, and created
/// (0600, its folder 0700) when <c>mayCreate</c> (everywhere but Production, where start-up demands an explicit key).
/// </summary>
public sealed class FieldKeys
{
    private readonly Dictionary<string, FieldKey> byId;

    private FieldKeys(FieldKey current, IEnumerable<FieldKey> previous)
    {
        Current = current;
        byId = new Dictionary<string, FieldKey>(StringComparer.Ordinal) { [current.IdText] = current };
        foreach (var key in previous)
        {
            byId.TryAdd(key.IdText, key);
        }
    }

    public FieldKey Current { get; }

    public IReadOnlyCollection<FieldKey> All => byId.Values;

    public const string DefaultFileName = "data.key";

    /// <summary>What to tell an operator who has no key configured.</summary>
    public const string HowToConfigure =
        "set Encryption:KeyFile to a file holding a base64 256-bit key kept outside the database and its backups " +
        "(create one with: umask 077; openssl rand -base64 32 > /etc/appealstudio/data.key), or Encryption:Key to the base64 key itself";

    public FieldKey? Find(ReadOnlySpan<byte> id) => byId.GetValueOrDefault(Convert.ToHexString(id).ToLowerInvariant());

    /// <summary>A key was given explicitly (a setting, not the data folder's default file).</summary>
    public static bool IsConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration["Encryption:KeyFile"]) || !string.IsNullOrWhiteSpace(configuration["Encryption:Key"]);
    }

    /// <summary>The keys from configuration, else the data folder's key file (created only when <paramref name="mayCreate"/>).</summary>
    public static FieldKeys Load(IConfiguration configuration, string dataDirectory, bool mayCreate)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var previous = configuration.GetSection("Encryption:PreviousKeyFiles").GetChildren()
            .Where(c => !string.IsNullOrWhiteSpace(c.Value)).Select(c => FromFile(c.Value!, $"Encryption:PreviousKeyFiles ({c.Value})"))
            .Concat(configuration.GetSection("Encryption:PreviousKeys").GetChildren()
                .Where(c => !string.IsNullOrWhiteSpace(c.Value)).Select(c => FromBase64(c.Value!, $"Encryption:PreviousKeys:{c.Key}")))
            .ToList();
        if (configuration["Encryption:KeyFile"] is { Length: > 0 } file)
        {
            return new FieldKeys(FromFile(file, $"Encryption:KeyFile ({file})"), previous);
        }

        if (configuration["Encryption:Key"] is { Length: > 0 } text)
        {
            return new FieldKeys(FromBase64(text, "Encryption:Key"), previous);
        }

        var path = Path.Combine(dataDirectory, KeyFolder.Name, DefaultFileName);
        if (!File.Exists(path))
        {
            if (!mayCreate)
            {
                throw new InvalidOperationException($"No encryption key is configured for chart text, attachments and backups: {HowToConfigure}.");
            }

            KeyFolder.WriteOnce(path, Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n"));
        }

        return new FieldKeys(FromFile(path, $"the key file {path}"), previous);
    }

    /// <summary>Keys given directly (tests, tools).</summary>
    public static FieldKeys From(byte[] current, params byte[][] previous) =>
        new(new FieldKey(current, "a key given directly"), previous.Select(p => new FieldKey(p, "a previous key given directly")));

    private static FieldKey FromFile(string path, string source)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{source} does not exist; {HowToConfigure}.");
        }

        return FromBase64(File.ReadAllText(path), source);
    }

    private static FieldKey FromBase64(string text, string source)
    {
        try
        {
            return new FieldKey(Convert.FromBase64String(text.Trim()), source);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{source} is not base64 (a 256-bit key written as base64, e.g. by 'openssl rand -base64 32').");
        }
    }
}

/// <summary>The data folder's <c>keys/</c> subfolder (0700) and its files (0600), written once and never replaced.</summary>
internal static class KeyFolder
{
    public const string Name = "keys";

    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="path"/> unless it exists. Written to a private temporary file
    /// and moved into place, so a second process starting at the same moment reads a complete file, never a half one.
    /// </summary>
    public static void WriteOnce(string path, byte[] content)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, DatabaseOptions.PrivateDirectoryMode);
            }
        }

        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = DatabaseOptions.PrivateFileMode;
        }

        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: theirs is the key.
            File.Delete(temporary);
        }
    }
}
