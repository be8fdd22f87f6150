using System.Security.Claims;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Identity;
using Microsoft.AspNetCore.Authorization;

namespace AppealStudio.Web.Features.SignOff;

/// <summary>May this user review and sign this letter?</summary>
public sealed class SignOffRequirement : IAuthorizationRequirement
{
    public static readonly SignOffRequirement Instance = new();
}

/// <summary>
/// Resource-based check on the appeal itself (STYLE.md rule 7): only a physician, and only the physician the
/// sign-off was requested from. Everyone else, other physicians included, is refused, and the pages answer such a
/// refusal with "not found" so that a letter's existence is not revealed.
/// </summary>
public sealed class SignOffAuthorizationHandler : AuthorizationHandler<SignOffRequirement, Appeal>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SignOffRequirement requirement, Appeal resource)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resource);
        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is not null && context.User.IsInRole(Roles.Physician) && resource.SignOffRequestedToUserId == userId)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

public static class SignOffServices
{
    public static IServiceCollection AddSignOff(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, SignOffAuthorizationHandler>();
        return services;
    }
}
