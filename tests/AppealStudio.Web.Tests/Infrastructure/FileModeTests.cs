using AppealStudio.Cli;
using AppealStudio.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Infrastructure;

/// <summary>Issue 16: the SQLite database, its journal/WAL and its folder are owner-only (0600/0700) whatever the umask.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // the test checks Unix permissions
public class FileModeTests
{
    [Fact]
    public async Task SqliteDatabase_CreatedByTheApp_IsOwnerOnlyWithItsFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var root = Path.Combine(Path.GetTempPath(), "appealstudio-modes-" + Guid.NewGuid().ToString("N")[..8]);
        var data = Path.Combine(root, "data");
        var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = data };
        try
        {
            await new CliIo(new StringReader(""), TextWriter.Null, TextWriter.Null, settings).WithDatabaseAsync(async sp =>
            {
                // WAL on, so the WAL and SHM files exist while the connection is open.
                var db = sp.GetRequiredService<AppDbContext>();
                await db.Database.OpenConnectionAsync();
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL");
                await db.Database.ExecuteSqlRawAsync("CREATE TABLE IF NOT EXISTS mode_probe (x INTEGER); INSERT INTO mode_probe VALUES (1);");
                var file = Path.Combine(data, "appealstudio.db");
                Assert.Equal(DatabaseOptions.PrivateDirectoryMode, File.GetUnixFileMode(data));
                Assert.Equal(DatabaseOptions.PrivateFileMode, File.GetUnixFileMode(file));
                Assert.True(File.Exists(file + "-wal"));
                Assert.Equal(DatabaseOptions.PrivateFileMode, File.GetUnixFileMode(file + "-wal"));
                Assert.Equal(DatabaseOptions.PrivateFileMode, File.GetUnixFileMode(file + "-shm"));
                await db.Database.CloseConnectionAsync();
                return 0;
            }, CancellationToken.None);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void SqliteDatabase_ExistingWorldReadableFile_IsTightened()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var root = Path.Combine(Path.GetTempPath(), "appealstudio-modes-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        var file = Path.Combine(root, "old.db");
        File.WriteAllBytes(file, []);
        File.SetUnixFileMode(file, DatabaseOptions.PrivateFileMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        try
        {
            var options = new DatabaseOptions(DatabaseProvider.Sqlite, "Data Source=" + file, root);
            options.Configure(new DbContextOptionsBuilder<AppDbContext>());

            Assert.Equal(DatabaseOptions.PrivateFileMode, File.GetUnixFileMode(file));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
