using System.Text;
using AppealStudio.Cli;
using AppealStudio.Data;
using AppealStudio.Data.Charts;
using AppealStudio.Data.Protection;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Web.Tests.Protection;

/// <summary>ADR 0080: `appealstudio db encrypt` moves values sealed under a previous key to the current one.</summary>
public sealed class KeyRotationCliTests
{
    private static async Task<(int Code, string Out, string Err)> RunAsync(string dataDirectory, string key, string? previous, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var config = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dataDirectory, ["Database:Provider"] = "Sqlite", ["Database:ConnectionString"] = "",
            ["Encryption:Key"] = key, ["Encryption:PreviousKeys:0"] = previous,
        };
        var code = await CliApp.RunAsync(args, new StringReader(""), output, error, config);
        return (code, output.ToString(), error.ToString());
    }

    private static AppDbContext Context(string dataDirectory, string key)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        new DatabaseOptions(DatabaseProvider.Sqlite, "Data Source=" + Path.Combine(dataDirectory, "appealstudio.db") + ";Pooling=False", dataDirectory).Configure(builder);
        builder.UseFieldEncryption(new FieldCipher(FieldKeys.From(Convert.FromBase64String(key))));
        return new AppDbContext(builder.Options);
    }

    [Fact]
    public async Task DbEncrypt_WithANewKeyAndThePreviousOne_MovesEveryValueToTheNewKey()
    {
        var data = Path.Combine(Path.GetTempPath(), "appealstudio-rotate-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(data);
        var note = Path.Combine(data, "visit.txt");
        await File.WriteAllTextAsync(note, "Patient: Rowe, Hollis\nMember ID: RH778812\nDate of service: 08/14/2026\n\nPsychotherapy 53 minutes face to face.", Encoding.UTF8);
        var imported = await RunAsync(data, TestKeys.Key, null, "chart", "import", note);
        Assert.True(imported.Code == 0, imported.Err);

        var rotated = await RunAsync(data, TestKeys.OtherKey, TestKeys.Key, "db", "encrypt");
        var again = await RunAsync(data, TestKeys.OtherKey, TestKeys.Key, "db", "encrypt");

        Assert.True(rotated.Code == 0, rotated.Err);
        Assert.Contains("moved 1 from a previous key", rotated.Out, StringComparison.Ordinal);
        Assert.Contains("Encrypted 0 value(s) stored in clear and moved 0", again.Out, StringComparison.Ordinal);
        await using (var withNewKey = Context(data, TestKeys.OtherKey))
        {
            var document = await withNewKey.ChartDocuments.AsNoTracking().SingleAsync();
            Assert.Contains("53 minutes", document.Text, StringComparison.Ordinal);
        }

        // The old key alone no longer opens it, and says which key is needed.
        await using (var withOldKey = Context(data, TestKeys.Key))
        {
            var document = await withOldKey.ChartDocuments.AsNoTracking().SingleAsync();
            var error = Assert.Throws<ProtectedValueException>(() => document.Text);
            Assert.Contains(new FieldCipher(FieldKeys.From(Convert.FromBase64String(TestKeys.OtherKey))).Keys.Current.IdText, error.Message, StringComparison.Ordinal);
        }

        SqliteConnection.ClearAllPools();
    }
}
