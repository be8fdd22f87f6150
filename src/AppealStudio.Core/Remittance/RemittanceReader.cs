using System.Globalization;
using AppealStudio.Core.X12;
using System.Runtime.CompilerServices;

namespace AppealStudio.Core.Remittance;

/// <summary>
/// Streams an 835 file claim by claim: memory stays flat however many claims the file holds.
/// <see cref="ReadEvents"/> yields, in file order, a <see cref="PaymentStarted"/> per transaction, a
/// <see cref="ClaimRead"/> per claim (with its service lines), and a <see cref="PaymentEnded"/> once the transaction's
/// PLBs and balance are known. Each claim refers to its shared <see cref="PaymentHeader"/>.
/// </summary>
/// <remarks>
/// <para>Problems that do not stop the reading (envelope count or control-number mismatches, failed balances, values
/// that are not numbers or dates, junk segments) become <see cref="RemitWarning"/>s: on <see cref="Warnings"/>, on the
/// transaction (<see cref="PaymentHeader.Warnings"/>) and, when they concern a claim, on the claim.</para>
/// <para>Unrecoverable input (no 835 content, a file cut off inside a transaction, an unreadable ISA) throws
/// <see cref="X12ParseException"/>; no other exception escapes for any input (I/O errors of the stream excepted).</para>
/// <para>Claims are handed out after a small window (<see cref="ReadOptions.ReversalWindow"/>) so that reversals can be
/// linked to their corrected claims before anyone sees them. For small files,
/// <see cref="RemittanceFile.Load(Stream, ReadOptions?)"/> materializes everything.</para>
/// </remarks>
public sealed class RemittanceReader : IDisposable
{
    private const int MaxOutsideWarnings = 20;
    private static readonly HashSet<string> GroupCodes = new(StringComparer.Ordinal) { "CO", "PR", "OA", "PI", "CR" };
    private static readonly HashSet<string> CorrectionStatuses = new(StringComparer.Ordinal) { "1", "2", "3", "4", "19", "20", "21" };

    private readonly X12Reader _x12;
    private readonly ReadOptions _options;
    private readonly Queue<RemitEvent> _pending = new();
    private readonly List<ClaimPayment> _window = [];
    private readonly List<RemitWarning> _warnings = [];
    private readonly Dictionary<string, ClaimLink> _linkIndex = new(StringComparer.Ordinal);
    private readonly RemitCounts _counts = new();
    private readonly SortedSet<string> _otherTransactionKinds = new(StringComparer.Ordinal);
    private bool _started;

    private string? _isaSenderQualifier;
    private string? _isaSender;
    private string? _isaReceiverQualifier;
    private string? _isaReceiver;
    private string? _isaControl;
    private string? _isaUsage;
    private string? _isaVersion;
    private EnvelopeInfo? _envelope;

    private PaymentHeader? _payment;
    private bool _skipping;
    private bool _announced;
    private Party? _party;
    private ClaimPayment? _claim;
    private ServiceLine? _line;
    private string? _lx;
    private List<KeyValuePair<string, decimal>>? _summaryAmounts;
    private int _reversalsInWindow;
    private long _windowSegments;
    private int _claimSegments;
    private int _transactionSegments;
    private bool _componentWarned;
    private bool _seen835;
    private int _outsideWarnings;

    /// <summary>Creates a reader over <paramref name="stream"/>.</summary>
    public RemittanceReader(Stream stream, ReadOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _options = options ?? new ReadOptions();
        _x12 = new X12Reader(stream, leaveOpen, _options.BufferSize);
        _x12.WarningHandler = w => Warn(w, _claim);
    }

    /// <summary>Warnings so far, in file order (the first <see cref="ReadOptions.MaxWarnings"/>).</summary>
    public IReadOnlyList<RemitWarning> Warnings => _warnings;

    /// <summary>All warnings so far, including those not kept.</summary>
    public long WarningCount { get; private set; }

    /// <summary>Counts so far (final once the events are exhausted).</summary>
    public RemitCounts Counts
    {
        get
        {
            _counts.Bytes = _x12.BytesRead;
            _counts.Segments = _x12.SegmentCount;
            _counts.Interchanges = _x12.InterchangeCount;
            _counts.FunctionalGroups = _x12.GroupCount;
            return _counts;
        }
    }

    /// <summary>Reads the file as a sequence of events (see the class summary). Can be enumerated once.</summary>
    /// <exception cref="X12ParseException">The file cannot be read as an 835.</exception>
    public IEnumerable<RemitEvent> ReadEvents()
    {
        if (_started)
        {
            throw new InvalidOperationException("A RemittanceReader reads its stream once.");
        }

        _started = true;
        return Iterate();
    }

    /// <summary>Only the claims of <see cref="ReadEvents"/>.</summary>
    public IEnumerable<ClaimPayment> ReadClaims()
    {
        foreach (var e in ReadEvents())
        {
            if (e is ClaimRead c)
            {
                yield return c.Claim;
            }
        }
    }

    public void Dispose() => _x12.Dispose();

    private IEnumerable<RemitEvent> Iterate()
    {
        while (true)
        {
            bool more;
            try
            {
                more = Step();
            }
            catch (Exception ex) when (ex is not (X12ParseException or IOException or OutOfMemoryException or OperationCanceledException or ObjectDisposedException))
            {
                var s = _x12.Segment;
                throw new X12ParseException(
                    string.Create(CultureInfo.InvariantCulture, $"Segment {s.Number} (byte {s.ByteOffset}) could not be read: {ex.Message}"),
                    s.Number,
                    s.ByteOffset,
                    s.Number > 0 ? s.IdText : null,
                    ex);
            }

            while (_pending.Count > 0)
            {
                yield return _pending.Dequeue();
            }

            if (!more)
            {
                yield break;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Step()
    {
        if (!_x12.Read())
        {
            EndTransaction();
            if (!_seen835)
            {
                throw NoRemittance(_otherTransactionKinds, _x12);
            }

            return false;
        }

        var s = _x12.Segment;
        switch (s.IdKey)
        {
            case SegmentKeys.ISA:
                EndTransaction();
                _isaSenderQualifier = s.GetCode(5);
                _isaSender = s.GetString(6);
                _isaReceiverQualifier = s.GetCode(7);
                _isaReceiver = s.GetString(8);
                _isaVersion = s.GetString(12);
                _isaControl = s.GetString(13);
                _isaUsage = s.GetCode(15);
                _envelope = new EnvelopeInfo(_isaSenderQualifier, _isaSender, _isaReceiverQualifier, _isaReceiver, _isaControl, _isaUsage, null, null, null, null, _isaVersion);
                break;
            case SegmentKeys.GS:
                EndTransaction();
                _envelope = new EnvelopeInfo(
                    _isaSenderQualifier,
                    _isaSender,
                    _isaReceiverQualifier,
                    _isaReceiver,
                    _isaControl,
                    _isaUsage,
                    s.GetString(2),
                    s.GetString(3),
                    Date(s, 4),
                    s.GetString(6),
                    s.GetString(8) ?? _isaVersion);
                break;
            case SegmentKeys.GE:
            case SegmentKeys.IEA:
            case SegmentKeys.SE:
                EndTransaction();
                break;
            case SegmentKeys.ST:
                EndTransaction();
                StartTransaction(s);
                break;
            default:
                if (_payment is not null)
                {
                    TransactionSegment(s);
                }
                else if (!_skipping && _outsideWarnings++ < MaxOutsideWarnings)
                {
                    Warn(new RemitWarning(s.Number, RemitWarningCode.UnexpectedSegment, $"Segment {s.Number} ({s.IdText}) is outside any 835 transaction (there is no ST before it); it was ignored."), null);
                }

                break;
        }

        return true;
    }

    internal static X12ParseException NoRemittance(IReadOnlyCollection<string> otherTransactionKinds, X12Reader x12)
    {
        if (otherTransactionKinds.Count > 0)
        {
            var kinds = string.Join(", ", otherTransactionKinds.Select(TransactionName));
            return new X12ParseException(
                $"This file holds {kinds}, not an 835 remittance (ERA): there is nothing to import. Check that you picked the 835 file.",
                x12.SegmentCount,
                x12.BytesRead,
                "ST");
        }

        return new X12ParseException(
            "This file holds no 835 remittance: there is no ST*835 transaction in it. Check that you picked the 835 (ERA) file.",
            x12.SegmentCount,
            x12.BytesRead,
            null);
    }

    private static string TransactionName(string code) => code switch
    {
        "837" => "837 health care claims",
        "999" => "999 acknowledgments",
        "997" => "997 acknowledgments",
        "277" => "277 claim status responses",
        "276" => "276 claim status requests",
        "270" => "270 eligibility inquiries",
        "271" => "271 eligibility responses",
        "278" => "278 authorization requests",
        "834" => "834 enrollments",
        "820" => "820 premium payments",
        _ => $"{code} transactions",
    };

    private void StartTransaction(X12Segment s)
    {
        var code = s.GetCode(1);
        if (!string.Equals(code, "835", StringComparison.Ordinal))
        {
            _skipping = true;
            _otherTransactionKinds.Add(code ?? "unnamed");
            Warn(new RemitWarning(s.Number, RemitWarningCode.NotARemittance, $"Transaction {s.GetString(2)} is a {TransactionName(code ?? "unnamed")} transaction, not an 835 remittance; it was skipped."), null);
            return;
        }

        _seen835 = true;
        _skipping = false;
        _counts.Transactions++;
        _payment = new PaymentHeader(s.Number, s.GetString(2), s.GetString(3), _envelope);
        _transactionSegments = 0;
        _announced = false;
        _party = null;
        _lx = null;
        _componentWarned = false;
        _x12.ClaimContext = null;
    }

    private void EndTransaction()
    {
        var payment = _payment;
        if (payment is null)
        {
            _skipping = false;
            return;
        }

        Announce();
        FinishClaim();
        while (_window.Count > 0)
        {
            Release();
        }

        _linkIndex.Clear();
        if (_options.CheckBalances && payment.TotalPaymentAmount is { } total)
        {
            var expected = payment.TotalClaimPayments - payment.TotalProviderAdjustments;
            if (Math.Abs(total - expected) >= 0.01m)
            {
                Warn(
                    new RemitWarning(
                        _x12.Segment.Number,
                        RemitWarningCode.TransactionOutOfBalance,
                        $"Transaction {payment.TransactionControlNumber} (trace {payment.TraceNumber}) does not balance: the payment amount (BPR02) is {Invariant.Money(total)}, but the claim payments ({Invariant.Money(payment.TotalClaimPayments)}) minus the provider-level adjustments ({Invariant.Money(payment.TotalProviderAdjustments)}) come to {Invariant.Money(expected)}."),
                    null);
            }
        }

        _pending.Enqueue(new PaymentEnded(payment));
        _payment = null;
        _party = null;
        _claim = null;
        _line = null;
        _x12.ClaimContext = null;
    }

    private void Announce()
    {
        if (!_announced && _payment is not null)
        {
            _announced = true;
            _pending.Enqueue(new PaymentStarted(_payment));
        }

        _party = null;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TransactionSegment(X12Segment s)
    {
        var payment = _payment!;
        CountSegment(s);
        switch (s.IdKey)
        {
            case SegmentKeys.BPR:
                payment.HandlingCode = s.GetCode(1);
                payment.TotalPaymentAmount = Dec(s, 2);
                payment.CreditDebitFlag = s.GetCode(3);
                payment.PaymentMethod = s.GetCode(4);
                payment.PaymentFormat = s.GetCode(5);
                payment.SenderDfiQualifier = s.GetCode(6);
                payment.SenderDfiId = s.GetString(7);
                payment.SenderAccountQualifier = s.GetCode(8);
                payment.SenderAccountNumber = s.GetString(9);
                payment.OriginatingCompanyId = s.GetString(10);
                payment.OriginatingCompanySupplementalCode = s.GetString(11);
                payment.ReceiverDfiQualifier = s.GetCode(12);
                payment.ReceiverDfiId = s.GetString(13);
                payment.ReceiverAccountQualifier = s.GetCode(14);
                payment.ReceiverAccountNumber = s.GetString(15);
                payment.PaymentDate = Date(s, 16);
                break;
            case SegmentKeys.TRN:
                payment.TraceType = s.GetCode(1);
                payment.TraceNumber = s.GetString(2);
                payment.TraceOriginatorId = s.GetString(3);
                payment.TraceOriginatorSupplementalCode = s.GetString(4);
                break;
            case SegmentKeys.CUR:
                payment.CurrencyCode = s.GetCode(2);
                break;
            case SegmentKeys.REF:
                if (Reference(s) is { } reference)
                {
                    if (_line is not null)
                    {
                        _line.AddReference(reference);
                    }
                    else if (_claim is not null)
                    {
                        _claim.AddReference(reference);
                    }
                    else if (_party is not null)
                    {
                        _party.AddReference(reference);
                    }
                    else
                    {
                        payment.AddReference(reference);
                    }
                }

                break;
            case SegmentKeys.DTM:
                if (DateValue(s) is { } date)
                {
                    if (_line is not null)
                    {
                        _line.AddDate(date);
                    }
                    else if (_claim is not null)
                    {
                        _claim.AddDate(date);
                    }
                    else
                    {
                        payment.AddDate(date);
                        if (string.Equals(date.Qualifier, "405", StringComparison.Ordinal))
                        {
                            payment.ProductionDate = date.Date;
                        }
                    }
                }

                break;
            case SegmentKeys.N1:
                if (_claim is not null || _announced)
                {
                    Unexpected(s);
                    break;
                }

                _party = new Party(s.GetCode(1) ?? string.Empty, s.GetString(2), s.GetCode(3), s.GetString(4));
                if (string.Equals(_party.EntityCode, "PR", StringComparison.Ordinal) && payment.Payer is null)
                {
                    payment.Payer = _party;
                }
                else if (string.Equals(_party.EntityCode, "PE", StringComparison.Ordinal) && payment.Payee is null)
                {
                    payment.Payee = _party;
                }

                break;
            case SegmentKeys.N3:
                if (_party is null)
                {
                    Unexpected(s);
                    break;
                }

                var lines = new List<string>(_party.Address?.Lines ?? []);
                AddIfPresent(lines, s.GetString(1));
                AddIfPresent(lines, s.GetString(2));
                _party.Address = (_party.Address ?? EmptyAddress) with { Lines = lines };
                break;
            case SegmentKeys.N4:
                if (_party is null)
                {
                    Unexpected(s);
                    break;
                }

                _party.Address = (_party.Address ?? EmptyAddress) with
                {
                    City = s.GetString(1),
                    State = s.GetCode(2),
                    PostalCode = s.GetString(3),
                    CountryCode = s.GetCode(4),
                    CountrySubdivision = s.GetString(7),
                };
                break;
            case SegmentKeys.PER:
                var contact = Contact(s);
                if (_claim is not null)
                {
                    _claim.AddContact(contact);
                }
                else if (_party is not null)
                {
                    _party.AddContact(contact);
                }
                else if (payment.Payer is not null)
                {
                    payment.Payer.AddContact(contact);
                }
                else
                {
                    Unexpected(s);
                }

                break;
            case SegmentKeys.RDM:
                payment.RemittanceDeliveryMethod = s.GetCode(1);
                payment.RemittanceDeliveryName = s.GetString(2);
                payment.RemittanceDeliveryNumber = s.GetString(3);
                break;
            case SegmentKeys.LX:
                Announce();
                FinishClaim();
                _lx = s.GetString(1);
                _summaryAmounts = null;
                break;
            case SegmentKeys.TS3:
                Announce();
                FinishClaim();
                _summaryAmounts = [];
                for (var i = 6; i <= s.ElementCount; i++)
                {
                    if (Dec(s, i) is { } amount)
                    {
                        _summaryAmounts.Add(new KeyValuePair<string, decimal>(string.Create(CultureInfo.InvariantCulture, $"TS3{i:00}"), amount));
                    }
                }

                payment.AddSummary(new ProviderSummary(_lx, s.GetString(1), s.GetCode(2), Date(s, 3), Dec(s, 4), Dec(s, 5), _summaryAmounts));
                break;
            case SegmentKeys.TS2:
                Announce();
                FinishClaim();
                if (_summaryAmounts is null)
                {
                    _summaryAmounts = [];
                    payment.AddSummary(new ProviderSummary(_lx, null, null, null, null, null, _summaryAmounts));
                }

                for (var i = 1; i <= s.ElementCount; i++)
                {
                    if (Dec(s, i) is { } amount)
                    {
                        _summaryAmounts.Add(new KeyValuePair<string, decimal>(string.Create(CultureInfo.InvariantCulture, $"TS2{i:00}"), amount));
                    }
                }

                break;
            case SegmentKeys.CLP:
                Announce();
                FinishClaim();
                StartClaim(s, payment);
                break;
            case SegmentKeys.CAS:
                Cas(s);
                break;
            case SegmentKeys.NM1:
                if (_claim is null)
                {
                    Unexpected(s);
                    break;
                }

                _claim.AddName(new PersonName(s.GetCode(1) ?? string.Empty, s.GetCode(2), s.GetString(3), s.GetString(4), s.GetString(5), s.GetString(7), s.GetCode(8), s.GetString(9)));
                break;
            case SegmentKeys.MIA:
                if (_claim is null)
                {
                    Unexpected(s);
                    break;
                }

                _claim.Inpatient = new InpatientAdjudication(
                    Dec(s, 1), Dec(s, 2), Dec(s, 3), Dec(s, 4), Dec(s, 6), Dec(s, 7), Dec(s, 8), Dec(s, 9), Dec(s, 10),
                    Dec(s, 11), Dec(s, 12), Dec(s, 13), Dec(s, 14), Dec(s, 15), Dec(s, 16), Dec(s, 17), Dec(s, 18), Dec(s, 19), Dec(s, 24),
                    Codes(s, 5, 20, 21, 22, 23));
                break;
            case SegmentKeys.MOA:
                if (_claim is null)
                {
                    Unexpected(s);
                    break;
                }

                _claim.Outpatient = new OutpatientAdjudication(Dec(s, 1), Dec(s, 2), Codes(s, 3, 4, 5, 6, 7), Dec(s, 8), Dec(s, 9));
                break;
            case SegmentKeys.AMT:
                if (s.GetCode(1) is { } amountQualifier && Dec(s, 2) is { } amountValue)
                {
                    var amount = new AmountValue(amountQualifier, amountValue);
                    if (_line is not null)
                    {
                        _line.AddAmount(amount);
                    }
                    else if (_claim is not null)
                    {
                        _claim.AddAmount(amount);
                    }
                    else
                    {
                        Unexpected(s);
                    }
                }

                break;
            case SegmentKeys.QTY:
                if (s.GetCode(1) is { } quantityQualifier && Dec(s, 2) is { } quantityValue)
                {
                    var quantity = new QuantityValue(quantityQualifier, quantityValue);
                    if (_line is not null)
                    {
                        _line.AddQuantity(quantity);
                    }
                    else if (_claim is not null)
                    {
                        _claim.AddQuantity(quantity);
                    }
                    else
                    {
                        Unexpected(s);
                    }
                }

                break;
            case SegmentKeys.SVC:
                Svc(s);
                break;
            case SegmentKeys.LQ:
                if (_line is null)
                {
                    Unexpected(s);
                    break;
                }

                if (s.GetCode(2) is { } remark)
                {
                    _line.AddRemark(new RemarkCode(s.GetCode(1) ?? string.Empty, remark));
                }

                break;
            case SegmentKeys.PLB:
                Announce();
                FinishClaim();
                Plb(s, payment);
                break;
            default:
                break;
        }
    }

    /// <summary>Counts the segment against its claim (or its transaction, outside claims) and refuses the file past the limit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CountSegment(X12Segment s)
    {
        var key = s.IdKey;
        if (key == SegmentKeys.CLP)
        {
            return;
        }

        var inClaim = _claim is not null && key != SegmentKeys.LX && key != SegmentKeys.TS3 && key != SegmentKeys.TS2 && key != SegmentKeys.PLB;
        var weight = RemitLimits.Weight(s);
        if (inClaim ? (_claimSegments += weight) > _options.MaxSegmentsPerClaim : (_transactionSegments += weight) > _options.MaxSegmentsPerClaim)
        {
            throw RemitLimits.TooManySegments(inClaim ? _claim : null, _payment, s, _options.MaxSegmentsPerClaim);
        }
    }

    private static readonly Address EmptyAddress = new([], null, null, null, null, null);

    private static void AddIfPresent(List<string> list, string? value)
    {
        if (value is not null)
        {
            list.Add(value);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StartClaim(X12Segment s, PaymentHeader payment)
    {
        _counts.Claims++;
        var pcn = s.GetString(1);
        var claim = new ClaimPayment(payment, s.Number, _lx, pcn ?? string.Empty, s.GetCode(2) ?? string.Empty);
        _claim = claim;
        _claimSegments = 1;
        _line = null;
        _x12.ClaimContext = pcn ?? string.Create(CultureInfo.InvariantCulture, $"at segment {s.Number}");
        if (pcn is null)
        {
            Warn(new RemitWarning(s.Number, RemitWarningCode.InvalidValue, $"The claim at segment {s.Number} has no patient control number (CLP01)."), claim);
        }

        var charge = Dec(s, 3);
        var paid = Dec(s, 4);
        if (charge is null || paid is null)
        {
            Warn(new RemitWarning(s.Number, RemitWarningCode.InvalidValue, $"Claim {pcn} (segment {s.Number}) is incomplete: it has no {(charge is null ? "charge (CLP03)" : "payment (CLP04)")}; it was read as 0."), claim);
        }

        claim.ChargeAmount = charge ?? 0m;
        claim.PaymentAmount = paid ?? 0m;
        claim.PatientResponsibilityAmount = Dec(s, 5);
        claim.FilingIndicatorCode = s.GetCode(6);
        claim.PayerClaimControlNumber = s.GetString(7);
        claim.FacilityTypeCode = s.GetCode(8);
        claim.FrequencyCode = s.GetCode(9);
        claim.PatientStatusCode = s.GetCode(10);
        claim.DrgCode = s.GetString(11);
        claim.DrgWeight = Dec(s, 12);
        claim.DischargeFraction = Dec(s, 13);
        claim.ConditionCode = s.GetCode(14);
        payment.ClaimCount++;
        payment.TotalClaimPayments += claim.PaymentAmount;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FinishClaim()
    {
        var claim = _claim;
        if (claim is null)
        {
            return;
        }

        _claim = null;
        _line = null;
        _x12.ClaimContext = null;
        claim.SegmentCount = _claimSegments;
        if (_options.CheckBalances)
        {
            CheckBalance(claim);
        }

        // Only a small key per claim is remembered, so that a huge transaction does not keep its claims alive.
        if (_linkIndex.Count < _options.MaxLinkedClaimsPerTransaction)
        {
            var link = ClaimLink.Of(claim);
            if (claim.PatientControlNumber.Length > 0)
            {
                _linkIndex.TryAdd(claim.PatientControlNumber, link);
            }

            if (claim.PayerClaimControlNumber is { } icn)
            {
                _linkIndex.TryAdd(icn, link);
            }
        }

        if (_options.ReversalWindow <= 0)
        {
            _pending.Enqueue(new ClaimRead(claim));
            return;
        }

        LinkReversal(claim);
        _window.Add(claim);
        _windowSegments += claim.SegmentCount;
        if (claim.IsReversal)
        {
            _reversalsInWindow++;
        }

        // Large claims leave the window early, so the claims held back never add up to more than a few claims' worth.
        while (_window.Count > _options.ReversalWindow || (_window.Count > 1 && _windowSegments > _options.MaxWindowSegments))
        {
            Release();
        }
    }

    private void Release()
    {
        var claim = _window[0];
        _window.RemoveAt(0);
        _windowSegments -= claim.SegmentCount;
        if (claim.IsReversal)
        {
            _reversalsInWindow--;
        }

        _pending.Enqueue(new ClaimRead(claim));
    }

    private void LinkReversal(ClaimPayment claim)
    {
        if (claim.PatientControlNumber.Length == 0)
        {
            return;
        }

        if (claim.IsReversal)
        {
            for (var i = _window.Count - 1; i >= 0; i--)
            {
                var original = _window[i];
                if (!original.IsReversal && original.ReversedBy is null && IsOriginalOf(original, claim))
                {
                    claim.ReversalOf = original;
                    original.ReversedBy = claim;
                    break;
                }
            }
        }
        else if (_reversalsInWindow > 0 && CorrectionStatuses.Contains(claim.StatusCode))
        {
            for (var i = _window.Count - 1; i >= 0; i--)
            {
                var reversal = _window[i];
                if (reversal.IsReversal && reversal.CorrectedBy is null
                    && string.Equals(reversal.PatientControlNumber, claim.PatientControlNumber, StringComparison.Ordinal))
                {
                    LinkCorrection(reversal, claim);
                    break;
                }
            }
        }
    }

    internal static bool IsOriginalOf(ClaimPayment original, ClaimPayment reversal) =>
        string.Equals(original.PatientControlNumber, reversal.PatientControlNumber, StringComparison.Ordinal)
        && original.ChargeAmount == -reversal.ChargeAmount
        && original.PaymentAmount == -reversal.PaymentAmount;

    internal static void LinkCorrection(ClaimPayment reversal, ClaimPayment corrected)
    {
        reversal.CorrectedBy = corrected;
        corrected.Corrects = reversal;
        if (reversal.ReversalOf is { } original)
        {
            original.CorrectedBy = corrected;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CheckBalance(ClaimPayment claim)
    {
        var adjustments = claim.TotalAdjustments();
        var difference = claim.ChargeAmount - adjustments - claim.PaymentAmount;
        if (Math.Abs(difference) >= 0.01m)
        {
            Warn(
                new RemitWarning(
                    claim.SegmentNumber,
                    RemitWarningCode.ClaimOutOfBalance,
                    $"Claim {claim.PatientControlNumber} does not balance: the charge {Invariant.Money(claim.ChargeAmount)} minus adjustments {Invariant.Money(adjustments)} is {Invariant.Money(claim.ChargeAmount - adjustments)}, but the payer paid {Invariant.Money(claim.PaymentAmount)} (difference {Invariant.Money(difference)})."),
                claim);
        }

        foreach (var line in claim.ServiceLines)
        {
            if (line.AmountsMissing)
            {
                continue;
            }

            var lineAdjustments = line.TotalAdjustments();
            var lineDifference = line.ChargeAmount - lineAdjustments - line.PaidAmount;
            if (Math.Abs(lineDifference) >= 0.01m)
            {
                Warn(
                    new RemitWarning(
                        line.SegmentNumber,
                        RemitWarningCode.LineOutOfBalance,
                        $"Service line {line.Procedure.Code ?? "(no code)"} of claim {claim.PatientControlNumber} does not balance: the charge {Invariant.Money(line.ChargeAmount)} minus adjustments {Invariant.Money(lineAdjustments)} is {Invariant.Money(line.ChargeAmount - lineAdjustments)}, but the payer paid {Invariant.Money(line.PaidAmount)} (difference {Invariant.Money(lineDifference)})."),
                    claim);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Cas(X12Segment s)
    {
        if (_claim is null)
        {
            Unexpected(s);
            return;
        }

        var lineLevel = _line is not null;
        var triplets = 0;
        for (var k = 0; k < 6; k++)
        {
            if (!X12Text.Trim(s[2 + (3 * k)]).IsEmpty)
            {
                triplets++;
            }
        }

        if (lineLevel)
        {
            _counts.LineAdjustmentSegments++;
            _counts.LineAdjustments += triplets;
        }
        else
        {
            _counts.ClaimAdjustmentSegments++;
            _counts.ClaimAdjustments += triplets;
        }

        var group = s.GetCode(1);
        if (group is null || !GroupCodes.Contains(group))
        {
            Warn(new RemitWarning(s.Number, RemitWarningCode.InvalidValue, $"The adjustment (CAS) at segment {s.Number} of claim {_claim.PatientControlNumber} has group code \"{group}\", which is not CO, PR, OA or PI; it was ignored."), _claim);
            return;
        }

        for (var k = 0; k < 6; k++)
        {
            var reasonIndex = 2 + (3 * k);
            var reason = s.GetCode(reasonIndex);
            var status = s.TryGetDecimal(reasonIndex + 1, out var amount);
            if (reason is null)
            {
                if (status != X12ValueStatus.Missing)
                {
                    Warn(new RemitWarning(s.Number, RemitWarningCode.InvalidValue, $"The adjustment (CAS) at segment {s.Number} has an amount without a reason code; it was ignored."), _claim);
                }

                continue;
            }

            if (status != X12ValueStatus.Valid)
            {
                var text = X12Text.ToText(s[reasonIndex + 1]);
                Warn(
                    new RemitWarning(
                        s.Number,
                        status == X12ValueStatus.Missing ? RemitWarningCode.InvalidValue : RemitWarningCode.InvalidNumber,
                        status == X12ValueStatus.Missing
                            ? $"The adjustment {group}-{reason} at segment {s.Number} has no amount; it was ignored."
                            : $"The adjustment {group}-{reason} at segment {s.Number} has the amount \"{text}\", which is not a number; it was ignored."),
                    _claim);
                continue;
            }

            var adjustment = new ClaimAdjustment(group, reason, amount, Dec(s, reasonIndex + 2), s.Number);
            if (_line is not null)
            {
                _line.AddAdjustment(adjustment);
            }
            else
            {
                _claim.AddAdjustment(adjustment);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Svc(X12Segment s)
    {
        if (_claim is null)
        {
            Unexpected(s);
            return;
        }

        _counts.ServiceLines++;
        var procedure = Composite(s, 1);
        var line = new ServiceLine(_claim, s.Number, procedure);
        var charge = Dec(s, 2);
        var paid = Dec(s, 3);
        line.ChargeAmount = charge ?? 0m;
        line.PaidAmount = paid ?? 0m;
        line.AmountsMissing = charge is null && paid is null;
        line.RevenueCode = s.GetCode(4);
        line.Units = Dec(s, 5);
        line.SubmittedProcedure = X12Text.Trim(s[6]).IsEmpty ? null : Composite(s, 6);
        line.SubmittedUnits = Dec(s, 7);
        _line = line;
        _claim.AddLine(line);
        if (procedure.Code is null)
        {
            Warn(new RemitWarning(s.Number, RemitWarningCode.IncompleteServiceLine, $"The service line at segment {s.Number} of claim {_claim.PatientControlNumber} has no procedure code (SVC01 is \"{X12Text.ToText(s[1])}\")."), _claim);
        }
        else if (line.AmountsMissing)
        {
            Warn(new RemitWarning(s.Number, RemitWarningCode.IncompleteServiceLine, $"The service line {procedure.Code} at segment {s.Number} of claim {_claim.PatientControlNumber} has no charge or payment (SVC02 and SVC03 are empty); it was not checked for balance or denials."), _claim);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ProcedureCode Composite(X12Segment s, int index)
    {
        var separator = ComponentSeparator(s, index);
        var count = s.ComponentCount(index, separator);
        var modifiers = new List<string>(0);
        for (var c = 3; c <= Math.Min(count, 6); c++)
        {
            if (s.GetComponentCode(index, c, separator) is { } modifier)
            {
                modifiers.Add(modifier);
            }
        }

        return new ProcedureCode(
            s.GetComponentCode(index, 1, separator),
            s.GetComponentCode(index, 2, separator),
            modifiers.Count == 0 ? [] : modifiers,
            count >= 7 ? X12Text.ToText(s.Component(index, 7, separator)) : null);
    }

    private byte ComponentSeparator(X12Segment s, int index)
    {
        var declared = s.Delimiters.Component;
        var element = s[index];
        if (element.Length < 4 || element.IndexOf(declared) >= 0)
        {
            return declared;
        }

        // Qualifiers are two characters ("HC", "AD", "WO"); a punctuation mark right after one is the separator the sender really used.
        var candidate = element[2];
        if (X12Text.IsAlphaNumeric(element[0]) && X12Text.IsAlphaNumeric(element[1]) && !X12Text.IsAlphaNumeric(candidate)
            && candidate is not ((byte)' ' or (byte)'-' or (byte)'.' or (byte)'/' or (byte)',') && candidate > 0x20 && candidate < 0x7F)
        {
            if (!_componentWarned)
            {
                _componentWarned = true;
                Warn(new RemitWarning(s.Number, RemitWarningCode.ComponentSeparatorMismatch, $"Segment {s.Number} ({s.IdText}) separates the parts of a composite with '{(char)candidate}', but {(_envelope is null ? "the file has no interchange header, so" : "the interchange header declares")} '{(char)declared}'{(_envelope is null ? " was expected" : string.Empty)}; '{(char)candidate}' was used."), _claim);
            }

            return candidate;
        }

        return declared;
    }

    private void Plb(X12Segment s, PaymentHeader payment)
    {
        _counts.ProviderAdjustmentSegments++;
        var items = new List<ProviderAdjustmentItem>();
        var total = 0m;
        for (var k = 0; k < 6; k++)
        {
            var codeIndex = 3 + (2 * k);
            var amountIndex = codeIndex + 1;
            if (X12Text.Trim(s[codeIndex]).IsEmpty && X12Text.Trim(s[amountIndex]).IsEmpty)
            {
                continue;
            }

            var separator = ComponentSeparator(s, codeIndex);
            var reason = s.GetComponentCode(codeIndex, 1, separator);
            var reference = X12Text.ToText(s.Component(codeIndex, 2, separator));
            var status = s.TryGetDecimal(amountIndex, out var amount);
            if (reason is null || status != X12ValueStatus.Valid)
            {
                Warn(new RemitWarning(s.Number, status == X12ValueStatus.Invalid ? RemitWarningCode.InvalidNumber : RemitWarningCode.InvalidValue, $"A provider-level adjustment in segment {s.Number} (PLB{codeIndex:00}/PLB{amountIndex:00}) has no reason code or no valid amount (\"{X12Text.ToText(s[amountIndex])}\"); it was ignored."), null);
                continue;
            }

            var item = new ProviderAdjustmentItem(reason, reference, amount);
            if (reference is not null && _linkIndex.TryGetValue(reference, out var link))
            {
                item.Link = link;
            }

            items.Add(item);
            total += amount;
        }

        payment.TotalProviderAdjustments += total;
        payment.AddProviderAdjustment(new ProviderAdjustment(payment, s.Number, s.GetString(1), Date(s, 2), items));
    }

    private ReferenceId? Reference(X12Segment s)
    {
        var qualifier = s.GetCode(1);
        var value = s.GetString(2);
        return qualifier is null || value is null ? null : new ReferenceId(qualifier, value, s.GetString(3));
    }

    private DateValue? DateValue(X12Segment s)
    {
        var qualifier = s.GetCode(1);
        return qualifier is not null && Date(s, 2) is { } date ? new DateValue(qualifier, date) : null;
    }

    private static Contact Contact(X12Segment s)
    {
        var numbers = new List<ContactNumber>(3);
        for (var i = 3; i <= 7; i += 2)
        {
            if (s.GetCode(i) is { } qualifier && s.GetString(i + 1) is { } number)
            {
                numbers.Add(new ContactNumber(qualifier, number));
            }
        }

        return new Contact(s.GetCode(1), s.GetString(2), numbers);
    }

    private static string[] Codes(X12Segment s, params int[] indexes)
    {
        var codes = new List<string>();
        foreach (var i in indexes)
        {
            if (s.GetCode(i) is { } code)
            {
                codes.Add(code);
            }
        }

        return [.. codes];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private decimal? Dec(X12Segment s, int index)
    {
        switch (s.TryGetDecimal(index, out var value))
        {
            case X12ValueStatus.Valid:
                return value;
            case X12ValueStatus.Invalid:
                Warn(new RemitWarning(s.Number, RemitWarningCode.InvalidNumber, string.Create(CultureInfo.InvariantCulture, $"{s.IdText}{index:00} at segment {s.Number} is \"{X12Text.ToText(s[index])}\", which is not a number; it was read as empty.")), _claim);
                return null;
            default:
                return null;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private DateOnly? Date(X12Segment s, int index)
    {
        switch (s.TryGetDate(index, out var value))
        {
            case X12ValueStatus.Valid:
                return value;
            case X12ValueStatus.Invalid:
                Warn(new RemitWarning(s.Number, RemitWarningCode.InvalidDate, string.Create(CultureInfo.InvariantCulture, $"{s.IdText}{index:00} at segment {s.Number} is \"{X12Text.ToText(s[index])}\", which is not a valid date (CCYYMMDD); it was read as empty.")), _claim);
                return null;
            default:
                return null;
        }
    }

    private void Unexpected(X12Segment s) =>
        Warn(new RemitWarning(s.Number, RemitWarningCode.UnexpectedSegment, $"Segment {s.Number} ({s.IdText}) is not where the 835 allows it; it was ignored."), _claim);

    private void Warn(RemitWarning warning, ClaimPayment? claim)
    {
        WarningCount++;
        if (_warnings.Count < _options.MaxWarnings)
        {
            _warnings.Add(warning);
        }
        else if (_warnings.Count == _options.MaxWarnings)
        {
            _warnings.Add(new RemitWarning(0, RemitWarningCode.TooManyWarnings, string.Create(CultureInfo.InvariantCulture, $"More than {_options.MaxWarnings} warnings: the rest were counted but not listed.")));
        }

        _payment?.AddWarning(warning);
        claim?.AddWarning(warning);
    }
}
