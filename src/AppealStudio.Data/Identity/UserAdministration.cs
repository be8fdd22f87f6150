using AppealStudio.Data.Audit;
using AppealStudio.Data.Practice;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Identity;

/// <summary>
/// The result of a user-administration command: success, or the reasons a person can act on. <see cref="FieldErrors"/>
/// ties each reason to the form field it is about (Email, DisplayName, Npi, Roles, Password; "" = the whole form).
/// </summary>
public sealed record AdminResult(bool Succeeded, IReadOnlyList<string> Errors, string? UserId = null)
{
    public IReadOnlyList<FieldError> FieldErrors { get; init; } = [];

    public static AdminResult Ok(string? userId = null) => new(true, [], userId);

    public static AdminResult Fail(params string[] errors) => new(false, errors) { FieldErrors = errors.Select(e => new FieldError("", e)).ToList() };

    public static AdminResult Fail(string field, string error) => new(false, [error]) { FieldErrors = [new FieldError(field, error)] };

    public static AdminResult Fail(IReadOnlyList<FieldError> errors) => new(false, errors.Select(e => e.Message).ToList()) { FieldErrors = errors };

    public static AdminResult From(IdentityResult result, string? userId = null) =>
        result.Succeeded
            ? Ok(userId)
            : Fail(result.Errors.Select(e => new FieldError(FieldOf(e.Code), e.Description)).ToList());

    // Identity's error codes name what went wrong; the form shows each next to its field.
    private static string FieldOf(string code) =>
        code.StartsWith("Password", StringComparison.Ordinal) ? "Password"
        : code is "DuplicateEmail" or "InvalidEmail" or "DuplicateUserName" or "InvalidUserName" ? "Email"
        : "";
}

public sealed record UserSummary(string Id, string Email, string DisplayName, string? Npi, IReadOnlyList<string> Roles,
    bool IsDisabled, bool IsLockedOut, bool TwoFactorEnabled)
{
    /// <summary>The direct line a letter's contact line prints for this user.</summary>
    public string? Phone { get; init; }

    /// <summary>The job title a letter's contact line prints ("Appeals specialist").</summary>
    public string? Title { get; init; }
}

/// <summary>
/// Creating, changing and disabling users: one implementation for Settings &gt; Users and for
/// <c>appealstudio users</c>, each change audited. There is no self-registration anywhere. Only Admins may use it
/// (the CLI runs as the installation's operator); first-run seeding uses the unchecked internal methods.
/// </summary>
public sealed class UserAdministration(UserManager<AppUser> users, AppDbContext db, AuditLog audit, TimeProvider clock, ICurrentActor actor)
{
    public Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        Demand();
        return ListUncheckedAsync(cancellationToken);
    }

    internal async Task<IReadOnlyList<UserSummary>> ListUncheckedAsync(CancellationToken cancellationToken = default)
    {
        var all = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(cancellationToken);
        var roleRows = await (from ur in db.UserRoles
                              join r in db.Roles on ur.RoleId equals r.Id
                              select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var rolesByUser = roleRows.ToLookup(x => x.UserId, x => x.Name!);
        var now = clock.GetUtcNow();
        return all.Select(u => new UserSummary(u.Id, u.Email ?? "", u.DisplayName, u.Npi,
                rolesByUser[u.Id].Order(StringComparer.Ordinal).ToList(), u.IsDisabled,
                u.LockoutEnd is { } end && end > now, u.TwoFactorEnabled) { Phone = u.Phone, Title = u.Title })
            .ToList();
    }

    public async Task<UserSummary?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(u => u.Id == id);

    public Task<AdminResult> CreateAsync(string email, string displayName, string? npi,
        IReadOnlyCollection<string> roles, string password, CancellationToken cancellationToken = default)
    {
        Demand();
        return CreateUncheckedAsync(email, displayName, npi, roles, password, cancellationToken);
    }

    internal async Task<AdminResult> CreateUncheckedAsync(string email, string displayName, string? npi,
        IReadOnlyCollection<string> roles, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(email))
        {
            errors.Add(new("Email", "Enter the user's email."));
        }

        if (!string.IsNullOrWhiteSpace(npi) && (npi.Trim().Length != 10 || !npi.Trim().All(char.IsAsciiDigit)))
        {
            errors.Add(new("Npi", "An NPI is 10 digits."));
        }

        errors.AddRange(InvalidRoles(roles).Select(e => new FieldError("Roles", e)));
        if (string.IsNullOrEmpty(password))
        {
            errors.Add(new("Password", "Set an initial password."));
        }

        if (errors.Count > 0)
        {
            return AdminResult.Fail(errors);
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            return AdminResult.Fail("Email", $"A user with the email {email} already exists.");
        }

        var user = new AppUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? email.Trim() : displayName.Trim(),
            Npi = string.IsNullOrWhiteSpace(npi) ? null : npi.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return AdminResult.From(created);
        }

        var assigned = await users.AddToRolesAsync(user, roles.Select(r => Roles.Normalize(r)!).Distinct());
        if (!assigned.Succeeded)
        {
            return AdminResult.From(assigned);
        }

        await audit.RecordAsync("user.create", "User", user.Id, "roles=" + string.Join(",", roles), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return AdminResult.Ok(user.Id);
    }

    public async Task<AdminResult> UpdateAsync(string id, string displayName, string? npi, IReadOnlyCollection<string> roles,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roles);
        Demand();
        var errors = InvalidRoles(roles).Select(e => new FieldError("Roles", e)).ToList();
        if (!string.IsNullOrWhiteSpace(npi) && (npi.Trim().Length != 10 || !npi.Trim().All(char.IsAsciiDigit)))
        {
            errors.Add(new("Npi", "An NPI is 10 digits."));
        }

        if (errors.Count > 0)
        {
            return AdminResult.Fail(errors);
        }

        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return AdminResult.Fail("That user does not exist.");
        }

        var wanted = roles.Select(r => Roles.Normalize(r)!).ToHashSet(StringComparer.Ordinal);
        var current = (await users.GetRolesAsync(user)).ToHashSet(StringComparer.Ordinal);
        if (current.Contains(Roles.Admin) && !wanted.Contains(Roles.Admin) && await IsLastActiveAdminAsync(user, cancellationToken))
        {
            return AdminResult.Fail("Roles", "This is the last active Admin; give another user the Admin role first.");
        }

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        user.DisplayName = string.IsNullOrWhiteSpace(displayName) ? user.Email ?? "" : displayName.Trim();
        user.Npi = string.IsNullOrWhiteSpace(npi) ? null : npi.Trim();
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return AdminResult.From(updated);
        }

        var removed = await users.RemoveFromRolesAsync(user, current.Except(wanted));
        var added = removed.Succeeded ? await users.AddToRolesAsync(user, wanted.Except(current)) : removed;
        if (!added.Succeeded)
        {
            return AdminResult.From(added);
        }

        await audit.RecordAsync("user.update", "User", user.Id, "roles=" + string.Join(",", wanted.Order(StringComparer.Ordinal)),
            cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return AdminResult.Ok(user.Id);
    }

    /// <summary>
    /// The contact details a letter prints for the specialist working the appeal (direct line, job title). A user may
    /// change their own; an Admin anyone's.
    /// </summary>
    public async Task<AdminResult> UpdateContactAsync(string id, string? phone, string? title, CancellationToken cancellationToken = default)
    {
        if (!actor.IsInRole(Roles.Admin) && !string.Equals(id, actor.UserId, StringComparison.Ordinal))
        {
            throw new UnauthorizedAccessException("Only an Admin changes another user's contact details.");
        }

        return await UpdateContactUncheckedAsync(id, phone, title, cancellationToken);
    }

    /// <summary>As <see cref="UpdateContactAsync"/> without the caller check, for first-run seeding.</summary>
    internal async Task<AdminResult> UpdateContactUncheckedAsync(string id, string? phone, string? title, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return AdminResult.Fail("That user does not exist.");
        }

        var errors = new List<Practice.FieldError>();
        var cleanPhone = Practice.PayerAppealDirectory.Phone(errors, "Phone", "phone number", phone);
        var cleanTitle = Practice.PayerAppealDirectory.Text(errors, "Title", "title", title, 100);
        if (errors.Count > 0)
        {
            return AdminResult.Fail(errors);
        }

        if (user.Phone == cleanPhone && user.Title == cleanTitle)
        {
            return AdminResult.Ok(user.Id);
        }

        user.Phone = cleanPhone;
        user.Title = cleanTitle;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return AdminResult.From(updated);
        }

        await audit.RecordAsync("user.contact", "User", user.Id, null, cancellationToken);
        return AdminResult.Ok(user.Id);
    }

    public async Task<AdminResult> SetDisabledAsync(string idOrEmail, bool disabled, CancellationToken cancellationToken = default)
    {
        Demand();
        // Locking oneself out mid-session helps no one; another Admin can do it if it is really meant.
        if (disabled && actor.UserId is { } self && (self == idOrEmail || string.Equals(actor.Name, idOrEmail, StringComparison.OrdinalIgnoreCase)))
        {
            return AdminResult.Fail("You cannot disable your own account: ask another Admin.");
        }

        var user = await users.FindByIdAsync(idOrEmail) ?? await users.FindByEmailAsync(idOrEmail);
        if (user is null)
        {
            return AdminResult.Fail($"No user {idOrEmail}.");
        }

        if (disabled && await users.IsInRoleAsync(user, Roles.Admin) && await IsLastActiveAdminAsync(user, cancellationToken))
        {
            return AdminResult.Fail("This is the last active Admin and cannot be disabled.");
        }

        user.IsDisabled = disabled;
        var result = await users.UpdateAsync(user);
        if (result.Succeeded && disabled)
        {
            // A new security stamp ends the user's existing sessions at the next cookie validation.
            await users.UpdateSecurityStampAsync(user);
        }

        if (result.Succeeded)
        {
            await audit.RecordAsync(disabled ? "user.disable" : "user.enable", "User", user.Id, null, cancellationToken);
        }

        return AdminResult.From(result, user.Id);
    }

    public async Task<AdminResult> ResetPasswordAsync(string id, string newPassword, CancellationToken cancellationToken = default)
    {
        Demand();
        if (string.IsNullOrEmpty(newPassword))
        {
            return AdminResult.Fail("Password", "Enter a new password.");
        }

        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return AdminResult.Fail("That user does not exist.");
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, newPassword);
        if (result.Succeeded)
        {
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            await audit.RecordAsync("user.reset-password", "User", user.Id, null, cancellationToken);
        }

        return AdminResult.From(result, user.Id);
    }

    private void Demand()
    {
        if (!actor.IsInRole(Roles.Admin))
        {
            throw new UnauthorizedAccessException("Users are managed by Admins.");
        }
    }

    private static string[] InvalidRoles(IReadOnlyCollection<string> roles)
    {
        if (roles.Count == 0)
        {
            return ["Choose at least one role."];
        }

        return roles.Where(r => Roles.Normalize(r) is null)
            .Select(r => $"'{r}' is not a role; use one of {string.Join(", ", Roles.All)}.")
            .ToArray();
    }

    private async Task<bool> IsLastActiveAdminAsync(AppUser user, CancellationToken cancellationToken)
    {
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        await Task.CompletedTask.WaitAsync(cancellationToken);
        return admins.Count(a => !a.IsDisabled && a.Id != user.Id) == 0;
    }
}
