using System.Globalization;
using System.Security.Cryptography;
using AppealStudio.Core.Denials;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Viability;

/// <summary>What loading a PTP file did.</summary>
/// <param name="Saved">The edits are in the database (false: nothing was saved; see <see cref="Errors"/>).</param>
/// <param name="FileName">The file's name.</param>
/// <param name="Version">The CMS version read from the name.</param>
/// <param name="Edits">Edits loaded.</param>
/// <param name="ReplacedFiles">Earlier files of the same part whose edits this one replaced.</param>
/// <param name="AlreadyLoaded">The same file (same bytes) is loaded already: nothing changed.</param>
/// <param name="Errors">Lines that are not edits, with their numbers (at most <see cref="NcciPtpFile.MaxReportedErrors"/>).</param>
/// <param name="ErrorCount">How many lines were not edits in all.</param>
public sealed record NcciImportResult(
    bool Saved,
    string FileName,
    string Version,
    int Edits,
    IReadOnlyList<string> ReplacedFiles,
    bool AlreadyLoaded,
    IReadOnlyList<NcciPtpError> Errors,
    int ErrorCount);

/// <summary>
/// Loads a CMS NCCI practitioner PTP file (<see cref="NcciPtpFile"/>) into the pair table in the database, with each
/// edit's effective and deletion dates and modifier indicator. One transaction: a file with any line that is not an
/// edit saves nothing and says which lines. A file replaces the edits of the earlier file of the same part (the next
/// quarter's ccipra-…-f1 replaces the last quarter's), so the table is always one quarter's complete set.
/// </summary>
public sealed class NcciImport(AppDbContext db, AuditLog audit, ICurrentActor actor, TimeProvider clock)
{
    private const int BatchSize = 2_000;

    public async Task<NcciImportResult> ImportAsync(string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        RoleGuard.Demand(actor, RoleGuard.Settings, "Loading NCCI edits");
        fileName = Path.GetFileName(fileName);
        var version = NcciPtpFile.VersionOf(fileName);
        var part = NcciPtpFile.PartOf(fileName);

        var (stream, owns) = content.CanSeek ? (content, false) : (await SpoolAsync(content, cancellationToken), true);
        try
        {
            var start = stream.Position;
            var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
            stream.Position = start;
            if (await db.NcciEditFiles.AnyAsync(f => f.Sha256 == sha && f.ReplacedAt == null, cancellationToken))
            {
                return new NcciImportResult(false, fileName, version, 0, [], true, [], 0);
            }

            return await LoadAsync(fileName, version, part, sha, stream, cancellationToken);
        }
        finally
        {
            if (owns)
            {
                await stream.DisposeAsync();
            }
        }
    }

    private async Task<NcciImportResult> LoadAsync(string fileName, string version, string part, string sha, Stream stream, CancellationToken cancellationToken)
    {
        var parser = new NcciPtpFile();
        var now = clock.GetUtcNow();
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var file = new NcciEditFile
            {
                FileName = fileName, Part = part, Version = version, Sha256 = sha, ImportedAt = now, ImportedBy = actor.Name,
            };
            db.NcciEditFiles.Add(file);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);

            var count = 0;
            await using (var inserter = new BulkInserter(db))
            {
                var batch = new List<NcciEdit>(BatchSize);
                using var reader = new StreamReader(stream, leaveOpen: true);
                foreach (var row in parser.Read(reader))
                {
                    batch.Add(new NcciEdit
                    {
                        FileId = file.Id,
                        Column1 = row.Column1,
                        Column2 = row.Column2,
                        EffectiveFrom = row.EffectiveFrom,
                        DeletedOn = row.DeletedOn,
                        ModifierIndicator = row.ModifierIndicator,
                        ExistedBefore1996 = row.ExistedBefore1996,
                        Rationale = row.Rationale is { Length: > 200 } r ? r[..200] : row.Rationale,
                    });
                    if (batch.Count == BatchSize)
                    {
                        count += await FlushAsync(inserter, batch, parser, cancellationToken);
                    }
                }

                count += await FlushAsync(inserter, batch, parser, cancellationToken);
            }

            if (parser.ErrorCount > 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return new NcciImportResult(false, fileName, version, 0, [], false, parser.Errors, parser.ErrorCount);
            }

            var replaced = await db.NcciEditFiles
                .Where(f => f.Part == part && f.Id != file.Id && f.ReplacedAt == null)
                .ToListAsync(cancellationToken);
            foreach (var old in replaced)
            {
                await db.NcciEdits.Where(e => e.FileId == old.Id).ExecuteDeleteAsync(cancellationToken);
                old.ReplacedAt = now;
            }

            file = await db.NcciEditFiles.SingleAsync(f => f.Id == file.Id, cancellationToken);
            file.EditCount = count;
            db.ChangeTracker.DetectChanges();
            audit.Add("ncci.import", nameof(NcciEditFile), file.Id.ToString(CultureInfo.InvariantCulture),
                $"file={fileName} version={version} edits={count.ToString(CultureInfo.InvariantCulture)} replaced={replaced.Count.ToString(CultureInfo.InvariantCulture)}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new NcciImportResult(true, fileName, version, count, replaced.Select(r => r.FileName).ToList(), false, [], 0);
        }
        finally
        {
            db.ChangeTracker.Clear();
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    // Once a line is wrong nothing will be saved: the rest is only read for its errors, not written.
    private static async Task<int> FlushAsync(BulkInserter inserter, List<NcciEdit> batch, NcciPtpFile parser, CancellationToken cancellationToken)
    {
        var count = batch.Count;
        if (parser.ErrorCount == 0 && count > 0)
        {
            await inserter.InsertAsync(batch, cancellationToken);
        }

        batch.Clear();
        return count;
    }

    /// <summary>The files whose edits are in force, newest first (Settings shows them; warnings cite their version).</summary>
    public async Task<IReadOnlyList<NcciEditFile>> LoadedFilesAsync(CancellationToken cancellationToken = default)
    {
        RoleGuard.Demand(actor, RoleGuard.WorkDenials, "The NCCI file list");
        return await db.NcciEditFiles.AsNoTracking().Where(f => f.ReplacedAt == null).OrderByDescending(f => f.ImportedAt).ToListAsync(cancellationToken);
    }

    private static async Task<Stream> SpoolAsync(Stream content, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), "appealstudio-ncci-" + Guid.NewGuid().ToString("N"));
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await content.CopyToAsync(file, cancellationToken);
        file.Position = 0;
        return file;
    }
}
