namespace AppealStudio.Tests.Shared;

/// <summary>
/// Finds the project's sibling <c>shared/</c> folder (domain reference and the public 835 corpus). CI clones the
/// repository with <c>shared/</c> beside it; a developer machine may not have it, and then the tests that need it
/// report themselves as skipped instead of passing silently.
/// </summary>
public static class SharedFolder
{
    private static readonly Lazy<string?> Root = new(Locate);

    /// <summary>The absolute path of <c>shared/</c>, or null when it is absent.</summary>
    public static string? Path => Root.Value;

    public static string CorpusDirectory => System.IO.Path.Combine(Require(), "corpus", "835");

    public static string DomainDirectory => System.IO.Path.Combine(Require(), "domain");

    public static string Require() =>
        Path ?? throw new InvalidOperationException("../shared is not present next to the repository.");

    public static IEnumerable<string> CorpusFiles() =>
        Directory.EnumerateFiles(CorpusDirectory)
            .Where(f => !f.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);

    private static string? Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("APPEALSTUDIO_SHARED");
        if (!string.IsNullOrEmpty(fromEnv) && Directory.Exists(fromEnv))
        {
            return System.IO.Path.GetFullPath(fromEnv);
        }

        // Walk up from the test binaries to the repository root (the folder holding AppealStudio.sln).
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "AppealStudio.sln")))
            {
                var candidate = System.IO.Path.Combine(dir.FullName, "..", "shared");
                return Directory.Exists(System.IO.Path.Combine(candidate, "corpus"))
                    ? System.IO.Path.GetFullPath(candidate)
                    : null;
            }
        }

        return null;
    }
}

/// <summary>A fact that needs <c>../shared</c>; skipped (not passed) when it is absent.</summary>
public sealed class SharedFactAttribute : FactAttribute
{
    public SharedFactAttribute()
    {
        if (SharedFolder.Path is null)
        {
            Skip = "../shared is not present next to the repository";
        }
    }
}

/// <summary>A theory that needs <c>../shared</c>; skipped (not passed) when it is absent.</summary>
public sealed class SharedTheoryAttribute : TheoryAttribute
{
    public SharedTheoryAttribute()
    {
        if (SharedFolder.Path is null)
        {
            Skip = "../shared is not present next to the repository";
        }
    }
}
