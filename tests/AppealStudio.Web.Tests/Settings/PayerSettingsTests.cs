using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AppealStudio.Data.Denials;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Web.Tests.Settings;

public class PayerSettingsTests
{
    private const string Form = "[data-testid=payer-form]";

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task CreatePayer_BadValues_ShowsEachReasonAndKeepsInput(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var admin = await BrowserlessClient.SignedInAsync(factory, "admin@demo.local");
        var name = SettingsTestData.Unique("BAD VALUES PLAN ");
        var page = await admin.GetDocumentAsync("/settings/payers/new");
        var before = await factory.WithDbAsync(d => d.PayerSettings.CountAsync());

        var response = await admin.SubmitAsync(page, Form, Values(page, new()
        {
            ["Input.Name"] = name,
            ["Input.Type"] = "Bogus",
            ["Input.FirstLevelDays"] = "0",
            ["Input.SecondLevelDays"] = "abc",
            ["Input.TimelyFilingDays"] = "5000",
            ["Input.ReceiptPresumptionDays"] = "-1",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = await BrowserlessClient.ParseAsync(response);
        var errors = form.QuerySelector("[data-testid=form-errors]")!.TextContent;
        Assert.Contains("first-level appeal window is 1 to 3650 days", errors, StringComparison.Ordinal);
        Assert.Contains("second-level appeal window must be a whole number", errors, StringComparison.Ordinal);
        Assert.Equal(name, form.QuerySelector("#name")!.GetAttribute("value"));
        Assert.Equal("abc", form.QuerySelector("#secondLevel")!.GetAttribute("value"));

        // The number problems fixed, the service's own rules speak: type, range, receipt presumption.
        response = await admin.SubmitAsync(form, Form, Values(form, new()
        {
            ["Input.SecondLevelDays"] = "",
            ["Input.Type"] = "Bogus",
        }));
        form = await BrowserlessClient.ParseAsync(response);
        errors = form.QuerySelector("[data-testid=form-errors]")!.TextContent;
        Assert.Contains("Choose the payer type", errors, StringComparison.Ordinal);
        Assert.Contains("timely filing window is 1 to 3650 days", errors, StringComparison.Ordinal);
        Assert.Contains("Receipt presumption is 0", errors, StringComparison.Ordinal);
        Assert.Equal("5000", form.QuerySelector("#timelyFiling")!.GetAttribute("value"));
        Assert.Equal(before, await factory.WithDbAsync(d => d.PayerSettings.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task CreatePayer_NameOrIdOfAnotherPayer_IsRefused_AndSecondClickDoesNotDuplicate(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var admin = await BrowserlessClient.SignedInAsync(factory, "admin@demo.local");
        var page = await admin.GetDocumentAsync("/settings/payers/new");

        // "Aetna Inc." normalizes to the shipped Aetna's name; 87726 is UnitedHealthcare's payer id.
        var response = await admin.SubmitAsync(page, Form, Values(page, new() { ["Input.Name"] = "Aetna Inc.", ["Input.FirstLevelDays"] = "90" }));
        var text = (await BrowserlessClient.ParseAsync(response)).QuerySelector("[data-testid=form-errors]")!.TextContent;
        Assert.Contains("already has this name", text, StringComparison.Ordinal);

        var name = SettingsTestData.Unique("CLICK TWICE PLAN ");
        response = await admin.SubmitAsync(page, Form, Values(page, new() { ["Input.Name"] = name, ["Input.PayerIdentifier"] = "87726" }));
        text = (await BrowserlessClient.ParseAsync(response)).QuerySelector("[data-testid=form-errors]")!.TextContent;
        Assert.Contains("87726 already belongs to \"UnitedHealthcare\"", text, StringComparison.Ordinal);

        var values = Values(page, new() { ["Input.Name"] = name, ["Input.FirstLevelDays"] = "90" });
        response = await admin.SubmitAsync(page, Form, values);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        response = await admin.SubmitAsync(page, Form, values);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("already has this name", (await BrowserlessClient.ParseAsync(response)).QuerySelector("[data-testid=form-errors]")!.TextContent,
            StringComparison.Ordinal);
        Assert.Equal(1, await factory.WithDbAsync(d => d.PayerSettings.CountAsync(p => p.Name == name)));
        Assert.True(await factory.WithDbAsync(d => d.AuditEvents.AnyAsync(e => e.Action == "payer.create" && e.EntityId != null)));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task EditPayer_FirstLevelWindowChanged_RecomputesOpenDenialsOnly(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var admin = await BrowserlessClient.SignedInAsync(factory, "admin@demo.local");
        var name = SettingsTestData.Unique("WINDOW TEST HEALTH ");
        var payerId = SettingsTestData.Unique("WT");

        // Created through the form, so the import that follows matches the new payer by its id.
        var page = await admin.GetDocumentAsync("/settings/payers/new");
        var created = await admin.SubmitAsync(page, Form, Values(page, new()
        {
            ["Input.Name"] = name,
            ["Input.PayerIdentifier"] = payerId,
            ["Input.Type"] = "Commercial",
            ["Input.FirstLevelDays"] = "30",
            ["Input.TimelyFilingDays"] = "180",
        }));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = await factory.WithDbAsync(d => d.PayerSettings.Where(p => p.Name == name).Select(p => p.Id).SingleAsync());

        // XS on the line makes CO-97 an appeal, whose deadline is the first-level window from the remittance date.
        var open = SettingsTestData.Unique("OPEN-");
        var closed = SettingsTestData.Unique("DONE-");
        var denials = await SettingsTestData.ImportAsync(factory, name, payerId,
            new TestClaim(open, "97", "N19", "XS"), new TestClaim(closed, "97", "N19", "XS"));
        Assert.Equal("appeal", denials[open].Action);
        Assert.Equal(SettingsTestData.RemittanceDate.AddDays(30), denials[open].AppealDeadline);
        Assert.False(denials[open].DeadlineIsDefault);
        await factory.WithDbAsync(async d =>
        {
            await d.Denials.Where(x => x.Id == denials[closed].Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, DenialStatus.Submitted));
            return 0;
        });

        var edit = await admin.GetDocumentAsync($"/settings/payers/{id}");
        var response = await admin.SubmitAsync(edit, Form, Values(edit, new() { ["Input.FirstLevelDays"] = "90" }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = await admin.GetDocumentAsync(response.Headers.Location!.OriginalString);
        var result = list.QuerySelector("[data-testid=payer-result]")!.TextContent;
        Assert.Contains("1 open denial recomputed: 1 changed (1 new deadline)", result, StringComparison.Ordinal);
        var after = await SettingsTestData.DenialAsync(factory, denials[open].Id);
        Assert.Equal(SettingsTestData.RemittanceDate.AddDays(90), after.AppealDeadline);
        Assert.Contains("90 days", after.DeadlineBasis, StringComparison.Ordinal);
        Assert.Equal(denials[open].Version, after.Version);
        var untouched = await SettingsTestData.DenialAsync(factory, denials[closed].Id);
        Assert.Equal(SettingsTestData.RemittanceDate.AddDays(30), untouched.AppealDeadline);

        var audit = await factory.WithDbAsync(d => d.AuditEvents.AsNoTracking()
            .Where(e => e.Action == "payer.update" && e.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToListAsync());
        Assert.Contains(audit, e => e.Details!.Contains("firstLevel=30->90", StringComparison.Ordinal));
        Assert.True(await factory.WithDbAsync(d => d.AuditEvents.AnyAsync(e => e.Action == "denial.reassess" && e.Details!.Contains("trigger=payer:" + id))));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task EditPayer_SomeoneSavedMeanwhile_StaleFormIsRefusedWithInputKept(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var admin = await BrowserlessClient.SignedInAsync(factory, "admin@demo.local");
        var name = SettingsTestData.Unique("STALE PLAN ");
        var id = await SettingsTestData.AddPayerAsync(factory, name, SettingsTestData.Unique("ST"), 60, 90);
        var first = await admin.GetDocumentAsync($"/settings/payers/{id}");
        var second = await admin.GetDocumentAsync($"/settings/payers/{id}");

        var saved = await admin.SubmitAsync(first, Form, Values(first, new() { ["Input.FirstLevelDays"] = "120" }));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stale = await admin.SubmitAsync(second, Form, Values(second, new() { ["Input.FirstLevelDays"] = "45" }));

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var form = await BrowserlessClient.ParseAsync(stale);
        Assert.Contains("since you opened it", form.QuerySelector("[data-testid=form-errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("45", form.QuerySelector("#firstLevel")!.GetAttribute("value"));
        Assert.Equal(120, await factory.WithDbAsync(d => d.PayerSettings.Where(p => p.Id == id).Select(p => p.FirstLevelDays).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task DeletePayer_ItsDenialsFallBackToTheFlaggedDefault_AndSecondClickIsNotFound(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var admin = await BrowserlessClient.SignedInAsync(factory, "admin@demo.local");
        var name = SettingsTestData.Unique("DELETE ME HEALTH ");
        var payerId = SettingsTestData.Unique("DM");
        var id = await SettingsTestData.AddPayerAsync(factory, name, payerId, 200, 300);
        var pcn = SettingsTestData.Unique("DEL-");
        var denial = (await SettingsTestData.ImportAsync(factory, name, payerId, new TestClaim(pcn, "97", "N19", "XS")))[pcn];
        Assert.Equal(SettingsTestData.RemittanceDate.AddDays(200), denial.AppealDeadline);

        var confirm = await admin.GetDocumentAsync($"/settings/payers/{id}/delete");
        Assert.Contains("1 open denial uses this payer's windows", confirm.QuerySelector("[data-testid=delete-warning]")!.TextContent, StringComparison.Ordinal);
        var response = await admin.SubmitAsync(confirm, "[data-testid=payer-delete-form]", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await SettingsTestData.DenialAsync(factory, denial.Id);
        Assert.True(after.DeadlineIsDefault);
        Assert.Equal(SettingsTestData.RemittanceDate.AddDays(60), after.AppealDeadline);
        Assert.False(await factory.WithDbAsync(d => d.PayerSettings.AnyAsync(p => p.Id == id)));
        Assert.True(await factory.WithDbAsync(d => d.AuditEvents.AnyAsync(e => e.Action == "payer.delete" && e.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        var again = await admin.SubmitAsync(confirm, "[data-testid=payer-delete-form]", new Dictionary<string, string>());
        Assert.True(again.StatusCode == HttpStatusCode.NotFound, await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.GetAsync($"/settings/payers/{id}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task PayersPage_ShowsTheConfiguredUnknownPayerDefaultAndUnmatchedPayers(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var admin = await BrowserlessClient.SignedInAsync(factory, "admin@demo.local");
        var stranger = SettingsTestData.Unique("NOBODY KNOWS MUTUAL ");
        var pcn = SettingsTestData.Unique("UNK-");
        var denial = (await SettingsTestData.ImportAsync(factory, stranger, SettingsTestData.Unique("NK"), new TestClaim(pcn, "97", "N19", "XS")))[pcn];
        Assert.True(denial.DeadlineIsDefault);

        var page = await admin.GetDocumentAsync("/settings/payers");

        Assert.Contains("60 days", page.QuerySelector("[data-testid=default-appeal-days]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("90 days", page.QuerySelector("[data-testid=default-timely-days]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Denials:UnknownPayer:AppealDays", page.QuerySelector("[data-testid=unknown-payer]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(stranger, page.QuerySelector("[data-testid=unknown-payers]")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.QuerySelectorAll("[data-testid=payer-row]"));
    }

    /// <summary>Every field of the form as the browser would send it, with some values replaced.</summary>
    internal static Dictionary<string, string> Values(IDocument page, Dictionary<string, string> changes, string selector = Form)
    {
        var form = page.QuerySelector(selector)!;
        var values = new Dictionary<string, string>();
        foreach (var element in form.QuerySelectorAll("input, select, textarea"))
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || element is IHtmlInputElement { Type: "hidden" or "submit" })
            {
                continue;
            }

            values[name] = element switch
            {
                IHtmlSelectElement select => select.Options.FirstOrDefault(o => o.IsSelected)?.Value ?? select.Options.FirstOrDefault()?.Value ?? "",
                IHtmlTextAreaElement area => area.Value,
                IHtmlInputElement input => input.GetAttribute("value") ?? "",
                _ => "",
            };
        }

        foreach (var (key, value) in changes)
        {
            values[key] = value;
        }

        return values;
    }
}
