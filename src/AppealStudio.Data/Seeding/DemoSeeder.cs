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

    /// <summary>Creates what is missing and says what it added; running it twice changes nothing.</summary>
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
