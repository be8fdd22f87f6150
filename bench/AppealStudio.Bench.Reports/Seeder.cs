using System.Diagnostics;
using System.Globalization;
using AppealStudio.Data;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Identity;
using AppealStudio.Data.Remittances;
using AppealStudio.Data.Reports;
using AppealStudio.Data.Reports.Rollups;
using AppealStudio.Data.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AppealStudio.Bench.Reports;

internal sealed record SeedPlan(int Claims, int Denials, int Appeals, int RandomSeed, bool ReportIndexes = true);

/// <summary>Creates the benchmark database: migrated schema, the demo users plus four more specialists, and the history.</summary>
internal static class Seeder
{
    public static async Task SeedAsync(Target target, SeedPlan plan, TextWriter output, CancellationToken cancellationToken)
    {
        if (plan.Denials < 1 || plan.Claims < plan.Denials / 3 || plan.Appeals > plan.Denials / 2)
        {
            throw new BenchException("need --denials >= 1, --claims >= denials / 3 and --appeals <= denials / 2.");
        }

        if (target.SqliteFile is { } file && File.Exists(file))
        {
            throw new BenchException($"{file} exists; seed creates a new database (delete the file first).");
        }

        var total = Stopwatch.StartNew();
        await using var services = BenchServices.Create(target);
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        await sp.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
        var db = sp.GetRequiredService<AppDbContext>();
        if (await db.Denials.AnyAsync(cancellationToken))
        {
            throw new BenchException($"the {target.Name} database already holds denials; seed into an empty database.");
        }

        // The demo sign-ins (so a manager can open Reports on this database) and specialists to assign work to.
        // Users only: DemoSeeder also imports a demo remittance, whose ids would collide with the explicit ones below.
        var admin = sp.GetRequiredService<UserAdministration>();
        foreach (var (email, name, role, npi) in DemoSeeder.Users)
        {
            await admin.CreateAsync(email, name, npi, [role], DemoSeeder.Password, cancellationToken);
        }

        for (var i = 2; i <= 5; i++)
        {
            await admin.CreateAsync($"specialist{i}@bench.local", $"Specialist {i}", null, [Roles.Specialist], DemoSeeder.Password, cancellationToken);
        }

        var specialists = await db.Users.Where(u => u.Email!.StartsWith("specialist")).Select(u => u.Id).OrderBy(id => id).ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var history = new History(plan, today, specialists);
        await output.WriteLineAsync($"{target.Name}: seeding {plan.Claims:N0} claims, {plan.Denials:N0} denials, {plan.Appeals:N0} appeals " +
            $"({history.FirstDay:yyyy-MM-dd} to {today:yyyy-MM-dd})");

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        if (connection is SqliteConnection)
        {
            // A throwaway file being filled: durability is not needed until the end, speed is.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000;", cancellationToken);
        }

        var writer = new BulkWriter(db, connection);
        await Timed(output, "imports", () => writer.WriteAsync(history.Imports(), cancellationToken));
        await Timed(output, "payments", () => writer.WriteAsync(history.Payments(), cancellationToken));
        await Timed(output, "claims", () => writer.WriteAsync(history.Claims(), cancellationToken));
        await Timed(output, "service lines", () => writer.WriteAsync(history.Lines(), cancellationToken));
        await Timed(output, "denials", () => writer.WriteAsync(history.DenialRows(), cancellationToken));
        await Timed(output, "appeals", () => writer.WriteAsync(history.AppealRows(), cancellationToken));

        if (plan.ReportIndexes)
        {
            // After the bulk load: building an index once is faster than maintaining it row by row.
            await Timed(output, "report indexes", async () => { await ReportIndexes.EnsureAsync(db, cancellationToken); return ReportIndexes.All.Count; });
        }

        if (connection is NpgsqlConnection)
        {
            // Explicit ids were written; identity sequences must continue after them.
            foreach (var table in new[] { "RemittanceImports", "Payments", "Claims", "ServiceLines", "Denials", "Appeals" })
            {
#pragma warning disable EF1002 // The table names are the constants above, not input.
                await db.Database.ExecuteSqlRawAsync(
                    $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), (SELECT COALESCE(MAX(\"Id\"), 1) FROM \"{table}\"))", cancellationToken);
#pragma warning restore EF1002
            }

            await Timed(output, "vacuum analyze", async () => { await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE", cancellationToken); return 0; });
        }
        else
        {
            await Timed(output, "analyze", async () => { await db.Database.ExecuteSqlRawAsync("ANALYZE", cancellationToken); return 0; });
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        }

        // As the app would leave them: every closed month built once (the first report read would do the same).
        await Timed(output, "report rollups", () => sp.GetRequiredService<ReportRollups>().RefreshAllAsync(cancellationToken: cancellationToken));
        await db.Database.ExecuteSqlRawAsync(connection is NpgsqlConnection ? "ANALYZE" : "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        await output.WriteLineAsync($"{target.Name}: done in {total.Elapsed.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture)} s");
    }

    /// <summary>
    /// Brings a seeded database to the current migration (the rollup tables and triggers) and builds the rollups,
    /// timing each family; with <paramref name="rebuildLast"/> the last N closed months are forgotten first, which
    /// times what the first report read after an import into those months pays.
    /// </summary>
    public static async Task RollupAsync(Target target, int rebuildLast, TextWriter output, CancellationToken cancellationToken)
    {
        await using var services = BenchServices.Create(target);
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        await Timed(output, "migrate", async () => { await sp.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken); return 0; });
        var db = sp.GetRequiredService<AppDbContext>();
        if (rebuildLast > 0)
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var since = new DateOnly(today.Year, today.Month, 1).AddMonths(-rebuildLast);
            await db.Set<RollupBuiltMonth>().Where(b => b.Month >= since).ExecuteDeleteAsync(cancellationToken);
        }

        foreach (var family in RollupFamily.All)
        {
            // One family at a time, so that each one's cost shows.
            await Timed(output, "rollup " + family, () => sp.GetRequiredService<ReportRollups>().RefreshAllAsync([family], cancellationToken));
        }

        await db.Database.ExecuteSqlRawAsync("ANALYZE", cancellationToken);
        foreach (var (table, count) in new[]
                 {
                     ("ReportDenialRollups", await db.Set<DenialRollup>().CountAsync(cancellationToken)),
                     ("ReportDenialProviderRollups", await db.Set<DenialProviderRollup>().CountAsync(cancellationToken)),
                     ("ReportDenialProcedureRollups", await db.Set<DenialProcedureRollup>().CountAsync(cancellationToken)),
                     ("ReportAppealRollups", await db.Set<AppealRollup>().CountAsync(cancellationToken)),
                     ("ReportClaimRollups", await db.Set<ClaimRollup>().CountAsync(cancellationToken)),
                 })
        {
            await output.WriteLineAsync($"  {table,-30} {count,10:N0} rows");
        }
    }

    /// <summary>Adds the report indexes to an existing benchmark database (seeded with --without-report-indexes).</summary>
    public static async Task IndexAsync(Target target, TextWriter output, CancellationToken cancellationToken)
    {
        await using var services = BenchServices.Create(target);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await Timed(output, "report indexes", async () => { await ReportIndexes.EnsureAsync(db, cancellationToken); return ReportIndexes.All.Count; });
        await Timed(output, "analyze", async () => { await db.Database.ExecuteSqlRawAsync("ANALYZE", cancellationToken); return 0; });
    }

    private static async Task Timed(TextWriter output, string what, Func<Task<int>> action)
    {
        var watch = Stopwatch.StartNew();
        var rows = await action();
        await output.WriteLineAsync($"  {what,-16} {rows,12:N0} rows  {watch.Elapsed.TotalSeconds,6:F1} s");
    }
}

/// <summary>
/// A deterministic 18-month practice history. Denials are generated first as compact descriptors (their claims are
/// fixed by then), appeals are then chosen among the appealable ones, and statuses follow from both.
/// </summary>
internal sealed class History
{
    private const int Months = 18;
    private const int ClaimsPerPayment = 40;

    private static readonly (string Name, string? Id, int Weight, int WindowDays, double WinFactor)[] PayerMix =
    [
        ("Medicare (Original Parts A/B)", null, 26, 120, 1.0),
        ("UnitedHealthcare", "87726", 15, 365, 0.85),
        ("Aetna", "60054", 11, 180, 1.05),
        ("Cigna", "62308", 9, 180, 0.95),
        ("Blue Cross Blue Shield", "00590", 12, 180, 1.1),
        ("Humana", "61101", 8, 60, 0.8),
        ("Medicaid (state program)", null, 10, 90, 0.75),
        ("Cigna Medicare Advantage", null, 4, 90, 0.9),
        ("Tricare", "99726", 5, 90, 1.0),
    ];

    private static readonly (string Specialty, int Weight, string[] Codes, decimal MinCharge, decimal MaxCharge)[] SpecialtyMix =
    [
        ("orthopedics", 22, ["29881", "29880", "29877", "29826", "29827", "27447", "20610", "29823"], 180m, 4800m),
        ("cardiology", 18, ["93306", "93000", "93350", "93458", "33208", "93880"], 60m, 3500m),
        ("anesthesia", 14, ["01402", "00790", "01630", "00840", "01967", "00142"], 400m, 2600m),
        ("mental-health", 16, ["90837", "90834", "90832", "90791", "90853", "90847"], 90m, 320m),
        ("other", 30, ["99213", "99214", "99215", "36415", "80053", "71046", "G0439", "97110", "3074F"], 25m, 420m),
    ];

    // group, CARC, RARC, severity, action, category, root cause, owner, weight, base win rate.
    private static readonly (string Group, string Carc, string? Rarc, string Severity, string Action, string Category, string Cause,
        string Owner, int Weight, double Win)[] Profiles =
    [
        ("CO", "197", null, "hard", "appeal", "administrative", "authorization", "scheduler", 9, 0.42),
        ("CO", "50", null, "hard", "appeal", "clinical", "medical-necessity", "clinician", 11, 0.48),
        ("CO", "97", null, "hard", "appeal", "technical", "documentation", "coder", 8, 0.58),
        ("CO", "151", null, "hard", "appeal", "clinical", "documentation", "clinician", 4, 0.52),
        ("CO", "B7", null, "hard", "appeal", "administrative", "credentialing", "credentialing", 3, 0.33),
        ("CO", "96", null, "hard", "appeal", "administrative", "non-covered", "biller", 3, 0.22),
        ("CO", "16", "M62", "soft", "resubmit", "administrative", "authorization", "front-desk", 6, 0.5),
        ("CO", "16", null, "soft", "resubmit", "technical", "other", "biller", 9, 0.5),
        ("CO", "4", null, "soft", "resubmit", "technical", "coding", "coder", 8, 0.6),
        ("CO", "11", null, "soft", "resubmit", "technical", "coding", "coder", 5, 0.55),
        ("CO", "27", null, "soft", "redirect", "administrative", "eligibility", "front-desk", 7, 0.3),
        ("CO", "31", null, "soft", "resubmit", "administrative", "eligibility", "front-desk", 4, 0.4),
        ("CO", "22", null, "soft", "redirect", "administrative", "coordination-of-benefits", "front-desk", 5, 0.4),
        ("CO", "252", null, "soft", "resubmit", "clinical", "documentation", "biller", 4, 0.65),
        ("CO", "29", null, "hard", "write-off", "administrative", "timely-filing", "biller", 3, 0.12),
        ("CO", "18", null, "hard", "write-off", "administrative", "duplicate", "biller", 3, 0.1),
        ("CO", "204", null, "hard", "write-off", "administrative", "non-covered", "biller", 2, 0.1),
    ];

    private static readonly string[] ScenarioBySpecialty = ["modifier-59", "modifier-25", "physical-status", "session-length", ""];

    private readonly SeedPlan plan;
    private readonly DateOnly today;
    private readonly IReadOnlyList<string> assignees;
    private readonly DateOnly firstDay;
    private readonly int days;
    private readonly string[] providerNpis;
    private readonly int[] providerSpecialty;
    private readonly DenialSeed[] denials;
    private readonly ClaimSeed[] claims;
    private readonly int[] payerWeights;
    private readonly int[] specialtyWeights;
    private readonly int[] profileWeights;

    public History(SeedPlan plan, DateOnly today, IReadOnlyList<string> assignees)
    {
        this.plan = plan;
        this.today = today;
        this.assignees = assignees;
        firstDay = today.AddMonths(-Months).AddDays(1);
        days = today.DayNumber - firstDay.DayNumber + 1;
        payerWeights = PayerMix.Select(p => p.Weight).ToArray();
        specialtyWeights = SpecialtyMix.Select(s => s.Weight).ToArray();
        profileWeights = Profiles.Select(p => p.Weight).ToArray();

        var random = new Random(plan.RandomSeed);
        providerNpis = Enumerable.Range(0, 60).Select(i => (1_000_000_000 + (i * 7_919_113) % 900_000_000).ToString(CultureInfo.InvariantCulture)).ToArray();
        providerSpecialty = providerNpis.Select(_ => Pick(random, specialtyWeights)).ToArray();

        // Claims: payments of 40 claims each, one payer and one day per payment, volume growing 2% a month.
        claims = new ClaimSeed[plan.Claims];
        var payment = -1;
        var payerOfPayment = 0;
        var dayOfPayment = firstDay;
        for (var i = 0; i < claims.Length; i++)
        {
            if (i % ClaimsPerPayment == 0)
            {
                payment++;
                payerOfPayment = Pick(random, payerWeights);
                dayOfPayment = GrowingDay(random, (double)i / claims.Length);
            }

            var provider = random.Next(providerNpis.Length);
            var specialty = providerSpecialty[provider];
            var (_, _, codes, min, max) = SpecialtyMix[specialty];
            var code = codes[random.Next(codes.Length)];
            var charge = decimal.Round(min + ((max - min) * (decimal)random.NextDouble()), 2);
            claims[i] = new ClaimSeed(payment, payerOfPayment, dayOfPayment, provider, code, charge);
        }

        PaymentCount = payment + 1;

        // Denials: 1.6 per denied claim on average, on a random subset of the claims (in claim order, hence date order,
        // as imports arrive); a second pass adds to claims already denied if the first one fell short.
        denials = new DenialSeed[plan.Denials];
        var deniedShare = Math.Min(1.0, plan.Denials / (1.6 * plan.Claims));
        for (int i = 0, claimIndex = 0; i < denials.Length; claimIndex = (claimIndex + 1) % claims.Length)
        {
            if (random.NextDouble() >= deniedShare)
            {
                continue;
            }

            var perClaim = random.NextDouble() < 0.55 ? 1 : random.NextDouble() < 0.7 ? 2 : 3;
            for (var k = 0; k < perClaim && i < denials.Length; k++, i++)
            {
                var claim = claims[claimIndex];
                var profile = Pick(random, profileWeights);
                var amount = decimal.Round(claim.Charge * (decimal)(0.35 + (0.65 * random.NextDouble())), 2);
                denials[i] = new DenialSeed(claimIndex, profile, amount, random.Next(1, 4), random.Next(int.MaxValue));
            }
        }

        // Appeals: on denials whose action is an appeal (and some resubmissions), older than a week.
        var candidates = Enumerable.Range(0, denials.Length)
            .Where(i => claims[denials[i].Claim].Day.DayNumber + 7 < today.DayNumber &&
                        (Profiles[denials[i].Profile].Action == "appeal" || (denials[i].Noise % 10 == 0 && Profiles[denials[i].Profile].Action == "resubmit")))
            .ToArray();
        random.Shuffle(candidates);
        foreach (var index in candidates.Take(plan.Appeals))
        {
            denials[index] = denials[index] with { Appealed = true };
        }

        AppealCount = Math.Min(plan.Appeals, candidates.Length);
    }

    public DateOnly FirstDay => firstDay;

    public int PaymentCount { get; }

    public int AppealCount { get; }

    public IEnumerable<RemittanceImport> Imports()
    {
        yield return new RemittanceImport
        {
            Id = 1, FileName = "bench-seed.835", FileSha256 = new string('0', 64), ImportedAt = Utc(today), ImportedBy = "bench",
            Status = ImportStatus.Completed, PaymentCount = PaymentCount, ClaimCount = plan.Claims, DenialCount = plan.Denials,
        };
    }

    public IEnumerable<Payment> Payments()
    {
        var random = new Random(plan.RandomSeed + 1);
        for (var p = 0; p < PaymentCount; p++)
        {
            var first = claims[p * ClaimsPerPayment];
            var payer = PayerMix[first.Payer];
            yield return new Payment
            {
                Id = p + 1, ImportId = 1, TraceNumber = "TRN" + (p + 1).ToString("D8", CultureInfo.InvariantCulture), PayerIdentifier = payer.Id,
                PayerName = payer.Name, PayeeName = "Bench Practice", PayeeNpi = "1999999984", TotalPaid = decimal.Round((decimal)(random.NextDouble() * 20000), 2),
                PaymentMethod = "ACH", PaymentDate = first.Day, ProductionDate = first.Day,
            };
        }
    }

    public IEnumerable<Claim> Claims()
    {
        for (var i = 0; i < claims.Length; i++)
        {
            var c = claims[i];
            yield return new Claim
            {
                Id = i + 1, PaymentId = c.Payment + 1, PatientControlNumber = "PCN" + (i + 1).ToString("D9", CultureInfo.InvariantCulture),
                PayerClaimNumber = "PCL" + (i + 1).ToString("D10", CultureInfo.InvariantCulture), StatusCode = "1", ChargeAmount = c.Charge,
                PaidAmount = decimal.Round(c.Charge * 0.6m, 2), RenderingProviderNpi = providerNpis[c.Provider],
                StatementFrom = c.Day.AddDays(-21), StatementTo = c.Day.AddDays(-21), FilingIndicator = "CI",
            };
        }
    }

    public IEnumerable<ServiceLineRow> Lines()
    {
        for (var i = 0; i < claims.Length; i++)
        {
            var c = claims[i];
            yield return new ServiceLineRow
            {
                Id = i + 1, ClaimId = i + 1, LineNumber = 1, ProcedureQualifier = "HC", ProcedureCode = c.Code, ChargeAmount = c.Charge,
                PaidAmount = decimal.Round(c.Charge * 0.6m, 2), Units = 1m, ServiceDate = c.Day.AddDays(-21),
            };
        }
    }

    public IEnumerable<Denial> DenialRows()
    {
        for (var i = 0; i < denials.Length; i++)
        {
            var d = denials[i];
            var c = claims[d.Claim];
            var payer = PayerMix[c.Payer];
            var profile = Profiles[d.Profile];
            var specialty = providerSpecialty[c.Provider];
            var created = Utc(c.Day.AddDays(d.ImportLag)).AddMinutes(d.Noise % 600);
            var age = today.DayNumber - c.Day.DayNumber;
            var status = d.Appealed ? (AppealOutcome(d, c).DecidedOn is null ? DenialStatus.Submitted : DenialStatus.Decided) : StatusOf(d, age, profile.Action);
            var scenario = ScenarioBySpecialty[specialty] is { Length: > 0 } s && (profile.Carc is "97" or "151" or "50") && d.Noise % 3 == 0 ? s : null;
            var probability = (decimal)Math.Round(profile.Win * payer.WinFactor, 4);
            yield return new Denial
            {
                Id = i + 1, ClaimId = d.Claim + 1, ServiceLineId = d.Claim + 1, Kind = "coded", GroupCode = profile.Group, ReasonCode = profile.Carc,
                RemarkCodes = profile.Rarc, Amount = d.Amount, PayerName = payer.Name, PayerIdentifier = payer.Id, ProcedureCode = c.Code,
                RenderingProviderNpi = providerNpis[c.Provider], ServiceDate = c.Day.AddDays(-21), RemittanceDate = c.Day,
                Severity = profile.Severity, Action = profile.Action, Category = profile.Category, RootCause = profile.Cause, Owner = profile.Owner,
                Scenario = scenario, RuleId = $"*,{profile.Carc},{profile.Rarc}", Explanation = "Seeded by the report benchmark.",
                AppealDeadline = c.Day.AddDays(payer.WindowDays), DeadlineBasis = $"{payer.WindowDays} days from the remittance date",
                Probability = probability, ExpectedRecovery = decimal.Round(d.Amount * probability, 2),
                PriorityScore = decimal.Round(d.Amount * probability / Math.Max(1, (payer.WindowDays - age) / 7m), 2), Status = status,
                AssigneeUserId = status == DenialStatus.New && d.Noise % 2 == 0 ? null : assignees[d.Noise % assignees.Count],
                CreatedAt = created, UpdatedAt = created, StatusChangedAt = created, Version = 1,
            };
        }
    }

    public IEnumerable<Appeal> AppealRows()
    {
        var id = 0;
        for (var i = 0; i < denials.Length; i++)
        {
            var d = denials[i];
            if (!d.Appealed)
            {
                continue;
            }

            var c = claims[d.Claim];
            var profile = Profiles[d.Profile];
            var outcome = AppealOutcome(d, c);
            var created = Utc(outcome.SubmittedOn.AddDays(-2));
            yield return new Appeal
            {
                Id = ++id, DenialId = i + 1, TemplateId = TemplateFor(profile.Cause, providerSpecialty[c.Provider], d.Noise), TemplateVersion = 1,
                Status = outcome.DecidedOn is null ? AppealStatus.Submitted : AppealStatus.Decided, Markdown = "", Version = 1,
                CreatedAt = created, UpdatedAt = created, Level = "first-level", Method = d.Noise % 3 == 0 ? "fax" : "portal",
                SubmittedOn = outcome.SubmittedOn, SubmissionReference = "REF" + id.ToString("D7", CultureInfo.InvariantCulture),
                Decision = outcome.Decision, DecidedOn = outcome.DecidedOn, AmountRecovered = outcome.Recovered,
            };
        }
    }

    private (DateOnly SubmittedOn, DateOnly? DecidedOn, string? Decision, decimal? Recovered) AppealOutcome(DenialSeed d, ClaimSeed c)
    {
        var random = new Random(d.Noise);
        var submitted = c.Day.AddDays(4 + random.Next(40));
        if (submitted > today)
        {
            submitted = today;
        }

        var decided = submitted.AddDays(14 + random.Next(75));
        if (decided > today)
        {
            return (submitted, null, null, null);
        }

        var profile = Profiles[d.Profile];
        var win = profile.Win * PayerMix[c.Payer].WinFactor;
        var roll = random.NextDouble();
        if (roll < win * 0.78)
        {
            return (submitted, decided, AppealDecisions.Overturned, d.Amount);
        }

        if (roll < win)
        {
            return (submitted, decided, AppealDecisions.PartiallyOverturned, decimal.Round(d.Amount * (decimal)(0.3 + (0.5 * random.NextDouble())), 2));
        }

        return (submitted, decided, roll < win + ((1 - win) * 0.85) ? AppealDecisions.Upheld : AppealDecisions.NoResponse, null);
    }

    private static DenialStatus StatusOf(DenialSeed d, int age, string action)
    {
        var roll = d.Noise % 100;
        if (age < 45)
        {
            return roll switch
            {
                < 45 => DenialStatus.New,
                < 70 => DenialStatus.InProgress,
                < 75 => DenialStatus.AwaitingSignOff,
                < 80 => DenialStatus.Ready,
                < 88 => action == "write-off" ? DenialStatus.WrittenOff : DenialStatus.Decided,
                _ => DenialStatus.Decided,
            };
        }

        return roll switch
        {
            < 4 => DenialStatus.New,
            < 8 => DenialStatus.InProgress,
            < 10 => DenialStatus.Ready,
            < 40 => DenialStatus.WrittenOff,
            _ => action == "write-off" ? DenialStatus.WrittenOff : DenialStatus.Decided,
        };
    }

    private static string TemplateFor(string cause, int specialty, int noise) => (specialty, cause) switch
    {
        (0, "documentation") => "modifier-59-knee-arthroscopy",
        (1, "documentation") => "modifier-25-echo",
        (2, _) when noise % 2 == 0 => "anesthesia-physical-status",
        (3, _) when noise % 2 == 0 => "psychotherapy-session-length",
        (_, "medical-necessity") => "medical-necessity",
        (_, "authorization") => "prior-authorization",
        (_, "credentialing") => "credentialing",
        _ => "general-appeal",
    };

    // Volume grows about 2% a month (43% over 18 months): position p of the claim in the sequence maps to the time t
    // where the cumulative volume of a linearly growing rate reaches p, i.e. the root of 0.215 t² + t = 1.215 p.
    private DateOnly GrowingDay(Random random, double position)
    {
        var t = (-1 + Math.Sqrt(1 + (4 * 0.215 * 1.215 * position))) / (2 * 0.215);
        var offset = (int)Math.Clamp((t * days) + (random.NextDouble() - 0.5), 0, days - 1);
        return firstDay.AddDays(offset);
    }

    private static int Pick(Random random, int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private static DateTimeOffset Utc(DateOnly day) => new(day.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);

    private readonly record struct ClaimSeed(int Payment, int Payer, DateOnly Day, int Provider, string Code, decimal Charge);

    private readonly record struct DenialSeed(int Claim, int Profile, decimal Amount, int ImportLag, int Noise, bool Appealed = false);
}
