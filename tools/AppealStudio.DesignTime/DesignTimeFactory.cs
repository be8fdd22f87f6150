using AppealStudio.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Configuration;

namespace AppealStudio.DesignTime;

/// <summary>
/// Builds the context for `dotnet ef` with the provider named after `--` (scripts/add-migration.sh passes
/// `--provider Sqlite` or `--provider Postgres`). No database is opened to add a migration.
/// </summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var provider = "Sqlite";
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--provider")
            {
                provider = args[i + 1];
            }
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["Database:ConnectionString"] = provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase)
                ? "Host=localhost;Database=appealstudio_design"
                : "Data Source=design-time.db",
            ["Storage:DataDirectory"] = Path.GetTempPath(),
        }).Build();

        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseOptions.From(configuration).Configure(builder);
        return new AppDbContext(builder.Options);
    }
}
