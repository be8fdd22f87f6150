using AppealStudio.Data.Lifecycle;

namespace AppealStudio.Web.Features.Settings.AppealLevels;

/// <summary>The level-row dialog's fields (dates as the date picker binds them).</summary>
public sealed class AppealLevelForm
{
    public string PayerType { get; set; } = "medicare";

    public string? Payer { get; set; }

    public string Level { get; set; } = "second-level";

    public int? WindowDays { get; set; }

    public int? ReceiptPresumptionDays { get; set; }

    public decimal? AmountInControversy { get; set; }

    public DateTime? EffectiveFrom { get; set; }

    public DateTime? EffectiveTo { get; set; }

    public string Source { get; set; } = "";

    public static AppealLevelForm From(AppealLevelRuleRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new AppealLevelForm
        {
            PayerType = row.PayerType, Payer = row.Payer, Level = row.Level, WindowDays = row.WindowDays, ReceiptPresumptionDays = row.ReceiptPresumptionDays,
            AmountInControversy = row.AmountInControversy, EffectiveFrom = row.EffectiveFrom?.ToDateTime(TimeOnly.MinValue),
            EffectiveTo = row.EffectiveTo?.ToDateTime(TimeOnly.MinValue), Source = row.Source,
        };
    }

    public AppealLevelRuleInput ToInput() => new(PayerType, Payer, Level, WindowDays, ReceiptPresumptionDays, AmountInControversy,
        EffectiveFrom is { } f ? DateOnly.FromDateTime(f) : null, EffectiveTo is { } t ? DateOnly.FromDateTime(t) : null, Source);
}
