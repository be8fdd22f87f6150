using System.Text.RegularExpressions;
using AppealStudio.Core.Letters;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Audit;

namespace AppealStudio.Data.Practice;

/// <summary>A template as the list shows it.</summary>
public sealed record TemplateSummary(
    string Id,
    string Title,
    string? Specialty,
    IReadOnlyList<string> Scenarios,
    IReadOnlyList<string> RootCauses,
    IReadOnlyList<string> Carcs,
    bool Clinical,
    int Version,
    DateTimeOffset? EditedAt,
    string? EditedBy);

public sealed record TemplateList(IReadOnlyList<TemplateSummary> Templates, IReadOnlyList<TemplateFileError> FileErrors);

/// <summary>
/// A template opened for editing: the newest version (what a save builds on), the version shown (an older one when
/// asked), its fields (null when its source cannot be read as fields: then only the raw source is offered), and the
/// saved versions.
/// </summary>
public sealed record TemplateEditor(
    StoredTemplate Current,
    StoredTemplate Shown,
    TemplateDocument? Document,
    string? DocumentProblem,
    IReadOnlyList<TemplateVersion> History);

/// <summary>
/// The letter a template makes with sample data (and the placeholders its body uses, for the "required" choice), or
/// the reasons it cannot be filled, by field.
/// </summary>
public sealed record TemplatePreview(string? Html, IReadOnlyList<FieldError> Errors, IReadOnlyList<string> Placeholders);

/// <summary>
/// The outcome of saving a template: the new version, or the reasons by field with the newest version's number and
/// text when someone else saved first (so the form can show both and let the Admin save on top of theirs).
/// </summary>
public sealed record TemplateSaveOutcome(StoredTemplate? Saved, IReadOnlyList<FieldError> Errors, int CurrentVersion, string? CurrentContent)
{
    public bool Succeeded => Saved is not null;

    public bool Conflict { get; init; }
}

/// <summary>
/// Settings &gt; Letter templates for Admins: the list, a template as fields (<see cref="TemplateDocument"/>) or as its
/// raw source, a preview with sample data, and saving a new version through <see cref="TemplateStore"/> (which runs the
/// core's parser and audits). A parser error comes back tied to the field it is about, so the form shows it there.
/// </summary>
public sealed partial class TemplateAdministration(TemplateStore store, ICurrentActor actor)
{
    /// <summary>Field names of <see cref="TemplateDocument"/> the errors point at; sections and slots add their index or name.</summary>
    public const string SectionField = "Section:";

    public const string SlotField = "Slot:";

    public const string SourceField = "Source";

    public async Task<TemplateList> ListAsync(CancellationToken cancellationToken = default)
    {
        SettingsAccess.DemandAdmin(actor);
        var templates = await store.LatestAsync(cancellationToken);
        return new TemplateList(
            templates.Select(t => new TemplateSummary(t.Id, t.Template.Title, t.Template.Specialty, t.Template.Scenarios, t.Template.RootCauses,
                t.Template.Carcs, t.Template.Clinical, t.Version, t.EditedAt, t.EditedBy)).ToList(),
            store.FileErrors);
    }

    /// <summary>The template to edit, starting from <paramref name="version"/> when given (0 = the file); null when unknown.</summary>
    public async Task<TemplateEditor?> OpenAsync(string templateId, int? version, CancellationToken cancellationToken = default)
    {
        SettingsAccess.DemandAdmin(actor);
        var current = await store.LatestAsync(templateId, cancellationToken);
        if (current is null)
        {
            return null;
        }

        var shown = version is { } v && v != current.Version ? await store.VersionAsync(templateId, v, cancellationToken) ?? current : current;
        TemplateDocument? document = null;
        string? problem = null;
        try
        {
            document = TemplateDocument.Read(shown.Content, shown.FileName);
        }
        catch (TemplateFormatException ex)
        {
            problem = ex.Message;
        }

        return new TemplateEditor(current, shown, document, problem, await store.HistoryAsync(templateId, cancellationToken));
    }

    /// <summary>The letter the fields make, filled with fictional sample values.</summary>
    public TemplatePreview Preview(TemplateDocument document, string fileName)
    {
        ArgumentNullException.ThrowIfNull(document);
        SettingsAccess.DemandAdmin(actor);
        return Preview(document.Write(), fileName, document);
    }

    /// <summary>The letter a raw source makes, filled with fictional sample values.</summary>
    public TemplatePreview Preview(string content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        SettingsAccess.DemandAdmin(actor);
        return Preview(content, fileName, null);
    }

    public Task<TemplateSaveOutcome> SaveAsync(string templateId, TemplateDocument document, string fileName, int baseVersion,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        return SaveAsync(templateId, document.Write(), fileName, baseVersion, document, cancellationToken);
    }

    public Task<TemplateSaveOutcome> SaveAsync(string templateId, string content, string fileName, int baseVersion,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        return SaveAsync(templateId, content, fileName, baseVersion, null, cancellationToken);
    }

    private async Task<TemplateSaveOutcome> SaveAsync(string templateId, string content, string fileName, int baseVersion, TemplateDocument? document,
        CancellationToken cancellationToken)
    {
        SettingsAccess.DemandAdmin(actor);

        // The parser first, so its error can be tied to the field it is about; the store parses again before saving.
        try
        {
            _ = LetterTemplate.Parse(content, fileName);
        }
        catch (TemplateFormatException ex)
        {
            return new TemplateSaveOutcome(null, [new FieldError(document is null ? SourceField : FieldOf(ex.Message, document), Reason(ex.Message))], baseVersion, null);
        }

        var result = await store.SaveAsync(templateId, content, baseVersion, cancellationToken);
        if (result.Saved is { } saved)
        {
            return new TemplateSaveOutcome(saved, [], saved.Version, null);
        }

        var field = result.Error is { } error && error.Contains("must stay", StringComparison.Ordinal) ? nameof(TemplateDocument.Id) : "";
        if (result.CurrentVersion != baseVersion)
        {
            var newest = await store.LatestAsync(templateId, cancellationToken);
            return new TemplateSaveOutcome(null, [new FieldError("", result.Error ?? "The template could not be saved.")], result.CurrentVersion, newest?.Content)
            {
                Conflict = true,
            };
        }

        return new TemplateSaveOutcome(null, [new FieldError(document is null ? SourceField : field, result.Error ?? "The template could not be saved.")],
            result.CurrentVersion, null);
    }

    private static TemplatePreview Preview(string content, string fileName, TemplateDocument? document)
    {
        try
        {
            var template = LetterTemplate.Parse(content, fileName);
            var letter = LetterFiller.Fill(template, TemplateSamples.Context(template));
            return new TemplatePreview(SafeHtml.FromMarkdown(letter.Markdown), [], template.Placeholders);
        }
        catch (TemplateFormatException ex)
        {
            return new TemplatePreview(null, [new FieldError(document is null ? SourceField : FieldOf(ex.Message, document), Reason(ex.Message))], []);
        }
    }

    /// <summary>
    /// The form field a parser message is about. The parser names the key, slot or placeholder it refuses; a body
    /// problem is put on the section that holds the placeholder it names, or on the first section the template
    /// engine cannot compile on its own. Anything else belongs to the whole form.
    /// </summary>
    public static string FieldOf(string message, TemplateDocument document)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(document);
        if (message.Contains("'id'", StringComparison.Ordinal) || message.Contains("must stay", StringComparison.Ordinal))
        {
            return nameof(TemplateDocument.Id);
        }

        if (message.Contains("'title'", StringComparison.Ordinal))
        {
            return nameof(TemplateDocument.Title);
        }

        if (message.Contains("'rule'", StringComparison.Ordinal))
        {
            return nameof(TemplateDocument.Rule);
        }

        if (message.Contains("requiredFacts", StringComparison.Ordinal))
        {
            return nameof(TemplateDocument.RequiredFacts);
        }

        if (message.Contains("clinical: true", StringComparison.Ordinal))
        {
            return nameof(TemplateDocument.Clinical);
        }

        if (SlotName().Match(message) is { Success: true } slot)
        {
            var index = document.EvidenceSlots.ToList().FindIndex(s => s.Name.Trim() == slot.Groups[1].Value);
            return index >= 0 ? SlotField + index.ToString(System.Globalization.CultureInfo.InvariantCulture) : nameof(TemplateDocument.EvidenceSlots);
        }

        if (Placeholder().Match(message) is { Success: true } used)
        {
            var index = document.Sections.ToList().FindIndex(s => s.Text.Contains(used.Groups[1].Value, StringComparison.Ordinal));
            if (index >= 0)
            {
                return SectionField + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        if (message.Contains("body", StringComparison.Ordinal))
        {
            for (var i = 0; i < document.Sections.Count; i++)
            {
                try
                {
                    HandlebarsDotNet.Handlebars.Create().Compile(document.Sections[i].Text);
                }
                catch (HandlebarsDotNet.HandlebarsException)
                {
                    return SectionField + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            return nameof(TemplateDocument.Sections);
        }

        return "";
    }

    // "Template x.md: the body is empty." reads "The body is empty." next to the field.
    private static string Reason(string message)
    {
        var colon = message.StartsWith("Template ", StringComparison.Ordinal) ? message.IndexOf(": ", StringComparison.Ordinal) : -1;
        var text = colon >= 0 ? message[(colon + 2)..] : message;
        return text.Length == 0 ? message : char.ToUpperInvariant(text[0]) + text[1..];
    }

    [GeneratedRegex(@"evidence slot (?:name )?'([^']*)'", RegexOptions.CultureInvariant)]
    private static partial Regex SlotName();

    [GeneratedRegex(@"\{\{\{?\{?([a-zA-Z0-9_.]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
