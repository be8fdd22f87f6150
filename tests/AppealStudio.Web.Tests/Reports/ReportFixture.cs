using System.Globalization;
using AppealStudio.Data;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Remittances;
using AppealStudio.Data.Reports;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Reports;

/// <summary>
/// Builds a small, hand-countable history under a payer name of its own, so that a report filtered by that payer
/// sees exactly these rows whatever else the shared test database holds.
/// </summary>
internal sealed class ReportFixture : IAsyncDisposable
{
    private readonly AsyncServiceScope scope;
    private readonly RemittanceImport import;

    private ReportFixture(AppFactory factory, string payer)
    {
        scope = factory.Services.CreateAsyncScope();
        Db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Payer = payer;
        import = new RemittanceImport
        {
            FileName = "fixture.835", FileSha256 = Guid.NewGuid().ToString("N"), ImportedAt = DateTimeOffset.UtcNow, ImportedBy = "tests",
            Status = ImportStatus.Completed,
        };
        Db.RemittanceImports.Add(import);
    }

    public AppDbContext Db { get; }

    public string Payer { get; }

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static ReportFixture Create(AppFactory factory, string? payer = null) =>
        new(factory, payer ?? "Test Payer " + Guid.NewGuid().ToString("N")[..10]);

    public Payment Payment(DateOnly date)
    {
        var payment = new Payment { Import = import, PayerName = Payer, PaymentDate = date, TraceNumber = "T" + Guid.NewGuid().ToString("N")[..12] };
        Db.Payments.Add(payment);
        return payment;
    }

    public Claim Claim(Payment payment, decimal charge, string? lineCode = "99213", bool reversal = false, string? npi = "1111111111")
    {
        var claim = new Claim
        {
            Payment = payment, PatientControlNumber = "PCN" + Guid.NewGuid().ToString("N")[..10], StatusCode = reversal ? "22" : "1",
            ChargeAmount = charge, IsReversal = reversal, RenderingProviderNpi = npi,
        };
        if (lineCode is not null)
        {
            claim.Lines.Add(new ServiceLineRow { LineNumber = 1, ProcedureCode = lineCode, ChargeAmount = charge });
        }

        Db.Claims.Add(claim);
        return claim;
    }

    /// <summary>A coded denial on the claim, remitted on the payment's date unless told otherwise.</summary>
    public Denial Denial(Claim claim, decimal amount, string rootCause = "authorization", DenialStatus status = DenialStatus.New,
        Action<Denial>? configure = null)
    {
        var now = DateTimeOffset.UtcNow;
        var denial = new Denial
        {
            Claim = claim, Kind = "coded", GroupCode = "CO", ReasonCode = "197", Amount = amount, PayerName = Payer,
            RenderingProviderNpi = claim.RenderingProviderNpi, ProcedureCode = "99213", RemittanceDate = claim.Payment.PaymentDate,
            Severity = "hard", Action = "appeal", Category = "administrative", RootCause = rootCause, Owner = "scheduler",
            RuleId = "fixture", Explanation = "fixture", Status = status, CreatedAt = now, UpdatedAt = now,
        };
        configure?.Invoke(denial);
        Db.Denials.Add(denial);
        return denial;
    }

    public Appeal Appeal(Denial denial, string templateId, DateOnly? submitted, string? decision = null, DateOnly? decided = null,
        decimal? recovered = null)
    {
        var now = DateTimeOffset.UtcNow;
        var appeal = new Appeal
        {
            Denial = denial, TemplateId = templateId, TemplateVersion = 1, Markdown = "", CreatedAt = now, UpdatedAt = now,
            Status = decision is not null ? AppealStatus.Decided : submitted is not null ? AppealStatus.Submitted : AppealStatus.Draft,
            SubmittedOn = submitted, Decision = decision, DecidedOn = decided, AmountRecovered = recovered,
        };
        Db.Appeals.Add(appeal);
        return appeal;
    }

    public Task SaveAsync() => Db.SaveChangesAsync();

    public string Query(DateOnly from, DateOnly to, params (string Key, string Value)[] more) =>
        "?" + string.Join("&", new[] { ("from", Iso(from)), ("to", Iso(to)), ("payer", Payer) }.Concat(more)
            .Select(p => p.Item1 + "=" + Uri.EscapeDataString(p.Item2)));

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync() => scope.DisposeAsync();

    /// <summary>A filter over this fixture's payer from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public ReportFilter Filter(DateOnly from, DateOnly to) => new(from, to, Payer);

    /// <summary>
    /// The rows of a report table as the page shows them (in its order, or sorted by a column), each as column key to
    /// the displayed text; a flag reads "yes" when set.
    /// </summary>
    public static List<Dictionary<string, string>> Rows(ReportTable table, string? sort = null, bool descending = true) =>
        table.SortedRows(sort ?? table.DefaultSort, sort is null ? table.DefaultDescending : descending)
            .Select(row => table.Columns.Select((c, i) => (c.Key, Text: ReportTable.Format(c.Kind, row[i]))).ToDictionary(x => x.Key, x => x.Text))
            .ToList();
}
