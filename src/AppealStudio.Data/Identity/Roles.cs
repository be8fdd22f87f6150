namespace AppealStudio.Data.Identity;

/// <summary>The four roles of the product. Names are stored in the database: never rename one.</summary>
public static class Roles
{
    public const string Specialist = nameof(Specialist);
    public const string Physician = nameof(Physician);
    public const string Manager = nameof(Manager);
    public const string Admin = nameof(Admin);

    public static readonly IReadOnlyList<string> All = [Specialist, Physician, Manager, Admin];

    /// <summary>Case-insensitive lookup so that `--role admin` on the command line works.</summary>
    public static string? Normalize(string role) =>
        All.FirstOrDefault(r => string.Equals(r, role.Trim(), StringComparison.OrdinalIgnoreCase));
}
