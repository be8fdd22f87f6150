using AppealStudio.Data.Denials;
using AppealStudio.Web.Features.Worklist;
using AppealStudio.Web.Tests.Components;
using AppealStudio.Web.Tests.Denials;
using Bunit;

namespace AppealStudio.Web.Tests.Worklist;

public class WorklistPageTests : ComponentTest
{
    private const string Specialist = "specialist@demo.local";

    [Fact]
    public async Task WorklistPage_PayerInTheUrl_ShowsThatPayersRowsByPriorityWithMoneyAndDates()
    {
        var seed = new DenialBuilder(App);
        var low = await seed.AddAsync(d => { d.PriorityScore = 10m; d.Amount = 1234.5m; });
        var high = await seed.AddAsync(d => d.PriorityScore = 300m);
        SignIn(Specialist);
        At("/worklist?" + seed.PayerQuery);

        var page = Render<WorklistPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=denial-link]").Count), TimeSpan.FromSeconds(10));
        var ids = page.FindAll("[data-testid=denial-link]").Select(a => a.GetAttribute("data-denial-id")).ToList();
        Assert.Equal([high.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), low.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], ids);
        Assert.Contains("$1,234.50", page.Markup, StringComparison.Ordinal);
        Assert.Equal("2", page.Find("[data-testid=count-all]").TextContent.Trim());
    }
}
