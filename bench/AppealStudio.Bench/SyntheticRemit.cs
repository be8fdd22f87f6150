using System.Globalization;
using System.Text;

namespace AppealStudio.Bench;

/// <summary>
/// Writes balanced, realistic 835 files of any size from a seed: office visits, therapy with 59/XS, procedures with
/// modifier 25 visits, anesthesia with P-status modifiers, psychotherapy billed as 90837 and paid as 90834 (SVC06), labs;
/// about one line in ten denied (CO 97/16/50/197/29/4/150), patient shares (PR 1/2/3) and contractual write-offs (CO 45)
/// everywhere, some whole-claim denials, reversals with their corrections, interest and recovery PLBs.
/// </summary>
internal static class SyntheticRemit
{
    private static readonly (string Name, string Id, string Filing)[] Payers =
    [
        ("MEDICARE PART B", "MCRB01", "MB"),
        ("BLUE CROSS BLUE SHIELD", "BCBS01", "BL"),
        ("UNITED HEALTHCARE", "87726", "CI"),
        ("AETNA", "60054", "CI"),
        ("STATE MEDICAID", "MCD001", "MC"),
    ];

    private static readonly string[] LastNames = ["SMITH", "JOHNSON", "WILLIAMS", "BROWN", "JONES", "GARCIA", "MILLER", "DAVIS", "RODRIGUEZ", "MARTINEZ", "NGUYEN", "PATEL"];
    private static readonly string[] FirstNames = ["MARY", "JAMES", "PATRICIA", "JOHN", "LINDA", "ROBERT", "ELENA", "WEI", "AISHA", "CARLOS"];

    private static readonly (string Code, string Group, string Remark)[] LineDenials =
    [
        ("97", "CO", "M15"),
        ("97", "CO", "N19"),
        ("16", "CO", "M51"),
        ("16", "CO", "N290"),
        ("50", "CO", "N115"),
        ("197", "CO", "N54"),
        ("29", "CO", "N211"),
    ];

    private sealed record Line(string Procedure, string? Submitted, decimal Charge, decimal Units, decimal? SubmittedUnits, List<(string Group, string Reason, decimal Amount)> Adjustments, string? Remark, DateOnly Date)
    {
        public decimal Paid => Charge - Adjustments.Sum(a => a.Amount);
    }

    public static string Write(string path, int claims, int seed)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        var (written, lines, denied, interchange) = (0, 0L, 0L, 0);
        while (written < claims)
        {
            interchange++;
            var count = Math.Min(claims - written, random.Next(300, 1500));
            var payer = Payers[random.Next(Payers.Length)];
            var body = new StringBuilder();
            var segments = 0;
            var totalPaid = 0m;
            var pcns = new List<string>();
            for (var i = 0; i < count; i++)
            {
                var pcn = string.Create(CultureInfo.InvariantCulture, $"PT{written + i + 1:D8}");
                pcns.Add(pcn);
                var claimLines = MakeLines(random, ref denied);
                lines += claimLines.Count;
                if (random.NextDouble() < 0.01)
                {
                    // A reversal of an earlier payment, then the corrected claim.
                    var reversed = claimLines.Select(l => l with { Charge = -l.Charge, Adjustments = l.Adjustments.Select(a => (a.Group, a.Reason, -a.Amount)).ToList() }).ToList();
                    totalPaid += AppendClaim(body, ref segments, random, pcn, "22", payer, reversed);
                }

                var deniedClaim = random.NextDouble() < 0.02;
                totalPaid += deniedClaim
                    ? AppendDeniedClaim(body, ref segments, random, pcn, payer, claimLines.Sum(l => l.Charge))
                    : AppendClaim(body, ref segments, random, pcn, payer.Filing == "MB" && random.NextDouble() < 0.1 ? "19" : "1", payer, claimLines);
            }

            var plb = new StringBuilder();
            var plbTotal = 0m;
            if (random.NextDouble() < 0.3)
            {
                var interest = -Math.Round((decimal)random.NextDouble() * 20m, 2);
                var recovery = Math.Round((decimal)random.NextDouble() * 200m, 2);
                plbTotal = interest + recovery;
                plb.Append(CultureInfo.InvariantCulture, $"PLB*1234567893*20261231*L6*{Money(interest)}*WO:{pcns[random.Next(pcns.Count)]}*{Money(recovery)}~\n");
                segments++;
            }

            var payment = totalPaid - plbTotal;
            var control = interchange.ToString("D9", CultureInfo.InvariantCulture);
            var header = new StringBuilder();
            header.Append(CultureInfo.InvariantCulture, $"ISA*00*          *00*          *ZZ*{payer.Id,-15}*ZZ*BENCHCLINIC    *260115*0900*^*00501*{control}*0*P*:~\n");
            header.Append(CultureInfo.InvariantCulture, $"GS*HP*{payer.Id}*BENCHCLINIC*20260115*0900*{interchange}*X*005010X221A1~\n");
            header.Append("ST*835*0001~\n");
            header.Append(payment > 0
                ? string.Create(CultureInfo.InvariantCulture, $"BPR*I*{Money(payment)}*C*ACH*CCP*01*011000015*DA*123456789*1999999999**01*021000021*DA*987654321*20260115~\n")
                : string.Create(CultureInfo.InvariantCulture, $"BPR*H*{Money(payment)}*C*NON************20260115~\n"));
            header.Append(CultureInfo.InvariantCulture, $"TRN*1*EFT{interchange:D9}*1999999999~\nDTM*405*20260114~\n");
            header.Append(CultureInfo.InvariantCulture, $"N1*PR*{payer.Name}~\nN3*100 PAYER WAY~\nN4*HARTFORD*CT*06101~\nREF*2U*{payer.Id}~\nPER*BL*EDI SUPPORT*TE*8005550100~\n");
            header.Append("N1*PE*BENCH MEDICAL GROUP*XX*1234567893~\nN3*1 CLINIC ROAD~\nN4*SPRINGFIELD*IL*62701~\nREF*TJ*363636363~\nLX*1~\n");
            writer.Write(header);
            writer.Write(body);
            writer.Write(plb);
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"SE*{segments + 15}*0001~\nGE*1*{interchange}~\nIEA*1*{control}~\n"));
            written += count;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{claims} claims, {lines} lines, {denied} denied lines ({100.0 * denied / Math.Max(1, lines):F1}%), {interchange} interchanges, seed {seed}");
    }

    private static List<Line> MakeLines(Random random, ref long denied)
    {
        var date = new DateOnly(2025, 1, 1).AddDays(random.Next(0, 360));
        var lines = new List<Line>();
        var kind = random.Next(100);
        if (kind < 30)
        {
            // Office visit, sometimes with a procedure the same day (modifier 25 on the visit).
            var withProcedure = random.Next(3) == 0;
            lines.Add(Priced(random, withProcedure ? "99214:25" : Pick(random, "99213", "99214", "99215"), null, 150m, 280m, 1, null, date));
            if (withProcedure)
            {
                lines.Add(Priced(random, Pick(random, "20610", "11042", "17110"), null, 180m, 450m, 1, null, date));
            }
        }
        else if (kind < 50)
        {
            // Therapy codes billed together: the distinct ones carry 59 or XS.
            lines.Add(Priced(random, "97110:GP", null, 40m, 60m, random.Next(1, 5), null, date));
            lines.Add(Priced(random, Pick(random, "97140:GP:59", "97140:GP:XS", "97530:GP", "97112:GP:59"), null, 40m, 70m, random.Next(1, 4), null, date));
        }
        else if (kind < 62)
        {
            // Anesthesia: base plus time units, physical status modifier.
            lines.Add(Priced(random, $"{Pick(random, "00790", "01402", "00142", "00731")}:AA:{Pick(random, "P1", "P2", "P3", "P4")}", null, 900m, 2400m, random.Next(8, 30), null, date));
        }
        else if (kind < 77)
        {
            // Psychotherapy: 60-minute sessions sometimes adjudicated as 45 minutes (SVC06 keeps 90837).
            if (random.Next(4) == 0)
            {
                var charge = Math.Round(160m + (decimal)random.NextDouble() * 60m, 2);
                var reduction = Math.Round(charge * 0.25m, 2);
                var contractual = Math.Round((charge - reduction) * 0.3m, 2);
                lines.Add(new Line("90834", "90837", charge, 1, 1, [("CO", "45", contractual), ("CO", "150", reduction)], "N657", date));
                denied++;
            }
            else
            {
                lines.Add(Priced(random, Pick(random, "90834", "90837", "90791"), null, 140m, 240m, 1, null, date));
            }
        }
        else
        {
            lines.Add(Priced(random, Pick(random, "36415", "85025", "80053", "83036"), null, 10m, 90m, 1, null, date));
            if (random.Next(2) == 0)
            {
                lines.Add(Priced(random, Pick(random, "81001", "84443", "80061"), null, 20m, 110m, 1, null, date));
            }
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (random.NextDouble() < 0.08 && lines[i].Adjustments.All(a => a.Reason != "150"))
            {
                var (code, group, remark) = LineDenials[random.Next(LineDenials.Length)];
                if (lines[i].Procedure.Contains(":P", StringComparison.Ordinal) && random.Next(3) == 0)
                {
                    (code, remark) = ("4", "N517");
                }

                lines[i] = lines[i] with { Adjustments = [(group, code, lines[i].Charge)], Remark = remark };
                denied++;
            }
        }

        return lines;
    }

    private static Line Priced(Random random, string procedure, string? submitted, decimal low, decimal high, decimal units, string? remark, DateOnly date)
    {
        var charge = Math.Round((low + ((decimal)random.NextDouble() * (high - low))) * (units > 1 && units < 10 ? units : 1), 2);
        var allowed = Math.Round(charge * (0.45m + ((decimal)random.NextDouble() * 0.35m)), 2);
        var adjustments = new List<(string, string, decimal)> { ("CO", "45", charge - allowed) };
        var share = random.Next(10) switch
        {
            0 => ("PR", "1", allowed),
            < 4 => ("PR", "2", Math.Round(allowed * 0.2m, 2)),
            < 6 => ("PR", "3", Math.Min(allowed, 25m)),
            _ => (null, null, 0m),
        };
        if (share.Item1 is not null)
        {
            adjustments.Add((share.Item1, share.Item2!, share.Item3));
        }

        return new Line(procedure, submitted, charge, units, null, adjustments, remark, date);
    }

    private static decimal AppendClaim(StringBuilder body, ref int segments, Random random, string pcn, string status, (string Name, string Id, string Filing) payer, List<Line> lines)
    {
        var charge = lines.Sum(l => l.Charge);
        var paid = lines.Sum(l => l.Paid);
        var patient = lines.SelectMany(l => l.Adjustments).Where(a => a.Group == "PR").Sum(a => a.Amount);
        var icn = string.Create(CultureInfo.InvariantCulture, $"{random.NextInt64(10_000_000_000, 99_999_999_999)}");
        body.Append(CultureInfo.InvariantCulture, $"CLP*{pcn}*{status}*{Money(charge)}*{Money(paid)}*{Money(patient)}*{payer.Filing}*{icn}*11*1~\n");
        body.Append(CultureInfo.InvariantCulture, $"NM1*QC*1*{LastNames[random.Next(LastNames.Length)]}*{FirstNames[random.Next(FirstNames.Length)]}****MI*M{random.Next(10_000_000, 99_999_999)}~\n");
        body.Append("NM1*82*1*RIVERA*ANA****XX*1987654321~\n");
        body.Append(CultureInfo.InvariantCulture, $"DTM*050*{lines[0].Date.AddDays(9):yyyyMMdd}~\n");
        segments += 4;
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            var submitted = line.Submitted is null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"*HC:{line.Submitted}*{line.SubmittedUnits ?? line.Units}");
            body.Append(CultureInfo.InvariantCulture, $"SVC*HC:{line.Procedure}*{Money(line.Charge)}*{Money(line.Paid)}**{line.Units}{submitted}~\n");
            body.Append(CultureInfo.InvariantCulture, $"DTM*472*{line.Date:yyyyMMdd}~\n");
            segments += 2;
            foreach (var group in line.Adjustments.GroupBy(a => a.Group))
            {
                body.Append("CAS*").Append(group.Key);
                foreach (var (_, reason, amount) in group)
                {
                    body.Append('*').Append(reason).Append('*').Append(Money(amount)).Append('*');
                }

                body.Length--;
                body.Append("~\n");
                segments++;
            }

            body.Append(CultureInfo.InvariantCulture, $"REF*6R*{pcn}-{number}~\n");
            segments++;
            if (line.Paid > 0)
            {
                body.Append(CultureInfo.InvariantCulture, $"AMT*B6*{Money(line.Charge - line.Adjustments.Where(a => a.Group == "CO").Sum(a => a.Amount))}~\n");
                segments++;
            }

            if (line.Remark is not null)
            {
                body.Append(CultureInfo.InvariantCulture, $"LQ*HE*{line.Remark}~\n");
                segments++;
            }
        }

        return paid;
    }

    private static decimal AppendDeniedClaim(StringBuilder body, ref int segments, Random random, string pcn, (string Name, string Id, string Filing) payer, decimal charge)
    {
        var (reason, remark) = random.Next(2) == 0 ? ("29", "MA130") : ("16", "MA130");
        body.Append(CultureInfo.InvariantCulture, $"CLP*{pcn}*4*{Money(charge)}*0*0*{payer.Filing}*{random.NextInt64(10_000_000_000, 99_999_999_999)}*11*1~\n");
        body.Append(CultureInfo.InvariantCulture, $"CAS*CO*{reason}*{Money(charge)}~\n");
        body.Append(CultureInfo.InvariantCulture, $"NM1*QC*1*{LastNames[random.Next(LastNames.Length)]}*{FirstNames[random.Next(FirstNames.Length)]}****MI*M{random.Next(10_000_000, 99_999_999)}~\n");
        body.Append(CultureInfo.InvariantCulture, $"MOA***{remark}~\n");
        segments += 4;
        return 0m;
    }

    private static string Pick(Random random, params string[] options) => options[random.Next(options.Length)];

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
