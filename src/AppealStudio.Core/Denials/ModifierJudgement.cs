using System.Collections.Frozen;

namespace AppealStudio.Core.Denials;

/// <summary>One service line of a claim as the modifier judgement reads it.</summary>
/// <param name="ProcedureCode">CPT/HCPCS code; null for a line without one.</param>
/// <param name="Modifiers">Every modifier the line carried (adjudicated and submitted), in order.</param>
/// <param name="ServiceDate">Date of service; null when unknown (then the line counts as the same day).</param>
public sealed record ClaimLine(string? ProcedureCode, IReadOnlyList<string> Modifiers, DateOnly? ServiceDate)
{
    /// <summary>The procedure code, trimmed and upper-cased (empty when none).</summary>
    public string Code => ProcedureCodes.Normalize(ProcedureCode);

    /// <summary>The modifiers, trimmed, upper-cased and without repeats, in the line's order.</summary>
    public IReadOnlyList<string> NormalizedModifiers =>
        Modifiers.Select(ProcedureCodes.Normalize).Where(m => m.Length > 0).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The denied line of a denial (adjudicated and submitted modifiers together).</summary>
    public static ClaimLine Of(DenialFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return new ClaimLine(facts.ProcedureCode ?? facts.SubmittedProcedureCode,
            [.. facts.Modifiers, .. facts.SubmittedModifiers], facts.ServiceDate);
    }
}

/// <summary>Which kind of "not separately payable" edit a denial is.</summary>
public enum BundlingEdit
{
    /// <summary>An NCCI procedure-to-procedure edit (CARC 97, 231, 236, P14): the column-2 code is denied.</summary>
    ProcedureToProcedure,

    /// <summary>Inside the global period of a surgery (remark N525 or M144): only the global modifiers answer it.</summary>
    GlobalSurgery,

    /// <summary>A packaged service (CARC 234): never paid separately, whatever the modifier.</summary>
    Packaged,
}

/// <summary>What the judgement concluded about the modifiers on a bundled line.</summary>
public enum ModifierVerdictKind
{
    /// <summary>No modifier that the edit recognizes is on the line.</summary>
    NoModifier,

    /// <summary>An NCCI-associated modifier that fits the code is on the line, and the edit allows a bypass: an appeal can succeed.</summary>
    Bypasses,

    /// <summary>The edit cannot be bypassed by any modifier (NCCI modifier indicator 0, or a packaged service).</summary>
    EditNotBypassable,

    /// <summary>The modifier does not belong on this code (59/X{EPSU} on an E/M, 25 on a procedure ...).</summary>
    DoesNotFitCode,

    /// <summary>An anatomic modifier that does not show a different site from the line the service was bundled into.</summary>
    SiteNotDistinct,
}

/// <summary>The judgement on a bundled line: the verdict, the modifier it is about, and where the rule comes from.</summary>
/// <param name="Kind">The verdict.</param>
/// <param name="Modifier">The modifier the verdict is about (the one that bypasses, or the one that failed); null when none.</param>
/// <param name="Pair">The NCCI edit that applies, when the pair table knows it.</param>
/// <param name="ColumnOneLine">The line the denied service was bundled into, when known.</param>
/// <param name="Reason">A sentence for the specialist.</param>
/// <param name="Source">The rule or data the verdict rests on (NCCI pair row, CPT/CMS modifier rule).</param>
public sealed record ModifierVerdict(
    ModifierVerdictKind Kind,
    string? Modifier,
    NcciPair? Pair,
    ClaimLine? ColumnOneLine,
    string Reason,
    string Source)
{
    /// <summary>The modifier on the line can carry an appeal (or a viability check can pass).</summary>
    public bool Bypasses => Kind == ModifierVerdictKind.Bypasses;

    /// <summary>No modifier helps: the amount is a write-off unless the edit itself was applied wrongly.</summary>
    public bool NeverBypassable => Kind == ModifierVerdictKind.EditNotBypassable;
}

/// <summary>
/// Judges the modifiers on a line denied as bundled: a bundling denial is worth appealing only when the modifier on the
/// line is NCCI-associated for that kind of edit, fits the code (59/X{EPSU} never on an E/M, 25 only on one), shows a
/// different site when it is anatomic, and the edit allows a bypass (the NCCI modifier indicator, where the pair table
/// knows the pair). This is the one implementation: the classifier, the scenario detector and the lifecycle's
/// viability warnings all call it.
/// </summary>
/// <remarks>Sources: REFERENCE §7a (NCCI PTP edits, modifier indicators, NCCI-associated modifiers, CR8863), §7b (25).</remarks>
public sealed class ModifierJudgement(NcciPairTable pairs)
{
    /// <summary>Anatomic modifiers, by family: two lines with different members of one family are different sites.</summary>
    public static readonly FrozenDictionary<string, string> AnatomicFamilies = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["LT"] = "side", ["RT"] = "side",
        ["E1"] = "eyelid", ["E2"] = "eyelid", ["E3"] = "eyelid", ["E4"] = "eyelid",
        ["FA"] = "finger", ["F1"] = "finger", ["F2"] = "finger", ["F3"] = "finger", ["F4"] = "finger",
        ["F5"] = "finger", ["F6"] = "finger", ["F7"] = "finger", ["F8"] = "finger", ["F9"] = "finger",
        ["TA"] = "toe", ["T1"] = "toe", ["T2"] = "toe", ["T3"] = "toe", ["T4"] = "toe",
        ["T5"] = "toe", ["T6"] = "toe", ["T7"] = "toe", ["T8"] = "toe", ["T9"] = "toe",
        ["LC"] = "coronary artery", ["LD"] = "coronary artery", ["LM"] = "coronary artery", ["RC"] = "coronary artery", ["RI"] = "coronary artery",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The global surgery modifiers: the only ones that answer a global-period denial.</summary>
    public static readonly FrozenSet<string> GlobalSurgeryModifiers =
        FrozenSet.ToFrozenSet(["24", "25", "57", "58", "78", "79"], StringComparer.Ordinal);

    /// <summary>59 and CMS CR8863's X{EPSU}: a distinct non-E/M service.</summary>
    public static readonly FrozenSet<string> DistinctProcedureModifiers =
        FrozenSet.ToFrozenSet(["59", "XE", "XS", "XP", "XU"], StringComparer.Ordinal);

    /// <summary>Every NCCI-associated modifier: anatomic, global surgery, and 27, 59, 91, XE, XS, XP, XU.</summary>
    public static readonly FrozenSet<string> NcciAssociatedModifiers = FrozenSet.ToFrozenSet(
        [.. AnatomicFamilies.Keys, .. GlobalSurgeryModifiers, "27", .. DistinctProcedureModifiers, "91"], StringComparer.Ordinal);

    private const string AssociationSource = "NCCI Policy Manual ch. I: NCCI-associated modifiers (REFERENCE §7a)";

    private static readonly Lazy<ModifierJudgement> DefaultJudgement = new(() => new(NcciPairTable.Default));

    /// <summary>A judgement over the shipped NCCI sample.</summary>
    public static ModifierJudgement Default => DefaultJudgement.Value;

    public NcciPairTable Pairs { get; } = pairs ?? throw new ArgumentNullException(nameof(pairs));

    /// <summary>
    /// Which bundling edit a denial is, from its CARC and remarks; null when the CARC is not a "not separately payable"
    /// code (CAQH CORE scenario 4).
    /// </summary>
    public static BundlingEdit? EditFor(string? carc, IEnumerable<string> remarkCodes)
    {
        ArgumentNullException.ThrowIfNull(remarkCodes);
        var code = ProcedureCodes.Normalize(carc);
        if (code == "234")
        {
            return BundlingEdit.Packaged;
        }

        if (code is not ("97" or "231" or "236" or "P14"))
        {
            return null;
        }

        return remarkCodes.Select(ProcedureCodes.Normalize).Any(r => r is "N525" or "M144")
            ? BundlingEdit.GlobalSurgery
            : BundlingEdit.ProcedureToProcedure;
    }

    /// <summary>
    /// Whether <paramref name="modifier"/> belongs on <paramref name="procedureCode"/> at all; the reason says why not.
    /// </summary>
    public static (bool Fits, string? Reason, string Source) Fits(string modifier, string? procedureCode)
    {
        var m = ProcedureCodes.Normalize(modifier);
        var code = ProcedureCodes.Normalize(procedureCode);
        var em = ProcedureCodes.IsEvaluationAndManagement(code);
        if (DistinctProcedureModifiers.Contains(m) && em)
        {
            return (false, $"Modifier {m} is never used on an E/M code ({code}); an E/M takes 25.",
                "CPT modifier 59 and CMS CR8863 X{EPSU}: not for E/M services (REFERENCE §7a)");
        }

        if (m is "25" or "24" or "57" or "27" && !em)
        {
            return (false, $"Modifier {m} belongs on an E/M code only, not on {code}; a distinct procedure takes 59 or an X modifier.",
                "CPT modifiers 24, 25, 27 and 57: E/M services only (REFERENCE §7b)");
        }

        if (m is "58" or "78" or "79" && em)
        {
            return (false, $"Modifier {m} belongs on a procedure, not on the E/M code {code} (an E/M in the global period takes 24 or 25).",
                "CPT modifiers 58, 78 and 79: procedures in a global period");
        }

        if (m == "91" && !ProcedureCodes.IsLaboratory(code))
        {
            return (false, $"Modifier 91 (repeat laboratory test) belongs on a laboratory code, not on {code}.",
                "CPT modifier 91: repeat clinical diagnostic laboratory test");
        }

        if (AnatomicFamilies.ContainsKey(m) && em)
        {
            return (false, $"Anatomic modifier {m} does not apply to the E/M code {code}.", AssociationSource);
        }

        return (true, null, AssociationSource);
    }

    /// <summary>Judges the modifiers on <paramref name="denied"/>.</summary>
    /// <param name="denied">The line the payer denied as bundled (or the line a viability check looks at).</param>
    /// <param name="otherLines">The claim's other lines, with their modifiers and dates.</param>
    /// <param name="edit">The kind of edit (see <see cref="EditFor"/>).</param>
    public ModifierVerdict Judge(ClaimLine denied, IReadOnlyList<ClaimLine> otherLines, BundlingEdit edit = BundlingEdit.ProcedureToProcedure)
    {
        ArgumentNullException.ThrowIfNull(denied);
        ArgumentNullException.ThrowIfNull(otherLines);
        var code = denied.Code;
        var modifiers = denied.NormalizedModifiers;
        if (edit == BundlingEdit.Packaged)
        {
            return new ModifierVerdict(ModifierVerdictKind.EditNotBypassable, modifiers.FirstOrDefault(NcciAssociatedModifiers.Contains), null, null,
                "A packaged service (CARC 234) is never paid separately; no modifier changes that.",
                "CARC 234 (X12): procedure not paid separately; NCCI/OPPS packaging");
        }

        var sameDay = otherLines
            .Where(l => l.Code.Length > 0
                        && (l.ServiceDate is null || denied.ServiceDate is null || l.ServiceDate == denied.ServiceDate))
            .ToList();
        NcciPair? pair = null;
        ClaimLine? columnOne = null;
        if (edit == BundlingEdit.ProcedureToProcedure && code.Length > 0)
        {
            pair = Pairs.FindColumnTwoPair(code, sameDay.Select(l => l.Code));
            columnOne = pair is null ? null : sameDay.First(l => l.Code == pair.Column1);
        }

        if (pair is { ModifierIndicator: 0 })
        {
            return new ModifierVerdict(ModifierVerdictKind.EditNotBypassable, modifiers.FirstOrDefault(NcciAssociatedModifiers.Contains), pair, columnOne,
                $"The NCCI edit {pair.Column1}/{pair.Column2} has modifier indicator 0: no modifier lets {pair.Column2} be paid with {pair.Column1}.",
                PairSource(pair));
        }

        var recognized = edit == BundlingEdit.GlobalSurgery ? GlobalSurgeryModifiers : NcciAssociatedModifiers;
        var candidates = modifiers.Where(recognized.Contains).ToList();
        if (candidates.Count == 0)
        {
            var others = modifiers.Count == 0 ? "The line carried no modifier" : $"Modifier(s) {string.Join(", ", modifiers)} on the line";
            var what = edit == BundlingEdit.GlobalSurgery
                ? "only 24, 25, 57, 58, 78 or 79 answer a global-period denial"
                : "only NCCI-associated modifiers (anatomic, global, 27, 59, 91, XE, XS, XP, XU) bypass an edit";
            return new ModifierVerdict(ModifierVerdictKind.NoModifier, null, pair, columnOne,
                modifiers.Count == 0 ? $"{others}." : $"{others} do not bypass it: {what}.",
                pair is null ? AssociationSource : PairSource(pair));
        }

        ModifierVerdict? failure = null;
        foreach (var modifier in candidates)
        {
            var (fits, why, fitSource) = Fits(modifier, code);
            if (!fits)
            {
                failure ??= new ModifierVerdict(ModifierVerdictKind.DoesNotFitCode, modifier, pair, columnOne, why!, fitSource);
                continue;
            }

            if (edit == BundlingEdit.ProcedureToProcedure && AnatomicFamilies.TryGetValue(modifier, out var family))
            {
                var site = JudgeSite(modifier, family, columnOne, sameDay, pair);
                if (site.Kind != ModifierVerdictKind.Bypasses)
                {
                    failure = failure?.Kind == ModifierVerdictKind.DoesNotFitCode ? failure : site;
                    continue;
                }

                return site;
            }

            return new ModifierVerdict(ModifierVerdictKind.Bypasses, modifier, pair, columnOne, BypassReason(modifier, pair, edit),
                pair is null ? AssociationSource : PairSource(pair));
        }

        return failure!;
    }

    private ModifierVerdict JudgeSite(string modifier, string family, ClaimLine? columnOne, List<ClaimLine> sameDay, NcciPair? pair)
    {
        List<ClaimLine> targets = columnOne is not null
            ? [columnOne]
            : sameDay.Where(l => !ProcedureCodes.IsEvaluationAndManagement(l.Code)).ToList();
        var source = pair is null ? AssociationSource : PairSource(pair);
        if (targets.Count == 0)
        {
            return new ModifierVerdict(ModifierVerdictKind.SiteNotDistinct, modifier, pair, columnOne,
                $"Modifier {modifier} names a site, but no other line of the claim shows which site the payer bundled it into.", source);
        }

        if (targets.FirstOrDefault(t => t.NormalizedModifiers.Contains(modifier, StringComparer.Ordinal)) is { } same)
        {
            return new ModifierVerdict(ModifierVerdictKind.SiteNotDistinct, modifier, pair, columnOne,
                $"{same.Code} carries {modifier} too: both services were on the same {family}, so {modifier} does not make them distinct.", source);
        }

        if (targets.FirstOrDefault(t => t.NormalizedModifiers.Any(m => AnatomicFamilies.TryGetValue(m, out var f) && f == family)) is { } other)
        {
            var otherSite = other.NormalizedModifiers.First(m => AnatomicFamilies.TryGetValue(m, out var f) && f == family);
            return new ModifierVerdict(ModifierVerdictKind.Bypasses, modifier, pair, other,
                $"Modifier {modifier} already shows a different {family} from {other.Code}-{otherSite}: the anatomic modifier is the bypass the edit allows"
                + (pair is null ? " (the edit is not in the loaded NCCI table, so its modifier indicator was not checked)." : "."),
                source);
        }

        return new ModifierVerdict(ModifierVerdictKind.SiteNotDistinct, modifier, pair, columnOne,
            $"Modifier {modifier} names a site, but {string.Join(", ", targets.Select(t => t.Code))} carries none: the claim does not show two different sites.",
            source);
    }

    private static string BypassReason(string modifier, NcciPair? pair, BundlingEdit edit) => edit switch
    {
        BundlingEdit.GlobalSurgery => $"Modifier {modifier} is a global surgery modifier that fits the code: the service was billed as outside the surgical package.",
        _ when pair is not null => $"Modifier {modifier} is NCCI-associated, fits the code, and the edit {pair.Column1}/{pair.Column2} allows a bypass (modifier indicator 1).",
        _ => $"Modifier {modifier} is NCCI-associated and fits the code (the edit is not in the loaded NCCI table, so its modifier indicator was not checked).",
    };

    private static string PairSource(NcciPair pair) =>
        $"NCCI PTP edit {pair.Column1}/{pair.Column2}, modifier indicator {pair.ModifierIndicator} ({pair.Source ?? "ncci-pairs.csv"})";
}
