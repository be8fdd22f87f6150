using System.Net;
using AppealStudio.Cli;
using AppealStudio.Data.Reports.Rollups;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Web.Tests.Cli;

public class CliTests
{
    private static Task<(int Code, string Out, string Err)> RunAsync(AppFactory factory, string stdin, params string[] args) =>
        RunInAsync(null, factory, stdin, args);

    private static async Task<(int Code, string Out, string Err)> RunInAsync(string? environment, AppFactory factory, string stdin, params string[] args)
    {
        // The web app (Development) migrates the shared database and creates its key-ring certificate at start-up. A CLI
        // run here is Production unless told otherwise: were it the first to open a fresh database, it would stop on the
        // missing certificate instead of reaching what the test checks (it did, when this class ran first in a run).
        _ = factory.Services;
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new StringReader(stdin), output, error, new Dictionary<string, string?>
        {
            ["Database:Provider"] = factory.Provider,
            ["Database:ConnectionString"] = factory.ConnectionString,
            ["Environment"] = environment,
        });
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task UsersAdd_PasswordFromStdin_UserSignsInToTheWebApp(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        _ = factory.Services; // the web app migrates the database at start-up
        var email = $"cli-{Guid.NewGuid():N}@practice.test";

        var (code, output, error) = await RunAsync(factory, "Cli!Passw0rd2026\n", "users", "add", "--email", email, "--role", "admin");

        Assert.True(code == 0, error);
        Assert.Contains($"Created {email} (Admin)", output, StringComparison.Ordinal);
        using var client = await BrowserlessClient.SignedInAsync(factory, email, "Cli!Passw0rd2026");
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/settings")).StatusCode);

        var list = await RunAsync(factory, "", "users", "list");
        Assert.Contains($"{email}\tAdmin\tactive", list.Out, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task UsersAdd_UnknownRole_FailsWithOneLineReason(TestDatabase db)
    {
        var (code, output, error) = await RunAsync(AppFactory.For(db), "Cli!Passw0rd2026\n",
            "users", "add", "--email", "x@practice.test", "--role", "Wizard");

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Equal("appealstudio: 'Wizard' is not a role; use one of Specialist, Physician, Manager, Admin.", error.Trim());
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task UsersAdd_WeakPassword_FailsAndCreatesNobody(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var email = $"weak-{Guid.NewGuid():N}@practice.test";
        var (code, _, error) = await RunAsync(factory, "short\n", "users", "add", "--email", email, "--role", "Manager");

        Assert.Equal(1, code);
        Assert.Contains("at least 12 characters", error, StringComparison.Ordinal);
        Assert.False(await factory.WithDbAsync(d => Task.FromResult(d.Users.Any(u => u.Email == email))));
    }

    [Fact]
    public async Task MissingRequiredOption_ExitsWithUsageError()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(["users", "add"], new StringReader(""), output, error);
        Assert.Equal(2, code);
        Assert.Contains("--email", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task SeedDemo_Twice_AddsNothingTheSecondTime(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        _ = factory.Services;
        var (code, output, _) = await RunInAsync("Development", factory, "", "seed", "demo");
        Assert.Equal(0, code);
        Assert.Contains("nothing added", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task SeedDemo_OutsideDevelopment_IsRefusedAndAddsNobody(string? environment)
    {
        var factory = AppFactory.For(TestDatabase.Sqlite);
        _ = factory.Services;
        var usersBefore = await factory.WithDbAsync(d => d.Users.CountAsync());

        var (code, output, error) = await RunInAsync(environment, factory, "", "seed", "demo");

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains($"Demo data is refused in the {environment ?? "Production"} environment", error, StringComparison.Ordinal);
        Assert.Equal(usersBefore, await factory.WithDbAsync(d => d.Users.CountAsync()));
    }

    [Fact]
    public async Task Help_EveryCommand_PrintsUsage()
    {
        foreach (var args in new[] { new[] { "--help" }, ["db", "--help"], ["db", "migrate", "--help"], ["users", "add", "--help"], ["seed", "demo", "--help"] })
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            Assert.Equal(0, await CliApp.RunAsync(args, new StringReader(""), output, error));
            Assert.Contains("Usage:", output.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task ReportsRebuild_BuildsTheStaleClosedMonths(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        // A month no other test writes to: the denial's insert marks it stale (database trigger).
        var month = new DateOnly(2019, 3, 1);
        await new Denials.DenialBuilder(factory).AddAsync(d => d.RemittanceDate = month.AddDays(14));
        Assert.True(await factory.WithDbAsync(x => x.Set<RollupStaleMonth>().AnyAsync(m => m.Family == RollupFamily.Denials && m.Month == month)));

        var (code, output, error) = await RunAsync(factory, "", "reports", "rebuild");

        Assert.True(code == 0, error);
        Assert.Matches(@"^Report summaries: [1-9]\d* month\(s\) built in \d+\.\d s; the rest were up to date\.", output.Trim());
        Assert.False(await factory.WithDbAsync(x => x.Set<RollupStaleMonth>().AnyAsync(m => m.Family == RollupFamily.Denials && m.Month == month)));
        Assert.True(await factory.WithDbAsync(x => x.Set<RollupBuiltMonth>().AnyAsync(m => m.Family == RollupFamily.Denials && m.Month == month)));
        Assert.True(await factory.WithDbAsync(x => x.ReportDenialRollups.AnyAsync(r => r.Month == month)));
    }
}
