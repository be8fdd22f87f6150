using AppealStudio.Data.Appeals;
using AppealStudio.Web.Features.Appeals;
using AppealStudio.Web.Tests.Appeals;
using AppealStudio.Web.Tests.Components;
using AppealStudio.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Web.Tests.Letters;

/// <summary>
/// The workspace's export panel: the PDF packet offered first as what payers accept, made on the circuit (a refusal
/// is said in words, a download is audited), and the enclosure list exactly as the packet will number it.
/// </summary>
public class ExportPanelTests : ComponentTest
{
    private const string Specialist = "specialist@demo.local";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private static readonly LetterStartDetails Details = new("Appeals Department\nPO Box 100\nSpringfield, IL 62701",
        "Example Health Plan reimbursement policy RP-059 (NCCI edits)", new Dictionary<string, string>(StringComparer.Ordinal));

    private async Task<(long DenialId, long AppealId)> StartedAsync()
    {
        var denialId = await AppealTestData.ReadyDenialAsync(App);
        var result = await ActingAs.RunAsync<StartAppeal, AppealResult>(App, Specialist,
            w => w.StartAsync(denialId, "ortho-modifier-59", Details, autoEvidence: true));
        Assert.True(result.Succeeded, result.Message);
        return (denialId, result.AppealId);
    }

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> Open(long denialId)
    {
        var page = RenderInApp<AppealWorkspacePage>(new Dictionary<string, object?> { [nameof(AppealWorkspacePage.Id)] = denialId });
        page.WaitForAssertion(() => page.Find("[data-testid=enclosures]"), Wait);
        return page;
    }

    [Fact]
    public async Task ExportPanel_UnsignedClinicalLetter_PdfDisabledWithTheReasonInWords_EnclosuresListed()
    {
        var (denialId, appealId) = await StartedAsync();
        SignIn(Specialist);

        var page = Open(denialId);

        Assert.True(page.Find("[data-testid=export-pdf]").HasAttribute("disabled"));
        Assert.Contains("must sign it before it is exported", page.Find("[data-testid=export-refused]").TextContent, StringComparison.Ordinal);
        Assert.Contains("payers accept", page.Find("[data-testid=export-pdf-hint]").TextContent, StringComparison.Ordinal);
        var enclosures = page.FindAll("[data-testid=enclosure]").Select(e => e.TextContent).ToList();
        // The cited operative report first (by its title, date and author, never an id or offset), then the remittance.
        Assert.Equal(2, enclosures.Count);
        Assert.Contains("Operative report", enclosures[0], StringComparison.Ordinal);
        Assert.Contains("Elena Marquez, MD", enclosures[0], StringComparison.Ordinal);
        Assert.Contains("emittance", enclosures[1], StringComparison.Ordinal);
        Assert.Equal(0, await AppealTestData.AuditCountAsync(App, "appeal.export", appealId));
    }

    [Fact]
    public async Task ExportPanel_SignedLetter_PdfClickDownloadsTheAuditedPacket()
    {
        var (denialId, appealId) = await StartedAsync();
        await AppealTestData.SignAsync(App, appealId);
        SignIn(Specialist);
        var page = Open(denialId);
        Assert.Empty(page.FindAll("[data-testid=export-refused]"));

        page.Find("[data-testid=export-pdf]").Click();

        page.WaitForAssertion(() => Assert.Contains("PDF packet downloaded", page.Markup, StringComparison.Ordinal), Wait);
        var details = await App.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == "appeal.export" && e.EntityId == appealId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(e => e.Details).ToListAsync());
        Assert.Equal(["format=pdf"], details);
        var download = Assert.Single(JSInterop.Invocations, i => i.Identifier == "save");
        Assert.Equal($"appeal-{appealId}-packet.pdf", download.Arguments[0]);
    }

    [Fact]
    public async Task ExportPanel_AttachmentAdded_JoinsTheEnclosureListAfterTheRemittance()
    {
        var (denialId, appealId) = await StartedAsync();
        using (var stream = new MemoryStream("Prior authorization PA-7781 approved 08/01/2026."u8.ToArray()))
        {
            Assert.True((await ActingAs.RunAsync<PacketAttachments, AppealResult>(App, Specialist, w => w.AddAttachmentAsync(appealId, "prior-auth.txt", stream))).Succeeded);
        }

        SignIn(Specialist);
        var page = Open(denialId);

        var enclosures = page.FindAll("[data-testid=enclosure]").Select(e => e.TextContent).ToList();
        Assert.Equal(3, enclosures.Count);
        Assert.Contains("emittance", enclosures[1], StringComparison.Ordinal);
        Assert.DoesNotContain("emittance", enclosures[2], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Enclosures_WrongRoleIsRefused_UnknownAppealIsEmpty(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        var denialId = await AppealTestData.ReadyDenialAsync(factory);
        var appealId = (await ActingAs.RunAsync<StartAppeal, AppealResult>(factory, Specialist,
            w => w.StartAsync(denialId, "ortho-modifier-59", Details, autoEvidence: true))).AppealId;

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            ActingAs.RunAsync<AppealExport, IReadOnlyList<string>>(factory, "physician@demo.local", e => e.EnclosuresAsync(appealId)));
        Assert.Empty(await ActingAs.RunAsync<AppealExport, IReadOnlyList<string>>(factory, Specialist, e => e.EnclosuresAsync(long.MaxValue)));
        Assert.NotEmpty(await ActingAs.RunAsync<AppealExport, IReadOnlyList<string>>(factory, Specialist, e => e.EnclosuresAsync(appealId)));
    }
}
