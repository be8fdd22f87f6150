using System.Globalization;
using System.Text;
using AppealStudio.Core;
using CsvHelper;

namespace AppealStudio.Data.Worklist;

/// <summary>The worklist rows as an RFC 4180 CSV file for a spreadsheet: ISO dates and plain amounts (sortable).</summary>
public static class WorklistCsv
{
    public static byte[] Write(IEnumerable<WorklistRow> rows, Func<string?, string?> userName)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(userName);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        // A cell starting with = + - @ (or a tab/CR) would run as a formula in a spreadsheet; CsvHelper prefixes it.
        var options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture };
        using (var csv = CsvWriter.Create(text, options, leaveOpen: true))
        {
            foreach (var header in new[]
                     {
                         "denial_id", "priority", "patient", "patient_account_number", "payer_claim_number", "payer", "procedure",
                         "group", "carc", "severity", "root_cause", "scenario", "owner", "amount", "deadline", "status", "assignee",
                     })
            {
                csv.WriteField(header);
            }

            csv.EndRecord();
            foreach (var r in rows)
            {
                csv.WriteField(r.Id.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(r.PriorityScore.ToString("0.##", CultureInfo.InvariantCulture));
                csv.WriteField(r.Patient);
                csv.WriteField(r.PatientControlNumber);
                csv.WriteField(r.PayerClaimNumber ?? "");
                csv.WriteField(r.PayerName);
                csv.WriteField(r.ProcedureCode is null ? "" : Display.Procedure(r.ProcedureCode));
                csv.WriteField(r.GroupCode ?? "");
                csv.WriteField(r.ReasonCode ?? "");
                csv.WriteField(r.Severity);
                csv.WriteField(r.RootCause);
                csv.WriteField(r.Scenario ?? "");
                csv.WriteField(r.Owner);
                csv.WriteField(r.Amount.ToString("0.00", CultureInfo.InvariantCulture));
                csv.WriteField(r.Deadline is { } d ? Invariant.Date(d) : "");
                csv.WriteField(r.Status.ToString());
                csv.WriteField(userName(r.AssigneeUserId) ?? "");
                csv.EndRecord();
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
