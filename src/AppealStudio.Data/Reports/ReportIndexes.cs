using AppealStudio.Data.Appeals;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Remittances;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Reports;

/// <summary>
/// The covering indexes that keep the report queries inside 300 ms on a million denials (docs/benchmarks.md, section 3).
/// Each one holds every column its queries read, so SQLite answers from the index alone instead of visiting a
/// million wide rows. <c>AppDbContext.OnModelCreating</c> applies them, so they are in the migrations; the benchmark
/// can add them to a database seeded without them with <see cref="EnsureAsync"/> (same names as the migration).
/// </summary>
public static class ReportIndexes
{
    /// <summary>One index: entity, database name, properties in key order.</summary>
    public sealed record Definition(Type Entity, string Name, IReadOnlyList<string> Properties, string UsedBy);

    public static readonly IReadOnlyList<Definition> All =
    [
        new(typeof(Denial), "IX_Denials_Report_Remittance",
            [nameof(Denial.RemittanceDate), nameof(Denial.PayerName), nameof(Denial.RootCause), nameof(Denial.Owner), nameof(Denial.Status),
             nameof(Denial.Amount), nameof(Denial.RenderingProviderNpi), nameof(Denial.ProcedureCode), nameof(Denial.Scenario),
             nameof(Denial.GroupCode), nameof(Denial.ReasonCode), nameof(Denial.Kind), nameof(Denial.Voided), nameof(Denial.Id)],
            "win rates, KPI denial totals and appeal outcomes, denials per month, upstream causes (date range first; Voided and " +
            "Id too, so PostgreSQL reads the range from the index alone and joins the appeals by the denial's key; ADR 125)"),
        new(typeof(Denial), "IX_Denials_Report_Open",
            [nameof(Denial.Status), nameof(Denial.PayerName), nameof(Denial.Owner), nameof(Denial.AssigneeUserId), nameof(Denial.AppealDeadline),
             nameof(Denial.RemittanceDate), nameof(Denial.Amount), nameof(Denial.Severity), nameof(Denial.Action), nameof(Denial.CreatedAt),
             nameof(Denial.RenderingProviderNpi), nameof(Denial.ProcedureCode), nameof(Denial.Scenario), nameof(Denial.Voided)],
            "inventory: open statuses (then the payer, so a payer filter seeks), age, deadline, owner, assignee, SLA clocks, filters " +
            "(Voided too: without it PostgreSQL fetched each open denial's row to test it; ADR 125)"),
        new(typeof(Appeal), "IX_Appeals_Report_Denial",
            [nameof(Appeal.DenialId), nameof(Appeal.Decision), nameof(Appeal.SubmittedOn), nameof(Appeal.DecidedOn),
             nameof(Appeal.AmountRecovered), nameof(Appeal.TemplateId)],
            "win rates and appeal outcomes: the appeal of each denial without reading the letter text"),
        new(typeof(Claim), "IX_Claims_Report_Payment",
            [nameof(Claim.PaymentId), nameof(Claim.IsReversal), nameof(Claim.Voided), nameof(Claim.ChargeAmount), nameof(Claim.RenderingProviderNpi),
             nameof(Claim.Id)],
            "initial denial rate: claims adjudicated per payment (Voided and Id too, so PostgreSQL answers from the index alone " +
            "and probes it per payment instead of scanning every claim; ADR 95)"),
        new(typeof(Denial), "IX_Denials_Report_Claim",
            [nameof(Denial.ClaimId), nameof(Denial.Voided)],
            "initial denial rate: whether a claim has a denial, from the index alone (replaces the foreign key's IX_Denials_ClaimId)"),
        new(typeof(ServiceLineRow), "IX_ServiceLines_Report_Claim",
            [nameof(ServiceLineRow.ClaimId), nameof(ServiceLineRow.ProcedureCode)],
            "initial denial rate with a specialty filter: a claim's specialty comes from its lines' procedure codes"),
        new(typeof(Payment), "IX_Payments_Report_Date",
            [nameof(Payment.PaymentDate), nameof(Payment.PayerName)],
            "initial denial rate (payments in the period) and the payer list of the filter"),
    ];

    /// <summary>Adds the indexes to the EF model (call from <c>OnModelCreating</c>, then add a migration).</summary>
    public static void Apply(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var index in All)
        {
            builder.Entity(index.Entity).HasIndex([.. index.Properties], index.Name);
        }
    }

    /// <summary>
    /// Creates any missing index with plain SQL (<c>CREATE INDEX IF NOT EXISTS</c>, valid on SQLite and PostgreSQL),
    /// for a database whose migrations do not have them yet. Table and column names come from the model.
    /// </summary>
    public static async Task EnsureAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var sql in CreateStatements(db))
        {
            await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        }
    }

    public static IEnumerable<string> CreateStatements(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var index in All)
        {
            var entity = db.Model.FindEntityType(index.Entity)
                ?? throw new InvalidOperationException($"{index.Entity.Name} is not in the model.");
            var table = entity.GetTableName()!;
            var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, entity.GetSchema());
            var columns = index.Properties.Select(p =>
                entity.FindProperty(p)?.GetColumnName(store) ?? throw new InvalidOperationException($"{index.Entity.Name}.{p} is not mapped."));
            yield return $"CREATE INDEX IF NOT EXISTS \"{index.Name}\" ON \"{table}\" ({string.Join(", ", columns.Select(c => "\"" + c + "\""))})";
        }
    }
}
