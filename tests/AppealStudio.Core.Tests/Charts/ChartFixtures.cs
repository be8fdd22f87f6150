using AppealStudio.Core.Charts;

namespace AppealStudio.Core.Tests.Charts;

/// <summary>The fictional chart notes under Fixtures/Charts, copied next to the test binaries.</summary>
internal static class ChartFixtures
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Charts", name);

    public static IReadOnlyList<ChartDocument> Read(string name)
    {
        using var stream = File.OpenRead(PathOf(name));
        return ChartImporter.Read(name, stream);
    }

    public static ChartDocument ReadOne(string name) => Assert.Single(Read(name));

    public static IReadOnlyList<ChartDocument> All() =>
    [
        .. Read("ortho-operative-report.md"),
        .. Read("cardiology-office-visit.txt"),
        .. Read("anesthesia-preop-evaluation.docx"),
        .. Read("psychotherapy-bundle.fhir.json"),
        .. Read("spine-consultation.md"),
        .. Read("dermatology-routine-visit.txt"),
    ];

    public static ChartDocument FromText(string text, string id = "inline.txt") =>
        new(id, "Inline note", PatientIdentity.Unknown, null, null, null, id, text);
}
