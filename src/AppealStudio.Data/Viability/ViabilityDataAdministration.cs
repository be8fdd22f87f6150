using System.Globalization;
using AppealStudio.Core.Denials;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Lifecycle;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Viability;

/// <summary>A column-1 inclusion as an admin types it.</summary>
public sealed record InclusionInput(string Column1, string Column2, string? ExceptWith, bool SameSide, bool Active, string Note, string Source);

/// <summary>A payer's physical-status units as an admin types them (P1 to P6).</summary>
public sealed record PhysicalStatusUnitsInput(string Payer, decimal P1, decimal P2, decimal P3, decimal P4, decimal P5, decimal P6, string Source);

/// <summary>
/// Settings &gt; Viability data (Admin): the practice's column-1 inclusion rows and physical-status unit rows, laid over
/// the shipped tables. Every change is validated by the core tables first and audited.
/// </summary>
public sealed class ViabilityDataAdministration(AppDbContext db, AuditLog audit, ICurrentActor actor, TimeProvider clock, DenialRules rules)
{
    /// <summary>The effective inclusions (shipped rows with the practice's laid over them) and the practice's own rows.</summary>
    public async Task<(IReadOnlyList<ColumnOneInclusion> Effective, IReadOnlyList<ColumnOneInclusionRow> PracticeRows)> InclusionsAsync(CancellationToken cancellationToken = default)
    {
        RoleGuard.Demand(actor, RoleGuard.Manage, "Viability settings");
        var rows = await db.ColumnOneInclusionRows.AsNoTracking().OrderBy(r => r.Column2).ThenBy(r => r.Column1).ToListAsync(cancellationToken);
        return (ColumnOneInclusions.Default.WithOverrides(rows.Select(ToRule)).Rules, rows);
    }

    public async Task<LifecycleResult> SaveInclusionAsync(InclusionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        RoleGuard.Demand(actor, RoleGuard.Settings, "Viability settings");
        var rule = new ColumnOneInclusion(input.Column1?.Trim() ?? "", input.Column2?.Trim() ?? "", SplitCodes(input.ExceptWith), input.SameSide,
            input.Note?.Trim() ?? "", input.Source?.Trim() ?? "") { Active = input.Active };
        try
        {
            _ = new ColumnOneInclusions([rule]);
        }
        catch (ArgumentException ex)
        {
            return LifecycleResult.Fail(ex.Message);
        }

        if (rule.Note.Length == 0 || rule.Source.Length == 0)
        {
            return LifecycleResult.Fail("Say what the rule is (note) and where it comes from (source).");
        }

        var column1 = ProcedureCodes.Normalize(rule.Column1);
        var column2 = ProcedureCodes.Normalize(rule.Column2);
        var row = await db.ColumnOneInclusionRows.FirstOrDefaultAsync(r => r.Column1 == column1 && r.Column2 == column2, cancellationToken);
        if (row is null)
        {
            row = new ColumnOneInclusionRow { Column1 = column1, Column2 = column2 };
            db.ColumnOneInclusionRows.Add(row);
        }

        row.ExceptWith = rule.ExceptWith.Count == 0 ? null : string.Join('|', rule.ExceptWith);
        row.SameSide = rule.SameSide;
        row.Active = rule.Active;
        row.Note = Truncate(rule.Note, 1000);
        row.Source = Truncate(rule.Source, 500);
        row.UpdatedAt = clock.GetUtcNow();
        row.UpdatedBy = actor.Name;
        audit.Add("viability.inclusion-saved", nameof(ColumnOneInclusionRow), $"{column1}|{column2}", $"active={(rule.Active ? "yes" : "no")}");
        await db.SaveChangesAsync(cancellationToken);
        return LifecycleResult.Ok(rule.Active ? "Inclusion saved." : "The shipped inclusion is switched off.");
    }

    public async Task<LifecycleResult> DeleteInclusionAsync(int id, CancellationToken cancellationToken = default)
    {
        RoleGuard.Demand(actor, RoleGuard.Settings, "Viability settings");
        var row = await db.ColumnOneInclusionRows.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (row is null)
        {
            return LifecycleResult.Missing();
        }

        db.ColumnOneInclusionRows.Remove(row);
        audit.Add("viability.inclusion-deleted", nameof(ColumnOneInclusionRow), $"{row.Column1}|{row.Column2}");
        await db.SaveChangesAsync(cancellationToken);
        return LifecycleResult.Ok("Practice row deleted; the shipped row (if any) applies again.");
    }

    public async Task<IReadOnlyList<PhysicalStatusUnitRow>> PhysicalStatusRowsAsync(CancellationToken cancellationToken = default)
    {
        RoleGuard.Demand(actor, RoleGuard.Manage, "Viability settings");
        return await db.PhysicalStatusUnitRows.AsNoTracking().OrderBy(r => r.Payer).ToListAsync(cancellationToken);
    }

    /// <summary>Saves a payer's units; the payer must be one of Settings &gt; Payers (its type is kept with the row).</summary>
    public async Task<LifecycleResult> SavePhysicalStatusUnitsAsync(PhysicalStatusUnitsInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        RoleGuard.Demand(actor, RoleGuard.Settings, "Viability settings");
        decimal[] values = [input.P1, input.P2, input.P3, input.P4, input.P5, input.P6];
        if (values.Any(v => v is < 0m or > 20m))
        {
            return LifecycleResult.Fail("Units are between 0 and 20.");
        }

        if (string.IsNullOrWhiteSpace(input.Source))
        {
            return LifecycleResult.Fail("Say where the units come from (the contract, the payer's policy).");
        }

        var payers = (await rules.BuildAssessorAsync(cancellationToken)).Payers;
        var payer = payers.Rules.FirstOrDefault(r => string.Equals(r.Name, input.Payer?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (payer is null)
        {
            return LifecycleResult.Fail("Choose a payer from Settings > Payers.");
        }

        var row = await db.PhysicalStatusUnitRows.FirstOrDefaultAsync(r => r.Payer == payer.Name, cancellationToken);
        if (row is null)
        {
            row = new PhysicalStatusUnitRow { Payer = payer.Name };
            db.PhysicalStatusUnitRows.Add(row);
        }

        row.PayerType = payer.Type.ToCode();
        (row.P1, row.P2, row.P3, row.P4, row.P5, row.P6) = (input.P1, input.P2, input.P3, input.P4, input.P5, input.P6);
        row.Source = Truncate(input.Source.Trim(), 500);
        row.UpdatedAt = clock.GetUtcNow();
        row.UpdatedBy = actor.Name;
        audit.Add("viability.p-units-saved", nameof(PhysicalStatusUnitRow), payer.Name,
            string.Join(' ', values.Select((v, i) => $"p{(i + 1).ToString(CultureInfo.InvariantCulture)}={v.ToString("0.##", CultureInfo.InvariantCulture)}")));
        await db.SaveChangesAsync(cancellationToken);
        return LifecycleResult.Ok("Units saved.");
    }

    /// <summary>The payers a units row may name (Settings &gt; Payers), in name order.</summary>
    public async Task<IReadOnlyList<string>> PayerNamesAsync(CancellationToken cancellationToken = default)
    {
        RoleGuard.Demand(actor, RoleGuard.Manage, "Viability settings");
        var payers = (await rules.BuildAssessorAsync(cancellationToken)).Payers;
        return payers.Rules.Select(r => r.Name).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Removes a payer's units row: the shipped table (if it has the payer's program) applies again.</summary>
    public async Task<LifecycleResult> DeletePhysicalStatusUnitsAsync(int id, CancellationToken cancellationToken = default)
    {
        RoleGuard.Demand(actor, RoleGuard.Settings, "Viability settings");
        var row = await db.PhysicalStatusUnitRows.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (row is null)
        {
            return LifecycleResult.Missing();
        }

        db.PhysicalStatusUnitRows.Remove(row);
        audit.Add("viability.p-units-deleted", nameof(PhysicalStatusUnitRow), row.Payer);
        await db.SaveChangesAsync(cancellationToken);
        return LifecycleResult.Ok($"The units of {row.Payer} were removed; the shipped table applies again.");
    }

    public static ColumnOneInclusion ToRule(ColumnOneInclusionRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new ColumnOneInclusion(row.Column1, row.Column2, SplitCodes(row.ExceptWith), row.SameSide, row.Note, row.Source) { Active = row.Active };
    }

    public static PhysicalStatusUnitRule ToRule(PhysicalStatusUnitRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var type = VocabularyCodes.TryParse<PayerType>(row.PayerType, out var t) ? t : PayerType.Commercial;
        return new PhysicalStatusUnitRule(type, row.Payer, [row.P1, row.P2, row.P3, row.P4, row.P5, row.P6], row.Source);
    }

    private static IReadOnlyList<string> SplitCodes(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(['|', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ProcedureCodes.Normalize).ToArray();

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
