namespace AppealStudio.Core.Remittance;

/// <summary>An 835 value tagged with its qualifier (DTM, AMT, QTY, REF).</summary>
internal interface IQualified
{
    string Qualifier { get; }
}

/// <summary>The "first value with this qualifier" lookup that claims, lines and parties all answer.</summary>
internal static class Qualified
{
    // A plain loop: these lookups run per claim and per line on the import's hot path.
    public static T? First<T>(List<T>? items, string qualifier)
        where T : class, IQualified
    {
        if (items is null)
        {
            return null;
        }

        foreach (var item in items)
        {
            if (string.Equals(item.Qualifier, qualifier, StringComparison.Ordinal))
            {
                return item;
            }
        }

        return null;
    }
}
