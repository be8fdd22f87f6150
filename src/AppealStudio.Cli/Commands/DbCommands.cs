using System.CommandLine;
using System.Globalization;
using AppealStudio.Data;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Cli.Commands;

public static class DbCommands
{
    public static Command Build(CliIo io)
    {
        var migrate = new Command("migrate", "Create the database if needed and apply every pending migration.");
        migrate.SetAction(async (_, ct) => await io.WithDatabaseAsync(async sp =>
        {
            var options = sp.GetRequiredService<DatabaseOptions>();
            await io.Out.WriteLineAsync($"Database is up to date ({options.Provider}).");
            // The same scope ran the migration, so its initializer knows whether the classification rules changed.
            if (sp.GetRequiredService<DatabaseInitializer>().Upgrade is { Reassessed: true } upgrade && upgrade.Reassessment.Examined > 0)
            {
                var r = upgrade.Reassessment;
                await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Classification rules changed ({upgrade.CurrentVersion}): re-assessed {r.Examined} open denials, {r.Changed} changed, {r.Reclassified} reclassified, {r.HandOverriddenKept} classified by hand kept."));
            }

            return 0;
        }, ct));

        var db = new Command("db", "Database maintenance.");
        db.Subcommands.Add(migrate);
        return db;
    }
}
