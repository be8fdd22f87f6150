using System.CommandLine;
using System.Globalization;
using AppealStudio.Core;
using AppealStudio.Data.Remittances;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AppealStudio.Cli.Commands;

public static class RemitCommands
{
    public static Command Build(CliIo io)
    {
        var remit = new Command("remit", "Electronic remittances (X12 835): inspect without a database, or import.");
        remit.Subcommands.Add(Import(io));
        return remit;
    }

    private static Command Import(CliIo io)
    {
        var files = new Argument<FileInfo[]>("FILE") { Description = "835 files to import.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("import",
            "Import 835 files into the database: every denial classified, with deadline and priority. Each file is one " +
            "transaction; a malformed file saves nothing. Claims already imported are skipped.")
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
                    await io.Error.WriteLineAsync($"appealstudio: {file.FullName}: no such file.");
                    failures++;
                    continue;
                }

                await using var scope = sp.CreateAsyncScope();
                var importer = scope.ServiceProvider.GetRequiredService<RemittanceImporter>();
                try
                {
                    var summary = await ImportWithProgressAsync(io, importer, file, ct);
                    await WriteSummaryAsync(io.Out, summary);
                }
                catch (RemittanceImportException ex)
                {
                    await io.Error.WriteLineAsync($"appealstudio: {file.Name}: {ex.Message} Nothing was imported.");
                    failures++;
                }
            }

            return failures == 0 ? 0 : 1;
        }, ct));
        return command;
    }

    private static async Task<ImportSummary> ImportWithProgressAsync(CliIo io, RemittanceImporter importer, FileInfo file,
        CancellationToken ct)
    {
        await using var stream = file.OpenRead();
        // A progress bar only for a person at a terminal; scripts and tests get the summary alone.
        if (!ReferenceEquals(io.Error, Console.Error) || Console.IsErrorRedirected)
        {
            return await importer.ImportAsync(file.Name, stream, null, ct);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        ImportSummary? result = null;
        await console.Progress().StartAsync(async ctx =>
        {
            var task = ctx.AddTask(file.Name, maxValue: Math.Max(1, file.Length));
            var progress = new Progress<ImportProgress>(p => task.Value = Math.Min(task.MaxValue, stream.Position));
            result = await importer.ImportAsync(file.Name, stream, progress, ct);
            task.Value = task.MaxValue;
        });
        return result!;
    }

    internal static async Task WriteSummaryAsync(TextWriter output, ImportSummary s)
    {
        var ic = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(string.Create(ic,
            $"{s.FileName}: import {s.ImportId}: {s.Payments} payment(s), {s.Claims} claim(s), {s.Lines} line(s), {s.Denials} denial(s) worth {Invariant.Money(s.DeniedAmount)}, {s.SkippedClaims} claim(s) skipped as already imported, {s.WarningCount} warning(s)."));
        if (s.SameFileImportId is { } same)
        {
            await output.WriteLineAsync(string.Create(ic, $"  This exact file was imported before (import {same})."));
        }

        if (s.DenialsByCategory.Count > 0)
        {
            await output.WriteLineAsync("  By category: " + string.Join(", ", s.DenialsByCategory.Select(kv => string.Create(ic, $"{kv.Key} {kv.Value}"))));
            await output.WriteLineAsync("  By root cause: " + string.Join(", ", s.DenialsByRootCause.Select(kv => string.Create(ic, $"{kv.Key} {kv.Value}"))));
        }

        if (s.RecoveredAppeals > 0)
        {
            await output.WriteLineAsync(string.Create(ic, $"  {s.RecoveredAppeals} appeal(s) marked recovered by payments in this file."));
        }

        foreach (var warning in s.Warnings.Take(20))
        {
            await output.WriteLineAsync("  warning: " + warning);
        }
    }
}
