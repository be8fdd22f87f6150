using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using AppealStudio.Data.Reports.Rollups;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Cli.Commands;

public static class ReportCommands
{
    public static Command Build(CliIo io)
    {
        var rebuild = new Command("rebuild",
            "Build the monthly report summaries now for every closed month that is missing or out of date, so that the " +
            "first manager to open Reports after an upgrade or a large import does not wait for it.");
        rebuild.SetAction(async (_, ct) => await io.WithDatabaseAsync(async sp =>
        {
            var rollups = sp.GetRequiredService<ReportRollups>();
            var watch = Stopwatch.StartNew();
            var built = await rollups.RefreshAllAsync(cancellationToken: ct);
            await io.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Report summaries: {built} month(s) built in {watch.Elapsed.TotalSeconds:0.0} s; the rest were up to date."));
            return 0;
        }, ct));

        var reports = new Command("reports", "Report maintenance.");
        reports.Subcommands.Add(rebuild);
        return reports;
    }
}
