using AppealStudio.Data.FeeSchedules;
using AppealStudio.Data.Lifecycle;
using AppealStudio.Data.Viability;
using AppealStudio.Web.Features.Settings;
using AppealStudio.Web.Features.Settings.AppealLevels;
using AppealStudio.Web.Features.Settings.FeeSchedules;
using AppealStudio.Web.Features.Settings.Viability;
using AppealStudio.Web.Tests.Components;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Web.Tests.Settings;

/// <summary>Settings &gt; Fee schedules, Appeal levels and Viability data as Admins and Managers see and use them.</summary>
public class SettingsDataPagesTests : ComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private static string UniquePayer() => "Test payer " + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public void SettingsPage_LinksTheThreeDataPages()
    {
        SignIn(Acting.Admin);

        var page = RenderInApp<SettingsPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=card-fee-schedules]"), Wait);
        Assert.Equal("/settings/appeal-levels", page.Find("[data-testid=card-appeal-levels] a").GetAttribute("href"));
        Assert.Equal("/settings/viability", page.Find("[data-testid=card-viability] a").GetAttribute("href"));
    }

    [Fact]
    public async Task AppealLevels_AdminAddsARowInTheDialog_ItIsListedAsStartingLater_AndAudited()
    {
        SignIn(Acting.Admin);
        var payer = UniquePayer();
        var page = RenderInApp<AppealLevelsPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=new-level-row]"), Wait);

        page.Find("[data-testid=new-level-row]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=level-dialog]"), Wait);
        page.Find("input[data-testid=level-payer]").Change(payer);
        page.Find("input[data-testid=level-window]").Change("200");
        page.Find("input[data-testid=level-from]").Change("01/01/2030");
        page.Find("textarea[data-testid=level-source]").Change("Contract amendment 7");
        page.Find("[data-testid=level-save]").Click();

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=level-row]"), r => r.TextContent.Contains(payer, StringComparison.Ordinal)), Wait);
        Assert.Empty(page.FindAll("[data-testid=level-dialog]"));
        var row = await App.WithDbAsync(db => db.AppealLevelRules.SingleAsync(r => r.Payer == payer));
        Assert.Equal((200, new DateOnly(2030, 1, 1), "second-level"), (row.WindowDays!.Value, row.EffectiveFrom!.Value, row.Level));
        var listed = page.FindAll("[data-testid=level-row]").Single(r => r.TextContent.Contains(payer, StringComparison.Ordinal)).ParentElement!;
        Assert.Contains("Starts later", listed.TextContent, StringComparison.Ordinal);
        Assert.NotNull(listed.QuerySelector("[data-testid=delete-level-row]"));
        Assert.True(await App.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "appeal-level.added" && e.EntityId == row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task AppealLevels_OverlappingRow_ShowsTheReasonInTheDialog_AndKeepsTheInput()
    {
        SignIn(Acting.Admin);
        var payer = UniquePayer();
        var first = await Acting.RunAsync<AppealLevelSettings, LifecycleResult>(App, Acting.Admin, s => s.AddAsync(
            new AppealLevelRuleInput("medicare", payer, "second-level", 120, null, null, new DateOnly(2031, 1, 1), null, "Contract")));
        Assert.True(first.Succeeded, first.Message);
        var page = RenderInApp<AppealLevelsPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=new-level-row]"), Wait);

        page.Find("[data-testid=new-level-row]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=level-dialog]"), Wait);
        page.Find("input[data-testid=level-payer]").Change(payer);
        page.Find("input[data-testid=level-window]").Change("90");
        page.Find("input[data-testid=level-from]").Change("06/01/2031");
        page.Find("textarea[data-testid=level-source]").Change("Second contract");
        page.Find("[data-testid=level-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("overlap", page.Find("[data-testid=level-dialog]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Equal(payer, page.Find("input[data-testid=level-payer]").GetAttribute("value"));
        Assert.Equal(1, await App.WithDbAsync(db => db.AppealLevelRules.CountAsync(r => r.Payer == payer)));
    }

    [Fact]
    public void AppealLevels_Manager_ReadsWithoutActions()
    {
        SignIn(Acting.Manager);

        var page = RenderInApp<AppealLevelsPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=read-only]"), Wait);
        Assert.Empty(page.FindAll("[data-testid=new-level-row]"));
        Assert.Empty(page.FindAll("[data-testid=edit-level-row]"));
        Assert.DoesNotContain(page.FindAll(".mud-breadcrumbs a"), a => a.GetAttribute("href") == "/settings");
    }

    [Fact]
    public async Task FeeSchedules_BadRows_AreListedByLine_AndNothingIsSaved()
    {
        SignIn(Acting.Admin);
        var payer = UniquePayer();
        var page = RenderInApp<FeeSchedulesPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=fee-upload]"), Wait);

        page.Find("input[data-testid=fee-payer]").Change(payer);
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            "code,modifier,allowed,effective_from,effective_to\n99213,,85.00,2026-01-01,\n99214,,abc,2026-01-01,\n99215,,90,01/02/2026,\n", "rates.csv"));
        page.WaitForAssertion(() => Assert.Contains("rates.csv", page.Find("[data-testid=fee-file-chosen]").TextContent, StringComparison.Ordinal), Wait);
        page.Find("[data-testid=fee-upload-start]").Click();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=fee-problem]").Count), Wait);
        var problems = page.FindAll("[data-testid=fee-problem]").Select(p => p.TextContent).ToList();
        Assert.StartsWith("line 3:", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("line 4:", problems[1], StringComparison.Ordinal);
        Assert.Contains("nothing was saved", page.Find("[data-testid=fee-problems]").TextContent, StringComparison.Ordinal);
        Assert.False(await App.WithDbAsync(db => db.FeeScheduleRates.AnyAsync(r => r.Payer == payer)));
    }

    [Fact]
    public async Task FeeSchedules_GoodFile_IsListedWithItsRows_ThenRetired()
    {
        SignIn(Acting.Admin);
        var payer = UniquePayer();
        var page = RenderInApp<FeeSchedulesPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=fee-upload]"), Wait);

        page.Find("input[data-testid=fee-payer]").Change(payer);
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            "code,modifier,allowed,effective_from,effective_to\n99213,,85.00,2026-01-01,\n99214,25,120.00,2026-01-01,2026-12-31\n", "acme.csv"));
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=fee-upload-start]").HasAttribute("disabled")), Wait);
        page.Find("[data-testid=fee-upload-start]").Click();

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=fee-schedule]"), r => r.GetAttribute("data-payer") == payer), Wait);
        var row = page.FindAll("[data-testid=fee-schedule]").Single(r => r.GetAttribute("data-payer") == payer).ParentElement!;
        Assert.Equal("2", row.QuerySelector("[data-testid=fee-rows]")!.TextContent.Trim());
        Assert.Contains("From 01/01/2026", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("2 rate(s) saved", page.Find("[data-testid=fee-result]").TextContent, StringComparison.Ordinal);

        row.QuerySelector("[data-testid=fee-retire]")!.Click();
        page.WaitForAssertion(() => page.Find("[data-testid=confirm-ok]"), Wait);
        page.Find("[data-testid=confirm-ok]").Click();

        page.WaitForAssertion(() => Assert.DoesNotContain(page.FindAll("[data-testid=fee-schedule]"), r => r.GetAttribute("data-payer") == payer), Wait);
        Assert.False(await App.WithDbAsync(db => db.FeeScheduleRates.AnyAsync(r => r.Payer == payer)));
    }

    [Fact]
    public void FeeSchedules_Manager_SeesNoUpload()
    {
        SignIn(Acting.Manager);

        var page = RenderInApp<FeeSchedulesPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=read-only]"), Wait);
        Assert.Empty(page.FindAll("[data-testid=fee-upload]"));
        Assert.Empty(page.FindAll("[data-testid=fee-retire]"));
    }

    [Fact]
    public async Task Viability_NcciFileWithBadLines_ListsThemByLine_AndLoadsNothing()
    {
        SignIn(Acting.Admin);
        var before = await App.WithDbAsync(db => db.NcciEditFiles.CountAsync());
        var page = RenderInApp<ViabilityPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=ncci-section]"), Wait);
        Assert.NotEmpty(page.FindAll("[data-testid=inclusion]"));

        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            "20610\t99213\t\t20200101\t*\t0\tMisuse of column two code with column one code\nnot an edit at all\n", "ccipra-v999r0-f1.txt"));
        page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=ncci-upload-start]").HasAttribute("disabled")), Wait);
        page.Find("[data-testid=ncci-upload-start]").Click();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=ncci-problem]")), Wait);
        Assert.Contains("nothing was saved", page.Find("[data-testid=ncci-result]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Line 2", page.Find("[data-testid=ncci-problem]").TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await App.WithDbAsync(db => db.NcciEditFiles.CountAsync()));
    }

    [Fact]
    public async Task Viability_AdminRemovesAPayersUnits_AfterConfirming()
    {
        SignIn(Acting.Admin);
        var payer = (await Acting.RunAsync<ViabilityDataAdministration, IReadOnlyList<string>>(App, Acting.Admin, s => s.PayerNamesAsync()))[^1];
        var saved = await Acting.RunAsync<ViabilityDataAdministration, LifecycleResult>(App, Acting.Admin,
            s => s.SavePhysicalStatusUnitsAsync(new PhysicalStatusUnitsInput(payer, 0, 0, 1, 2, 3, 0, "Test contract")));
        Assert.True(saved.Succeeded, saved.Message);
        var page = RenderInApp<ViabilityPage>();
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=units-row]"), r => r.GetAttribute("data-payer") == payer), Wait);

        page.FindAll("[data-testid=units-row]").Single(r => r.GetAttribute("data-payer") == payer).QuerySelector("[data-testid=remove-units]")!.Click();
        page.WaitForAssertion(() => page.Find("[data-testid=confirm-ok]"), Wait);
        page.Find("[data-testid=confirm-ok]").Click();

        page.WaitForAssertion(() => Assert.DoesNotContain(page.FindAll("[data-testid=units-row]"), r => r.GetAttribute("data-payer") == payer), Wait);
        Assert.True(await App.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "viability.p-units-deleted" && e.EntityId == payer)));
    }

    [Fact]
    public void Viability_Manager_ReadsWithoutUploadOrEdits()
    {
        SignIn(Acting.Manager);

        var page = RenderInApp<ViabilityPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=read-only]"), Wait);
        Assert.NotEmpty(page.FindAll("[data-testid=inclusion]"));
        Assert.Empty(page.FindAll("[data-testid=ncci-upload-start]"));
        Assert.Empty(page.FindAll("[data-testid=edit-inclusion]"));
        Assert.Empty(page.FindAll("[data-testid=new-units]"));
    }
}
