using System.Globalization;
using AppealStudio.Data;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Remittances;
using AppealStudio.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Web.Tests.Reports;

/// <summary>
/// A random practice history over the last eight months (and today), deliberately full of the edge cases the rollups
/// must reproduce: codes on range borders, Category II/III and lower-case suffixes, HCPCS, short and missing codes;
/// claims with several lines of different specialties, no lines, reversals; denials remitted in another month than
/// their claim's payment, without CARC or group code, written off; appeals drafted, submitted, decided with unknown
/// decision texts or without dates, recovered or not.
/// </summary>
internal sealed class RandomHistory
{
    public static readonly string[] Codes =
    [
        "29881", "20000", "29999", "19999", "93306", "92920", "93799", "33010", "37799", "01402", "00100", "01999", "90837", "90785",
        "90899", "99213", "3074F", "0042T", "0001U", "0002M", "9083f", "G0439", "2988", "299999", "J1100", "",
    ];

    public static readonly string?[] Scenarios = ["modifier-59", "modifier-25", "physical-status", "session-length", null, null, "other-scenario"];

    public static readonly string[] Causes = ["authorization", "medical-necessity", "coding", "eligibility", "timely-filing", "documentation"];

    public static readonly string[] Owners = ["scheduler", "clinician", "coder", "front-desk", "biller"];

    public static readonly string[] Templates = ["prior-authorization", "medical-necessity", "general-appeal", "modifier-59-knee-arthroscopy"];

    public static readonly string?[] Decisions =
        [AppealDecisions.Overturned, AppealDecisions.PartiallyOverturned, AppealDecisions.Upheld, AppealDecisions.NoResponse, null, null, "withdrawn"];

    public static readonly string?[] Npis = ["1000000001", "1000000002", "1000000003", null];

    /// <summary>
    /// The rollups read the status only as "written off or not". Closed statuses keep these many unknown-payer denials
    /// out of the open work other tests of the shared database look at (worklist, unknown payers of the settings page).
    /// </summary>
    public static readonly DenialStatus[] ClosedStatuses = [DenialStatus.Submitted, DenialStatus.Decided, DenialStatus.WrittenOff];

    private readonly Random random;

    public RandomHistory(int seed, string prefix)
    {
        random = new Random(seed);
        Payers = [prefix + " Alpha", prefix + " Beta", prefix + " Gamma"];
    }

    public IReadOnlyList<string> Payers { get; }

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public DateOnly Day(int daysBack = 240) => Today.AddDays(-random.Next(daysBack + 1));

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public decimal Money(int max = 900) => random.Next(1, max * 100) / 100m;

    public bool Chance(double p) => random.NextDouble() < p;

    public int Next(int max) => random.Next(max);

    /// <summary>Adds one import of random payments, claims and denials; returns its id. <paramref name="appeals"/>: also appeal some denials.</summary>
    public async Task<long> BuildAsync(AppFactory factory, int claims = 260, bool appeals = true)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var import = new RemittanceImport
        {
            FileName = "random.835", FileSha256 = Guid.NewGuid().ToString("N"), ImportedAt = DateTimeOffset.UtcNow, ImportedBy = "tests",
            Status = ImportStatus.Completed,
        };
        db.RemittanceImports.Add(import);
        var payments = Enumerable.Range(0, 40).Select(_ => new Payment
        {
            Import = import, PayerName = Pick(Payers), PaymentDate = Chance(0.03) ? null : Day(),
            TraceNumber = "R" + Guid.NewGuid().ToString("N")[..12],
        }).ToList();
        db.Payments.AddRange(payments);
        for (var i = 0; i < claims; i++)
        {
            var payment = Pick(payments);
            var claim = new Claim
            {
                Payment = payment, PatientControlNumber = "RND" + i.ToString(CultureInfo.InvariantCulture), StatusCode = "1", ChargeAmount = Money(),
                IsReversal = Chance(0.05), RenderingProviderNpi = Pick(Npis),
            };
            for (var l = Next(4); l > 0; l--)
            {
                claim.Lines.Add(new ServiceLineRow { LineNumber = l, ProcedureCode = Pick(Codes), ChargeAmount = Money() });
            }

            db.Claims.Add(claim);
            for (var k = Chance(0.45) ? 1 + Next(3) : 0; k > 0; k--)
            {
                var denial = NewDenial(claim, payment);
                db.Denials.Add(denial);
                if (appeals && Chance(0.5))
                {
                    db.Appeals.Add(NewAppeal(denial));
                }
            }
        }

        await db.SaveChangesAsync();
        return import.Id;
    }

    public Denial NewDenial(Claim claim, Payment payment)
    {
        var now = DateTimeOffset.UtcNow;
        var coded = !Chance(0.1);
        return new Denial
        {
            Claim = claim, Kind = coded ? "coded" : Pick(new[] { "silent", "underpayment" }), GroupCode = coded && Chance(0.9) ? Pick(new[] { "CO", "PR", "OA" }) : null,
            ReasonCode = coded ? Pick(new[] { "197", "50", "97", "16", "29" }) : null, Amount = Money(500),
            PayerName = Chance(0.9) ? payment.PayerName : Pick(Payers), RenderingProviderNpi = Chance(0.9) ? claim.RenderingProviderNpi : Pick(Npis),
            ProcedureCode = Chance(0.1) ? null : Pick(Codes), RemittanceDate = Chance(0.03) ? null : Chance(0.7) ? payment.PaymentDate ?? Day() : Day(),
            Severity = "hard", Action = "appeal", Category = "administrative", RootCause = Pick(Causes), Owner = Pick(Owners), Scenario = Pick(Scenarios),
            RuleId = "random", Explanation = "random", Status = Pick(ClosedStatuses), CreatedAt = now, UpdatedAt = now,
        };
    }

    public Appeal NewAppeal(Denial denial)
    {
        var now = DateTimeOffset.UtcNow;
        var submitted = Chance(0.85) ? Day() : (DateOnly?)null;
        var decision = Pick(Decisions);
        return new Appeal
        {
            Denial = denial, TemplateId = Pick(Templates), TemplateVersion = 1, Markdown = "", CreatedAt = now, UpdatedAt = now,
            Status = decision is not null ? AppealStatus.Decided : submitted is not null ? AppealStatus.Submitted : AppealStatus.Draft,
            SubmittedOn = submitted, Decision = decision, DecidedOn = decision is not null && Chance(0.9) ? Day() : null,
            AmountRecovered = Chance(0.5) ? Money(400) : null,
        };
    }
}
