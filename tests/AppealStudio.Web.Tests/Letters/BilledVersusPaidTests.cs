using AppealStudio.Data.Appeals;
using AppealStudio.Web.Features.Appeals;
using AppealStudio.Web.Features.Denials;
using AppealStudio.Web.Features.Worklist;
using AppealStudio.Web.Tests.Appeals;
using AppealStudio.Web.Tests.Components;
using AppealStudio.Web.Tests.Infrastructure;
using Bunit;
using static AppealStudio.Web.Tests.Letters.LetterTestSetup;

namespace AppealStudio.Web.Tests.Letters;

/// <summary>"billed 90837, paid as 90834" on the worklist row, the denial page and the workspace header, from DenialBilledFacts.</summary>
public class BilledVersusPaidTests : ComponentTest
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Workspace_DowncodedLine_CarriesBilledAndPaid_UnchangedLineIsNotRecoded(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var (downcode, _) = await ImportDowncodeAsync(factory);
        var plain = await AppealTestData.ImportDenialAsync(factory);

        var recoded = await ActingAs.RunAsync<AppealWorkspace, WorkspaceModel?>(factory, Specialist, w => w.LoadAsync(downcode));
        var same = await ActingAs.RunAsync<AppealWorkspace, WorkspaceModel?>(factory, Specialist, w => w.LoadAsync(plain));

        Assert.True(recoded!.BilledLine!.IsRecoded);
        Assert.Equal("billed 90837, paid as 90834", recoded.BilledLine.Description);
        Assert.False(same!.BilledLine!.IsRecoded);
    }

    [Fact]
    public async Task WorkspaceHeader_DowncodedLine_SaysBilledAndPaidAs()
    {
        var (denialId, _) = await ImportDowncodeAsync(App);
        SignIn(Specialist);

        var page = RenderInApp<AppealWorkspacePage>(new Dictionary<string, object?> { [nameof(AppealWorkspacePage.Id)] = denialId });

        page.WaitForAssertion(() => Assert.Equal("Billed 90837, paid as 90834", page.Find("[data-testid=service]").TextContent.Trim()), Wait);
    }

    [Fact]
    public async Task WorklistRow_DowncodedLine_SaysBilledAndPaidAs()
    {
        var (_, pcn) = await ImportDowncodeAsync(App);
        SignIn(Specialist);
        At($"/worklist?q={pcn}");

        var page = RenderInApp<WorklistPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=denial-link]")), Wait);
        Assert.Equal("billed 90837, paid as 90834", Assert.Single(page.FindAll("[data-testid=billed-vs-paid]")).TextContent.Trim());
    }

    [Fact]
    public async Task DenialPage_DowncodedLine_SaysBilledAndPaidAs()
    {
        var (denialId, _) = await ImportDowncodeAsync(App);
        SignIn(Specialist);

        var page = RenderInApp<DenialPage>(new Dictionary<string, object?> { [nameof(DenialPage.Id)] = denialId });

        page.WaitForAssertion(() => Assert.Contains("Billed 90837, paid as 90834", page.Find("[data-testid=submitted-code]").TextContent, StringComparison.Ordinal), Wait);
    }
}
