namespace AppealStudio.Core.Denials;

/// <summary>
/// The version of the shipped assessment rules: the classifier's logic, the reviewed classification table and the NCCI
/// pairs. A database remembers the version its open denials were last assessed with and assesses them again when a
/// release changes it, so an upgrade never leaves the worklist showing decisions the product no longer makes.
/// </summary>
public static class AssessmentRules
{
    /// <summary>
    /// Raise this when the code that turns a table row into a decision changes its results (the classifier's fixed
    /// rules, the modifier judgement, the payer routes, the deadline rules). Table and pair changes are picked up by
    /// their content fingerprints without it.
    /// </summary>
    public const string LogicVersion = "2026.12-liability";

    /// <summary>The version of what ships now, e.g. <c>2026.12-liability+table.1a2b3c4d5e6f+ncci.0f1e2d3c4b5a</c>.</summary>
    public static string Current =>
        $"{LogicVersion}+table.{ClassificationTable.Default.ContentVersion}+ncci.{NcciPairTable.Default.ContentVersion}";
}
