using AppealStudio.Data.Protection;

namespace AppealStudio.Web.Tests.Infrastructure;

/// <summary>
/// Keys for hosts and commands that run in Production, where a key and a certificate must be configured (ADR 0080,
/// 0081): Development hosts use the ones they create in the data folder's keys/.
/// </summary>
public static class TestKeys
{
    /// <summary>A fixed 256-bit key (test only), base64.</summary>
    public static readonly string Key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    /// <summary>Another key, for the wrong-key cases.</summary>
    public static readonly string OtherKey = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    private static readonly Lazy<string> Certificate = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), "appealstudio-test-dp-" + Guid.NewGuid().ToString("N")[..8] + ".pfx");
        File.WriteAllBytes(path, KeyRingCertificates.CreateSelfSigned());
        return path;
    });

    /// <summary>A PFX (no password) made once per test run.</summary>
    public static string CertificateFile => Certificate.Value;

    /// <summary>The settings a Production host needs besides its database.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> ProductionSettings(string? key = null) =>
    [
        new("Encryption:Key", key ?? Key),
        new("DataProtection:CertificateFile", CertificateFile),
    ];
}
