using System.Net;
using AppealStudio.Data.Practice;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Web.Tests.Settings;

public class PracticeProfileTests
{
    private const string Form = "[data-testid=practice-form]";

    [Theory]
    [InlineData("1234567893", true)]   // the CMS example NPI
    [InlineData("1245319599", true)]
    [InlineData("1234567890", false)]  // wrong check digit
    [InlineData("123456789", false)]
    [InlineData("12345678a3", false)]
    public void IsNpi_ChecksLengthDigitsAndLuhnCheckDigit(string npi, bool valid) =>
        Assert.Equal(valid, PracticeProfileAdministration.IsNpi(npi));

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task SavePractice_BadNpiAndTaxId_RefusedWithInputKept_ThenValidSaveIsAudited(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var admin = await BrowserlessClient.SignedInAsync(factory, "admin@demo.local");
        var page = await admin.GetDocumentAsync("/settings/practice");
        var name = SettingsTestData.Unique("Springfield Orthopedics ");
        // The profile is one row shared by every test of this database: save an NPI that differs from the current
        // one, so the audit line has a changed NPI to name. Both are valid (Luhn check digit with prefix 80840).
        var current = await factory.WithDbAsync(d => d.PracticeProfiles.AsNoTracking().Select(p => p.Npi).FirstOrDefaultAsync());
        var npi = current == "1234567893" ? "1245319599" : "1234567893";

        var response = await admin.SubmitAsync(page, Form, PayerSettingsTests.Values(page, new()
        {
            ["Input.Name"] = name,
            ["Input.Npi"] = "1234567890",
            ["Input.TaxId"] = "12-345",
            ["Input.Phone"] = "555-01",
            ["Input.State"] = "I1",
            ["Input.PostalCode"] = "6270",
        }, Form));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = await BrowserlessClient.ParseAsync(response);
        var errors = form.QuerySelector("[data-testid=form-errors]")!.TextContent;
        Assert.Contains("check digit does not match", errors, StringComparison.Ordinal);
        Assert.Contains("A tax id (EIN) is 9 digits", errors, StringComparison.Ordinal);
        Assert.Contains("10-digit phone number", errors, StringComparison.Ordinal);
        Assert.Contains("two-letter code", errors, StringComparison.Ordinal);
        Assert.Contains("ZIP code of 5 digits", errors, StringComparison.Ordinal);
        Assert.Equal("1234567890", form.QuerySelector("#npi")!.GetAttribute("value"));
        Assert.Equal(name, form.QuerySelector("#name")!.GetAttribute("value"));

        response = await admin.SubmitAsync(form, Form, PayerSettingsTests.Values(form, new()
        {
            ["Input.Npi"] = "123456789",
            ["Input.TaxId"] = "123456789",
            ["Input.Phone"] = "(217) 555-0142",
            ["Input.State"] = "il",
            ["Input.PostalCode"] = "62701",
        }, Form));
        Assert.Contains("An NPI is 10 digits.", (await BrowserlessClient.ParseAsync(response)).QuerySelector("[data-testid=form-errors]")!.TextContent,
            StringComparison.Ordinal);

        response = await admin.SubmitAsync(form, Form, PayerSettingsTests.Values(form, new()
        {
            ["Input.Npi"] = npi,
            ["Input.TaxId"] = "123456789",
            ["Input.Phone"] = "(217) 555-0142",
            ["Input.State"] = "il",
            ["Input.PostalCode"] = "62701",
        }, Form));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await factory.WithDbAsync(d => d.PracticeProfiles.AsNoTracking().SingleAsync());
        Assert.Equal((name, npi, "12-3456789", "IL"), (saved.Name, saved.Npi, saved.TaxId, saved.State));
        var audit = await factory.WithDbAsync(d => d.AuditEvents.AsNoTracking().Where(e => e.Action == "practice.update").OrderBy(e => e.Id).LastAsync());
        Assert.Contains("npi", audit.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(npi, audit.Details, StringComparison.Ordinal);
        var reloaded = await admin.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.NotNull(reloaded.QuerySelector("[data-testid=practice-saved]"));
        Assert.Equal(name, reloaded.QuerySelector("#name")!.GetAttribute("value"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task SavePractice_FormOpenedBeforeAnotherSave_IsRefusedWithInputKept(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var admin = await BrowserlessClient.SignedInAsync(factory, "admin@demo.local");
        var first = await admin.GetDocumentAsync("/settings/practice");
        var second = await admin.GetDocumentAsync("/settings/practice");
        var name = SettingsTestData.Unique("First Save Clinic ");

        var saved = await admin.SubmitAsync(first, Form, PayerSettingsTests.Values(first, new() { ["Input.Name"] = name }, Form));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stale = await admin.SubmitAsync(second, Form, PayerSettingsTests.Values(second, new() { ["Input.Name"] = "Late Clinic" }, Form));

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var form = await BrowserlessClient.ParseAsync(stale);
        Assert.Contains("changed by someone else", form.QuerySelector("[data-testid=form-errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Late Clinic", form.QuerySelector("#name")!.GetAttribute("value"));
        Assert.Equal(name, await factory.WithDbAsync(d => d.PracticeProfiles.Select(p => p.Name).SingleAsync()));
    }
}
