using AppealStudio.Data.Denials;
using AppealStudio.Data.Reports;
using AppealStudio.Web.Tests.Infrastructure;

namespace AppealStudio.Web.Tests.Reports;

/// <summary>
/// The fixture of the win-rate and KPI tests, with every figure worked out by hand (T = today, period T-60 .. T):
///
/// Payment P1 on T-58 (in the period) carries 31 claims:
///   C1..C15  $500 each, line 99213: group A denials (authorization, CO-197, no scenario, procedure 99213, $100 each),
///            appeals on template prior-authorization submitted T-48 (10 days after the denial):
///              6 overturned (recovered $100 each), 2 partially overturned ($40 each), 3 upheld, 1 no response,
///              all decided T-28 (20 days after submission); 2 in flight (submitted, no decision); 1 draft (never sent).
///   C16..C18 $500 each, line 29881 (orthopedics): group B denials (medical-necessity, CO-50, scenario modifier-59,
///            no procedure code, $250 each), template medical-necessity, submitted T-31 (27 days), decided T-1 (30 days):
///              1 overturned (recovered $250), 2 upheld.
///   C19      $1,000, line 99213: two denials written off (timely-filing, CO-29): $300 and $200.
///   C20..C30 $500 each, line 99213: paid, no denial.
///   C31      $999 reversal (CLP02 22): not an adjudication, excluded.
/// Payment P2 on T-200 (outside the period): C32 $700 with an authorization denial overturned on T-150 ($999).
/// </summary>
internal static class OutcomeHistory
{
    public const int From = -60;

    public static async Task<ReportFixture> BuildAsync(AppFactory factory, string? payer = null)
    {
        var f = ReportFixture.Create(factory, payer);
        var t = ReportFixture.Today;
        var p1 = f.Payment(t.AddDays(-58));
        var p2 = f.Payment(t.AddDays(-200));

        void GroupA(string? decision, decimal? recovered, bool submitted = true)
        {
            var denial = f.Denial(f.Claim(p1, 500m), 100m, "authorization", DenialStatus.Submitted);
            f.Appeal(denial, "prior-authorization", submitted ? t.AddDays(-48) : null, decision, decision is null ? null : t.AddDays(-28), recovered);
        }

        for (var i = 0; i < 6; i++)
        {
            GroupA(AppealDecisions.Overturned, 100m);
        }

        GroupA(AppealDecisions.PartiallyOverturned, 40m);
        GroupA(AppealDecisions.PartiallyOverturned, 40m);
        GroupA(AppealDecisions.Upheld, null);
        GroupA(AppealDecisions.Upheld, null);
        GroupA(AppealDecisions.Upheld, null);
        GroupA(AppealDecisions.NoResponse, null);
        GroupA(null, null);
        GroupA(null, null);
        GroupA(null, null, submitted: false);

        foreach (var (decision, recovered) in new (string, decimal?)[] { (AppealDecisions.Overturned, 250m), (AppealDecisions.Upheld, null), (AppealDecisions.Upheld, null) })
        {
            var denial = f.Denial(f.Claim(p1, 500m, "29881"), 250m, "medical-necessity", DenialStatus.Decided, d =>
            {
                d.ReasonCode = "50";
                d.Scenario = "modifier-59";
                d.ProcedureCode = null;
                d.Owner = "clinician";
            });
            f.Appeal(denial, "medical-necessity", t.AddDays(-31), decision, t.AddDays(-1), recovered);
        }

        var c19 = f.Claim(p1, 1000m);
        foreach (var amount in new[] { 300m, 200m })
        {
            f.Denial(c19, amount, "timely-filing", DenialStatus.WrittenOff, d =>
            {
                d.ReasonCode = "29";
                d.Action = "write-off";
                d.Owner = "biller";
            });
        }

        for (var i = 0; i < 11; i++)
        {
            f.Claim(p1, 500m);
        }

        f.Claim(p1, 999m, reversal: true);

        var old = f.Denial(f.Claim(p2, 700m), 700m, "authorization", DenialStatus.Decided);
        f.Appeal(old, "prior-authorization", t.AddDays(-190), AppealDecisions.Overturned, t.AddDays(-150), 999m);

        await f.SaveAsync();
        return f;
    }
}
