using System.Text.Json;

namespace AppealStudio.Core.Charts;

/// <summary>
/// FHIR R4 JSON: a DocumentReference, or a Bundle whose entries hold DocumentReferences (and, optionally, the
/// Patient, Coverage and Practitioner resources they point at). Only inline attachments are read; a URL is never
/// fetched, since an upload must not make the server call out to arbitrary addresses.
/// </summary>
internal static class FhirChartReader
{
    private static readonly string[] SupportedContentTypes = ["text/plain", "text/html", "text/markdown"];

    public static IReadOnlyList<ChartDocument> Read(string fileName, string json)
    {
        JsonDocument parsed;
        try
        {
            parsed = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? $" at line {l + 1}" : string.Empty;
            throw ChartImporter.Fail(ChartImportError.InvalidJson, fileName, $"The file {fileName} is not valid JSON{line}.", ex);
        }

        using (parsed)
        {
            var root = parsed.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Str(root, "resourceType") is not { } resourceType)
            {
                throw ChartImporter.Fail(ChartImportError.WrongResourceType, fileName, $"The file {fileName} is JSON but not a FHIR resource (it has no resourceType).");
            }

            return resourceType switch
            {
                "DocumentReference" => [ReadDocumentReference(fileName, root, new FhirContext(), index: 0, inBundle: false)
                    ?? throw ChartImporter.Fail(ChartImportError.EmptyDocument, fileName, $"The DocumentReference in {fileName} is marked entered-in-error.")],
                "Bundle" => ReadBundle(fileName, root),
                _ => throw ChartImporter.Fail(ChartImportError.WrongResourceType, fileName, $"The file {fileName} holds a FHIR {resourceType}; import a DocumentReference or a Bundle of DocumentReferences."),
            };
        }
    }

    private static List<ChartDocument> ReadBundle(string fileName, JsonElement bundle)
    {
        var context = new FhirContext();
        var references = new List<JsonElement>();
        if (bundle.TryGetProperty("entry", out var entries) && entries.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in entries.EnumerateArray())
            {
                if (!entry.TryGetProperty("resource", out var resource) || resource.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var type = Str(resource, "resourceType");
                var keys = new List<string>();
                if (Str(entry, "fullUrl") is { } fullUrl)
                {
                    keys.Add(fullUrl);
                }

                if (type is not null && Str(resource, "id") is { } id)
                {
                    keys.Add(type + "/" + id);
                }

                switch (type)
                {
                    case "DocumentReference":
                        references.Add(resource);
                        break;
                    case "Patient":
                        keys.ForEach(k => context.Patients[k] = resource);
                        break;
                    case "Practitioner":
                        keys.ForEach(k => context.Practitioners[k] = resource);
                        break;
                    case "Coverage":
                        context.Coverages.Add(resource);
                        break;
                    default:
                        break;
                }
            }
        }

        if (references.Count == 0)
        {
            throw ChartImporter.Fail(ChartImportError.WrongResourceType, fileName, $"The FHIR bundle {fileName} contains no DocumentReference resources.");
        }

        var documents = new List<ChartDocument>();
        for (var i = 0; i < references.Count; i++)
        {
            if (ReadDocumentReference(fileName, references[i], context, i, inBundle: true) is { } document)
            {
                documents.Add(document);
            }
        }

        return documents.Count > 0
            ? documents
            : throw ChartImporter.Fail(ChartImportError.EmptyDocument, fileName, $"Every DocumentReference in {fileName} is marked entered-in-error.");
    }

    private static ChartDocument? ReadDocumentReference(string fileName, JsonElement resource, FhirContext context, int index, bool inBundle)
    {
        if (Str(resource, "status") == "entered-in-error")
        {
            return null;
        }

        var id = Str(resource, "id") ?? (inBundle ? $"{fileName}#{index + 1}" : fileName);
        var label = $"DocumentReference {id}";
        var text = ReadAttachmentText(fileName, resource, label);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw ChartImporter.Fail(ChartImportError.EmptyDocument, fileName, $"The attachment of {label} in {fileName} contains no text.");
        }

        var header = NoteHeader.Parse(text);
        var typeText = CodeableText(resource, "type");
        var patient = ReadPatient(resource, context);

        // context.period.start is when the care happened; DocumentReference.date is when the reference was created,
        // which can trail the visit by days (late signing, batch export), so it is only the fallback.
        var encounter = resource.TryGetProperty("context", out var ctx) && ctx.TryGetProperty("period", out var period)
            ? ChartDates.FromFhir(Str(period, "start"))
            : null;
        encounter ??= ChartDates.FromFhir(Str(resource, "date")) ?? header.ServiceDate;

        return new ChartDocument(
            id,
            Str(resource, "description") ?? typeText ?? ChartTitles.FromText(header.Title, text, fileName),
            new PatientIdentity(
                patient.MemberId ?? header.MemberId,
                patient.Name ?? header.PatientName,
                patient.BirthDate ?? header.DateOfBirth),
            encounter,
            ReadAuthor(resource, context) ?? header.Author,
            typeText ?? header.DocumentType,
            fileName,
            text);
    }

    private static string ReadAttachmentText(string fileName, JsonElement resource, string label)
    {
        var found = new List<string>();
        var supportedWithoutData = false;
        if (resource.TryGetProperty("content", out var contents) && contents.ValueKind == JsonValueKind.Array)
        {
            foreach (var content in contents.EnumerateArray())
            {
                if (!content.TryGetProperty("attachment", out var attachment))
                {
                    continue;
                }

                var contentType = (Str(attachment, "contentType") ?? string.Empty).Split(';')[0].Trim().ToLowerInvariant();
                found.Add(contentType.Length == 0 ? "no content type" : contentType);
                if (!SupportedContentTypes.Contains(contentType, StringComparer.Ordinal))
                {
                    continue;
                }

                if (Str(attachment, "data") is not { } data)
                {
                    supportedWithoutData = true;
                    continue;
                }

                byte[] bytes;
                try
                {
                    bytes = Convert.FromBase64String(data);
                }
                catch (FormatException ex)
                {
                    throw ChartImporter.Fail(ChartImportError.InvalidBase64, fileName, $"The attachment of {label} in {fileName} is not valid base64.", ex);
                }

                var text = TextDecoding.Decode(bytes);
                return contentType == "text/html" ? HtmlText.ToPlainText(text) : text;
            }
        }

        if (supportedWithoutData)
        {
            throw ChartImporter.Fail(ChartImportError.UnsupportedAttachment, fileName, $"The text attachment of {label} in {fileName} has no inline data; attachments given only by URL are not fetched, so export the document with its content embedded.");
        }

        var what = found.Count == 0 ? "no attachment" : "only " + string.Join(", ", found.Distinct(StringComparer.Ordinal));
        throw ChartImporter.Fail(ChartImportError.UnsupportedAttachment, fileName, $"{label} in {fileName} has {what}; a text/plain, text/html or text/markdown attachment is required.");
    }

    private static (string? Name, DateOnly? BirthDate, string? MemberId) ReadPatient(JsonElement resource, FhirContext context)
    {
        if (!resource.TryGetProperty("subject", out var subject) || subject.ValueKind != JsonValueKind.Object)
        {
            return (null, null, null);
        }

        var reference = Str(subject, "reference");
        var memberFromSubject = subject.TryGetProperty("identifier", out var subjectId) ? MemberIdentifier([subjectId]) : null;
        if (reference is not null && context.Patients.TryGetValue(reference, out var patient))
        {
            var identifiers = patient.TryGetProperty("identifier", out var ids) && ids.ValueKind == JsonValueKind.Array
                ? ids.EnumerateArray().ToList()
                : [];
            return (
                HumanName(patient) ?? Str(subject, "display"),
                ChartDates.FromFhir(Str(patient, "birthDate")),
                MemberIdentifier(identifiers) ?? CoverageMemberId(context, reference) ?? memberFromSubject);
        }

        return (Str(subject, "display"), null, memberFromSubject ?? (reference is null ? null : CoverageMemberId(context, reference)));
    }

    // Only identifiers typed as a member number (v2-0203 "MB") count: an MRN is not what the payer knows the
    // patient by, and matching claims on it would be wrong.
    private static string? MemberIdentifier(IEnumerable<JsonElement> identifiers) =>
        identifiers
            .Where(id => id.ValueKind == JsonValueKind.Object && id.TryGetProperty("type", out var type) && Codes(type).Contains("MB"))
            .Select(id => Str(id, "value"))
            .FirstOrDefault(v => v is not null);

    private static string? CoverageMemberId(FhirContext context, string patientReference) =>
        context.Coverages
            .Where(c => c.TryGetProperty("beneficiary", out var b) && Str(b, "reference") == patientReference)
            .Select(c => Str(c, "subscriberId"))
            .FirstOrDefault(v => v is not null);

    private static string? HumanName(JsonElement patient)
    {
        if (!patient.TryGetProperty("name", out var names) || names.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var all = names.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.Object).ToList();
        var name = all.FirstOrDefault(n => Str(n, "use") == "official");
        if (name.ValueKind == JsonValueKind.Undefined)
        {
            name = all.FirstOrDefault();
        }

        if (name.ValueKind == JsonValueKind.Undefined)
        {
            return null;
        }

        var family = Str(name, "family");
        var given = name.TryGetProperty("given", out var g) && g.ValueKind == JsonValueKind.Array
            ? string.Join(' ', g.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()))
            : null;

        // "Family, Given" is unambiguous for the linker; free text is used only when the parts are missing.
        return family is not null
            ? (string.IsNullOrWhiteSpace(given) ? family : $"{family}, {given}")
            : Str(name, "text");
    }

    private static string? ReadAuthor(JsonElement resource, FhirContext context)
    {
        if (!resource.TryGetProperty("author", out var authors) || authors.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var author in authors.EnumerateArray())
        {
            if (Str(author, "display") is { } display)
            {
                return display;
            }

            if (Str(author, "reference") is { } reference && context.Practitioners.TryGetValue(reference, out var practitioner) && HumanName(practitioner) is { } name)
            {
                return name;
            }
        }

        return null;
    }

    private static string? CodeableText(JsonElement resource, string property)
    {
        if (!resource.TryGetProperty(property, out var concept) || concept.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return Str(concept, "text")
            ?? (concept.TryGetProperty("coding", out var codings) && codings.ValueKind == JsonValueKind.Array
                ? codings.EnumerateArray().Select(c => Str(c, "display")).FirstOrDefault(d => d is not null)
                : null);
    }

    private static HashSet<string> Codes(JsonElement concept)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        if (concept.ValueKind == JsonValueKind.Object && concept.TryGetProperty("coding", out var codings) && codings.ValueKind == JsonValueKind.Array)
        {
            foreach (var coding in codings.EnumerateArray())
            {
                if (Str(coding, "code") is { } code)
                {
                    codes.Add(code);
                }
            }
        }

        return codes;
    }

    private static string? Str(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() is { Length: > 0 } s ? s : null
            : null;

    private sealed class FhirContext
    {
        public Dictionary<string, JsonElement> Patients { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, JsonElement> Practitioners { get; } = new(StringComparer.Ordinal);

        public List<JsonElement> Coverages { get; } = [];
    }
}
