using System.CommandLine;
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
            return 0;
        }, ct));

        var db = new Command("db", "Database maintenance.");
        db.Subcommands.Add(migrate);
        return db;
    }
}
