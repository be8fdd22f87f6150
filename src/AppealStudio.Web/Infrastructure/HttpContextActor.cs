using System.Security.Claims;
using AppealStudio.Data.Audit;

namespace AppealStudio.Web.Infrastructure;

/// <summary>The signed-in user of the current request, as the audit trail records them.</summary>
public sealed class HttpContextActor(IHttpContextAccessor accessor) : ICurrentActor
{
    public string? UserId => accessor.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);

    public string Name => accessor.HttpContext?.User.Identity?.Name ?? "anonymous";

    public string? IpAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public bool IsInRole(string role) => accessor.HttpContext?.User.IsInRole(role) ?? false;
}
