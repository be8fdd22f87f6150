using System.Globalization;
using AppealStudio.Core.X12;

namespace AppealStudio.Core.Remittance;

/// <summary>The refusal of a claim or transaction larger than <see cref="ReadOptions.MaxSegmentsPerClaim"/> (reader and scanner alike).</summary>
internal static class RemitLimits
{
    /// <summary>
    /// What a segment counts toward the limit: one, or for a CAS one per adjustment it carries (up to six), because each
    /// adjustment becomes a row (and possibly a denial) of its own.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static int Weight(X12Segment s)
    {
        if (s.IdKey != SegmentKeys.CAS)
        {
            return 1;
        }

        var adjustments = 0;
        for (var k = 0; k < 6; k++)
        {
            if (!X12Text.Trim(s[2 + (3 * k)]).IsEmpty)
            {
                adjustments++;
            }
        }

        return Math.Max(1, adjustments);
    }

    public static X12ParseException TooManySegments(ClaimPayment? claim, PaymentHeader? payment, X12Segment s, int limit) =>
        TooManySegments(claim is null ? null : (claim.PatientControlNumber, claim.SegmentNumber), payment?.TransactionControlNumber, s, limit);

    public static X12ParseException TooManySegments((string Pcn, long ClpSegment)? claim, string? transaction, X12Segment s, int limit)
    {
        var ic = CultureInfo.InvariantCulture;
        var limitText = limit.ToString("N0", ic);
        var what = claim is { } c
            ? string.Create(ic, $"Claim {(c.Pcn.Length > 0 ? c.Pcn : "(no control number)")} (CLP at segment {c.ClpSegment}) has more than {limitText} segments")
            : string.Create(ic, $"Transaction {transaction ?? "(no control number)"} has more than {limitText} segments outside its claims");
        return new X12ParseException(
            string.Create(ic, $"{what}: the limit was reached at segment {s.Number} ({s.IdText}, byte {s.ByteOffset}). No real remittance is that large; the file is damaged or was built to exhaust the server, so it was refused. Ask the payer or clearinghouse for a corrected file."),
            s.Number,
            s.ByteOffset,
            s.IdText);
    }
}
