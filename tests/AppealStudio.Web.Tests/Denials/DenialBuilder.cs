using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AppealStudio.Data;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Remittances;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Denials;

/// <summary>
/// Inserts denials the way an import leaves them (RemittanceImport → Payment → Claim → ServiceLine → Denial),
/// straight into the app's database. The database is shared by all tests of a run, so each builder has its own payer
/// name: filter the worklist by <see cref="Payer"/> to see only this test's rows.
/// </summary>
public sealed class DenialBuilder(AppFactory factory)
{
    private long? paymentId;

    public string Payer { get; } = "Payer " + Guid.NewGuid().ToString("N")[..10];

    public static DateOnly Today => DenialWorkflow.Today(TimeProvider.System);

    public string PayerQuery => "payer=" + Uri.EscapeDataString(Payer);

    public async Task<Denial> AddAsync(Action<Denial>? denial = null, Action<Claim>? claim = null, Action<ServiceLineRow>? line = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        paymentId ??= await CreatePaymentAsync(db);

        var suffix = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var c = new Claim
        {
            PaymentId = paymentId.Value,
            PatientControlNumber = "PCN" + suffix,
            PayerClaimNumber = "PCL" + suffix,
            StatusCode = "4",
            ChargeAmount = 250m,
            PaidAmount = 0m,
            PatientLastName = "Doe",
            PatientFirstName = "Jane",
            PatientMemberId = "MEM" + suffix,
            RenderingProviderName = "Reyes, Dana",
            RenderingProviderNpi = "1234567893",
            StatementFrom = Today.AddDays(-40),
            StatementTo = Today.AddDays(-40),
        };
        claim?.Invoke(c);
        db.Claims.Add(c);
        await db.SaveChangesAsync();

        var l = new ServiceLineRow
        {
            ClaimId = c.Id,
            LineNumber = 1,
            ProcedureQualifier = "HC",
            ProcedureCode = "99214",
            Modifiers = "25",
            ChargeAmount = 250m,
            PaidAmount = 0m,
            Units = 1m,
            ServiceDate = Today.AddDays(-40),
        };
        line?.Invoke(l);
        db.ServiceLines.Add(l);
        await db.SaveChangesAsync();

        var now = DateTimeOffset.UtcNow;
        var d = new Denial
        {
            ClaimId = c.Id,
            ServiceLineId = l.Id,
            Kind = "coded",
            GroupCode = "CO",
            ReasonCode = "50",
            RemarkCodes = "N115",
            Amount = 100m,
            PayerName = Payer,
            PayerIdentifier = "12345",
            ProcedureCode = l.ProcedureCode,
            RenderingProviderNpi = c.RenderingProviderNpi,
            ServiceDate = l.ServiceDate,
            RemittanceDate = Today.AddDays(-10),
            Severity = "hard",
            Action = "appeal",
            Category = "clinical",
            RootCause = "medical-necessity",
            Owner = "clinician",
            RuleId = "CARC-50",
            Explanation = "CARC 50: the payer judged the service not medically necessary.",
            AppealDeadline = Today.AddDays(60),
            DeadlineBasis = "First-level appeal: 60 days from the remittance date.",
            Probability = 0.45m,
            ExpectedRecovery = 20m,
            PriorityScore = 20m,
            Status = DenialStatus.New,
            CreatedAt = now,
            UpdatedAt = now,
        };
        denial?.Invoke(d);
        db.Denials.Add(d);
        await db.SaveChangesAsync();
        return d;
    }

    public async Task<Denial> ReloadAsync(long id) =>
        await factory.WithDbAsync(db => db.Denials.AsNoTracking().SingleAsync(d => d.Id == id));

    public async Task<List<DenialEvent>> EventsAsync(long id) =>
        await factory.WithDbAsync(db => db.DenialEvents.AsNoTracking().Where(e => e.DenialId == id).OrderBy(e => e.Id).ToListAsync());

    public Task<int> AuditCountAsync(string action, long id) =>
        factory.WithDbAsync(db => db.AuditEvents.CountAsync(e =>
            e.Action == action && e.EntityType == "Denial" && e.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static Task<string> UserIdAsync(AppFactory factory, string email) =>
        factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private async Task<long> CreatePaymentAsync(AppDbContext db)
    {
        var import = new RemittanceImport
        {
            FileName = "test.835",
            FileSha256 = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
            ImportedAt = DateTimeOffset.UtcNow,
            ImportedBy = "test",
            Status = ImportStatus.Completed,
        };
        db.RemittanceImports.Add(import);
        await db.SaveChangesAsync();
        var payment = new Payment
        {
            ImportId = import.Id,
            PayerName = Payer,
            PayerIdentifier = "12345",
            TraceNumber = "TRN" + Guid.NewGuid().ToString("N")[..6],
            PaymentDate = Today.AddDays(-10),
        };
        db.Payments.Add(payment);
        await db.SaveChangesAsync();
        return payment.Id;
    }
}

/// <summary>Form posts the browserless client cannot make: a field repeated (row check boxes), as a browser sends it.</summary>
public static class FormPosts
{
    public static async Task<HttpResponseMessage> PostAsync(BrowserlessClient client, IDocument page, string selector,
        IEnumerable<KeyValuePair<string, string>> values)
    {
        var form = page.QuerySelector(selector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form matches {selector}.");
        var fields = form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>()
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
        fields.AddRange(values);
        return await client.Http.PostAsync(form.GetAttribute("action")!, new FormUrlEncodedContent(fields));
    }

    public static async Task<IHtmlDocument> OkDocumentAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await BrowserlessClient.ParseAsync(response);
    }
}
