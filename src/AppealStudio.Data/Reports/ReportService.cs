using System.Globalization;
using System.Text;
using AppealStudio.Core.Analytics;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Identity;
using Microsoft.Extensions.Options;

namespace AppealStudio.Data.Reports;

/// <summary>What the report filter offers, and the day its default range ends on.</summary>
public sealed record ReportChoices(IReadOnlyList<string> Payers, IReadOnlyList<(string Npi, string Name)> Providers, DateOnly Today);

/// <summary>The headline figures and the four charts of the reports' first page.</summary>
public sealed record ReportOverview(
    KpiSummary Kpi,
    IReadOnlyList<BucketRow> ByDeadline,
    IReadOnlyList<BucketRow> ByAge,
    IReadOnlyList<RateGroup> ByPayer,
    IReadOnlyList<RateGroup> ByType,
    IReadOnlyList<RootCauseCount> TopCauses);

/// <summary>One root cause with its denials and dollars in the period and this month against last month.</summary>
public sealed record RootCauseCount(string Label, int Count, decimal Amount, int ThisMonth, int LastMonth);

/// <summary>The win-rate page: the cross-tab of the chosen grouping, and the plain rates by payer and by denial type.</summary>
public sealed record WinRateView(string By, IReadOnlyList<WinRateRow> Rows, ReportTable Table, IReadOnlyList<RateGroup> ByPayer,
    ReportTable ByPayerTable, IReadOnlyList<RateGroup> ByType, ReportTable ByTypeTable, ReportLabels Labels);

public sealed record KpiView(KpiSummary Kpi, ReportTable Table, ReportTable Recovered, ReportTable Denied);

public sealed record InventoryView(InventorySummary Inventory, ReportTable ByAge, ReportTable ByDeadline, ReportTable ByOwner, ReportTable ByAssignee);

public sealed record UpstreamView(string By, IReadOnlyList<UpstreamRow> Rows, IReadOnlyList<RootCauseCount> Causes, ReportTable Table, TrendMonths Months);

/// <summary>A report table as a CSV file.</summary>
public sealed record ReportFile(string FileName, byte[] Content, int Rows);

/// <summary>
/// The reports as the web pages, the CSV endpoint and the tests use them: one place that checks the role (managers and
/// admins), runs the report queries (<see cref="WinRateReport"/>, <see cref="KpiReport"/>, <see cref="InventoryReport"/>,
/// <see cref="UpstreamReport"/>, unchanged), names things in words, and audits exports. Reports hold payer names and
/// counts, never patient data.
/// </summary>
public sealed class ReportService(
    WinRateReport winRates,
    KpiReport kpis,
    InventoryReport inventory,
    UpstreamReport upstream,
    ReportLookups lookups,
    TemplateStore templates,
    AuditLog audit,
    ICurrentActor actor,
    TimeProvider clock,
    IOptions<ReportOptions> options)
{
    public static readonly IReadOnlyList<string> Roles = [Identity.Roles.Manager, Identity.Roles.Admin];

    private const string ByPayerNote = "Every appeal of the payer, whatever the denial type, from the same figures as the table of payer and root cause.";

    private const string ByTypeNote = "Every appeal of the root cause, whatever the payer, from the same figures as the table of payer and root cause.";

    public async Task<ReportChoices> ChoicesAsync(CancellationToken cancellationToken = default)
    {
        Demand();
        return new ReportChoices(await lookups.PayersAsync(cancellationToken), await lookups.ProvidersAsync(cancellationToken),
            DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
    }

    public async Task<ReportOverview> OverviewAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        Demand();
        var kpi = await kpis.GetAsync(filter, cancellationToken);
        var byDeadline = await inventory.GetByDeadlineAsync(filter, cancellationToken);
        var byAge = await inventory.GetByAgeAsync(filter, cancellationToken);
        var rates = await winRates.GetAsync(filter, WinRateDimension.RootCause, cancellationToken);
        var causes = Causes(await upstream.GetAsync(filter, UpstreamDimension.Owner, cancellationToken));
        return new ReportOverview(kpi, byDeadline, byAge, RateGroup.Sum(rates, r => r.Payer), RateGroup.Sum(rates, r => ReportLabels.Code(r.Key)), causes);
    }

    public async Task<WinRateView> WinRatesAsync(ReportFilter filter, string by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        Demand();
        by = ReportTables.WinRateBy.Contains(by, StringComparer.Ordinal) ? by : ReportTables.ByRootCause;
        var labels = await LabelsAsync(cancellationToken);
        var rows = await winRates.GetAsync(filter, ReportTables.ToWinRateDimension(by), cancellationToken);

        // The plain rates come from the root-cause grouping, which splits every appeal exactly once.
        var byCause = by == ReportTables.ByRootCause ? rows : await winRates.GetAsync(filter, WinRateDimension.RootCause, cancellationToken);
        var byPayer = RateGroup.Sum(byCause, r => r.Payer);
        var byType = RateGroup.Sum(byCause, r => ReportLabels.Code(r.Key));
        return new WinRateView(by, rows, ReportTables.WinRates(rows, by, labels),
            byPayer, ReportTables.Rates("win-rates-by-payer", "Win rate by payer", "Payer", byPayer, ByPayerNote),
            byType, ReportTables.Rates("win-rates-by-type", "Win rate by denial type", "Root cause", byType, ByTypeNote), labels);
    }

    public async Task<KpiView> KpisAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        Demand();
        var kpi = await kpis.GetAsync(filter, cancellationToken);
        return new KpiView(kpi, ReportTables.Kpis(kpi), ReportTables.RecoveredByMonth(kpi.RecoveredByMonth), ReportTables.DeniedByMonth(kpi.DeniedByMonth));
    }

    public async Task<InventoryView> InventoryAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        Demand();
        var summary = await inventory.GetAsync(filter, cancellationToken);
        return new InventoryView(summary, ReportTables.AgeBuckets(summary.ByAge), ReportTables.DeadlineBuckets(summary.ByDeadline),
            ReportTables.ByOwner(summary.ByOwner, options.Value), ReportTables.ByAssignee(summary.ByAssignee, options.Value));
    }

    public async Task<UpstreamView> UpstreamAsync(ReportFilter filter, string by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        Demand();
        by = ReportTables.UpstreamBy.Contains(by, StringComparer.Ordinal) ? by : ReportTables.UpstreamBy[0];
        var labels = await LabelsAsync(cancellationToken);
        var rows = await upstream.GetAsync(filter, ReportTables.ToUpstreamDimension(by), cancellationToken);
        var months = TrendMonths.For(filter.To);
        return new UpstreamView(by, rows, Causes(rows), ReportTables.Upstream(rows, by, months, labels), months);
    }

    /// <summary>
    /// Any report table as an RFC 4180 CSV file with the page's filter and sort; null for a table that does not
    /// exist. Audited as <c>report.export</c> with the table, the filter and the row count.
    /// </summary>
    public async Task<ReportFile?> ExportAsync(string table, ReportFilter filter, string? by, string? sort, bool descending,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(filter);
        Demand();
        var report = await TableAsync(table, filter, by, cancellationToken);
        if (report is null)
        {
            return null;
        }

        // The page's sort when it names a column of this table, else the table's own order (as the page shows it).
        var column = sort is not null && report.HasColumn(sort) ? sort : null;
        var csv = report.ToCsv(column ?? report.DefaultSort, column is null ? report.DefaultDescending : descending);
        var grouped = table is "win-rates" or "upstream" && by is not null;
        await audit.RecordViewAsync("report.export", "report", table,
            $"{Describe(filter)}{(grouped ? ", by " + by : "")}, {report.Rows.Count.ToString(CultureInfo.InvariantCulture)} rows", cancellationToken);
        var fileName = $"{table}{(grouped ? "-" + by : "")}-{filter.From:yyyyMMdd}-{filter.To:yyyyMMdd}.csv";
        return new ReportFile(fileName, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)], report.Rows.Count);
    }

    /// <summary>The filter in words for the audit trail: dates, payer, NPI, specialty (no patient data).</summary>
    public static string Describe(ReportFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return string.Join(", ", new[]
        {
            string.Create(CultureInfo.InvariantCulture, $"{filter.From:yyyy-MM-dd} to {filter.To:yyyy-MM-dd}"),
            filter.Payer is null ? null : "payer " + filter.Payer,
            filter.ProviderNpi is null ? null : "provider " + filter.ProviderNpi,
            filter.Specialty is null ? null : "specialty " + filter.Specialty.Value.ToCode(),
        }.Where(s => s is not null));
    }

    private async Task<ReportTable?> TableAsync(string id, ReportFilter filter, string? by, CancellationToken cancellationToken) => id switch
    {
        "win-rates" => (await WinRatesAsync(filter, by ?? ReportTables.ByRootCause, cancellationToken)).Table,
        "win-rates-by-payer" => (await WinRatesAsync(filter, ReportTables.ByRootCause, cancellationToken)).ByPayerTable,
        "win-rates-by-type" => (await WinRatesAsync(filter, ReportTables.ByRootCause, cancellationToken)).ByTypeTable,
        "kpis" => ReportTables.Kpis(await kpis.GetAsync(filter, cancellationToken)),
        "recovered-by-month" => ReportTables.RecoveredByMonth(await kpis.GetRecoveredByMonthAsync(filter, cancellationToken)),
        "denials-by-month" => ReportTables.DeniedByMonth(await kpis.GetDeniedByMonthAsync(filter, cancellationToken)),
        "inventory-age" => ReportTables.AgeBuckets(await inventory.GetByAgeAsync(filter, cancellationToken)),
        "inventory-deadline" => ReportTables.DeadlineBuckets(await inventory.GetByDeadlineAsync(filter, cancellationToken)),
        "inventory-owner" => ReportTables.ByOwner(await inventory.GetByOwnerAsync(filter, cancellationToken), options.Value),
        "inventory-assignee" => ReportTables.ByAssignee(await inventory.GetByAssigneeAsync(filter, cancellationToken), options.Value),
        "upstream" => (await UpstreamAsync(filter, by ?? ReportTables.UpstreamBy[0], cancellationToken)).Table,
        _ => null,
    };

    private async Task<ReportLabels> LabelsAsync(CancellationToken cancellationToken)
    {
        var titles = (await templates.LatestAsync(cancellationToken)).ToDictionary(t => t.Id, t => t.Template.Title, StringComparer.Ordinal);
        var providers = (await lookups.ProvidersAsync(cancellationToken))
            .GroupBy(p => p.Npi, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        return new ReportLabels(titles, providers);
    }

    /// <summary>Root causes summed over the second dimension, largest first.</summary>
    private static List<RootCauseCount> Causes(IReadOnlyList<UpstreamRow> rows) =>
        rows.GroupBy(r => r.RootCause, StringComparer.Ordinal)
            .Select(g => new RootCauseCount(ReportLabels.Code(g.Key), g.Sum(r => r.Count), g.Sum(r => r.Amount), g.Sum(r => r.ThisMonth), g.Sum(r => r.LastMonth)))
            .OrderByDescending(c => c.Count).ThenByDescending(c => c.Amount).ThenBy(c => c.Label, StringComparer.Ordinal)
            .ToList();

    private void Demand()
    {
        if (!Roles.Any(actor.IsInRole))
        {
            throw new UnauthorizedAccessException("Reports are for managers and admins.");
        }
    }
}
