using System.Globalization;

namespace AppealStudio.Core.Denials;

/// <summary>A reason not to spend an appeal on a denial, with the rule it rests on and where that rule comes from.</summary>
/// <param name="Code">A stable code (acknowledgments and scripts refer to it): see <see cref="ViabilityChecker"/>.</param>
/// <param name="Message">What the specialist reads: what is wrong and what the honest path is.</param>
/// <param name="Rule">The rule in a few words.</param>
/// <param name="Source">The source or file version the rule comes from.</param>
public sealed record ViabilityWarning(string Code, string Message, string Rule, string Source);

/// <summary>What the checker needs to know about a denial beyond its facts.</summary>
/// <param name="Facts">The denial (with the claim's other lines in <see cref="DenialFacts.OtherLines"/>).</param>
/// <param name="Payer">The payer's rule (its type decides the Medicare checks).</param>
/// <param name="Scenario">The stored specialty scenario, if any.</param>
/// <param name="Deadline">The denial's current deadline.</param>
/// <param name="Today">The date the check is made for.</param>
public sealed record ViabilityInput(DenialFacts Facts, PayerRule Payer, Scenario? Scenario, DateOnly? Deadline, DateOnly Today);

/// <summary>
/// Warns before an appeal is wasted (issue 13): the modifier judgement and the NCCI pairs (<see cref="ModifierJudgement"/>,
/// the one implementation), column-1 inclusions, the billed modifier's class, physical-status units the payer does not
/// pay, no appeal rights, Medicare timely filing and a passed deadline. Each warning cites its rule and source.
/// </summary>
/// <remarks>
/// Codes: <c>ncci-indicator-0</c>, <c>column1-inclusion</c>, <c>modifier-class</c>, <c>p-status-units</c>,
/// <c>no-appeal-rights</c>, <c>medicare-timely-filing</c>, <c>deadline-passed</c>.
/// </remarks>
public sealed class ViabilityChecker(ModifierJudgement judgement, ColumnOneInclusions inclusions, PhysicalStatusUnits units)
{
    public const string NcciIndicatorZero = "ncci-indicator-0";
    public const string ColumnOneInclusion = "column1-inclusion";
    public const string ModifierClass = "modifier-class";
    public const string PhysicalStatusUnitsCode = "p-status-units";
    public const string NoAppealRights = "no-appeal-rights";
    public const string MedicareTimelyFiling = "medicare-timely-filing";
    public const string DeadlinePassed = "deadline-passed";

    public static readonly IReadOnlyList<string> Codes =
        [NcciIndicatorZero, ColumnOneInclusion, ModifierClass, PhysicalStatusUnitsCode, NoAppealRights, MedicareTimelyFiling, DeadlinePassed];

    private static readonly Lazy<ViabilityChecker> DefaultChecker =
        new(() => new(ModifierJudgement.Default, ColumnOneInclusions.Default, PhysicalStatusUnits.Default));

    /// <summary>Over the shipped tables (the NCCI sample, the shipped inclusions and unit tables).</summary>
    public static ViabilityChecker Default => DefaultChecker.Value;

    public IReadOnlyList<ViabilityWarning> Check(ViabilityInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var facts = input.Facts;
        var warnings = new List<ViabilityWarning>();
        var line = ClaimLine.Of(facts);
        var others = facts.OtherLinesOrCodes;
        var edit = ModifierJudgement.EditFor(facts.ReasonCode, facts.RemarkCodes);
        if (line.Code.Length > 0)
        {
            if (edit == BundlingEdit.ProcedureToProcedure)
            {
                var verdict = judgement.Judge(line, others, edit.Value);
                if (verdict.Pair is { ModifierIndicator: 0 } pair)
                {
                    warnings.Add(new ViabilityWarning(NcciIndicatorZero,
                        $"The NCCI edit {pair.Column1}/{pair.Column2} has modifier indicator 0: no modifier lets {pair.Column2} be paid with {pair.Column1}. " +
                        "A corrected claim (if the coding was wrong) or a write-off is the honest path; resubmitting with a modifier the edit does not allow can be a false claim.",
                        "NCCI PTP modifier indicator 0: never bypassable", verdict.Source));
                }
            }

            if (edit is not null && inclusions.Find(line, others) is { } included)
            {
                warnings.Add(new ViabilityWarning(ColumnOneInclusion,
                    $"{included.Rule.Note} The claim has {Describe(included.ColumnOneLine)} on the same date{(included.Rule.SameSide ? " and side" : "")}: " +
                    "the bundling is correct coding, so an appeal defending a modifier cannot win; write it off, or correct the claim if the service was really elsewhere.",
                    $"{included.ColumnOneLine.Code} includes {line.Code} by definition", included.Rule.Source));
            }

            foreach (var modifier in line.NormalizedModifiers.Where(m => ModifierJudgement.DistinctProcedureModifiers.Contains(m) || m == "25"))
            {
                var (fits, why, source) = ModifierJudgement.Fits(modifier, line.Code);
                if (!fits)
                {
                    warnings.Add(new ViabilityWarning(ModifierClass,
                        $"{why} The billed modifier is the error: send a corrected claim with the right modifier when the record supports it, not an appeal defending this one.",
                        $"Modifier {modifier} does not belong on {line.Code}", source));
                    break;
                }
            }

            if (PhysicalStatusWarning(input, line) is { } physical)
            {
                warnings.Add(physical);
            }
        }

        var remarks = facts.RemarkCodes.Select(ProcedureCodes.Normalize).ToHashSet(StringComparer.Ordinal);
        if (remarks.Contains("MA130"))
        {
            warnings.Add(new ViabilityWarning(NoAppealRights,
                "Remark MA130: the claim was unprocessable and has no appeal rights. Submit a new, corrected claim instead of an appeal.",
                "Unprocessable claims (CARC 16 + MA130) have no appeal rights", "RARC MA130; 42 CFR 405.980 notes (REFERENCE §6a)"));
        }
        else if (remarks.Contains("N211"))
        {
            warnings.Add(new ViabilityWarning(NoAppealRights,
                "Remark N211: the payer says this decision cannot be appealed. Correct the claim if something on it was wrong; otherwise write it off.",
                "No appeal rights (N211)", "RARC N211"));
        }

        if (input.Payer.Type == PayerType.Medicare && !input.Payer.IsDefaultRule && facts.ServiceDate is { } dos && input.Today > dos.AddYears(1))
        {
            warnings.Add(new ViabilityWarning(MedicareTimelyFiling,
                $"The service was on {Invariant.Date(dos)}: Medicare's 12 months for filing a claim ended {Invariant.Date(dos.AddYears(1))}, so a new or corrected claim would be denied as late unless an exception of 42 CFR 424.44(b) applies.",
                "Medicare timely filing: 1 calendar year after the date of service", "42 CFR 424.44(a) (REFERENCE §6a)"));
        }

        if (input.Deadline is { } deadline && deadline < input.Today)
        {
            var days = input.Today.DayNumber - deadline.DayNumber;
            warnings.Add(new ViabilityWarning(DeadlinePassed,
                $"The deadline was {Invariant.Date(deadline)}, {days.ToString(CultureInfo.InvariantCulture)} day{(days == 1 ? "" : "s")} ago: a late request is dismissed unless good cause is shown.",
                "Appeal deadline passed", "Payer windows (Settings > Payers; REFERENCE §6)"));
        }

        return warnings;
    }

    private ViabilityWarning? PhysicalStatusWarning(ViabilityInput input, ClaimLine line)
    {
        var pModifier = line.NormalizedModifiers.FirstOrDefault(m => ScenarioDetector.PhysicalStatusModifiers.Contains(m));
        if (pModifier is null || (input.Scenario != Scenario.PhysicalStatus && !ProcedureCodes.IsAnesthesia(line.Code)))
        {
            return null;
        }

        if (units.For(input.Payer) is not { } rule || rule.UnitsFor(pModifier) is not 0m)
        {
            return null;
        }

        var who = input.Payer.Type == PayerType.Medicare ? "Traditional Medicare" : input.Payer.Name;
        return new ViabilityWarning(PhysicalStatusUnitsCode,
            $"{who} pays no units for {pModifier}: an appeal for the physical-status unit cannot succeed with this payer. Appeal only the base or time units if those were cut.",
            $"{pModifier} units paid by this payer: 0", rule.Source);
    }

    private static string Describe(ClaimLine line) =>
        line.NormalizedModifiers.Count == 0 ? line.Code : $"{line.Code}-{string.Join('-', line.NormalizedModifiers)}";
}
