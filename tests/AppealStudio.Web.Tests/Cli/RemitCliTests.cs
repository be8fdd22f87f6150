using System.Text;
using System.Text.Json;
using AppealStudio.Cli;
using AppealStudio.Tests.Shared;
using AppealStudio.Web.Tests.Imports;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Web.Tests.Cli;

public class RemitCliTests
{
    private static async Task<(int Code, string Out, string Err)> RunAsync(IDictionary<string, string?>? config, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new StringReader(""), output, error, config);
        return (code, output.ToString(), error.ToString());
    }

    private static string TempFile(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), "appealstudio-test-" + Guid.NewGuid().ToString("N") + ".835");
        File.WriteAllText(path, content, Encoding.ASCII);
        return path;
    }

    [Fact]
    public async Task Inspect_Json_PrintsTheDenialContractWithoutADatabase()
    {
        var file = TempFile(ImportTests.Remit("PT-40917", "TRACE-1", "EX2026"));
        // A database path that cannot be created proves that inspect never opens one.
        var (code, output, error) = await RunAsync(new Dictionary<string, string?> { ["Storage:DataDirectory"] = "/proc/forbidden" },
            "remit", "inspect", file, "--json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(1, json.RootElement.GetProperty("claims").GetInt32());
        var denial = json.RootElement.GetProperty("denials").EnumerateArray().Single();
        Assert.Equal("EXAMPLE HEALTH PLAN", denial.GetProperty("payer").GetString());
        Assert.Equal("PT-40917", denial.GetProperty("patientControlNumber").GetString());
        Assert.Equal("EX2026-PT-40917", denial.GetProperty("payerClaimNumber").GetString());
        Assert.Equal("2026-08-14", denial.GetProperty("serviceDate").GetString());
        Assert.Equal("29880", denial.GetProperty("procedureCode").GetString());
        Assert.Equal(["XS", "LT"], denial.GetProperty("modifiers").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(("CO", "97"), (denial.GetProperty("groupCode").GetString(), denial.GetProperty("reasonCode").GetString()));
        Assert.Equal(["N19"], denial.GetProperty("remarkCodes").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(612.40m, denial.GetProperty("amount").GetDecimal());
        Assert.Equal("coded", denial.GetProperty("kind").GetString());
        Assert.Equal(("hard", "appeal", "modifier-59"),
            (denial.GetProperty("severity").GetString(), denial.GetProperty("action").GetString(), denial.GetProperty("scenario").GetString()));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", denial.GetProperty("appealDeadline").GetString()!);
        // Added by issue 15, after the existing keys: who owes the amount (CO: the practice).
        Assert.Equal("provider", denial.GetProperty("liability").GetString());
        Assert.Equal("liability", denial.EnumerateObject().Last().Name);
        Assert.Contains(denial.GetProperty("action").GetString(), new[] { "resubmit", "reopen", "appeal", "redirect", "write-off", "none" });
    }

    [Fact]
    public async Task Inspect_TruncatedFile_ExitsNonZeroWithTheReasonAndNoJson()
    {
        var full = ImportTests.Remit("PT-1", "TRACE-1");
        var file = TempFile(full[..full.IndexOf("SVC*", StringComparison.Ordinal)]);

        var (code, output, error) = await RunAsync(null, "remit", "inspect", file, "--json");

        Assert.Equal(1, code);
        Assert.Equal("", output.Trim());
        Assert.StartsWith("appealstudio: ", error, StringComparison.Ordinal);
        Assert.Contains("segment", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Inspect_Summary_PrintsCounts()
    {
        var file = TempFile(ImportTests.Remit("PT-2", "TRACE-2"));
        var (code, output, _) = await RunAsync(null, "remit", "inspect", file, "--summary");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(1, json.RootElement.GetProperty("claims").GetInt64());
        Assert.Equal(1, json.RootElement.GetProperty("denials").GetInt64());
    }

    [SharedFact]
    public async Task Inspect_EveryCorpusFile_ClaimCountEqualsTheIndependentCount()
    {
        foreach (var line in File.ReadAllLines(Path.Combine(SharedFolder.CorpusDirectory, "expected", "counts.txt")))
        {
            var parts = line.Split(' ');
            var (code, output, error) = await RunAsync(null, "remit", "inspect", Path.Combine(SharedFolder.CorpusDirectory, parts[0]), "--json");
            Assert.True(code == 0, parts[0] + ": " + error);
            using var json = JsonDocument.Parse(output);
            Assert.Equal(parts[1], "CLP=" + json.RootElement.GetProperty("claims").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Import_SameFileTwice_SecondRunSkipsEverything_BadFileExitsNonZero(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        _ = factory.Services;
        var config = new Dictionary<string, string?> { ["Database:Provider"] = factory.Provider, ["Database:ConnectionString"] = factory.ConnectionString };
        var pcn = "CLI-" + Guid.NewGuid().ToString("N")[..8];
        var file = TempFile(ImportTests.Remit(pcn, "T-" + pcn));

        var first = await RunAsync(config, "remit", "import", file);
        var second = await RunAsync(config, "remit", "import", file);
        var bad = await RunAsync(config, "remit", "import", TempFile("not an 835"));

        Assert.True(first.Code == 0, first.Err);
        Assert.Contains("1 claim(s), 1 line(s), 1 denial(s)", first.Out, StringComparison.Ordinal);
        Assert.Contains("0 claim(s)", second.Out, StringComparison.Ordinal);
        Assert.Contains("1 claim(s) skipped as already imported", second.Out, StringComparison.Ordinal);
        Assert.Equal(1, await factory.WithDbAsync(d => d.Claims.CountAsync(c => c.PatientControlNumber == pcn)));
        Assert.Equal(1, bad.Code);
        Assert.Contains("Nothing was imported", bad.Err, StringComparison.Ordinal);
    }
}
