namespace AppealStudio.Web.Features.Charts;

/// <summary>A chart document's stored source format in words.</summary>
public static class ChartFormats
{
    public static string Words(string? format) => format switch
    {
        "text" => "Plain text",
        "markdown" => "Markdown",
        "html" => "HTML",
        "docx" => "Word document",
        "fhir" => "FHIR document",
        null or "" => "",
        _ => Core.Display.Words(format),
    };
}
