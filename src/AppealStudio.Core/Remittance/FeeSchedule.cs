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
public sealed record FeeScheduleEntry(string Payer, string Procedure, string? Modifier, decimal Allowed, int LineNumber)
{
    /// <summary>First date of service the rate applies to; null = always.</summary>
    public DateOnly? EffectiveFrom { get; init; }

    /// <summary>Last date of service the rate applies to; null = open-ended.</summary>
    public DateOnly? EffectiveTo { get; init; }

    /// <summary>The rate applies to a service on <paramref name="serviceDate"/> (an unknown date takes any period).</summary>
    public bool AppliesOn(DateOnly? serviceDate) =>
        serviceDate is not { } d || ((EffectiveFrom is null || EffectiveFrom <= d) && (EffectiveTo is null || d <= EffectiveTo));
}

/// <summary>A bad row of a payer's fee-schedule file.</summary>
public sealed record FeeScheduleError(int LineNumber, string Problem)
{
    public override string ToString() => $"line {LineNumber.ToString(CultureInfo.InvariantCulture)}: {Problem}";
}

/// <summary>What a line was paid against what its contract says, after the patient's share.</summary>
/// <param name="Contracted">The contracted allowed amount: the rate times the units.</param>
/// <param name="Expected">What the payer should have paid: the contracted amount less the patient's share, a prior
/// payer's payment (CARC 23) and sequestration (CARC 253).</param>
/// <param name="Paid">What it paid.</param>
public sealed record UnderpaymentAssessment(decimal Contracted, decimal Expected, decimal Paid)
{
    /// <summary>Expected minus paid.</summary>
    public decimal Shortfall => Expected - Paid;

    /// <summary>More than a cent short: an underpayment.</summary>
    public bool IsUnderpaid => Shortfall > 0.01m;
}

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
    /// <summary>The header of a payer's fee-schedule file (<c>appealstudio fees import FILE --payer PAYER</c>, Settings).</summary>
    public static readonly IReadOnlyList<string> PayerFileHeader = ["code", "modifier", "allowed", "effective_from", "effective_to"];

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

    /// <summary>A schedule of the given rows (the practice's stored schedules).</summary>
    public static FeeSchedule From(IEnumerable<FeeScheduleEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return new FeeSchedule(entries.ToList());
    }

    /// <summary>
    /// Reads one payer's fee-schedule file: header <c>code,modifier,allowed,effective_from,effective_to</c>, dates as
    /// YYYY-MM-DD (effective_to may be blank: open-ended). Every bad row is reported with its line number (the file is
    /// saved only when there is none): a missing or malformed code, a negative or over-precise amount, a bad or
    /// reversed date, and two rows of the same code and modifier whose periods overlap.
    /// </summary>
    public static (IReadOnlyList<FeeScheduleEntry> Entries, IReadOnlyList<FeeScheduleError> Errors) ReadPayerFile(TextReader csv, string payer)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(payer);
        var entries = new List<FeeScheduleEntry>();
        var errors = new List<FeeScheduleError>();
        var header = true;
        try
        {
            foreach (var (line, f) in CsvData.Records(csv))
            {
                if (header)
                {
                    header = false;
                    if (!f.Select(h => h.Trim().ToLowerInvariant()).SequenceEqual(PayerFileHeader, StringComparer.Ordinal))
                    {
                        errors.Add(new FeeScheduleError(line, $"the first line must be the header {string.Join(',', PayerFileHeader)} (found \"{string.Join(',', f)}\")"));
                        return ([], errors);
                    }

                    continue;
                }

                if (f.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                if (f.Length != 5)
                {
                    errors.Add(new FeeScheduleError(line, $"{f.Length.ToString(CultureInfo.InvariantCulture)} columns; it needs 5 ({string.Join(',', PayerFileHeader)})"));
                    continue;
                }

                var problems = new List<string>();
                var code = f[0].Trim().ToUpperInvariant();
                var modifier = f[1].Trim().ToUpperInvariant();
                if (code.Length is < 4 or > 7 || !code.All(char.IsAsciiLetterOrDigit))
                {
                    problems.Add($"the code \"{f[0].Trim()}\" is not a CPT/HCPCS code");
                }

                if (modifier.Length > 0 && (modifier.Length != 2 || !modifier.All(char.IsAsciiLetterOrDigit)))
                {
                    problems.Add($"the modifier \"{f[1].Trim()}\" is not a two-character modifier");
                }

                if (!decimal.TryParse(f[2].Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var allowed) || decimal.Round(allowed, 2) != allowed)
                {
                    problems.Add($"the allowed amount \"{f[2].Trim()}\" is not an amount like 123.45");
                }

                var from = Date(f[3], "effective_from", problems, required: true);
                var to = Date(f[4], "effective_to", problems, required: false);
                if (from is { } a && to is { } b && b < a)
                {
                    problems.Add($"effective_to {Invariant.Date(b)} is before effective_from {Invariant.Date(a)}");
                }

                if (problems.Count > 0)
                {
                    errors.Add(new FeeScheduleError(line, string.Join("; ", problems)));
                    continue;
                }

                var entry = new FeeScheduleEntry(payer, code, modifier.Length == 0 ? null : modifier, allowed, line) { EffectiveFrom = from, EffectiveTo = to };
                if (entries.FirstOrDefault(e => e.Procedure == code && e.Modifier == entry.Modifier && Overlap(e, entry)) is { } clash)
                {
                    errors.Add(new FeeScheduleError(line, $"{code}{(entry.Modifier is null ? "" : "-" + entry.Modifier)} overlaps the period of line {clash.LineNumber.ToString(CultureInfo.InvariantCulture)}"));
                    continue;
                }

                entries.Add(entry);
            }
        }
        catch (CsvFormatException ex)
        {
            errors.Add(new FeeScheduleError(CsvData.LineOf(ex), "the row cannot be read: " + ex.Message.TrimEnd('.')));
        }

        if (header)
        {
            errors.Add(new FeeScheduleError(1, $"the file is empty; it needs the header {string.Join(',', PayerFileHeader)}"));
        }
        else if (entries.Count == 0 && errors.Count == 0)
        {
            errors.Add(new FeeScheduleError(2, "the file has a header but no rates"));
        }

        return (entries, errors);
    }

    /// <summary>
    /// A line against its rate: the payer should have paid the rate times the units, less the patient's share (group
    /// PR), what a prior payer paid (CARC 23) and sequestration (CARC 253), which are not the payer's shortfall.
    /// </summary>
    public static UnderpaymentAssessment Assess(FeeScheduleEntry rate, decimal? units, decimal paid, IEnumerable<(string Group, string Reason, decimal Amount)> adjustments)
    {
        ArgumentNullException.ThrowIfNull(rate);
        ArgumentNullException.ThrowIfNull(adjustments);
        var contracted = rate.Allowed * (units is > 0m ? units.Value : 1m);
        var notThePayers = adjustments.Where(a => a.Group == "PR" || a.Reason is "23" or "253").Sum(a => a.Amount);
        return new UnderpaymentAssessment(contracted, contracted - notThePayers, paid);
    }

    private static bool Overlap(FeeScheduleEntry a, FeeScheduleEntry b) =>
        (a.EffectiveFrom ?? DateOnly.MinValue) <= (b.EffectiveTo ?? DateOnly.MaxValue) && (b.EffectiveFrom ?? DateOnly.MinValue) <= (a.EffectiveTo ?? DateOnly.MaxValue);

    private static DateOnly? Date(string text, string column, List<string> problems, bool required)
    {
        var t = text.Trim();
        if (t.Length == 0)
        {
            if (required)
            {
                problems.Add($"{column} is missing");
            }

            return null;
        }

        if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }

        problems.Add($"{column} \"{t}\" is not a date like 2026-01-31");
        return null;
    }

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
    public FeeScheduleEntry? Find(string? payerId, string? payerName, string procedure, IReadOnlyList<string> modifiers) =>
        Find(payerId, payerName, procedure, modifiers, null);

    /// <summary>The rate in force on <paramref name="serviceDate"/> for a line (rows with other periods are ignored).</summary>
    public FeeScheduleEntry? Find(string? payerId, string? payerName, string procedure, IReadOnlyList<string> modifiers, DateOnly? serviceDate)
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
            if (!row.AppliesOn(serviceDate))
            {
                continue;
            }

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
