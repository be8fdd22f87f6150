using System.Globalization;
using AppealStudio.Data;
using AppealStudio.Data.Remittances;
using AppealStudio.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AppealStudio.Web.Features.Imports;

public static class ImportEndpoints
{
    public static IServiceCollection AddImports(this IServiceCollection services, IConfiguration configuration)
    {
        var options = ImportOptions.From(configuration);
        services.AddSingleton(options);
        // Uploads of large remittances: the form and the server accept the configured size, and no more.
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = options.MaxUploadBytes);
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o =>
            o.Limits.MaxRequestBodySize = options.MaxUploadBytes + (1 << 20));
        return services;
    }

    public static IEndpointRouteBuilder MapImports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/imports/upload", UploadAsync).RequireAuthorization(Policies.Imports);
        return endpoints;
    }

    /// <summary>
    /// Imports each uploaded file in its own transaction; one bad file does not stop the others. htmx gets the results
    /// fragment; a plain form post is redirected to the history page showing these imports.
    /// </summary>
    private static async Task<IResult> UploadAsync(HttpContext http, [FromServices] IServiceScopeFactory scopes,
        [FromServices] ImportOptions options, CancellationToken cancellationToken)
    {
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            return Problem(http, StatusCodes.Status413PayloadTooLarge,
                $"The upload is larger than the limit of {options.MaxUploadMegabytes} MB. Import the file with the command line (appealstudio remit import), or ask an administrator to raise Imports:MaxUploadMegabytes.");
        }

        var files = form.Files.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        if (files.Count == 0)
        {
            return Problem(http, StatusCodes.Status400BadRequest, "Choose one or more 835 files to import.");
        }

        var ids = new List<long>();
        foreach (var file in files)
        {
            // A fresh scope per file: a failed file's tracked entities never leak into the next file's transaction.
            await using var scope = scopes.CreateAsyncScope();
            var importer = scope.ServiceProvider.GetRequiredService<RemittanceImporter>();
            try
            {
                await using var stream = file.OpenReadStream();
                ids.Add((await importer.ImportAsync(file.FileName, stream, null, cancellationToken)).ImportId);
            }
            catch (RemittanceImportException ex)
            {
                ids.Add(ex.ImportId);
            }
            catch (ImportBusyException ex)
            {
                var done = ids.Count == 0 ? "" : $" The first {ids.Count.ToString(CultureInfo.InvariantCulture)} file(s) were imported.";
                return Problem(http, StatusCodes.Status503ServiceUnavailable, $"{file.FileName}: {ex.Message}{done}");
            }
        }

        var idList = string.Join(',', ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));
        if (http.Request.Headers.ContainsKey("HX-Request"))
        {
            http.Response.Headers.Vary = "HX-Request";
            return new RazorComponentResult<ImportResults>(new { ImportIds = (IReadOnlyList<long>)ids });
        }

        return Results.Redirect("/imports?results=" + idList);
    }

    private static IResult Problem(HttpContext http, int status, string message)
    {
        if (http.Request.Headers.ContainsKey("HX-Request"))
        {
            return Results.Content(message, "text/plain; charset=utf-8", statusCode: status);
        }

        return Results.Redirect("/imports?error=" + Uri.EscapeDataString(message));
    }
}

/// <summary>Imports:MaxUploadMegabytes (default 100).</summary>
public sealed record ImportOptions(int MaxUploadMegabytes)
{
    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024L;

    public static ImportOptions From(IConfiguration configuration)
    {
        var mb = configuration.GetValue("Imports:MaxUploadMegabytes", 100);
        return mb is < 1 or > 4096
            ? throw new InvalidOperationException($"Imports:MaxUploadMegabytes is {mb}; use a size from 1 to 4096 MB.")
            : new ImportOptions(mb);
    }
}
