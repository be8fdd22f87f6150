using AppealStudio.Data.Practice;
using AppealStudio.Web.Features.Appeals;
using AppealStudio.Web.Features.Settings.Payers;
using AppealStudio.Web.Tests.Appeals;
using AppealStudio.Web.Tests.Components;
using AppealStudio.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.EntityFrameworkCore;
using static AppealStudio.Web.Tests.Letters.LetterTestSetup;

namespace AppealStudio.Web.Tests.Letters;

/// <summary>Settings &gt; Payer directory (Admins: addresses per level, concurrency guard, audit) and the start form that shows the address it will use.</summary>
public class PayerDirectoryTests : ComponentTest
{
    private const string Admin = "admin@demo.local";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private static Task<int> DemoPayerAsync(AppFactory factory) =>
        factory.WithDbAsync(d => d.PayerSettings.Where(p => p.PayerIdentifier == "EXH01").Select(p => p.Id).SingleAsync());

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Directory_AdminSavesALevel_SecondCreateAndStaleEditAreRefused_SpecialistIsRefused(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var payerId = await DemoPayerAsync(factory);
        var draft = new PayerAppealAddressDraft("external-review", "External Review Unit", "PO Box 9100", null, "Springfield", "IL", "62701", "(217) 555-0150", null, null);

        var rows = await ActingAs.RunAsync<PayerAppealDirectory, IReadOnlyList<PayerDirectoryRow>>(factory, Admin, d => d.DirectoryAsync());
        Assert.Contains(rows.Single(r => r.PayerSettingId == payerId).Addresses, a => a.Level == PayerAppealAddress.AnyLevel);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            ActingAs.RunAsync<PayerAppealDirectory, SettingsResult>(factory, Specialist, d => d.SaveAsync(payerId, draft)));
        try
        {
            Assert.True((await ActingAs.RunAsync<PayerAppealDirectory, SettingsResult>(factory, Admin, d => d.SaveAsync(payerId, draft))).Succeeded);
            var again = await ActingAs.RunAsync<PayerAppealDirectory, SettingsResult>(factory, Admin, d => d.SaveAsync(payerId, draft));
            Assert.Contains(again.Errors, e => e.Field == "Level" && e.Message.Contains("already has", StringComparison.Ordinal));
            var stale = await ActingAs.RunAsync<PayerAppealDirectory, SettingsResult>(factory, Admin, d => d.SaveAsync(payerId, draft with { Fax = "(217) 555-0151", Stamp = 1 }));
            Assert.Contains(stale.Errors, e => e.Field == "" && e.Message.Contains("changed by", StringComparison.Ordinal));
            Assert.True(await factory.WithDbAsync(d => d.AuditEvents.AnyAsync(e => e.Action == "payer-address.create" && e.Details!.Contains("level=external-review"))));
        }
        finally
        {
            var row = (await ActingAs.RunAsync<PayerAppealDirectory, IReadOnlyList<PayerAppealAddress>>(factory, Admin, d => d.ListAsync(payerId))).Single(a => a.Level == "external-review");
            Assert.True((await ActingAs.RunAsync<PayerAppealDirectory, SettingsResult>(factory, Admin, d => d.DeleteAsync(payerId, "external-review", row.UpdatedAt.UtcTicks))).Succeeded);
        }
    }

    [Fact]
    public async Task DirectoryPage_ShowsTheAddresses_AndABadAddressIsRefusedAtItsFieldsKeepingTheInput()
    {
        var payerId = await DemoPayerAsync(App);
        SignIn(Admin);
        var page = RenderInApp<PayerDirectoryPage>();
        page.WaitForAssertion(() => page.Find($"[data-testid=directory-payer][data-payer-id='{payerId}']"), Wait);
        var card = page.Find($"[data-testid=directory-payer][data-payer-id='{payerId}']");
        Assert.Contains("Any level", card.TextContent, StringComparison.Ordinal);

        card.QuerySelector("[data-testid=add-address]")!.Click();
        page.WaitForAssertion(() => page.Find("[data-testid=payer-address-dialog]"), Wait);
        page.Find("input[data-testid=address-line1]").Change("PO Box 1");
        page.Find("input[data-testid=address-fax]").Change("555");
        page.Find("[data-testid=address-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("10-digit", page.Find("[data-testid=payer-address-dialog]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Contains("city, state and ZIP", page.Find("[data-testid=payer-address-dialog]").TextContent, StringComparison.Ordinal);
        Assert.Equal("PO Box 1", page.Find("input[data-testid=address-line1]").GetAttribute("value"));
        Assert.Equal(1, await App.WithDbAsync(d => d.PayerAppealAddresses.CountAsync(a => a.PayerSettingId == payerId)));
    }

    [Fact]
    public async Task StartForm_ShowsTheDirectoryAddressItWillUseAndWhereToChangeIt()
    {
        var denialId = await AppealTestData.ImportDenialAsync(App);
        SignIn(Specialist);

        var page = RenderInApp<AppealWorkspacePage>(new Dictionary<string, object?> { [nameof(AppealWorkspacePage.Id)] = denialId });

        page.WaitForAssertion(() => page.Find("[data-testid=directory-address-lines]"), Wait);
        Assert.Contains("PO Box 4600", page.Find("[data-testid=directory-address-lines]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Settings > Payer directory", page.Find("[data-testid=payer-address-choice]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("textarea[data-testid=payer-address]"));
    }
}
