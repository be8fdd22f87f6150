using System.Globalization;
using System.Text;
using AppealStudio.Data.Audit;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Practice;

/// <summary>What an Admin submits for a payer's appeals address of one level.</summary>
/// <param name="Level"><c>any</c>, <c>reopening</c>, <c>first-level</c>, <c>second-level</c> or <c>external-review</c>.</param>
/// <param name="Stamp">The <see cref="PayerAppealAddress.UpdatedAt"/> ticks the form was opened with; null for a new row.</param>
public sealed record PayerAppealAddressDraft(
    string Level,
    string? Recipient,
    string? AddressLine1,
    string? AddressLine2,
    string? City,
    string? State,
    string? PostalCode,
    string? Fax,
    string? Phone,
    string? PortalUrl,
    long? Stamp = null);

/// <summary>A payer of the directory with its appeals addresses, in level order.</summary>
public sealed record PayerDirectoryRow(int PayerSettingId, string Name, string? PayerIdentifier, IReadOnlyList<PayerAppealAddress> Addresses);

/// <summary>
/// The payer directory's appeals addresses (Settings &gt; Payers): per payer and level, where letters are sent, with fax,
/// phone and portal. Letters read it when they are shown, exported and signed, so an address saved after a letter was
/// started fills that letter. Every change is audited (field names, never the values) and guarded against a
/// concurrent edit like <see cref="PayerAdministration"/>.
/// </summary>
public sealed class PayerAppealDirectory(AppDbContext db, AuditLog audit, ICurrentActor actor, TimeProvider clock)
{
    public static IReadOnlyList<string> Levels { get; } = [PayerAppealAddress.AnyLevel, "reopening", "first-level", "second-level", "external-review"];

    public async Task<IReadOnlyList<PayerAppealAddress>> ListAsync(int payerSettingId, CancellationToken cancellationToken = default)
    {
        SettingsAccess.DemandAdmin(actor);
        return (await db.PayerAppealAddresses.AsNoTracking().Where(a => a.PayerSettingId == payerSettingId).ToListAsync(cancellationToken))
            .OrderBy(a => Levels.ToList().IndexOf(a.Level)).ToList();
    }

    /// <summary>Every payer (by name, then id) with its appeals addresses in level order: the Settings &gt; Payer directory page.</summary>
    public async Task<IReadOnlyList<PayerDirectoryRow>> DirectoryAsync(CancellationToken cancellationToken = default)
    {
        SettingsAccess.DemandAdmin(actor);
        var payers = await db.PayerSettings.AsNoTracking().OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.Name, p.PayerIdentifier }).ToListAsync(cancellationToken);
        var addresses = (await db.PayerAppealAddresses.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(a => a.PayerSettingId);
        return payers.Select(p => new PayerDirectoryRow(p.Id, p.Name, p.PayerIdentifier,
            addresses[p.Id].OrderBy(a => Levels.ToList().IndexOf(a.Level)).ToList())).ToList();
    }

    /// <summary>A level in words: "Any level (used when no level has its own)", "First-level appeal".</summary>
    public static string LevelLabel(string level) => level switch
    {
        PayerAppealAddress.AnyLevel => "Any level (used when no level has its own address)",
        "reopening" => "Reopening",
        "first-level" => "First-level appeal",
        "second-level" => "Second-level appeal",
        "external-review" => "External review",
        _ => level,
    };

    /// <summary>Creates the payer's address for the level, or updates it (the stamp must match the row's).</summary>
    public async Task<SettingsResult> SaveAsync(int payerSettingId, PayerAppealAddressDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        SettingsAccess.DemandAdmin(actor);
        if (!await db.PayerSettings.AnyAsync(p => p.Id == payerSettingId, cancellationToken))
        {
            return SettingsResult.Missing();
        }

        var errors = new List<FieldError>();
        var level = (draft.Level ?? "").Trim();
        if (!Levels.Contains(level, StringComparer.Ordinal))
        {
            errors.Add(new("Level", "Choose the appeal level this address is for."));
        }

        var recipient = Text(errors, "Recipient", "recipient", draft.Recipient, 200);
        var line1 = Text(errors, "AddressLine1", "address line", draft.AddressLine1, 200);
        var line2 = Text(errors, "AddressLine2", "second address line", draft.AddressLine2, 200);
        var city = Text(errors, "City", "city", draft.City, 100);
        var state = Text(errors, "State", "state", draft.State, 2)?.ToUpperInvariant();
        if (state is not null && !state.All(char.IsAsciiLetter))
        {
            errors.Add(new("State", "Enter the state as its two-letter code, e.g. IL."));
        }

        var postal = Text(errors, "PostalCode", "ZIP code", draft.PostalCode, 10);
        if (postal is not null && !IsZip(postal))
        {
            errors.Add(new("PostalCode", "Enter a ZIP code of 5 digits or ZIP+4 (12345-6789)."));
        }

        var fax = Phone(errors, "Fax", "fax number", draft.Fax);
        var phone = Phone(errors, "Phone", "phone number", draft.Phone);
        var portal = Text(errors, "PortalUrl", "portal address", draft.PortalUrl, 500);
        if (portal is not null && !(Uri.TryCreate(portal, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
        {
            errors.Add(new("PortalUrl", "Enter the portal's full https:// address."));
        }

        if (line1 is null && portal is null && fax is null)
        {
            errors.Add(new("AddressLine1", "Enter a mailing address, a fax number or a portal: a letter needs somewhere to go."));
        }
        else if (line1 is not null && (city is null || state is null || postal is null))
        {
            errors.Add(new("City", "A mailing address needs the city, state and ZIP code."));
        }

        if (errors.Count > 0)
        {
            return SettingsResult.Fail(errors);
        }

        var row = await db.PayerAppealAddresses.FirstOrDefaultAsync(a => a.PayerSettingId == payerSettingId && a.Level == level, cancellationToken);
        if (row is not null && draft.Stamp is { } stamp && stamp != row.UpdatedAt.UtcTicks)
        {
            return SettingsResult.Fail("", $"The {level} address was changed by {row.UpdatedBy ?? "someone else"} since you opened it. Your input is kept below: reload to compare, then save again.");
        }

        if (row is not null && draft.Stamp is null)
        {
            return SettingsResult.Fail("Level", $"The payer already has a {level} address; edit that one.");
        }

        var before = row is null ? null : Values(row);
        row ??= new PayerAppealAddress { PayerSettingId = payerSettingId, Level = level };
        row.Recipient = recipient;
        row.AddressLine1 = line1;
        row.AddressLine2 = line2;
        row.City = city;
        row.State = state;
        row.PostalCode = postal;
        row.Fax = fax;
        row.Phone = phone;
        row.PortalUrl = portal;
        var changed = Values(row).Where(kv => before is null || !string.Equals(before[kv.Key], kv.Value, StringComparison.Ordinal)).Select(kv => kv.Key).ToList();
        if (changed.Count == 0)
        {
            return SettingsResult.Ok(row.Id, ReassessmentResult.None);
        }

        row.UpdatedAt = clock.GetUtcNow();
        row.UpdatedBy = actor.Name;
        if (row.Id == 0)
        {
            db.PayerAppealAddresses.Add(row);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return SettingsResult.Fail("Level", $"Another {level} address for this payer was saved a moment ago. Reload and check.");
        }

        await audit.RecordAsync(before is null ? "payer-address.create" : "payer-address.update", "PayerSetting", Id(payerSettingId),
            $"level={level} fields={string.Join(',', changed)}", cancellationToken);
        return SettingsResult.Ok(row.Id, ReassessmentResult.None);
    }

    public async Task<SettingsResult> DeleteAsync(int payerSettingId, string level, long? stamp, CancellationToken cancellationToken = default)
    {
        SettingsAccess.DemandAdmin(actor);
        var row = await db.PayerAppealAddresses.FirstOrDefaultAsync(a => a.PayerSettingId == payerSettingId && a.Level == level, cancellationToken);
        if (row is null)
        {
            return SettingsResult.Missing();
        }

        if (stamp is { } s && s != row.UpdatedAt.UtcTicks)
        {
            return SettingsResult.Fail("", $"The {level} address was changed by {row.UpdatedBy ?? "someone else"} since you opened it: open it again and check before deleting.");
        }

        db.PayerAppealAddresses.Remove(row);
        audit.Add("payer-address.delete", "PayerSetting", Id(payerSettingId), "level=" + level);
        await db.SaveChangesAsync(cancellationToken);
        return SettingsResult.Ok(row.Id, ReassessmentResult.None);
    }

    internal static bool IsZip(string zip) =>
        (zip.Length == 5 && zip.All(char.IsAsciiDigit))
        || (zip.Length == 10 && zip[5] == '-' && zip[..5].All(char.IsAsciiDigit) && zip[6..].All(char.IsAsciiDigit));

    internal static string? Phone(List<FieldError> errors, string field, string what, string? value)
    {
        var text = Text(errors, field, what, value, 30);
        if (text is null)
        {
            return null;
        }

        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        if (text.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '(' or ')' or '-' or '.' or '+' or 'x' or 'X')) || !(digits.Length is 10 or 11 || (digits.Length > 10 && text.Contains('x', StringComparison.OrdinalIgnoreCase))))
        {
            errors.Add(new(field, $"Enter a 10-digit {what}, e.g. (217) 555-0142."));
        }

        return text;
    }

    internal static string? Text(List<FieldError> errors, string field, string what, string? value, int max)
    {
        var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (text is { Length: var n } && n > max)
        {
            errors.Add(new(field, $"The {what} can have at most {max.ToString(CultureInfo.InvariantCulture)} characters."));
        }

        return text;
    }

    private static Dictionary<string, string?> Values(PayerAppealAddress a) => new(StringComparer.Ordinal)
    {
        ["recipient"] = a.Recipient,
        ["addressLine1"] = a.AddressLine1,
        ["addressLine2"] = a.AddressLine2,
        ["city"] = a.City,
        ["state"] = a.State,
        ["postalCode"] = a.PostalCode,
        ["fax"] = a.Fax,
        ["phone"] = a.Phone,
        ["portalUrl"] = a.PortalUrl,
    };

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What an Admin submits for a clinician of the provider directory.</summary>
/// <param name="Stamp">The <see cref="ProviderDirectoryEntry.UpdatedAt"/> ticks the form was opened with.</param>
public sealed record ProviderDraft(string Name, string? Credentials, string Npi, string? Specialty, string? PhysicianUserId, bool IsActive = true, long? Stamp = null);

/// <summary>
/// The provider directory (Settings &gt; Providers): each clinician's name and credentials as letters print them, NPI
/// (how remittances name the rendering provider, NM1*82) and the physician user who signs their letters. Audited and
/// guarded against concurrent edits like <see cref="PayerAdministration"/>.
/// </summary>
public sealed class ProviderDirectoryAdministration(AppDbContext db, AuditLog audit, ICurrentActor actor, TimeProvider clock)
{
    public Task<List<ProviderDirectoryEntry>> ListAsync(CancellationToken cancellationToken = default)
    {
        SettingsAccess.DemandAdmin(actor);
        return db.Providers.AsNoTracking().Include(p => p.PhysicianUser).OrderBy(p => p.Name).ThenBy(p => p.Id).ToListAsync(cancellationToken);
    }

    public Task<ProviderDirectoryEntry?> FindAsync(int id, CancellationToken cancellationToken = default)
    {
        SettingsAccess.DemandAdmin(actor);
        return db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
    }

    /// <summary>The active physician users a provider can be linked to (the one who signs their letters), by name.</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> PhysicianChoicesAsync(CancellationToken cancellationToken = default)
    {
        SettingsAccess.DemandAdmin(actor);
        var role = db.Roles.Where(r => r.Name == Identity.Roles.Physician).Select(r => r.Id);
        var rows = await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && db.UserRoles.Any(ur => ur.UserId == u.Id && role.Contains(ur.RoleId)))
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Id).Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken);
        return rows.Select(r => (r.Id, r.DisplayName)).ToList();
    }

    public async Task<SettingsResult> CreateAsync(ProviderDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        SettingsAccess.DemandAdmin(actor);
        var entry = new ProviderDirectoryEntry();
        var errors = await ValidateAsync(draft, null, entry, cancellationToken);
        if (errors.Count > 0)
        {
            return SettingsResult.Fail(errors);
        }

        entry.UpdatedAt = clock.GetUtcNow();
        entry.UpdatedBy = actor.Name;
        db.Providers.Add(entry);
        if (await SaveAsync(cancellationToken) is { } failed)
        {
            return failed;
        }

        await audit.RecordAsync("provider.create", "Provider", Id(entry.Id), Describe(entry), cancellationToken);
        return SettingsResult.Ok(entry.Id, ReassessmentResult.None);
    }

    public async Task<SettingsResult> UpdateAsync(int id, ProviderDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        SettingsAccess.DemandAdmin(actor);
        var entry = await db.Providers.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (entry is null)
        {
            return SettingsResult.Missing();
        }

        if (draft.Stamp is { } stamp && stamp != entry.UpdatedAt.UtcTicks)
        {
            return SettingsResult.Fail("", $"{entry.NameWithCredentials} was changed by {entry.UpdatedBy ?? "someone else"} since you opened it. "
                + "Your input is kept below: compare it with the saved values (reload the page) and save again.");
        }

        var before = Fingerprint(entry);
        var errors = await ValidateAsync(draft, id, entry, cancellationToken);
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return SettingsResult.Fail(errors);
        }

        var after = Describe(entry);
        if (before == Fingerprint(entry))
        {
            db.ChangeTracker.Clear();
            return SettingsResult.Ok(id, ReassessmentResult.None);
        }

        entry.UpdatedAt = clock.GetUtcNow();
        entry.UpdatedBy = actor.Name;
        audit.Add("provider.update", "Provider", Id(id), after);
        return await SaveAsync(cancellationToken) ?? SettingsResult.Ok(id, ReassessmentResult.None);
    }

    public async Task<SettingsResult> DeleteAsync(int id, long? stamp, CancellationToken cancellationToken = default)
    {
        SettingsAccess.DemandAdmin(actor);
        var entry = await db.Providers.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (entry is null)
        {
            return SettingsResult.Missing();
        }

        if (stamp is { } s && s != entry.UpdatedAt.UtcTicks)
        {
            return SettingsResult.Fail("", $"{entry.NameWithCredentials} was changed by {entry.UpdatedBy ?? "someone else"} since you opened it: open it again and check before deleting.");
        }

        db.Providers.Remove(entry);
        audit.Add("provider.delete", "Provider", Id(id), "npi=" + entry.Npi);
        await db.SaveChangesAsync(cancellationToken);
        return SettingsResult.Ok(id, ReassessmentResult.None);
    }

    private async Task<List<FieldError>> ValidateAsync(ProviderDraft draft, int? id, ProviderDirectoryEntry target, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var name = PayerAppealDirectory.Text(errors, "Name", "name", draft.Name, 200);
        if (name is null)
        {
            errors.Add(new("Name", "Enter the clinician's name as they sign notes, without credentials (e.g. Dana Reyes)."));
        }
        else if (name.Contains(',', StringComparison.Ordinal))
        {
            errors.Add(new("Name", "Put the credentials in their own field: the name has no comma."));
        }

        var credentials = PayerAppealDirectory.Text(errors, "Credentials", "credentials", draft.Credentials, 40);
        if (credentials is null)
        {
            errors.Add(new("Credentials", "Enter the credentials letters print after the name (MD, DO, LCSW...)."));
        }

        var npi = (draft.Npi ?? "").Replace(" ", "", StringComparison.Ordinal).Trim();
        if (!PracticeProfileAdministration.IsNpi(npi))
        {
            errors.Add(new("Npi", npi.Length == 10 && npi.All(char.IsAsciiDigit)
                ? "This NPI's check digit does not match: check it against the NPPES registry."
                : "An NPI is 10 digits."));
        }
        else if (await db.Providers.AnyAsync(p => p.Npi == npi && p.Id != (id ?? 0), cancellationToken))
        {
            errors.Add(new("Npi", $"The NPI {npi} already belongs to another provider of the directory."));
        }

        var specialty = PayerAppealDirectory.Text(errors, "Specialty", "specialty", draft.Specialty, 100);
        var userId = string.IsNullOrWhiteSpace(draft.PhysicianUserId) ? null : draft.PhysicianUserId.Trim();
        if (userId is not null)
        {
            var physicianRole = db.Roles.Where(r => r.Name == Identity.Roles.Physician).Select(r => r.Id);
            var isPhysician = await db.Users.AnyAsync(u => u.Id == userId && db.UserRoles.Any(ur => ur.UserId == u.Id && physicianRole.Contains(ur.RoleId)), cancellationToken);
            if (!isPhysician)
            {
                errors.Add(new("PhysicianUserId", "Choose a user with the Physician role: they sign this provider's letters."));
            }
        }

        if (errors.Count == 0)
        {
            target.Name = name!;
            target.Credentials = credentials;
            target.Npi = npi;
            target.Specialty = specialty;
            target.PhysicianUserId = userId;
            target.IsActive = draft.IsActive;
        }

        return errors;
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
            // The unique index on the NPI: another Admin saved the same NPI a moment earlier.
            db.ChangeTracker.Clear();
            return SettingsResult.Fail("Npi", "Another provider with this NPI was saved a moment ago. Reload the list and check.");
        }
    }

    private static string Fingerprint(ProviderDirectoryEntry p) =>
        string.Join('\u001f', p.Name, p.Credentials, p.Npi, p.Specialty, p.PhysicianUserId, p.IsActive);

    // Names are not patient data, but the audit trail keeps to codes and identifiers anyway.
    private static string Describe(ProviderDirectoryEntry p)
    {
        var sb = new StringBuilder();
        sb.Append("npi=").Append(p.Npi).Append(" credentials=").Append(p.Credentials ?? "-")
            .Append(" physicianUser=").Append(p.PhysicianUserId ?? "-").Append(" active=").Append(p.IsActive ? "yes" : "no");
        return sb.ToString();
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
