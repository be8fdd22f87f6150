using System.Security.Cryptography;
using System.Text;
using AppealStudio.Data.Audit;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Practice;

/// <summary>What an Admin submits for the letterhead.</summary>
/// <param name="Stamp">The <see cref="PracticeProfileAdministration.StampOf"/> value the form was opened with.</param>
public sealed record PracticeDraft(
    string Name,
    string? AddressLine1,
    string? AddressLine2,
    string? City,
    string? State,
    string? PostalCode,
    string? Phone,
    string? Fax,
    string? Npi,
    string? TaxId,
    string? Stamp = null,
    string? TimeZone = null);

/// <summary>One item of the practice's setup: what a letter needs from the practice profile.</summary>
public sealed record SetupItem(string Field, string Label, bool Done);

/// <summary>
/// Whether the practice profile holds what every letter prints. Admins see the checklist; everyone else sees who can
/// complete it (the Admins, by name), since no letter is exported or signed with a blank in the letterhead.
/// </summary>
public sealed record PracticeSetup(IReadOnlyList<SetupItem> Items, IReadOnlyList<string> Admins)
{
    public bool IsComplete => Items.All(i => i.Done);

    public IEnumerable<SetupItem> Missing => Items.Where(i => !i.Done);

    /// <summary>"Ask Alex Admin to complete the practice profile (Settings &gt; Practice): phone, time zone."</summary>
    public string WhoCompletes => IsComplete
        ? "The practice profile is complete."
        : $"Ask {(Admins.Count == 0 ? "an Admin" : string.Join(" or ", Admins))} to complete the practice profile (Settings > Practice): {string.Join(", ", Missing.Select(i => i.Label))}.";
}

/// <summary>
/// Settings &gt; Practice: the single <see cref="PracticeProfile"/> row that exported letters print as their letterhead.
/// Identifiers are checked the way payers check them (an NPI's check digit, a 9-digit tax id), so a typo is caught
/// here rather than in a payer's rejection.
/// </summary>
public sealed class PracticeProfileAdministration(AppDbContext db, AuditLog audit, ICurrentActor actor, PracticeContext? practiceContext = null)
{
    /// <summary>The letterhead, or null before an Admin has entered it.</summary>
    public Task<PracticeProfile?> GetAsync(CancellationToken cancellationToken = default)
    {
        SettingsAccess.DemandAdmin(actor);
        return db.PracticeProfiles.AsNoTracking().OrderBy(p => p.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The setup checklist of the practice profile and the Admins who can complete it.</summary>
    public async Task<PracticeSetup> SetupAsync(CancellationToken cancellationToken = default)
    {
        var p = await GetAsync(cancellationToken);
        return new PracticeSetup(SetupItemsOf(p), await AdminNamesAsync(db, cancellationToken));
    }

    /// <summary>What a letter prints from the profile, each item done or not (null: nothing entered yet).</summary>
    internal static IReadOnlyList<SetupItem> SetupItemsOf(PracticeProfile? p) =>
    [
        new("Name", "practice name", !string.IsNullOrWhiteSpace(p?.Name)),
        new("AddressLine1", "street address", !string.IsNullOrWhiteSpace(p?.AddressLine1)),
        new("City", "city, state and ZIP code", !string.IsNullOrWhiteSpace(p?.City) && !string.IsNullOrWhiteSpace(p?.State) && !string.IsNullOrWhiteSpace(p?.PostalCode)),
        new("Phone", "phone", !string.IsNullOrWhiteSpace(p?.Phone)),
        new("Npi", "group NPI", !string.IsNullOrWhiteSpace(p?.Npi)),
        new("TaxId", "tax id", !string.IsNullOrWhiteSpace(p?.TaxId)),
        new("TimeZone", "time zone", !string.IsNullOrWhiteSpace(p?.TimeZone)),
    ];

    /// <summary>The active Admins by display name: the people who can complete the profile.</summary>
    internal static async Task<IReadOnlyList<string>> AdminNamesAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var adminRole = db.Roles.Where(r => r.Name == Identity.Roles.Admin).Select(r => r.Id);
        return await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && db.UserRoles.Any(ur => ur.UserId == u.Id && adminRole.Contains(ur.RoleId)))
            .OrderBy(u => u.DisplayName).Select(u => u.DisplayName).ToListAsync(cancellationToken);
    }

    public async Task<SettingsResult> SaveAsync(PracticeDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        SettingsAccess.DemandAdmin(actor);
        var current = await db.PracticeProfiles.OrderBy(p => p.Id).FirstOrDefaultAsync(cancellationToken);
        if (draft.Stamp is not null && !string.Equals(draft.Stamp, StampOf(current), StringComparison.Ordinal))
        {
            return SettingsResult.Fail("", "The practice profile was changed by someone else since you opened it. Your input is kept below: "
                + "reload the page to see their change, then save again.");
        }

        var errors = new List<FieldError>();
        var name = Text(errors, "Name", "practice name", draft.Name, 200, required: true);
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

        var phone = Text(errors, "Phone", "phone number", draft.Phone, 30);
        if (phone is not null && !IsPhone(phone))
        {
            errors.Add(new("Phone", "Enter a 10-digit phone number, e.g. (217) 555-0142."));
        }

        var fax = Text(errors, "Fax", "fax number", draft.Fax, 30);
        if (fax is not null && !IsPhone(fax))
        {
            errors.Add(new("Fax", "Enter a 10-digit fax number, e.g. (217) 555-0143."));
        }

        var npi = Text(errors, "Npi", "NPI", draft.Npi, 20)?.Replace(" ", "", StringComparison.Ordinal);
        if (npi is not null && !IsNpi(npi))
        {
            errors.Add(new("Npi", npi.Length == 10 && npi.All(char.IsAsciiDigit)
                ? "This NPI's check digit does not match: check it against the NPPES registry."
                : "An NPI is 10 digits."));
        }

        var taxId = Text(errors, "TaxId", "tax id", draft.TaxId, 20);
        string? ein = null;
        if (taxId is not null)
        {
            var digits = taxId.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
            if (digits.Length != 9 || !digits.All(char.IsAsciiDigit))
            {
                errors.Add(new("TaxId", "A tax id (EIN) is 9 digits, written 12-3456789."));
            }
            else
            {
                ein = digits[..2] + "-" + digits[2..];
            }
        }

        // Null keeps the saved zone (a form without the field); empty clears it.
        var timeZone = draft.TimeZone is null ? current?.TimeZone : Text(errors, "TimeZone", "time zone", draft.TimeZone, 64);
        if (timeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            errors.Add(new("TimeZone", "Enter an IANA time zone, e.g. America/Chicago."));
        }

        if (errors.Count > 0)
        {
            return SettingsResult.Fail(errors);
        }

        var row = current ?? new PracticeProfile();
        var before = current is null ? null : Values(current);
        row.Name = name!;
        row.AddressLine1 = line1;
        row.AddressLine2 = line2;
        row.City = city;
        row.State = state;
        row.PostalCode = postal;
        row.Phone = phone;
        row.Fax = fax;
        row.Npi = npi;
        row.TaxId = ein;
        row.TimeZone = timeZone;
        var after = Values(row);
        var changed = after.Where(kv => before is null || !string.Equals(before[kv.Key], kv.Value, StringComparison.Ordinal))
            .Select(kv => kv.Key).ToList();
        if (changed.Count == 0)
        {
            return SettingsResult.Ok(row.Id, ReassessmentResult.None);
        }

        if (current is null)
        {
            db.PracticeProfiles.Add(row);
        }

        await db.SaveChangesAsync(cancellationToken);
        practiceContext?.Forget();
        // Field names only: the letterhead is not patient data, but the audit trail keeps to identifiers anyway.
        await audit.RecordAsync("practice.update", "PracticeProfile", row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "fields=" + string.Join(',', changed), cancellationToken);
        return SettingsResult.Ok(row.Id, ReassessmentResult.None);
    }

    /// <summary>A fingerprint of the saved values, so a form opened before someone else's save is recognised as stale.</summary>
    public static string StampOf(PracticeProfile? profile)
    {
        if (profile is null)
        {
            return "new";
        }

        var text = string.Join('\u001f', Values(profile).Values);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>
    /// The NPI check digit: Luhn over the 9 leading digits prefixed with 80840 (the card-issuer prefix of US health
    /// identifiers), as CMS specifies.
    /// </summary>
    public static bool IsNpi(string? npi)
    {
        if (npi is not { Length: 10 } || !npi.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 24; // the Luhn contribution of the 80840 prefix
        for (var i = 8; i >= 0; i--)
        {
            var d = npi[i] - '0';
            if ((8 - i) % 2 == 0)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return (10 - (sum % 10)) % 10 == npi[9] - '0';
    }

    private static bool IsZip(string zip) =>
        (zip.Length == 5 && zip.All(char.IsAsciiDigit))
        || (zip.Length == 10 && zip[5] == '-' && zip[..5].All(char.IsAsciiDigit) && zip[6..].All(char.IsAsciiDigit));

    private static bool IsPhone(string phone)
    {
        if (phone.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '(' or ')' or '-' or '.' or '+')))
        {
            return false;
        }

        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 10 || (digits.Length == 11 && digits[0] == '1');
    }

    private static string? Text(List<FieldError> errors, string field, string what, string? value, int max, bool required = false)
    {
        var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (text is null && required)
        {
            errors.Add(new(field, $"Enter the {what}."));
        }
        else if (text is { Length: var n } && n > max)
        {
            errors.Add(new(field, $"The {what} can have at most {max} characters."));
        }

        return text;
    }

    private static Dictionary<string, string?> Values(PracticeProfile p) => new(StringComparer.Ordinal)
    {
        ["name"] = p.Name,
        ["addressLine1"] = p.AddressLine1,
        ["addressLine2"] = p.AddressLine2,
        ["city"] = p.City,
        ["state"] = p.State,
        ["postalCode"] = p.PostalCode,
        ["phone"] = p.Phone,
        ["fax"] = p.Fax,
        ["npi"] = p.Npi,
        ["taxId"] = p.TaxId,
        ["timeZone"] = p.TimeZone,
    };
}
