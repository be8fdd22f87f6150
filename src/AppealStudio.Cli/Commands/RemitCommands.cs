using System.CommandLine;
using System.Globalization;
using AppealStudio.Core;
using AppealStudio.Core.Denials;
using AppealStudio.Core.Remittance;
using AppealStudio.Core.X12;
using AppealStudio.Data;
using AppealStudio.Data.Remittances;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace AppealStudio.Cli.Commands;

public static class RemitCommands
{
    public static Command Build(CliIo io)
    {
        var remit = new Command("remit", "Electronic remittances (X12 835): inspect without a database, or import.");
        remit.Subcommands.Add(Inspect(io));
        remit.Subcommands.Add(Import(io));
        return remit;
    }

    private static Command Inspect(CliIo io)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The 835 file to read." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: claims, warnings and every denial, classified." };
        var summary = new Option<bool>("--summary") { Description = "Print counts only (fast; for benchmarks and scripts)." };
        var command = new Command("inspect",
            "Read an 835 and report its denials without touching any database. Exit 1 with the reason on stderr when the file cannot be read.")
        {
            file, json, summary,
        };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                throw new CliException($"{path.FullName}: no such file.");
            }

            var inspector = new RemittanceInspector(new CoreAssessor(DateOnly.FromDateTime(DateTime.UtcNow)));
            try
            {
                if (parse.GetValue(summary))
                {
                    var counts = inspector.Summarize([path.FullName]);
                    await using var stdout = Console.OpenStandardOutput();
                    if (ReferenceEquals(io.Out, Console.Out))
                    {
                        RemittanceInspector.WriteSummaryJson(counts, stdout);
                        await stdout.WriteAsync("\n"u8.ToArray(), ct);
                    }
                    else
                    {
                        using var buffer = new MemoryStream();
                        RemittanceInspector.WriteSummaryJson(counts, buffer);
                        await io.Out.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
                    }

                    return 0;
                }

                // The JSON goes to a temporary file first: a file that breaks half way prints nothing on stdout, only
                // the reason on stderr, so a script never reads half an object.
                var temp = Path.Combine(Path.GetTempPath(), "appealstudio-inspect-" + Guid.NewGuid().ToString("N") + ".json");
                try
                {
                    await using (var input = path.OpenRead())
                    await using (var output = File.Create(temp))
                    {
                        inspector.WriteJson(input, output, indented: !parse.GetValue(json));
                    }

                    if (ReferenceEquals(io.Out, Console.Out))
                    {
                        await using var stdout = Console.OpenStandardOutput();
                        await using var result = File.OpenRead(temp);
                        await result.CopyToAsync(stdout, ct);
                        await stdout.WriteAsync("\n"u8.ToArray(), ct);
                    }
                    else
                    {
                        await io.Out.WriteLineAsync(await File.ReadAllTextAsync(temp, ct));
                    }
                }
                finally
                {
                    File.Delete(temp);
                }

                return 0;
            }
            catch (X12ParseException ex)
            {
                throw new CliException($"{path.Name}: {ex.Message}");
            }
        });
        return command;
    }

    /// <summary>The shipped classification, payer windows and priority, for inspection without a database.</summary>
    /// <remarks>The tables are loaded on first use: <c>--summary</c> classifies nothing and should not pay for them.</remarks>
    private sealed class CoreAssessor(DateOnly today) : IDenialAssessor
    {
        private DenialAssessor? assessor;

        public InspectedAssessment? Assess(DenialFacts facts)
        {
            assessor ??= DenialAssessor.Default;
            var a = assessor.Assess(facts, today);
            var c = a.Classification;
            return new InspectedAssessment(c.Severity.ToCode(), c.Action.ToCode(), c.Category.ToCode(), c.RootCause.ToCode(),
                c.Owner.ToCode(), a.Scenario?.ToCode(), a.Deadline.Date, c.Liability.ToCode());
        }
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
                catch (ImportBusyException ex)
                {
                    await io.Error.WriteLineAsync($"appealstudio: {file.Name}: {ex.Message}");
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

        if (s.RecoveredDenials > 0)
        {
            await output.WriteLineAsync(string.Create(ic,
                $"  {s.RecoveredDenials} earlier denial(s) recovered by payments in this file ({s.RecoveredAppeals} appeal(s) decided by them)."));
        }

        foreach (var warning in s.Warnings.Take(20))
        {
            await output.WriteLineAsync("  warning: " + warning);
        }
    }
}
