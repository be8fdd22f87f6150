using System.Globalization;
using System.Text.RegularExpressions;

namespace AppealStudio.Data.Seeding;

/// <summary>A denial the demo remittance is written to produce, and how it must be classified.</summary>
/// <param name="PatientControlNumber">CLP01 of the claim.</param>
/// <param name="ProcedureCode">The denied line's procedure code.</param>
/// <param name="Scenario">Expected specialty scenario code, or null.</param>
/// <param name="RootCause">Expected root cause code.</param>
/// <param name="ChartFileName">The demo chart document that supports the appeal.</param>
public sealed record DemoDenial(string PatientControlNumber, string ProcedureCode, string? Scenario, string RootCause, string ChartFileName);

/// <summary>
/// The demo remittance and chart documents (embedded resources under <c>Seeding/Demo/</c>). All people, numbers and
/// notes are fictional. Dates in the files are written relative to the day of seeding (<c>{{d8:-52}}</c> is 52 days
/// earlier as CCYYMMDD; <c>d6</c> YYMMDD, <c>iso</c> yyyy-MM-dd, <c>us</c> MM/dd/yyyy), so a fresh demo always has
/// open appeal windows instead of deadlines that passed the year after the files were written.
/// </summary>
public static partial class DemoData
{
    public const string RemittanceFileName = "demo-remittance.835";

    /// <summary>TRN02 of the demo payment: its presence means the demo remittance was imported.</summary>
    public const string TraceNumber = "DEMO-EFT-4711";

    public const string PayerName = "Example Health Plan";

    public const string PayerIdentifier = "EXH01";

    /// <summary>NPI of the demo physician, the rendering provider on every demo claim.</summary>
    public const string PhysicianNpi = "1234567893";

    /// <summary>The demo specialist's direct line, printed as the contact of demo letters.</summary>
    public const string SpecialistPhone = "(217) 555-0150";

    public static readonly IReadOnlyList<DemoDenial> Denials =
    [
        new("DEMO-1001", "29880", "modifier-59", "documentation", "demo-ortho-operative-report.md"),
        new("DEMO-1002", "99214", "modifier-25", "documentation", "demo-cardiology-office-visit.txt"),
        new("DEMO-1003", "01402", "physical-status", "documentation", "demo-anesthesia-record.txt"),
        new("DEMO-1004", "90834", "session-length", "documentation", "demo-psychotherapy-note.txt"),
        new("DEMO-1005", "72148", null, "medical-necessity", "demo-spine-visit.md"),
    ];

    public static IReadOnlyList<string> ChartFileNames { get; } = Denials.Select(d => d.ChartFileName).ToList();

    /// <summary>The demo 835 with its dates filled in for <paramref name="today"/>.</summary>
    public static string RemittanceText(DateOnly today) => Read(RemittanceFileName, today);

    /// <summary>The demo chart files with their dates filled in for <paramref name="today"/>.</summary>
    public static IReadOnlyList<(string FileName, string Text)> ChartFiles(DateOnly today) =>
        ChartFileNames.Select(name => (name, Read(name, today))).ToList();

    public static string Read(string fileName, DateOnly today)
    {
        var resource = "AppealStudio.Data.Seeding.Demo." + fileName;
        using var stream = typeof(DemoData).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The demo file {fileName} is not embedded in the data assembly.");
        using var reader = new StreamReader(stream);
        return Fill(reader.ReadToEnd(), today);
    }

    /// <summary>Replaces every <c>{{format:±days}}</c> token with that day relative to <paramref name="today"/>.</summary>
    public static string Fill(string text, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(text);
        return DateToken().Replace(text, m =>
        {
            var date = today.AddDays(int.Parse(m.Groups["days"].Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            var format = m.Groups["format"].Value switch
            {
                "d8" => "yyyyMMdd",
                "d6" => "yyMMdd",
                "iso" => "yyyy-MM-dd",
                _ => "MM/dd/yyyy",
            };
            return date.ToString(format, CultureInfo.InvariantCulture);
        });
    }

    [GeneratedRegex(@"\{\{(?<format>d8|d6|iso|us):(?<days>[+-]\d{1,4})\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex DateToken();
}
