using AppealStudio.Core.Denials;

namespace AppealStudio.Core.Tests.Denials;

/// <summary>Builds <see cref="DenialFacts"/> for tests: a service line denied with the given codes.</summary>
internal static class Facts
{
    public static DenialFacts Coded(
        string group,
        string carc,
        string? procedure = "99213",
        string[]? modifiers = null,
        string[]? remarks = null,
        string[]? otherCodes = null,
        decimal charge = 200m,
        decimal paid = 0m,
        string? submittedProcedure = null,
        string[]? submittedModifiers = null,
        decimal? units = null,
        decimal? submittedUnits = null,
        string? payerId = null,
        string? payerName = null) =>
        new(
            DenialKind.Coded,
            group,
            carc,
            remarks ?? [],
            procedure,
            modifiers ?? [],
            submittedProcedure,
            submittedModifiers ?? [],
            units,
            submittedUnits,
            charge - paid,
            charge,
            paid,
            "1",
            otherCodes ?? [],
            payerId,
            payerName,
            new DateOnly(2026, 1, 2),
            new DateOnly(2026, 1, 20));

    public static DenialFacts Silent(string? procedure = "99213", string[]? modifiers = null, string[]? otherCodes = null, decimal charge = 200m) =>
        Coded("CO", "0", procedure, modifiers, otherCodes: otherCodes, charge: charge) with
        {
            Kind = DenialKind.Silent,
            GroupCode = null,
            ReasonCode = null,
        };

    public static DenialFacts Underpayment(string? procedure = "99213", string[]? modifiers = null, decimal charge = 200m, decimal paid = 150m) =>
        Coded("CO", "0", procedure, modifiers, charge: charge, paid: paid) with
        {
            Kind = DenialKind.Underpayment,
            GroupCode = null,
            ReasonCode = null,
            Amount = 20m,
        };
}
