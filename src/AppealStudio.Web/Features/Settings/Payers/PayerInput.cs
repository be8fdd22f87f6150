using System.Globalization;
using AppealStudio.Data.Practice;

namespace AppealStudio.Web.Features.Settings.Payers;

/// <summary>
/// What the payer form posts. Day counts are bound as text, so a value that is not a number comes back to the form
/// as typed with a sentence saying what is wrong, instead of silently becoming empty.
/// </summary>
public sealed class PayerInput
{
    public string Name { get; set; } = "";

    public string? PayerIdentifier { get; set; }

    public string Type { get; set; } = "Commercial";

    /// <summary>One alias per line (a '|' also separates them, as in payers.csv).</summary>
    public string? Aliases { get; set; }

    public string? ReopeningDays { get; set; }

    public string? FirstLevelDays { get; set; }

    public string? SecondLevelDays { get; set; }

    public string? ExternalReviewDays { get; set; }

    public string? TimelyFilingDays { get; set; }

    public string? ReceiptPresumptionDays { get; set; } = "0";

    public string? Notes { get; set; }

    /// <summary>The row's UpdatedAt ticks when the form was opened (stale-edit check).</summary>
    public string? Stamp { get; set; }

    public static PayerInput From(PayerSetting p) => new()
    {
        Name = p.Name,
        PayerIdentifier = p.PayerIdentifier,
        Type = p.Type,
        Aliases = p.Aliases?.Replace("|", "\n", StringComparison.Ordinal),
        ReopeningDays = Text(p.ReopeningDays),
        FirstLevelDays = Text(p.FirstLevelDays),
        SecondLevelDays = Text(p.SecondLevelDays),
        ExternalReviewDays = Text(p.ExternalReviewDays),
        TimelyFilingDays = Text(p.TimelyFilingDays),
        ReceiptPresumptionDays = Text(p.ReceiptPresumptionDays),
        Notes = p.Notes,
        Stamp = p.UpdatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The draft for the service; fields whose text is not a whole number are reported and left empty.</summary>
    public PayerDraft ToDraft(List<FieldError> errors)
    {
        var reopening = Days(errors, nameof(ReopeningDays), "reopening", ReopeningDays);
        var first = Days(errors, nameof(FirstLevelDays), "first-level appeal", FirstLevelDays);
        var second = Days(errors, nameof(SecondLevelDays), "second-level appeal", SecondLevelDays);
        var external = Days(errors, nameof(ExternalReviewDays), "external review", ExternalReviewDays);
        var timely = Days(errors, nameof(TimelyFilingDays), "timely filing", TimelyFilingDays);
        var presumption = Days(errors, nameof(ReceiptPresumptionDays), "receipt presumption", ReceiptPresumptionDays);
        var aliases = (Aliases ?? "").Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        long? stamp = long.TryParse(Stamp, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
        return new PayerDraft(Name, PayerIdentifier, Type, aliases, reopening, first, second, external, timely, presumption ?? 0, Notes, stamp);
    }

    private static int? Days(List<FieldError> errors, string field, string what, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var days))
        {
            return days;
        }

        errors.Add(new FieldError(field, $"The {what} window must be a whole number of days, or empty when it is not known."));
        return null;
    }

    private static string? Text(int? days) => days?.ToString(CultureInfo.InvariantCulture);
}
