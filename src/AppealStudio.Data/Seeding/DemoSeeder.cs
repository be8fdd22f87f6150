using System.Globalization;
using System.Text;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Charts;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Identity;
using AppealStudio.Data.Practice;
using AppealStudio.Data.Remittances;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace AppealStudio.Data.Seeding;

/// <summary>
/// Demo data for a first look at the product: one user per role, the demo payer, a demo 835 imported exactly as an
/// upload would be (so its denials are detected and classified by the same code), and one fictional chart document
/// per denial, so that each specialty scenario and a medical-necessity denial can be worked end to end. Runs on
/// first start in Development, or explicitly with <c>appealstudio seed demo</c>.
/// </summary>
public sealed class DemoSeeder(UserAdministration admin, AppDbContext db, DenialRules rules, TimeProvider clock, IConfiguration configuration, ImportSlots slots)
{
    public const string Password = "Demo!Pass2026";

    public static readonly IReadOnlyList<(string Email, string DisplayName, string Role, string? Npi)> Users =
    [
        ("specialist@demo.local", "Sam Specialist", Roles.Specialist, null),
        ("physician@demo.local", "Dana Reyes, MD", Roles.Physician, DemoData.PhysicianNpi),
        ("manager@demo.local", "Morgan Manager", Roles.Manager, null),
        ("admin@demo.local", "Alex Admin", Roles.Admin, null),
    ];

    /// <summary>
    /// Demo users have a published password: they may exist only in Development. The CLI's <c>seed demo</c> calls this
    /// first; the web app refuses to start in Production while <see cref="DemoUsersPresentAsync"/> finds any.
    /// </summary>
    public static void DemandDevelopment(string environmentName)
    {
        if (!string.Equals(environmentName, "Development", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Demo data is refused in the {environmentName} environment: the demo users have a published password. " +
                "Run it only against a Development database (DOTNET_ENVIRONMENT=Development).");
        }
    }

    /// <summary>The demo users who can sign in on this database (none on a production database; disabled ones cannot).</summary>
    public static async Task<IReadOnlyList<string>> DemoUsersPresentAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var normalized = Users.Select(u => u.Email.ToUpperInvariant()).ToList();
        return await db.Users.AsNoTracking().Where(u => !u.IsDisabled && u.NormalizedEmail != null && normalized.Contains(u.NormalizedEmail))
            .OrderBy(u => u.Email).Select(u => u.Email!).ToListAsync(cancellationToken);
    }

    /// <summary>Creates what is missing and says what it added; running it twice changes nothing.</summary>
    public async Task<IReadOnlyList<string>> SeedAsync(CancellationToken cancellationToken = default)
    {
        var existing = (await admin.ListUncheckedAsync(cancellationToken)).Select(u => u.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var created = new List<string>();
        foreach (var (email, name, role, npi) in Users)
        {
            if (existing.Contains(email))
            {
                continue;
            }

            var result = await admin.CreateUncheckedAsync(email, name, npi, [role], Password, cancellationToken);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Demo user {email}: {string.Join("; ", result.Errors)}");
            }

            created.Add(email);
        }

        // The specialist's direct line and title: letters name them as the contact for questions about the appeal.
        var specialist = await db.Users.FirstOrDefaultAsync(u => u.Email == "specialist@demo.local", cancellationToken);
        if (specialist is not null && specialist.Phone is null)
        {
            await admin.UpdateContactUncheckedAsync(specialist.Id, DemoData.SpecialistPhone, "Appeals specialist", cancellationToken);
        }

        created.AddRange(await SeedDataAsync(cancellationToken));
        return created;
    }

    private async Task<IReadOnlyList<string>> SeedDataAsync(CancellationToken cancellationToken)
    {
        var added = new List<string>();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var actor = new DemoActor();
        var audit = new AuditLog(db, actor, clock);

        // The payer first: the import computes deadlines from its appeal window instead of the unknown-payer default.
        if (!await db.PayerSettings.AnyAsync(p => p.PayerIdentifier == DemoData.PayerIdentifier, cancellationToken))
        {
            db.PayerSettings.Add(new PayerSetting
            {
                Name = DemoData.PayerName,
                PayerIdentifier = DemoData.PayerIdentifier,
                Type = "Commercial",
                Aliases = "EXAMPLE HEALTH PLAN",
                FirstLevelDays = 180,
                SecondLevelDays = 60,
                TimelyFilingDays = 90,
                Notes = "Fictional payer of the demo data.",
                UpdatedAt = clock.GetUtcNow(),
                UpdatedBy = actor.Name,
            });
            await db.SaveChangesAsync(cancellationToken);
            added.Add("demo payer " + DemoData.PayerName);
        }

        // The payer directory's appeals address: letters to the demo payer are addressed from it.
        var payer = await db.PayerSettings.FirstAsync(p => p.PayerIdentifier == DemoData.PayerIdentifier, cancellationToken);
        if (!await db.PayerAppealAddresses.AnyAsync(a => a.PayerSettingId == payer.Id, cancellationToken))
        {
            db.PayerAppealAddresses.Add(new PayerAppealAddress
            {
                PayerSettingId = payer.Id,
                Level = PayerAppealAddress.AnyLevel,
                Recipient = "Provider Appeals Unit",
                AddressLine1 = "PO Box 4600",
                City = "Springfield",
                State = "IL",
                PostalCode = "62701-4600",
                Fax = "(217) 555-0190",
                Phone = "(800) 555-0199",
                PortalUrl = "https://provider.example.com/appeals",
                UpdatedAt = clock.GetUtcNow(),
                UpdatedBy = actor.Name,
            });
            await db.SaveChangesAsync(cancellationToken);
            added.Add("demo payer appeals address");
        }

        // The provider directory: the rendering provider of every demo claim, signing as the demo physician.
        if (!await db.Providers.AnyAsync(p => p.Npi == DemoData.PhysicianNpi, cancellationToken))
        {
            var physician = await db.Users.FirstOrDefaultAsync(u => u.Email == "physician@demo.local", cancellationToken);
            db.Providers.Add(new ProviderDirectoryEntry
            {
                Name = "Dana Reyes",
                Credentials = "MD",
                Npi = DemoData.PhysicianNpi,
                Specialty = "Multispecialty (demo)",
                PhysicianUserId = physician?.Id,
                UpdatedAt = clock.GetUtcNow(),
                UpdatedBy = actor.Name,
            });
            await db.SaveChangesAsync(cancellationToken);
            added.Add("demo provider Dana Reyes, MD");
        }

        // The letterhead, with the practice's time zone for signatures, unless an Admin has entered one.
        if (!await db.PracticeProfiles.AnyAsync(cancellationToken))
        {
            db.PracticeProfiles.Add(new PracticeProfile
            {
                Name = "Riverside Multispecialty Group",
                AddressLine1 = "410 Mill Street, Suite 200",
                City = "Springfield",
                State = "IL",
                PostalCode = "62704",
                Phone = "(217) 555-0142",
                Fax = "(217) 555-0143",
                Npi = "1467593822",
                TaxId = "37-1849203",
                TimeZone = "America/Chicago",
            });
            await db.SaveChangesAsync(cancellationToken);
            added.Add("demo practice profile");
        }

        if (!await db.Payments.AnyAsync(p => p.TraceNumber == DemoData.TraceNumber, cancellationToken))
        {
            var importer = new RemittanceImporter(db, audit, actor, rules, clock, slots);
            await using var stream = new MemoryStream(Encoding.ASCII.GetBytes(DemoData.RemittanceText(today)));
            var summary = await importer.ImportAsync(DemoData.RemittanceFileName, stream, null, cancellationToken);
            added.Add(string.Create(CultureInfo.InvariantCulture, $"demo remittance ({summary.Claims} claims, {summary.Denials} denials)"));
        }

        var charts = new ChartStore(db, audit, actor, clock, configuration, slots);
        var documents = 0;
        foreach (var (fileName, text) in DemoData.ChartFiles(today))
        {
            if (await db.ChartDocuments.AnyAsync(d => d.SourceFileName == fileName, cancellationToken))
            {
                continue;
            }

            await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
            var result = await charts.ImportAsync(fileName, stream, cancellationToken);
            documents += result.Succeeded
                ? result.Saved.Count
                : throw new InvalidOperationException($"Demo chart {fileName}: {result.Error}");
        }

        if (documents > 0)
        {
            added.Add(string.Create(CultureInfo.InvariantCulture, $"{documents} demo chart documents"));
        }

        return added;
    }

    /// <summary>Seeding is not done by a signed-in user; the audit trail and import history say so.</summary>
    private sealed class DemoActor : ICurrentActor
    {
        public string? UserId => null;

        public string Name => "demo seeding";

        public string? IpAddress => null;
    }
}
