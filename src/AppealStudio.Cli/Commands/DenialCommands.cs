using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AppealStudio.Core;
using AppealStudio.Core.Denials;
using AppealStudio.Data.Denials;
using AppealStudio.Data.Lifecycle;
using Microsoft.Extensions.DependencyInjection;

namespace AppealStudio.Cli.Commands;

public static class DenialCommands
{
    /// <summary>The keys of each record, in order (JSON object keys, CSV columns).</summary>
    public static readonly IReadOnlyList<string> Keys =
    [
        "patientControlNumber", "payerClaimNumber", "payer", "procedureCode", "billedProcedureCode", "groupCode", "reasonCode", "kind",
        "amount", "expectedAmount", "paidAmount", "status", "assignee", "level", "deadline", "daysLeft", "priority", "priorityComponents",
        "recoveredAmount", "recoveredByRemittance", "warnings",
    ];

    public static Command Build(CliIo io)
    {
        var denials = new Command("denials", "Denials in the database.");
        var status = new Option<string?>("--status")
        {
            Description = "Only denials with this status: " + string.Join(", ", DenialListing.StatusFilters) + ".",
        };
        status.AcceptOnlyFromAmong([.. DenialListing.StatusFilters]);
        var asOf = new Option<string?>("--as-of") { Description = "Evaluate status, deadlines, days left and priority on this date (YYYY-MM-DD; default today)." };
        var json = new Option<bool>("--json") { Description = "Print a JSON array of objects." };
        var csv = new Option<bool>("--csv") { Description = "Print RFC 4180 CSV with a header row." };
        var list = new Command("list",
            "Print one record per denial in the work queue's order, evaluated for a date: status (expired once the deadline passed), " +
            "deadline, days left, priority and its components, recoveries and viability warnings.")
        {
            status, asOf, json, csv,
        };
        list.Validators.Add(result =>
        {
            if (result.GetValue(json) && result.GetValue(csv))
            {
                result.AddError("Choose --json or --csv, not both.");
            }

            if (result.GetValue(asOf) is { } text && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                result.AddError($"--as-of '{text}' is not a date like 2026-09-30.");
            }
        });
        list.SetAction(async (parse, ct) => await io.WithDatabaseAsync(async sp =>
        {
            var date = parse.GetValue(asOf) is { } text
                ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture)
                : DenialWorkflow.Today(sp.GetRequiredService<TimeProvider>());
            var items = await sp.GetRequiredService<DenialListing>().ListAsync(parse.GetValue(status), date, ct);
            var output = parse.GetValue(json) ? Json(items) : parse.GetValue(csv) ? Csv(items) : Table(items);
            await io.Out.WriteAsync(output);
            return 0;
        }, ct));
        denials.Subcommands.Add(list);
        return denials;
    }

    internal static string Json(IReadOnlyList<DenialListItem> items)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            foreach (var i in items)
            {
                w.WriteStartObject();
                w.WriteString("patientControlNumber", i.PatientControlNumber);
                StringOrNull(w, "payerClaimNumber", i.PayerClaimNumber);
                w.WriteString("payer", i.Payer);
                StringOrNull(w, "procedureCode", i.ProcedureCode);
                StringOrNull(w, "billedProcedureCode", i.BilledProcedureCode);
                StringOrNull(w, "groupCode", i.GroupCode);
                StringOrNull(w, "reasonCode", i.ReasonCode);
                w.WriteString("kind", i.Kind);
                w.WriteNumber("amount", Money(i.Amount));
                MoneyOrNull(w, "expectedAmount", i.ExpectedAmount);
                MoneyOrNull(w, "paidAmount", i.PaidAmount);
                w.WriteString("status", i.Status);
                StringOrNull(w, "assignee", i.Assignee);
                StringOrNull(w, "level", i.Level);
                StringOrNull(w, "deadline", i.Deadline is { } d ? Invariant.Date(d) : null);
                if (i.DaysLeft is { } left)
                {
                    w.WriteNumber("daysLeft", left);
                }
                else
                {
                    w.WriteNull("daysLeft");
                }

                w.WriteNumber("priority", Money(i.Priority.Score));
                w.WriteStartObject("priorityComponents");
                var p = i.Priority;
                w.WriteNumber("amount", Money(p.Amount));
                w.WriteNumber("probability", decimal.Round(p.Probability, 4));
                w.WriteNumber("priorMean", p.PriorMean);
                w.WriteString("priorBasis", p.PriorBasis);
                w.WriteNumber("observedWins", p.ObservedWins);
                w.WriteNumber("observedLosses", p.ObservedLosses);
                w.WriteNumber("cost", Money(p.Cost));
                w.WriteNumber("expectedRecovery", Money(p.ExpectedRecovery));
                w.WriteNumber("urgency", decimal.Round(p.UrgencyMultiplier, 4));
                w.WriteStartArray("flags");
                foreach (var flag in Flags(p.Flags))
                {
                    w.WriteStringValue(flag);
                }

                w.WriteEndArray();
                w.WriteEndObject();
                MoneyOrNull(w, "recoveredAmount", i.RecoveredAmount);
                if (i.RecoveredByRemittance is { } r)
                {
                    w.WriteStartObject("recoveredByRemittance");
                    w.WriteNumber("importId", r.ImportId);
                    StringOrNull(w, "paymentDate", r.PaymentDate is { } pd ? Invariant.Date(pd) : null);
                    w.WriteString("kind", r.Kind);
                    w.WriteNumber("amount", Money(r.Amount));
                    w.WriteBoolean("withoutAppeal", r.WithoutAppeal);
                    w.WriteEndObject();
                }
                else
                {
                    w.WriteNull("recoveredByRemittance");
                }

                w.WriteStartArray("warnings");
                foreach (var warning in i.Warnings)
                {
                    w.WriteStartObject();
                    w.WriteString("code", warning.Code);
                    w.WriteString("message", warning.Message);
                    w.WriteString("rule", warning.Rule);
                    w.WriteString("source", warning.Source);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    internal static string Csv(IReadOnlyList<DenialListItem> items)
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', Keys)).Append("\r\n");
        foreach (var i in items)
        {
            var p = i.Priority;
            string?[] fields =
            [
                i.PatientControlNumber, i.PayerClaimNumber, i.Payer, i.ProcedureCode, i.BilledProcedureCode, i.GroupCode, i.ReasonCode, i.Kind,
                Invariant.Money(i.Amount), MoneyText(i.ExpectedAmount), MoneyText(i.PaidAmount), i.Status, i.Assignee, i.Level,
                i.Deadline is { } d ? Invariant.Date(d) : null, i.DaysLeft?.ToString(CultureInfo.InvariantCulture), Invariant.Money(p.Score),
                string.Create(CultureInfo.InvariantCulture,
                    $"probability={decimal.Round(p.Probability, 4)};cost={Invariant.Money(p.Cost)};expectedRecovery={Invariant.Money(p.ExpectedRecovery)};urgency={decimal.Round(p.UrgencyMultiplier, 4)};flags={string.Join('|', Flags(p.Flags))}"),
                MoneyText(i.RecoveredAmount),
                i.RecoveredByRemittance is { } r
                    ? string.Create(CultureInfo.InvariantCulture, $"import={r.ImportId};date={(r.PaymentDate is { } pd ? Invariant.Date(pd) : "")};kind={r.Kind};withoutAppeal={(r.WithoutAppeal ? "yes" : "no")}")
                    : null,
                string.Join('|', i.Warnings.Select(w => w.Code)),
            ];
            text.Append(string.Join(',', fields.Select(Quote))).Append("\r\n");
        }

        return text.ToString();
    }

    private static string Table(IReadOnlyList<DenialListItem> items)
    {
        var text = new StringBuilder("status\tdeadline\tdaysLeft\tpriority\tamount\tpayer\tpatientControlNumber\tprocedureCode\tcodes\twarnings\n");
        foreach (var i in items)
        {
            text.Append(string.Join('\t', i.Status, i.Deadline is { } d ? Invariant.Date(d) : "-", i.DaysLeft?.ToString(CultureInfo.InvariantCulture) ?? "-",
                Invariant.Money(i.Priority.Score), Invariant.Money(i.Amount), i.Payer, i.PatientControlNumber, i.ProcedureCode ?? "-",
                i.GroupCode is null ? i.Kind : $"{i.GroupCode}-{i.ReasonCode}", string.Join(',', i.Warnings.Select(w => w.Code)))).Append('\n');
        }

        return text.ToString();
    }

    private static IEnumerable<string> Flags(PriorityFlags flags) =>
        Enum.GetValues<PriorityFlags>().Where(f => f != PriorityFlags.None && flags.HasFlag(f)).Select(f => f switch
        {
            PriorityFlags.PastDeadline => "past-deadline",
            PriorityFlags.NoDeadline => "no-deadline",
            PriorityFlags.NoActionNeeded => "no-action-needed",
            PriorityFlags.WriteOffRecommended => "write-off-recommended",
            PriorityFlags.NotWorthWorking => "not-worth-working",
            PriorityFlags.NeedsReview => "needs-review",
            _ => f.ToString(),
        });

    // Two decimal places always ("20.00", as remit inspect writes amounts).
    private static decimal Money(decimal amount) => decimal.Round(amount, 2, MidpointRounding.AwayFromZero) + 0.00m;

    private static string? MoneyText(decimal? amount) => amount is { } a ? Invariant.Money(a) : null;

    private static void MoneyOrNull(Utf8JsonWriter w, string name, decimal? amount)
    {
        if (amount is { } a)
        {
            w.WriteNumber(name, Money(a));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void StringOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static string Quote(string? field) =>
        field is null ? "" : field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
