using AppealStudio.Data.Identity;

namespace AppealStudio.Data.Seeding;

/// <summary>
/// Demo data for a first look at the product: one user per role (later features add payers, remittances, charts
/// and appeals here). Runs on first start in Development, or explicitly with <c>appealstudio seed demo</c>.
/// </summary>
public sealed class DemoSeeder(UserAdministration admin)
{
    public const string Password = "Demo!Pass2026";

    public static readonly IReadOnlyList<(string Email, string DisplayName, string Role, string? Npi)> Users =
    [
        ("specialist@demo.local", "Sam Specialist", Roles.Specialist, null),
        ("physician@demo.local", "Dana Reyes, MD", Roles.Physician, "1234567893"),
        ("manager@demo.local", "Morgan Manager", Roles.Manager, null),
        ("admin@demo.local", "Alex Admin", Roles.Admin, null),
    ];

    /// <summary>Creates what is missing; running it twice changes nothing.</summary>
    public async Task<IReadOnlyList<string>> SeedAsync(CancellationToken cancellationToken = default)
    {
        var existing = (await admin.ListAsync(cancellationToken)).Select(u => u.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var created = new List<string>();
        foreach (var (email, name, role, npi) in Users)
        {
            if (existing.Contains(email))
            {
                continue;
            }

            var result = await admin.CreateAsync(email, name, npi, [role], Password, cancellationToken);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Demo user {email}: {string.Join("; ", result.Errors)}");
            }

            created.Add(email);
        }

        return created;
    }
}
