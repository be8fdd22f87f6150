using System.CommandLine;
using System.Globalization;
using AppealStudio.Data.FeeSchedules;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Cli.Commands;

public static class FeeCommands
{
    public static Command Build(CliIo io)
    {
        var fees = new Command("fees", "Fee schedules per payer (contracted allowed amounts that reveal underpayments).");
        fees.Subcommands.Add(Import(io));
        return fees;
    }

    private static Command Import(CliIo io)
    {
        var file = new Argument<FileInfo>("FILE")
        {
            Description = "CSV with the header code,modifier,allowed,effective_from,effective_to (dates YYYY-MM-DD; effective_to may be empty).",
        };
        var payer = new Option<string>("--payer")
        {
            Description = "The payer as the 835 gives it: its name (N1*PR) or its payer id.",
            Required = true,
        };
        var command = new Command("import",
            "Save FILE as the payer's fee schedule (it replaces the previous one) and assess the payer's earlier claims: a line " +
            "paid below its contracted allowed amount after the patient's share becomes an underpayment denial. Bad rows are " +
            "listed with their line numbers and nothing is saved (exit 1).")
        {
            file, payer,
        };
        command.SetAction(async (parse, ct) => await io.WithDatabaseAsync(async sp =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                throw new CliException($"{path.FullName}: no such file.");
            }

            var store = sp.GetRequiredService<FeeScheduleStore>();
            using var reader = path.OpenText();
            var (result, _) = await store.ImportAsync(parse.GetValue(payer)!, path.Name, reader, ct);
            if (!result.Succeeded)
            {
                foreach (var problem in result.Problems)
                {
                    await io.Error.WriteLineAsync($"appealstudio: {path.Name}: {problem}");
                }

                await io.Error.WriteLineAsync("appealstudio: " + result.Message);
                return 1;
            }

            await io.Out.WriteLineAsync(result.Message);
            return 0;
        }, ct));
        return command;
    }
}
