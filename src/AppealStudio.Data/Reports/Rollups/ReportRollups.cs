using System.Data.Common;
using System.Globalization;
using System.Linq.Expressions;
using AppealStudio.Core.Analytics;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Denials;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AppealStudio.Data.Reports.Rollups;

/// <summary>
/// Monthly pre-aggregates of the report queries (ADR 16). A report asks for a <see cref="RollupPlan"/>: the closed
/// calendar months inside its range come from a rollup, which is first rebuilt for any month the triggers marked
/// stale (or that was never built); the days around them, and the open month, are read raw. If a rebuild cannot get
/// its lock quickly (SQLite while an import holds the write lock), the query reads everything raw: slower, same answer.
/// </summary>
public sealed class ReportRollups(AppDbContext db, TimeProvider clock, IOptions<ReportOptions> options, ILogger<ReportRollups> logger)
{
    /// <summary>The PostgreSQL advisory lock rebuilders take; any constant, the same for every app instance ("Rollup").</summary>
    public const long PostgresLockKey = 0x526F6C6C7570;

    public bool Enabled => options.Value.UseRollups;

    private DateOnly CurrentMonth
    {
        get
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            return new DateOnly(today.Year, today.Month, 1);
        }
    }

    /// <summary>
    /// Which months of [from, to] to read from the rollup of <paramref name="family"/> (after bringing them up to date),
    /// and which days raw. <paramref name="splits"/>: days starting a new bucket of the query (a month cut by one is read raw).
    /// </summary>
    public async Task<RollupPlan> PlanAsync(string family, DateOnly from, DateOnly to, IReadOnlyCollection<DateOnly>? splits = null,
        CancellationToken cancellationToken = default)
    {
        // Inside a caller's transaction the rebuild could not commit on its own: read raw.
        if (!Enabled || from > to || db.Database.CurrentTransaction is not null)
        {
            return RollupPlan.AllRaw(from, to);
        }

        var months = RollupPlan.CandidateMonths(from, to, CurrentMonth, splits ?? []);
        if (months.Count == 0 || !await EnsureFreshAsync(family, months, cancellationToken))
        {
            return RollupPlan.AllRaw(from, to);
        }

        return RollupPlan.For(from, to, months);
    }

    /// <summary>
    /// Like <see cref="PlanAsync"/> for the claim family, which also keeps a daily rollup (ADR 95): whole closed months
    /// from the monthly rollup, the other closed days of the range from the daily one, only the open month raw. Every
    /// closed month the range touches is brought up to date first; if the lock is busy, everything is read raw.
    /// </summary>
    public async Task<RollupPlan> PlanWithDaysAsync(string family, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        if (!Enabled || from > to || db.Database.CurrentTransaction is not null)
        {
            return RollupPlan.AllRaw(from, to);
        }

        var current = CurrentMonth;
        var closedEnd = to < current ? to : current.AddDays(-1);
        if (closedEnd < from)
        {
            return RollupPlan.AllRaw(from, to);
        }

        var touched = new List<DateOnly>();
        for (var m = new DateOnly(from.Year, from.Month, 1); m <= closedEnd; m = m.AddMonths(1))
        {
            touched.Add(m);
        }

        if (!await EnsureFreshAsync(family, touched, cancellationToken))
        {
            return RollupPlan.AllRaw(from, to);
        }

        return RollupPlan.WithDays(from, to, closedEnd, RollupPlan.CandidateMonths(from, to, current, []));
    }

    /// <summary>Builds every closed month (before the current one) of every family that is stale or was never built.</summary>
    public async Task<int> RefreshAllAsync(IReadOnlyCollection<string>? families = null, CancellationToken cancellationToken = default)
    {
        var first = await db.Denials.MinAsync(d => d.RemittanceDate, cancellationToken);
        var firstPayment = await db.Payments.MinAsync(p => p.PaymentDate, cancellationToken);
        var start = new[] { first, firstPayment }.Where(d => d is not null).Select(d => d!.Value).DefaultIfEmpty(CurrentMonth).Min();
        var months = new List<DateOnly>();
        for (var m = new DateOnly(start.Year, start.Month, 1); m < CurrentMonth; m = m.AddMonths(1))
        {
            months.Add(m);
        }

        var built = 0;
        foreach (var family in families ?? RollupFamily.All)
        {
            built += await RebuildAsync(family, months, cancellationToken);
        }

        return built;
    }

    /// <summary>True when every month is fresh (rebuilding those that were not); false if the rebuild lock was busy.</summary>
    private async Task<bool> EnsureFreshAsync(string family, IReadOnlyList<DateOnly> months, CancellationToken cancellationToken)
    {
        if ((await MonthsToBuildAsync(family, months, cancellationToken)).Count == 0)
        {
            return true;
        }

        // After a lock timeout, the next queries of every request read raw for a while instead of each waiting again
        // (a page runs several queries; an import can hold SQLite's write lock for a minute).
        var database = db.Database.GetConnectionString() ?? "";
        if (BusyUntil.TryGetValue(database, out var until) && clock.GetUtcNow() < until)
        {
            return false;
        }

        try
        {
            await RebuildAsync(family, months, cancellationToken);
            return true;
        }
        catch (Exception ex) when (IsLockTimeout(ex))
        {
            BusyUntil[database] = clock.GetUtcNow().AddSeconds(BusyBackoffSeconds);
            logger.LogWarning("Report rollup {Family} not rebuilt (database busy); reading raw rows for {Seconds} s.", family, BusyBackoffSeconds);
            return false;
        }
    }

    private const int BusyBackoffSeconds = 15;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> BusyUntil = new(StringComparer.Ordinal);

    private async Task<List<DateOnly>> MonthsToBuildAsync(string family, IReadOnlyList<DateOnly> months, CancellationToken cancellationToken)
    {
        var first = months[0];
        var last = months[^1];
        var built = await db.Set<RollupBuiltMonth>().AsNoTracking()
            .Where(b => b.Family == family && b.Month >= first && b.Month <= last)
            .Select(b => b.Month).ToListAsync(cancellationToken);
        var stale = await db.Set<RollupStaleMonth>().AsNoTracking()
            .Where(s => s.Family == family && s.Month >= first && s.Month <= last)
            .Select(s => s.Month).Distinct().ToListAsync(cancellationToken);
        return months.Where(m => !built.Contains(m) || stale.Contains(m)).ToList();
    }

    /// <summary>
    /// Rebuilds the months that need it, one transaction per month (so a writer never waits long for SQLite's lock).
    /// SQLite: BEGIN IMMEDIATE takes the write lock, so no writer runs meanwhile. PostgreSQL: an advisory lock
    /// serialises rebuilders; writers are not blocked. Each month deletes its markers first and then aggregates in a
    /// later statement (READ COMMITTED: a newer snapshot), so every deleted marker's rows are in the new rollup; a
    /// writer still in flight keeps its own marker (Tx).
    /// </summary>
    private async Task<int> RebuildAsync(string family, IReadOnlyList<DateOnly> months, CancellationToken cancellationToken)
    {
        if (months.Count == 0)
        {
            return 0;
        }

        var connection = db.Database.GetDbConnection();
        var sqlite = connection as SqliteConnection;
        await db.Database.OpenConnectionAsync(cancellationToken);
        var previousTimeout = sqlite?.DefaultTimeout ?? 0;
        var built = 0;
        try
        {
            if (sqlite is not null)
            {
                // Microsoft.Data.Sqlite retries a busy database until this many seconds have passed.
                sqlite.DefaultTimeout = Math.Max(1, options.Value.RollupLockTimeoutSeconds);
            }

            foreach (var month in await MonthsToBuildAsync(family, months, cancellationToken))
            {
                built += await RebuildMonthAsync(family, month, connection is NpgsqlConnection, cancellationToken);
            }

            return built;
        }
        finally
        {
            if (sqlite is not null)
            {
                sqlite.DefaultTimeout = previousTimeout;
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<int> RebuildMonthAsync(string family, DateOnly month, bool postgres, CancellationToken cancellationToken)
    {
        RollupBuiltMonth? added = null;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (postgres)
            {
                var timeout = Math.Max(1, options.Value.RollupLockTimeoutSeconds).ToString(CultureInfo.InvariantCulture);
#pragma warning disable EF1002 // A number formatted here, not input.
                await db.Database.ExecuteSqlRawAsync($"SET LOCAL lock_timeout = '{timeout}s'", cancellationToken);
#pragma warning restore EF1002
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresLockKey})", cancellationToken);
            }

            // Under the lock: another request may have rebuilt it meanwhile.
            if ((await MonthsToBuildAsync(family, [month], cancellationToken)).Count == 0)
            {
                return 0;
            }

            await db.Set<RollupStaleMonth>().Where(s => s.Family == family && s.Month == month).ExecuteDeleteAsync(cancellationToken);
            await BuildMonthAsync(family, month, cancellationToken);
            await db.Set<RollupBuiltMonth>().Where(b => b.Family == family && b.Month == month).ExecuteDeleteAsync(cancellationToken);
            added = db.Set<RollupBuiltMonth>().Add(new RollupBuiltMonth { Family = family, Month = month, BuiltAt = clock.GetUtcNow() }).Entity;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return 1;
        }
        finally
        {
            // The request's context is shared with the page: leave nothing of ours tracked (saved or not).
            if (added is not null)
            {
                db.Entry(added).State = EntityState.Detached;
            }
        }
    }

    private static bool IsLockTimeout(Exception ex) => ex switch
    {
        SqliteException { SqliteErrorCode: 5 or 6 } => true, // SQLITE_BUSY, SQLITE_LOCKED
        PostgresException { SqlState: "55P03" } => true, // lock_not_available (lock_timeout)
        _ => ex.InnerException is not null && IsLockTimeout(ex.InnerException),
    };

    private async Task BuildMonthAsync(string family, DateOnly month, CancellationToken cancellationToken)
    {
        var end = month.AddMonths(1).AddDays(-1);
        switch (family)
        {
            case RollupFamily.Denials:
                await db.Set<DenialRollup>().Where(r => r.Month == month).ExecuteDeleteAsync(cancellationToken);
                await db.Set<DenialProviderRollup>().Where(r => r.Month == month).ExecuteDeleteAsync(cancellationToken);
                await db.Set<DenialProcedureRollup>().Where(r => r.Month == month).ExecuteDeleteAsync(cancellationToken);
                var facts = DenialFacts(month, end);
                await InsertAsync("ReportDenialRollups", month, null, facts
                    .GroupBy(x => new { x.PayerName, x.Specialty, x.RootCause, x.Owner })
                    .Select(g => new
                    {
                        g.Key.PayerName,
                        g.Key.Specialty,
                        g.Key.RootCause,
                        g.Key.Owner,
                        Count = g.Count(),
                        Amount = g.Sum(x => x.Amount),
                        WrittenOff = g.Sum(x => x.WrittenOff ? 1 : 0),
                        WrittenOffAmount = g.Sum(x => x.WrittenOff ? x.Amount : 0m),
                    }), cancellationToken);
                await InsertAsync("ReportDenialProviderRollups", month, null, facts
                    .GroupBy(x => new { x.PayerName, x.RenderingProviderNpi, x.Specialty, x.RootCause, x.Owner })
                    .Select(g => new
                    {
                        g.Key.PayerName,
                        g.Key.RenderingProviderNpi,
                        g.Key.Specialty,
                        g.Key.RootCause,
                        g.Key.Owner,
                        Count = g.Count(),
                        Amount = g.Sum(x => x.Amount),
                        WrittenOff = g.Sum(x => x.WrittenOff ? 1 : 0),
                        WrittenOffAmount = g.Sum(x => x.WrittenOff ? x.Amount : 0m),
                    }), cancellationToken);
                await InsertAsync("ReportDenialProcedureRollups", month, null, facts
                    .GroupBy(x => new { x.PayerName, x.Specialty, x.RootCause, x.ProcedureCode })
                    .Select(g => new
                    {
                        g.Key.PayerName,
                        g.Key.Specialty,
                        g.Key.RootCause,
                        g.Key.ProcedureCode,
                        Count = g.Count(),
                        Amount = g.Sum(x => x.Amount),
                    }), cancellationToken);
                break;
            case RollupFamily.Appeals:
                await db.Set<AppealRollup>().Where(r => r.Month == month).ExecuteDeleteAsync(cancellationToken);
                foreach (var dimension in Enum.GetValues<WinRateDimension>())
                {
                    var appeals = WinRateReport.Pairs(db, db.Denials.Where(d => d.RemittanceDate >= month && d.RemittanceDate <= end))
                        .Select(WinRateReport.Facts(dimension, ReportFilter.SpecialtyOf()));
                    await InsertAsync("ReportAppealRollups", month, ("Dimension", (int)dimension), appeals
                        .GroupBy(x => new { x.PayerName, x.Specialty, x.Key, x.Decision })
                        .Select(g => new
                        {
                            g.Key.PayerName,
                            g.Key.Specialty,
                            g.Key.Key,
                            g.Key.Decision,
                            Count = g.Count(),
                            Amount = g.Sum(x => x.Amount),
                            Recovered = g.Sum(x => x.Recovered ?? 0m),
                            Submitted = g.Sum(x => x.SubmittedOn != null ? 1 : 0),
                            DaysToAppeal = g.Sum(x => x.SubmittedOn == null ? 0 : x.SubmittedOn.Value.DayNumber - x.RemittanceDate!.Value.DayNumber),
                            DecidedWithDates = g.Sum(x => x.SubmittedOn != null && x.DecidedOn != null ? 1 : 0),
                            DaysToDecision = g.Sum(x => x.SubmittedOn == null || x.DecidedOn == null ? 0 : x.DecidedOn.Value.DayNumber - x.SubmittedOn.Value.DayNumber),
                        }), cancellationToken);
                }

                break;
            case RollupFamily.Claims:
                await db.Set<ClaimRollup>().Where(r => r.Month == month).ExecuteDeleteAsync(cancellationToken);
                await db.Set<ClaimDayRollup>().Where(r => r.Day >= month && r.Day <= end).ExecuteDeleteAsync(cancellationToken);
                var ortho = db.ServiceLines.Where(ReportFilter.LineIn(Specialty.Orthopedics));
                var cardio = db.ServiceLines.Where(ReportFilter.LineIn(Specialty.Cardiology));
                var anesthesia = db.ServiceLines.Where(ReportFilter.LineIn(Specialty.Anesthesia));
                var mental = db.ServiceLines.Where(ReportFilter.LineIn(Specialty.MentalHealth));
                var denials = db.Denials;
                var claims = db.Claims
                    .Where(c => !c.IsReversal && c.Payment.PaymentDate >= month && c.Payment.PaymentDate <= end)
                    .Select(c => new
                    {
                        c.Payment.PaymentDate,
                        c.Payment.PayerName,
                        c.RenderingProviderNpi,
                        Specialties = (ortho.Any(l => l.ClaimId == c.Id) ? 1 << (int)Specialty.Orthopedics : 0) +
                            (cardio.Any(l => l.ClaimId == c.Id) ? 1 << (int)Specialty.Cardiology : 0) +
                            (anesthesia.Any(l => l.ClaimId == c.Id) ? 1 << (int)Specialty.Anesthesia : 0) +
                            (mental.Any(l => l.ClaimId == c.Id) ? 1 << (int)Specialty.MentalHealth : 0),
                        Denied = denials.Any(d => d.ClaimId == c.Id),
                        c.ChargeAmount,
                    });
                await InsertAsync("ReportClaimRollups", month, null, claims
                    .GroupBy(x => new { x.PayerName, x.RenderingProviderNpi, x.Specialties, x.Denied })
                    .Select(g => new
                    {
                        g.Key.PayerName,
                        g.Key.RenderingProviderNpi,
                        g.Key.Specialties,
                        g.Key.Denied,
                        Count = g.Count(),
                        Charges = g.Sum(x => x.ChargeAmount),
                    }), cancellationToken);

                // The same claims by payment day (no provider): the partial months at the edges of a report range.
                await InsertAsync("ReportClaimDayRollups", null, null, claims
                    .GroupBy(x => new { x.PaymentDate, x.PayerName, x.Specialties, x.Denied })
                    .Select(g => new
                    {
                        Day = g.Key.PaymentDate!.Value,
                        g.Key.PayerName,
                        g.Key.Specialties,
                        g.Key.Denied,
                        Count = g.Count(),
                        Charges = g.Sum(x => x.ChargeAmount),
                    }), cancellationToken);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(family), family, "Unknown rollup family.");
        }
    }

    /// <summary>The denials of one month with the specialty computed by the same SQL as the report filter.</summary>
    private IQueryable<DenialFact> DenialFacts(DateOnly month, DateOnly end)
    {
        Expression<Func<Denial, Specialty, DenialFact>> template = (d, specialty) => new DenialFact
        {
            PayerName = d.PayerName,
            RenderingProviderNpi = d.RenderingProviderNpi,
            Specialty = specialty,
            RootCause = d.RootCause,
            Owner = d.Owner,
            ProcedureCode = d.ProcedureCode,
            Amount = d.Amount,
            WrittenOff = d.Status == DenialStatus.WrittenOff,
        };
        return db.Denials.Where(d => d.RemittanceDate >= month && d.RemittanceDate <= end)
            .Select(ExpressionInline.Bind(template, ReportFilter.SpecialtyOf()));
    }

    /// <summary>
    /// INSERT INTO table (Month, [constant column,] projected columns) SELECT month, [constant,] q.* FROM (EF's SQL of
    /// the aggregate) AS q: the aggregate runs in the database with the very predicates the raw report queries use.
    /// The projection's member names are the rollup's column names. The month and the constant are literals made
    /// here from a DateOnly and an int (EF would evaluate a constant projection on the client, not in SQL).
    /// </summary>
    private async Task InsertAsync<T>(string table, DateOnly? month, (string Column, int Value)? constant, IQueryable<T> aggregate,
        CancellationToken cancellationToken)
    {
        await using var command = aggregate.CreateDbCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Rollups are rebuilt inside a transaction.");
        var columns = typeof(T).GetProperties().Select(p => "\"" + p.Name + "\"").ToList();
        // Without a month, the projection carries its own date column (the daily claim rollup).
        var monthColumn = month is null ? "" : "\"Month\", ";
        var monthLiteral = month is not { } m ? "" : (command.Connection is NpgsqlConnection ? "DATE " : "") +
            "'" + m.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "', ";
        var constantColumn = constant is { } c ? $"\"{c.Column}\", " : "";
        var constantValue = constant is { } v ? v.Value.ToString(CultureInfo.InvariantCulture) + ", " : "";
#pragma warning disable CA2100 // Table and column names are this class's constants and the projection's member names.
        command.CommandText =
            $"INSERT INTO \"{table}\" ({monthColumn}{constantColumn}{string.Join(", ", columns)}) " +
            $"SELECT {monthLiteral}{constantValue}{string.Join(", ", columns.Select(col => "q." + col))} FROM ({command.CommandText}) AS q";
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal sealed class DenialFact
    {
        public string PayerName { get; init; } = "";

        public string? RenderingProviderNpi { get; init; }

        public Specialty Specialty { get; init; }

        public string RootCause { get; init; } = "";

        public string Owner { get; init; } = "";

        public string? ProcedureCode { get; init; }

        public decimal Amount { get; init; }

        public bool WrittenOff { get; init; }
    }
}

/// <summary>Splices one lambda into another, so that a shared SQL expression (the specialty CASE) is written once.</summary>
internal static class ExpressionInline
{
    /// <summary>x => template(x, argument(x)).</summary>
    public static Expression<Func<TIn, TOut>> Bind<TIn, TArg, TOut>(Expression<Func<TIn, TArg, TOut>> template, Expression<Func<TIn, TArg>> argument)
    {
        var x = template.Parameters[0];
        var value = new Swap(argument.Parameters[0], x).Visit(argument.Body);
        return Expression.Lambda<Func<TIn, TOut>>(new Swap(template.Parameters[1], value).Visit(template.Body), x);
    }

    /// <summary>Replaces the lambda's parameters with the given expressions and returns its body.</summary>
    public static Expression Apply(LambdaExpression lambda, params Expression[] arguments)
    {
        var body = lambda.Body;
        for (var i = 0; i < arguments.Length; i++)
        {
            body = new Swap(lambda.Parameters[i], arguments[i]).Visit(body);
        }

        return body;
    }

    private sealed class Swap(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
