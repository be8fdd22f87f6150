using System.Text;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Reports;

namespace AppealStudio.Web.Features.Reports;

public static class ReportsEndpoints
{
    /// <summary>The report queries (Data/Reports) and their <c>Reports:*</c> thresholds.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services, IConfiguration configuration) =>
        services.AddReportQueries(configuration);

    /// <summary>
    /// <c>GET /reports/{table}.csv?filter...</c>: any report table as CSV, with the page's filter and sort. Audited as
    /// <c>report.export</c> (the table, the filter and the row count; payer names and NPIs, never patient data).
    /// </summary>
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reports/{table}.csv", ExportAsync).RequireAuthorization(Infrastructure.Policies.Reports);
        return app;
    }

    private static async Task<IResult> ExportAsync(string table, HttpContext context, AuditLog audit, TimeProvider clock)
    {
        if (!ReportTables.Ids.Contains(table, StringComparer.Ordinal))
        {
            return Results.NotFound();
        }

        var query = ReportQuery.Parse(context.Request.Query, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (table is "win-rates")
        {
            query.RequireBy(ReportTables.WinRateBy);
        }
        else if (table is "upstream")
        {
            query.RequireBy(ReportTables.UpstreamBy);
        }

        if (!query.IsValid)
        {
            return Results.Text(string.Join("\n", query.Errors.Values), "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }

        var report = await ReportTables.BuildAsync(table, query, context.RequestServices, context.RequestAborted);
        if (report is null)
        {
            return Results.NotFound();
        }

        // The page's sort when it names a column of this table, else the table's own order (as the page shows it).
        var sort = query.SortFor(table) is { } asked && report.HasColumn(asked) ? asked : null;
        var csv = report.ToCsv(sort ?? report.DefaultSort, sort is null ? report.DefaultDescending : query.Descending);
        await audit.RecordAsync("report.export", "report", table,
            $"{query.Describe()}{(query.By is { } by ? ", by " + by : "")}, {report.Rows.Count} rows", context.RequestAborted);
        var fileName = $"{table}{(query.By is { } b ? "-" + b : "")}-{query.Filter.From:yyyyMMdd}-{query.Filter.To:yyyyMMdd}.csv";
        return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", fileName);
    }
}
