using System.Globalization;
using AppealStudio.Core;
using AppealStudio.Core.Analytics;

namespace AppealStudio.Data.Reports;

/// <summary>How a column's cells are compared, shown and exported.</summary>
public enum ColumnKind
{
    /// <summary>string.</summary>
    Text,

    /// <summary>int.</summary>
    Count,

    /// <summary>decimal dollars.</summary>
    Money,

    /// <summary>decimal? fraction (0.25 = 25%); blank when undefined.</summary>
    Percent,

    /// <summary>double? average days.</summary>
    Days,

    /// <summary><see cref="ProportionInterval"/>: shown as "lower–upper%", exported as two columns.</summary>
    Interval,

    /// <summary>bool, shown as a badge when true.</summary>
    Flag,

    /// <summary>DateOnly, the first day of a month: shown "Mar 2026", exported "2026-03", sorted by date.</summary>
    Month,
}

public sealed record ReportColumn(string Key, string Header, ColumnKind Kind, string? Help = null);

/// <summary>
/// One report table as the page and the CSV export see it: typed cells per column kind, one sort and one format for
/// both, so that what a manager sorts on the page is what the export contains.
/// </summary>
public sealed class ReportTable
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required IReadOnlyList<ReportColumn> Columns { get; init; }

    public required IReadOnlyList<object?[]> Rows { get; init; }

    /// <summary>What the rows mean (definitions, exclusions), shown under the table.</summary>
    public string? Note { get; init; }

    /// <summary>The column key the rows are in when no sort is asked for (the rows' own order when null).</summary>
    public string? DefaultSort { get; init; }

    public bool DefaultDescending { get; init; } = true;

    /// <summary>Cells of a <see cref="ColumnKind.Flag"/> column named here are shown with this label when true.</summary>
    public string FlagLabel { get; init; } = "yes";

    /// <summary>Rows the page shows (all rows go to CSV).</summary>
    public int? PageLimit { get; init; }

    public bool HasColumn(string key) => Columns.Any(c => c.Key == key);

    /// <summary>The rows ordered by a column; unknown columns leave the order as it is. Ties keep their order.</summary>
    public IReadOnlyList<object?[]> SortedRows(string? column, bool descending)
    {
        var index = Columns.ToList().FindIndex(c => c.Key == column);
        if (index < 0)
        {
            return Rows;
        }

        var kind = Columns[index].Kind;
        var sorted = Rows.Select((row, position) => (row, position)).ToList();
        sorted.Sort((a, b) =>
        {
            var (x, y) = (Key(kind, a.row[index]), Key(kind, b.row[index]));

            // Blank values (no rate, no average) sort last whichever the direction, as a reader expects.
            var ordered = (x, y) switch
            {
                (null, null) => 0,
                (null, _) => 1,
                (_, null) => -1,
                _ => descending ? -Compare(kind, x, y) : Compare(kind, x, y),
            };
            return ordered != 0 ? ordered : a.position.CompareTo(b.position);
        });
        return sorted.Select(x => x.row).ToList();
    }

    private static object? Key(ColumnKind kind, object? value) => value switch
    {
        ProportionInterval { Trials: 0 } => null,
        string { Length: 0 } when kind == ColumnKind.Text => null,
        _ => value,
    };

    private static int Compare(ColumnKind kind, object a, object b) => kind switch
    {
        ColumnKind.Text => string.Compare(a as string, b as string, StringComparison.OrdinalIgnoreCase),
        ColumnKind.Interval => ((ProportionInterval)a).Lower.CompareTo(((ProportionInterval)b).Lower),
        _ => ((IComparable)a).CompareTo(b),
    };

    /// <summary>A cell as the page shows it: money as $1,234.56, rates with one decimal, a dash for nothing.</summary>
    public static string Format(ColumnKind kind, object? value) => value switch
    {
        null => Core.Display.Nothing,
        string s => s.Length == 0 ? Core.Display.Nothing : s,
        int i => Core.Display.Number(i),
        decimal m when kind == ColumnKind.Money => Core.Display.Money(m),
        decimal p when kind == ColumnKind.Percent => Rate(p),
        double d when kind == ColumnKind.Days => d.ToString("F1", CultureInfo.InvariantCulture),
        DateOnly month when kind == ColumnKind.Month => month.ToString("MMM yyyy", CultureInfo.InvariantCulture),
        ProportionInterval ci => ci.Trials == 0 ? Core.Display.Nothing : Interval(ci),
        bool b => b ? "yes" : "",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A rate with one decimal ("66.7%"): intervals of small samples are wide, whole percents would hide that.</summary>
    public static string Rate(decimal fraction) => (fraction * 100m).ToString("F1", CultureInfo.InvariantCulture) + "%";

    public static string Rate(double fraction) => Rate((decimal)fraction);

    /// <summary>"39.1–86.2%": the 95% interval of a rate.</summary>
    public static string Interval(ProportionInterval ci)
    {
        ArgumentNullException.ThrowIfNull(ci);
        return $"{(ci.Lower * 100).ToString("F1", CultureInfo.InvariantCulture)}–{(ci.Upper * 100).ToString("F1", CultureInfo.InvariantCulture)}%";
    }

    /// <summary>
    /// RFC 4180 CSV through <see cref="SpreadsheetCsv"/> (formula-looking text is neutralised there). Numbers are plain
    /// invariant numbers (dollars with two decimals, rates as percentages with two decimals); the interval becomes two
    /// columns.
    /// </summary>
    public string ToCsv(string? sort, bool descending)
    {
        var header = new List<string>();
        foreach (var column in Columns)
        {
            switch (column.Kind)
            {
                case ColumnKind.Interval:
                    header.Add(column.Header + " low (%)");
                    header.Add(column.Header + " high (%)");
                    break;
                case ColumnKind.Percent:
                    header.Add(column.Header + " (%)");
                    break;
                default:
                    header.Add(column.Header);
                    break;
            }
        }

        var rows = SortedRows(sort, descending).Select(row =>
        {
            var cells = new List<CsvCell>(Columns.Count + 1);
            for (var i = 0; i < Columns.Count; i++)
            {
                var value = row[i];
                if (Columns[i].Kind == ColumnKind.Interval)
                {
                    var ci = (ProportionInterval?)value;
                    cells.Add(CsvCell.Number(ci is { Trials: > 0 } ? (decimal)(ci.Lower * 100) : null, "F2"));
                    cells.Add(CsvCell.Number(ci is { Trials: > 0 } ? (decimal)(ci.Upper * 100) : null, "F2"));
                }
                else
                {
                    cells.Add(CsvValue(Columns[i].Kind, value));
                }
            }

            return (IReadOnlyList<CsvCell>)cells;
        });
        return SpreadsheetCsv.ToText(header, rows);
    }

    private static CsvCell CsvValue(ColumnKind kind, object? value) => value switch
    {
        null => CsvCell.Text(null),
        string s => CsvCell.Text(s),
        int i => CsvCell.Number(i),
        decimal p when kind == ColumnKind.Percent => CsvCell.Number(p * 100m, "F2"),
        decimal m => CsvCell.Number(m, "F2"),
        double d => double.IsFinite(d) ? CsvCell.Number((decimal)d, "F2") : CsvCell.Text(null),
        DateOnly month when kind == ColumnKind.Month => CsvCell.Text(month.ToString("yyyy-MM", CultureInfo.InvariantCulture)),
        bool b => CsvCell.Text(b ? "yes" : "no"),
        IFormattable f => CsvCell.Text(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => CsvCell.Text(value.ToString()),
    };
}
