using System.Text;
using AppealStudio.Cli;
using AppealStudio.Data.Protection;
using AppealStudio.Web.Tests.Infrastructure;
using AppealStudio.Web.Tests.Lifecycle;
using Microsoft.Data.Sqlite;

namespace AppealStudio.Web.Tests.Cli;

/// <summary>`appealstudio db backup|restore|status` (issue 14) on SQLite, the embedded default.</summary>
public sealed class DbBackupCliTests
{
    private static async Task<(int Code, string Out, string Err)> RunWithKeyAsync(string? key, string dataDirectory, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var config = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dataDirectory, ["Database:Provider"] = "Sqlite", ["Database:ConnectionString"] = "",
            // Backups are encrypted (ADR 0082); the command runs as in Production, where the key is configured.
            ["Encryption:Key"] = key ?? TestKeys.Key,
        };
        var code = await CliApp.RunAsync(args, new StringReader(""), output, error, config);
        return (code, output.ToString(), error.ToString());
    }

    private static Task<(int Code, string Out, string Err)> RunAsync(string dataDirectory, params string[] args) => RunWithKeyAsync(null, dataDirectory, args);

    /// <summary>The SQLite file inside an encrypted backup, written beside it, for reading with SQLite.</summary>
    private static string Decrypted(string backup, string? key = null)
    {
        var plain = backup + ".plain.db";
        var encryption = new BackupEncryption(new FieldCipher(FieldKeys.From(Convert.FromBase64String(key ?? TestKeys.Key))));
        using (var input = File.OpenRead(backup))
        using (var source = encryption.Unwrap(input))
        using (var output = File.Create(plain))
        {
            source.CopyTo(output);
        }

        return plain;
    }

    private static void Encrypt(string plain, string backup)
    {
        var encryption = new BackupEncryption(new FieldCipher(FieldKeys.From(Convert.FromBase64String(TestKeys.Key))));
        using var input = File.OpenRead(plain);
        using var output = File.Create(backup);
        using var sink = encryption.Wrap(output);
        input.CopyTo(sink);
    }

    private static string TempDirectory(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), "appealstudio-" + name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    private static long Scalar(string databaseFile, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={databaseFile};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task BackupDuringAnImport_IsOneConsistentSnapshot_AndRestoresIntoAnotherDatabase()
    {
        var live = TempDirectory("live");
        Assert.Equal(0, (await RunAsync(live, "db", "migrate")).Code);
        var remit = new Remit835(Remit835.UniquePayer(), "BK1", new DateOnly(2026, 8, 1));
        const int claims = 1500;
        for (var i = 0; i < claims; i++)
        {
            remit.Add(new ClaimSpec(Remit835.UniquePcn(), "1", "BK" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new Line("99213", 150m, 0m, new Cas("CO", "50", 150m))));
        }

        var file = Path.Combine(live, "big.835");
        await File.WriteAllTextAsync(file, remit.ToString(), Encoding.ASCII);

        // Backups are taken again and again while the import runs; every one must hold the import entirely or not at all.
        var import = RunAsync(live, "remit", "import", file);
        var backups = new List<(string Path, bool ImportRunning)>();
        while (backups.Count < 50)
        {
            var running = !import.IsCompleted;
            var path = Path.Combine(live, $"backup-{backups.Count}.db");
            var (code, output, error) = await RunAsync(live, "db", "backup", "--out", path);
            Assert.True(code == 0, error);
            Assert.Contains("Backed up to", output, StringComparison.Ordinal);
            backups.Add((path, running));
            if (!running)
            {
                break;
            }
        }

        var imported = await import;
        Assert.True(imported.Code == 0, imported.Err);
        Assert.Contains(backups, b => b.ImportRunning);
        foreach (var (path, _) in backups)
        {
            Assert.False(File.Exists(path + ".partial"));
            var plain = Decrypted(path);
            var held = Scalar(plain, "SELECT count(*) FROM Claims");
            Assert.True(held is 0 or claims, $"{path} holds {held} claims: a torn snapshot");
            Assert.Equal(held == 0 ? 0 : 1, Scalar(plain, "SELECT count(*) FROM RemittanceImports WHERE ClaimCount > 0"));
        }

        // The last backup (after the import) restores into a fresh database, which then answers like the live one.
        var restored = TempDirectory("restored");
        var (restoreCode, restoreOut, restoreErr) = await RunAsync(restored, "db", "restore", backups[^1].Path);
        Assert.True(restoreCode == 0, restoreErr);
        Assert.Contains("Restored", restoreOut, StringComparison.Ordinal);
        Assert.Equal(claims, Scalar(Path.Combine(restored, "appealstudio.db"), "SELECT count(*) FROM Claims"));
        var (statusCode, statusOut, statusErr) = await RunAsync(restored, "db", "status");
        Assert.True(statusCode == 0, statusErr);
        Assert.Contains("0 pending; 0 unknown to this build", statusOut, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Restore_NotASqliteFile_IsRefusedAndTheDatabaseIsLeftAlone()
    {
        var live = TempDirectory("refuse");
        Assert.Equal(0, (await RunAsync(live, "db", "migrate")).Code);
        var junk = Path.Combine(live, "junk.db");
        await File.WriteAllTextAsync(junk, "this is not a database, just text long enough to fill a header of one hundred bytes........................", Encoding.ASCII);

        var (code, _, error) = await RunAsync(live, "db", "restore", junk);

        Assert.Equal(1, code);
        Assert.Contains("nothing was restored", error, StringComparison.Ordinal);
        var (statusCode, statusOut, _) = await RunAsync(live, "db", "status");
        Assert.Equal(0, statusCode);
        Assert.Contains("0 pending", statusOut, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Restore_BackupFromANewerBuild_IsRefusedNamingTheUnknownMigration()
    {
        var live = TempDirectory("newer");
        Assert.Equal(0, (await RunAsync(live, "db", "migrate")).Code);
        var backup = Path.Combine(live, "newer.db");
        Assert.Equal(0, (await RunAsync(live, "db", "backup", "--out", backup)).Code);
        var plain = Decrypted(backup);
        await using (var connection = new SqliteConnection($"Data Source={plain};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES ('29991231000000_FromTheFuture', '99.0')";
            await command.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        Encrypt(plain, backup);
        var (code, _, error) = await RunAsync(live, "db", "restore", backup);

        Assert.Equal(1, code);
        Assert.Contains("29991231000000_FromTheFuture", error, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Backup_IsEncrypted_AndRestoresOnlyWithItsKey()
    {
        var live = TempDirectory("enc");
        Assert.Equal(0, (await RunAsync(live, "db", "migrate")).Code);
        var backup = Path.Combine(live, "enc.db");
        Assert.Equal(0, (await RunAsync(live, "db", "backup", "--out", backup)).Code);

        // Not a SQLite file any more: no header, no schema text readable in the bytes.
        var bytes = await File.ReadAllBytesAsync(backup);
        Assert.Equal("ASBK"u8.ToArray(), bytes[..4]);
        Assert.DoesNotContain("SQLite format 3", Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);
        Assert.DoesNotContain("__EFMigrationsHistory", Encoding.ASCII.GetString(bytes), StringComparison.Ordinal);

        // Another key: refused, naming the key the backup needs; the database is left alone.
        var other = TempDirectory("enc-other");
        Assert.Equal(0, (await RunWithKeyAsync(TestKeys.OtherKey, other, "db", "migrate")).Code);
        var (wrongCode, _, wrongError) = await RunWithKeyAsync(TestKeys.OtherKey, other, "db", "restore", backup);
        Assert.Equal(1, wrongCode);
        Assert.Contains("encrypted with key", wrongError, StringComparison.Ordinal);
        Assert.Contains("nothing was restored", wrongError, StringComparison.Ordinal);

        // Its own key: restored.
        var (code, output, error) = await RunAsync(other, "db", "restore", backup);
        Assert.True(code == 0, error);
        Assert.Contains("Restored", output, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Restore_AlteredOrTruncatedBackup_IsRefused()
    {
        var live = TempDirectory("tamper");
        Assert.Equal(0, (await RunAsync(live, "db", "migrate")).Code);
        var backup = Path.Combine(live, "t.db");
        Assert.Equal(0, (await RunAsync(live, "db", "backup", "--out", backup)).Code);
        var bytes = await File.ReadAllBytesAsync(backup);

        var altered = Path.Combine(live, "altered.db");
        var changed = (byte[])bytes.Clone();
        changed[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(altered, changed);
        var truncated = Path.Combine(live, "truncated.db");
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length - 100)]);

        var alteredResult = await RunAsync(live, "db", "restore", altered);
        var truncatedResult = await RunAsync(live, "db", "restore", truncated);

        Assert.Equal(1, alteredResult.Code);
        Assert.Contains("does not authenticate", alteredResult.Err, StringComparison.Ordinal);
        Assert.Equal(1, truncatedResult.Code);
        Assert.Contains("nothing was restored", truncatedResult.Err, StringComparison.Ordinal);
        var (statusCode, statusOut, _) = await RunAsync(live, "db", "status");
        Assert.Equal(0, statusCode);
        Assert.Contains("0 pending", statusOut, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Backup_OnPostgres_SaysToUsePgDump()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var config = new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["Database:ConnectionString"] = "Host=/nonexistent;Database=x;Username=x" };

        var code = await CliApp.RunAsync(["db", "backup", "--out", Path.Combine(Path.GetTempPath(), "never.db")], new StringReader(""), output, error, config);

        Assert.Equal(1, code);
        Assert.Contains("pg_dump", error.ToString(), StringComparison.Ordinal);
    }
}
