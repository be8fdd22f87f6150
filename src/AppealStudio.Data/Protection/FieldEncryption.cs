using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Data.Protection;

/// <summary>
/// An entity with encrypted columns (chart text, attachment bytes): the plaintext property is not mapped, the sealed
/// one is. The plaintext is opened on first read with the cipher of the context that loaded it, and sealed on save.
/// </summary>
internal interface IProtectedEntity
{
    /// <summary>Called as the entity is loaded: the cipher that opens its values when they are read.</summary>
    void Attach(FieldCipher cipher);

    /// <summary>Seals a plaintext that is new or was changed since it was opened; false when nothing was to seal.</summary>
    bool Seal(FieldCipher? cipher);
}

/// <summary>Wires <see cref="FieldCipher"/> into a context: loading attaches it to protected entities, saving seals them.</summary>
public static class FieldEncryption
{
    /// <summary>Adds the cipher to a context's options. Contexts without it can neither read nor write protected values.</summary>
    /// <remarks>
    /// The cipher rides in an options extension that never asks EF for a service provider of its own, and the
    /// interceptor is one shared instance: a new interceptor per host would make EF build a new internal service
    /// provider each time (tests and the CLI start many hosts in one process).
    /// </remarks>
    public static DbContextOptionsBuilder UseFieldEncryption(this DbContextOptionsBuilder builder, FieldCipher cipher)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new FieldCipherExtension(cipher));
        return builder.AddInterceptors(FieldEncryptionInterceptor.Instance);
    }

    /// <summary>The cipher configured on these options; null when none.</summary>
    internal static FieldCipher? CipherOf(IDbContextOptions options) => options.FindExtension<FieldCipherExtension>()?.Cipher;

    /// <summary>Seals every added or changed protected value; run by <see cref="AppDbContext"/> before each save.</summary>
    internal static void SealChanges(ChangeTracker tracker, FieldCipher? cipher)
    {
        foreach (var entry in tracker.Entries())
        {
            if (entry.Entity is IProtectedEntity entity && entry.State is EntityState.Added or EntityState.Modified or EntityState.Unchanged)
            {
                entity.Seal(cipher);
            }
        }
    }

    internal static string Missing(string purpose) =>
        $"The {purpose} is encrypted, and this database context has no field cipher (UseFieldEncryption): open it through the app's services.";
}

internal sealed class FieldEncryptionInterceptor : IMaterializationInterceptor
{
    public static readonly FieldEncryptionInterceptor Instance = new();

    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        if (entity is IProtectedEntity protectedEntity &&
            FieldEncryption.CipherOf(materializationData.Context.GetService<IDbContextOptions>()) is { } cipher)
        {
            protectedEntity.Attach(cipher);
        }

        return entity;
    }
}

/// <summary>Carries the cipher in a context's options without changing which internal service provider EF uses.</summary>
internal sealed class FieldCipherExtension(FieldCipher cipher) : IDbContextOptionsExtension
{
    private DbContextOptionsExtensionInfo? info;

    public FieldCipher Cipher { get; } = cipher;

    public DbContextOptionsExtensionInfo Info => info ??= new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "FieldEncryption ";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo)
        {
        }
    }
}
