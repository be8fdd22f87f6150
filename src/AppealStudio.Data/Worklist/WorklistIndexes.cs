namespace AppealStudio.Data.Worklist;

/// <summary>
/// The indexes the worklist's default order reads (ADR 0110): the open denials in exactly the order of
/// <see cref="Lifecycle.DenialViews.ByPriority"/>, so the first page is the first 50 entries of the index instead of a
/// sort of every open denial. Its first two keys are expressions, which EF cannot model, so the migration
/// AddWorklistIndexes creates it with this SQL (the same on SQLite and PostgreSQL). SQLite uses an index on an
/// expression only when the query writes the expression the same way, and a partial index only when the query repeats
/// its WHERE term for term: the SQL here is what EF generates for ByPriority and DenialViews.IsOpen, and the worklist
/// benchmark's <c>--explain</c> shows whether the plan still uses it.
/// </summary>
public static class WorklistIndexes
{
    public const string OrderIndex = "IX_Denials_Worklist_Order";

    /// <summary>
    /// Known deadline first; then, for the denials without one, the oldest remittance; priority, highest first; the
    /// nearer deadline; the id. The assignee too, so "My work" in this order skips other people's rows in the index, and
    /// Voided, which the query's NOT "Voided" reads even though the filter implies it.
    /// </summary>
    public static string CreateOrderIndex() =>
        $"""
        CREATE INDEX "{OrderIndex}" ON "Denials" (("AppealDeadline" IS NULL), (CASE WHEN "AppealDeadline" IS NULL THEN "RemittanceDate" END), "PriorityScore" DESC, "AppealDeadline", "Id", "AssigneeUserId", "Voided") WHERE {Denials.DenialConfiguration.OpenFilter};
        """;

    public const string AssigneeOrderIndex = "IX_Denials_Worklist_AssigneeOrder";

    /// <summary>
    /// "My work" in the same order: one person's open denials, so its first page and total are a seek on the assignee
    /// instead of all of that person's denials, open or not, sorted. Status and Voided complete it for the total (the
    /// query's own open test reads them even though the filter implies it).
    /// </summary>
    public static string CreateAssigneeOrderIndex() =>
        $"""
        CREATE INDEX "{AssigneeOrderIndex}" ON "Denials" ("AssigneeUserId", ("AppealDeadline" IS NULL), (CASE WHEN "AppealDeadline" IS NULL THEN "RemittanceDate" END), "PriorityScore" DESC, "AppealDeadline", "Id", "Status", "Voided") WHERE {Denials.DenialConfiguration.OpenFilter};
        """;

    public static string DropOrderIndex() => $"""DROP INDEX "{OrderIndex}";""";

    public static string DropAssigneeOrderIndex() => $"""DROP INDEX "{AssigneeOrderIndex}";""";
}
