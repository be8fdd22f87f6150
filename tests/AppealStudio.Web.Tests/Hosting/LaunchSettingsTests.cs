using System.Text.Json;
using AppealStudio.Data;
using Microsoft.Extensions.Configuration;

namespace AppealStudio.Web.Tests.Hosting;

/// <summary>
/// `dotnet run` applies a launch profile's environment variables over the ones the user exported (issue 14: the web
/// app and the CLI silently used different databases). The profiles may only give defaults under keys of their own.
/// </summary>
public sealed class LaunchSettingsTests
{
    // Keys a user or an operator sets; a launch profile that set them would override the user's exported value.
    private static readonly string[] UserKeys = ["Storage__DataDirectory", "Database__", "ASPNETCORE_ENVIRONMENT", "ASPNETCORE_URLS"];

    public static IEnumerable<object[]> LaunchSettingsFiles() =>
        new[] { "src/AppealStudio.Web/Properties/launchSettings.json", "src/AppealStudio.Cli/Properties/launchSettings.json" }
            .Select(p => new object[] { p });

    [Theory]
    [MemberData(nameof(LaunchSettingsFiles))]
    public void LaunchProfile_EnvironmentVariables_NeverSetAKeyTheUserSets(string relativePath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), relativePath)));
        var names = document.RootElement.GetProperty("profiles").EnumerateObject()
            .SelectMany(p => p.Value.TryGetProperty("environmentVariables", out var vars) ? vars.EnumerateObject().Select(v => v.Name) : [])
            .ToList();

        Assert.Contains("Storage__DefaultDataDirectory", names);
        Assert.DoesNotContain(names, n => UserKeys.Any(k => n.StartsWith(k, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void From_ExportedDataDirectoryAndLaunchProfileDefault_TheExportedOneWins()
    {
        var exported = Path.Combine(Path.GetTempPath(), "exported-data");
        var options = DatabaseOptions.From(Configuration(new()
        {
            ["Storage:DataDirectory"] = exported,
            ["Storage:DefaultDataDirectory"] = "../../data",
        }));

        Assert.Equal(Path.GetFullPath(exported), options.DataDirectory);
        Assert.Equal("Data Source=" + Path.Combine(Path.GetFullPath(exported), "appealstudio.db"), options.ConnectionString);
    }

    [Fact]
    public void From_OnlyTheLaunchProfileDefault_UsesIt()
    {
        var options = DatabaseOptions.From(Configuration(new() { ["Storage:DefaultDataDirectory"] = "../../data" }));

        Assert.Equal(Path.GetFullPath("../../data"), options.DataDirectory);
    }

    [Fact]
    public void From_NothingSet_UsesDataUnderTheWorkingDirectory()
    {
        var options = DatabaseOptions.From(Configuration(new()));

        Assert.Equal(Path.GetFullPath("data"), options.DataDirectory);
    }

    [Fact]
    public void WebAppsettings_DoNotSetTheDataDirectory_SoTheLaunchProfileDefaultCanApply()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(RepositoryRoot(), "src/AppealStudio.Web/appsettings.json"))
            .AddJsonFile(Path.Combine(RepositoryRoot(), "src/AppealStudio.Web/appsettings.Development.json"))
            .Build();

        Assert.Null(configuration["Storage:DataDirectory"]);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AppealStudio.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("AppealStudio.sln not found above the test binaries.");
    }
}
