using System.Globalization;
using AppealStudio.Core;
using AppealStudio.Data.Appeals;
using AppealStudio.Data.Audit;
using AppealStudio.Data.Denials;
using Microsoft.EntityFrameworkCore;

namespace AppealStudio.Data.Remittances;

/// <summary>A claim of the remittance being imported that paid something: it may recover earlier denials.</summary>
/// <param name="ClaimId">The stored claim.</param>
/// <param name="PatientControlNumber">CLP01, the practice's account number.</param>
/// <param name="PayerClaimNumbers">CLP07 of the claim and, for the correction of a reversal, of the reversed claim.</param>
/// <param name="PayerName">N1*PR name.</param>
/// <param name="PayerId">The payer id.</param>
/// <param name="Paid">CLP04.</param>
/// <param name="Lines">Each line's procedure code and paid amount.</param>
/// <param name="IsCorrection">The claim corrects a reversal (CLP02 22) of the same remittance: it pays the new total,
/// the reversal having taken the old payment back. Otherwise the claim's payment is an additional one.</param>
public sealed record RecoveryCandidate(
    long ClaimId,
    string PatientControlNumber,
    IReadOnlyList<string?> PayerClaimNumbers,
    string PayerName,
    string? PayerId,
    decimal Paid,
    IReadOnlyList<(string Code, decimal Paid)> Lines,
    bool IsCorrection);

/// <summary>What a remittance recovered.</summary>
/// <param name="Denials">Earlier denials with money recovered.</param>
/// <param name="AppealsDecided">Submitted appeals the payment decided (overturned or partially overturned).</param>
/// <param name="WithoutAppeal">Recoveries with no appeal on file.</param>
public sealed record RecoveryCount(int Denials, int AppealsDecided, int WithoutAppeal);

/// <summary>
/// The next 835 closes the loop (issue 13). A claim of a later remittance that pays what an earlier one denied (same
/// payer, patient account number and payer claim number: reprocessed, paid on a later check, or the correction that
/// follows a reversal, CLP02 22, which is matched by the reversed claim's number) records on each earlier denial how
/// much was recovered (full or partial), by which remittance and when. A submitted appeal is decided by it (overturned,
/// or partially overturned); with none on file the denial records "recovered without appeal". Both count in the
/// reports. The recovered amount of a line is what the new claim paid on the same procedure code: all of it for a
/// reprocessed claim or a later check (its payment is additional), what it paid beyond the earlier payment for the
/// correction of a reversal (the reversal took the old payment back, the correction pays the new total); it is shared
/// in order among the line's denials, never more than each denied amount.
/// </summary>
public static class RemittanceRecoveries
{
    public const string Full = "full";
    public const string Partial = "partial";

    public static async Task<RecoveryCount> ApplyAsync(AppDbContext db, AuditLog audit, long importId, DateTimeOffset at, DateOnly? paymentDate,
        IReadOnlyList<RecoveryCandidate> candidates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(candidates);
        if (candidates.Count == 0)
        {
            return new RecoveryCount(0, 0, 0);
        }

        var pcns = candidates.Select(c => c.PatientControlNumber).Distinct().ToList();
        var denials = await db.Denials
            .Where(d => pcns.Contains(d.Claim.PatientControlNumber) && d.Claim.ImportId != importId && d.RecoveryKind != Full)
            .Include(d => d.Claim).Include(d => d.ServiceLine)
            .OrderBy(d => d.Id)
            .ToListAsync(cancellationToken);
        if (denials.Count == 0)
        {
            return new RecoveryCount(0, 0, 0);
        }

        var denialIds = denials.Select(d => d.Id).ToList();
        var submitted = (await db.Appeals.Where(a => denialIds.Contains(a.DenialId) && a.Status == AppealStatus.Submitted).ToListAsync(cancellationToken))
            .GroupBy(a => a.DenialId).ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.Id).First());
        int recovered = 0, decided = 0, without = 0;
        var date = paymentDate ?? DateOnly.FromDateTime(at.UtcDateTime);
        foreach (var candidate in candidates)
        {
            var matched = denials.Where(d => d.Claim.PatientControlNumber == candidate.PatientControlNumber
                                             && SamePayer(d, candidate)
                                             && (d.Claim.PayerClaimNumber is null || candidate.PayerClaimNumbers.Contains(d.Claim.PayerClaimNumber))
                                             && d.RecoveryKind != Full)
                .ToList();
            // Each earlier line (or the claim itself) shares what the new claim paid beyond its old payment.
            foreach (var group in matched.GroupBy(d => (d.ClaimId, d.ServiceLineId)))
            {
                var first = group.First();
                var (newPaid, oldPaid) = first.ServiceLine is { } line
                    ? (candidate.Lines.Where(l => string.Equals(l.Code, line.ProcedureCode, StringComparison.OrdinalIgnoreCase)).Sum(l => l.Paid), line.PaidAmount)
                    : (candidate.Paid, first.Claim.PaidAmount);
                var gain = candidate.IsCorrection ? newPaid - oldPaid - group.Sum(d => d.RecoveredByRemittance ?? 0m) : newPaid;
                foreach (var denial in group)
                {
                    if (gain <= 0.005m)
                    {
                        break;
                    }

                    var open = denial.Amount - (denial.RecoveredByRemittance ?? 0m);
                    var amount = Math.Min(gain, open);
                    if (amount <= 0m)
                    {
                        continue;
                    }

                    gain -= amount;
                    var total = (denial.RecoveredByRemittance ?? 0m) + amount;
                    var kind = total >= denial.Amount - 0.005m ? Full : Partial;
                    submitted.TryGetValue(denial.Id, out var appeal);
                    Record(db, audit, denial, appeal, total, amount, kind, importId, candidate.ClaimId, date, at);
                    recovered++;
                    if (appeal is not null)
                    {
                        decided++;
                        submitted.Remove(denial.Id);
                    }
                    else
                    {
                        without++;
                    }
                }
            }
        }

        if (recovered > 0)
        {
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(cancellationToken);
        }

        return new RecoveryCount(recovered, decided, without);
    }

    private static void Record(AppDbContext db, AuditLog audit, Denial denial, Appeal? appeal, decimal total, decimal amount, string kind,
        long importId, long claimId, DateOnly date, DateTimeOffset at)
    {
        var id = denial.Id.ToString(CultureInfo.InvariantCulture);
        var import = importId.ToString(CultureInfo.InvariantCulture);
        denial.RecoveredByRemittance = total;
        denial.RecoveryKind = kind;
        denial.RecoveredOn = date;
        denial.RecoveredByImportId = importId;
        denial.RecoveredByClaimId = claimId;
        var what = $"{(kind == Full ? "Recovered in full" : "Recovered in part")}: {Invariant.Money(amount)} paid by the remittance of {Invariant.Date(date)} (import {import})";
        var from = denial.Status;
        if (appeal is not null)
        {
            appeal.Status = AppealStatus.Decided;
            appeal.Decision = kind == Full ? AppealDecisions.Overturned : AppealDecisions.PartiallyOverturned;
            appeal.DecidedOn = date < (appeal.SubmittedOn ?? date) ? appeal.SubmittedOn : date;
            appeal.AmountRecovered = total;
            appeal.Version++;
            appeal.UpdatedAt = at;
            denial.RecoveredWithoutAppeal = false;
            denial.Status = DenialStatus.Decided;
            audit.Add("appeal.recovered", "Appeal", appeal.Id.ToString(CultureInfo.InvariantCulture), $"denial={id} import={import} kind={kind}");
            what += $"; the appeal is decided {AppealLabels.DecisionLabel(appeal.Decision).ToLowerInvariant()}.";
        }
        else
        {
            denial.RecoveredWithoutAppeal = true;
            // Recovered in full, nothing is left to work; a partial recovery leaves the rest open to work.
            if (kind == Full && DenialWorkflow.IsOpen(denial.Status))
            {
                denial.Status = DenialStatus.Decided;
            }

            audit.Add("denial.recovered", nameof(Denial), id, $"import={import} kind={kind} appeal=none");
            what += ", without an appeal on file.";
        }

        if (denial.Status != from)
        {
            denial.StatusChangedAt = at;
        }

        denial.Version++;
        denial.UpdatedAt = at;
        db.DenialEvents.Add(new DenialEvent
        {
            DenialId = denial.Id,
            At = at,
            Actor = "remittance import",
            Type = denial.Status != from ? "status" : "note",
            FromStatus = denial.Status != from ? from.ToString() : null,
            ToStatus = denial.Status != from ? denial.Status.ToString() : null,
            Text = what,
        });
    }

    private static bool SamePayer(Denial denial, RecoveryCandidate candidate) =>
        string.Equals(denial.PayerName, candidate.PayerName, StringComparison.Ordinal)
        || (denial.PayerIdentifier is { Length: > 0 } id && string.Equals(id, candidate.PayerId, StringComparison.Ordinal));
}
