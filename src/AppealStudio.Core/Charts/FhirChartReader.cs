using System.Globalization;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Validation;

namespace AppealStudio.Core.Charts;

/// <summary>
/// FHIR R4 JSON read with the Firely SDK: a DocumentReference (attachment inline, or a reference to a Binary of the
/// same bundle), a Composition (its section narratives), a Binary with text content, or a Bundle of them with the
/// Patient, Coverage and Practitioner resources they point at. A URL outside the file is never fetched: an upload
/// must not make the server call out to arbitrary addresses.
/// </summary>
/// <remarks>
/// A bundle is read entry by entry (System.Text.Json's reader finds each resource; Firely deserializes only the
/// kinds used here, the rest is skipped unparsed), and the count of documents is checked as they come, so a bundle of
/// 200,000 DocumentReferences is refused after the first <see cref="ChartImporter.MaxDocumentsPerFile"/> instead of
/// being turned into 200,000 objects first.
/// </remarks>
internal static class FhirChartReader
{
    private static readonly string[] SupportedContentTypes = ["text/plain", "text/html", "text/markdown"];

    private static readonly HashSet<string> KeptTypes = new(StringComparer.Ordinal)
    {
        "DocumentReference", "Composition", "Binary", "Patient", "Practitioner", "Coverage",
    };

    public static IReadOnlyList<ChartDocument> Read(string fileName, ReadOnlySpan<byte> utf8)
    {
        var rootType = Validate(fileName, utf8);
        var deserializer = new FhirJsonDeserializer(new DeserializerSettings().UsingMode(DeserializationMode.Recoverable));
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64 });
        reader.Read();
        switch (rootType)
        {
            case "DocumentReference" or "Composition" or "Binary":
                var resource = Deserialize(deserializer, ref reader);
                var context = new FhirContext();
                context.Add(null, resource);
                var document = ToDocument(fileName, resource, context, index: 0, inBundle: false)
                    ?? throw ChartImporter.Fail(ChartImportError.EmptyDocument, fileName, $"The {rootType} in {fileName} is marked entered-in-error.");
                return [document];
            case "Bundle":
                return ReadBundle(fileName, deserializer, ref reader);
            case null:
                throw ChartImporter.Fail(ChartImportError.WrongResourceType, fileName, $"The file {fileName} is JSON but not a FHIR resource (it has no resourceType).");
            default:
                throw ChartImporter.Fail(ChartImportError.WrongResourceType, fileName,
                    $"The file {fileName} holds a FHIR {rootType}; import a DocumentReference, a Composition, a Binary or a Bundle of them.");
        }
    }

    /// <summary>Checks the JSON syntax in one pass (so errors name a line) and returns the root's resourceType.</summary>
    private static string? Validate(string fileName, ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 64 });
        string? resourceType = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                while (reader.Read())
                {
                }

                return null;
            }

            while (reader.Read())
            {
                if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("resourceType"u8))
                {
                    reader.Read();
                    resourceType = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
            }
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? $" at line {(l + 1).ToString(CultureInfo.InvariantCulture)}" : string.Empty;
            throw ChartImporter.Fail(ChartImportError.InvalidJson, fileName, $"The file {fileName} is not valid JSON{line}.", ex);
        }

        return resourceType is { Length: > 0 } ? resourceType : null;
    }

    private static List<ChartDocument> ReadBundle(string fileName, FhirJsonDeserializer deserializer, ref Utf8JsonReader reader)
    {
        var context = new FhirContext();
        var documents = 0;
        var entries = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("entry"u8))
            {
                reader.Skip();
                continue;
            }

            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reader.Skip();
                    continue;
                }

                if (++entries > ChartImporter.MaxEntriesPerFile)
                {
                    throw ChartImporter.Fail(ChartImportError.TooManyDocuments, fileName,
                        $"The FHIR bundle {fileName} has more than {ChartImporter.MaxEntriesPerFile.ToString("N0", CultureInfo.InvariantCulture)} entries, the most one file may hold; export the documents in smaller bundles. Nothing was imported.");
                }

                string? fullUrl = null;
                Resource? resource = null;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("fullUrl"u8))
                    {
                        reader.Read();
                        fullUrl = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    }
                    else if (reader.ValueTextEquals("resource"u8))
                    {
                        reader.Read();
                        var type = reader.TokenType == JsonTokenType.StartObject ? PeekResourceType(reader) : null;
                        if (type is null || !KeptTypes.Contains(type))
                        {
                            reader.Skip();
                            continue;
                        }

                        if (type is "DocumentReference" or "Composition" or "Binary" && ++documents > ChartImporter.MaxDocumentsPerFile)
                        {
                            throw ChartImporter.Fail(ChartImportError.TooManyDocuments, fileName,
                                $"The FHIR bundle {fileName} holds more than {ChartImporter.MaxDocumentsPerFile.ToString("N0", CultureInfo.InvariantCulture)} documents (DocumentReference, Composition and Binary resources), the most one file may hold; export them in smaller bundles. Nothing was imported.");
                        }

                        resource = Deserialize(deserializer, ref reader);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                if (resource is not null)
                {
                    context.Add(fullUrl, resource);
                }
            }
        }

        var found = context.Documents();
        if (found.Count == 0)
        {
            throw ChartImporter.Fail(ChartImportError.WrongResourceType, fileName,
                $"The FHIR bundle {fileName} contains no DocumentReference, Composition or text Binary resources.");
        }

        var result = new List<ChartDocument>();
        for (var i = 0; i < found.Count; i++)
        {
            if (ToDocument(fileName, found[i], context, i, inBundle: true) is { } document)
            {
                result.Add(document);
            }
        }

        return result.Count > 0
            ? result
            : throw ChartImporter.Fail(ChartImportError.EmptyDocument, fileName, $"Every document in {fileName} is marked entered-in-error.");
    }

    /// <summary>The resourceType of the object the reader is on, read from a copy (the reader itself does not move).</summary>
    private static string? PeekResourceType(Utf8JsonReader copy)
    {
        var depth = copy.CurrentDepth;
        while (copy.Read() && copy.CurrentDepth > depth)
        {
            if (copy.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (copy.CurrentDepth == depth + 1 && copy.ValueTextEquals("resourceType"u8))
            {
                copy.Read();
                return copy.TokenType == JsonTokenType.String ? copy.GetString() : null;
            }

            copy.Skip();
        }

        return null;
    }

    private static Resource Deserialize(FhirJsonDeserializer deserializer, ref Utf8JsonReader reader)
    {
        // Recoverable mode: an EHR's export that bends a rule (an unknown element, a date out of range) still yields
        // its text; only what this reader needs is looked at, and each value is checked where it is used.
        deserializer.TryDeserializeResource(ref reader, out var resource, out _);
        return resource ?? new Basic();
    }

    private static ChartDocument? ToDocument(string fileName, Resource resource, FhirContext context, int index, bool inBundle) => resource switch
    {
        DocumentReference reference => FromDocumentReference(fileName, reference, context, index, inBundle),
        Composition composition => FromComposition(fileName, composition, context, index, inBundle),
        Binary binary => FromBinary(fileName, binary, index, inBundle),
        _ => null,
    };

    private static ChartDocument? FromDocumentReference(string fileName, DocumentReference resource, FhirContext context, int index, bool inBundle)
    {
        if (resource.Status == DocumentReferenceStatus.EnteredInError)
        {
            return null;
        }

        var id = resource.Id ?? (inBundle ? $"{fileName}#{index + 1}" : fileName);
        var label = $"DocumentReference {id}";
        var text = AttachmentText(fileName, resource, context, label);
        var header = NoteHeader.Parse(text);
        var typeText = CodeableText(resource.Type);
        var patient = ReadPatient(resource.Subject, context);

        // context.period.start is when the care happened; DocumentReference.date is when the reference was created,
        // which can trail the visit by days (late signing, batch export), so it is only the fallback.
        var encounter = ChartDates.FromFhir(resource.Context?.Period?.Start) ?? ChartDates.FromFhir(resource.DateElement?.JsonValue as string) ?? header.ServiceDate;

        return new ChartDocument(
            id,
            resource.Description is { Length: > 0 } description ? description : typeText ?? ChartTitles.FromText(header.Title, text, fileName),
            new PatientIdentity(patient.MemberId ?? header.MemberId, patient.Name ?? header.PatientName, patient.BirthDate ?? header.DateOfBirth),
            encounter,
            ReadAuthor(resource.Author, context) ?? header.Author,
            typeText ?? header.DocumentType,
            fileName,
            text);
    }

    private static ChartDocument? FromComposition(string fileName, Composition resource, FhirContext context, int index, bool inBundle)
    {
        if (resource.Status == CompositionStatus.EnteredInError)
        {
            return null;
        }

        var id = resource.Id ?? (inBundle ? $"{fileName}#{index + 1}" : fileName);
        var lines = new List<string>();
        if (resource.Title is { Length: > 0 } title)
        {
            lines.Add(title);
        }

        // Sections nest; an explicit stack keeps a hostile nesting from exhausting the call stack.
        var stack = new Stack<Composition.SectionComponent>(Enumerable.Reverse(resource.Section));
        while (stack.Count > 0)
        {
            var section = stack.Pop();
            if (section.Title is { Length: > 0 } sectionTitle)
            {
                lines.Add(string.Empty);
                lines.Add(sectionTitle);
            }

            if (section.Text?.Div is { Length: > 0 } div && HtmlText.ToPlainText(div) is { Length: > 0 } narrative)
            {
                lines.Add(narrative);
            }

            foreach (var child in Enumerable.Reverse(section.Section))
            {
                stack.Push(child);
            }
        }

        var text = TextDecoding.NormalizeNewlines(string.Join('\n', lines).Trim());
        if (string.IsNullOrWhiteSpace(text))
        {
            throw ChartImporter.Fail(ChartImportError.EmptyDocument, fileName, $"The Composition {id} in {fileName} has no section text.");
        }

        var header = NoteHeader.Parse(text);
        var typeText = CodeableText(resource.Type);
        var patient = ReadPatient(resource.Subject, context);
        var encounter = resource.Event.Select(e => ChartDates.FromFhir(e.Period?.Start)).FirstOrDefault(d => d is not null)
            ?? ChartDates.FromFhir(resource.Date) ?? header.ServiceDate;
        return new ChartDocument(
            id,
            resource.Title is { Length: > 0 } t ? t : typeText ?? ChartTitles.FromText(header.Title, text, fileName),
            new PatientIdentity(patient.MemberId ?? header.MemberId, patient.Name ?? header.PatientName, patient.BirthDate ?? header.DateOfBirth),
            encounter,
            ReadAuthor(resource.Author, context) ?? header.Author,
            typeText ?? header.DocumentType,
            fileName,
            text);
    }

    private static ChartDocument? FromBinary(string fileName, Binary resource, int index, bool inBundle)
    {
        var id = resource.Id ?? (inBundle ? $"{fileName}#{index + 1}" : fileName);
        var label = $"Binary {id}";
        var contentType = ContentType(resource.ContentType);
        if (!SupportedContentTypes.Contains(contentType, StringComparer.Ordinal))
        {
            throw ChartImporter.Fail(ChartImportError.UnsupportedAttachment, fileName,
                $"{label} in {fileName} is {(contentType.Length == 0 ? "without a content type" : contentType)}; a text/plain, text/html or text/markdown document is required.");
        }

        var text = DecodeText(fileName, label, contentType, () => resource.Data);
        var header = NoteHeader.Parse(text);
        return new ChartDocument(id, ChartTitles.FromText(header.Title, text, fileName),
            new PatientIdentity(header.MemberId, header.PatientName, header.DateOfBirth), header.ServiceDate, header.Author,
            header.DocumentType, fileName, text);
    }

    private static string AttachmentText(string fileName, DocumentReference resource, FhirContext context, string label)
    {
        var found = new List<string>();
        var supportedWithoutData = false;
        foreach (var attachment in resource.Content.Select(c => c.Attachment).OfType<Attachment>())
        {
            var contentType = ContentType(attachment.ContentType);
            found.Add(contentType.Length == 0 ? "no content type" : contentType);
            if (!SupportedContentTypes.Contains(contentType, StringComparer.Ordinal))
            {
                continue;
            }

            if (attachment.DataElement is not null)
            {
                return DecodeText(fileName, label, contentType, () => attachment.Data);
            }

            // An attachment may point at a Binary of the same bundle ("Binary/123" or the Binary entry's fullUrl).
            if (attachment.Url is { Length: > 0 } url && context.Binary(url) is { } binary)
            {
                return DecodeText(fileName, label, contentType, () => binary.Data);
            }

            supportedWithoutData = true;
        }

        if (supportedWithoutData)
        {
            throw ChartImporter.Fail(ChartImportError.UnsupportedAttachment, fileName, $"The text attachment of {label} in {fileName} has no inline data; attachments given only by URL are not fetched, so export the document with its content embedded (or the Binary in the same bundle).");
        }

        var what = found.Count == 0 ? "no attachment" : "only " + string.Join(", ", found.Distinct(StringComparer.Ordinal));
        throw ChartImporter.Fail(ChartImportError.UnsupportedAttachment, fileName, $"{label} in {fileName} has {what}; a text/plain, text/html or text/markdown attachment is required.");
    }

    private static string DecodeText(string fileName, string label, string contentType, Func<byte[]?> data)
    {
        byte[]? bytes;
        try
        {
            // Firely decodes base64 when the value is first read.
            bytes = data();
        }
        catch (Exception ex) when (ex is CodedValidationException or FormatException)
        {
            throw ChartImporter.Fail(ChartImportError.InvalidBase64, fileName, $"The attachment of {label} in {fileName} is not valid base64.", ex);
        }

        var text = TextDecoding.Decode(bytes ?? []);
        text = contentType == "text/html" ? HtmlText.ToPlainText(text) : text;
        return string.IsNullOrWhiteSpace(text)
            ? throw ChartImporter.Fail(ChartImportError.EmptyDocument, fileName, $"The attachment of {label} in {fileName} contains no text.")
            : text;
    }

    private static string ContentType(string? value) => (value ?? string.Empty).Split(';')[0].Trim().ToLowerInvariant();

    private static (string? Name, DateOnly? BirthDate, string? MemberId) ReadPatient(ResourceReference? subject, FhirContext context)
    {
        if (subject is null)
        {
            return (null, null, null);
        }

        var reference = subject.Reference;
        var memberFromSubject = subject.Identifier is { } subjectId ? MemberIdentifier([subjectId]) : null;
        if (reference is not null && context.Patients.TryGetValue(reference, out var patient))
        {
            return (
                HumanName(patient.Name) ?? NonEmpty(subject.Display),
                ChartDates.FromFhir(patient.BirthDate),
                MemberIdentifier(patient.Identifier) ?? CoverageMemberId(context, reference) ?? memberFromSubject);
        }

        return (NonEmpty(subject.Display), null, memberFromSubject ?? (reference is null ? null : CoverageMemberId(context, reference)));
    }

    // Only identifiers typed as a member number (v2-0203 "MB") count: an MRN is not what the payer knows the
    // patient by, and matching claims on it would be wrong.
    private static string? MemberIdentifier(IEnumerable<Identifier> identifiers) =>
        identifiers
            .Where(id => id.Type?.Coding.Any(c => c.Code == "MB") == true)
            .Select(id => NonEmpty(id.Value))
            .FirstOrDefault(v => v is not null);

    private static string? CoverageMemberId(FhirContext context, string patientReference) =>
        context.Coverages
            .Where(c => c.Beneficiary?.Reference == patientReference)
            .Select(c => NonEmpty(c.SubscriberId))
            .FirstOrDefault(v => v is not null);

    private static string? HumanName(List<HumanName> names)
    {
        var name = names.FirstOrDefault(n => n.Use == Hl7.Fhir.Model.HumanName.NameUse.Official) ?? names.FirstOrDefault();
        if (name is null)
        {
            return null;
        }

        var family = NonEmpty(name.Family);
        var given = string.Join(' ', name.Given.Where(g => !string.IsNullOrWhiteSpace(g)));

        // "Family, Given" is unambiguous for the linker; free text is used only when the parts are missing.
        return family is not null
            ? (given.Length == 0 ? family : $"{family}, {given}")
            : NonEmpty(name.Text);
    }

    private static string? ReadAuthor(List<ResourceReference> authors, FhirContext context)
    {
        foreach (var author in authors)
        {
            if (NonEmpty(author.Display) is { } display)
            {
                return display;
            }

            if (author.Reference is { } reference && context.Practitioners.TryGetValue(reference, out var practitioner) && HumanName(practitioner.Name) is { } name)
            {
                return name;
            }
        }

        return null;
    }

    private static string? CodeableText(CodeableConcept? concept) =>
        concept is null ? null : NonEmpty(concept.Text) ?? concept.Coding.Select(c => NonEmpty(c.Display)).FirstOrDefault(d => d is not null);

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>The resources of one file, by the keys other resources refer to them with.</summary>
    private sealed class FhirContext
    {
        private readonly Dictionary<string, Binary> binaries = new(StringComparer.Ordinal);
        private readonly HashSet<Binary> referencedBinaries = new(ReferenceEqualityComparer.Instance);
        private readonly List<Resource> candidates = [];

        public Dictionary<string, Patient> Patients { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Practitioner> Practitioners { get; } = new(StringComparer.Ordinal);

        public List<Coverage> Coverages { get; } = [];

        /// <summary>
        /// DocumentReferences and Compositions in file order, then the Binaries no DocumentReference points at (a
        /// bundle of bare text Binaries is a set of notes; a Binary behind a DocumentReference is that document's text).
        /// </summary>
        public List<Resource> Documents()
        {
            foreach (var reference in candidates.OfType<DocumentReference>())
            {
                foreach (var url in reference.Content.Select(c => c.Attachment?.Url).OfType<string>())
                {
                    Binary(url);
                }
            }

            return candidates
                .Concat(binaries.Values.Distinct(ReferenceEqualityComparer.Instance).Cast<Binary>().Where(b => !referencedBinaries.Contains(b) && IsText(b)))
                .ToList();
        }

        public void Add(string? fullUrl, Resource resource)
        {
            var keys = new List<string>(2);
            if (fullUrl is { Length: > 0 })
            {
                keys.Add(fullUrl);
            }

            if (resource.Id is { Length: > 0 } id)
            {
                keys.Add(resource.TypeName + "/" + id);
            }

            switch (resource)
            {
                case DocumentReference or Composition:
                    candidates.Add(resource);
                    break;
                case Binary binary:
                    keys.ForEach(k => binaries.TryAdd(k, binary));
                    if (keys.Count == 0)
                    {
                        binaries.TryAdd("#" + binaries.Count.ToString(CultureInfo.InvariantCulture), binary);
                    }

                    break;
                case Patient patient:
                    keys.ForEach(k => Patients[k] = patient);
                    break;
                case Practitioner practitioner:
                    keys.ForEach(k => Practitioners[k] = practitioner);
                    break;
                case Coverage coverage:
                    Coverages.Add(coverage);
                    break;
                default:
                    break;
            }
        }

        public Binary? Binary(string url)
        {
            // "Binary/123", an absolute ".../Binary/123" on the exporting server, or the Binary entry's fullUrl.
            var found = binaries.GetValueOrDefault(url);
            if (found is null)
            {
                var at = url.LastIndexOf("Binary/", StringComparison.Ordinal);
                found = at >= 0 ? binaries.GetValueOrDefault(url[at..]) : null;
            }

            if (found is not null)
            {
                referencedBinaries.Add(found);
            }

            return found;
        }

        private static bool IsText(Binary binary) =>
            SupportedContentTypes.Contains((binary.ContentType ?? string.Empty).Split(';')[0].Trim().ToLowerInvariant(), StringComparer.Ordinal);
    }
}
