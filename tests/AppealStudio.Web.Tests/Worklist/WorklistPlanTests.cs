using System.Data.Common;
using AppealStudio.Data;
using AppealStudio.Data.Worklist;
using AppealStudio.Web.Tests.Denials;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Worklist;

/// <summary>
/// The worklist's speed at a million denials rests on SQLite choosing the indexes of ADR 0110, and SQLite uses an
/// expression or partial index only when the query repeats its terms exactly. A change to the views, the default
/// order or an EF upgrade could bring the full scans back without failing any other test: these read the plans.
/// </summary>
public class WorklistPlanTests
{
    private static async Task<List<string>> PlanAsync(AppDbContext db, IQueryable query)
    {
        await db.Database.OpenConnectionAsync();
        await using DbCommand command = query.CreateDbCommand();
#pragma warning disable CA2100 // The command is EF's own SQL for the query; only the EXPLAIN prefix is added.
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
#pragma warning restore CA2100
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }

    [Theory]
    [InlineData("")]
    [InlineData("view=mine")]
    public async Task FirstPage_OfTheQueueAndMyWork_ReadsTheOrderIndex_WithoutSortingEveryOpenDenial(string url)
    {
        var factory = AppFactory.For(TestDatabase.Sqlite);
        // A signed-in specialist: "My work" is that person's denials (with nobody signed in it is empty by definition).
        await using var scope = await ActingAs.ScopeAsync(factory, "specialist@demo.local");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var worklist = scope.ServiceProvider.GetRequiredService<WorklistService>();
        var values = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(url);
        var query = WorklistQuery.Parse(k => values.TryGetValue(k, out var v) ? v.LastOrDefault() : null);

        var plan = await PlanAsync(db, worklist.RowsQuery(worklist.InViewQuery(query, DenialBuilder.Today), query));

        var index = query.View == "mine" ? WorklistIndexes.AssigneeOrderIndex : WorklistIndexes.OrderIndex;
        Assert.Contains(plan, step => step.Contains("Denials", StringComparison.Ordinal) && step.Contains(index, StringComparison.Ordinal));
        // The order comes from the index: no temporary B-tree sorts the denials for ORDER BY.
        Assert.DoesNotContain(plan, step => step.Contains("USE TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal));
    }
}
