namespace AppealStudio.Proxy;

/// <summary>
/// What an operator sets for the proxy (section <c>Proxy</c>, or environment variables such as
/// <c>Proxy__Destinations__0=http://10.0.0.11:8080</c>). The YARP routes and cluster are built from it in code so that
/// affinity, health checks and failover cannot be configured out by a missing line of JSON.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "Proxy";

    /// <summary>Base addresses of the app instances, e.g. <c>http://10.0.0.11:8080</c>.</summary>
    public IList<string> Destinations { get; } = [];

    /// <summary>Seconds between active probes of <c>/healthz/ready</c> on every instance.</summary>
    public int HealthCheckSeconds { get; set; } = 5;

    /// <summary>Seconds a probe may take before it counts as failed.</summary>
    public int HealthCheckTimeoutSeconds { get; set; } = 3;

    /// <summary>
    /// Seconds an instance that refused a connection stays out of rotation before the proxy tries it again
    /// (the active probe brings it back sooner once <c>/healthz/ready</c> answers).
    /// </summary>
    public int ReactivationSeconds { get; set; } = 30;

    /// <summary>Path probed on every instance; the app answers 200 when its database is reachable and migrated.</summary>
    public string HealthPath { get; set; } = "/healthz/ready";

    /// <summary>The cookie that binds a browser to the instance holding its Blazor circuit.</summary>
    public string AffinityCookieName { get; set; } = "AppealStudio.Affinity";

    /// <summary>
    /// Name the instance that answered in an <c>X-AppealStudio-Instance</c> response header (for tests and for tracing
    /// a user's problem to one process). Off by default: it tells clients how the cluster is built.
    /// </summary>
    public bool ServedByHeader { get; set; }
}
