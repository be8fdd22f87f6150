using System.Collections.Concurrent;
using System.Globalization;
using AppealStudio.Core.Letters;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Practice;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Appeals;

/// <summary>Where the shipped letter templates are read from (<c>Templates:Directory</c>).</summary>
public sealed record TemplateOptions(string Directory);

/// <summary>A template as the app uses it: the parsed template, its version (0 = the file) and its source text.</summary>
public sealed record StoredTemplate(
    LetterTemplate Template,
    int Version,
    string Content,
    string FileName,
    DateTimeOffset? EditedAt,
    string? EditedBy)
{
    public string Id => Template.Id;
}

/// <summary>A template file that could not be used; shown to the Admin instead of breaking every page.</summary>
public sealed record TemplateFileError(string FileName, string Message);

/// <summary>
/// The template files, parsed once per process, and a cache of parsed edited versions. One bad file does not take
/// the others down: it is listed in <see cref="Errors"/>.
/// </summary>
public sealed class TemplateFiles
{
    private readonly Lazy<(IReadOnlyDictionary<string, StoredTemplate> Templates, IReadOnlyList<TemplateFileError> Errors)> files;

    // Edited versions never change once saved, so (id, version) identifies the parse result for the process' life.
    private readonly ConcurrentDictionary<(string Id, int Version), LetterTemplate> parsedVersions = new();

    public TemplateFiles(TemplateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory = options.Directory;
        files = new Lazy<(IReadOnlyDictionary<string, StoredTemplate>, IReadOnlyList<TemplateFileError>)>(Load);
    }

    public string Directory { get; }

    public IReadOnlyDictionary<string, StoredTemplate> Templates => files.Value.Templates;

    public IReadOnlyList<TemplateFileError> Errors => files.Value.Errors;

    internal LetterTemplate Parse(string id, int version, string content, string fileName) =>
        parsedVersions.GetOrAdd((id, version), _ => LetterTemplate.Parse(content, fileName));

    private (IReadOnlyDictionary<string, StoredTemplate>, IReadOnlyList<TemplateFileError>) Load()
    {
        var templates = new Dictionary<string, StoredTemplate>(StringComparer.Ordinal);
        var errors = new List<TemplateFileError>();
        if (!System.IO.Directory.Exists(Directory))
        {
            errors.Add(new TemplateFileError(Directory, $"The template folder {Directory} does not exist. Set Templates:Directory."));
            return (templates, errors);
        }

        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.md").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (name.Equals("README.md", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            try
            {
                var content = File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal);
                var template = LetterTemplate.Parse(content, name);
                if (!templates.TryAdd(template.Id, new StoredTemplate(template, 0, content, name, null, null)))
                {
                    errors.Add(new TemplateFileError(name, $"the id '{template.Id}' is already used by {templates[template.Id].FileName}."));
                }
            }
            catch (TemplateFormatException ex)
            {
                errors.Add(new TemplateFileError(name, ex.Message));
            }
        }

        return (templates, errors);
    }
}

/// <summary>The outcome of saving an edited template.</summary>
/// <param name="Saved">The new version, or null when refused.</param>
/// <param name="Error">Why it was refused (a parse error, a renamed id, someone else's newer version).</param>
/// <param name="CurrentVersion">The newest version now stored, so the form can offer to save on top of it.</param>
public sealed record TemplateSaveResult(StoredTemplate? Saved, string? Error, int CurrentVersion);

/// <summary>
/// Letter templates as the practice uses them: each file in templates/ (version 0) unless an Admin saved a newer
/// version in the app. The workspace always starts letters from the newest version.
/// </summary>
public sealed class TemplateStore(AppDbContext db, TemplateFiles files, AuditLog audit, ICurrentActor actor, TimeProvider clock)
{
    public const int MaxContentLength = 100_000;

    public IReadOnlyList<TemplateFileError> FileErrors => files.Errors;

    /// <summary>The newest version of every template, ordered by id.</summary>
    public async Task<IReadOnlyList<StoredTemplate>> LatestAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.TemplateVersions.AsNoTracking()
            .Select(v => new { v.Id, v.TemplateId, v.Version })
            .ToListAsync(cancellationToken);
        var newestIds = rows.GroupBy(r => r.TemplateId).Select(g => g.MaxBy(r => r.Version)!.Id).ToList();
        var newest = newestIds.Count == 0
            ? []
            : await db.TemplateVersions.AsNoTracking().Where(v => newestIds.Contains(v.Id)).ToListAsync(cancellationToken);

        var result = files.Templates.Values.ToDictionary(t => t.Id, StringComparer.Ordinal);
        foreach (var row in newest)
        {
            if (TryParse(row) is { } stored)
            {
                result[row.TemplateId] = stored;
            }
        }

        return result.Values.OrderBy(t => t.Id, StringComparer.Ordinal).ToList();
    }

    public async Task<StoredTemplate?> LatestAsync(string templateId, CancellationToken cancellationToken = default)
    {
        var row = await db.TemplateVersions.AsNoTracking()
            .Where(v => v.TemplateId == templateId)
            .OrderByDescending(v => v.Version)
            .FirstOrDefaultAsync(cancellationToken);
        return row is not null && TryParse(row) is { } stored ? stored : files.Templates.GetValueOrDefault(templateId);
    }

    /// <summary>A given version (0 = the file), for an appeal started from it.</summary>
    public async Task<StoredTemplate?> VersionAsync(string templateId, int version, CancellationToken cancellationToken = default)
    {
        if (version <= 0)
        {
            return files.Templates.GetValueOrDefault(templateId);
        }

        var row = await db.TemplateVersions.AsNoTracking()
            .FirstOrDefaultAsync(v => v.TemplateId == templateId && v.Version == version, cancellationToken);
        return row is null ? null : TryParse(row);
    }

    /// <summary>Saved versions of a template, newest first (the file itself is version 0 and not listed).</summary>
    public async Task<IReadOnlyList<TemplateVersion>> HistoryAsync(string templateId, CancellationToken cancellationToken = default) =>
        await db.TemplateVersions.AsNoTracking()
            .Where(v => v.TemplateId == templateId)
            .OrderByDescending(v => v.Version)
            .ToListAsync(cancellationToken);

    /// <summary>
    /// Saves <paramref name="content"/> as the next version of <paramref name="templateId"/>, after the core has parsed
    /// it. <paramref name="baseVersion"/> is the version the Admin started from: if another version was saved since,
    /// nothing is saved and the caller shows the conflict (the Admin's text stays in the form).
    /// </summary>
    public async Task<TemplateSaveResult> SaveAsync(string templateId, string content, int baseVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var current = await LatestAsync(templateId, cancellationToken);
        if (current is null)
        {
            return new TemplateSaveResult(null, $"There is no template '{templateId}'.", 0);
        }

        content = content.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (content.Length > MaxContentLength)
        {
            return new TemplateSaveResult(null, $"The template is longer than {MaxContentLength.ToString(CultureInfo.InvariantCulture)} characters.", current.Version);
        }

        LetterTemplate parsed;
        try
        {
            parsed = LetterTemplate.Parse(content, current.FileName);
        }
        catch (TemplateFormatException ex)
        {
            return new TemplateSaveResult(null, ex.Message, current.Version);
        }

        if (!string.Equals(parsed.Id, templateId, StringComparison.Ordinal))
        {
            return new TemplateSaveResult(null, $"The id must stay '{templateId}' (letters refer to it); found '{parsed.Id}'.", current.Version);
        }

        if (string.Equals(content, current.Content, StringComparison.Ordinal))
        {
            // A second click on Save, or no change: nothing new to version.
            return new TemplateSaveResult(current, null, current.Version);
        }

        if (current.Version != baseVersion)
        {
            return new TemplateSaveResult(null, $"Version {current.Version.ToString(CultureInfo.InvariantCulture)} was saved by {current.EditedBy ?? "someone else"} after you opened the template. Your text is kept below; compare it with the current version and save again to make yours the newest.", current.Version);
        }

        var row = new TemplateVersion
        {
            TemplateId = templateId,
            Version = current.Version + 1,
            Content = content,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = actor.Name,
        };
        db.TemplateVersions.Add(row);
        audit.Add("template.version-saved", "Template", templateId, "version=" + row.Version.ToString(CultureInfo.InvariantCulture));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone saved the same version number a moment earlier (unique index on id + version).
            db.ChangeTracker.Clear();
            var newest = await LatestAsync(templateId, cancellationToken);
            return new TemplateSaveResult(null, "Another version was saved at the same moment. Your text is kept below; save again to make yours the newest.", newest?.Version ?? 0);
        }

        var saved = new StoredTemplate(files.Parse(templateId, row.Version, content, current.FileName), row.Version, content, current.FileName, row.CreatedAt, row.CreatedBy);
        return new TemplateSaveResult(saved, null, row.Version);
    }

    private StoredTemplate? TryParse(TemplateVersion row)
    {
        var fileName = files.Templates.TryGetValue(row.TemplateId, out var file) ? file.FileName : row.TemplateId + ".md";
        try
        {
            var template = files.Parse(row.TemplateId, row.Version, row.Content, fileName);
            return new StoredTemplate(template, row.Version, row.Content, fileName, row.CreatedAt, row.CreatedBy);
        }
        catch (TemplateFormatException)
        {
            // Saved versions were parsed before saving; one that no longer parses (a core upgrade) falls back to the file.
            return null;
        }
    }
}
