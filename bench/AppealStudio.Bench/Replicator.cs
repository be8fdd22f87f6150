using System.Globalization;
using System.Text;
using AppealStudio.Core.X12;

namespace AppealStudio.Bench;

/// <summary>
/// Repeats the 835 transactions of the corpus, each source file's in a fresh interchange with unique control numbers and
/// recomputed SE/GE/IEA counts, until the output reaches the requested size. Every segment is rewritten with the usual
/// delimiters (<c>*</c>, <c>:</c>, <c>~</c> and a line break), so that parsers which read the delimiters only from the
/// first ISA (the npm peer does) see the same data as ours.
/// </summary>
internal static class Replicator
{
    private sealed record Source(List<List<string>> Transactions);

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
        using var reader = new X12Reader(File.OpenRead(path));
        reader.WarningHandler = _ => { };
        try
        {
            while (reader.Read())
            {
                var s = reader.Segment;
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
                    current.Add(Normalize(s));
                }
            }
        }
        catch (X12ParseException)
        {
            // A cut-off source contributes the transactions it completed.
        }

        return new Source(transactions);
    }

    private static string Normalize(X12Segment s)
    {
        var d = s.Delimiters;
        var text = s.ToString();
        if (d.Element != (byte)'*')
        {
            text = text.Replace((char)d.Element, '*');
        }

        return d.Component == (byte)':' ? text : text.Replace((char)d.Component, ':');
    }

    private static void WriteInterchange(Stream stream, Source source, int control)
    {
        var sb = new StringBuilder();
        var number = control.ToString("D9", CultureInfo.InvariantCulture);
        sb.Append(CultureInfo.InvariantCulture, $"ISA*00*          *00*          *ZZ*BENCHPAYER     *ZZ*BENCHCLINIC    *260101*1200*^*00501*{number}*0*P*:~\n");
        sb.Append(CultureInfo.InvariantCulture, $"GS*HP*BENCHPAYER*BENCHCLINIC*20260101*1200*{control}*X*005010X221A1~\n");
        var st = 0;
        foreach (var transaction in source.Transactions)
        {
            st++;
            var stControl = st.ToString("D4", CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"ST*835*{stControl}~\n");
            foreach (var segment in transaction)
            {
                sb.Append(segment).Append("~\n");
            }

            sb.Append(CultureInfo.InvariantCulture, $"SE*{transaction.Count + 2}*{stControl}~\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"GE*{st}*{control}~\nIEA*1*{number}~\n");
        stream.Write(Encoding.UTF8.GetBytes(sb.ToString()));
    }
}
