using System.CommandLine;
using System.Globalization;
using AppealStudio.Data;
using AppealStudio.Data.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Cli.Commands;

/// <summary><c>appealstudio audit verify | export | purge</c>: the audit trail's hash chain, archive and retention (ADR 0060).</summary>
public static class AuditCommands
{
    public static Command Build(CliIo io)
    {
        var verify = new Command("verify",
            "Recompute the audit trail's hash chain and report the first broken link. Exit code 0: intact; 1: broken (or the check failed).");
        verify.SetAction(async (_, ct) => await io.WithDatabaseAsync(async sp =>
        {
            var result = await AuditChain.VerifyAsync(sp.GetRequiredService<AppDbContext>(), ct);
            var unchained = result.Unchained > 0
                ? string.Create(CultureInfo.InvariantCulture, $"; {result.Unchained} rows from before the chain existed carry no hash")
                : "";
            if (result.Intact)
            {
                await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Audit trail intact: {result.Checked} rows verified{unchained}."));
                return 0;
            }

            await io.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"appealstudio: audit trail BROKEN after {result.Checked} good rows: {result.Problem}"));
            return 1;
        }, ct));

        var from = new Option<string?>("--from") { Description = "First day (YYYY-MM-DD, in the practice's time zone; default: the oldest row)." };
        var to = new Option<string?>("--to") { Description = "Last day, inclusive (YYYY-MM-DD; default: today)." };
        var output = new Option<FileInfo>("--out") { Description = "The file to write (created or replaced).", Required = true };
        var format = new Option<string>("--format") { Description = "csv (default) or json.", DefaultValueFactory = _ => "csv" };
        var export = new Command("export", "Write the audit rows of a date range, in chain order with their sequence and hash, to a CSV or JSON file.")
        {
            from, to, output, format,
        };
        export.SetAction(async (parse, ct) =>
        {
            var fromDay = Day(parse.GetValue(from), "--from");
            var toDay = Day(parse.GetValue(to), "--to");
            var kind = parse.GetValue(format)?.ToUpperInvariant() switch
            {
                "CSV" => AuditArchiveFormat.Csv,
                "JSON" => AuditArchiveFormat.Json,
                var other => throw new CliException($"--format is '{other}'; use csv or json."),
            };
            if (fromDay is { } f && toDay is { } t && f > t)
            {
                throw new CliException("--to is before --from.");
            }

            var file = parse.GetValue(output)!;
            return await io.WithDatabaseAsync(async sp =>
            {
                long rows;
                await using (var stream = new FileStream(file.FullName, FileMode.Create, FileAccess.Write, FileShare.None))
                {
                    rows = await sp.GetRequiredService<AuditArchive>().ExportAsync(fromDay, toDay, kind, stream, ct);
                }

                await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Wrote {rows} audit rows to {file.FullName}."));
                return 0;
            }, ct);
        });

        var purge = new Command("purge",
            "Remove audit rows older than Audit:RetentionYears (default 6), keeping the rest verifiable. On PostgreSQL with two " +
            "logins, run it with Database:ConnectionString set to the owner login.");
        purge.SetAction(async (_, ct) => await io.WithDatabaseAsync(async sp =>
        {
            var result = await sp.GetRequiredService<AuditRetention>().PurgeAsync(ct);
            await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Removed {result.Removed} audit rows older than {result.Cutoff.UtcDateTime:yyyy-MM-dd}; the chain now starts after row {result.Through}."));
            return 0;
        }, ct));

        var audit = new Command("audit", "The audit trail: verify its hash chain, export it, purge it by retention.");
        audit.Subcommands.Add(verify);
        audit.Subcommands.Add(export);
        audit.Subcommands.Add(purge);
        return audit;
    }

    private static DateOnly? Day(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new CliException($"{option} is '{text}'; use YYYY-MM-DD.");
    }
}
