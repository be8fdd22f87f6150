using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AppealStudio.Core.Charts;

/// <summary>
/// Markdown notes keep their Markdown as the document text (evidence is quoted as written). Optional YAML front
/// matter supplies metadata; the header lines of the note fill whatever the front matter leaves out.
/// </summary>
internal static partial class MarkdownChartReader
{
    public static bool LooksLikeMarkdown(string text) =>
        text.StartsWith("---\n", StringComparison.Ordinal) || MarkdownSignal().IsMatch(text);

    public static ChartDocument Read(string fileName, string text)
    {
        var (meta, body) = SplitFrontMatter(text);
        if (string.IsNullOrWhiteSpace(body))
        {
            throw ChartImporter.Fail(ChartImportError.EmptyDocument, fileName, $"The file {fileName} has no note text after its front matter.");
        }

        var header = NoteHeader.Parse(body);
        string? Get(params string[] keys) => keys.Select(k => meta.GetValueOrDefault(k)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        DateOnly? GetDate(params string[] keys) => Get(keys) is { } v ? ChartDates.FindFirst(v) : null;

        var title = Get("title") ?? header.Title;
        return new ChartDocument(
            Get("id") ?? fileName,
            ChartTitles.FromText(title, body, fileName),
            new PatientIdentity(
                Get("memberid", "subscriberid", "member") ?? header.MemberId,
                Get("patient", "patientname", "name") ?? header.PatientName,
                GetDate("dob", "dateofbirth", "birthdate") ?? header.DateOfBirth,
                Get("account", "accountnumber", "acct", "patientaccount") ?? header.AccountNumber),
            GetDate("dateofservice", "dos", "servicedate", "encounterdate", "date") ?? header.ServiceDate,
            (Get("author", "provider", "physician", "clinician", "signedby") is { } metaAuthor ? NoteHeader.CleanAuthor(metaAuthor) : null) ?? header.Author,
            Get("type", "documenttype", "notetype") ?? header.DocumentType,
            fileName,
            body);
    }

    private static (Dictionary<string, string> Meta, string Body) SplitFrontMatter(string text)
    {
        var empty = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
        {
            return (empty, text);
        }

        var close = FrontMatterEnd().Match(text, 4);
        if (!close.Success)
        {
            return (empty, text);
        }

        var yaml = text[4..close.Index];
        var body = text[(close.Index + close.Length)..].TrimStart('\n');
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
            {
                // A leading "---" that is a thematic break, not front matter.
                return (empty, text);
            }

            var meta = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in map.Children)
            {
                if (key is YamlScalarNode k && value is YamlScalarNode v && v.Value is not null)
                {
                    meta[NormalizeKey(k.Value ?? string.Empty)] = v.Value;
                }
            }

            return (meta, body);
        }
        catch (YamlException)
        {
            // Front matter is optional metadata; a note with a malformed block is still a note, read as written.
            return (empty, text);
        }
    }

    private static string NormalizeKey(string key) =>
        new(key.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    [GeneratedRegex(@"\n---[ \t]*(\n|$)", RegexOptions.CultureInvariant)]
    private static partial Regex FrontMatterEnd();

    [GeneratedRegex(@"^(#{1,6} \S|\*\*[^*\n]+\*\*)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex MarkdownSignal();
}
