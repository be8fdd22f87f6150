using AppealStudio.Data;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Identity;
using AppealStudio.Data.Practice;
using AppealStudio.Web.Tests.Appeals;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Letters;

/// <summary>Builders shared by the letter capability tests: a started letter ready for sign-off, a second physician in the directory.</summary>
internal static class LetterTestSetup
{
    public const string Specialist = "specialist@demo.local";

    /// <summary>A second physician who is not the demo claims' rendering provider (the same one LetterServicesTests uses).</summary>
    public const string OtherPhysicianEmail = "second.physician@demo.local";

    public const string OtherPhysicianPassword = "Second!Pass2026x";

    public const string OtherPhysicianNpi = "1245319599";

    public static readonly LetterStartDetails Details = new("Appeals Department\nPO Box 100\nSpringfield, IL 62701",
        "Example Health Plan reimbursement policy RP-059 (NCCI edits)", new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>A modifier-59 denial with its chart note and a letter started with the best evidence.</summary>
    public static async Task<(long DenialId, long AppealId)> StartedLetterAsync(AppFactory factory)
    {
        var denialId = await AppealTestData.ReadyDenialAsync(factory);
        var result = await ActingAs.RunAsync<AppealWorkflow, AppealResult>(factory, Specialist,
            w => w.StartAsync(denialId, "ortho-modifier-59", Details, autoEvidence: true));
        Assert.True(result.Succeeded, result.Message);
        return (denialId, result.AppealId);
    }

    /// <summary>Omar Haddad, MD: a physician user linked to his own provider directory entry. Returns his user id.</summary>
    public static async Task<string> OtherPhysicianAsync(AppFactory factory)
    {
        await using var scope = await ActingAs.ScopeAsync(factory, "admin@demo.local");
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var id = (await users.FindByEmailAsync(OtherPhysicianEmail))?.Id;
        if (id is null)
        {
            var created = await scope.ServiceProvider.GetRequiredService<UserAdministration>()
                .CreateAsync(OtherPhysicianEmail, "Omar Haddad, MD", OtherPhysicianNpi, [Roles.Physician], OtherPhysicianPassword);
            Assert.True(created.Succeeded, string.Join(" ", created.Errors));
            id = created.UserId!;
        }

        if (!await scope.ServiceProvider.GetRequiredService<AppDbContext>().Providers.AnyAsync(p => p.Npi == OtherPhysicianNpi))
        {
            var entry = await scope.ServiceProvider.GetRequiredService<ProviderDirectoryAdministration>()
                .CreateAsync(new ProviderDraft("Omar Haddad", "MD", OtherPhysicianNpi, "Cardiology", id));
            Assert.True(entry.Succeeded, string.Join(" ", entry.Errors.Select(e => e.Message)));
        }

        return id;
    }

    public static Task<string> UserIdAsync(AppFactory factory, string email) =>
        factory.WithDbAsync(d => d.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
}
