using System.Globalization;

namespace AppealStudio.Web.Features.Denials;

/// <summary>How denial facts read on screen: money, dates, days left and vocabulary codes, culture-proof.</summary>
public static class DenialText
{
    public static string Money(decimal amount) =>
        (amount < 0 ? "-$" : "$") + Math.Abs(amount).ToString("#,0.00", CultureInfo.InvariantCulture);

    public static string Money(decimal? amount) => amount is { } a ? Money(a) : "—";

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    public static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    public static string Percent(decimal probability) =>
        (probability * 100m).ToString("0", CultureInfo.InvariantCulture) + "%";

    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>"medical-necessity" reads "Medical necessity"; "modifier-59" reads "Modifier 59".</summary>
    public static string Label(string? code) =>
        string.IsNullOrWhiteSpace(code) ? "—"
        : char.ToUpperInvariant(code[0]) + code[1..].Replace('-', ' ');

    public static int? DaysLeft(DateOnly? deadline, DateOnly today) => deadline is { } d ? d.DayNumber - today.DayNumber : null;

    /// <summary>"12 days left", "due today", "3 days past"; "no deadline" when none is known.</summary>
    public static string DaysLeftText(DateOnly? deadline, DateOnly today) => DaysLeft(deadline, today) switch
    {
        null => "no deadline",
        0 => "due today",
        1 => "1 day left",
        -1 => "1 day past",
        < 0 and var n => $"{-n} days past",
        var n => $"{n} days left",
    };

    /// <summary>Red when past due or within a week, amber within two weeks.</summary>
    public static string DeadlineClass(DateOnly? deadline, DateOnly today) => DaysLeft(deadline, today) switch
    {
        null => "text-muted",
        <= 7 => "text-danger fw-semibold deadline-urgent",
        <= 14 => "text-warning-emphasis fw-semibold deadline-soon",
        _ => "deadline-normal",
    };

    public static string StatusBadge(AppealStudio.Data.Denials.DenialStatus status) => status switch
    {
        AppealStudio.Data.Denials.DenialStatus.New => "text-bg-primary",
        AppealStudio.Data.Denials.DenialStatus.InProgress => "text-bg-info",
        AppealStudio.Data.Denials.DenialStatus.AwaitingSignOff => "text-bg-warning",
        AppealStudio.Data.Denials.DenialStatus.Ready => "text-bg-success",
        AppealStudio.Data.Denials.DenialStatus.Submitted => "text-bg-secondary",
        AppealStudio.Data.Denials.DenialStatus.Decided => "text-bg-dark",
        AppealStudio.Data.Denials.DenialStatus.WrittenOff => "text-bg-light border",
    };
}
