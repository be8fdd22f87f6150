using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Infrastructure;

/// <summary>
/// Every endpoint the app maps, read from its endpoint data source, so a new page is covered without editing this
/// test: anonymous users and each role get exactly the access the rule table below gives them.
/// </summary>
public class AuthorizationMatrixTests
{
    private static readonly string[] AllRoles = ["Specialist", "Physician", "Manager", "Admin"];

    // The access rules, written independently of the app's Policies class so that a policy change shows up here.
    // First matching prefix wins; null = anonymous allowed; empty = any signed-in user.
    private static readonly (string Prefix, string[]? Roles)[] Rules =
    [
        // Static assets (fonts, styles, scripts): the sign-in page needs them before anyone is signed in.
        ("/lib/", null),
        ("/css/", null),
        ("/js/", null),
        ("/AppealStudio.Web.", null),
        ("/account/signin", null),
        ("/account/access-denied", null),
        ("/account/signout", null),
        ("/healthz", null),
        ("/error", null),
        ("/status/", null),
        ("/worklist", ["Specialist", "Manager", "Admin"]),
        ("/denials", ["Specialist", "Manager", "Admin"]),
        ("/appeals", ["Specialist", "Manager", "Admin"]),
        ("/imports", ["Specialist", "Manager", "Admin"]),
        ("/charts", ["Specialist", "Manager", "Admin"]),
        // A letter's review page answers every signed-in user; its resource check says "not found" to all but the assigned physician.
        ("/signoff/", []),
        ("/signoff", ["Physician"]),
        ("/reports", ["Manager", "Admin"]),
        // Owner roles and the scheduler's runs: Managers run the team (issue 13); the rest of Settings is the Admin's.
        ("/settings/owners", ["Manager", "Admin"]),
        ("/settings/scheduler", ["Manager", "Admin"]),
        // The data behind underpayments, deadlines and warnings: Managers read it, Admins change it (the services check).
        ("/settings/fee-schedules", ["Manager", "Admin"]),
        ("/settings/appeal-levels", ["Manager", "Admin"]),
        ("/settings/viability", ["Manager", "Admin"]),
        ("/settings", ["Admin"]),
        // Prometheus scrape (issue 14): volumes and timings of the practice, for Admins.
        ("/metrics", ["Admin"]),
        ("/", []),
    ];

    private static readonly Dictionary<string, string> Emails = new()
    {
        ["Specialist"] = "specialist@demo.local",
        ["Physician"] = "physician@demo.local",
        ["Manager"] = "manager@demo.local",
        ["Admin"] = "admin@demo.local",
    };

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task EveryGetEndpoint_AnonymousAndEachRole_GetExactlyTheirAccess(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var urls = GetUrls(factory);
        Assert.Contains("/worklist", urls);
        Assert.Contains("/settings/users", urls);

        var failures = new List<string>();
        using (var anonymous = BrowserlessClient.Create(factory))
        {
            foreach (var url in urls)
            {
                var response = await anonymous.Http.GetAsync(url);
                var allowed = RuleFor(url) is null;
                // A script's request (the session keep-alive) gets 401 instead of a redirect to the sign-in page.
                var toSignIn = IsRedirectTo(response, "/account/signin") || response.StatusCode == HttpStatusCode.Unauthorized;
                if (allowed == toSignIn)
                {
                    failures.Add($"anonymous GET {url}: {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
        }

        foreach (var role in AllRoles)
        {
            using var client = await BrowserlessClient.SignedInAsync(factory, Emails[role]);
            foreach (var url in urls)
            {
                var response = await client.Http.GetAsync(url);
                var roles = RuleFor(url);
                var allowed = roles is null || roles.Length == 0 || roles.Contains(role);
                var denied = IsRedirectTo(response, "/account/access-denied") || IsRedirectTo(response, "/account/signin");
                if (allowed == denied || response.StatusCode == HttpStatusCode.InternalServerError)
                {
                    failures.Add($"{role} GET {url}: {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task EveryPostEndpoint_WithoutAntiforgeryToken_IsRejected(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var posts = Endpoints(factory).Where(e => e.Methods.Contains("POST")).Select(e => e.Url).Distinct().ToList();
        Assert.Contains("/account/signout", posts);

        // Each POST is sent by a role that may use it, so authorization lets it through and only the token is missing.
        var clients = new Dictionary<string, BrowserlessClient>();
        try
        {
            foreach (var url in posts)
            {
                var roles = RuleFor(url);
                var role = roles is { Length: > 0 } ? roles[0] : "Admin";
                if (!clients.TryGetValue(role, out var client))
                {
                    client = clients[role] = await BrowserlessClient.SignedInAsync(factory, Emails[role]);
                }

                var response = await client.Http.PostAsync(url, new FormUrlEncodedContent([new("x", "1")]));
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest,
                    $"{role} POST {url} without a token gave {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            // Still signed in: the rejected sign-out did not happen.
            Assert.Equal(HttpStatusCode.OK, (await clients["Admin"].Http.GetAsync("/settings")).StatusCode);
        }
        finally
        {
            foreach (var c in clients.Values)
            {
                c.Dispose();
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task SignOutPost_WithTheFormsToken_IsAcceptedAndEndsTheSession(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var client = await BrowserlessClient.SignedInAsync(factory, "manager@demo.local");
        // The two-factor page is a static page of the signed-in user: its forms carry the user's antiforgery token.
        var page = await client.GetDocumentAsync("/account/two-factor");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await client.Http.PostAsync("/account/signout",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/signin", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.True(IsRedirectTo(await client.Http.GetAsync("/reports"), "/account/signin"));
    }

    private static string[]? RuleFor(string url) =>
        Rules.First(r => url.StartsWith(r.Prefix, StringComparison.OrdinalIgnoreCase)).Roles;

    private static bool IsRedirectTo(HttpResponseMessage response, string path) =>
        response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found &&
        response.Headers.Location is { } location &&
        (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString).StartsWith(path, StringComparison.OrdinalIgnoreCase);

    private static List<string> GetUrls(AppFactory factory) =>
        Endpoints(factory).Where(e => e.Methods.Count == 0 || e.Methods.Contains("GET")).Select(e => e.Url).Distinct().ToList();

    private static List<(string Url, IReadOnlyList<string> Methods)> Endpoints(AppFactory factory) =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => (Url: Sample(e.RoutePattern.RawText ?? ""),
                Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? (IReadOnlyList<string>)[]))
            .Where(e => !e.Url.StartsWith("/_", StringComparison.Ordinal))
            .ToList();

    // Route parameters get a value that exists in no database: the page must still answer without an error.
    private static string Sample(string pattern)
    {
        var url = "/" + pattern.TrimStart('/');
        return System.Text.RegularExpressions.Regex.Replace(url, @"\{([^}:]+)(:(int|long))?[^}]*\}",
            m => m.Groups[2].Success ? "987654321" : "does-not-exist");
    }
}
