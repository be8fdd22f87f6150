using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using AppealStudio.Core.Charts;
using AppealStudio.Core.Evidence;

namespace AppealStudio.Cli.Commands;

public static class EvidenceCommands
{
    public static Command Build(CliIo io)
    {
        var evidence = new Command("evidence", "Chart evidence for appeals, without a database.");
        evidence.Subcommands.Add(Rank(io));
        return evidence;
    }

    private static Command Rank(CliIo io)
    {
        var scenario = new Option<string>("--scenario")
        {
            Description = "Scenario (modifier-59, modifier-25, physical-status, session-length) or root cause (medical-necessity, authorization, ...).",
            Required = true,
        };
        var json = new Option<bool>("--json") { Description = "Print JSON: [{document, start, end, text, score, facts}], best first." };
        var max = new Option<int>("--max") { Description = "How many passages at most (default 10).", DefaultValueFactory = _ => 10 };
        var files = new Argument<FileInfo[]>("FILE") { Description = "Chart files (text, Markdown, DOCX, FHIR R4 JSON).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("rank",
            "Rank the passages of chart documents that support an appeal for a scenario or root cause. start and end are " +
            "character offsets into the document's text; document is the file name (file#id for each document of a FHIR bundle).")
        {
            scenario, json, max, files,
        };
        command.SetAction(async (parse, ct) =>
        {
            var name = parse.GetValue(scenario)!;
            if (!EvidenceLexicon.Default.TryResolve(name, out var topic))
            {
                await io.Error.WriteLineAsync($"appealstudio: '{name}' is not a scenario or root cause; use one of {ValidNames()}.");
                return 2;
            }

            if (parse.GetValue(max) is < 1 or > 1000)
            {
                await io.Error.WriteLineAsync("appealstudio: --max must be from 1 to 1000.");
                return 2;
            }

            var documents = await ReadChartsAsync(io, parse.GetValue(files)!);
            if (documents is null)
            {
                return 1;
            }

            var ranked = EvidenceRanker.Rank(topic.Name, documents, parse.GetValue(max));
            if (parse.GetValue(json))
            {
                var rows = ranked.Select(p => new RankedPassage(p.DocumentId, p.Start, p.End, p.Text, p.Score, p.Facts)).ToList();
                await io.Out.WriteLineAsync(JsonSerializer.Serialize(rows, JsonOptions));
                return 0;
            }

            if (ranked.Count == 0)
            {
                await io.Out.WriteLineAsync($"No passage supports {topic.Name} in these documents.");
            }

            foreach (var p in ranked)
            {
                await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{p.Score,6:0.00}  {p.DocumentId} [{p.Start}-{p.End}]  {string.Join(", ", p.Facts)}"));
                await io.Out.WriteLineAsync("        " + string.Join(' ', p.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
            }

            return 0;
        });
        return command;
    }

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // Chart text is quoted for people and scripts, not embedded in HTML: keep quotes and accents readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The canonical topic names, the ones the help text lists (aliases also resolve).</summary>
    internal static string ValidNames() => string.Join(", ", EvidenceLexicon.Default.Topics.Select(t => t.Name));

    /// <summary>
    /// Reads chart files; each document's id becomes the file name (file#id for a file holding several) so passages
    /// name their file. Bad files are reported on stderr, one line each; null when any file failed.
    /// </summary>
    internal static async Task<IReadOnlyList<ChartDocument>?> ReadChartsAsync(CliIo io, IEnumerable<FileInfo> files)
    {
        var documents = new List<ChartDocument>();
        var failed = false;
        foreach (var file in files.DistinctBy(f => f.FullName))
        {
            if (!file.Exists)
            {
                await io.Error.WriteLineAsync($"appealstudio: {file.Name}: no such file.");
                failed = true;
                continue;
            }

            try
            {
                await using var stream = file.OpenRead();
                var read = ChartImporter.Read(file.Name, stream);
                documents.AddRange(read.Count == 1
                    ? [read[0] with { Id = file.Name }]
                    : read.Select(d => d with { Id = d.Id.StartsWith(file.Name, StringComparison.Ordinal) ? d.Id : file.Name + "#" + d.Id }));
            }
            catch (ChartImportException ex)
            {
                await io.Error.WriteLineAsync("appealstudio: " + ex.Message);
                failed = true;
            }
        }

        return failed ? null : documents;
    }

    private sealed record RankedPassage(string Document, int Start, int End, string Text, double Score, IReadOnlyList<string> Facts);
}
