using System.Globalization;
using AppealStudio.Core;
using AppealStudio.Core.Denials;
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

/// <summary>A practice row as Settings lists it: in use once its period started (then only end-dated), ended once its end passed.</summary>
public sealed record AppealLevelRowView(AppealLevelRuleRow Row, bool InUse, bool Ended);

/// <summary>
/// Settings &gt; Appeal levels: the practice's rows of the level table (laid after the shipped <c>appeal-levels.csv</c>),
/// listed for Managers and Admins and changed by Admins. A row is history once its period has started (deadlines were
/// counted from it): it can be end-dated and its source corrected, not rewritten or deleted; a change of numbers is a
/// new row from the date it applies. Rows of one key (payer type, payer, level) may not overlap in time. After every
/// change the open denials at a later level are counted again (<see cref="AppealLevels.RefreshLaterLevelDeadlinesAsync"/>).
/// Each change is audited. ADR 0090.
/// </summary>
public sealed class AppealLevelSettings(AppDbContext db, AppealLevels levels, AuditLog audit, ICurrentActor actor, TimeProvider clock)
{
    public async Task<IReadOnlyList<AppealLevelRowView>> RowsAsync(CancellationToken cancellationToken = default)
    {
        RoleGuard.Demand(actor, RoleGuard.Manage, "Appeal level settings");
        var rows = await db.AppealLevelRules.AsNoTracking().ToListAsync(cancellationToken);
        var today = DenialWorkflow.Today(clock);
        return rows.OrderBy(r => r.PayerType, StringComparer.Ordinal).ThenBy(r => r.Payer ?? "", StringComparer.OrdinalIgnoreCase)
            .ThenBy(r => VocabularyCodes.TryParse<AppealLevel>(r.Level, out var l) ? (int)l : int.MaxValue)
            .ThenBy(r => r.EffectiveFrom ?? DateOnly.MinValue).ThenBy(r => r.Id)
            .Select(r => new AppealLevelRowView(r, InUse(r), r.EffectiveTo is { } to && to < today)).ToList();
    }

    /// <summary>The shipped rows, for reading beside the practice's (they cannot be changed, only followed by a practice row).</summary>
    public static IReadOnlyList<AppealLevelRule> ShippedRows => AppealLevelTable.Default.Rules;

    /// <summary>A row is in use once its period has started: deadlines may have been counted from it.</summary>
    public bool InUse(AppealLevelRuleRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.EffectiveFrom is not { } from || from <= DenialWorkflow.Today(clock);
    }

    public async Task<LifecycleResult> AddAsync(AppealLevelRuleInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        RoleGuard.Demand(actor, RoleGuard.Settings, "Appeal level settings");
        var (rule, error) = Validate(input);
        if (error is not null)
        {
            return error;
        }

        if (await OverlapAsync(rule!, null, cancellationToken) is { } overlap)
        {
            return overlap;
        }

        var row = new AppealLevelRuleRow { UpdatedAt = clock.GetUtcNow(), UpdatedBy = Truncate(actor.Name, 256) };
        Apply(row, rule!);
        db.AppealLevelRules.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync("appeal-level.added", nameof(AppealLevelRuleRow), Id(row), Describe(row), cancellationToken);
        return await AfterChangeAsync("Level row added.", row.Id, cancellationToken);
    }

    /// <summary>
    /// Changes a row read at <paramref name="expectedUpdatedAt"/>. A row not in use yet changes freely; a row in use only
    /// its source and end date.
    /// </summary>
    public async Task<LifecycleResult> UpdateAsync(int id, DateTimeOffset expectedUpdatedAt, AppealLevelRuleInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        RoleGuard.Demand(actor, RoleGuard.Settings, "Appeal level settings");
        var row = await db.AppealLevelRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (row is null)
        {
            return LifecycleResult.Missing("That level row no longer exists.");
        }

        if (row.UpdatedAt != expectedUpdatedAt)
        {
            return Changed(row);
        }

        var (rule, error) = Validate(input);
        if (error is not null)
        {
            return error;
        }

        if (InUse(row))
        {
            var current = AppealLevels.ToRule(row);
            var same = current with { Source = rule!.Source, EffectiveTo = rule.EffectiveTo, Payer = current.Payer };
            if (same != rule with { Payer = string.IsNullOrWhiteSpace(rule.Payer) ? null : rule.Payer })
            {
                return LifecycleResult.Invalid(nameof(AppealLevelRuleInput.EffectiveFrom),
                    $"This row is in use{(row.EffectiveFrom is { } since ? " since " + Display.Date(since) : "")}: deadlines were counted from it. End-date it and add a new row from the day the change applies; only its source and end date change here.");
            }
        }

        if (await OverlapAsync(rule!, row.Id, cancellationToken) is { } overlap)
        {
            return overlap;
        }

        var before = Describe(row);
        Apply(row, rule!);
        row.UpdatedAt = NextStamp(row.UpdatedAt);
        row.UpdatedBy = Truncate(actor.Name, 256);
        audit.Add("appeal-level.changed", nameof(AppealLevelRuleRow), Id(row), $"before: {before}; after: {Describe(row)}");
        if (await SaveAsync(cancellationToken) is { } lost)
        {
            return lost;
        }

        return await AfterChangeAsync("Level row saved.", row.Id, cancellationToken);
    }

    /// <summary>Ends a row on <paramref name="lastDay"/> (the last clock-start date it applies to); the row stays as history.</summary>
    public async Task<LifecycleResult> EndAsync(int id, DateTimeOffset expectedUpdatedAt, DateOnly lastDay, CancellationToken cancellationToken = default)
    {
        RoleGuard.Demand(actor, RoleGuard.Settings, "Appeal level settings");
        var row = await db.AppealLevelRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (row is null)
        {
            return LifecycleResult.Missing("That level row no longer exists.");
        }

        if (row.UpdatedAt != expectedUpdatedAt)
        {
            return Changed(row);
        }

        if (row.EffectiveTo == lastDay)
        {
            return LifecycleResult.Invalid(nameof(AppealLevelRuleInput.EffectiveTo), $"It already ends on {Display.Date(lastDay)}.");
        }

        if (row.EffectiveFrom is { } from && lastDay < from)
        {
            return LifecycleResult.Invalid(nameof(AppealLevelRuleInput.EffectiveTo), $"The end date cannot be before the row starts ({Display.Date(from)}).");
        }

        var before = row.EffectiveTo;
        row.EffectiveTo = lastDay;
        row.UpdatedAt = NextStamp(row.UpdatedAt);
        row.UpdatedBy = Truncate(actor.Name, 256);
        audit.Add("appeal-level.ended", nameof(AppealLevelRuleRow), Id(row),
            $"{Describe(row)} was-to={(before is { } b ? Invariant.Date(b) : "open")}");
        if (await SaveAsync(cancellationToken) is { } lost)
        {
            return lost;
        }

        return await AfterChangeAsync($"The row ends on {Display.Date(lastDay)}.", row.Id, cancellationToken);
    }

    /// <summary>Deletes a row that has not applied to anything yet (a mistake); a row in use is end-dated instead.</summary>
    public async Task<LifecycleResult> DeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        RoleGuard.Demand(actor, RoleGuard.Settings, "Appeal level settings");
        var row = await db.AppealLevelRules.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (row is null)
        {
            return LifecycleResult.Missing("That level row no longer exists.");
        }

        if (InUse(row))
        {
            return LifecycleResult.Fail("This row is in use (deadlines were counted from it): end-date it instead, so its history stays.");
        }

        db.AppealLevelRules.Remove(row);
        audit.Add("appeal-level.deleted", nameof(AppealLevelRuleRow), Id(row), Describe(row));
        if (await SaveAsync(cancellationToken) is { } lost)
        {
            return lost;
        }

        return await AfterChangeAsync("Level row deleted.", null, cancellationToken);
    }

    private async Task<LifecycleResult> AfterChangeAsync(string done, long? id, CancellationToken cancellationToken)
    {
        var moved = await levels.RefreshLaterLevelDeadlinesAsync(cancellationToken);
        if (moved > 0)
        {
            await audit.RecordAsync("appeal-level.deadlines-refreshed", "Denial", null, "denials=" + moved.ToString(CultureInfo.InvariantCulture), cancellationToken);
        }

        return LifecycleResult.Ok(moved == 0 ? done : string.Create(CultureInfo.InvariantCulture, $"{done} {moved} open denial(s) at a later level have a new deadline."), id);
    }

    private static (AppealLevelRule? Rule, LifecycleResult? Error) Validate(AppealLevelRuleInput input)
    {
        if (!VocabularyCodes.TryParse<PayerType>(input.PayerType, out var type))
        {
            return (null, LifecycleResult.Invalid(nameof(input.PayerType), "Choose a payer type."));
        }

        if (!VocabularyCodes.TryParse<AppealLevel>(input.Level, out var level) || level == AppealLevel.Reopening)
        {
            return (null, LifecycleResult.Invalid(nameof(input.Level), "Choose an appeal level (a reopening's window is in Settings > Payers)."));
        }

        var payer = string.IsNullOrWhiteSpace(input.Payer) ? null : input.Payer.Trim();
        if (payer is { Length: > 200 })
        {
            return (null, LifecycleResult.Invalid(nameof(input.Payer), "Keep the payer's name under 200 characters."));
        }

        if (input.WindowDays is <= 0 or > 3650)
        {
            return (null, LifecycleResult.Invalid(nameof(input.WindowDays), "The window is a positive number of days (at most 3650)."));
        }

        // The first level's window is the one the import stores on every denial: it has one home, Settings > Payers.
        if (level == AppealLevel.FirstLevel && input.WindowDays is not null)
        {
            return (null, LifecycleResult.Invalid(nameof(input.WindowDays),
                "Set the first level's window in Settings > Payers (the import counts every denial's deadline from it); a row here may add its threshold or dates."));
        }

        if (input.ReceiptPresumptionDays is < 0 or > 60)
        {
            return (null, LifecycleResult.Invalid(nameof(input.ReceiptPresumptionDays), "The receipt presumption is between 0 and 60 days."));
        }

        if (input.AmountInControversy is < 0m)
        {
            return (null, LifecycleResult.Invalid(nameof(input.AmountInControversy), "The threshold cannot be negative."));
        }

        if (input.EffectiveFrom is { } from && input.EffectiveTo is { } to && to < from)
        {
            return (null, LifecycleResult.Invalid(nameof(input.EffectiveTo), "The end date is before the start date."));
        }

        var source = input.Source?.Trim() ?? "";
        if (source.Length == 0)
        {
            return (null, LifecycleResult.Invalid(nameof(input.Source), "Say where the window or threshold comes from (the regulation, the contract)."));
        }

        var rule = new AppealLevelRule(type, payer, level, input.WindowDays, input.ReceiptPresumptionDays, input.AmountInControversy,
            input.EffectiveFrom, input.EffectiveTo, Truncate(source, 500));
        try
        {
            // The core table's own checks, so the page and appeal-levels.csv refuse the same rows.
            _ = new AppealLevelTable([rule]);
        }
        catch (ArgumentException ex)
        {
            return (null, LifecycleResult.Fail(ex.Message));
        }

        return (rule, null);
    }

    // Two practice rows of one key in force on the same date would make the table's answer depend on row order.
    private async Task<LifecycleResult?> OverlapAsync(AppealLevelRule rule, int? exceptId, CancellationToken cancellationToken)
    {
        var type = rule.PayerType.ToCode();
        var level = rule.Level.ToCode();
        var others = await db.AppealLevelRules.AsNoTracking().Where(r => r.PayerType == type && r.Level == level && r.Id != (exceptId ?? 0))
            .ToListAsync(cancellationToken);
        var clash = others.Where(r => string.Equals(r.Payer ?? "", rule.Payer ?? "", StringComparison.OrdinalIgnoreCase))
            .FirstOrDefault(r => (r.EffectiveFrom ?? DateOnly.MinValue) <= (rule.EffectiveTo ?? DateOnly.MaxValue)
                && (rule.EffectiveFrom ?? DateOnly.MinValue) <= (r.EffectiveTo ?? DateOnly.MaxValue));
        return clash is null ? null : LifecycleResult.Invalid(nameof(AppealLevelRuleInput.EffectiveFrom),
            $"These dates overlap the row {Period(clash.EffectiveFrom, clash.EffectiveTo)} for the same payer and level: end-date that row first, or start this one after it.");
    }

    private async Task<LifecycleResult?> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return LifecycleResult.Stale("Someone else changed or deleted this row meanwhile. The list shows it as it is now.");
        }
    }

    // UpdatedAt is the row's concurrency token: every change must move it, even two saves within one clock tick (a
    // millisecond survives PostgreSQL's microsecond precision).
    private DateTimeOffset NextStamp(DateTimeOffset previous)
    {
        var now = clock.GetUtcNow();
        return now > previous.AddMilliseconds(1) ? now : previous.AddMilliseconds(1);
    }

    private static LifecycleResult Changed(AppealLevelRuleRow row) =>
        LifecycleResult.Stale($"{row.UpdatedBy ?? "Someone"} changed this row meanwhile. The list shows it as it is now; your change was not saved.");

    private static void Apply(AppealLevelRuleRow row, AppealLevelRule rule)
    {
        row.PayerType = rule.PayerType.ToCode();
        row.Payer = rule.Payer;
        row.Level = rule.Level.ToCode();
        row.WindowDays = rule.WindowDays;
        row.ReceiptPresumptionDays = rule.ReceiptPresumptionDays;
        row.AmountInControversy = rule.AmountInControversy;
        row.EffectiveFrom = rule.EffectiveFrom;
        row.EffectiveTo = rule.EffectiveTo;
        row.Source = rule.Source;
    }

    public static string Period(DateOnly? from, DateOnly? to) =>
        (from, to) switch
        {
            (null, null) => "with no dates",
            ({ } f, null) => $"from {Display.Date(f)}",
            (null, { } t) => $"until {Display.Date(t)}",
            ({ } f, { } t) => $"from {Display.Date(f)} to {Display.Date(t)}",
        };

    private static string Describe(AppealLevelRuleRow r) => string.Create(CultureInfo.InvariantCulture,
        $"type={r.PayerType} payer={(r.Payer is null ? "any" : "set")} level={r.Level} window={r.WindowDays?.ToString(CultureInfo.InvariantCulture) ?? "-"} threshold={r.AmountInControversy?.ToString("0.##", CultureInfo.InvariantCulture) ?? "-"} from={(r.EffectiveFrom is { } f ? Invariant.Date(f) : "-")} to={(r.EffectiveTo is { } t ? Invariant.Date(t) : "-")}");

    private static string Id(AppealLevelRuleRow row) => row.Id.ToString(CultureInfo.InvariantCulture);

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
