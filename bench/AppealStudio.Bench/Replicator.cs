using System.Globalization;
using System.Text;
using AppealStudio.Core.X12;

namespace AppealStudio.Bench;

/// <summary>
/// Repeats the 835 transactions of the corpus, each source file's in a fresh interchange that keeps its delimiters, with
/// unique control numbers and recomputed SE/GE/IEA counts, until the output reaches the requested size.
/// </summary>
internal static class Replicator
{
    private sealed record Source(X12Delimiters Delimiters, List<List<string>> Transactions);

    public static long Write(string corpusDirectory, string output, long targetBytes)
    {
        var sources = Directory.EnumerateFiles(corpusDirectory)
            .Where(f => !f.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(Read)
            .Where(s => s.Transactions.Count > 0)
            .ToList();
        if (sources.Count == 0)
        {
            throw new ArgumentException($"no 835 transactions found in {corpusDirectory}");
        }

        using var stream = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        var control = 0;
        while (stream.Length < targetBytes)
        {
            foreach (var source in sources)
            {
                control++;
                WriteInterchange(stream, source, control);
                if (stream.Length >= targetBytes)
                {
                    break;
                }
            }
        }

        return stream.Length;
    }

    private static Source Read(string path)
    {
        var transactions = new List<List<string>>();
        List<string>? current = null;
        var delimiters = X12Delimiters.Default;
        using var reader = new X12Reader(File.OpenRead(path));
        reader.WarningHandler = _ => { };
        try
        {
            while (reader.Read())
            {
                var s = reader.Segment;
                delimiters = s.Delimiters;
                if (s.Is("ST"))
                {
                    current = string.Equals(s.GetString(1), "835", StringComparison.Ordinal) ? [] : null;
                }
                else if (s.Is("SE"))
                {
                    if (current is not null)
                    {
                        transactions.Add(current);
                    }

                    current = null;
                }
                else if (current is not null && !s.Is("GS") && !s.Is("GE") && !s.Is("ISA") && !s.Is("IEA"))
                {
                    current.Add(s.ToString());
                }
            }
        }
        catch (X12ParseException)
        {
            // A cut-off source contributes the transactions it completed.
        }

        return new Source(delimiters, transactions);
    }

    private static void WriteInterchange(Stream stream, Source source, int control)
    {
        var d = source.Delimiters;
        var e = (char)d.Element;
        var terminator = d.SegmentEndsAtLineBreak ? "\n" : ((char)d.Segment) + "\n";
        var repetition = d.Repetition == 0 ? 'U' : (char)d.Repetition;
        var version = d.Repetition == 0 ? "00401" : "00501";
        var sb = new StringBuilder();
        var number = control.ToString("D9", CultureInfo.InvariantCulture);
        sb.Append(CultureInfo.InvariantCulture, $"ISA{e}00{e}          {e}00{e}          {e}ZZ{e}BENCHPAYER     {e}ZZ{e}BENCHCLINIC    {e}260101{e}1200{e}{repetition}{e}{version}{e}{number}{e}0{e}P{e}{(char)d.Component}{terminator}");
        sb.Append(CultureInfo.InvariantCulture, $"GS{e}HP{e}BENCHPAYER{e}BENCHCLINIC{e}20260101{e}1200{e}{control}{e}X{e}005010X221A1{terminator}");
        var st = 0;
        foreach (var transaction in source.Transactions)
        {
            st++;
            var stControl = st.ToString("D4", CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"ST{e}835{e}{stControl}{terminator}");
            foreach (var segment in transaction)
            {
                sb.Append(segment).Append(terminator);
            }

            sb.Append(CultureInfo.InvariantCulture, $"SE{e}{transaction.Count + 2}{e}{stControl}{terminator}");
        }

        sb.Append(CultureInfo.InvariantCulture, $"GE{e}{st}{e}{control}{terminator}IEA{e}1{e}{number}{terminator}");
        var bytes = Encoding.UTF8.GetBytes(sb.ToString());
        stream.Write(bytes);
    }
}
