using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;
using Yarp.ReverseProxy.Transforms;

namespace AppealStudio.Proxy;

/// <summary>
/// The proxy host: one catch-all route to one cluster of app instances, with cookie session affinity (a Blazor Server
/// circuit lives in one process), active health checks on <c>/healthz/ready</c>, an instance taken out on its first
/// refused connection, and a request whose instance is down sent to another one (ADR 100).
/// </summary>
public static class ProxyApp
{
    public const string ClusterId = "appealstudio";

    /// <summary>The response header naming the instance that answered, when <see cref="ProxyOptions.ServedByHeader"/> is on.</summary>
    public const string ServedByHeaderName = "X-AppealStudio-Instance";

    /// <summary>Builds the proxy; <paramref name="configure"/> lets a test add settings or pick the port.</summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);

        var options = new ProxyOptions();
        builder.Configuration.GetSection(ProxyOptions.Section).Bind(options);
        var problems = Problems(options);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("AppealStudio.Proxy cannot start:" + Environment.NewLine +
                string.Join(Environment.NewLine, problems.Select(p => "- " + p)));
        }

        builder.Services.AddSingleton(Options.Create(options));
        builder.Services.AddSingleton<IPassiveHealthCheckPolicy, FirstConnectionFailurePolicy>();
        var proxy = builder.Services.AddReverseProxy().LoadFromMemory([Route()], [Cluster(options)]);
        if (options.ServedByHeader)
        {
            proxy.AddTransforms(transforms => transforms.AddResponseTransform(context =>
            {
                if (context.HttpContext.GetReverseProxyFeature().ProxiedDestination is { } destination)
                {
                    context.HttpContext.Response.Headers[ServedByHeaderName] = destination.DestinationId;
                }

                return ValueTask.CompletedTask;
            }));
        }

        var app = builder.Build();
        app.MapReverseProxy(pipeline =>
        {
            // Order matters: the retry wraps affinity and load balancing so that a second attempt picks again among
            // the instances still up (the affine one excluded, the Redistribute failure policy then chooses another).
            pipeline.Use(RetryOnAnotherInstanceAsync);
            pipeline.UseSessionAffinity();
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
        });
        return app;
    }

    /// <summary>What is wrong with the options, one sentence each naming the setting; empty when usable.</summary>
    public static IReadOnlyList<string> Problems(ProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.Destinations.Count == 0)
        {
            problems.Add("Proxy:Destinations is empty: list the app instances, e.g. Proxy__Destinations__0=http://10.0.0.11:8080.");
        }

        foreach (var destination in options.Destinations)
        {
            if (!Uri.TryCreate(destination, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                problems.Add($"Proxy:Destinations has '{destination}', which is not an http:// or https:// address.");
            }
        }

        if (options.HealthCheckSeconds < 1 || options.HealthCheckTimeoutSeconds < 1 || options.ReactivationSeconds < 1)
        {
            problems.Add("Proxy:HealthCheckSeconds, Proxy:HealthCheckTimeoutSeconds and Proxy:ReactivationSeconds must be at least 1.");
        }

        if (string.IsNullOrWhiteSpace(options.AffinityCookieName))
        {
            problems.Add("Proxy:AffinityCookieName must not be empty.");
        }

        return problems;
    }

    public static RouteConfig Route() => new()
    {
        RouteId = "all",
        ClusterId = ClusterId,
        Match = new RouteMatch { Path = "{**catch-all}" },
        // The instances see the Host the browser used: their redirects (after sign-in, to the sign-in page) and
        // absolute links then point at the proxy, not at an instance's own address. X-Forwarded-For/Proto are sent as
        // YARP does by default; the app trusts them from the proxies named in ForwardedHeaders:KnownProxies.
        Transforms = [new Dictionary<string, string> { ["RequestHeaderOriginalHost"] = "true" }],
    };

    public static ClusterConfig Cluster(ProxyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ClusterConfig
        {
            ClusterId = ClusterId,
            // New sessions go to the less busy of two random instances; affinity keeps them there afterwards.
            LoadBalancingPolicy = "PowerOfTwoChoices",
            SessionAffinity = new SessionAffinityConfig
            {
                Enabled = true,
                Policy = "Cookie",
                // The affine instance is down: send the request to another one instead of answering 503. The circuit
                // on the stopped instance is gone anyway; the page reconnects or reloads on the new one.
                FailurePolicy = "Redistribute",
                AffinityKeyName = options.AffinityCookieName,
                Cookie = new SessionAffinityCookieConfig
                {
                    HttpOnly = true,
                    IsEssential = true,
                    SameSite = SameSiteMode.Lax,
                    SecurePolicy = CookieSecurePolicy.SameAsRequest,
                },
            },
            HealthCheck = new HealthCheckConfig
            {
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = true,
                    Interval = TimeSpan.FromSeconds(options.HealthCheckSeconds),
                    Timeout = TimeSpan.FromSeconds(options.HealthCheckTimeoutSeconds),
                    Policy = "ConsecutiveFailures",
                    Path = options.HealthPath,
                },
                Passive = new PassiveHealthCheckConfig
                {
                    Enabled = true,
                    Policy = FirstConnectionFailurePolicy.PolicyName,
                    ReactivationPeriod = TimeSpan.FromSeconds(options.ReactivationSeconds),
                },
                AvailableDestinationsPolicy = "HealthyAndUnknown",
            },
            // One failed probe is enough to stop sending new sessions to an instance (the default waits for two).
            Metadata = new Dictionary<string, string> { ["ConsecutiveFailuresHealthPolicy.Threshold"] = "1" },
            Destinations = options.Destinations
                .Select((address, i) => (Key: "instance-" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Address: address))
                .ToDictionary(d => d.Key, d => new DestinationConfig { Address = d.Address, Health = null }),
        };
    }

    /// <summary>
    /// A GET or HEAD that could not reach its instance (connection refused, reset before the response) is sent once
    /// more to another instance, so a user whose instance just stopped sees the page from the other one rather than a
    /// 502. Other methods are not repeated: their body may have been sent already.
    /// </summary>
    private static async Task RetryOnAnotherInstanceAsync(HttpContext context, Func<Task> next)
    {
        var proxy = context.GetReverseProxyFeature();
        var all = proxy.AvailableDestinations;
        await next();

        var error = context.Features.Get<IForwarderErrorFeature>();
        if (error?.Error != ForwarderError.Request || context.Response.HasStarted ||
            !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)) ||
            proxy.ProxiedDestination is not { } failed)
        {
            return;
        }

        var others = all.Where(d => !ReferenceEquals(d, failed)).ToList();
        if (others.Count == 0)
        {
            return;
        }

        context.Features.Set<IForwarderErrorFeature>(null);
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status200OK;
        proxy.AvailableDestinations = others;
        proxy.ProxiedDestination = null;
        await next();
    }
}

/// <summary>
/// Takes an instance out of rotation on its first refused or broken connection (YARP's built-in passive policy waits
/// for a failure rate over many requests, which a stopped instance of a small cluster does not reach quickly). The
/// active probe puts it back when <c>/healthz/ready</c> answers again.
/// </summary>
public sealed class FirstConnectionFailurePolicy(IDestinationHealthUpdater healthUpdater) : IPassiveHealthCheckPolicy
{
    public const string PolicyName = "FirstConnectionFailure";

    public string Name => PolicyName;

    public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(cluster);
        var error = context.Features.Get<IForwarderErrorFeature>();
        if (error?.Error is ForwarderError.Request or ForwarderError.RequestTimedOut)
        {
            var period = cluster.Model.Config.HealthCheck?.Passive?.ReactivationPeriod ?? TimeSpan.FromSeconds(30);
            healthUpdater.SetPassive(cluster, destination, DestinationHealth.Unhealthy, period);
        }
    }
}
