using AppealStudio.Core.X12;

namespace AppealStudio.Core.Remittance;

/// <summary>
/// A whole remittance in memory: every transaction, claim, PLB and warning. Meant for files of normal size (the web
/// import); use <see cref="RemittanceReader"/> to stream large files.
/// </summary>
/// <remarks>
/// Unlike streaming, loading links across the whole file: a reversal is linked to an original payment anywhere before
/// it, and a PLB reference to any claim of the file. <see cref="PaymentHeader.Claims"/> is filled.
/// </remarks>
public sealed class RemittanceFile
{
    private RemittanceFile(IReadOnlyList<PaymentHeader> payments, IReadOnlyList<ClaimPayment> claims, IReadOnlyList<RemitWarning> warnings, long warningCount, RemitCounts counts)
    {
        Payments = payments;
        Claims = claims;
        Warnings = warnings;
        WarningCount = warningCount;
        Counts = counts;
    }

    /// <summary>The 835 transactions, in file order.</summary>
    public IReadOnlyList<PaymentHeader> Payments { get; }

    /// <summary>All claims, in file order.</summary>
    public IReadOnlyList<ClaimPayment> Claims { get; }

    /// <summary>All PLBs, in file order.</summary>
    public IEnumerable<ProviderAdjustment> ProviderAdjustments => Payments.SelectMany(p => p.ProviderAdjustments);

    /// <summary>All warnings in file order (the first <see cref="ReadOptions.MaxWarnings"/>).</summary>
    public IReadOnlyList<RemitWarning> Warnings { get; }

    /// <summary>Number of warnings, including those not kept.</summary>
    public long WarningCount { get; }

    /// <summary>Segment and item counts.</summary>
    public RemitCounts Counts { get; }

    /// <summary>Reads a whole 835 file.</summary>
    /// <exception cref="X12ParseException">The file cannot be read as an 835.</exception>
    public static RemittanceFile Load(string path, ReadOptions? options = null)
    {
        using var stream = File.OpenRead(path);
        return Load(stream, options);
    }

    /// <summary>Reads a whole 835 stream (left open).</summary>
    /// <exception cref="X12ParseException">The stream cannot be read as an 835.</exception>
    public static RemittanceFile Load(Stream stream, ReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new RemittanceReader(stream, options, leaveOpen: true);
        var payments = new List<PaymentHeader>();
        var claims = new List<ClaimPayment>();
        foreach (var e in reader.ReadEvents())
        {
            switch (e)
            {
                case PaymentStarted started:
                    payments.Add(started.Payment);
                    break;
                case ClaimRead read:
                    claims.Add(read.Claim);
                    read.Claim.Payment.AddClaim(read.Claim);
                    break;
                default:
                    break;
            }
        }

        LinkAcrossFile(claims, payments);
        return new RemittanceFile(payments, claims, reader.Warnings.ToList(), reader.WarningCount, reader.Counts);
    }

    private static void LinkAcrossFile(List<ClaimPayment> claims, List<PaymentHeader> payments)
    {
        var byKey = new Dictionary<string, ClaimPayment>(StringComparer.Ordinal);
        var bySegment = new Dictionary<long, ClaimPayment>();
        var byPcn = new Dictionary<string, List<ClaimPayment>>(StringComparer.Ordinal);
        foreach (var claim in claims)
        {
            bySegment[claim.SegmentNumber] = claim;
            if (claim.PatientControlNumber.Length == 0)
            {
                continue;
            }

            byKey.TryAdd(claim.PatientControlNumber, claim);
            if (claim.PayerClaimControlNumber is { } icn)
            {
                byKey.TryAdd(icn, claim);
            }

            if (!byPcn.TryGetValue(claim.PatientControlNumber, out var same))
            {
                byPcn[claim.PatientControlNumber] = same = [];
            }

            if (claim.IsReversal && claim.ReversalOf is null)
            {
                for (var i = same.Count - 1; i >= 0; i--)
                {
                    var original = same[i];
                    if (!original.IsReversal && original.ReversedBy is null && RemittanceReader.IsOriginalOf(original, claim))
                    {
                        claim.ReversalOf = original;
                        original.ReversedBy = claim;
                        if (claim.CorrectedBy is { } corrected)
                        {
                            original.CorrectedBy = corrected;
                        }

                        break;
                    }
                }
            }

            same.Add(claim);
        }

        foreach (var payment in payments)
        {
            foreach (var plb in payment.ProviderAdjustments)
            {
                foreach (var item in plb.Items)
                {
                    if (item.Link is { } link && bySegment.TryGetValue(link.SegmentNumber, out var linked))
                    {
                        item.LinkedClaim = linked;
                    }
                    else if (item.ReferenceId is { } reference && byKey.TryGetValue(reference, out var claim))
                    {
                        item.LinkedClaim = claim;
                        item.Link = ClaimLink.Of(claim);
                    }
                }
            }
        }
    }
}
