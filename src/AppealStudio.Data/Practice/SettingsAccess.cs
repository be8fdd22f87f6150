using AppealStudio.Data.Audit;
using AppealStudio.Data.Identity;

namespace AppealStudio.Data.Practice;

/// <summary>
/// The settings services are for Admins: each checks the actor itself (under the pages' policy), so no other role can
/// reach a settings command through the circuit, the HTTP endpoints or a future caller. The CLI acts as the operator.
/// </summary>
public static class SettingsAccess
{
    public static void DemandAdmin(ICurrentActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(Roles.Admin))
        {
            throw new UnauthorizedAccessException("Settings are for Admins.");
        }
    }
}
