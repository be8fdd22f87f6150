using System.Globalization;
using System.Net;
using AppealStudio.Core.Denials;
using AppealStudio.Data.Denials;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Web.Tests.Settings;

public class ClassificationSettingsTests
{
    private const string Form = "[data-testid=override-form]";

    // M80 is not in the shipped rows for CARC 97, so these tests' override only reaches denials that carry it; every
    // test deletes what it created, because the test database is shared.
    private const string TestRarc = "M80";

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task OverrideCo97_ReclassifiesThePayersOpenDenial_KeepsHandClassification_AndIsAudited(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var admin = await BrowserlessClient.SignedInAsync(factory, "admin@demo.local");
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
            var page = await admin.GetDocumentAsync("/settings/classification/new");
            var response = await admin.SubmitAsync(page, Form, PayerSettingsTests.Values(page, new()
            {
                ["Input.GroupCode"] = "CO",
                ["Input.ReasonCode"] = "97",
                ["Input.RemarkCode"] = TestRarc.ToLowerInvariant(),
                ["Input.Severity"] = "hard",
                ["Input.Action"] = "appeal",
                ["Input.Category"] = "clinical",
                ["Input.RootCause"] = "medical-necessity",
                ["Input.Owner"] = "clinician",
                ["Input.Explanation"] = "Payer bundles this visit under M80; appeal with the note.",
                ["Input.Reason"] = "Payer bulletin 2026-14 on same-session services.",
            }, Form));

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var newId = await factory.WithDbAsync(d => d.ClassificationOverrides.Where(o => o.ReasonCode == "97" && o.RemarkCode == TestRarc)
                .Select(o => o.Id).SingleAsync());
            overrideId = newId;
            var list = await admin.GetDocumentAsync(response.Headers.Location!.OriginalString);
            var message = list.QuerySelector("[data-testid=override-result]")!.TextContent;
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

            var entityId = newId.ToString(CultureInfo.InvariantCulture);
            var created = await factory.WithDbAsync(d => d.AuditEvents.AsNoTracking()
                .SingleAsync(e => e.Action == "classification.override-create" && e.EntityId == entityId));
            Assert.Contains("key=CO|97|M80|", created.Details, StringComparison.Ordinal);
            Assert.Contains("rootCause=medical-necessity", created.Details, StringComparison.Ordinal);
            Assert.DoesNotContain("bulletin", created.Details, StringComparison.Ordinal);

            // The table shows the row as an override, with the reason.
            var table = await admin.GetDocumentAsync("/settings/classification?carc=97&source=override");
            var row = Assert.Single(table.QuerySelectorAll("[data-testid=rule-row]"), r => r.GetAttribute("data-key") == "CO|97|M80|");
            Assert.Equal("override", row.GetAttribute("data-source"));
            Assert.Contains("Payer bulletin 2026-14", row.TextContent, StringComparison.Ordinal);

            // Deleting it brings the shipped row back for the open denial.
            var confirm = await admin.GetDocumentAsync($"/settings/classification/{newId}/delete");
            response = await admin.SubmitAsync(confirm, "[data-testid=override-delete-form]", new Dictionary<string, string>());
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            overrideId = null;
            var restored = await SettingsTestData.DenialAsync(factory, denials[plain].Id);
            Assert.Equal(("soft", "resubmit", "*-97"), (restored.Severity, restored.Action, restored.RuleId));
            Assert.Equal(SettingsTestData.ServiceDate.AddDays(90), restored.AppealDeadline);
            Assert.True(await factory.CountAuditAsync("classification.override-delete") >= 1);

            var again = await admin.SubmitAsync(confirm, "[data-testid=override-delete-form]", new Dictionary<string, string>());
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
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
    public async Task CreateOverride_BadCodesAndNoReason_ShowsEachReasonAndKeepsInput(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var admin = await BrowserlessClient.SignedInAsync(factory, "admin@demo.local");
        var before = await factory.WithDbAsync(d => d.ClassificationOverrides.CountAsync());
        var page = await admin.GetDocumentAsync("/settings/classification/new");

        var response = await admin.SubmitAsync(page, Form, PayerSettingsTests.Values(page, new()
        {
            ["Input.GroupCode"] = "ZZ",
            ["Input.ReasonCode"] = "97",
            ["Input.Severity"] = "catastrophic",
            ["Input.Action"] = "appeal",
            ["Input.Category"] = "clinical",
            ["Input.RootCause"] = "coding",
            ["Input.Owner"] = "coder",
            ["Input.Explanation"] = "Kept explanation",
            ["Input.Reason"] = "",
        }, Form));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = await BrowserlessClient.ParseAsync(response);
        var errors = form.QuerySelector("[data-testid=form-errors]")!.TextContent;
        Assert.Contains("Choose the group code", errors, StringComparison.Ordinal);
        Assert.Contains("Choose the severity: soft, hard.", errors, StringComparison.Ordinal);
        Assert.Contains("Say why the practice changes this rule", errors, StringComparison.Ordinal);
        Assert.Equal("Kept explanation", form.QuerySelector("#explanation")!.TextContent);

        response = await admin.SubmitAsync(form, Form, PayerSettingsTests.Values(form, new()
        {
            ["Input.GroupCode"] = "CO",
            ["Input.ReasonCode"] = "9 7",
            ["Input.Modifiers"] = "XSX",
            ["Input.Severity"] = "hard",
            ["Input.Reason"] = "Testing",
        }, Form));
        form = await BrowserlessClient.ParseAsync(response);
        errors = form.QuerySelector("[data-testid=form-errors]")!.TextContent;
        Assert.Contains("CARC '9 7' must be letters and digits", errors, StringComparison.Ordinal);
        Assert.Equal("9 7", form.QuerySelector("#carc")!.GetAttribute("value"));
        Assert.Equal(before, await factory.WithDbAsync(d => d.ClassificationOverrides.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task CreateOverride_SameCodesTwice_SecondIsRefused(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var admin = await BrowserlessClient.SignedInAsync(factory, "admin@demo.local");
        // A made-up CARC: no denial carries it, so this row changes nothing for other tests.
        var carc = "Z" + SettingsTestData.Unique("")[..5];
        var page = await admin.GetDocumentAsync("/settings/classification/new");
        var values = PayerSettingsTests.Values(page, new()
        {
            ["Input.GroupCode"] = "*",
            ["Input.ReasonCode"] = carc,
            ["Input.Severity"] = "soft",
            ["Input.Action"] = "resubmit",
            ["Input.Category"] = "technical",
            ["Input.RootCause"] = "coding",
            ["Input.Owner"] = "coder",
            ["Input.Explanation"] = "Correct and resubmit.",
            ["Input.Reason"] = "New code from the payer.",
        }, Form);
        try
        {
            Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(page, Form, values)).StatusCode);
            var second = await admin.SubmitAsync(page, Form, values);

            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            Assert.Contains("already covers *-" + carc, (await BrowserlessClient.ParseAsync(second)).QuerySelector("[data-testid=form-errors]")!.TextContent,
                StringComparison.Ordinal);
            Assert.Equal(1, await factory.WithDbAsync(d => d.ClassificationOverrides.CountAsync(o => o.ReasonCode == carc)));
        }
        finally
        {
            await factory.WithDbAsync(d => d.ClassificationOverrides.Where(o => o.ReasonCode == carc).ExecuteDeleteAsync());
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task ExportCsv_ParsesBackToTheEffectiveTable_AndFilterShowsShippedRows(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var admin = await BrowserlessClient.SignedInAsync(factory, "admin@demo.local");

        var response = await admin.Http.GetAsync("/settings/classification.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var table = ClassificationTable.FromCsv(await response.Content.ReadAsStringAsync(), "export.csv");
        var page = await admin.GetDocumentAsync("/settings/classification");
        Assert.Equal(page.QuerySelectorAll("[data-testid=rule-row]").Length, table.Rules.Count);
        // The shipped modifier row of CO-97 lists every NCCI-associated modifier (the judgement decides which counts).
        Assert.Contains(table.Rules, r => r.Group == "*" && r.Carc == "97" && r.Rarc is null && r.Modifiers.Contains("59") && r.Modifiers.Contains("LT")
            && r.Severity == Severity.Hard);
        Assert.All(ClassificationTable.Default.Rules, shipped => Assert.Contains(table.Rules, r => r.Key == shipped.Key && r.Liability == shipped.Liability));
        Assert.True(await factory.CountAuditAsync("classification.export") >= 1);

        var filtered = await admin.GetDocumentAsync("/settings/classification?carc=97&group=*&cause=documentation");
        var rows = filtered.QuerySelectorAll("[data-testid=rule-row]");
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.StartsWith("*|97|", r.GetAttribute("data-key"), StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Contains("documentation", r.TextContent, StringComparison.Ordinal));
    }
}
