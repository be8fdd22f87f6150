using System.Globalization;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Charts;
using AppealStudio.Data.Practice;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Protection;

/// <summary>What an encryption pass did: values sealed from plaintext, values moved to the current key, and rows it could not open.</summary>
public sealed record ProtectedDataResult(int Sealed, int Rekeyed, IReadOnlyList<string> Unreadable)
{
    public static readonly ProtectedDataResult None = new(0, 0, []);
}

/// <summary>
/// Brings stored chart text and attachments under the current key (ADR 0080). Start-up (web and <c>db migrate</c>)
/// seals the rows written before encryption existed, once: a marker in <c>SystemSettings</c> records that the pass
/// finished, so later starts do not read every row again. <c>appealstudio db encrypt</c> does the same at any time
/// and also re-seals rows of a previous key with the current one (key rotation). Both work in batches by id, one row
/// in memory at a time, and are idempotent: a row is rewritten only while it is not sealed under the current key.
/// </summary>
public sealed class ProtectedDataMigration(AppDbContext db, FieldCipher cipher, TimeProvider clock)
{
    public const string MarkerKey = "Protection:FieldEncryption";
    public const string MarkerValue = "v1";
    private const int BatchSize = 200;

    /// <summary>The one-time pass of start-up; null when the marker says it already ran.</summary>
    public async Task<ProtectedDataResult?> EncryptExistingOnceAsync(CancellationToken cancellationToken = default)
    {
        if (await db.SystemSettings.AsNoTracking().AnyAsync(s => s.Key == MarkerKey && s.Value == MarkerValue, cancellationToken))
        {
            return null;
        }

        var result = await EncryptAsync(rekey: false, cancellationToken);
        var marker = await db.SystemSettings.FirstOrDefaultAsync(s => s.Key == MarkerKey, cancellationToken);
        if (marker is null)
        {
            db.SystemSettings.Add(new SystemSetting { Key = MarkerKey, Value = MarkerValue, UpdatedAt = clock.GetUtcNow() });
        }
        else
        {
            marker.Value = MarkerValue;
            marker.UpdatedAt = clock.GetUtcNow();
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance finished the same pass at the same moment and wrote the marker first.
            db.ChangeTracker.Clear();
            if (!await db.SystemSettings.AsNoTracking().AnyAsync(s => s.Key == MarkerKey, cancellationToken))
            {
                throw;
            }
        }

        return result;
    }

    /// <summary>
    /// Seals every plaintext value; with <paramref name="rekey"/>, also re-seals values of previous keys with the current
    /// one. Rows that do not open (a key not configured, an altered value) are listed, not changed.
    /// </summary>
    public async Task<ProtectedDataResult> EncryptAsync(bool rekey, CancellationToken cancellationToken = default)
    {
        var charts = await ChartsAsync(rekey, cancellationToken);
        var attachments = await AttachmentsAsync(rekey, cancellationToken);
        return new ProtectedDataResult(charts.Sealed + attachments.Sealed, charts.Rekeyed + attachments.Rekeyed, [.. charts.Unreadable, .. attachments.Unreadable]);
    }

    private async Task<ProtectedDataResult> ChartsAsync(bool rekey, CancellationToken cancellationToken)
    {
        // Sealed text starts with the prefix and, under the current key, with the base64 of the header that names it:
        // the database finds the rows to work on without reading the others' text into the app.
        var skip = rekey ? CurrentTextPrefix() : FieldCipher.TextPrefix;
        int sealedCount = 0, rekeyed = 0;
        var unreadable = new List<string>();
        var last = 0L;
        while (true)
        {
            var ids = await db.ChartDocuments.AsNoTracking().Where(d => d.Id > last && !d.SealedText.StartsWith(skip))
                .OrderBy(d => d.Id).Select(d => d.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                return new ProtectedDataResult(sealedCount, rekeyed, unreadable);
            }

            foreach (var id in ids)
            {
                last = id;
                var stored = await db.ChartDocuments.AsNoTracking().Where(d => d.Id == id).Select(d => d.SealedText).FirstOrDefaultAsync(cancellationToken);
                if (stored is null)
                {
                    continue;
                }

                string plaintext;
                var wasSealed = FieldCipher.IsSealedText(stored);
                try
                {
                    plaintext = wasSealed ? cipher.OpenText(stored, ChartDocument.TextPurpose) : stored;
                }
                catch (ProtectedValueException ex)
                {
                    unreadable.Add($"chart document {id.ToString(CultureInfo.InvariantCulture)}: {ex.Message}");
                    continue;
                }

                var sealedText = cipher.SealText(plaintext, ChartDocument.TextPurpose);
                // Guarded by the same condition: a row another instance sealed meanwhile is left as it is.
                var changed = await db.ChartDocuments.Where(d => d.Id == id && !d.SealedText.StartsWith(skip))
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.SealedText, sealedText), cancellationToken);
                if (changed > 0)
                {
                    _ = wasSealed ? rekeyed++ : sealedCount++;
                }
            }
        }
    }

    private async Task<ProtectedDataResult> AttachmentsAsync(bool rekey, CancellationToken cancellationToken)
    {
        // Read when first needed: a database without attachments (or none to change) needs no key at start-up.
        string? current = null;
        int sealedCount = 0, rekeyed = 0;
        var unreadable = new List<string>();
        var last = 0L;
        while (true)
        {
            // Binary columns cannot be matched by prefix in SQL on both databases: every row is looked at, one at a time.
            var ids = await db.AppealAttachments.AsNoTracking().Where(a => a.Id > last).OrderBy(a => a.Id).Select(a => a.Id)
                .Take(BatchSize).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                return new ProtectedDataResult(sealedCount, rekeyed, unreadable);
            }

            foreach (var id in ids)
            {
                last = id;
                var stored = await db.AppealAttachments.AsNoTracking().Where(a => a.Id == id).Select(a => a.SealedContent).FirstOrDefaultAsync(cancellationToken);
                if (stored is null)
                {
                    continue;
                }

                var keyId = FieldCipher.KeyIdOf(stored);
                if (keyId is not null && (!rekey || keyId == (current ??= cipher.Keys.Current.IdText)))
                {
                    continue;
                }

                byte[] plaintext;
                try
                {
                    plaintext = keyId is null ? stored : cipher.Open(stored, AppealAttachment.ContentPurpose);
                }
                catch (ProtectedValueException ex)
                {
                    unreadable.Add($"attachment {id.ToString(CultureInfo.InvariantCulture)}: {ex.Message}");
                    continue;
                }

                var sealedBytes = cipher.Seal(plaintext, AppealAttachment.ContentPurpose);
                var changed = await db.AppealAttachments.Where(a => a.Id == id)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.SealedContent, sealedBytes), cancellationToken);
                if (changed > 0)
                {
                    _ = keyId is null ? sealedCount++ : rekeyed++;
                }
            }
        }
    }

    /// <summary>The first characters every text sealed under the current key starts with (magic, version, 7 bytes of its id).</summary>
    private string CurrentTextPrefix()
    {
        var header = cipher.Seal([], "prefix")[..12];
        return FieldCipher.TextPrefix + Convert.ToBase64String(header);
    }
}
