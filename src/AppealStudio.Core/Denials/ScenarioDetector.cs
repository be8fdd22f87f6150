using System.Collections.Frozen;

namespace AppealStudio.Core.Denials;

/// <summary>The specialty situations that have their own appeal template.</summary>
public enum Scenario
{
    /// <summary>A distinct procedure bundled under an NCCI edit (modifier 59 or X{EPSU}).</summary>
    Modifier59,

    /// <summary>A separately identifiable E/M with modifier 25 denied as part of a same-day procedure.</summary>
    Modifier25,

    /// <summary>Anesthesia whose ASA physical-status level or units were denied or reduced.</summary>
    PhysicalStatus,

    /// <summary>Psychotherapy denied, reduced, or paid as a shorter session than billed.</summary>
    SessionLength,
}

/// <summary>
/// Decides which specialty template fits a denial. It says which argument a letter would make, not whether to
/// appeal: the classifier decides that.
/// </summary>
public sealed class ScenarioDetector(NcciPairTable ncciPairs)
{
    /// <summary>CARCs for "not separately payable" (CAQH CORE scenario 4, REFERENCE §4 and §7a) that an NCCI modifier can answer.</summary>
    public static readonly FrozenSet<string> BundlingCarcs = FrozenSet.ToFrozenSet(["97", "231", "234", "236"], StringComparer.Ordinal);

    /// <summary>Modifiers that mark a non-E/M service as distinct (CPT 59 and CMS CR8863's X{EPSU}); the judgement's set.</summary>
    public static readonly FrozenSet<string> DistinctProcedureModifiers = ModifierJudgement.DistinctProcedureModifiers;

    /// <summary>ASA physical status modifiers.</summary>
    public static readonly FrozenSet<string> PhysicalStatusModifiers =
        FrozenSet.ToFrozenSet(["P1", "P2", "P3", "P4", "P5", "P6"], StringComparer.Ordinal);

    /// <summary>Psychotherapy and psychiatric evaluation codes whose payment depends on documented time (REFERENCE §7d).</summary>
    public static readonly FrozenSet<string> PsychotherapyCodes = FrozenSet.ToFrozenSet(
        ["90791", "90792", "90832", "90833", "90834", "90836", "90837", "90838", "90839", "90840"],
        StringComparer.Ordinal);

    // CO-4 (procedure inconsistent with modifier) is how many payers reject a 25 they do not accept.
    private static readonly FrozenSet<string> Modifier25RejectionCarcs = FrozenSet.ToFrozenSet(["4"], StringComparer.Ordinal);

    private static readonly Lazy<ScenarioDetector> DefaultDetector = new(() => new(NcciPairTable.Default));

    /// <summary>A detector over the shipped NCCI sample.</summary>
    public static ScenarioDetector Default => DefaultDetector.Value;

    public NcciPairTable NcciPairs { get; } = ncciPairs ?? throw new ArgumentNullException(nameof(ncciPairs));

    public static bool IsEvaluationAndManagement(string? code) => ProcedureCodes.IsEvaluationAndManagement(code);

    /// <summary>Anesthesia codes 00100–01999.</summary>
    public static bool IsAnesthesia(string? code) => ProcedureCodes.IsAnesthesia(code);

    public static bool IsPsychotherapy(string? code) => code is not null && PsychotherapyCodes.Contains(Code(code));

    /// <summary>The scenario that fits this denial, or null when none of the specialty templates applies.</summary>
    public Scenario? Detect(DenialFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var code = facts.ProcedureCode is null ? null : Code(facts.ProcedureCode);
        var submitted = facts.SubmittedProcedureCode is null ? null : Code(facts.SubmittedProcedureCode);
        if (code is null && submitted is null)
        {
            return null; // claim-level denial: no line to argue about
        }

        var modifiers = facts.Modifiers.Concat(facts.SubmittedModifiers).Select(Code).ToHashSet(StringComparer.Ordinal);
        var carc = facts.Kind == DenialKind.Coded && facts.ReasonCode is not null ? Code(facts.ReasonCode) : null;
        var bundled = carc is not null && BundlingCarcs.Contains(carc);

        if (IsModifier25(facts, code ?? submitted, modifiers, carc, bundled))
        {
            return Scenario.Modifier25;
        }

        if (IsPhysicalStatus(facts, code ?? submitted, modifiers))
        {
            return Scenario.PhysicalStatus;
        }

        if (IsSessionLength(facts, code, submitted))
        {
            return Scenario.SessionLength;
        }

        if (IsModifier59(facts, code ?? submitted, modifiers, bundled))
        {
            return Scenario.Modifier59;
        }

        return null;
    }

    private static bool IsModifier25(DenialFacts facts, string? code, HashSet<string> modifiers, string? carc, bool bundled)
    {
        if (!IsEvaluationAndManagement(code) || !modifiers.Contains("25"))
        {
            return false;
        }

        if (bundled)
        {
            return true;
        }

        // Without a bundling CARC the denial reads as "included in the procedure" only when a procedure was billed
        // beside the E/M and the payer either gave no reason or rejected the modifier itself.
        var procedureOnClaim = facts.OtherProcedureCodesOnClaim.Any(c => !string.IsNullOrWhiteSpace(c) && !IsEvaluationAndManagement(Code(c)));
        var rejectedAsIncluded = facts.Kind == DenialKind.Silent || (carc is not null && Modifier25RejectionCarcs.Contains(carc));
        return procedureOnClaim && rejectedAsIncluded;
    }

    private static bool IsPhysicalStatus(DenialFacts facts, string? code, HashSet<string> modifiers)
    {
        if (!IsAnesthesia(code) || !modifiers.Overlaps(PhysicalStatusModifiers))
        {
            return false;
        }

        var unitsReduced = facts.Units is { } paid && facts.SubmittedUnits is { } billed && paid < billed;
        var levelChanged = facts.SubmittedModifiers.Count > 0
            && !facts.SubmittedModifiers.Select(Code).Where(PhysicalStatusModifiers.Contains).Order(StringComparer.Ordinal)
                .SequenceEqual(facts.Modifiers.Select(Code).Where(PhysicalStatusModifiers.Contains).Order(StringComparer.Ordinal));

        // A silent zero-pay says nothing about the level or units; a coded denial or an underpayment of the line does.
        var paidShort = facts.Kind != DenialKind.Silent && facts.PaidAmount < facts.ChargeAmount;
        return unitsReduced || levelChanged || paidShort;
    }

    private static bool IsSessionLength(DenialFacts facts, string? code, string? submitted)
    {
        var downcoded = submitted is not null && code is not null
            && !string.Equals(submitted, code, StringComparison.Ordinal)
            && (IsPsychotherapy(submitted) || IsPsychotherapy(code));
        if (downcoded)
        {
            return true;
        }

        if (!IsPsychotherapy(code ?? submitted))
        {
            return false;
        }

        var unitsReduced = facts.Units is { } paid && facts.SubmittedUnits is { } billed && paid < billed;
        return unitsReduced || facts.PaidAmount < facts.ChargeAmount;
    }

    private bool IsModifier59(DenialFacts facts, string? code, HashSet<string> modifiers, bool bundled)
    {
        if (code is null || IsEvaluationAndManagement(code))
        {
            return false; // 59 is never used on an E/M; 25 is
        }

        if (bundled && modifiers.Overlaps(DistinctProcedureModifiers))
        {
            return true;
        }

        // A column-2 code billed with its column-1 code: the edit explains the denial even when the payer was vague.
        return (bundled || facts.Kind == DenialKind.Silent)
            && NcciPairs.FindColumnTwoPair(code, facts.OtherProcedureCodesOnClaim) is { IsBypassable: true };
    }

    private static string Code(string code) => code.Trim().ToUpperInvariant();
}
