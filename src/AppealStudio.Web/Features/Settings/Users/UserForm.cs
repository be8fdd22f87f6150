using System.ComponentModel.DataAnnotations;
using AppealStudio.Data.Identity;

namespace AppealStudio.Web.Features.Settings.Users;

/// <summary>What the user forms post. Bound here, never to the entity (STYLE.md rule 8).</summary>
public sealed class UserInput
{
    [Required(ErrorMessage = "Enter the user's email.")]
    [EmailAddress(ErrorMessage = "Enter an email address like name@practice.org.")]
    [StringLength(256)]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter the name shown on screens and letters.")]
    [StringLength(200)]
    public string DisplayName { get; set; } = "";

    [RegularExpression(@"^\d{10}$", ErrorMessage = "An NPI is 10 digits.")]
    public string? Npi { get; set; }

    public bool Specialist { get; set; }

    public bool Physician { get; set; }

    public bool Manager { get; set; }

    public bool Admin { get; set; }

    [StringLength(128)]
    public string? Password { get; set; }

    public IReadOnlyList<string> SelectedRoles() =>
        new (bool On, string Role)[]
        {
            (Specialist, Roles.Specialist), (Physician, Roles.Physician), (Manager, Roles.Manager), (Admin, Roles.Admin),
        }.Where(x => x.On).Select(x => x.Role).ToList();

    public static UserInput From(UserSummary u) => new()
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
