using AppealStudio.Cli;
using AppealStudio.Data;
using AppealStudio.Data.Protection;
using Microsoft.Extensions.Configuration;

namespace AppealStudio.Web.Tests.Protection;

/// <summary>ADR 80, 81: keys made on first run outside Production are owner-only; in Production they must be configured.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // the test checks Unix permissions
public sealed class KeyFilesTests
{
    private static string TempDirectory() =>
        Path.Combine(Path.GetTempPath(), "appealstudio-keys-" + Guid.NewGuid().ToString("N")[..8], "data");

    private static async Task<(int Code, string Out, string Err)> RunAsync(string dataDirectory, string environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var config = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dataDirectory, ["Database:Provider"] = "Sqlite", ["Database:ConnectionString"] = "", ["Environment"] = environment,
        };
        var code = await CliApp.RunAsync(args, new StringReader(""), output, error, config);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task DataKey_FirstUseInDevelopment_IsCreatedOwnerOnlyAndReused()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var data = TempDirectory();
        var first = await RunAsync(data, "Development", "db", "encrypt");
        var key = Path.Combine(data, "keys", FieldKeys.DefaultFileName);
        var written = await File.ReadAllTextAsync(key);
        var second = await RunAsync(data, "Development", "db", "encrypt");

        Assert.True(first.Code == 0, first.Err);
        Assert.True(second.Code == 0, second.Err);
        Assert.Equal(DatabaseOptions.PrivateDirectoryMode, File.GetUnixFileMode(Path.Combine(data, "keys")));
        Assert.Equal(DatabaseOptions.PrivateFileMode, File.GetUnixFileMode(key));
        Assert.Equal(32, Convert.FromBase64String(written.Trim()).Length);
        Assert.Equal(written, await File.ReadAllTextAsync(key)); // the same key the second time, never replaced
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task DataKey_ProductionWithoutOne_IsRefusedSayingWhatToSet()
    {
        var data = TempDirectory();

        var (code, _, error) = await RunAsync(data, "Production", "db", "encrypt");

        Assert.Equal(1, code);
        Assert.Contains("Encryption:KeyFile", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data, "keys", FieldKeys.DefaultFileName)));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void Certificate_FirstUseOutsideProduction_IsCreatedOwnerOnlyWithItsPrivateKey_AndRequiredInProduction()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var data = TempDirectory();
        var empty = new ConfigurationBuilder().Build();

        var refused = Assert.Throws<InvalidOperationException>(() => KeyRingCertificates.Load(empty, data, mayCreate: false));
        var created = KeyRingCertificates.Load(empty, data, mayCreate: true);
        var again = KeyRingCertificates.Load(empty, data, mayCreate: false);

        Assert.Contains("DataProtection:CertificateFile", refused.Message, StringComparison.Ordinal);
        Assert.True(created.Current.HasPrivateKey);
        Assert.Equal(created.Current.Thumbprint, again.Current.Thumbprint);
        Assert.Equal(DatabaseOptions.PrivateFileMode, File.GetUnixFileMode(Path.Combine(data, "keys", KeyRingCertificates.DefaultFileName)));
    }
}
