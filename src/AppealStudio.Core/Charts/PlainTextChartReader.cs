namespace AppealStudio.Core.Charts;

internal static class PlainTextChartReader
{
    public static ChartDocument Read(string fileName, string id, string text)
    {
        text = TextDecoding.NormalizeNewlines(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw ChartImporter.Fail(ChartImportError.EmptyDocument, fileName, $"The file {fileName} contains no text.");
        }

        var header = NoteHeader.Parse(text);
        return new ChartDocument(
            id,
            ChartTitles.FromText(header.Title, text, fileName),
            new PatientIdentity(header.MemberId, header.PatientName, header.DateOfBirth, header.AccountNumber),
            header.ServiceDate,
            header.Author,
            header.DocumentType,
            fileName,
            text);
    }
}
