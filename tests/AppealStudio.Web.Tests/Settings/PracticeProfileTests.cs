using AppealStudio.Data.Practice;
using AppealStudio.Web.Features.Settings.Practice;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Web.Tests.Settings;

/// <summary>Settings &gt; Practice profile through the service the page calls, as an Admin, on every database.</summary>
public class PracticeProfileTests
{
    [Theory]
    [InlineData("1234567893", true)]   // the CMS example NPI
    [InlineData("1245319599", true)]
    [InlineData("1234567890", false)]  // wrong check digit
    [InlineData("123456789", false)]
    [InlineData("12345678a3", false)]
    public void IsNpi_ChecksLengthDigitsAndLuhnCheckDigit(string npi, bool valid) =>
        Assert.Equal(valid, PracticeProfileAdministration.IsNpi(npi));

    private static Task<T> AsAdminAsync<T>(AppFactory factory, Func<PracticeProfileAdministration, Task<T>> operation) =>
        Acting.RunAsync(factory, Acting.Admin, operation);

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task SavePractice_BadNpiAndTaxId_RefusedByField_ThenValidSaveIsAudited(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var input = PracticeInput.From(await AsAdminAsync(factory, p => p.GetAsync()));
        input.Name = SettingsTestData.Unique("Springfield Orthopedics ");
        // The profile is one row shared by every test of this database: save an NPI that differs from the current
        // one, so the audit line has a changed NPI to name. Both are valid (Luhn check digit with prefix 80840).
        var npi = input.Npi == "1234567893" ? "1245319599" : "1234567893";
        (input.Npi, input.TaxId, input.Phone, input.State, input.PostalCode) = ("1234567890", "12-345", "555-01", "I1", "6270");

        var bad = await AsAdminAsync(factory, p => p.SaveAsync(input.ToDraft()));
        input.Npi = "123456789";
        (input.TaxId, input.Phone, input.State, input.PostalCode) = ("123456789", "(217) 555-0142", "il", "62701");
        var shortNpi = await AsAdminAsync(factory, p => p.SaveAsync(input.ToDraft()));
        input.Npi = npi;
        input.TimeZone = "America/Chicago";
        var good = await AsAdminAsync(factory, p => p.SaveAsync(input.ToDraft()));

        var errors = bad.Errors.ToDictionary(e => e.Field, e => e.Message);
        Assert.Contains("check digit does not match", errors["Npi"], StringComparison.Ordinal);
        Assert.Contains("A tax id (EIN) is 9 digits", errors["TaxId"], StringComparison.Ordinal);
        Assert.Contains("10-digit phone number", errors["Phone"], StringComparison.Ordinal);
        Assert.Contains("two-letter code", errors["State"], StringComparison.Ordinal);
        Assert.Contains("ZIP code of 5 digits", errors["PostalCode"], StringComparison.Ordinal);
        Assert.Equal("An NPI is 10 digits.", Assert.Single(shortNpi.Errors).Message);
        Assert.True(good.Succeeded);
        var saved = await factory.WithDbAsync(d => d.PracticeProfiles.AsNoTracking().SingleAsync());
        Assert.Equal((input.Name, npi, "12-3456789", "IL", "America/Chicago"), (saved.Name, saved.Npi, saved.TaxId, saved.State, saved.TimeZone));
        var audit = await factory.WithDbAsync(d => d.AuditEvents.AsNoTracking().Where(e => e.Action == "practice.update").OrderBy(e => e.Id).LastAsync());
        Assert.Contains("npi", audit.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(npi, audit.Details, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task SavePractice_UnknownTimeZone_IsRefusedAtTheField(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var input = PracticeInput.From(await AsAdminAsync(factory, p => p.GetAsync()));
        input.Name = string.IsNullOrEmpty(input.Name) ? "Zone Clinic" : input.Name;
        input.TimeZone = "Mars/Olympus_Mons";

        var result = await AsAdminAsync(factory, p => p.SaveAsync(input.ToDraft()));

        Assert.Equal("TimeZone", Assert.Single(result.Errors).Field);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task SavePractice_FormOpenedBeforeAnotherSave_IsRefused(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var first = PracticeInput.From(await AsAdminAsync(factory, p => p.GetAsync()));
        var second = PracticeInput.From(await AsAdminAsync(factory, p => p.GetAsync()));
        first.Name = SettingsTestData.Unique("First Save Clinic ");
        second.Name = "Late Clinic";

        var saved = await AsAdminAsync(factory, p => p.SaveAsync(first.ToDraft()));
        var stale = await AsAdminAsync(factory, p => p.SaveAsync(second.ToDraft()));

        Assert.True(saved.Succeeded);
        Assert.Contains("changed by someone else", Assert.Single(stale.Errors, e => e.Field == "").Message, StringComparison.Ordinal);
        Assert.Equal(first.Name, await factory.WithDbAsync(d => d.PracticeProfiles.Select(p => p.Name).SingleAsync()));
    }
}
