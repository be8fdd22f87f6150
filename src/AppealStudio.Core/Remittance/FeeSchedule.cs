using System.Globalization;
using AppealStudio.Core.Denials;
using CsvHelper;

namespace AppealStudio.Core.Remittance;

/// <summary>One row of a fee schedule: the contracted allowed amount of one unit of a procedure for a payer.</summary>
/// <param name="Payer">Payer id or name as the 835 gives it (REF*2U / N104 / TRN03, or N1*PR name); <c>*</c> for any payer.</param>
/// <param name="Procedure">Procedure code (SVC01-2).</param>
/// <param name="Modifier">Modifier the rate applies to; null for any.</param>
/// <param name="Allowed">Contracted allowed amount per unit.</param>
/// <param name="LineNumber">Line of the CSV, for messages.</param>
public sealed record FeeScheduleEntry(string Payer, string Procedure, string? Modifier, decimal Allowed, int LineNumber);

/// <summary>A fee-schedule CSV could not be read; <see cref="LineNumber"/> says where.</summary>
public sealed class FeeScheduleException : Exception
{
    public FeeScheduleException()
    {
    }

    public FeeScheduleException(string message)
        : base(message)
    {
    }

    public FeeScheduleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FeeScheduleException(string message, int lineNumber, Exception? innerException = null)
        : base(message, innerException) => LineNumber = lineNumber;

    /// <summary>1-based line of the CSV where the problem is.</summary>
    public int LineNumber { get; }
}

/// <summary>
/// Contracted rates used to find underpayments. CSV with the header <c>payer,procedure,modifier,allowed</c>: the payer
/// is matched by id or name (case-insensitive, <c>*</c> for any payer); a blank modifier applies to any modifier, and a
/// row naming a modifier the line carries wins over a blank one; <c>allowed</c> is the amount for one unit.
/// </summary>
public sealed class FeeSchedule
{
    private static readonly string[] Header = ["payer", "procedure", "modifier", "allowed"];
    private readonly Dictionary<string, List<FeeScheduleEntry>> _byProcedure;

    private FeeSchedule(List<FeeScheduleEntry> entries)
    {
        Entries = entries;
        _byProcedure = entries.GroupBy(e => e.Procedure, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The rows, in file order.</summary>
    public IReadOnlyList<FeeScheduleEntry> Entries { get; }

    /// <summary>Reads a fee-schedule file.</summary>
    /// <exception cref="FeeScheduleException">The CSV is malformed.</exception>
    public static FeeSchedule Load(string path)
    {
        using var text = File.OpenText(path);
        return Load(text);
    }

    /// <summary>Reads fee-schedule CSV text.</summary>
    /// <exception cref="FeeScheduleException">The CSV is malformed (the message and <see cref="FeeScheduleException.LineNumber"/> say where).</exception>
    public static FeeSchedule Load(TextReader csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var entries = new List<FeeScheduleEntry>();
        var seen = new Dictionary<(string, string, string), int>();
        var header = true;
        try
        {
            foreach (var (line, record) in CsvData.Records(csv))
            {
                if (header)
                {
                    header = false;
                    if (!record.Select(h => h.Trim().ToLowerInvariant()).SequenceEqual(Header, StringComparer.Ordinal))
                    {
                        throw new FeeScheduleException($"Line {line} of the fee schedule must be the header payer,procedure,modifier,allowed (found \"{string.Join(',', record)}\").", line);
                    }

                    continue;
                }

                if (record.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                if (record.Length != 4)
                {
                    throw new FeeScheduleException(string.Create(CultureInfo.InvariantCulture, $"Line {line} of the fee schedule has {record.Length} columns; it needs 4 (payer,procedure,modifier,allowed)."), line);
                }

                var (payer, procedure, modifier, allowedText) = (record[0].Trim(), record[1].Trim(), record[2].Trim(), record[3].Trim());
                if (payer.Length == 0 || procedure.Length == 0)
                {
                    throw new FeeScheduleException(string.Create(CultureInfo.InvariantCulture, $"Line {line} of the fee schedule needs a payer and a procedure code."), line);
                }

                if (!decimal.TryParse(allowedText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var allowed))
                {
                    throw new FeeScheduleException(string.Create(CultureInfo.InvariantCulture, $"Line {line} of the fee schedule has the allowed amount \"{allowedText}\", which is not an amount like 123.45."), line);
                }

                var key = (payer.ToUpperInvariant(), procedure.ToUpperInvariant(), modifier.ToUpperInvariant());
                if (seen.TryGetValue(key, out var first))
                {
                    throw new FeeScheduleException(string.Create(CultureInfo.InvariantCulture, $"Line {line} of the fee schedule repeats the rate of line {first} for {payer} {procedure}{(modifier.Length > 0 ? "-" + modifier : string.Empty)}."), line);
                }

                seen[key] = line;
                entries.Add(new FeeScheduleEntry(payer, procedure, modifier.Length == 0 ? null : modifier, allowed, line));
            }
        }
        catch (CsvFormatException ex)
        {
            var line = CsvData.LineOf(ex);
            throw new FeeScheduleException(string.Create(CultureInfo.InvariantCulture, $"Line {line} of the fee schedule cannot be read: {ex.Message.TrimEnd('.')}."), line, ex);
        }

        if (header)
        {
            throw new FeeScheduleException("The fee schedule is empty: it needs the header payer,procedure,modifier,allowed.", 1);
        }

        return new FeeSchedule(entries);
    }

    /// <summary>The contracted allowed amount per unit for a line, or null when the schedule has no rate for it.</summary>
    public FeeScheduleEntry? Find(string? payerId, string? payerName, string procedure, IReadOnlyList<string> modifiers)
    {
        ArgumentNullException.ThrowIfNull(procedure);
        ArgumentNullException.ThrowIfNull(modifiers);
        if (!_byProcedure.TryGetValue(procedure, out var rows))
        {
            return null;
        }

        FeeScheduleEntry? any = null;
        foreach (var row in rows)
        {
            var payerMatches = row.Payer == "*"
                || string.Equals(row.Payer, payerId, StringComparison.OrdinalIgnoreCase)
                || string.Equals(row.Payer, payerName, StringComparison.OrdinalIgnoreCase);
            if (!payerMatches)
            {
                continue;
            }

            if (row.Modifier is null)
            {
                // A rate for this payer wins over a "*" rate.
                if (any is null || (any.Payer == "*" && row.Payer != "*"))
                {
                    any = row;
                }
            }
            else if (modifiers.Contains(row.Modifier, StringComparer.OrdinalIgnoreCase))
            {
                return row;
            }
        }

        return any;
    }
}
