namespace AppealStudio.Core.Charts;

/// <summary>Why a chart file could not be imported.</summary>
public enum ChartImportError
{
    UnsupportedFileType,
    EmptyDocument,
    InvalidJson,
    WrongResourceType,
    UnsupportedAttachment,
    InvalidBase64,
    InvalidDocx,
    TooLarge,
    TooManyDocuments,
}

/// <summary>A chart file that cannot be read; <see cref="Exception.Message"/> is one sentence fit to show the user.</summary>
public sealed class ChartImportException : Exception
{
    public ChartImportException()
    {
    }

    public ChartImportException(string message)
        : base(message)
    {
    }

    public ChartImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ChartImportException(ChartImportError error, string fileName, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
        FileName = fileName;
    }

    public ChartImportError Error { get; }

    public string? FileName { get; }
}
