namespace AppealStudio.Core.Denials;

/// <summary>
/// A data table (classification rules, payers, NCCI pairs, code texts) could not be read. Admins edit these tables, so
/// the message names the source and the line to fix.
/// </summary>
public sealed class DataFileException : FormatException
{
    public DataFileException(string sourceName, int line, string problem, Exception? innerException = null)
        : base($"{sourceName}, line {line}: {problem}", innerException)
    {
        SourceName = sourceName;
        Line = line;
        Problem = problem;
    }

    /// <summary>The file or resource name, e.g. <c>classification.csv</c>.</summary>
    public string SourceName { get; }

    /// <summary>1-based line number in the source text.</summary>
    public int Line { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }
}
