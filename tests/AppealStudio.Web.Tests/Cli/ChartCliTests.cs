using AppealStudio.Cli;
using AppealStudio.Web.Tests.Charts;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Web.Tests.Cli;

public class ChartCliTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task ChartImport_GoodAndBadFiles_StoresTheGoodOnes_ReportsEachBadOne_AndExitsOne(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        _ = factory.Services; // the web app migrates the database at start-up
        var dir = Directory.CreateTempSubdirectory("appealstudio-charts-").FullName;
        var tag = Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        File.WriteAllText(Path.Combine(dir, "visit.txt"), ChartTests.TextNote("C" + tag, "Cli, Carla", "08/14/2026"));
        File.WriteAllText(Path.Combine(dir, "op.md"), ChartTests.MarkdownNote("C" + tag, "Cli, Carla", "2026-08-15"));
        File.WriteAllBytes(Path.Combine(dir, "scan.png"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var files = new[] { "visit.txt", "scan.png", "op.md" }.Select(f => Path.Combine(dir, f)).ToArray();
        try
        {
            var (code, output, error) = await RunAsync(factory, ["chart", "import", .. files]);

            Assert.Equal(1, code);
            var lines = output.Trim().Split('\n');
            Assert.Equal(2, lines.Length);
            Assert.StartsWith("visit.txt: imported 1: document ", lines[0], StringComparison.Ordinal);
            Assert.StartsWith("op.md: imported 1: document ", lines[1], StringComparison.Ordinal);
            Assert.Equal("appealstudio: The file scan.png is an image; chart evidence must be text, so export the note as text, DOCX or FHIR JSON.", error.Trim());
            var stored = await factory.WithDbAsync(d => d.ChartDocuments.AsNoTracking().Where(x => x.PatientMemberId == "C" + tag).ToListAsync());
            Assert.Equal(2, stored.Count);
            Assert.All(stored, x => Assert.StartsWith("cli:", x.ImportedBy, StringComparison.Ordinal));

            var again = await RunAsync(factory, ["chart", "import", files[0], files[2]]);
            Assert.Equal(0, again.Code);
            Assert.Equal(["visit.txt: already imported; nothing new.", "op.md: already imported; nothing new."], again.Out.Trim().Split('\n'));
            Assert.Equal(2, await factory.WithDbAsync(d => d.ChartDocuments.CountAsync(x => x.PatientMemberId == "C" + tag)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(AppFactory factory, string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new StringReader(""), output, error, new Dictionary<string, string?>
        {
            ["Database:Provider"] = factory.Provider,
            ["Database:ConnectionString"] = factory.ConnectionString,
        });
        return (code, output.ToString(), error.ToString());
    }
}
