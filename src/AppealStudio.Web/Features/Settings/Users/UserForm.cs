using AppealStudio.Data.Identity;

namespace AppealStudio.Web.Features.Settings.Users;

/// <summary>What the user forms edit. Bound here, never to the entity (STYLE.md rule 8); the service checks it.</summary>
public sealed class UserInput
{
    public string Email { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public string? Npi { get; set; }

    public bool Specialist { get; set; }

    public bool Physician { get; set; }

    public bool Manager { get; set; }

    public bool Admin { get; set; }

    public string? Password { get; set; }

    public IReadOnlyList<string> SelectedRoles() =>
        new (bool On, string Role)[]
        {
            (Specialist, Roles.Specialist), (Physician, Roles.Physician), (Manager, Roles.Manager), (Admin, Roles.Admin),
        }.Where(x => x.On).Select(x => x.Role).ToList();

    public static UserInput From(UserSummary u)
    {
        ArgumentNullException.ThrowIfNull(u);
        return new UserInput
        {
            Email = u.Email,
            DisplayName = u.DisplayName,
            Npi = u.Npi,
            Specialist = u.Roles.Contains(Roles.Specialist),
            Physician = u.Roles.Contains(Roles.Physician),
            Manager = u.Roles.Contains(Roles.Manager),
            Admin = u.Roles.Contains(Roles.Admin),
        };
    }
}
