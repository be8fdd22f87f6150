using System.Globalization;
using System.Text;
using AppealStudio.Core.Charts;
using AppealStudio.Core.Letters;
using AppealStudio.Data;
using AppealStudio.Data.Appeals;
using AppealStudio.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Web.Features.Appeals;

/// <summary>
/// The appeal workspace's wiring and its non-page endpoints: live preview and save for htmx, excerpt and
/// attachment buttons (plain forms that redirect back), withdraw/void, and the DOCX and ZIP downloads.
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

        return services.AddAppealWorkspace(templates, new AppealOptions(window, megabytes * 1024L * 1024L));
    }

    public static IEndpointRouteBuilder MapAppeals(this IEndpointRouteBuilder endpoints)
    {
        var appeal = endpoints.MapGroup("/appeals/{id:long}").RequireAuthorization(Policies.Worklist);
        appeal.MapPost("/preview", PreviewAsync);
        appeal.MapPost("/save", SaveAsync);
        appeal.MapPost("/excerpts", AddExcerptAsync);
        appeal.MapPost("/excerpts/{excerptId:long}/delete", RemoveExcerptAsync);
        appeal.MapPost("/withdraw", WithdrawAsync);
        appeal.MapPost("/void", VoidAsync);
        appeal.MapGet("/letter.docx", DocxAsync);
        appeal.MapGet("/packet.zip", PacketAsync);
        appeal.MapPost("/attachments", UploadAsync);
        appeal.MapGet("/attachments/{attachmentId:long}", DownloadAttachmentAsync);
        appeal.MapPost("/attachments/{attachmentId:long}/delete", RemoveAttachmentAsync);
        return endpoints;
    }

    /// <summary>The workspace URL of an appeal's denial, with a message code and the panel to scroll to.</summary>
    internal static string WorkspaceUrl(long denialId, string? message = null, string? anchor = null) =>
        $"/denials/{denialId.ToString(CultureInfo.InvariantCulture)}/appeal" + (message is null ? "" : "?msg=" + message) + (anchor is null ? "" : "#" + anchor);

    private static bool IsHtmx(HttpContext http) => http.Request.Headers.ContainsKey("HX-Request");

    /// <summary>Live preview: the Markdown as HTML (raw HTML disabled) and the letter's checks on this text.</summary>
    private static async Task<IResult> PreviewAsync(long id, [FromForm(Name = "Letter.Markdown")] string? markdown, HttpContext http,
        [FromServices] AppDbContext db, [FromServices] AppealWorkflow workflow, CancellationToken cancellationToken)
    {
        var appeal = await db.Appeals.AsNoTracking().Include(a => a.Excerpts).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (appeal is null)
        {
            return Results.NotFound();
        }

        var text = (markdown ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);
        if (text.Length > AppealWorkflow.MaxLetterLength)
        {
            return Results.Content("The letter is too long to preview.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
        }

        var state = await workflow.StateAsync(appeal, text, cancellationToken);
        http.Response.Headers.Vary = "HX-Request";
        return new RazorComponentResult<LetterPreview>(new { Html = MarkdownRendering.ToHtml(text), state.Issues, OutOfBand = true });
    }

    /// <summary>
    /// Save and autosave from the editor (htmx). The answer is the save-status fragment: saved (with the new version
    /// for the page's forms), unchanged, or a conflict showing the current text's diff; the editor keeps its text.
    /// </summary>
    private static async Task<IResult> SaveAsync(long id, HttpContext http,
        [FromForm(Name = "Letter.Markdown")] string? markdown,
        [FromForm(Name = "Letter.Version")] int? version,
        [FromForm(Name = "Letter.ForceVersion")] int? forceVersion,
        [FromForm(Name = "Letter.Kind")] string? kind,
        [FromForm(Name = "Letter.Action")] string? action,
        [FromServices] AppDbContext db, [FromServices] AppealWorkflow workflow, CancellationToken cancellationToken)
    {
        var appeal = await db.Appeals.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (appeal is null)
        {
            return Results.NotFound();
        }

        var result = await workflow.SaveAsync(id, markdown ?? "", forceVersion ?? version ?? -1, kind ?? AppealWorkflow.KindDraft, cancellationToken);
        if (result.Succeeded && action == "refill")
        {
            var refill = await workflow.RefillEvidenceAsync(id, result.Version, cancellationToken);
            var url = WorkspaceUrl(appeal.DenialId, refill.Succeeded ? "refilled" : "conflict", "editor");
            if (!IsHtmx(http))
            {
                return Results.Redirect(url);
            }

            http.Response.Headers["HX-Redirect"] = url;
            return Results.NoContent();
        }

        if (!IsHtmx(http))
        {
            return Results.Redirect(WorkspaceUrl(appeal.DenialId, result.Succeeded ? "saved" : "conflict", "editor"));
        }

        http.Response.Headers.Vary = "HX-Request";
        var diff = result.Outcome == AppealOutcome.Conflict ? TextDiff.Lines(result.CurrentMarkdown ?? "", (markdown ?? "").Replace("\r\n", "\n", StringComparison.Ordinal)) : null;
        return new RazorComponentResult<SaveStatus>(new { Result = result, Diff = diff });
    }

    private static async Task<IResult> AddExcerptAsync(long id,
        [FromForm(Name = "DocumentId")] long? documentId,
        [FromForm(Name = "Start")] int? start,
        [FromForm(Name = "End")] int? end,
        [FromForm(Name = "Slot")] string? slot,
        [FromServices] AppDbContext db, [FromServices] AppealWorkflow workflow, CancellationToken cancellationToken)
    {
        var denialId = await DenialIdAsync(db, id, cancellationToken);
        if (denialId is null)
        {
            return Results.NotFound();
        }

        if (documentId is null || start is null || end is null)
        {
            return Results.Redirect(WorkspaceUrl(denialId.Value, "excerpt-invalid", "evidence"));
        }

        var result = await workflow.AddExcerptAsync(id, documentId.Value, start.Value, end.Value, slot, cancellationToken);
        return result.Outcome switch
        {
            AppealOutcome.Done => Results.Redirect(WorkspaceUrl(denialId.Value, "excerpt-added", "evidence")),
            AppealOutcome.Unchanged => Results.Redirect(WorkspaceUrl(denialId.Value, "excerpt-exists", "evidence")),
            AppealOutcome.NotFound => Results.NotFound(),
            AppealOutcome.Locked => Results.Redirect(WorkspaceUrl(denialId.Value, "locked", "evidence")),
            AppealOutcome.Invalid or AppealOutcome.Conflict => Results.Redirect(WorkspaceUrl(denialId.Value, "excerpt-invalid", "evidence")),
        };
    }

    private static async Task<IResult> RemoveExcerptAsync(long id, long excerptId,
        [FromServices] AppDbContext db, [FromServices] AppealWorkflow workflow, CancellationToken cancellationToken)
    {
        var denialId = await DenialIdAsync(db, id, cancellationToken);
        if (denialId is null)
        {
            return Results.NotFound();
        }

        var result = await workflow.RemoveExcerptAsync(id, excerptId, cancellationToken);
        return Results.Redirect(WorkspaceUrl(denialId.Value, result.Outcome == AppealOutcome.Locked ? "locked" : "excerpt-removed", "evidence"));
    }

    private static async Task<IResult> WithdrawAsync(long id, [FromForm(Name = "Version")] int? version,
        [FromServices] AppDbContext db, [FromServices] AppealWorkflow workflow, CancellationToken cancellationToken)
    {
        var denialId = await DenialIdAsync(db, id, cancellationToken);
        if (denialId is null)
        {
            return Results.NotFound();
        }

        var result = await workflow.WithdrawSignOffAsync(id, version ?? -1, cancellationToken);
        return Results.Redirect(WorkspaceUrl(denialId.Value, MessageFor(result, "withdrawn"), "signoff"));
    }

    private static async Task<IResult> VoidAsync(long id, [FromForm(Name = "Version")] int? version,
        [FromServices] AppDbContext db, [FromServices] AppealWorkflow workflow, CancellationToken cancellationToken)
    {
        var denialId = await DenialIdAsync(db, id, cancellationToken);
        if (denialId is null)
        {
            return Results.NotFound();
        }

        var result = await workflow.VoidSignatureAsync(id, version ?? -1, cancellationToken);
        return Results.Redirect(WorkspaceUrl(denialId.Value, MessageFor(result, "voided"), "editor"));
    }

    private static async Task<IResult> DocxAsync(long id, [FromServices] AppDbContext db, [FromServices] AppealExport export, CancellationToken cancellationToken) =>
        await DownloadAsync(id, db, () => export.DocxAsync(id, cancellationToken), cancellationToken);

    private static async Task<IResult> PacketAsync(long id, [FromServices] AppDbContext db, [FromServices] AppealExport export, CancellationToken cancellationToken) =>
        await DownloadAsync(id, db, () => export.PacketAsync(id, cancellationToken), cancellationToken);

    /// <summary>A refused export goes back to the workspace, whose export panel says why.</summary>
    private static async Task<IResult> DownloadAsync(long id, AppDbContext db, Func<Task<ExportResult>> run, CancellationToken cancellationToken)
    {
        var denialId = await DenialIdAsync(db, id, cancellationToken);
        if (denialId is null)
        {
            return Results.NotFound();
        }

        var result = await run();
        if (result.File is not { } file)
        {
            return result.NotFound ? Results.NotFound() : Results.Redirect(WorkspaceUrl(denialId.Value, "export-refused", "export"));
        }

        return Results.File(file.Content, file.ContentType, file.FileName);
    }

    /// <summary>
    /// Attachments for the packet: PDF, images and plain text up to the configured size. The type is decided by the
    /// file's first bytes as well as its name, so a renamed executable is refused.
    /// </summary>
    private static async Task<IResult> UploadAsync(long id, HttpContext http,
        [FromServices] AppDbContext db, [FromServices] AppealWorkflow workflow, CancellationToken cancellationToken)
    {
        var denialId = await DenialIdAsync(db, id, cancellationToken);
        if (denialId is null)
        {
            return Results.NotFound();
        }

        IFormFile? file;
        try
        {
            var form = await http.Request.ReadFormAsync(cancellationToken);
            file = form.Files.FirstOrDefault();
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            return Results.Redirect(WorkspaceUrl(denialId.Value, "attachment-size", "attachments"));
        }

        if (file is null || file.Length == 0)
        {
            return Results.Redirect(WorkspaceUrl(denialId.Value, "attachment-empty", "attachments"));
        }

        // The size, type and busy checks are the workflow's, applied while the file is read.
        AppealResult result;
        await using (var stream = file.OpenReadStream())
        {
            result = await workflow.AddAttachmentAsync(id, file.FileName, stream, cancellationToken);
        }

        var message = result.Succeeded ? "attached" : result.Outcome == AppealOutcome.Locked ? "locked" : result.Field ?? "invalid";
        return Results.Redirect(WorkspaceUrl(denialId.Value, message, "attachments"));
    }

    private static async Task<IResult> DownloadAttachmentAsync(long id, long attachmentId, [FromServices] AppDbContext db, CancellationToken cancellationToken)
    {
        var attachment = await db.AppealAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.AppealId == id, cancellationToken);
        return attachment is null ? Results.NotFound() : Results.File(attachment.Content, attachment.ContentType, attachment.FileName);
    }

    private static async Task<IResult> RemoveAttachmentAsync(long id, long attachmentId,
        [FromServices] AppDbContext db, [FromServices] AppealWorkflow workflow, CancellationToken cancellationToken)
    {
        var denialId = await DenialIdAsync(db, id, cancellationToken);
        if (denialId is null)
        {
            return Results.NotFound();
        }

        var result = await workflow.RemoveAttachmentAsync(id, attachmentId, cancellationToken);
        return Results.Redirect(WorkspaceUrl(denialId.Value, result.Outcome == AppealOutcome.Locked ? "locked" : "attachment-removed", "attachments"));
    }

    private static string MessageFor(AppealResult result, string done) => result.Outcome switch
    {
        AppealOutcome.Done or AppealOutcome.Unchanged => done,
        AppealOutcome.Conflict => "conflict",
        AppealOutcome.Locked => "locked",
        AppealOutcome.Invalid or AppealOutcome.NotFound => "invalid",
    };

    private static async Task<long?> DenialIdAsync(AppDbContext db, long appealId, CancellationToken cancellationToken) =>
        await db.Appeals.AsNoTracking().Where(a => a.Id == appealId).Select(a => (long?)a.DenialId).FirstOrDefaultAsync(cancellationToken);
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
