using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using AppealStudio.Data.Audit;
using AppealStudio.Data.BreakGlass;
using AppealStudio.Data.Identity;
using AppealStudio.Web.Infrastructure;
using AppealStudio.Web.Tests.Infrastructure;
using AppealStudio.Web.Tests.Lifecycle;
using AppealStudio.Web.Tests.Settings;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.BreakGlass;

/// <summary>
/// Emergency access (issue 16, ADR 0085) through the services the pages call, on every database: the grant, its use
/// in role checks (the request's principal and the circuit's operations), expiry by the app's clock, early ends, the
/// refusals, and the audit marks.
/// </summary>
public class BreakGlassServiceTests
{
    /// <summary>The app with a clock the tests move; one per database for this class.</summary>
    private sealed class ClockedApp(TestDatabase db, TestClock clock) : AppFactory(db)
    {
        public TestClock Clock { get; } = clock;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
        }
    }

    private static readonly ConcurrentDictionary<TestDatabase, ClockedApp> Apps = new();

    private static ClockedApp AppFor(TestDatabase db) => Apps.GetOrAdd(db, d => new ClockedApp(d, new TestClock { Now = DateTimeOffset.UtcNow }));

    /// <summary>A circuit's user: a fixed principal, as the revalidating provider would hold it.</summary>
    private sealed class FixedAuthentication(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }

    private static async Task<(string Id, string Email)> NewSpecialistAsync(AppFactory app)
    {
        var email = $"bg-{Guid.NewGuid():N}@practice.test";
        var created = await Acting.RunAsync<UserAdministration, AdminResult>(app, Acting.Admin,
            a => a.CreateAsync(email, "Casey Holder", null, [Roles.Specialist], "Fresh!Passw0rd42"));
        Assert.True(created.Succeeded);
        return (created.UserId!, email);
    }

    private static Task<BreakGlassResult> GrantAsync(AppFactory app, string userId, string role = Roles.Physician, int minutes = 60, string reason = "On-call physician out sick") =>
        Acting.RunAsync<GrantBreakGlass, BreakGlassResult>(app, Acting.Admin, g => g.GrantAsync(new BreakGlassRequest(userId, role, minutes, reason)));

    /// <summary>The principal an HTTP request of the user carries: the cookie's claims, then the app's claims transformation.</summary>
    private static async Task<ClaimsPrincipal> RequestPrincipalAsync(AppFactory app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        var user = await signIn.UserManager.FindByEmailAsync(email) ?? throw new InvalidOperationException(email);
        var principal = await signIn.CreateUserPrincipalAsync(user);
        return await scope.ServiceProvider.GetRequiredService<IClaimsTransformation>().TransformAsync(principal);
    }

    /// <summary>An operation of a circuit whose principal is <paramref name="principal"/>, through the app's <see cref="Operations"/>.</summary>
    private static Task<T> OperationAsync<T>(AppFactory app, ClaimsPrincipal principal, Func<IServiceProvider, Task<T>> operation) =>
        new Operations(app.Services.GetRequiredService<IServiceScopeFactory>(), new FixedAuthentication(principal), new CircuitClient()).RunAsync(operation);

    private static Task<(bool Physician, string? Mark)> RoleAndMarkAsync(AppFactory app, ClaimsPrincipal principal) =>
        OperationAsync(app, principal, sp =>
        {
            var actor = sp.GetRequiredService<ICurrentActor>();
            return Task.FromResult((actor.IsInRole(Roles.Physician), actor.BreakGlass));
        });

    private static Task<List<AuditEvent>> AuditAsync(AppFactory app, string action, long grantId) =>
        app.WithDbAsync(d => d.AuditEvents.AsNoTracking()
            .Where(e => e.Action == action && e.EntityId == grantId.ToString(CultureInfo.InvariantCulture)).ToListAsync());

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Grant_AdminToSpecialist_RoleCountsAndEveryAuditRowIsMarked(TestDatabase db)
    {
        var app = AppFor(db);
        var (userId, email) = await NewSpecialistAsync(app);

        var result = await GrantAsync(app, userId);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Message)));
        var grantId = result.GrantId!.Value;
        var principal = await RequestPrincipalAsync(app, email);
        Assert.True(principal.IsInRole(Roles.Physician));
        Assert.True(principal.IsInRole(Roles.Specialist));
        var (physician, mark) = await RoleAndMarkAsync(app, principal);
        Assert.True(physician);
        Assert.Equal(grantId.ToString(CultureInfo.InvariantCulture), mark);

        // Something the holder does under the grant: its audit row names the grant.
        var probe = Guid.NewGuid().ToString("N");
        await OperationAsync(app, principal, async sp =>
        {
            await sp.GetRequiredService<AuditLog>().RecordAsync("test.break-glass-probe", "Probe", probe);
            return true;
        });
        var row = await app.WithDbAsync(d => d.AuditEvents.AsNoTracking().SingleAsync(e => e.EntityId == probe));
        Assert.Equal(grantId.ToString(CultureInfo.InvariantCulture), row.BreakGlass);
        Assert.Equal(userId, row.UserId);

        var granted = Assert.Single(await AuditAsync(app, "break-glass.grant", grantId));
        Assert.Equal(Acting.Admin, granted.Actor);
        Assert.Contains("role=Physician", granted.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("sick", granted.Details, StringComparison.Ordinal);

        // The mark is part of the hashed row, and the trail shows it to the Admin.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.True((await AuditChain.VerifyAsync(scope.ServiceProvider.GetRequiredService<Data.AppDbContext>())).Intact);
        }

        var trail = await Acting.RunAsync<AuditTrail, AuditRows>(app, Acting.Admin, t => t.PageAsync(new AuditQuery(RecordId: probe), 0, 10));
        Assert.Equal(grantId.ToString(CultureInfo.InvariantCulture), Assert.Single(trail.Rows).BreakGlass);
        var open = await Acting.RunAsync<BreakGlassGrants, IReadOnlyDictionary<string, IReadOnlyList<BreakGlassGrantView>>>(app, Acting.Admin, g => g.OpenByUserAsync());
        Assert.Equal(Roles.Physician, Assert.Single(open[userId]).Role);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Grant_ClockPassesExpiry_RoleStopsCountingAndTheExpiryIsAuditedOnce(TestDatabase db)
    {
        var app = AppFor(db);
        var (userId, email) = await NewSpecialistAsync(app);
        var grantId = (await GrantAsync(app, userId, minutes: 15)).GrantId!.Value;
        var principal = await RequestPrincipalAsync(app, email);
        Assert.True((await RoleAndMarkAsync(app, principal)).Physician);

        app.Clock.Now = app.Clock.Now.AddMinutes(16);

        // The circuit's principal still carries the grant (revalidation has not run): the role check uses the clock.
        var (physician, mark) = await RoleAndMarkAsync(app, principal);
        Assert.False(physician);
        Assert.Null(mark);
        Assert.False((await RequestPrincipalAsync(app, email)).IsInRole(Roles.Physician));
        Assert.Empty(await AuditAsync(app, "break-glass.expire", grantId));

        // The next read of the grants closes it, once.
        await Acting.RunAsync<BreakGlassGrants, IReadOnlyDictionary<string, IReadOnlyList<BreakGlassGrantView>>>(app, Acting.Admin, g => g.OpenByUserAsync());
        await Acting.RunAsync<BreakGlassGrants, IReadOnlyDictionary<string, IReadOnlyList<BreakGlassGrantView>>>(app, Acting.Admin, g => g.OpenByUserAsync());
        var expired = Assert.Single(await AuditAsync(app, "break-glass.expire", grantId));
        Assert.Null(expired.UserId);
        var stored = await app.WithDbAsync(d => d.BreakGlassGrants.AsNoTracking().SingleAsync(g => g.Id == grantId));
        Assert.Equal(BreakGlassEnd.Expired, stored.EndKind);
        Assert.Equal(stored.ExpiresAt, stored.EndedAt);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task End_RevokedByAdminOrEndedByHolder_RoleStopsAtOnceInAnOpenCircuit(TestDatabase db)
    {
        var app = AppFor(db);
        var (userId, email) = await NewSpecialistAsync(app);
        var revokedId = (await GrantAsync(app, userId)).GrantId!.Value;
        var stale = await RequestPrincipalAsync(app, email);

        Assert.True(await Acting.RunAsync<EndBreakGlass, bool>(app, Acting.Admin, e => e.EndAsync(revokedId)));

        Assert.False((await RoleAndMarkAsync(app, stale)).Physician);
        Assert.Contains("how=revoked", Assert.Single(await AuditAsync(app, "break-glass.end", revokedId)).Details, StringComparison.Ordinal);
        Assert.False(await Acting.RunAsync<EndBreakGlass, bool>(app, Acting.Admin, e => e.EndAsync(revokedId)));

        var endedId = (await GrantAsync(app, userId, Roles.Manager)).GrantId!.Value;
        var holder = await RequestPrincipalAsync(app, email);
        Assert.True(holder.IsInRole(Roles.Manager));
        Assert.True(await OperationAsync(app, holder, sp => sp.GetRequiredService<EndBreakGlass>().EndAsync(endedId)));
        var ended = Assert.Single(await AuditAsync(app, "break-glass.end", endedId));
        Assert.Contains("how=ended", ended.Details, StringComparison.Ordinal);
        Assert.Equal(userId, ended.UserId);
        Assert.False(await OperationAsync(app, holder, sp => Task.FromResult(sp.GetRequiredService<ICurrentActor>().IsInRole(Roles.Manager))));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Grant_NotAnAdmin_IsRefusedAndNothingIsStored(TestDatabase db)
    {
        var app = AppFor(db);
        var (userId, _) = await NewSpecialistAsync(app);
        var before = await app.WithDbAsync(d => d.BreakGlassGrants.CountAsync());

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Acting.RunAsync<GrantBreakGlass, BreakGlassResult>(app, Acting.Manager,
            g => g.GrantAsync(new BreakGlassRequest(userId, Roles.Physician, 60, "reason"))));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Acting.RunAsync<BreakGlassGrants, IReadOnlyDictionary<string, IReadOnlyList<BreakGlassGrantView>>>(
            app, Acting.Specialist, g => g.OpenByUserAsync()));
        var grantId = (await GrantAsync(app, userId)).GrantId!.Value;
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Acting.RunAsync<EndBreakGlass, bool>(app, Acting.Specialist, e => e.EndAsync(grantId)));

        Assert.Equal(before + 1, await app.WithDbAsync(d => d.BreakGlassGrants.CountAsync()));
        Assert.Null((await app.WithDbAsync(d => d.BreakGlassGrants.AsNoTracking().SingleAsync(g => g.Id == grantId))).EndedAt);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Grant_SelfOutOfBoundsNoReasonAdminHeldOrStacked_EachRefusedAtItsField(TestDatabase db)
    {
        var app = AppFor(db);
        var (userId, _) = await NewSpecialistAsync(app);
        var adminId = await Denials.DenialBuilder.UserIdAsync(app, Acting.Admin);

        async Task<string> FieldOf(Task<BreakGlassResult> attempt)
        {
            var result = await attempt;
            Assert.False(result.Succeeded);
            return Assert.Single(result.Errors).Field;
        }

        Assert.Equal("UserId", await FieldOf(GrantAsync(app, adminId)));
        Assert.Equal("Minutes", await FieldOf(GrantAsync(app, userId, minutes: 5)));
        Assert.Equal("Minutes", await FieldOf(GrantAsync(app, userId, minutes: 24 * 60 + 1)));
        Assert.Equal("Reason", await FieldOf(GrantAsync(app, userId, reason: "   ")));
        Assert.Equal("Role", await FieldOf(GrantAsync(app, userId, role: Roles.Admin)));
        Assert.Equal("Role", await FieldOf(GrantAsync(app, userId, role: Roles.Specialist)));
        Assert.Equal(0, await app.WithDbAsync(d => d.BreakGlassGrants.CountAsync(g => g.UserId == userId)));

        Assert.True((await GrantAsync(app, userId, minutes: 480)).Succeeded);
        Assert.Equal("Role", await FieldOf(GrantAsync(app, userId, minutes: 480)));
        Assert.Equal(1, await app.WithDbAsync(d => d.BreakGlassGrants.CountAsync(g => g.UserId == userId)));
    }
}
