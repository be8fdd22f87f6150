using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace AppealStudio.Data.Protection;

/// <summary>
/// The certificate that encrypts the Data Protection key ring (the keys that sign sign-in cookies and antiforgery
/// tokens), which is stored in the database (ADR 0081). Configuration: <c>DataProtection:CertificateFile</c> (a PFX with
/// its private key) and <c>DataProtection:CertificatePassword</c>; <c>DataProtection:PreviousCertificateFiles:N</c>
/// (with <c>DataProtection:PreviousCertificatePasswords:N</c>) still decrypt keys written under a replaced certificate.
/// Without a setting, <c>keys/dataprotection.pfx</c> in the data folder is used, and generated (self-signed RSA 3072,
/// 0600) when <c>mayCreate</c> (everywhere but Production, where start-up demands a configured certificate).
/// </summary>
public sealed class KeyRingCertificates
{
    private KeyRingCertificates(X509Certificate2 current, IReadOnlyList<X509Certificate2> previous)
    {
        Current = current;
        Previous = previous;
    }

    public X509Certificate2 Current { get; }

    public IReadOnlyList<X509Certificate2> Previous { get; }

    public const string DefaultFileName = "dataprotection.pfx";

    public const string HowToConfigure =
        "set DataProtection:CertificateFile to a PFX file with its private key, kept outside the database and shared by every instance " +
        "(and DataProtection:CertificatePassword), e.g. made with: openssl req -x509 -newkey rsa:3072 -nodes -days 3650 " +
        "-subj /CN=AppealStudio-DataProtection -keyout dp.key -out dp.crt && openssl pkcs12 -export -inkey dp.key -in dp.crt -out dataprotection.pfx";

    public static bool IsConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration["DataProtection:CertificateFile"]);
    }

    public static KeyRingCertificates Load(IConfiguration configuration, string dataDirectory, bool mayCreate)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var previous = configuration.GetSection("DataProtection:PreviousCertificateFiles").GetChildren()
            .Where(c => !string.IsNullOrWhiteSpace(c.Value))
            .Select(c => FromFile(c.Value!, configuration[$"DataProtection:PreviousCertificatePasswords:{c.Key}"], $"DataProtection:PreviousCertificateFiles:{c.Key}"))
            .ToList();
        if (configuration["DataProtection:CertificateFile"] is { Length: > 0 } file)
        {
            return new KeyRingCertificates(FromFile(file, configuration["DataProtection:CertificatePassword"], "DataProtection:CertificateFile"), previous);
        }

        var path = Path.Combine(dataDirectory, KeyFolder.Name, DefaultFileName);
        if (!File.Exists(path))
        {
            if (!mayCreate)
            {
                throw new InvalidOperationException($"No certificate is configured to encrypt the Data Protection keys: {HowToConfigure}.");
            }

            KeyFolder.WriteOnce(path, CreateSelfSigned());
        }

        return new KeyRingCertificates(FromFile(path, null, $"the certificate file {path}"), previous);
    }

    /// <summary>A self-signed certificate for key encryption only, as PFX bytes without a password (the file is 0600).</summary>
    public static byte[] CreateSelfSigned()
    {
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=AppealStudio Data Protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: false));
        var now = DateTimeOffset.UtcNow;
        // Long-lived on purpose: the certificate only wraps keys; replacing it means listing the old one as previous.
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(30));
        return certificate.Export(X509ContentType.Pkcs12);
    }

    private static X509Certificate2 FromFile(string path, string? password, string source)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{source} names {path}, which does not exist; {HowToConfigure}.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"{source} ({path}) could not be read as a PFX with that password: {ex.Message}");
        }

        if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
        {
            throw new InvalidOperationException($"{source} ({path}) has no RSA private key; the key ring needs one to decrypt its keys.");
        }

        return certificate;
    }
}

/// <summary>
/// Encrypts Data Protection keys written before the key ring was protected (ADR 0081): each element the framework marks
/// <c>requiresEncryption</c> (the <c>masterKey</c>) is replaced by the <c>encryptedSecret</c> the framework itself
/// writes for a new key, so the keys keep their ids and every cookie they protected keeps validating.
/// </summary>
public static class KeyRingProtection
{
    private static readonly XNamespace DataProtectionNamespace = "http://schemas.asp.net/2015/03/dataProtection";

    /// <summary>Encrypts every stored key still holding its secret in clear; returns how many were rewritten.</summary>
    public static async Task<int> ProtectStoredKeysAsync(AppDbContext db, Func<IXmlEncryptor> encryptor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(encryptor);
        var plain = await db.DataProtectionKeys.Where(k => k.Xml!.Contains("requiresEncryption")).ToListAsync(cancellationToken);
        if (plain.Count == 0)
        {
            return 0;
        }

        var xmlEncryptor = encryptor();
        var rewritten = 0;
        foreach (var key in plain)
        {
            var element = XElement.Parse(key.Xml!);
            var secrets = element.Descendants().Where(e => (bool?)e.Attribute(DataProtectionNamespace + "requiresEncryption") == true).ToList();
            foreach (var secret in secrets)
            {
                var encrypted = xmlEncryptor.Encrypt(new XElement(secret));
                secret.ReplaceWith(new XElement(DataProtectionNamespace + "encryptedSecret",
                    new XAttribute("decryptorType", encrypted.DecryptorType.AssemblyQualifiedName!),
                    encrypted.EncryptedElement));
            }

            if (secrets.Count > 0)
            {
                key.Xml = element.ToString(SaveOptions.DisableFormatting);
                rewritten++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return rewritten;
    }
}
