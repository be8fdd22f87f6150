using PdfSharp.Fonts;

namespace AppealStudio.Core.Letters;

/// <summary>A PDF packet cannot be written because no usable font was found on this machine.</summary>
public sealed class PdfFontsMissingException : Exception
{
    public PdfFontsMissingException()
    {
    }

    public PdfFontsMissingException(string message)
        : base(message)
    {
    }

    public PdfFontsMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The fonts of the PDF packet, found among the fonts installed on the machine (PDFsharp's Core build has no font
/// resolving of its own on Linux). A serif face for the text (Liberation Serif, else DejaVu Serif, else Times New
/// Roman) and a monospaced one for tables of codes (Liberation Mono, DejaVu Sans Mono, Courier New). Nothing is
/// downloaded and no font file ships with the app: Debian's <c>fonts-liberation</c> or <c>fonts-dejavu-core</c>
/// provide them (docs/adr/0027). The folders searched can be set with <see cref="Configure"/>
/// (<c>Pdf:FontDirectory</c>) or the <c>APPEALSTUDIO_FONT_DIR</c> environment variable.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Serif = "AppealStudio Serif";
    public const string Mono = "AppealStudio Mono";

    private static readonly Lock Gate = new();
    private static PdfFonts? installed;
    private static string? configuredDirectory;

    // Candidate files per face, best first: regular, bold, italic, bold italic.
    private static readonly string[][] SerifFaces =
    [
        ["LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf"],
        ["DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf", "DejaVuSerif-BoldItalic.ttf"],
        ["times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"],
    ];

    private static readonly string[][] MonoFaces =
    [
        ["LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf", "LiberationMono-Italic.ttf", "LiberationMono-BoldItalic.ttf"],
        ["DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf", "DejaVuSansMono-Oblique.ttf", "DejaVuSansMono-BoldOblique.ttf"],
        ["cour.ttf", "courbd.ttf", "couri.ttf", "courbi.ttf"],
    ];

    private readonly Dictionary<string, string> files;

    private PdfFonts(Dictionary<string, string> files) => this.files = files;

    /// <summary>An extra folder to search first (configuration <c>Pdf:FontDirectory</c>); call before the first PDF.</summary>
    public static void Configure(string? directory)
    {
        lock (Gate)
        {
            configuredDirectory = string.IsNullOrWhiteSpace(directory) ? null : directory;
        }
    }

    /// <summary>Registers the resolver with PDFsharp once per process.</summary>
    /// <exception cref="PdfFontsMissingException">No serif font was found.</exception>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (installed is not null)
            {
                return;
            }

            var resolver = Find();
            if (GlobalFontSettings.FontResolver is null)
            {
                GlobalFontSettings.FontResolver = resolver;
            }

            installed = resolver;
        }
    }

    /// <summary>The folders searched, in order.</summary>
    public static IReadOnlyList<string> Directories()
    {
        var list = new List<string>();
        void Add(string? dir)
        {
            if (!string.IsNullOrWhiteSpace(dir) && !list.Contains(dir, StringComparer.Ordinal))
            {
                list.Add(dir);
            }
        }

        Add(configuredDirectory);
        Add(Environment.GetEnvironmentVariable("APPEALSTUDIO_FONT_DIR"));
        Add("/usr/share/fonts");
        Add("/usr/local/share/fonts");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (!string.IsNullOrEmpty(home))
        {
            Add(Path.Combine(home, ".local", "share", "fonts"));
            Add(Path.Combine(home, ".fonts"));
        }

        Add(Environment.GetFolderPath(Environment.SpecialFolder.Fonts));
        Add("/Library/Fonts");
        Add("/System/Library/Fonts");
        return list;
    }

    private static PdfFonts Find()
    {
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var dir in Directories().Where(Directory.Exists))
        {
            try
            {
                foreach (var file in Directory.EnumerateFiles(dir, "*.ttf", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }))
                {
                    byName.TryAdd(Path.GetFileName(file), file);
                }
            }
            catch (IOException)
            {
                // An unreadable folder is skipped; the error below says which were searched.
            }
            catch (UnauthorizedAccessException)
            {
                // As above.
            }
        }

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Pick(byName, SerifFaces, Serif, files))
        {
            throw new PdfFontsMissingException(
                "No TrueType font for the PDF packet was found (Liberation Serif, DejaVu Serif or Times New Roman) in "
                + string.Join(", ", Directories()) + ". Install Debian's fonts-liberation (or fonts-dejavu-core), or set Pdf:FontDirectory to a folder holding them.");
        }

        if (!Pick(byName, MonoFaces, Mono, files))
        {
            // Tables of codes fall back to the serif face: readable, only less aligned.
            foreach (var style in new[] { "R", "B", "I", "BI" })
            {
                files[Mono + "#" + style] = files[Serif + "#" + style];
            }
        }

        return new PdfFonts(files);
    }

    private static bool Pick(Dictionary<string, string> byName, string[][] candidates, string family, Dictionary<string, string> files)
    {
        foreach (var faces in candidates)
        {
            if (!byName.TryGetValue(faces[0], out var regular))
            {
                continue;
            }

            files[family + "#R"] = regular;
            files[family + "#B"] = byName.GetValueOrDefault(faces[1]) ?? regular;
            files[family + "#I"] = byName.GetValueOrDefault(faces[2]) ?? regular;
            files[family + "#BI"] = byName.GetValueOrDefault(faces[3]) ?? files[family + "#B"];
            return true;
        }

        return false;
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        var family = string.Equals(familyName, Mono, StringComparison.OrdinalIgnoreCase) ? Mono : Serif;
        var style = (bold, italic) switch
        {
            (true, true) => "BI",
            (true, false) => "B",
            (false, true) => "I",
            _ => "R",
        };
        return new FontResolverInfo(family + "#" + style);
    }

    public byte[]? GetFont(string faceName) =>
        files.TryGetValue(faceName, out var path) ? File.ReadAllBytes(path) : null;
}
