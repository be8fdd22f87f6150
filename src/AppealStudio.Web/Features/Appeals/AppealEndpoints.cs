using System.Globalization;
using System.Text;
using AppealStudio.Core.Charts;
using AppealStudio.Core.Letters;
using AppealStudio.Data.Appeals;
using AppealStudio.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AppealStudio.Web.Features.Appeals;

/// <summary>
/// The appeal workspace's wiring and its downloads (DOCX, packet, attachments). Every change to a letter is a command
/// on the circuit (the workspace page), authorized and audited in the use-case classes (<see cref="PacketAttachments"/>, <see cref="SaveLetter"/>...).
/// </summary>
public static class AppealEndpoints
{
    public static IServiceCollection AddAppeals(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var templates = new TemplateOptions(TemplateDirectory.Resolve(configuration["Templates:Directory"], environment.ContentRootPath));
        var window = configuration.GetValue("Charts:LinkWindowDays", ChartLinker.DefaultWindowDays);
        if (window is < 0 or > 60)
        {
            throw new InvalidOperationException($"Charts:LinkWindowDays is {window.ToString(CultureInfo.InvariantCulture)}; use 0 to 60 days.");
        }

        var megabytes = configuration.GetValue("Appeals:MaxAttachmentMegabytes", AppealOptions.DefaultAttachmentMegabytes);
        if (megabytes is < 1 or > 100)
        {
            throw new InvalidOperationException($"Appeals:MaxAttachmentMegabytes is {megabytes.ToString(CultureInfo.InvariantCulture)}; use 1 to 100 MB.");
        }

        // Fonts of the PDF packet come from the machine; an extra folder can be named (docs/adr/0027).
        PdfFonts.Configure(configuration["Pdf:FontDirectory"]);
        return services.AddAppealWorkspace(templates, new AppealOptions(window, megabytes * 1024L * 1024L));
    }

    public static IEndpointRouteBuilder MapAppeals(this IEndpointRouteBuilder endpoints)
    {
        var appeal = endpoints.MapGroup("/appeals/{id:long}").RequireAuthorization(Policies.Worklist);
        // Downloads only: every change to a letter is a command on the circuit (the workspace page).
        appeal.MapGet("/letter.docx", DocxAsync);
        appeal.MapGet("/packet.zip", PacketAsync);
        appeal.MapGet("/packet.pdf", PacketPdfAsync);
        appeal.MapGet("/attachments/{attachmentId:long}", DownloadAttachmentAsync);
        return endpoints;
    }

    /// <summary>The workspace URL of an appeal's denial.</summary>
    internal static string WorkspaceUrl(long denialId) => $"/denials/{denialId.ToString(CultureInfo.InvariantCulture)}/appeal";

    private static async Task<IResult> DocxAsync(long id, [FromServices] AppealWorkspace workspace, [FromServices] AppealExport export, CancellationToken cancellationToken) =>
        await DownloadAsync(id, workspace, () => export.DocxAsync(id, cancellationToken), cancellationToken);

    private static async Task<IResult> PacketAsync(long id, [FromServices] AppealWorkspace workspace, [FromServices] AppealExport export, CancellationToken cancellationToken) =>
        await DownloadAsync(id, workspace, () => export.PacketAsync(id, cancellationToken), cancellationToken);

    private static async Task<IResult> PacketPdfAsync(long id, [FromServices] AppealWorkspace workspace, [FromServices] AppealExport export, CancellationToken cancellationToken) =>
        await DownloadAsync(id, workspace, () => export.PdfAsync(id, cancellationToken), cancellationToken);

    /// <summary>A refused export goes back to the workspace, whose export panel says why.</summary>
    private static async Task<IResult> DownloadAsync(long id, AppealWorkspace workspace, Func<Task<ExportResult>> run, CancellationToken cancellationToken)
    {
        var denialId = await workspace.DenialIdAsync(id, cancellationToken);
        if (denialId is null)
        {
            return Results.NotFound();
        }

        var result = await run();
        if (result.File is not { } file)
        {
            return result.NotFound ? Results.NotFound() : Results.Redirect(WorkspaceUrl(denialId.Value));
        }

        return Results.File(file.Content, file.ContentType, file.FileName);
    }

    private static async Task<IResult> DownloadAttachmentAsync(long id, long attachmentId, [FromServices] AppealWorkspace workspace, CancellationToken cancellationToken) =>
        await workspace.AttachmentAsync(id, attachmentId, cancellationToken) is { } attachment
            ? Results.File(attachment.Content, attachment.ContentType, attachment.FileName)
            : Results.NotFound();
}

/// <summary>Finds the templates folder (<c>Templates:Directory</c>, default: the repository's templates/, else templates/ beside the app).</summary>
public static class TemplateDirectory
{
    public static string Resolve(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(Path.Combine(contentRoot, configured));
        }

        // From a source checkout (dotnet run, tests) the repository's folder is the one people edit.
        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "AppealStudio.sln")) && Directory.Exists(Path.Combine(dir.FullName, "templates")))
                {
                    return Path.Combine(dir.FullName, "templates");
                }
            }
        }

        // Published: the build copies templates/ next to the app.
        return Path.Combine(AppContext.BaseDirectory, "templates");
    }
}
