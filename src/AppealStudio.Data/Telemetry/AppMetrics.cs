using System.Diagnostics.Metrics;
using AppealStudio.Data.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AppealStudio.Data.Telemetry;

/// <summary>
/// The product's own metrics (issue 14), on the <c>AppealStudio</c> meter that the web app exports through
/// OpenTelemetry (Prometheus scrape, OTLP). Counts and durations only: no tag carries patient data or free text.
/// </summary>
public static class AppMetrics
{
    public const string MeterName = "AppealStudio";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> FilesImported = Meter.CreateCounter<long>(
        "appealstudio.imports.files", "{file}", "835 files imported, by outcome (completed, failed).");

    public static readonly Histogram<long> ClaimsPerImport = Meter.CreateHistogram<long>(
        "appealstudio.imports.claims", "{claim}", "Claims added by one completed 835 import.");

    public static readonly Histogram<long> DenialsPerImport = Meter.CreateHistogram<long>(
        "appealstudio.imports.denials", "{denial}", "Denials found by one completed 835 import.");

    public static readonly Histogram<double> ImportDuration = Meter.CreateHistogram<double>(
        "appealstudio.imports.duration", "s", "Wall time of one 835 import, by outcome.");

    public static readonly Counter<long> LettersSigned = Meter.CreateCounter<long>(
        "appealstudio.letters.signed", "{letter}", "Appeal letters signed off.");

    public static readonly Counter<long> LettersExported = Meter.CreateCounter<long>(
        "appealstudio.letters.exported", "{export}", "Appeal letters exported (PDF, DOCX, packet, print).");

    public static readonly UpDownCounter<long> CircuitsOpen = Meter.CreateUpDownCounter<long>(
        "appealstudio.circuits.open", "{circuit}", "Interactive Blazor circuits open in this instance.");

    public static readonly Counter<long> JobRuns = Meter.CreateCounter<long>(
        "appealstudio.jobs.runs", "{run}", "Scheduled job runs on this instance, by job and result (ran, failed).");
}

/// <summary>
/// Counts letters signed and exported from the audit rows the appeal services already write (<c>appeal.sign</c>,
/// <c>appeal.export</c>), when they are saved: one place that sees every path (pages, CLI, batch) without each
/// service carrying a metrics call.
/// </summary>
public sealed class AuditMetricsInterceptor : SaveChangesInterceptor
{
    public static readonly AuditMetricsInterceptor Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Count(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Count(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Count(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries<AuditEvent>())
        {
            if (entry.State != EntityState.Added)
            {
                continue;
            }

            switch (entry.Entity.Action)
            {
                case "appeal.sign":
                    AppMetrics.LettersSigned.Add(1);
                    break;
                case "appeal.export":
                    AppMetrics.LettersExported.Add(1);
                    break;
            }
        }
    }
}
