using System.CommandLine;
using AppealStudio.Data.Seeding;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Cli.Commands;

public static class SeedCommands
{
    public static Command Build(CliIo io)
    {
        var demo = new Command("demo", "Add the demo users (and demo data) to this database. Never run this on production data.");
        demo.SetAction(async (_, ct) =>
        {
            try
            {
                DemoSeeder.DemandDevelopment(io.EnvironmentName);
            }
            catch (InvalidOperationException ex)
            {
                throw new CliException(ex.Message);
            }

            return await io.WithDatabaseAsync(async sp =>
        {
            var created = await sp.GetRequiredService<DemoSeeder>().SeedAsync(ct);
            await io.Out.WriteLineAsync(created.Count == 0
                ? "Demo data was already there; nothing added."
                : $"Added {string.Join(", ", created)}; demo password {DemoSeeder.Password}");
            return 0;
        }, ct);
        });

        var seed = new Command("seed", "Seed data.");
        seed.Subcommands.Add(demo);
        return seed;
    }
}
