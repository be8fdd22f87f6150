using System.Globalization;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using Microsoft.EntityFrameworkCore;
using static AppealStudio.Data.Appeals.AppealRules;
using static AppealStudio.Data.Appeals.AppealChanges;

namespace AppealStudio.Data.Appeals;

/// <summary>Adding files to the appeal's packet and removing them while the packet may still change.</summary>
public sealed class PacketAttachments(
    AppDbContext db,
    AuditLog audit,
    ICurrentActor actor,
    TimeProvider clock,
    AppealOptions options,
    ImportSlots slots)
{
    /// <summary>
    /// Adds a file to the appeal's packet: PDF, PNG, JPEG, GIF, TIFF or plain text (by name and by first bytes) up to
    /// <c>Appeals:MaxAttachmentMegabytes</c>. The size limit is applied while reading, so a larger upload is refused
    /// after the limit, not after all of it; the read takes one of the process's import slots. A refusal saves nothing
    /// and says why in <see cref="AppealResult.Message"/>; <see cref="AppealResult.Field"/> is the reason's code
    /// (attachment-size, attachment-type, attachment-empty, attachment-busy).
    /// </summary>
    public async Task<AppealResult> AddAttachmentAsync(long appealId, string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        ArgumentNullException.ThrowIfNull(content);
        var appeal = await db.Appeals.AsNoTracking().FirstOrDefaultAsync(a => a.Id == appealId, cancellationToken);
        if (appeal is null)
        {
            return AppealResult.NotFound();
        }

        if (LockedPacket(appeal.Status) is { } locked)
        {
            return AppealResult.Locked(locked);
        }

        byte[] bytes;
        try
        {
            using var slot = await slots.EnterAsync(cancellationToken);
            bytes = await ReadLimitedAsync(content, options.MaxAttachmentBytes, cancellationToken);
        }
        catch (ImportBusyException ex)
        {
            return AppealResult.Invalid(ex.Message, "attachment-busy");
        }
        catch (AttachmentTooLargeException)
        {
            return AppealResult.Invalid($"The file is larger than {options.MaxAttachmentMegabytes.ToString(CultureInfo.InvariantCulture)} MB (Appeals:MaxAttachmentMegabytes); nothing was attached.", "attachment-size");
        }

        if (bytes.Length == 0)
        {
            return AppealResult.Invalid("The file is empty; nothing was attached.", "attachment-empty");
        }

        var contentType = AttachmentTypes.Detect(fileName, bytes);
        if (contentType is null)
        {
            return AppealResult.Invalid("Attach a PDF, PNG, JPEG, GIF, TIFF or plain text file whose content matches its name; nothing was attached.", "attachment-type");
        }

        var attachment = new AppealAttachment
        {
            AppealId = appealId,
            FileName = Truncate(AppealExport.SafeFileName(fileName), 260),
            ContentType = contentType,
            Content = bytes,
            UploadedAt = clock.GetUtcNow(),
            UploadedBy = actor.Name,
        };
        db.AppealAttachments.Add(attachment);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync("appeal.attachment-added", "Appeal", Id(appealId), $"attachment={Id(attachment.Id)} type={contentType} bytes={bytes.Length.ToString(CultureInfo.InvariantCulture)}", cancellationToken);
        return new AppealResult(AppealOutcome.Done, "Attached.", AppealId: appealId, Version: appeal.Version);
    }

    private static async Task<byte[]> ReadLimitedAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new AttachmentTooLargeException();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private sealed class AttachmentTooLargeException : Exception
    {
    }

    public async Task<AppealResult> RemoveAttachmentAsync(long appealId, long attachmentId, CancellationToken cancellationToken = default)
    {
        DenialWorkflow.Demand(actor);
        var appeal = await db.Appeals.AsNoTracking().FirstOrDefaultAsync(a => a.Id == appealId, cancellationToken);
        if (appeal is null)
        {
            return AppealResult.NotFound();
        }

        if (LockedPacket(appeal.Status) is { } locked)
        {
            return AppealResult.Locked(locked);
        }

        var attachment = await db.AppealAttachments.FirstOrDefaultAsync(x => x.Id == attachmentId && x.AppealId == appealId, cancellationToken);
        if (attachment is null)
        {
            return new AppealResult(AppealOutcome.Unchanged, "That attachment was already removed.", AppealId: appealId, Version: appeal.Version);
        }

        db.AppealAttachments.Remove(attachment);
        audit.Add("appeal.attachment-removed", "Appeal", Id(appealId), "attachment=" + Id(attachmentId));
        await db.SaveChangesAsync(cancellationToken);
        return new AppealResult(AppealOutcome.Done, "Attachment removed.", AppealId: appealId, Version: appeal.Version);
    }
}
