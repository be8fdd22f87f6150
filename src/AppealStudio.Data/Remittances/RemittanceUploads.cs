using AppealStudio.Data.Audit;

namespace AppealStudio.Data.Remittances;

/// <summary>The two steps of a browser upload: receiving the bytes, then importing them.</summary>
public enum UploadPhase
{
    Receiving,
    Importing,
}

/// <summary>How far one uploaded file has got: bytes received, or bytes read by the import and claims stored so far.</summary>
public sealed record UploadProgress(UploadPhase Phase, long Bytes, long TotalBytes, int Claims);

/// <summary>What became of one uploaded file: its import (completed or failed) and, when it failed, why in one sentence.</summary>
public sealed record UploadResult(long ImportId, ImportSummary? Summary, string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// Imports an 835 file uploaded from a browser: the same <see cref="RemittanceImporter"/> the command line uses,
/// behind the role check (specialists, managers and admins import remittances).
/// </summary>
/// <remarks>
/// The upload is received into a temporary file before the import starts, so a connection that drops while the
/// bytes arrive leaves nothing behind (not even a failed-import row), and the import reads a whole, seekable file as
/// it does from the command line. <paramref name="receiveCancellation"/> stops only the receiving: once the file is
/// here the import runs to its end in its one transaction, so a user who leaves the page does not lose a file the
/// server already has.
/// </remarks>
public sealed class RemittanceUploads(RemittanceImporter importer, ICurrentActor actor)
{
    public static readonly IReadOnlyList<string> Roles = [Identity.Roles.Specialist, Identity.Roles.Manager, Identity.Roles.Admin];

    public async Task<UploadResult> ImportAsync(string fileName, Stream upload, long expectedBytes, IProgress<UploadProgress>? progress = null,
        CancellationToken receiveCancellation = default)
    {
        ArgumentNullException.ThrowIfNull(upload);
        Demand(actor);

        var path = Path.Combine(Path.GetTempPath(), "appealstudio-upload-" + Guid.NewGuid().ToString("N"));
        await using var received = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var counted = new ProgressReadStream(upload, progress is null ? null : new Relay<long>(n =>
            progress.Report(new UploadProgress(UploadPhase.Receiving, n, expectedBytes, 0))));
        await counted.CopyToAsync(received, 1 << 16, receiveCancellation);
        received.Position = 0;

        var total = received.Length;
        progress?.Report(new UploadProgress(UploadPhase.Importing, 0, total, 0));
        var importProgress = progress is null ? null : new Relay<ImportProgress>(p =>
            progress.Report(new UploadProgress(UploadPhase.Importing, Math.Min(received.Position, total), total, p.Claims)));
        try
        {
            var summary = await importer.ImportAsync(fileName, received, importProgress, CancellationToken.None);
            return new UploadResult(summary.ImportId, summary, null);
        }
        catch (RemittanceImportException ex)
        {
            return new UploadResult(ex.ImportId, null, ex.Message);
        }
    }

    internal static void Demand(ICurrentActor actor)
    {
        if (!Roles.Any(actor.IsInRole))
        {
            throw new UnauthorizedAccessException("Remittances are imported by specialists, managers and admins.");
        }
    }

    // Reports at once, on the caller's thread (Progress<T> would post to a context and reorder nothing useful here).
    private sealed class Relay<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
