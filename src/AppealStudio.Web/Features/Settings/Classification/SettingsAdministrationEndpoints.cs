using System.Text;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Practice;
using AppealStudio.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AppealStudio.Web.Features.Settings.Classification;

/// <summary>Wiring of the settings services (the pages are routed by their @page directives) and the classification CSV.</summary>
public static class SettingsAdministrationEndpoints
{
    public static IServiceCollection AddSettingsAdministration(this IServiceCollection services)
    {
        services.AddScoped<DenialReassessment>();
        services.AddScoped<PayerAdministration>();
        services.AddScoped<ClassificationAdministration>();
        services.AddScoped<ClassificationBrowser>();
        services.AddScoped<PracticeProfileAdministration>();
        services.AddScoped<TemplateAdministration>();
        services.AddScoped<AuditTrail>();
        return services;
    }

    public static IEndpointRouteBuilder MapSettingsAdministration(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/settings/classification.csv", ExportAsync).RequireAuthorization(Policies.Settings);
        return endpoints;
    }

    /// <summary>
    /// The effective table (shipped rows with the overrides laid over them) in the shipped CSV format; the page links
    /// to it with a download link, so the browser saves the file.
    /// </summary>
    private static async Task<IResult> ExportAsync([FromServices] ClassificationAdministration classification, CancellationToken cancellationToken)
    {
        var csv = await classification.ExportCsvAsync(cancellationToken);
        return Results.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", "classification.csv");
    }
}
