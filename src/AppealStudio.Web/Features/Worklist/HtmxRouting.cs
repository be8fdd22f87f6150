using Microsoft.AspNetCore.Routing.Matching;

namespace AppealStudio.Web.Features.Worklist;

/// <summary>Marks an endpoint that answers only htmx requests (a fragment) on a URL that is also a page.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class HtmxOnlyAttribute : Attribute;

/// <summary>
/// Lets one URL serve a page to the browser and a fragment to htmx, so hx-push-url pushes a URL that reloads as
/// the full page. An endpoint marked <see cref="HtmxOnlyAttribute"/> (mapped with a lower order than the page) is a
/// candidate only when the request says HX-Request and is not htmx restoring history (which needs the full page).
/// </summary>
public sealed class HtmxRequestMatcherPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        endpoints.Any(e => e.Metadata.GetMetadata<HtmxOnlyAttribute>() is not null);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(candidates);
        var headers = httpContext.Request.Headers;
        var htmx = headers.ContainsKey("HX-Request") && !headers.ContainsKey("HX-History-Restore-Request");
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!htmx && candidates[i].Endpoint.Metadata.GetMetadata<HtmxOnlyAttribute>() is not null)
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }
}
