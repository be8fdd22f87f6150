namespace AppealStudio.Core.Denials;

/// <summary>One row of the appeal-level table: a level of one payer program (or one payer) during a period.</summary>
/// <param name="PayerType">The program the row applies to.</param>
/// <param name="Payer">The payer's name as in the payer settings; null for every payer of <paramref name="PayerType"/>.</param>
/// <param name="Level">The level.</param>
/// <param name="WindowDays">Calendar days to file; null = the payer's window for that level in its settings.</param>
/// <param name="ReceiptPresumptionDays">Days added before the window starts; null = the payer's presumption.</param>
/// <param name="AmountInControversy">The amount still in dispute must reach this for the level to be open; null = no threshold.</param>
/// <param name="EffectiveFrom">First clock-start date the row applies to; null = always.</param>
/// <param name="EffectiveTo">Last clock-start date the row applies to; null = open-ended.</param>
/// <param name="Source">Where the numbers come from, shown with every deadline computed from the row.</param>
public sealed record AppealLevelRule(
    PayerType PayerType,
    string? Payer,
    AppealLevel Level,
    int? WindowDays,
    int? ReceiptPresumptionDays,
    decimal? AmountInControversy,
    DateOnly? EffectiveFrom,
    DateOnly? EffectiveTo,
    string Source)
{
    public bool AppliesOn(DateOnly date) => (EffectiveFrom is null || EffectiveFrom <= date) && (EffectiveTo is null || date <= EffectiveTo);

    internal void Validate()
    {
        if (Level == AppealLevel.Reopening)
        {
            throw new ArgumentException("A reopening is not an appeal level; its window lives in the payer settings.");
        }

        if (WindowDays is <= 0 || ReceiptPresumptionDays is < 0 || AmountInControversy is < 0m)
        {
            throw new ArgumentException("Windows must be positive; the receipt presumption and the amount in controversy not negative.");
        }

        if (EffectiveFrom is { } from && EffectiveTo is { } to && to < from)
        {
            throw new ArgumentException($"effective_to {Invariant.Date(to)} is before effective_from {Invariant.Date(from)}.");
        }
    }
}

/// <summary>What the table says about one level for one payer at one date.</summary>
/// <param name="Level">The level.</param>
/// <param name="WindowDays">Days to file; null when neither the table nor the payer settings know it.</param>
/// <param name="ReceiptPresumptionDays">Days from the notice or decision date to its presumed receipt.</param>
/// <param name="AmountInControversy">The threshold, if any.</param>
/// <param name="Source">Where the numbers come from.</param>
/// <param name="FromSettings">The window came from the payer settings, not from a table row.</param>
public sealed record LevelTerms(
    AppealLevel Level,
    int? WindowDays,
    int ReceiptPresumptionDays,
    decimal? AmountInControversy,
    string Source,
    bool FromSettings);

/// <summary>
/// The appeal levels as data (REFERENCE §6): which levels a payer program has, in order, and for each level the window,
/// the receipt presumption and the amount-in-controversy threshold in force on the date its clock starts. Windows a
/// row leaves blank come from the payer settings, so the first three levels have one source of truth (Settings &gt;
/// Payers) and the table adds what those settings cannot say (the last two Medicare levels, thresholds by year).
/// </summary>
public sealed class AppealLevelTable
{
    public const string DefaultResourceName = "appeal-levels.csv";

    public static readonly IReadOnlyList<string> Columns =
    [
        "payer_type", "payer", "level", "window_days", "receipt_presumption_days", "amount_in_controversy",
        "effective_from", "effective_to", "source",
    ];

    /// <summary>The levels a payer without rows has: those of its settings that are set.</summary>
    private static readonly AppealLevel[] SettingsLevels = [AppealLevel.FirstLevel, AppealLevel.SecondLevel, AppealLevel.ExternalReview];

    private static readonly Lazy<AppealLevelTable> DefaultTable =
        new(() => FromCsv(CsvData.ReadEmbedded(DefaultResourceName), DefaultResourceName));

    public AppealLevelTable(IEnumerable<AppealLevelRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules.Select(r => r with { Payer = string.IsNullOrWhiteSpace(r.Payer) ? null : r.Payer.Trim() }).ToArray();
        foreach (var rule in Rules)
        {
            rule.Validate();
        }
    }

    /// <summary>The table shipped with AppealStudio.</summary>
    public static AppealLevelTable Default => DefaultTable.Value;

    public IReadOnlyList<AppealLevelRule> Rules { get; }

    /// <summary>These rows followed by <paramref name="more"/> (a practice's rows after the shipped ones).</summary>
    public AppealLevelTable With(IEnumerable<AppealLevelRule> more) => new([.. Rules, .. more]);

    /// <exception cref="DataFileException">A row is malformed; the message names the line.</exception>
    public static AppealLevelTable FromCsv(string csvText, string sourceName = DefaultResourceName)
    {
        var rules = new List<AppealLevelRule>();
        foreach (var row in CsvData.Read(csvText, sourceName, Columns))
        {
            var rule = new AppealLevelRule(
                row.Code<PayerType>("payer_type"),
                row.Optional("payer"),
                row.Code<AppealLevel>("level"),
                row.OptionalInt("window_days"),
                row.OptionalInt("receipt_presumption_days"),
                row.OptionalDecimal("amount_in_controversy"),
                row.OptionalDate("effective_from"),
                row.OptionalDate("effective_to"),
                row.Required("source"));
            try
            {
                rule.Validate();
            }
            catch (ArgumentException ex)
            {
                throw row.Error(ex.Message);
            }

            rules.Add(rule);
        }

        return new AppealLevelTable(rules);
    }

    /// <summary>The levels <paramref name="payer"/> has, in order (the first-level appeal first).</summary>
    public IReadOnlyList<AppealLevel> LevelsFor(PayerRule payer)
    {
        ArgumentNullException.ThrowIfNull(payer);
        var rows = RowsFor(payer);
        if (rows.Count > 0)
        {
            return rows.Select(r => r.Level).Distinct().Order().ToArray();
        }

        return SettingsLevels.Where(l => payer.WindowDays(l) is not null).ToArray();
    }

    /// <summary>
    /// The terms of <paramref name="level"/> for <paramref name="payer"/> when its clock starts on
    /// <paramref name="clockStart"/>: the row in force then (else the nearest row in time, said in the source), its
    /// blanks filled from the payer settings.
    /// </summary>
    public LevelTerms TermsFor(PayerRule payer, AppealLevel level, DateOnly clockStart)
    {
        ArgumentNullException.ThrowIfNull(payer);
        var candidates = RowsFor(payer).Where(r => r.Level == level).ToList();
        var settingsSource = $"{payer.Name} settings ({payer.LevelName(level)})";
        if (candidates.Count == 0)
        {
            return new LevelTerms(level, payer.WindowDays(level), payer.ReceiptPresumptionDays, null, settingsSource, true);
        }

        var row = candidates.LastOrDefault(r => r.AppliesOn(clockStart));
        var note = "";
        if (row is null)
        {
            // No row covers the date: the closest one in time, said so, rather than no threshold at all.
            row = candidates.Where(r => r.EffectiveFrom is { } f && f > clockStart).OrderBy(r => r.EffectiveFrom).FirstOrDefault()
                  ?? candidates.OrderByDescending(r => r.EffectiveTo ?? DateOnly.MaxValue).First();
            note = $" (no row of the level table covers {Invariant.Date(clockStart)}; the closest in time was used)";
        }

        var window = row.WindowDays ?? payer.WindowDays(level);
        var source = row.WindowDays is null && window is not null ? $"{row.Source}; window from {settingsSource}" : row.Source;
        return new LevelTerms(level, window, row.ReceiptPresumptionDays ?? payer.ReceiptPresumptionDays, row.AmountInControversy,
            source + note, row.WindowDays is null);
    }

    /// <summary>Rows for this payer by name when it has any, else the rows of its program; none for the default rule.</summary>
    private List<AppealLevelRule> RowsFor(PayerRule payer)
    {
        if (payer.IsDefaultRule)
        {
            // An unknown payer is not known to be of any program: its ladder is its (flagged) default windows.
            return [];
        }

        var own = Rules.Where(r => r.Payer is not null && string.Equals(r.Payer, payer.Name, StringComparison.OrdinalIgnoreCase)).ToList();
        return own.Count > 0 ? own : Rules.Where(r => r.Payer is null && r.PayerType == payer.Type).ToList();
    }
}
