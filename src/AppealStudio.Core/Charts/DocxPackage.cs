using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace AppealStudio.Core.Charts;

/// <summary>
/// Checks a .docx (a ZIP package) before anything inflates it, and reads its title and author with a bounded reader.
/// A 409 KB upload whose docProps/core.xml holds a 400 MB title took 5 GB to open: the OpenXML SDK caps the parts it
/// parses itself, but System.IO.Packaging reads [Content_Types].xml and the core properties without a limit. The ZIP
/// central directory declares every entry's sizes, and .NET's ZIP reader never inflates an entry past its declared
/// size, so checking the declared sizes first bounds everything read afterwards.
/// </summary>
internal static class DocxPackage
{
    /// <summary>Most entries a package may hold; a Word note has a dozen or two, a few hundred with many images.</summary>
    public const int MaxEntries = 1_000;

    /// <summary>Most bytes all entries may expand to together (images included).</summary>
    public const long MaxUncompressedBytes = 100L * 1024 * 1024;

    /// <summary>Most bytes one XML part may expand to (a long note's document.xml is a few megabytes).</summary>
    public const long MaxXmlPartBytes = 10L * 1024 * 1024;

    /// <summary>Most an entry above 1 MB may expand relative to its compressed size; XML compresses about 5-20 to 1.</summary>
    public const int MaxCompressionRatio = 100;

    private const int EndOfCentralDirectorySize = 22;

    /// <exception cref="ChartImportException">The package breaks one of the limits (TooLarge) or is not a ZIP a Word document can be (InvalidDocx).</exception>
    public static void Check(string fileName, byte[] bytes)
    {
        var declared = DeclaredEntryCount(bytes)
            ?? throw ChartImporter.Fail(ChartImportError.InvalidDocx, fileName, $"The file {fileName} is not a readable Word document (its ZIP directory is missing, damaged or uses ZIP64, which no Word note needs).");
        if (declared > MaxEntries)
        {
            throw TooLarge(fileName, $"it holds {declared.ToString("N0", CultureInfo.InvariantCulture)} parts (the limit is {MaxEntries.ToString("N0", CultureInfo.InvariantCulture)})");
        }

        ZipArchive archive;
        try
        {
            archive = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException ex)
        {
            throw ChartImporter.Fail(ChartImportError.InvalidDocx, fileName, $"The file {fileName} is not a readable Word document ({ex.Message.TrimEnd('.')}).", ex);
        }

        using (archive)
        {
            long total = 0;
            foreach (var entry in archive.Entries)
            {
                // The part first, so the message names the part that is too large, then the package as a whole.
                if (IsXml(entry.FullName) && entry.Length > MaxXmlPartBytes)
                {
                    throw TooLarge(fileName, $"its part {entry.FullName} expands to {Megabytes(entry.Length)} MB of XML (the limit is {MaxXmlPartBytes / (1024 * 1024)} MB per part)");
                }

                if (entry.Length > 1024 * 1024 && entry.Length > (long)MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
                {
                    throw TooLarge(fileName, $"its part {entry.FullName} expands {(entry.Length / Math.Max(1, entry.CompressedLength)).ToString("N0", CultureInfo.InvariantCulture)} times (more than {MaxCompressionRatio} times is a ZIP bomb, not a document)");
                }

                total += entry.Length;
                if (total > MaxUncompressedBytes)
                {
                    throw TooLarge(fileName, $"its parts expand to more than {MaxUncompressedBytes / (1024 * 1024)} MB");
                }
            }
        }
    }

    /// <summary>
    /// dc:title and dc:creator of the core properties part (found through the package relationships, usually
    /// docProps/core.xml), each at most 300 characters; nulls when absent or unreadable. Both parts are read with a
    /// capped XML reader without DTDs.
    /// </summary>
    public static (string? Title, string? Creator) CoreProperties(byte[] bytes)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            var target = "docProps/core.xml";
            if (archive.GetEntry("_rels/.rels") is { } rels)
            {
                using var xml = BoundedXml(rels);
                while (xml.Read())
                {
                    if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Relationship"
                        && xml.GetAttribute("Type") is { } type && type.EndsWith("/metadata/core-properties", StringComparison.Ordinal)
                        && xml.GetAttribute("Target") is { Length: > 0 } found)
                    {
                        target = found.TrimStart('/');
                        break;
                    }
                }
            }

            if (archive.GetEntry(target) is not { } entry)
            {
                return (null, null);
            }

            using var core = BoundedXml(entry);
            string? title = null, creator = null;
            core.Read();
            while (!core.EOF)
            {
                // ReadElementContentAsString moves to the node after the element, so it must not be followed by Read().
                if (core.NodeType == XmlNodeType.Element && core.NamespaceURI == "http://purl.org/dc/elements/1.1/" && core.LocalName is "title" or "creator")
                {
                    var isTitle = core.LocalName == "title";
                    var value = Clip(core.ReadElementContentAsString());
                    if (isTitle)
                    {
                        title ??= value;
                    }
                    else
                    {
                        creator ??= value;
                    }

                    continue;
                }

                core.Read();
            }

            return (title, creator);
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException or IOException)
        {
            // Properties only name the document; a note whose properties cannot be read is still a note.
            return (null, null);
        }
    }

    private static XmlReader BoundedXml(ZipArchiveEntry entry) =>
        XmlReader.Create(entry.Open(), new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = 1024 * 1024,
            IgnoreComments = true,
            CloseInput = true,
        });

    /// <summary>The entry count of the ZIP's end-of-central-directory record; null when there is none or it is ZIP64.</summary>
    internal static int? DeclaredEntryCount(ReadOnlySpan<byte> zip)
    {
        // The record is the last 22 bytes plus a comment of up to 65,535 bytes.
        var from = Math.Max(0, zip.Length - EndOfCentralDirectorySize - ushort.MaxValue);
        for (var i = zip.Length - EndOfCentralDirectorySize; i >= from; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip[i..]) != 0x06054b50)
            {
                continue;
            }

            var entries = BinaryPrimitives.ReadUInt16LittleEndian(zip[(i + 10)..]);
            var directorySize = BinaryPrimitives.ReadUInt32LittleEndian(zip[(i + 12)..]);
            return entries == ushort.MaxValue || directorySize == uint.MaxValue ? null : entries;
        }

        return null;
    }

    private static bool IsXml(string name) =>
        name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase);

    private static string? Clip(string value)
    {
        value = value.Trim();
        return value.Length == 0 ? null : value.Length <= 300 ? value : value[..300];
    }

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("N0", CultureInfo.InvariantCulture);

    private static ChartImportException TooLarge(string fileName, string why) =>
        ChartImporter.Fail(ChartImportError.TooLarge, fileName, $"The Word document {fileName} was refused before opening it: {why}. Save the note again from Word, or export it as text.");
}
