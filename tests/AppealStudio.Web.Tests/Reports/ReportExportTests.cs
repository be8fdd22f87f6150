using System.Globalization;
using System.Net;
using AppealStudio.Data.Reports;
using AppealStudio.Web.Tests.Infrastructure;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Web.Tests.Reports;

public class ReportExportTests
{
    private static DateOnly T => ReportFixture.Today;

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task WinRatesCsv_ParsedBack_HoldsThePageFiguresAndIsAudited(TestDatabase db)
    {
        var factory = AppFactory.For(db);

        // A payer name with a comma and quotes must survive RFC 4180 quoting.
        await using var f = await OutcomeHistory.BuildAsync(factory, $"Acme \"Health\", Inc {Guid.NewGuid():N}");
        using var client = await BrowserlessClient.SignedInAsync(factory, "manager@demo.local");
        var before = await factory.CountAuditAsync("report.export");

        var response = await client.Http.GetAsync("/reports/win-rates.csv" + f.Query(T.AddDays(OutcomeHistory.From), T));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(".csv", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName, StringComparison.Ordinal);
        var rows = Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(
            ["Payer", "Root cause", "Decided", "Overturned", "Partially overturned", "Upheld", "No response", "Win rate (%)", "95% range low (%)",
             "95% range high (%)", "Small sample", "In flight", "At stake", "Recovered"],
            rows[0]);

        // The same hand-counted figures as the page, in the page's words, as plain invariant numbers: 8/12 = 66.67 %, Wilson 39.06 .. 86.19.
        Assert.Equal([f.Payer, "Authorization", "12", "6", "2", "3", "1", "66.67", "39.06", "86.19", "no", "2", "1200.00", "680.00"], rows[1]);
        Assert.Equal([f.Payer, "Medical necessity", "3", "1", "0", "2", "0", "33.33", "6.15", "79.23", "yes", "0", "750.00", "250.00"], rows[2]);
        Assert.Equal(3, rows.Count);

        Assert.Equal(before + 1, await factory.CountAuditAsync("report.export"));
        var audit = await factory.WithDbAsync(d => d.AuditEvents.Where(e => e.Action == "report.export").OrderByDescending(e => e.Id).FirstAsync());
        Assert.Equal(("report", "win-rates"), (audit.EntityType, audit.EntityId));
        Assert.Contains("2 rows", audit.Details, StringComparison.Ordinal);
        Assert.Equal("manager@demo.local", audit.Actor);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task EveryReportTable_HasACsvThatAnswers(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        await using var f = await OutcomeHistory.BuildAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, "manager@demo.local");
        var query = f.Query(T.AddDays(OutcomeHistory.From), T);

        // The pages link each table to /reports/{id}.csv with the page's filter (ReportPageTests checks the links).
        foreach (var table in ReportTables.Ids)
        {
            var response = await client.Http.GetAsync($"/reports/{table}.csv{query}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{table}: {(int)response.StatusCode}");
            var rows = Parse(await response.Content.ReadAsStringAsync());
            Assert.True(rows.Count >= 1 && rows.All(r => r.Length == rows[0].Length), table);
        }

        Assert.Equal(11, ReportTables.Ids.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Csv_SortedAscending_FollowsThePageSort(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        await using var f = await OutcomeHistory.BuildAsync(factory);
        using var client = await BrowserlessClient.SignedInAsync(factory, "manager@demo.local");

        var csv = await client.Http.GetStringAsync("/reports/win-rates.csv" + f.Query(T.AddDays(OutcomeHistory.From), T) + "&sort=win-rates.decided&dir=asc");

        Assert.Equal(["Medical necessity", "Authorization"], Parse(csv).Skip(1).Select(r => r[1]));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Csv_TextThatLooksLikeAFormula_IsDefused(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        await using var f = await OutcomeHistory.BuildAsync(factory, "=HYPERLINK(\"x\") " + Guid.NewGuid().ToString("N")[..8]);
        using var client = await BrowserlessClient.SignedInAsync(factory, "manager@demo.local");

        var rows = Parse(await client.Http.GetStringAsync("/reports/win-rates.csv" + f.Query(T.AddDays(OutcomeHistory.From), T)));

        Assert.Equal("'" + f.Payer, rows[1][0]);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.All), MemberType = typeof(TestDatabases))]
    public async Task Csv_BadFilterOrUnknownTable_IsRefusedAndNotAudited(TestDatabase db)
    {
        var factory = AppFactory.For(db);
        using var client = await BrowserlessClient.SignedInAsync(factory, "admin@demo.local");
        var before = await factory.CountAuditAsync("report.export");

        var badDate = await client.Http.GetAsync("/reports/kpis.csv?from=2026-02-30");
        var reversed = await client.Http.GetAsync("/reports/kpis.csv?from=2026-05-01&to=2026-04-01");
        var badBy = await client.Http.GetAsync("/reports/upstream.csv?by=zodiac");
        var unknown = await client.Http.GetAsync("/reports/patients.csv");

        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Contains("YYYY-MM-DD", await badDate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badBy.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(before, await factory.CountAuditAsync("report.export"));
    }

    private static List<string[]> Parse(string text)
    {
        var options = new CsvReaderOptions { HasHeader = false, FormatProvider = CultureInfo.InvariantCulture };
        using var csv = CsvReader.FromText(text, options);
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i) ?? "").ToArray());
        }

        return rows;
    }
}
