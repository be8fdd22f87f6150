using System.CommandLine;
using System.Globalization;
using AppealStudio.Data.Viability;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Cli.Commands;

public static class NcciCommands
{
    public static Command Build(CliIo io)
    {
        var ncci = new Command("ncci", "CMS NCCI procedure-to-procedure edits (the pair table behind the bundling warnings).");
        ncci.Subcommands.Add(Import(io));
        return ncci;
    }

    private static Command Import(CliIo io)
    {
        var files = new Argument<FileInfo[]>("FILE")
        {
            Description = "CMS practitioner PTP text files (ccipra-vNNNrN-f1.txt ... f4.txt, unzipped from the CMS NCCI PTP page).",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("import",
            "Load CMS NCCI practitioner PTP edit files: column 1 and 2 codes, effective and deletion dates, modifier indicator. " +
            "Each file is one transaction: a file with a line that is not an edit saves nothing and the lines are listed. " +
            "A file replaces the earlier file of the same part (f1 replaces f1).")
        {
            files,
        };
        command.SetAction(async (parse, ct) => await io.WithDatabaseAsync(async sp =>
        {
            var ic = CultureInfo.InvariantCulture;
            var failures = 0;
            foreach (var file in parse.GetValue(files)!)
            {
                if (!file.Exists)
                {
                    await io.Error.WriteLineAsync($"appealstudio: {file.FullName}: no such file.");
                    failures++;
                    continue;
                }

                await using var scope = sp.CreateAsyncScope();
                NcciImportResult result;
                await using (var stream = file.OpenRead())
                {
                    result = await scope.ServiceProvider.GetRequiredService<NcciImport>().ImportAsync(file.Name, stream, ct);
                }

                if (result.AlreadyLoaded)
                {
                    await io.Out.WriteLineAsync($"{file.Name}: already loaded; nothing changed.");
                }
                else if (result.Saved)
                {
                    var replaced = result.ReplacedFiles.Count == 0 ? "" : " Replaced " + string.Join(", ", result.ReplacedFiles) + ".";
                    await io.Out.WriteLineAsync(string.Create(ic, $"{file.Name}: {result.Edits} edit(s) loaded (version {result.Version}).{replaced}"));
                }
                else
                {
                    failures++;
                    foreach (var error in result.Errors)
                    {
                        await io.Error.WriteLineAsync($"appealstudio: {file.Name}: {error}");
                    }

                    var more = result.ErrorCount > result.Errors.Count ? string.Create(ic, $" ({result.ErrorCount - result.Errors.Count} more)") : "";
                    await io.Error.WriteLineAsync(string.Create(ic, $"appealstudio: {file.Name}: {result.ErrorCount} line(s) are not edits{more}; nothing was saved."));
                }
            }

            return failures == 0 ? 0 : 1;
        }, ct));
        return command;
    }
}
