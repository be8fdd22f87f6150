using System.Text.Json;
using AppealStudio.Cli;
using AppealStudio.Cli.Commands;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Web.Tests.Lifecycle;

public class LifecycleCliTests
{
    public static IEnumerable<object[]> Databases() => TestDatabases.All();

    private static async Task<(int Code, string Out, string Err)> RunAsync(LifecycleHarness h, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new StringReader(""), output, error, new Dictionary<string, string?>
        {
            ["Database:Provider"] = h.Provider,
            ["Database:ConnectionString"] = h.ConnectionString,
        });
        return (code, output.ToString(), error.ToString());
    }

    private static string TempFile(string content, string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "appealstudio-cli-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A medical-necessity denial due 2026-09-04 (60-day default from 2026-07-06) and a bundled 29877 on the same knee as 29881.</summary>
    private static async Task<string> SeedAsync(LifecycleHarness h)
    {
        var payer = Remit835.UniquePayer();
        await h.ImportAsync(new Remit835(payer, "L1", new DateOnly(2026, 7, 6))
            .Add(new ClaimSpec("MN-" + Remit835.UniquePcn(), "1", "ICN-MN", new Line("72148", 400m, 0m, new Cas("CO", "50", 400m))))
            .Add(new ClaimSpec("KN-" + Remit835.UniquePcn(), "1", "ICN-KN",
                new Line("29881", 2850m, 1420m, new Cas("CO", "45", 1430m)) { Modifiers = ["RT"] },
                new Line("29877", 900m, 0m, new Cas("CO", "97", 900m)) { Modifiers = ["59", "RT"] }))
            .ToString());
        return payer;
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task DenialsListJson_HasTheIssuesKeysInOrder_AndAsOfEvaluatesOnThatDate(TestDatabase database)
    {
        var h = await LifecycleHarness.CreateAsync(database, null);
        await SeedAsync(h);

        var (code, output, error) = await RunAsync(h, "denials", "list", "--json", "--as-of", "2026-09-01");
        var (_, later, _) = await RunAsync(h, "denials", "list", "--json", "--as-of", "2026-09-05");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(DenialCommands.Keys, r.EnumerateObject().Select(p => p.Name)));
        var necessity = rows.Single(r => r.GetProperty("reasonCode").GetString() == "50");
        Assert.Equal(("2026-09-04", 3, "new", "coded"), (necessity.GetProperty("deadline").GetString(), necessity.GetProperty("daysLeft").GetInt32(),
            necessity.GetProperty("status").GetString(), necessity.GetProperty("kind").GetString()));
        Assert.Equal("400.00", necessity.GetProperty("amount").GetRawText());
        Assert.True(necessity.GetProperty("priority").GetDecimal() > 0m);
        Assert.True(necessity.GetProperty("priorityComponents").GetProperty("urgency").GetDecimal() > 1m);
        var knee = rows.Single(r => r.GetProperty("reasonCode").GetString() == "97");
        Assert.Equal(("29877", "29877"), (knee.GetProperty("procedureCode").GetString(), knee.GetProperty("billedProcedureCode").GetString()));
        Assert.Contains(knee.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == "column1-inclusion");

        using var next = JsonDocument.Parse(later);
        var expired = next.RootElement.EnumerateArray().Single(r => r.GetProperty("reasonCode").GetString() == "50");
        Assert.Equal(("expired", -1, "0.00"), (expired.GetProperty("status").GetString(), expired.GetProperty("daysLeft").GetInt32(), expired.GetProperty("priority").GetRawText()));
        Assert.Contains(expired.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == "deadline-passed");
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task DenialsList_StatusFilterAndCsv(TestDatabase database)
    {
        var h = await LifecycleHarness.CreateAsync(database, null);
        await SeedAsync(h);

        var (_, csv, _) = await RunAsync(h, "denials", "list", "--csv", "--status", "expired", "--as-of", "2026-09-05");
        var (_, none, _) = await RunAsync(h, "denials", "list", "--csv", "--status", "expired", "--as-of", "2026-09-01");

        // Both denials' 60-day windows ended on 2026-09-04 (a write-off or an appeal keeps its appeal deadline).
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', DenialCommands.Keys), lines[0]);
        Assert.Equal(2, lines.Length - 1);
        Assert.All(lines.Skip(1), row => Assert.Contains(",expired,", row, StringComparison.Ordinal));
        Assert.Single(none.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task DenialsList_BadArguments_ExitTwo(TestDatabase database)
    {
        var h = await LifecycleHarness.ForAsync(database);

        Assert.Equal(2, (await RunAsync(h, "denials", "list", "--as-of", "09/05/2026")).Code);
        Assert.Equal(2, (await RunAsync(h, "denials", "list", "--status", "lost")).Code);
        Assert.Equal(2, (await RunAsync(h, "denials", "list", "--json", "--csv")).Code);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task NcciAndFeesImport_BadFiles_ListTheLinesAndExitOne_GoodFilesLoad(TestDatabase database)
    {
        var h = await LifecycleHarness.CreateAsync(database, null);
        var extract = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Ncci", "ccipra-v321r0-f1.extract.txt"));

        var badNcci = await RunAsync(h, "ncci", "import", TempFile(extract + "29881\t29877\tX\t20120101\t*\t1\tbad\n", "ccipra-v321r0-f1.txt"));
        var goodNcci = await RunAsync(h, "ncci", "import", TempFile(extract, "ccipra-v321r0-f1.txt"));
        var badFees = await RunAsync(h, "fees", "import", TempFile("code,modifier,allowed,effective_from,effective_to\n99213,,x,2026-01-01,\n", "fees.csv"), "--payer", "ACME");
        var goodFees = await RunAsync(h, "fees", "import", TempFile("code,modifier,allowed,effective_from,effective_to\n99213,,80.00,2026-01-01,\n", "fees.csv"), "--payer", "ACME");

        Assert.Equal(1, badNcci.Code);
        Assert.Contains("line 12:", badNcci.Err, StringComparison.Ordinal);
        Assert.Contains("nothing was saved", badNcci.Err, StringComparison.Ordinal);
        Assert.Equal(0, goodNcci.Code);
        Assert.Contains("4 edit(s) loaded (version v321r0)", goodNcci.Out, StringComparison.Ordinal);
        Assert.Equal(1, badFees.Code);
        Assert.Contains("fees.csv: line 2:", badFees.Err, StringComparison.Ordinal);
        Assert.Equal(0, goodFees.Code);
        Assert.StartsWith("1 rate(s) saved for ACME.", goodFees.Out, StringComparison.Ordinal);
        Assert.Equal(1, await h.WithDbAsync(db => db.FeeScheduleRates.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task ImportsVoidAndUndo_AndJobsRun_FromTheCommandLine(TestDatabase database)
    {
        var h = await LifecycleHarness.CreateAsync(database, null);
        var payer = await SeedAsync(h);
        var importId = await h.WithDbAsync(db => db.RemittanceImports.Select(i => i.Id).SingleAsync());

        var noReason = await RunAsync(h, "imports", "void", importId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var voided = await RunAsync(h, "imports", "void", importId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--reason", "wrong practice");
        var list = await RunAsync(h, "denials", "list", "--json");
        var undone = await RunAsync(h, "imports", "undo", importId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var jobs = await RunAsync(h, "jobs", "run", "rescore");
        var again = await RunAsync(h, "jobs", "run", "rescore");

        Assert.Equal(2, noReason.Code);
        Assert.True(voided.Code == 0, voided.Err);
        Assert.Equal("[]", list.Out.Trim());
        Assert.True(undone.Code == 0, undone.Err);
        Assert.Equal(2, await h.WithDbAsync(db => db.Denials.CountAsync(d => d.PayerName == payer)));
        Assert.Contains("\tran\t", jobs.Out, StringComparison.Ordinal);
        Assert.Contains("\talready-done\t", again.Out, StringComparison.Ordinal);
    }
}
