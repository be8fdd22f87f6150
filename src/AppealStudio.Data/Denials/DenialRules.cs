using AppealStudio.Core.Denials;
using AppealStudio.Data.Practice;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace AppealStudio.Data.Denials;

/// <summary>
/// Builds the <see cref="DenialAssessor"/> the practice works with: the shipped classification table plus the
/// Admin's overrides, the payer windows from Settings, the configurable default for unknown payers, and this
/// practice's recorded outcomes by payer and root cause for the overturn probability.
/// </summary>
public sealed class DenialRules(AppDbContext db, IConfiguration configuration)
{
    public async Task<DenialAssessor> BuildAssessorAsync(CancellationToken cancellationToken = default)
    {
        var overrides = await db.ClassificationOverrides.AsNoTracking().ToListAsync(cancellationToken);
        var table = overrides.Count == 0
            ? ClassificationTable.Default
            : ClassificationTable.Default.WithOverrides(overrides.Select(ToRule));

        var payers = await PayersAsync(cancellationToken);

        var outcomes = await OutcomeStatsAsync(payers, cancellationToken);
        return new DenialAssessor(new DenialClassifier(table), ScenarioDetector.Default, payers, new PriorityCalculator(),
            (payer, rootCause) => outcomes.TryGetValue((payer, rootCause.ToCode()), out var stats) ? stats : OutcomeStats.None);
    }

    /// <summary>
    /// The payer windows from Settings (or the shipped defaults) with the configured unknown-payer rule: the part of
    /// the assessor that reads no history, for callers that need only the payers (the worklist's warning badges:
    /// the outcome history behind the probabilities reads every decided appeal, seconds at a million denials).
    /// </summary>
    public async Task<PayerDirectory> PayersAsync(CancellationToken cancellationToken = default)
    {
        var payerRows = await db.PayerSettings.AsNoTracking().ToListAsync(cancellationToken);
        return payerRows.Count == 0
            ? new PayerDirectory(PayerDirectory.Default.Rules, UnknownPayerRule())
            : new PayerDirectory(payerRows.Select(ToRule), UnknownPayerRule());
    }

    /// <summary>The default for payers not in Settings: configurable, and shown with a flag wherever it is used.</summary>
    public PayerRule UnknownPayerRule()
    {
        var rule = PayerDirectory.UnknownPayerRule;
        return rule with
        {
            FirstLevelDays = configuration.GetValue("Denials:UnknownPayer:AppealDays", rule.FirstLevelDays),
            TimelyFilingDays = configuration.GetValue("Denials:UnknownPayer:TimelyFilingDays", rule.TimelyFilingDays),
        };
    }

    /// <summary>
    /// Decided appeals by payer and root cause: overturned (fully or partly) is a win, upheld a loss. Payers are
    /// keyed as the assessor looks them up (<see cref="DenialAssessor.OutcomeKey"/>): by their rule in Settings, so
    /// "MEDICARE PART B" and "CMS MEDICARE" on different 835s count as one payer's history.
    /// </summary>
    private async Task<Dictionary<(string Payer, string RootCause), OutcomeStats>> OutcomeStatsAsync(PayerDirectory payers, CancellationToken cancellationToken)
    {
        var rows = await db.Appeals.AsNoTracking()
            .Where(a => a.Decision != null && a.Decision != AppealDecisions.NoResponse)
            .GroupBy(a => new { a.Denial.PayerName, a.Denial.PayerIdentifier, a.Denial.RootCause, Win = a.Decision != AppealDecisions.Upheld })
            .Select(g => new { g.Key.PayerName, g.Key.PayerIdentifier, g.Key.RootCause, g.Key.Win, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => (DenialAssessor.OutcomeKey(payers.Resolve(r.PayerIdentifier, r.PayerName), r.PayerName), r.RootCause))
            .ToDictionary(g => g.Key, g => new OutcomeStats(g.Where(r => r.Win).Sum(r => r.Count), g.Where(r => !r.Win).Sum(r => r.Count)));
    }

    public static ClassificationRule ToRule(ClassificationOverride o) => new(
        string.IsNullOrWhiteSpace(o.GroupCode) ? ClassificationRule.AnyGroup : o.GroupCode.Trim(),
        o.ReasonCode.Trim(),
        string.IsNullOrWhiteSpace(o.RemarkCode) ? null : o.RemarkCode.Trim(),
        string.IsNullOrWhiteSpace(o.Modifiers) ? [] : o.Modifiers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        VocabularyCodes.Parse<Severity>(o.Severity),
        VocabularyCodes.Parse<RecommendedAction>(o.Action),
        VocabularyCodes.Parse<DenialCategory>(o.Category),
        VocabularyCodes.Parse<RootCause>(o.RootCause),
        VocabularyCodes.Parse<Owner>(o.Owner),
        o.Explanation)
    {
        Liability = string.IsNullOrWhiteSpace(o.Liability) ? null : VocabularyCodes.Parse<Liability>(o.Liability),
    };

    public static PayerRule ToRule(PayerSetting p) => new(
        p.Name,
        string.IsNullOrWhiteSpace(p.PayerIdentifier) ? null : p.PayerIdentifier.Trim(),
        Enum.Parse<PayerType>(p.Type, ignoreCase: true),
        p.ReopeningDays,
        p.FirstLevelDays,
        p.SecondLevelDays,
        p.ExternalReviewDays,
        p.TimelyFilingDays,
        p.ReceiptPresumptionDays,
        VerifyWithContract: false,
        p.Notes ?? "")
    {
        Aliases = string.IsNullOrWhiteSpace(p.Aliases) ? [] : p.Aliases.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
    };

    public static PayerSetting ToSetting(PayerRule r, DateTimeOffset now) => new()
    {
        Name = r.Name,
        PayerIdentifier = r.PayerId,
        Type = r.Type.ToString(),
        Aliases = r.Aliases.Count == 0 ? null : string.Join('|', r.Aliases),
        ReopeningDays = r.ReopeningDays,
        FirstLevelDays = r.FirstLevelDays,
        SecondLevelDays = r.SecondLevelDays,
        ExternalReviewDays = r.ExternalReviewDays,
        TimelyFilingDays = r.TimelyFilingDays,
        ReceiptPresumptionDays = r.ReceiptPresumptionDays,
        Notes = r.VerifyWithContract ? "Verify with your contract. " + r.Notes : r.Notes,
        UpdatedAt = now,
        UpdatedBy = "shipped defaults",
    };
}

/// <summary>The decisions a payer can return on an appeal, as stored in <c>Appeal.Decision</c>.</summary>
public static class AppealDecisions
{
    public const string Overturned = "overturned";
    public const string PartiallyOverturned = "partially-overturned";
    public const string Upheld = "upheld";
    public const string NoResponse = "no-response";

    public static readonly IReadOnlyList<string> All = [Overturned, PartiallyOverturned, Upheld, NoResponse];

    /// <summary>A partial overturn recovers money too: reports and the priority model count it as a win.</summary>
    public static bool IsWin(string? decision) => decision is Overturned or PartiallyOverturned;
}
