using AppealStudio.Data.Reports;

namespace AppealStudio.Web.Features.Reports;

public static class ReportsEndpoints
{
    /// <summary>The report queries and the report service (Data/Reports) with their <c>Reports:*</c> thresholds.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services, IConfiguration configuration) =>
        services.AddReportQueries(configuration);

    /// <summary>
    /// <c>GET /reports/{table}.csv?filter...</c>: any report table as CSV, with the page's filter and sort. The report
    /// pages link to it with a download link (the browser saves the file; the circuit is not involved). Audited by the
    /// service as <c>report.export</c> (the table, the filter and the row count; payer names and NPIs, never patient data).
    /// </summary>
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reports/{table}.csv", ExportAsync).RequireAuthorization(Infrastructure.Policies.Reports);
        return app;
    }

    private static async Task<IResult> ExportAsync(string table, HttpContext context, ReportService reports, TimeProvider clock)
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

        var file = await reports.ExportAsync(table, query.Filter, query.By, query.SortFor(table), query.Descending, context.RequestAborted);
        return file is null ? Results.NotFound() : Results.File(file.Content, "text/csv; charset=utf-8", file.FileName);
    }
}
