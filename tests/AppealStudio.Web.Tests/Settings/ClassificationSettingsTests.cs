using System.Globalization;
using AppealStudio.Core.Denials;
using AppealStudio.Data.Practice;
using AppealStudio.Web.Features.Settings;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Web.Tests.Settings;

/// <summary>Settings &gt; Classification through the services the page and its dialogs call, as an Admin, on every database.</summary>
public class ClassificationSettingsTests
{
    // M80 is not in the shipped rows for CARC 97, so these tests' override only reaches denials that carry it; every
    // test deletes what it created, because the test database is shared.
    private const string TestRarc = "M80";

    private static OverrideDraft Draft(string group, string carc, string? rarc, string severity, string reason, string action = "appeal",
        string category = "clinical", string rootCause = "medical-necessity", string owner = "clinician", string explanation = "Appeal with the note.",
        string? modifiers = null) =>
        new(group, carc, rarc, modifiers, severity, action, category, rootCause, owner, explanation, reason);

    private static Task<T> AsAdminAsync<T>(AppFactory factory, Func<ClassificationAdministration, Task<T>> operation) =>
        Acting.RunAsync(factory, Acting.Admin, operation);

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task OverrideCo97_ReclassifiesThePayersOpenDenial_KeepsHandClassification_AndIsAudited(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var payer = SettingsTestData.Unique("OVERRIDE TEST CARE ");
        var payerId = SettingsTestData.Unique("OV");
        await SettingsTestData.AddPayerAsync(factory, payer, payerId, firstLevel: 120, timelyFiling: 90);
        var plain = SettingsTestData.Unique("PLAIN-");
        var byHand = SettingsTestData.Unique("HAND-");
        var denials = await SettingsTestData.ImportAsync(factory, payer, payerId,
            new TestClaim(plain, "97", TestRarc), new TestClaim(byHand, "97", TestRarc));

        // Shipped: CO-97 without a distinct-service modifier is a soft denial to correct, due by timely filing.
        Assert.Equal(("soft", "resubmit", "*-97"), (denials[plain].Severity, denials[plain].Action, denials[plain].RuleId));
        Assert.Equal(SettingsTestData.ServiceDate.AddDays(90), denials[plain].AppealDeadline);
        var handId = denials[byHand].Id;
        await factory.WithDbAsync(d => d.Denials.Where(x => x.Id == handId).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.RuleId, "override: specialist judged it a documentation problem")
            .SetProperty(x => x.RootCause, "documentation")
            .SetProperty(x => x.Version, x => x.Version + 1)));
        var handBefore = await SettingsTestData.DenialAsync(factory, handId);

        int? overrideId = null;
        try
        {
            var result = await AsAdminAsync(factory, c => c.CreateAsync(Draft("CO", "97", TestRarc.ToLowerInvariant(), "hard",
                "Payer bulletin 2026-14 on same-session services.", explanation: "Payer bundles this visit under M80; appeal with the note.")));

            Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Message)));
            overrideId = result.Id;
            var message = SettingsForms.Describe(result.Reassessment, classification: true);
            // Other tests' hand-classified CO-97 denials may share the database: at least this one was kept.
            Assert.Matches(@"\d+ denials? classified by hand by a specialist (was|were) left", message);
            Assert.Matches(@"\d+ open denials? recomputed: \d+ changed \((\d+) reclassified", message);

            var after = await SettingsTestData.DenialAsync(factory, denials[plain].Id);
            Assert.Equal(("hard", "appeal", "clinical", "medical-necessity", "clinician"),
                (after.Severity, after.Action, after.Category, after.RootCause, after.Owner));
            Assert.Equal("CO-97 + M80", after.RuleId);
            Assert.Equal(SettingsTestData.RemittanceDate.AddDays(120), after.AppealDeadline);
            Assert.Equal(denials[plain].Version, after.Version);

            var handAfter = await SettingsTestData.DenialAsync(factory, handId);
            Assert.Equal((handBefore.RuleId, handBefore.Severity, handBefore.Action, handBefore.RootCause, handBefore.AppealDeadline,
                    handBefore.PriorityScore, handBefore.UpdatedAt, handBefore.Version),
                (handAfter.RuleId, handAfter.Severity, handAfter.Action, handAfter.RootCause, handAfter.AppealDeadline,
                    handAfter.PriorityScore, handAfter.UpdatedAt, handAfter.Version));

            var entityId = overrideId!.Value.ToString(CultureInfo.InvariantCulture);
            var created = await factory.WithDbAsync(d => d.AuditEvents.AsNoTracking()
                .SingleAsync(e => e.Action == "classification.override-create" && e.EntityId == entityId));
            Assert.Contains("key=CO|97|M80|", created.Details, StringComparison.Ordinal);
            Assert.Contains("rootCause=medical-necessity", created.Details, StringComparison.Ordinal);
            Assert.DoesNotContain("bulletin", created.Details, StringComparison.Ordinal);

            // The table shows the row as an override, with the reason.
            var table = await Acting.RunAsync<ClassificationBrowser, ClassificationTablePage>(factory, Acting.Admin,
                b => b.PageAsync(new ClassificationQuery(Text: "97", Source: "override"), 0, 25));
            var row = Assert.Single(table.Rows, r => r.Key == "CO|97|M80|");
            Assert.True(row.IsOverride);
            Assert.Equal("Payer bulletin 2026-14 on same-session services.", row.Reason);

            // Deleting it brings the shipped row back for the open denial; a second delete finds nothing.
            var deleted = await AsAdminAsync(factory, c => c.DeleteAsync(overrideId.Value, row.Stamp));
            Assert.True(deleted.Succeeded);
            var again = await AsAdminAsync(factory, c => c.DeleteAsync(overrideId.Value, row.Stamp));
            overrideId = null;
            Assert.True(again.NotFound);
            var restored = await SettingsTestData.DenialAsync(factory, denials[plain].Id);
            Assert.Equal(("soft", "resubmit", "*-97"), (restored.Severity, restored.Action, restored.RuleId));
            Assert.Equal(SettingsTestData.ServiceDate.AddDays(90), restored.AppealDeadline);
            Assert.True(await factory.CountAuditAsync("classification.override-delete") >= 1);
        }
        finally
        {
            if (overrideId is { } leftover)
            {
                await factory.WithDbAsync(d => d.ClassificationOverrides.Where(o => o.Id == leftover).ExecuteDeleteAsync());
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task CreateOverride_BadCodesAndNoReason_EveryReasonAtItsField_NothingSaved(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var before = await factory.WithDbAsync(d => d.ClassificationOverrides.CountAsync());

        var first = await AsAdminAsync(factory, c => c.CreateAsync(Draft("ZZ", "97", null, "catastrophic", "", rootCause: "coding", owner: "coder")));
        var second = await AsAdminAsync(factory, c => c.CreateAsync(Draft("CO", "9 7", null, "hard", "Testing", modifiers: "XSX")));

        var errors = first.Errors.ToDictionary(e => e.Field, e => e.Message);
        Assert.Contains("Choose the group code", errors["GroupCode"], StringComparison.Ordinal);
        Assert.Contains("Choose the severity: soft, hard.", errors["Severity"], StringComparison.Ordinal);
        Assert.Contains("Say why the practice changes this rule", errors["Reason"], StringComparison.Ordinal);
        Assert.Contains("CARC '9 7' must be letters and digits", Assert.Single(second.Errors, e => e.Field == "ReasonCode").Message, StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDbAsync(d => d.ClassificationOverrides.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task CreateOverride_SameCodesTwice_SecondIsRefused(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        // A made-up CARC: no denial carries it, so this row changes nothing for other tests.
        var carc = "Z" + SettingsTestData.Unique("")[..5];
        var draft = Draft("*", carc, null, "soft", "New code from the payer.", "resubmit", "technical", "coding", "coder", "Correct and resubmit.");
        try
        {
            var first = await AsAdminAsync(factory, c => c.CreateAsync(draft));
            var second = await AsAdminAsync(factory, c => c.CreateAsync(draft));

            Assert.True(first.Succeeded);
            Assert.Contains("already covers *-" + carc, Assert.Single(second.Errors).Message, StringComparison.Ordinal);
            Assert.Equal(1, await factory.WithDbAsync(d => d.ClassificationOverrides.CountAsync(o => o.ReasonCode == carc)));
        }
        finally
        {
            await factory.WithDbAsync(d => d.ClassificationOverrides.Where(o => o.ReasonCode == carc).ExecuteDeleteAsync());
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task ExportCsv_ParsesBackToTheWholeEffectiveTable_AndIsAudited(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var admin = await BrowserlessClient.SignedInAsync(factory, "admin@demo.local");

        var response = await admin.Http.GetAsync("/settings/classification.csv");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var table = ClassificationTable.FromCsv(await response.Content.ReadAsStringAsync(), "export.csv");
        var grid = await Acting.RunAsync<ClassificationBrowser, ClassificationTablePage>(factory, Acting.Admin, b => b.PageAsync(new ClassificationQuery(), 0, 25));
        Assert.Equal(grid.Total, table.Rules.Count);
        // The shipped modifier row of CO-97 lists every NCCI-associated modifier (the judgement decides which counts).
        Assert.Contains(table.Rules, r => r.Group == "*" && r.Carc == "97" && r.Rarc is null && r.Modifiers.Contains("59") && r.Modifiers.Contains("LT")
            && r.Severity == Severity.Hard);
        Assert.All(ClassificationTable.Default.Rules, shipped => Assert.Contains(table.Rules, r => r.Key == shipped.Key && r.Liability == shipped.Liability));
        Assert.True(await factory.CountAuditAsync("classification.export") >= 1);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Browser_PagesAndFilters_TheEffectiveTableOnTheServer(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        Task<ClassificationTablePage> Page(ClassificationQuery query, int page, int size) =>
            Acting.RunAsync<ClassificationBrowser, ClassificationTablePage>(factory, Acting.Admin, b => b.PageAsync(query, page, size));

        var first = await Page(new ClassificationQuery(), 0, 25);
        var second = await Page(new ClassificationQuery(), 1, 25);
        var filtered = await Page(new ClassificationQuery(Text: "97", Group: "*", RootCause: "documentation"), 0, 25);
        var words = await Page(new ClassificationQuery(Text: "deductible"), 0, 25);

        // One page at a time, never the whole table: 25 rows, a stable order with no row on two pages.
        Assert.Equal(25, first.Rows.Count);
        Assert.True(first.Total > 100);
        Assert.Equal(first.Total, first.Matching);
        Assert.Empty(first.Rows.Select(r => r.Key).Intersect(second.Rows.Select(r => r.Key)));
        Assert.Equal("1", first.Rows[0].Carc);
        Assert.NotEmpty(filtered.Rows);
        Assert.All(filtered.Rows, r => Assert.StartsWith("*|97|", r.Key, StringComparison.Ordinal));
        Assert.All(filtered.Rows, r => Assert.Equal("documentation", r.RootCause));
        Assert.Equal(filtered.Rows.Count, filtered.Matching);
        Assert.Contains(words.Rows, r => r.Carc == "1" && r.CarcMeaning!.Contains("Deductible", StringComparison.Ordinal));
    }
}
