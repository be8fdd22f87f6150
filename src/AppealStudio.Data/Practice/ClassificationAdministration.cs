using System.Globalization;
using System.Text;
using AppealStudio.Core.Denials;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Practice;

/// <summary>What an Admin submits for a classification override (codes as text, checked against the core vocabularies).</summary>
/// <param name="Modifiers">Modifiers separated by spaces or commas; empty = any line.</param>
/// <param name="Reason">Why the practice departs from the shipped row (required; kept on the row).</param>
/// <param name="Stamp">The <see cref="ClassificationOverride.UpdatedAt"/> ticks the form was opened with.</param>
/// <param name="Liability">Who owes the amount (provider, patient, other-payer, payer); empty = as the group code says.</param>
public sealed record OverrideDraft(
    string GroupCode,
    string ReasonCode,
    string? RemarkCode,
    string? Modifiers,
    string Severity,
    string Action,
    string Category,
    string RootCause,
    string Owner,
    string Explanation,
    string Reason,
    long? Stamp = null,
    string? Liability = null);

/// <summary>One row of the effective table and where it comes from.</summary>
/// <param name="Override">The override row that provides it; null for a shipped row.</param>
/// <param name="ReplacesShipped">The override has the key of a shipped row and replaces it.</param>
public sealed record EffectiveRule(ClassificationRule Rule, ClassificationOverride? Override, bool ReplacesShipped)
{
    public bool IsOverride => Override is not null;
}

/// <summary>The table the assessor uses now, or the shipped one with the reason the overrides could not be applied.</summary>
public sealed record EffectiveTable(ClassificationTable Table, IReadOnlyList<EffectiveRule> Rows, string? Problem);

/// <summary>
/// Settings &gt; Classification: the Admin's override rows laid over the shipped table. A row is refused unless the
/// table still builds with it (so an override can never stop imports); each change is audited with codes only, and the
/// open denials carrying the CARC involved are classified again (except those a specialist classified by hand).
/// </summary>
public sealed class ClassificationAdministration(AppDbContext db, DenialReassessment reassessment, AuditLog audit, ICurrentActor actor,
    TimeProvider clock)
{
    /// <summary>The group codes a row may name (<c>*</c> = any group).</summary>
    public static IReadOnlyList<string> Groups { get; } = ["*", "CO", "PR", "OA", "PI", "CR"];

    public async Task<EffectiveTable> EffectiveAsync(CancellationToken cancellationToken = default)
    {
        SettingsAccess.DemandAdmin(actor);
        var overrides = await db.ClassificationOverrides.AsNoTracking().OrderBy(o => o.Id).ToListAsync(cancellationToken);
        var shipped = ClassificationTable.Default;
        ClassificationTable table;
        Dictionary<string, ClassificationOverride> byKey;
        try
        {
            byKey = overrides.ToDictionary(o => DenialRules.ToRule(o).Normalize().Key, StringComparer.Ordinal);
            table = overrides.Count == 0 ? shipped : shipped.WithOverrides(overrides.Select(DenialRules.ToRule));
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            // Rows written around this page (by hand in the database) must not hide the table: show the shipped one.
            return new EffectiveTable(shipped, shipped.Rules.Select(r => new EffectiveRule(r, null, false)).ToList(),
                "The override rows could not be applied, so imports will fail until one is fixed or deleted: " + ex.Message);
        }

        var shippedKeys = shipped.Rules.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var rows = table.Rules
            .Select(r => new EffectiveRule(r, byKey.GetValueOrDefault(r.Key), byKey.ContainsKey(r.Key) && shippedKeys.Contains(r.Key)))
            .ToList();
        return new EffectiveTable(table, rows, null);
    }

    public Task<ClassificationOverride?> FindAsync(int id, CancellationToken cancellationToken = default)
    {
        SettingsAccess.DemandAdmin(actor);
        return db.ClassificationOverrides.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
    }

    /// <summary>The effective table in the shipped CSV format (it reads back with <see cref="ClassificationTable.FromCsv"/>).</summary>
    public async Task<string> ExportCsvAsync(CancellationToken cancellationToken = default)
    {
        SettingsAccess.DemandAdmin(actor);
        var effective = await EffectiveAsync(cancellationToken);
        await audit.RecordAsync("classification.export", "ClassificationTable", null,
            "rows=" + effective.Rows.Count.ToString(CultureInfo.InvariantCulture) + " overrides=" + effective.Rows.Count(r => r.IsOverride).ToString(CultureInfo.InvariantCulture),
            cancellationToken);
        return effective.Table.ToCsv();
    }

    public async Task<SettingsResult> CreateAsync(OverrideDraft draft, CancellationToken cancellationToken = default)
    {
        SettingsAccess.DemandAdmin(actor);
        ArgumentNullException.ThrowIfNull(draft);
        var rows = await db.ClassificationOverrides.AsNoTracking().ToListAsync(cancellationToken);
        var row = new ClassificationOverride();
        var errors = Validate(draft, rows, null, row);
        if (errors.Count > 0)
        {
            return SettingsResult.Fail(errors);
        }

        row.UpdatedAt = clock.GetUtcNow();
        row.UpdatedBy = actor.Name;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.ClassificationOverrides.Add(row);
            await db.SaveChangesAsync(cancellationToken);
            // The audit row needs the new id, so it is written after the insert, in the same transaction.
            await audit.RecordAsync("classification.override-create", "ClassificationOverride", Id(row.Id), Describe(row), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var notices = Notices(row, rows);
        return SettingsResult.Ok(row.Id, await RecomputeAsync(row.Id, [row.ReasonCode], cancellationToken)) with { Notices = notices };
    }

    /// <summary>
    /// What saving <paramref name="draft"/> would take over, without saving: the shipped row it replaces (same key) and
    /// the shipped rows it outranks for the denials both describe, as sentences for the form.
    /// </summary>
    public async Task<IReadOnlyList<string>> PreviewNoticesAsync(OverrideDraft draft, int? id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var rows = await db.ClassificationOverrides.AsNoTracking().ToListAsync(cancellationToken);
        var target = new ClassificationOverride { Id = id ?? 0 };
        return Validate(draft, rows, id, target).Count > 0 ? [] : Notices(target, rows);
    }

    public async Task<SettingsResult> UpdateAsync(int id, OverrideDraft draft, CancellationToken cancellationToken = default)
    {
        SettingsAccess.DemandAdmin(actor);
        ArgumentNullException.ThrowIfNull(draft);
        var rows = await db.ClassificationOverrides.AsNoTracking().ToListAsync(cancellationToken);
        var current = rows.FirstOrDefault(o => o.Id == id);
        if (current is null)
        {
            return SettingsResult.Missing();
        }

        if (draft.Stamp is { } stamp && stamp != current.UpdatedAt.UtcTicks)
        {
            return SettingsResult.Fail("", $"This override was changed by {current.UpdatedBy ?? "someone else"} since you opened it. "
                + "Your input is kept below: compare it with the saved row (reload the page) and save again.");
        }

        var updated = new ClassificationOverride { Id = id };
        var errors = Validate(draft, rows, id, updated);
        if (errors.Count > 0)
        {
            return SettingsResult.Fail(errors);
        }

        var changes = Changes(current, updated);
        if (changes.Length == 0)
        {
            return SettingsResult.Ok(id, ReassessmentResult.None);
        }

        updated.UpdatedAt = clock.GetUtcNow();
        updated.UpdatedBy = actor.Name;
        db.ClassificationOverrides.Update(updated);
        audit.Add("classification.override-update", "ClassificationOverride", Id(id), changes);
        await db.SaveChangesAsync(cancellationToken);
        var notices = Notices(updated, rows);
        return SettingsResult.Ok(id, await RecomputeAsync(id, [current.ReasonCode, updated.ReasonCode], cancellationToken)) with { Notices = notices };
    }

    public async Task<SettingsResult> DeleteAsync(int id, long? stamp, CancellationToken cancellationToken = default)
    {
        SettingsAccess.DemandAdmin(actor);
        var current = await db.ClassificationOverrides.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (current is null)
        {
            return SettingsResult.Missing();
        }

        if (stamp is { } s && s != current.UpdatedAt.UtcTicks)
        {
            return SettingsResult.Fail("", $"This override was changed by {current.UpdatedBy ?? "someone else"} since you opened it: "
                + "open it again and check before deleting.");
        }

        db.ClassificationOverrides.Remove(current);
        audit.Add("classification.override-delete", "ClassificationOverride", Id(id), Describe(current));
        await db.SaveChangesAsync(cancellationToken);
        return SettingsResult.Ok(id, await RecomputeAsync(id, [current.ReasonCode], cancellationToken));
    }

    private Task<ReassessmentResult> RecomputeAsync(int id, IReadOnlyCollection<string> carcs, CancellationToken cancellationToken) =>
        reassessment.ReassessAsync(
            new ReassessmentScope("classification-override:" + Id(id), PayerFilter: null, carcs.Distinct(StringComparer.Ordinal).ToList(), Reclassify: true),
            cancellationToken);

    private static List<FieldError> Validate(OverrideDraft draft, IReadOnlyList<ClassificationOverride> rows, int? id, ClassificationOverride target)
    {
        var errors = new List<FieldError>();
        var group = (draft.GroupCode ?? "").Trim().ToUpperInvariant();
        if (!Groups.Contains(group, StringComparer.Ordinal))
        {
            errors.Add(new("GroupCode", $"Choose the group code: {string.Join(", ", Groups)} (* = any group)."));
        }

        var carc = (draft.ReasonCode ?? "").Trim().ToUpperInvariant();
        if (carc.Length == 0)
        {
            errors.Add(new("ReasonCode", "Enter the CARC the row is for, e.g. 97, or (SILENT) for silent denials."));
        }
        else if (carc.Length > 8)
        {
            // The column holds 8 characters: every CARC fits, and so does (SILENT); (UNDERPAYMENT) does not.
            errors.Add(new("ReasonCode", "A CARC has at most 8 characters (underpayment rows cannot be overridden here)."));
        }

        var rarc = string.IsNullOrWhiteSpace(draft.RemarkCode) ? null : draft.RemarkCode.Trim().ToUpperInvariant();
        if (rarc is { Length: > 8 })
        {
            errors.Add(new("RemarkCode", "A RARC has at most 8 characters, e.g. N19 or M80."));
        }

        var modifiers = (draft.Modifiers ?? "")
            .Split([' ', ',', ';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(m => m.ToUpperInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToArray();

        var severity = Code<Severity>(errors, "Severity", "severity", draft.Severity);
        var action = Code<RecommendedAction>(errors, "Action", "recommended action", draft.Action);
        var category = Code<DenialCategory>(errors, "Category", "category", draft.Category);
        var rootCause = Code<RootCause>(errors, "RootCause", "root cause", draft.RootCause);
        var owner = Code<Owner>(errors, "Owner", "owner", draft.Owner);
        Liability? liability = null;
        if (!string.IsNullOrWhiteSpace(draft.Liability))
        {
            liability = Code<Liability>(errors, "Liability", "liability (or leave it empty to follow the group code)", draft.Liability);
        }

        var explanation = (draft.Explanation ?? "").Trim();
        if (explanation.Length == 0)
        {
            errors.Add(new("Explanation", "Write the sentence the specialist reads for this denial (what happened and what to do)."));
        }
        else if (explanation.Length > 1000)
        {
            errors.Add(new("Explanation", "The explanation can have at most 1000 characters."));
        }

        var reason = (draft.Reason ?? "").Trim();
        if (reason.Length == 0)
        {
            errors.Add(new("Reason", "Say why the practice changes this rule (a payer bulletin, a contract term, an audit finding)."));
        }
        else if (reason.Length > 1000)
        {
            errors.Add(new("Reason", "The reason can have at most 1000 characters."));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        ClassificationRule rule;
        try
        {
            rule = new ClassificationRule(group, carc, rarc, modifiers, severity, action, category, rootCause, owner, explanation)
            {
                Liability = liability,
            }.Normalize();
        }
        catch (ArgumentException ex)
        {
            errors.Add(new(ex.ParamName switch
            {
                "Group" => "GroupCode",
                "Carc" => "ReasonCode",
                "Rarc" => "RemarkCode",
                "Modifiers" => "Modifiers",
                "Explanation" => "Explanation",
                _ => "",
            }, ex.Message.Split(" (Parameter", 2)[0]));
            return errors;
        }

        var joinedModifiers = rule.Modifiers.Count == 0 ? null : string.Join(',', rule.Modifiers);
        if (joinedModifiers is { Length: > 64 })
        {
            errors.Add(new("Modifiers", "Too many modifiers for one row (at most 64 characters)."));
            return errors;
        }

        var others = rows.Where(r => r.Id != id).ToList();
        if (others.FirstOrDefault(o => SameKey(o, rule)) is { } twin)
        {
            errors.Add(new("", $"Override #{twin.Id.ToString(CultureInfo.InvariantCulture)} already covers {rule.Id}: edit that row instead."));
            return errors;
        }

        target.GroupCode = rule.Group;
        target.ReasonCode = rule.Carc;
        target.RemarkCode = rule.Rarc;
        target.Modifiers = joinedModifiers;
        target.Severity = severity.ToCode();
        target.Action = action.ToCode();
        target.Category = category.ToCode();
        target.RootCause = rootCause.ToCode();
        target.Owner = owner.ToCode();
        target.Liability = liability?.ToCode();
        target.Explanation = rule.Explanation;
        target.Reason = reason;

        // Imports build the table from every override: refuse a row the table would not accept.
        try
        {
            _ = ClassificationTable.Default.WithOverrides([.. others.Select(DenialRules.ToRule), DenialRules.ToRule(target)]);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            errors.Add(new("", ex.Message.Split(" (Parameter", 2)[0]));
        }

        return errors;
    }

    /// <summary>
    /// The sentences an Admin reads after saving <paramref name="row"/>: which shipped row it replaces, and which
    /// shipped rows it outranks (precedence: a modifier condition first, then group and remark specificity), so that
    /// nobody is surprised that a shipped rule stopped deciding.
    /// </summary>
    private static List<string> Notices(ClassificationOverride row, IReadOnlyList<ClassificationOverride> rows)
    {
        var notices = new List<string>();
        ClassificationRule rule;
        ClassificationTable others;
        try
        {
            rule = DenialRules.ToRule(row).Normalize();
            others = ClassificationTable.Default.WithOverrides(rows.Where(o => o.Id != row.Id).Select(DenialRules.ToRule));
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            return notices;
        }

        var shipped = ClassificationTable.Default.Rules.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        if (shipped.Contains(rule.Key))
        {
            notices.Add($"This override replaces the shipped rule {rule.Id}.");
        }

        var shadowed = others.ShadowedBy(rule).Where(r => shipped.Contains(r.Key)).ToList();
        if (shadowed.Count > 0)
        {
            notices.Add($"This override takes precedence over {shadowed.Count.ToString(CultureInfo.InvariantCulture)} shipped "
                + $"rule{(shadowed.Count == 1 ? "" : "s")} for the denials both describe: {string.Join(", ", shadowed.Select(r => r.Id))}. "
                + "Those rules no longer decide such denials; narrow the override (group, remark code, modifiers) if that is not intended.");
        }

        return notices;
    }

    private static bool SameKey(ClassificationOverride row, ClassificationRule rule)
    {
        try
        {
            return string.Equals(DenialRules.ToRule(row).Normalize().Key, rule.Key, StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            return false;
        }
    }

    private static T Code<T>(List<FieldError> errors, string field, string what, string? code)
        where T : struct, Enum
    {
        if (VocabularyCodes.TryParse<T>(code, out var value))
        {
            return value;
        }

        errors.Add(new(field, $"Choose the {what}: {string.Join(", ", VocabularyCodes.Codes<T>())}."));
        return default;
    }

    private static string Key(ClassificationOverride o) =>
        string.Join('|', o.GroupCode, o.ReasonCode, o.RemarkCode ?? "", o.Modifiers ?? "");

    private static string Describe(ClassificationOverride o) =>
        $"key={Key(o)} severity={o.Severity} action={o.Action} category={o.Category} rootCause={o.RootCause} owner={o.Owner} liability={o.Liability ?? "-"}";

    /// <summary>Codes with old and new values; the explanation and reason only as "changed" (free text stays out of the audit trail).</summary>
    private static string Changes(ClassificationOverride before, ClassificationOverride after)
    {
        var text = new StringBuilder();
        void Code(string field, string? a, string? b)
        {
            if (!string.Equals(a, b, StringComparison.Ordinal))
            {
                text.Append(CultureInfo.InvariantCulture, $"{field}={a ?? "-"}->{b ?? "-"} ");
            }
        }

        Code("key", Key(before), Key(after));
        Code("severity", before.Severity, after.Severity);
        Code("action", before.Action, after.Action);
        Code("category", before.Category, after.Category);
        Code("rootCause", before.RootCause, after.RootCause);
        Code("owner", before.Owner, after.Owner);
        Code("liability", before.Liability, after.Liability);
        if (!string.Equals(before.Explanation, after.Explanation, StringComparison.Ordinal))
        {
            text.Append("explanation=changed ");
        }

        if (!string.Equals(before.Reason, after.Reason, StringComparison.Ordinal))
        {
            text.Append("reason=changed ");
        }

        return text.ToString().TrimEnd();
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
