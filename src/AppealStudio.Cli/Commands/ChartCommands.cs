using System.CommandLine;
using System.Globalization;
using AppealStudio.Core;
using AppealStudio.Data.Charts;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Cli.Commands;

public static class ChartCommands
{
    public static Command Build(CliIo io)
    {
        var chart = new Command("chart", "Chart documents (notes that become appeal evidence).");
        chart.Subcommands.Add(Import(io));
        return chart;
    }

    private static Command Import(CliIo io)
    {
        var files = new Argument<FileInfo[]>("FILE")
        {
            Description = "Chart files: plain text, Markdown, DOCX, or FHIR R4 JSON (a DocumentReference or a Bundle of them).",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("import",
            "Import chart documents into the database, as the Charts page does. Each file is read on its own: a file that " +
            "cannot be read saves nothing and is reported on stderr; documents already imported from the same file are skipped.")
        {
            files,
        };
        command.SetAction(async (parse, ct) => await io.WithDatabaseAsync(async sp =>
        {
            var failures = 0;
            foreach (var file in parse.GetValue(files)!)
            {
                if (!file.Exists)
                {
                    await io.Error.WriteLineAsync($"appealstudio: {file.Name}: no such file.");
                    failures++;
                    continue;
                }

                await using var scope = sp.CreateAsyncScope();
                var store = scope.ServiceProvider.GetRequiredService<ChartStore>();
                ChartFileResult result;
                await using (var stream = file.OpenRead())
                {
                    result = await store.ImportAsync(file.Name, stream, ct);
                }

                if (!result.Succeeded)
                {
                    await io.Error.WriteLineAsync($"appealstudio: {result.Error}");
                    failures++;
                    continue;
                }

                await io.Out.WriteLineAsync(Describe(result));
            }

            return failures == 0 ? 0 : 1;
        }, ct));
        return command;
    }

    private static string Describe(ChartFileResult result)
    {
        var ic = CultureInfo.InvariantCulture;
        if (result.Saved.Count == 0)
        {
            return $"{result.FileName}: already imported; nothing new.";
        }

        var documents = string.Join("; ", result.Saved.Select(d => string.Create(ic,
            $"document {d.Id} {d.Title} ({(d.EncounterDate is { } e ? Invariant.Date(e) : "no date")})")));
        var already = result.AlreadyStored > 0 ? string.Create(ic, $", {result.AlreadyStored} already there") : "";
        return string.Create(ic, $"{result.FileName}: imported {result.Saved.Count}{already}: {documents}.");
    }
}
