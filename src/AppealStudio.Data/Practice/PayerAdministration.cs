using System.Globalization;
using System.Text;
using AppealStudio.Core.Denials;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Practice;

/// <summary>What an Admin submits for a payer. Day counts null = not known (no deadline is invented for that step).</summary>
/// <param name="Stamp">The <see cref="PayerSetting.UpdatedAt"/> ticks the form was opened with; a different value means someone else saved meanwhile.</param>
public sealed record PayerDraft(
    string Name,
    string? PayerIdentifier,
    string Type,
    IReadOnlyList<string> Aliases,
    int? ReopeningDays,
    int? FirstLevelDays,
    int? SecondLevelDays,
    int? ExternalReviewDays,
    int? TimelyFilingDays,
    int ReceiptPresumptionDays,
    string? Notes,
    long? Stamp = null);

/// <summary>A payer as the list shows it, with how many open denials its rule currently decides.</summary>
public sealed record PayerOverviewRow(PayerSetting Setting, int OpenDenials);

/// <summary>A payer name on open denials that no payer row matches (the default window is used for it).</summary>
public sealed record UnknownPayerRow(string Name, string? PayerIdentifier, int OpenDenials);

public sealed record PayerOverview(IReadOnlyList<PayerOverviewRow> Payers, PayerRule UnknownPayerRule, IReadOnlyList<UnknownPayerRow> UnknownPayers);

/// <summary>
/// Settings &gt; Payers: the practice's appeal windows per payer. Every change is checked the way the assessor will
/// use it (a directory that would not build is refused, so a bad row can never stop imports), audited with codes and
/// numbers only, and followed by a recomputation of the open denials whose payer rule changed.
/// </summary>
public sealed class PayerAdministration(AppDbContext db, DenialRules rules, DenialReassessment reassessment, AuditLog audit,
    ICurrentActor actor, TimeProvider clock)
{
    public const int MinDays = 1;
    public const int MaxDays = 3650;
    public const int MaxPresumptionDays = 365;

    /// <summary>The values <see cref="PayerSetting.Type"/> takes (the names <see cref="DenialRules.ToRule(PayerSetting)"/> parses).</summary>
    public static IReadOnlyList<string> Types { get; } = Enum.GetNames<PayerType>();

    public async Task<PayerOverview> OverviewAsync(CancellationToken cancellationToken = default)
    {
        SettingsAccess.DemandAdmin(actor);
        var rows = await db.PayerSettings.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);
        var directory = Directory(rows);
        var pairs = await DenialReassessment.Open(db.Denials.AsNoTracking())
            .GroupBy(d => new { d.PayerName, d.PayerIdentifier })
            .Select(g => new { g.Key.PayerName, g.Key.PayerIdentifier, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var byRule = new Dictionary<string, int>(StringComparer.Ordinal);
        var unknown = new List<UnknownPayerRow>();
        foreach (var pair in pairs)
        {
            var match = directory.Resolve(pair.PayerIdentifier, pair.PayerName);
            if (match.IsDefaultRule)
            {
                unknown.Add(new UnknownPayerRow(pair.PayerName, pair.PayerIdentifier, pair.Count));
            }
            else
            {
                byRule[match.Rule.Name] = byRule.GetValueOrDefault(match.Rule.Name) + pair.Count;
            }
        }

        return new PayerOverview(
            rows.Select(r => new PayerOverviewRow(r, byRule.GetValueOrDefault(r.Name))).ToList(),
            directory.DefaultRule,
            unknown.OrderByDescending(u => u.OpenDenials).ThenBy(u => u.Name, StringComparer.Ordinal).ToList());
    }

    public Task<PayerSetting?> FindAsync(int id, CancellationToken cancellationToken = default)
    {
        SettingsAccess.DemandAdmin(actor);
        return db.PayerSettings.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
    }

    /// <summary>The reasons a draft would be refused, without saving anything (so a form can show every reason at once).</summary>
    public async Task<IReadOnlyList<FieldError>> CheckAsync(PayerDraft draft, int? id, CancellationToken cancellationToken = default)
    {
        SettingsAccess.DemandAdmin(actor);
        ArgumentNullException.ThrowIfNull(draft);
        var rows = await db.PayerSettings.AsNoTracking().ToListAsync(cancellationToken);
        return Validate(draft, rows, id, new PayerSetting());
    }

    public async Task<SettingsResult> CreateAsync(PayerDraft draft, CancellationToken cancellationToken = default)
    {
        SettingsAccess.DemandAdmin(actor);
        ArgumentNullException.ThrowIfNull(draft);
        var rows = await db.PayerSettings.AsNoTracking().ToListAsync(cancellationToken);
        var setting = new PayerSetting();
        var errors = Validate(draft, rows, null, setting);
        if (errors.Count > 0)
        {
            return SettingsResult.Fail(errors);
        }

        setting.UpdatedAt = clock.GetUtcNow();
        setting.UpdatedBy = actor.Name;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.PayerSettings.Add(setting);
            if (await SaveAsync(cancellationToken) is { } failed)
            {
                return failed;
            }

            // The audit row needs the new id, so it is written after the insert, in the same transaction.
            await audit.RecordAsync("payer.create", "PayerSetting", Id(setting.Id), Describe(setting), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var recomputed = await RecomputeAsync(setting.Id, Directory(rows), Directory([.. rows, setting]), reclassify: true, cancellationToken);
        return SettingsResult.Ok(setting.Id, recomputed);
    }

    public async Task<SettingsResult> UpdateAsync(int id, PayerDraft draft, CancellationToken cancellationToken = default)
    {
        SettingsAccess.DemandAdmin(actor);
        ArgumentNullException.ThrowIfNull(draft);
        var rows = await db.PayerSettings.AsNoTracking().ToListAsync(cancellationToken);
        var current = rows.FirstOrDefault(p => p.Id == id);
        if (current is null)
        {
            return SettingsResult.Missing();
        }

        if (draft.Stamp is { } stamp && stamp != current.UpdatedAt.UtcTicks)
        {
            return SettingsResult.Fail("", $"{current.Name} was changed by {current.UpdatedBy ?? "someone else"} since you opened it. "
                + "Your input is kept below: compare it with the saved values (reload the page) and save again.");
        }

        var updated = Copy(current);
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
        db.PayerSettings.Update(updated);
        audit.Add("payer.update", "PayerSetting", Id(id), changes);
        if (await SaveAsync(cancellationToken) is { } failed)
        {
            return failed;
        }

        var after = rows.Select(r => r.Id == id ? updated : r).ToList();
        var recomputed = await RecomputeAsync(id, Directory(rows), Directory(after),
            reclassify: !string.Equals(current.Type, updated.Type, StringComparison.Ordinal), cancellationToken);
        return SettingsResult.Ok(id, recomputed);
    }

    public async Task<SettingsResult> DeleteAsync(int id, long? stamp, CancellationToken cancellationToken = default)
    {
        SettingsAccess.DemandAdmin(actor);
        var rows = await db.PayerSettings.AsNoTracking().ToListAsync(cancellationToken);
        var current = rows.FirstOrDefault(p => p.Id == id);
        if (current is null)
        {
            return SettingsResult.Missing();
        }

        if (stamp is { } s && s != current.UpdatedAt.UtcTicks)
        {
            return SettingsResult.Fail("", $"{current.Name} was changed by {current.UpdatedBy ?? "someone else"} since you opened it: "
                + "open it again and check before deleting.");
        }

        db.PayerSettings.Remove(current);
        audit.Add("payer.delete", "PayerSetting", Id(id), Describe(current));
        await db.SaveChangesAsync(cancellationToken);
        var after = rows.Where(r => r.Id != id).ToList();
        var recomputed = await RecomputeAsync(id, Directory(rows), Directory(after), reclassify: true, cancellationToken);
        return SettingsResult.Ok(id, recomputed);
    }

    /// <summary>
    /// The directory the assessor builds from these rows (<see cref="DenialRules.BuildAssessorAsync"/>): no rows means
    /// the shipped defaults, as on a database that was never seeded.
    /// </summary>
    private PayerDirectory Directory(IReadOnlyCollection<PayerSetting> rows) =>
        rows.Count == 0
            ? new PayerDirectory(PayerDirectory.Default.Rules, rules.UnknownPayerRule())
            : new PayerDirectory(rows.Select(DenialRules.ToRule), rules.UnknownPayerRule());

    /// <summary>
    /// Recomputes the open denials whose payer rule is not the same before and after: the edited payer's own denials,
    /// and also those that a new name or alias takes over from another payer (or from the default rule). Windows only
    /// move deadlines and priorities; the payer's type also decides the route (Original Medicare reopens where others
    /// take a corrected claim), so a changed type, a new payer or a removed one classifies the affected denials again.
    /// </summary>
    private Task<ReassessmentResult> RecomputeAsync(int id, PayerDirectory before, PayerDirectory after, bool reclassify,
        CancellationToken cancellationToken) =>
        reassessment.ReassessAsync(
            new ReassessmentScope(
                "payer:" + Id(id),
                (name, payerId) => Fingerprint(before.Resolve(payerId, name).Rule) != Fingerprint(after.Resolve(payerId, name).Rule),
                ReasonCodes: null,
                Reclassify: reclassify),
            cancellationToken);

    /// <summary>Everything of a rule that a deadline or priority depends on (its name appears in the deadline's basis).</summary>
    private static string Fingerprint(PayerRule r) => string.Join('|',
        r.Name, r.Type, r.ReopeningDays, r.FirstLevelDays, r.SecondLevelDays, r.ExternalReviewDays, r.TimelyFilingDays,
        r.ReceiptPresumptionDays, r.IsDefaultRule, r.VerifyWithContract);

    private List<FieldError> Validate(PayerDraft draft, IReadOnlyList<PayerSetting> rows, int? id, PayerSetting target)
    {
        var errors = new List<FieldError>();
        var others = rows.Where(r => r.Id != id).ToList();

        var name = (draft.Name ?? "").Trim();
        if (name.Length == 0)
        {
            errors.Add(new("Name", "Enter the payer's name as it appears on remittances."));
        }
        else if (name.Length > 200)
        {
            errors.Add(new("Name", "The name can have at most 200 characters."));
        }
        else if (PayerDirectory.NormalizeName(name).Length == 0)
        {
            errors.Add(new("Name", "The name needs letters or digits that tell this payer apart (not only words like \"Insurance Company\")."));
        }
        else if (others.FirstOrDefault(r => string.Equals(PayerDirectory.NormalizeName(r.Name), PayerDirectory.NormalizeName(name), StringComparison.Ordinal)) is { } sameName)
        {
            errors.Add(new("Name", $"The payer \"{sameName.Name}\" already has this name. Edit that payer instead, or use a distinct name."));
        }

        var payerId = string.IsNullOrWhiteSpace(draft.PayerIdentifier) ? null : draft.PayerIdentifier.Trim();
        if (payerId is { Length: > 80 })
        {
            errors.Add(new("PayerIdentifier", "The payer id can have at most 80 characters."));
        }
        else if (payerId is not null && others.FirstOrDefault(r => string.Equals(r.PayerIdentifier?.Trim(), payerId, StringComparison.OrdinalIgnoreCase)) is { } sameId)
        {
            errors.Add(new("PayerIdentifier", $"The payer id {payerId} already belongs to \"{sameId.Name}\"."));
        }

        var type = Types.FirstOrDefault(t => string.Equals(t, draft.Type?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (type is null)
        {
            errors.Add(new("Type", $"Choose the payer type: {string.Join(", ", Types)}."));
        }

        CheckDays(errors, "ReopeningDays", "reopening", draft.ReopeningDays);
        CheckDays(errors, "FirstLevelDays", "first-level appeal", draft.FirstLevelDays);
        CheckDays(errors, "SecondLevelDays", "second-level appeal", draft.SecondLevelDays);
        CheckDays(errors, "ExternalReviewDays", "external review", draft.ExternalReviewDays);
        CheckDays(errors, "TimelyFilingDays", "timely filing", draft.TimelyFilingDays);
        if (draft.ReceiptPresumptionDays is < 0 or > MaxPresumptionDays)
        {
            errors.Add(new("ReceiptPresumptionDays", $"Receipt presumption is 0 (the window counts from the remittance date) to {MaxPresumptionDays} days; Medicare presumes 5."));
        }

        var aliases = (draft.Aliases ?? [])
            .SelectMany(a => (a ?? "").Split('|'))
            .Select(a => a.Trim())
            .Where(a => a.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var joinedAliases = aliases.Count == 0 ? null : string.Join('|', aliases);
        if (joinedAliases is { Length: > 1000 })
        {
            errors.Add(new("Aliases", "The aliases can have at most 1000 characters in all."));
        }
        else if (aliases.FirstOrDefault(a => PayerDirectory.NormalizeName(a).Length == 0) is { } emptyAlias)
        {
            errors.Add(new("Aliases", $"The alias \"{emptyAlias}\" has no letters or digits that tell a payer apart."));
        }

        // Remittances are matched by these names: one that already points at another payer would make matching a guess.
        var taken = others
            .SelectMany(r => (r.Aliases ?? "").Split('|').Prepend(r.Name).Select(n => (Name: PayerDirectory.NormalizeName(n), Owner: r)))
            .Where(n => n.Name.Length > 0)
            .GroupBy(n => n.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Owner, StringComparer.Ordinal);
        if (name.Length > 0 && !errors.Any(e => e.Field == "Name") && taken.TryGetValue(PayerDirectory.NormalizeName(name), out var nameOwner))
        {
            errors.Add(new("Name", $"\"{nameOwner.Name}\" already uses this name as its name or alias."));
        }

        if (!errors.Any(e => e.Field == "Aliases") &&
            aliases.Select(a => (Alias: a, Owner: taken.GetValueOrDefault(PayerDirectory.NormalizeName(a)))).FirstOrDefault(a => a.Owner is not null) is { Owner: { } aliasOwner } clash)
        {
            errors.Add(new("Aliases", $"The alias \"{clash.Alias}\" is already a name or alias of \"{aliasOwner.Name}\"."));
        }

        var notes = string.IsNullOrWhiteSpace(draft.Notes) ? null : draft.Notes.Trim();
        if (notes is { Length: > 2000 })
        {
            errors.Add(new("Notes", "The notes can have at most 2000 characters."));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        target.Name = name;
        target.PayerIdentifier = payerId;
        target.Type = type!;
        target.Aliases = joinedAliases;
        target.ReopeningDays = draft.ReopeningDays;
        target.FirstLevelDays = draft.FirstLevelDays;
        target.SecondLevelDays = draft.SecondLevelDays;
        target.ExternalReviewDays = draft.ExternalReviewDays;
        target.TimelyFilingDays = draft.TimelyFilingDays;
        target.ReceiptPresumptionDays = draft.ReceiptPresumptionDays;
        target.Notes = notes;

        // The assessor must still build with this row: a name or alias another payer uses would make every import fail.
        try
        {
            _ = new PayerDirectory([.. others.Select(DenialRules.ToRule), DenialRules.ToRule(target)], rules.UnknownPayerRule());
        }
        catch (ArgumentException ex)
        {
            errors.Add(new("", ex.Message.Split(" (Parameter", 2)[0]));
        }

        return errors;
    }

    private static void CheckDays(List<FieldError> errors, string field, string what, int? days)
    {
        if (days is < MinDays or > MaxDays)
        {
            errors.Add(new(field, $"The {what} window is {MinDays} to {MaxDays} days, or empty when it is not known."));
        }
    }

    private async Task<SettingsResult?> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException)
        {
            // The unique index on the name: another Admin saved the same name a moment earlier.
            db.ChangeTracker.Clear();
            return SettingsResult.Fail("Name", "Another payer with this name was saved a moment ago. Reload the list and check.");
        }
    }

    private static PayerSetting Copy(PayerSetting p) => new()
    {
        Id = p.Id,
        Name = p.Name,
        PayerIdentifier = p.PayerIdentifier,
        Type = p.Type,
        Aliases = p.Aliases,
        ReopeningDays = p.ReopeningDays,
        FirstLevelDays = p.FirstLevelDays,
        SecondLevelDays = p.SecondLevelDays,
        ExternalReviewDays = p.ExternalReviewDays,
        TimelyFilingDays = p.TimelyFilingDays,
        ReceiptPresumptionDays = p.ReceiptPresumptionDays,
        Notes = p.Notes,
        UpdatedAt = p.UpdatedAt,
        UpdatedBy = p.UpdatedBy,
    };

    /// <summary>Field names with old and new values for numbers and codes; free text only as "changed".</summary>
    private static string Changes(PayerSetting before, PayerSetting after)
    {
        var text = new StringBuilder();
        void Value(string field, object? a, object? b)
        {
            if (!Equals(a, b))
            {
                text.Append(CultureInfo.InvariantCulture, $"{field}={Show(a)}->{Show(b)} ");
            }
        }

        void Text(string field, string? a, string? b)
        {
            if (!string.Equals(a, b, StringComparison.Ordinal))
            {
                text.Append(field).Append("=changed ");
            }
        }

        Text("name", before.Name, after.Name);
        Value("payerId", before.PayerIdentifier, after.PayerIdentifier);
        Value("type", before.Type, after.Type);
        Text("aliases", before.Aliases, after.Aliases);
        Value("reopening", before.ReopeningDays, after.ReopeningDays);
        Value("firstLevel", before.FirstLevelDays, after.FirstLevelDays);
        Value("secondLevel", before.SecondLevelDays, after.SecondLevelDays);
        Value("externalReview", before.ExternalReviewDays, after.ExternalReviewDays);
        Value("timelyFiling", before.TimelyFilingDays, after.TimelyFilingDays);
        Value("receiptPresumption", before.ReceiptPresumptionDays, after.ReceiptPresumptionDays);
        Text("notes", before.Notes, after.Notes);
        return text.ToString().TrimEnd();
    }

    private static string Describe(PayerSetting p) => string.Create(CultureInfo.InvariantCulture,
        $"payerId={Show(p.PayerIdentifier)} type={p.Type} reopening={Show(p.ReopeningDays)} firstLevel={Show(p.FirstLevelDays)} secondLevel={Show(p.SecondLevelDays)} externalReview={Show(p.ExternalReviewDays)} timelyFiling={Show(p.TimelyFilingDays)} receiptPresumption={Show(p.ReceiptPresumptionDays)}");

    private static string Show(object? value) => value switch
    {
        null => "-",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "-",
    };

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
