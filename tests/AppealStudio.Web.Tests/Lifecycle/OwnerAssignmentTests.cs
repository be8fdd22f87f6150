using AppealStudio.Data.Assignment;
using AppealStudio.Data.Identity;
using AppealStudio.Data.Lifecycle;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Lifecycle;

public class OwnerAssignmentTests
{
    public static IEnumerable<object[]> Databases() => TestDatabases.All();

    /// <summary>A file of <paramref name="count"/> medical-necessity denials (owner role: clinician).</summary>
    private static async Task<List<long>> ImportClinicianDenialsAsync(LifecycleHarness h, string payer, int count)
    {
        var remit = new Remit835(payer, "O1", h.Clock.Today.AddDays(-5));
        var pcns = Enumerable.Range(0, count).Select(_ => Remit835.UniquePcn()).ToList();
        foreach (var (pcn, i) in pcns.Select((p, i) => (p, i)))
        {
            remit.Add(new ClaimSpec(pcn, "1", "C" + pcn, new Line("72148", 400m + (i * 10m), 0m, new Cas("CO", "50", 400m + (i * 10m)))));
        }

        await h.ImportAsync(remit.ToString());
        return await h.WithDbAsync(db => db.Denials.Where(d => pcns.Contains(d.Claim.PatientControlNumber)).OrderBy(d => d.Id).Select(d => d.Id).ToListAsync());
    }

    private static Task<Dictionary<string, int>> AssigneesAsync(LifecycleHarness h, string payer) =>
        h.WithDbAsync(db => db.Denials.Where(d => d.PayerName == payer && d.AssigneeUserId != null)
            .GroupBy(d => d.AssigneeUserId!).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Import_RoundRobin_AssignsInTurnAcrossImports_AndEachAssignmentIsInTheTimeline(TestDatabase database)
    {
        var h = await LifecycleHarness.CreateAsync(database, null);
        var (a, b) = (await h.CreateUserAsync(Roles.Specialist), await h.CreateUserAsync(Roles.Specialist));
        await h.RunAsync(sp => sp.GetRequiredService<OwnerAssignment>().AddMemberAsync("clinician", a));
        await h.RunAsync(sp => sp.GetRequiredService<OwnerAssignment>().AddMemberAsync("clinician", b));
        var payer = Remit835.UniquePayer();

        var first = await ImportClinicianDenialsAsync(h, payer, 3);

        var split = await AssigneesAsync(h, payer);
        Assert.Equal(3, split.Values.Sum());
        Assert.Equal([1, 2], split.Values.Order());
        var events = await h.WithDbAsync(db => db.DenialEvents.Where(e => first.Contains(e.DenialId) && e.Type == "assign").Select(e => e.Text!).ToListAsync());
        Assert.Equal(3, events.Count);
        Assert.All(events, t => Assert.Contains("(round robin, owner role clinician)", t, StringComparison.Ordinal));

        await ImportClinicianDenialsAsync(h, payer, 1);

        Assert.Equal([2, 2], (await AssigneesAsync(h, payer)).Values.Order());
        Assert.Equal(2, await h.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "denial.auto-assign")));
        var mine = await h.WithDbAsync(db => db.Denials.MyWork(a, h.Clock.Today).CountAsync());
        Assert.Equal(2, mine);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task LeastLoaded_GivesNewWorkToWhoeverHasLess_AndOffAssignsNobody(TestDatabase database)
    {
        var h = await LifecycleHarness.CreateAsync(database, null);
        var (busy, free) = (await h.CreateUserAsync(Roles.Specialist), await h.CreateUserAsync(Roles.Manager));
        var payer = Remit835.UniquePayer();
        var existing = await ImportClinicianDenialsAsync(h, payer, 3);
        // Three open denials assigned by hand to the first person.
        await h.WithDbAsync(db => db.Denials.Where(d => existing.Contains(d.Id)).ExecuteUpdateAsync(u => u.SetProperty(d => d.AssigneeUserId, busy)));
        await h.RunAsync(sp => sp.GetRequiredService<OwnerAssignment>().AddMemberAsync("clinician", busy));
        await h.RunAsync(sp => sp.GetRequiredService<OwnerAssignment>().AddMemberAsync("clinician", free));
        await h.RunAsync(sp => sp.GetRequiredService<OwnerAssignment>().SetModeAsync(AssignmentMode.LeastLoaded));

        await ImportClinicianDenialsAsync(h, payer, 4);

        // The first three go to the one with none; the fourth to either (they are level then).
        var split = await AssigneesAsync(h, payer);
        Assert.Equal(7, split[busy] + split[free]);
        Assert.True(split[free] >= 3, "the least loaded member gets the new work first");

        await h.RunAsync(sp => sp.GetRequiredService<OwnerAssignment>().SetModeAsync(AssignmentMode.Off));
        var later = await ImportClinicianDenialsAsync(h, payer, 2);
        Assert.False(await h.WithDbAsync(db => db.Denials.AnyAsync(d => later.Contains(d.Id) && d.AssigneeUserId != null)));
        var roles = await h.RunAsync(sp => sp.GetRequiredService<OwnerAssignment>().RolesAsync());
        Assert.Equal(2, roles.Single(r => r.Role == "clinician").OpenUnassigned);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task AddMember_PhysicianOrUnknownRole_IsRefused_AndSpecialistCannotChangeRoles(TestDatabase database)
    {
        var h = await LifecycleHarness.ForAsync(database);
        h.Reset();
        var physician = await h.CreateUserAsync(Roles.Physician);
        var specialist = await h.CreateUserAsync(Roles.Specialist);

        var wrongUser = await h.RunAsync(sp => sp.GetRequiredService<OwnerAssignment>().AddMemberAsync("coder", physician));
        var wrongRole = await h.RunAsync(sp => sp.GetRequiredService<OwnerAssignment>().AddMemberAsync("payer-relations", specialist));
        h.ActAs(specialist, Roles.Specialist);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => h.RunAsync(sp => sp.GetRequiredService<OwnerAssignment>().AddMemberAsync("coder", specialist)));
        h.Reset();

        Assert.Contains("specialist, manager or admin", wrongUser.Message, StringComparison.Ordinal);
        Assert.StartsWith("Choose an owner role", wrongRole.Message, StringComparison.Ordinal);
    }
}
