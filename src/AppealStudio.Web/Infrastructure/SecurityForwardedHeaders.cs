using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace AppealStudio.Web.Infrastructure;

/// <summary>
/// Behind a TLS-terminating proxy the connection comes from the proxy; the client's address (recorded in the audit
/// trail and used to limit sign-in attempts) and the scheme arrive in X-Forwarded-For/-Proto. They are believed only
/// from the proxies the deployment names (<c>ForwardedHeaders:KnownProxies</c>, addresses;
/// <c>ForwardedHeaders:KnownNetworks</c>, CIDR ranges): with neither set the headers are ignored, since any client could
/// send them to forge its address in the audit trail.
/// </summary>
public static class SecurityForwardedHeaders
{
    public static IServiceCollection AddConfiguredForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        var networks = configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [];
        var parsedProxies = proxies.Select(p => IPAddress.TryParse(p, out var address) ? address
            : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies has '{p}', which is not an IP address.")).ToList();
        var parsedNetworks = networks.Select(n => System.Net.IPNetwork.TryParse(n, out var network) ? network
            : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks has '{n}', which is not a CIDR range such as 10.0.0.0/8.")).ToList();
        var forwardLimit = configuration.GetValue("ForwardedHeaders:ForwardLimit", 1);

        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Empty lists would make the middleware trust every sender: with no proxy named, no header is read at all.
            o.ForwardedHeaders = parsedProxies.Count + parsedNetworks.Count == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = forwardLimit;
            // The framework trusts loopback by default; here only what the deployment names is trusted.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in parsedProxies)
            {
                o.KnownProxies.Add(proxy);
            }

            foreach (var network in parsedNetworks)
            {
                o.KnownIPNetworks.Add(network);
            }
        });
        return services;
    }
}
