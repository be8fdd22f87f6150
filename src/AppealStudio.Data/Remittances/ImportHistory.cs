using System.Globalization;
using System.Text.RegularExpressions;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Remittances;

/// <summary>One import in the history list.</summary>
public sealed record ImportRow(
    long Id,
    string FileName,
    DateTimeOffset ImportedAt,
    string ImportedBy,
    ImportStatus Status,
    int Claims,
    int Denials,
    decimal DeniedAmount,
    int SkippedClaims,
    int Warnings,
    string? Error,
    DateTimeOffset? VoidedAt = null,
    string? VoidedBy = null,
    string? VoidReason = null)
{
    /// <summary>Taken back by an Admin or Manager: its denials, claims and payments are hidden everywhere until undone or purged.</summary>
    public bool Voided => VoidedAt is not null;
}

/// <summary>One page of the import history, newest first.</summary>
public sealed record ImportPage(IReadOnlyList<ImportRow> Rows, int Total);

/// <summary>A warning of an import in words, with the segment it points at when there is one.</summary>
public sealed record ImportWarning(long? Segment, string Text);

/// <summary>An import's summary page: its counts, what its denials are, and its warnings.</summary>
public sealed record ImportDetail(
    ImportRow Import,
    int Payments,
    int Lines,
    IReadOnlyList<KeyValuePair<string, int>> ByCategory,
    IReadOnlyList<KeyValuePair<string, int>> ByRootCause,
    IReadOnlyList<ImportWarning> Warnings);

/// <summary>A denial an import created, as the import's page lists it (a link to the denial).</summary>
public sealed record ImportDenialRow(
    long Id,
    string Patient,
    string PatientControlNumber,
    string? PayerClaimNumber,
    string PayerName,
    string? ProcedureCode,
    string Kind,
    string? GroupCode,
    string? ReasonCode,
    decimal Amount,
    string RootCause,
    string? Scenario,
    DateOnly? Deadline,
    bool DeadlineIsDefault,
    DenialStatus Status);

/// <summary>One page of an import's denials, highest priority first, and the day their deadlines count from.</summary>
public sealed record ImportDenialPage(IReadOnlyList<ImportDenialRow> Rows, int Total, DateOnly Today);

/// <summary>
/// The Imports pages' reads: the history (newest first, paged), one import's summary and the denials it created.
/// Specialists, managers and admins only; opening an import's page is audited (its id, never a name).
/// </summary>
public sealed partial class ImportHistory(AppDbContext db, AuditLog audit, ICurrentActor actor, TimeProvider clock)
{
    public const int MaxPageSize = 100;

    public async Task<ImportPage> PageAsync(int page, int pageSize, CancellationToken cancellationToken = default)
    {
        RemittanceUploads.Demand(actor);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var total = await db.RemittanceImports.CountAsync(cancellationToken);
        var rows = await Project(db.RemittanceImports.AsNoTracking().OrderByDescending(i => i.Id))
            .Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        return new ImportPage(rows.Select(Readable).ToList(), total);
    }

    /// <summary>One import's row (the result of an upload as it finishes), or null.</summary>
    public async Task<ImportRow?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        RemittanceUploads.Demand(actor);
        var row = await Project(db.RemittanceImports.AsNoTracking().Where(i => i.Id == id)).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : Readable(row);
    }

    /// <summary>An import's summary, or null when there is no such import. Audited as <c>remit.import-view</c>.</summary>
    public async Task<ImportDetail?> DetailAsync(long id, CancellationToken cancellationToken = default)
    {
        RemittanceUploads.Demand(actor);
        var import = await db.RemittanceImports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (import is null)
        {
            return null;
        }

        await audit.RecordViewAsync("remit.import-view", "RemittanceImport", id.ToString(CultureInfo.InvariantCulture), null, cancellationToken);
        var denials = db.Denials.AsNoTracking().Where(d => d.Claim.ImportId == id);
        var byCategory = await denials.GroupBy(d => d.Category).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var byRootCause = await denials.GroupBy(d => d.RootCause).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return new ImportDetail(
            Row(import),
            import.PaymentCount,
            import.LineCount,
            byCategory.OrderByDescending(x => x.Count).ThenBy(x => x.Key, StringComparer.Ordinal).Select(x => new KeyValuePair<string, int>(x.Key, x.Count)).ToList(),
            byRootCause.OrderByDescending(x => x.Count).ThenBy(x => x.Key, StringComparer.Ordinal).Select(x => new KeyValuePair<string, int>(x.Key, x.Count)).ToList(),
            Warnings(import.Warnings));
    }

    /// <summary>One page of the denials an import created, highest priority first (ties by id).</summary>
    public async Task<ImportDenialPage> DenialsAsync(long importId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        RemittanceUploads.Demand(actor);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var query = db.Denials.AsNoTracking().Where(d => d.Claim.ImportId == importId);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(d => d.PriorityScore).ThenBy(d => d.Id)
            .Skip(Math.Max(0, page) * pageSize).Take(pageSize)
            .Select(d => new
            {
                d.Id, d.Claim.PatientLastName, d.Claim.PatientFirstName, d.Claim.PatientControlNumber, d.Claim.PayerClaimNumber, d.PayerName,
                d.ProcedureCode, d.Kind, d.GroupCode, d.ReasonCode, d.Amount, d.RootCause, d.Scenario, d.AppealDeadline, d.DeadlineIsDefault, d.Status,
            })
            .ToListAsync(cancellationToken);
        await audit.RecordViewAsync("remit.import-denials-view", "RemittanceImport", importId.ToString(CultureInfo.InvariantCulture),
            AuditLog.Ids(rows.Select(r => r.Id)), cancellationToken);
        return new ImportDenialPage(
            rows.Select(d => new ImportDenialRow(d.Id, PatientName(d.PatientLastName, d.PatientFirstName), d.PatientControlNumber, d.PayerClaimNumber,
                d.PayerName, d.ProcedureCode, d.Kind, d.GroupCode, d.ReasonCode, d.Amount, d.RootCause, d.Scenario, d.AppealDeadline,
                d.DeadlineIsDefault, d.Status)).ToList(),
            total,
            DenialWorkflow.Today(clock));
    }

    /// <summary>
    /// A parser message as a person reads it: the segment number says where the file broke; the byte offset, which
    /// only a developer's tool can use, is left out (the command line still prints it).
    /// </summary>
    public static string ForPeople(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return ByteOffset().Replace(message, "");
    }

    /// <summary>Stored warning lines ("segment 12: ...") as a segment and a sentence.</summary>
    public static IReadOnlyList<ImportWarning> Warnings(string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored))
        {
            return [];
        }

        var result = new List<ImportWarning>();
        foreach (var line in stored.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = SegmentPrefix().Match(line);
            result.Add(match.Success && long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var segment)
                ? new ImportWarning(segment, ForPeople(line[match.Length..]))
                : new ImportWarning(null, ForPeople(line)));
        }

        return result;
    }

    internal static string PatientName(string? last, string? first) =>
        string.IsNullOrWhiteSpace(last) && string.IsNullOrWhiteSpace(first) ? ""
            : string.Join(", ", new[] { last, first }.Where(s => !string.IsNullOrWhiteSpace(s)));

    private static IQueryable<ImportRow> Project(IQueryable<RemittanceImport> imports) => imports.Select(i => new ImportRow(
        i.Id, i.FileName, i.ImportedAt, i.ImportedBy, i.Status, i.ClaimCount, i.DenialCount, i.DeniedAmount, i.SkippedClaimCount,
        i.WarningCount, i.Error, i.VoidedAt, i.VoidedBy, i.VoidReason));

    private static ImportRow Row(RemittanceImport i) => Readable(new(i.Id, i.FileName, i.ImportedAt, i.ImportedBy, i.Status, i.ClaimCount,
        i.DenialCount, i.DeniedAmount, i.SkippedClaimCount, i.WarningCount, i.Error, i.VoidedAt, i.VoidedBy, i.VoidReason));

    private static ImportRow Readable(ImportRow row) => row.Error is null ? row : row with { Error = ForPeople(row.Error) };

    [GeneratedRegex(@"(\s*\(byte \d+\))|(,\s*byte \d+)", RegexOptions.CultureInvariant)]
    private static partial Regex ByteOffset();

    [GeneratedRegex(@"^segment (\d+):\s*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SegmentPrefix();
}
