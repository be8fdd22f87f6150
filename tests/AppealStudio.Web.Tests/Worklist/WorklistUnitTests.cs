using AppealStudio.Data.Denials;
using AppealStudio.Data.Worklist;

namespace AppealStudio.Web.Tests.Worklist;

/// <summary>The worklist's URL model, without a host.</summary>
public class WorklistUnitTests
{
    private static WorklistQuery Parse(string query)
    {
        var values = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        return WorklistQuery.Parse(k => values.TryGetValue(k, out var v) ? v.LastOrDefault() : null);
    }

    [Theory]
    [InlineData("", "/worklist")]
    [InlineData("?view=queue&sort=priority&dir=desc&page=1&owner=&q=", "/worklist")]
    [InlineData("?view=all", "/worklist?view=all")]
    [InlineData("?page=3&s=k3y_-AB&view=expired&payer=Blue%20Cross", "/worklist?view=expired&payer=Blue%20Cross&s=k3y_-AB&page=3")]
    // Bookmarks of the former views open the lifecycle view that replaced them.
    [InlineData("?view=past", "/worklist?view=expired")]
    [InlineData("?view=due14", "/worklist?view=due-week")]
    [InlineData("?sort=deadline&dir=asc", "/worklist?sort=deadline")]
    [InlineData("?sort=deadline&dir=desc", "/worklist?sort=deadline&dir=desc")]
    [InlineData("?status=AwaitingSignOff&deadline=30%2B&min=500&max=2000.5", "/worklist?status=AwaitingSignOff&deadline=30%2B&min=500&max=2000.5")]
    public void ToUrl_AnyQuery_IsCanonicalAndParsesBackToTheSameQuery(string query, string canonical)
    {
        var parsed = Parse(query);

        Assert.Equal(canonical, parsed.ToUrl());
        var again = Parse(canonical.Contains('?', StringComparison.Ordinal) ? canonical[canonical.IndexOf('?', StringComparison.Ordinal)..] : "");
        Assert.Equal(parsed.ToUrl(), again.ToUrl());
        Assert.Equal(parsed with { Errors = [] }, again with { Errors = [] });
    }

    [Fact]
    public void ToUrl_SearchText_NeverWrittenOnlyItsKey()
    {
        var legacy = Parse("?q=Kowalski&payer=Aetna");
        var keyed = legacy with { SearchKey = "AbC123_-" };

        Assert.Equal("Kowalski", legacy.Text);
        Assert.Equal("/worklist?payer=Aetna", legacy.ToUrl());
        Assert.Equal("/worklist?payer=Aetna&s=AbC123_-", keyed.ToUrl());
        Assert.DoesNotContain("Kowalski", keyed.ToUrl(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("?s=%3Cscript%3E")]
    [InlineData("?s=a%20b")]
    [InlineData("?s=0123456789012345678901234567890123")]
    public void Parse_HostileSearchKey_IsDropped(string query) => Assert.Null(Parse(query).SearchKey);

    [Fact]
    public void Parse_UnknownOrHostileValues_AreDroppedNotFailed()
    {
        var q = Parse("?view=everything&owner=janitor&status=7&sort=random&dir=sideways&page=-4&deadline=soon&root=MEDICAL-NECESSITY");

        Assert.Equal("/worklist?root=medical-necessity", q.ToUrl());
        Assert.Equal((WorklistQuery.DefaultView, null, null, "priority", true, 1), (q.View, q.Owner, q.Status, q.Sort, q.Descending, q.Page));
    }

    [Fact]
    public void Parse_BadAmounts_AreReportedAndKeptAsTyped()
    {
        var q = Parse("?min=ten&max=-5");

        Assert.Equal(("ten", "-5", null, null), (q.MinText, q.MaxText, q.Min, q.Max));
        Assert.Equal(2, q.Errors.Count);
        Assert.Contains("Amount from is more than amount to", Parse("?min=900&max=100").Errors.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void WithSort_SameColumn_FlipsAndResetsThePage()
    {
        var q = Parse("?sort=amount&page=4");

        Assert.Equal("/worklist?sort=amount&dir=asc", q.WithSort("amount").ToUrl());
        Assert.Equal("/worklist?sort=payer", q.WithSort("payer").ToUrl());
    }
}

/// <summary>The status workflow's rules, as a table a reader can check against the product's description.</summary>
public class DenialWorkflowRuleTests
{
    [Theory]
    [InlineData(DenialStatus.New, DenialStatus.InProgress, true)]
    [InlineData(DenialStatus.New, DenialStatus.Decided, false)]
    [InlineData(DenialStatus.InProgress, DenialStatus.AwaitingSignOff, true)]
    [InlineData(DenialStatus.AwaitingSignOff, DenialStatus.Submitted, false)]
    [InlineData(DenialStatus.AwaitingSignOff, DenialStatus.InProgress, true)]
    [InlineData(DenialStatus.Ready, DenialStatus.Submitted, true)]
    [InlineData(DenialStatus.Submitted, DenialStatus.Decided, true)]
    [InlineData(DenialStatus.Submitted, DenialStatus.New, false)]
    [InlineData(DenialStatus.Decided, DenialStatus.InProgress, true)]
    [InlineData(DenialStatus.Decided, DenialStatus.WrittenOff, false)]
    [InlineData(DenialStatus.WrittenOff, DenialStatus.InProgress, true)]
    [InlineData(DenialStatus.WrittenOff, DenialStatus.New, false)]
    public void CanMove_FollowsTheTable(DenialStatus from, DenialStatus to, bool allowed) =>
        Assert.Equal(allowed, DenialWorkflow.CanMove(from, to));

    [Fact]
    public void EveryStatus_HasAWayOnAndNeverToItself()
    {
        foreach (var status in Enum.GetValues<DenialStatus>())
        {
            Assert.NotEmpty(DenialWorkflow.NextStatuses(status));
            Assert.DoesNotContain(status, DenialWorkflow.NextStatuses(status));
            Assert.False(string.IsNullOrEmpty(DenialWorkflow.Label(status)));
        }
    }

    [Fact]
    public void Reasons_AreNeededToWriteOffAndToReopen()
    {
        Assert.True(DenialWorkflow.RequiresReason(DenialStatus.New, DenialStatus.WrittenOff));
        Assert.True(DenialWorkflow.RequiresReason(DenialStatus.WrittenOff, DenialStatus.InProgress));
        Assert.True(DenialWorkflow.RequiresReason(DenialStatus.Decided, DenialStatus.InProgress));
        Assert.False(DenialWorkflow.RequiresReason(DenialStatus.New, DenialStatus.InProgress));
        Assert.Equal([DenialStatus.Submitted, DenialStatus.Decided, DenialStatus.WrittenOff], DenialWorkflow.ClosedStatuses);
    }
}
