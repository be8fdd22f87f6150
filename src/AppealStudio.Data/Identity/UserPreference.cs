using AppealStudio.Data.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AppealStudio.Data.Identity;

/// <summary>A per-user setting of the app's screens (theme, worklist columns); never patient data.</summary>
public sealed class UserPreference
{
    public long Id { get; set; }

    public string UserId { get; set; } = "";

    public string Key { get; set; } = "";

    public string Value { get; set; } = "";
}

internal sealed class UserPreferenceConfiguration : IEntityTypeConfiguration<UserPreference>
{
    public void Configure(EntityTypeBuilder<UserPreference> b)
    {
        b.ToTable("UserPreferences");
        b.Property(x => x.UserId).HasMaxLength(450);
        b.Property(x => x.Key).HasMaxLength(64);
        b.Property(x => x.Value).HasMaxLength(2000);
        b.HasIndex(x => new { x.UserId, x.Key }).IsUnique();
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The signed-in user's own screen settings. Only ever the current actor's rows.</summary>
public sealed class UserPreferences(AppDbContext db, ICurrentActor actor)
{
    public const string Theme = "theme";
    public const string WorklistColumns = "worklist.columns";

    private static readonly HashSet<string> Keys = [Theme, WorklistColumns];

    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        if (actor.UserId is not { } userId || !Keys.Contains(key))
        {
            return null;
        }

        return await db.Set<UserPreference>().AsNoTracking().Where(p => p.UserId == userId && p.Key == key)
            .Select(p => p.Value).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task SetAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (actor.UserId is not { } userId)
        {
            return;
        }

        if (!Keys.Contains(key) || value.Length > 2000)
        {
            throw new ArgumentException($"'{key}' is not a user preference or its value is too long.", nameof(key));
        }

        var row = await db.Set<UserPreference>().FirstOrDefaultAsync(p => p.UserId == userId && p.Key == key, cancellationToken);
        if (row is null)
        {
            db.Set<UserPreference>().Add(new UserPreference { UserId = userId, Key = key, Value = value });
        }
        else if (row.Value == value)
        {
            return;
        }
        else
        {
            row.Value = value;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Who is signed in, as the app bar shows them.</summary>
public sealed record SignedInUser(string DisplayName, string Email, IReadOnlyList<string> Roles);

/// <summary>Reads the current actor's name and roles for the shell.</summary>
public sealed class SignedInUsers(AppDbContext db, ICurrentActor actor)
{
    public async Task<SignedInUser?> CurrentAsync(CancellationToken cancellationToken = default)
    {
        if (actor.UserId is not { } id)
        {
            return null;
        }

        var user = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.DisplayName, u.Email }).FirstOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return null;
        }

        var roles = Identity.Roles.All.Where(actor.IsInRole).ToList();
        return new SignedInUser(string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? "" : user.DisplayName, user.Email ?? "", roles);
    }
}
