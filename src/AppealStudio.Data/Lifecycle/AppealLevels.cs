using System.Globalization;
using AppealStudio.Core.Denials;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Lifecycle;

/// <summary>An appeal-level row as an admin types it (Settings &gt; Appeal levels).</summary>
public sealed record AppealLevelRuleInput(
    string PayerType,
    string? Payer,
    string Level,
    int? WindowDays,
    int? ReceiptPresumptionDays,
    decimal? AmountInControversy,
    DateOnly? EffectiveFrom,
    DateOnly? EffectiveTo,
    string Source);

/// <summary>
/// The successive appeal levels of a denial (issue 13): the ladder a denial page renders (done, current, next, expired,
/// each with its deadline and basis), the level an upheld decision offers (<see cref="OfferedAsync"/>, which the
/// workspace's "start the letter" uses to open the next level's appeal), and the practice's rows of the level table,
/// laid after the shipped <c>appeal-levels.csv</c>. ADR 0044.
/// </summary>
public sealed class AppealLevels(AppDbContext db, DenialRules rules, AuditLog audit, ICurrentActor actor, TimeProvider clock)
{
    private AppealLevelTable? table;
    private PayerDirectory? payers;

    /// <summary>The shipped level table with the practice's rows after it.</summary>
    public async Task<AppealLevelTable> TableAsync(CancellationToken cancellationToken = default)
    {
        if (table is null)
        {
            var rows = await db.AppealLevelRules.AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken);
            table = AppealLevelTable.Default.With(rows.Select(ToRule));
        }

        return table;
    }

    /// <summary>The ladder of a denial on <paramref name="asOf"/> (today when null); null when the denial does not exist.</summary>
    public async Task<AppealLadderResult?> LadderAsync(long denialId, DateOnly? asOf = null, CancellationToken cancellationToken = default)
    {
        RoleGuard.Demand(actor, RoleGuard.WorkDenials, "The appeal ladder");
        var denial = await db.Denials.AsNoTracking().FirstOrDefaultAsync(d => d.Id == denialId, cancellationToken);
        return denial is null ? null : await LadderForAsync(denial, asOf ?? DenialWorkflow.Today(clock), cancellationToken);
    }

    /// <summary>
    /// The next level an upheld (or partly upheld) decision offers, with its deadline counted from the decision's receipt;
    /// null when the latest appeal is not decided, was won in full, or no level is left (or its deadline passed).
    /// </summary>
    public async Task<LadderStep?> OfferedAsync(Denial denial, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(denial);
        var ladder = await LadderForAsync(denial, DenialWorkflow.Today(clock), cancellationToken);
        return ladder.Offered;
    }

    private async Task<AppealLadderResult> LadderForAsync(Denial denial, DateOnly today, CancellationToken cancellationToken)
    {
        payers ??= (await rules.BuildAssessorAsync(cancellationToken)).Payers;
        var payer = payers.Resolve(denial.PayerIdentifier, denial.PayerName).Rule;
        var appeals = await db.Appeals.AsNoTracking().Where(a => a.DenialId == denial.Id).OrderBy(a => a.Sequence).ToListAsync(cancellationToken);
        var rungs = new List<LadderAppeal>();
        foreach (var appeal in appeals)
        {
            // A first letter not sent yet has no level recorded: it is the first level. A reopening is no appeal level.
            AppealLevel level;
            if (appeal.Level is null)
            {
                level = appeal.Sequence == 1 ? AppealLevel.FirstLevel : AppealLevel.Reopening;
            }
            else if (!VocabularyCodes.TryParse(appeal.Level, out level))
            {
                continue;
            }

            if (level != AppealLevel.Reopening)
            {
                rungs.Add(new LadderAppeal(level, appeal.SubmittedOn, appeal.Decision, appeal.DecidedOn, appeal.AmountRecovered, appeal.Id));
            }
        }

        var notice = denial.RemittanceDate ?? DateOnly.FromDateTime(denial.CreatedAt.UtcDateTime);
        return AppealLadder.Build(payer, await TableAsync(cancellationToken), notice, denial.Amount, rungs, today);
    }

    public async Task<IReadOnlyList<AppealLevelRuleRow>> PracticeRowsAsync(CancellationToken cancellationToken = default)
    {
        RoleGuard.Demand(actor, RoleGuard.Settings, "Appeal level settings");
        return await db.AppealLevelRules.AsNoTracking().OrderBy(r => r.PayerType).ThenBy(r => r.Payer).ThenBy(r => r.Level).ToListAsync(cancellationToken);
    }

    /// <summary>Adds a practice row (validated by the core table first); audited.</summary>
    public async Task<LifecycleResult> AddRuleAsync(AppealLevelRuleInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        RoleGuard.Demand(actor, RoleGuard.Settings, "Appeal level settings");
        if (!VocabularyCodes.TryParse<PayerType>(input.PayerType, out var type) || !VocabularyCodes.TryParse<AppealLevel>(input.Level, out var level))
        {
            return LifecycleResult.Fail($"Choose a payer type ({string.Join(", ", VocabularyCodes.Codes<PayerType>())}) and a level.");
        }

        var rule = new AppealLevelRule(type, string.IsNullOrWhiteSpace(input.Payer) ? null : input.Payer.Trim(), level, input.WindowDays,
            input.ReceiptPresumptionDays, input.AmountInControversy, input.EffectiveFrom, input.EffectiveTo, input.Source?.Trim() ?? "");
        try
        {
            _ = new AppealLevelTable([rule]);
        }
        catch (ArgumentException ex)
        {
            return LifecycleResult.Fail(ex.Message);
        }

        // The first level's window is the one the import stores on every denial: it has one home, Settings > Payers.
        if (level == AppealLevel.FirstLevel && rule.WindowDays is not null)
        {
            return LifecycleResult.Fail("Set the first level's window in Settings > Payers (the import counts every denial's deadline from it); a row here may add its threshold or dates.");
        }

        if (rule.Source.Length == 0)
        {
            return LifecycleResult.Fail("Say where the window or threshold comes from (the regulation, the contract).");
        }

        var row = new AppealLevelRuleRow
        {
            PayerType = type.ToCode(), Payer = rule.Payer, Level = level.ToCode(), WindowDays = rule.WindowDays, ReceiptPresumptionDays = rule.ReceiptPresumptionDays,
            AmountInControversy = rule.AmountInControversy, EffectiveFrom = rule.EffectiveFrom, EffectiveTo = rule.EffectiveTo, Source = Truncate(rule.Source, 500),
            UpdatedAt = clock.GetUtcNow(), UpdatedBy = actor.Name,
        };
        db.AppealLevelRules.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync("appeal-level.added", nameof(AppealLevelRuleRow), row.Id.ToString(CultureInfo.InvariantCulture),
            $"type={row.PayerType} level={row.Level}", cancellationToken);
        table = null;
        return LifecycleResult.Ok("Level rule added.", row.Id);
    }

    public async Task<LifecycleResult> DeleteRuleAsync(int id, CancellationToken cancellationToken = default)
    {
        RoleGuard.Demand(actor, RoleGuard.Settings, "Appeal level settings");
        var row = await db.AppealLevelRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (row is null)
        {
            return LifecycleResult.Missing();
        }

        db.AppealLevelRules.Remove(row);
        audit.Add("appeal-level.deleted", nameof(AppealLevelRuleRow), id.ToString(CultureInfo.InvariantCulture), $"type={row.PayerType} level={row.Level}");
        await db.SaveChangesAsync(cancellationToken);
        table = null;
        return LifecycleResult.Ok("Level rule deleted.");
    }

    public static AppealLevelRule ToRule(AppealLevelRuleRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new AppealLevelRule(VocabularyCodes.Parse<PayerType>(row.PayerType), row.Payer, VocabularyCodes.Parse<AppealLevel>(row.Level), row.WindowDays,
            row.ReceiptPresumptionDays, row.AmountInControversy, row.EffectiveFrom, row.EffectiveTo, row.Source);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
