namespace AppealStudio.Core.Denials;

/// <summary>
/// Who owes a denied amount when the classification row does not say: the group code decides (REFERENCE §1). Only PR
/// makes the patient liable; CO and PI are the provider's (a contract, a regulation or a payer reduction the patient
/// does not owe); OA says nothing about the patient, so until a row names another party the patient may not be billed
/// and the practice carries it. Silent denials and underpayments have no group code: the payer has not paid what it
/// owes (or has not said why), so it is the payer's.
/// </summary>
public static class LiabilityRules
{
    /// <summary>The liability the group code implies.</summary>
    public static Liability FromGroup(string? groupCode, DenialKind kind = DenialKind.Coded)
    {
        if (kind != DenialKind.Coded)
        {
            return Liability.Payer;
        }

        return groupCode?.Trim().ToUpperInvariant() switch
        {
            "PR" => Liability.Patient,
            _ => Liability.Provider,
        };
    }

    /// <summary>The sentence that opens every explanation: who owes the money, and what that forbids.</summary>
    public static string Sentence(Liability liability) => liability switch
    {
        Liability.Provider => "Owed by: the practice (contractual); never bill the patient for it.",
        Liability.Patient => "Owed by: the patient (patient responsibility); bill the patient or their secondary plan, do not write it off.",
        Liability.OtherPayer => "Owed by: another payer or party, not the patient; bill them.",
        Liability.Payer => "Owed by: this payer (it has not paid what it owes); the patient may not be billed for it.",
    };

    /// <summary>A short label for pick lists and tables.</summary>
    public static string Label(this Liability liability) => liability switch
    {
        Liability.Provider => "Practice (contractual)",
        Liability.Patient => "Patient",
        Liability.OtherPayer => "Another payer or party",
        Liability.Payer => "This payer",
    };
}
