using System.CommandLine;
using System.Globalization;
using AppealStudio.Data.Lifecycle;
using AppealStudio.Data.Remittances;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Cli.Commands;

/// <summary>Taking a remittance file back: void an import (hidden, kept until the retention job purges it) or undo that.</summary>
public static class ImportCommands
{
    public static Command Build(CliIo io)
    {
        var imports = new Command("imports", "Imported remittance files: void one (a test file, another practice's file), undo a void, list the voided.");
        var id = new Argument<long>("IMPORT") { Description = "The import number (as `remit import` and the Imports page show it)." };
        var reason = new Option<string>("--reason") { Description = "Why it is voided (kept in the audit trail).", Required = true };
        var voidCommand = new Command("void",
            "Void an import: its payments, claims and denials leave every list, report and payer filter. Refused while a denial of it has an appeal in progress.")
        {
            id, reason,
        };
        voidCommand.SetAction(async (parse, ct) => await io.WithDatabaseAsync(async sp =>
            await ReportAsync(io, await sp.GetRequiredService<ImportVoiding>().VoidAsync(parse.GetValue(id), parse.GetValue(reason), ct)), ct));

        var undoId = new Argument<long>("IMPORT") { Description = "The voided import's number." };
        var undo = new Command("undo", "Bring a voided import back (until the retention job purged it).") { undoId };
        undo.SetAction(async (parse, ct) => await io.WithDatabaseAsync(async sp =>
            await ReportAsync(io, await sp.GetRequiredService<ImportVoiding>().UndoAsync(parse.GetValue(undoId), ct)), ct));

        var list = new Command("voided", "List the voided imports with their purge dates (tab-separated).");
        list.SetAction(async (_, ct) => await io.WithDatabaseAsync(async sp =>
        {
            foreach (var v in await sp.GetRequiredService<ImportVoiding>().VoidedAsync(ct))
            {
                await io.Out.WriteLineAsync(string.Join('\t',
                    v.ImportId.ToString(CultureInfo.InvariantCulture), v.FileName, v.VoidedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), v.VoidedBy,
                    v.PurgedAt is { } purged ? "purged " + purged.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "purge after " + v.PurgeAfter.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            }

            return 0;
        }, ct));

        imports.Subcommands.Add(voidCommand);
        imports.Subcommands.Add(undo);
        imports.Subcommands.Add(list);
        return imports;
    }

    private static async Task<int> ReportAsync(CliIo io, LifecycleResult result)
    {
        if (!result.Succeeded)
        {
            throw new CliException(result.Message);
        }

        await io.Out.WriteLineAsync(result.Message);
        return 0;
    }
}
