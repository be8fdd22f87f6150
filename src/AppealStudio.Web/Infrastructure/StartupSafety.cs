using AppealStudio.Data;
using AppealStudio.Data.Protection;
using Npgsql;

namespace AppealStudio.Web.Infrastructure;

/// <summary>
/// Outside Development the app refuses to start on a configuration that would be unsafe in production, and says
/// what to change (issue 14). Development keeps its conveniences (plain HTTP on localhost, the demo database).
/// </summary>
public static class StartupSafety
{
    // Passwords that appear in documentation, images and examples: a server using one is as good as open.
    private static readonly HashSet<string> DefaultPasswords = new(StringComparer.OrdinalIgnoreCase)
    {
        "postgres", "password", "secret", "appealstudio", "changeme", "change-me", "admin", "...", "pass", "123456",
    };

    /// <summary>What is unsafe in this configuration, one sentence each naming the setting to change; empty when safe.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var problems = new List<string>();
        if (environment.IsDevelopment())
        {
            return problems;
        }

        var database = DatabaseOptions.From(configuration);
        if (database.Provider == DatabaseProvider.Postgres)
        {
            var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString);
            // A Unix socket path authenticates by the operating-system user (peer), not by password.
            var socket = connection.Host?.StartsWith('/') == true;
            if (!socket && string.IsNullOrEmpty(connection.Password))
            {
                problems.Add("Database:ConnectionString has no password: add Password=... with a strong password " +
                    "(or connect through the server's Unix socket, Host=/var/run/postgresql, with peer authentication).");
            }
            else if (!socket && DefaultPasswords.Contains(connection.Password!))
            {
                problems.Add("Database:ConnectionString uses a well-known default password: set a strong password " +
                    "on the database role and in Password=....");
            }
        }

        // Keys held outside the database (ADR 0080, 0081): in Production they are named explicitly, never generated
        // beside the database where one copy of the data folder would carry both.
        if (environment.IsProduction() && !FieldKeys.IsConfigured(configuration))
        {
            problems.Add("No encryption key for chart text, attachments and backups is configured: " + FieldKeys.HowToConfigure + ".");
        }

        if (environment.IsProduction() && !KeyRingCertificates.IsConfigured(configuration))
        {
            problems.Add("No certificate protects the Data Protection keys (which sign sign-in cookies): " + KeyRingCertificates.HowToConfigure + ".");
        }

        if (!ListensOnHttps(configuration) && !HasTrustedProxy(configuration))
        {
            problems.Add("HTTPS is off (no https:// address in ASPNETCORE_URLS or Kestrel:Endpoints) and no trusted " +
                "proxy is configured: either give Kestrel an https:// endpoint with a certificate, or terminate TLS " +
                "at a reverse proxy and name it in ForwardedHeaders:KnownProxies (addresses) or ForwardedHeaders:KnownNetworks (CIDR ranges).");
        }

        return problems;
    }

    /// <summary>Stops start-up with every problem listed; called before the host is built.</summary>
    public static void ThrowIfUnsafe(IConfiguration configuration, IHostEnvironment environment)
    {
        var problems = Problems(configuration, environment);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"AppealStudio refuses to start in {environment.EnvironmentName} with an unsafe configuration:" +
                Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "- " + p)));
        }
    }

    /// <summary>A proxy named in ForwardedHeaders:KnownProxies/KnownNetworks (see SecurityForwardedHeaders).</summary>
    public static bool HasTrustedProxy(IConfiguration configuration) =>
        configuration.GetSection("ForwardedHeaders:KnownProxies").GetChildren().Any(c => !string.IsNullOrWhiteSpace(c.Value)) ||
        configuration.GetSection("ForwardedHeaders:KnownNetworks").GetChildren().Any(c => !string.IsNullOrWhiteSpace(c.Value));

    private static bool ListensOnHttps(IConfiguration configuration)
    {
        var urls = Split(configuration["urls"] ?? configuration["ASPNETCORE_URLS"])
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"] ?? ""));
        return urls.Any(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) ||
               configuration["ASPNETCORE_HTTPS_PORTS"] is { Length: > 0 } || configuration["https_ports"] is { Length: > 0 };
    }

    private static IEnumerable<string> Split(string? value) =>
        (value ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
