using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AppealStudio.Data.Identity;

public sealed class AppUser : IdentityUser
{
    /// <summary>How the user is named on screens and in letters ("Dana Reyes, MD").</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>The rendering provider's NPI, for physicians: links remittance lines to the user who signs.</summary>
    public string? Npi { get; set; }

    /// <summary>Disabled users keep their history but cannot sign in (set by an Admin, not by lockout).</summary>
    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Direct line printed in letters as the contact for questions about an appeal.</summary>
    public string? Phone { get; set; }

    /// <summary>Job title printed next to the name in letters ("Appeals specialist").</summary>
    public string? Title { get; set; }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.Property(u => u.Npi).HasMaxLength(10);
        builder.Property(u => u.Phone).HasMaxLength(30);
        builder.Property(u => u.Title).HasMaxLength(100);
    }
}
