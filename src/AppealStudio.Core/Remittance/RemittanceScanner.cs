using System.Runtime.CompilerServices;
using AppealStudio.Core.X12;

namespace AppealStudio.Core.Remittance;

/// <summary>Counts of one or more remittance files: what <c>remit inspect --summary</c> prints.</summary>
public sealed class RemitSummary
{
    /// <summary>Files scanned.</summary>
    public int Files { get; set; }

    /// <summary>Bytes read.</summary>
    public long Bytes { get; set; }

    /// <summary>Segments read.</summary>
    public long Segments { get; set; }

    /// <summary>ISA headers.</summary>
    public long Interchanges { get; set; }

    /// <summary>GS headers.</summary>
    public long FunctionalGroups { get; set; }

    /// <summary>835 transactions (ST*835).</summary>
    public long Transactions { get; set; }

    /// <summary>CLP segments.</summary>
    public long Claims { get; set; }

    /// <summary>SVC segments.</summary>
    public long ServiceLines { get; set; }

    /// <summary>CAS segments (claim and line level).</summary>
    public long AdjustmentSegments { get; set; }

    /// <summary>PLB segments.</summary>
    public long ProviderAdjustmentSegments { get; set; }

    /// <summary>Denials found (coded and silent; underpayments need a fee schedule and the full inspection).</summary>
    public long Denials { get; set; }

    /// <summary>Warnings raised.</summary>
    public long Warnings { get; set; }

    /// <summary>Adds another file's counts.</summary>
    public void Add(RemitSummary other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Files += other.Files;
        Bytes += other.Bytes;
        Segments += other.Segments;
        Interchanges += other.Interchanges;
        FunctionalGroups += other.FunctionalGroups;
        Transactions += other.Transactions;
        Claims += other.Claims;
        ServiceLines += other.ServiceLines;
        AdjustmentSegments += other.AdjustmentSegments;
        ProviderAdjustmentSegments += other.ProviderAdjustmentSegments;
        Denials += other.Denials;
        Warnings += other.Warnings;
    }
}

/// <summary>
/// Counts a remittance as fast as the segments can be read, without building the 835 model: segments, claims, lines,
/// adjustments, denials and warnings. It applies the same rules as <see cref="RemittanceReader"/> followed by
/// <see cref="DenialDetector"/> (without a fee schedule) on scalar state only, so the counts equal what a full
/// inspection reports (equivalence tests check this on the corpus and on damaged copies of it).
/// </summary>
/// <remarks>Throws <see cref="X12ParseException"/> for unreadable input, exactly when the full reader does.</remarks>
public sealed class RemittanceScanner
{
    private const int MaxOutsideWarnings = 20;
    private const decimal Cent = 0.01m;
    private readonly ReadOptions _options;
    private readonly NonDenialAdjustments _nonDenials;

    public RemittanceScanner(ReadOptions? options = null, NonDenialAdjustments? nonDenials = null)
    {
        _options = options ?? new ReadOptions();
        _nonDenials = nonDenials ?? NonDenialAdjustments.Default;
    }

    /// <summary>Counts one file.</summary>
    /// <exception cref="X12ParseException">The file cannot be read as an 835.</exception>
    public RemitSummary Scan(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return Scan(stream);
    }

    /// <summary>Counts one stream (left open).</summary>
    /// <exception cref="X12ParseException">The stream cannot be read as an 835.</exception>
    public RemitSummary Scan(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new X12Reader(stream, leaveOpen: true, _options.BufferSize);
        var state = new ScanState(reader, _options, _nonDenials);
        try
        {
            state.Run();
        }
        catch (Exception ex) when (ex is not (X12ParseException or IOException or OutOfMemoryException or OperationCanceledException or ObjectDisposedException))
        {
            var s = reader.Segment;
            throw new X12ParseException($"Segment {s.Number} (byte {s.ByteOffset}) could not be read: {ex.Message}", s.Number, s.ByteOffset, s.Number > 0 ? s.IdText : null, ex);
        }

        return state.Summary;
    }

    /// <summary>Counts several files and adds them up.</summary>
    /// <exception cref="X12ParseException">A file cannot be read as an 835 (the message does not name the file; the caller knows it).</exception>
    public RemitSummary Scan(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var total = new RemitSummary();
        foreach (var path in paths)
        {
            total.Add(Scan(path));
        }

        return total;
    }

    private struct Window
    {
        public string Pcn;
        public decimal Charge;
        public decimal Paid;
        public bool IsReversal;
        public bool Reversed;
        public int Denials;
    }

    private sealed class ScanState
    {
        private readonly X12Reader _reader;
        private readonly ReadOptions _options;
        private readonly NonDenialAdjustments _nonDenials;
        private readonly Window[] _window;
        private int _windowCount;
        private int _windowNext;
        private int _outsideWarnings;
        private bool _seen835;
        private string? _transaction;
        private readonly SortedSet<string> _otherKinds = new(StringComparer.Ordinal);

        private bool _inPayment;
        private bool _skipping;
        private bool _announced;
        private bool _party;
        private bool _payer;
        private bool _componentWarned;
        private decimal? _total;
        private decimal _claimPayments;
        private decimal _plbTotal;

        private bool _inClaim;
        private bool _inLine;
        private int _claimSegments;
        private int _transactionSegments;
        private long _clpSegment;
        private string _pcn = string.Empty;
        private string _status = string.Empty;
        private decimal _charge;
        private decimal _paid;
        private decimal _claimAdjustments;
        private int _claimCoded;
        private decimal _share;
        private decimal _linesAdjustments;
        private decimal _linesAccountFor;
        private int _lineDenials;
        private bool _lineMissing;
        private decimal _lineCharge;
        private decimal _linePaid;
        private decimal _lineAdjustments;
        private int _lineCoded;

        // Remark-conditional non-denials (a QMB's PR-2 with N782 is a denial; CO-237 with N807 is not): the remarks
        // follow the adjustments in an 835, so these adjustments wait for the end of the line and of the claim.
        private readonly bool _conditional;
        private readonly List<NonDenialAdjustments.Rule> _claimPending = [];
        private readonly List<NonDenialAdjustments.Rule> _linePending = [];
        private readonly List<(NonDenialAdjustments.Rule Rule, List<string> LineRemarks)> _deferred = [];
        private static readonly List<string> NoRemarks = [];
        private readonly List<string> _lineRemarks = [];
        private string[] _miaRemarks = [];
        private string[] _moaRemarks = [];

        public ScanState(X12Reader reader, ReadOptions options, NonDenialAdjustments nonDenials)
        {
            _reader = reader;
            _options = options;
            _nonDenials = nonDenials;
            _conditional = nonDenials.ConditionRemarks.Count > 0;
            _window = new Window[Math.Max(0, options.ReversalWindow)];
            reader.WarningHandler = _ => Summary.Warnings++;
        }

        public RemitSummary Summary { get; } = new() { Files = 1 };

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run()
        {
            var reader = _reader;
            while (reader.Read())
            {
                var s = reader.Segment;
                switch (s.IdKey)
                {
                    case SegmentKeys.ISA:
                    case SegmentKeys.GE:
                    case SegmentKeys.IEA:
                    case SegmentKeys.SE:
                        EndTransaction();
                        break;
                    case SegmentKeys.GS:
                        EndTransaction();
                        Date(s, 4);
                        break;
                    case SegmentKeys.ST:
                        EndTransaction();
                        StartTransaction(s);
                        break;
                    default:
                        if (_inPayment)
                        {
                            Segment(s);
                        }
                        else if (!_skipping && _outsideWarnings++ < MaxOutsideWarnings)
                        {
                            Warn();
                        }

                        break;
                }
            }

            EndTransaction();
            Summary.Bytes = reader.BytesRead;
            Summary.Segments = reader.SegmentCount;
            Summary.Interchanges = reader.InterchangeCount;
            Summary.FunctionalGroups = reader.GroupCount;
            if (!_seen835)
            {
                throw NoRemittance();
            }
        }

        private X12ParseException NoRemittance() => RemittanceReader.NoRemittance(_otherKinds, _reader);

        private void Warn() => Summary.Warnings++;

        private void StartTransaction(X12Segment s)
        {
            if (!X12Text.Trim(s[1]).SequenceEqual("835"u8))
            {
                _skipping = true;
                _otherKinds.Add(s.GetCode(1) ?? "unnamed");
                Warn();
                return;
            }

            _seen835 = true;
            _skipping = false;
            _inPayment = true;
            _transactionSegments = 0;
            _transaction = s.GetString(2);
            Summary.Transactions++;
            _announced = false;
            _party = false;
            _payer = false;
            _componentWarned = false;
            _total = null;
            _claimPayments = 0;
            _plbTotal = 0;
            _windowCount = 0;
            _windowNext = 0;
        }

        private void EndTransaction()
        {
            if (!_inPayment)
            {
                _skipping = false;
                return;
            }

            FinishClaim();
            if (_options.CheckBalances && _total is { } total && Math.Abs(total - (_claimPayments - _plbTotal)) >= Cent)
            {
                Warn();
            }

            for (var i = 0; i < _windowCount; i++)
            {
                ref var w = ref _window[i];
                w.Pcn = string.Empty;
            }

            _inPayment = false;
            _inClaim = false;
            _inLine = false;
        }

        private void Announce()
        {
            _announced = true;
            _party = false;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Segment(X12Segment s)
        {
            // The same limit as the full reader, so inspect --summary refuses what import refuses.
            var key = s.IdKey;
            if (key != SegmentKeys.CLP)
            {
                var inClaim = _inClaim && key != SegmentKeys.LX && key != SegmentKeys.TS3 && key != SegmentKeys.TS2 && key != SegmentKeys.PLB;
                var weight = RemitLimits.Weight(s);
                if (inClaim ? (_claimSegments += weight) > _options.MaxSegmentsPerClaim : (_transactionSegments += weight) > _options.MaxSegmentsPerClaim)
                {
                    throw RemitLimits.TooManySegments(inClaim ? (_pcn, _clpSegment) : null, _transaction, s, _options.MaxSegmentsPerClaim);
                }
            }

            switch (key)
            {
                case SegmentKeys.BPR:
                    _total = Num(s, 2);
                    Date(s, 16);
                    break;
                case SegmentKeys.DTM:
                    if (!X12Text.Trim(s[1]).IsEmpty)
                    {
                        Date(s, 2);
                    }

                    break;
                case SegmentKeys.N1:
                    if (_inClaim || _announced)
                    {
                        Warn();
                        break;
                    }

                    _party = true;
                    if (X12Text.Trim(s[1]).SequenceEqual("PR"u8))
                    {
                        _payer = true;
                    }

                    break;
                case SegmentKeys.N3:
                case SegmentKeys.N4:
                    if (!_party)
                    {
                        Warn();
                    }

                    break;
                case SegmentKeys.PER:
                    if (!_inClaim && !_party && !_payer)
                    {
                        Warn();
                    }

                    break;
                case SegmentKeys.LX:
                    Announce();
                    FinishClaim();
                    break;
                case SegmentKeys.TS3:
                    Announce();
                    FinishClaim();
                    for (var i = 6; i <= s.ElementCount; i++)
                    {
                        Num(s, i);
                    }

                    Date(s, 3);
                    Num(s, 4);
                    Num(s, 5);
                    break;
                case SegmentKeys.TS2:
                    Announce();
                    FinishClaim();
                    for (var i = 1; i <= s.ElementCount; i++)
                    {
                        Num(s, i);
                    }

                    break;
                case SegmentKeys.CLP:
                    Announce();
                    FinishClaim();
                    StartClaim(s);
                    break;
                case SegmentKeys.CAS:
                    Cas(s);
                    break;
                case SegmentKeys.NM1:
                    if (!_inClaim)
                    {
                        Warn();
                    }

                    break;
                case SegmentKeys.MIA:
                    if (!_inClaim)
                    {
                        Warn();
                        break;
                    }

                    for (var i = 1; i <= 24; i++)
                    {
                        if (i is not (5 or 20 or 21 or 22 or 23))
                        {
                            Num(s, i);
                        }
                    }

                    if (_conditional)
                    {
                        _miaRemarks = ConditionCodes(s, 20, 23, single: 5);
                    }

                    break;
                case SegmentKeys.MOA:
                    if (!_inClaim)
                    {
                        Warn();
                        break;
                    }

                    Num(s, 1);
                    Num(s, 2);
                    Num(s, 8);
                    Num(s, 9);
                    if (_conditional)
                    {
                        _moaRemarks = ConditionCodes(s, 3, 7);
                    }

                    break;
                case SegmentKeys.AMT:
                case SegmentKeys.QTY:
                    if (!X12Text.Trim(s[1]).IsEmpty && Num(s, 2) is not null && !_inLine && !_inClaim)
                    {
                        Warn();
                    }

                    break;
                case SegmentKeys.SVC:
                    Svc(s);
                    break;
                case SegmentKeys.LQ:
                    if (!_inLine)
                    {
                        Warn();
                    }
                    else if (_conditional && string.Equals(s.GetCode(1), "HE", StringComparison.Ordinal)
                             && s.GetCode(2) is { } remark && _nonDenials.ConditionRemarks.Contains(remark))
                    {
                        _lineRemarks.Add(remark);
                    }

                    break;
                case SegmentKeys.PLB:
                    Announce();
                    FinishClaim();
                    Plb(s);
                    break;
                default:
                    break;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void StartClaim(X12Segment s)
        {
            Summary.Claims++;
            _inClaim = true;
            _claimSegments = 1;
            _clpSegment = s.Number;
            _inLine = false;
            var pcn = s.GetString(1);
            if (pcn is null)
            {
                Warn();
            }

            _pcn = pcn ?? string.Empty;
            _status = s.GetCode(2) ?? string.Empty;
            var charge = Num(s, 3);
            var paid = Num(s, 4);
            if (charge is null || paid is null)
            {
                Warn();
            }

            Num(s, 5);
            Num(s, 12);
            Num(s, 13);
            _charge = charge ?? 0m;
            _paid = paid ?? 0m;
            _claimPayments += _paid;
            _claimAdjustments = 0;
            _claimCoded = 0;
            _share = 0;
            _linesAdjustments = 0;
            _linesAccountFor = 0;
            _lineDenials = 0;
            _claimPending.Clear();
            _deferred.Clear();
            _linePending.Clear();
            _lineRemarks.Clear();
            _miaRemarks = [];
            _moaRemarks = [];
            _reader.ClaimContext = pcn ?? AtSegment(s.Number);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static string AtSegment(long number) => $"at segment {number}";

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void FinishLine()
        {
            if (!_inLine)
            {
                return;
            }

            _inLine = false;
            _linesAdjustments += _lineAdjustments;
            if (_lineMissing)
            {
                _linePending.Clear();
                _lineRemarks.Clear();
                return;
            }

            var residue = _lineCharge - _linePaid - _lineAdjustments;
            if (_options.CheckBalances && Math.Abs(residue) >= Cent)
            {
                Warn();
            }

            _linesAccountFor += _lineCharge - _linePaid;
            _lineDenials += _lineCoded + (residue > Cent ? 1 : 0);
            if (_linePending.Count > 0)
            {
                // The line's own remarks are copied only when a line has them (rare: QMB and MIPS remarks).
                var remarks = _lineRemarks.Count == 0 ? NoRemarks : [.. _lineRemarks];
                foreach (var rule in _linePending)
                {
                    _deferred.Add((rule, remarks));
                }
            }

            _linePending.Clear();
            _lineRemarks.Clear();
        }

        /// <summary>Counts the remark-conditional adjustments of the claim now that every remark is known.</summary>
        private void ResolveConditional()
        {
            if (_claimPending.Count == 0 && _deferred.Count == 0)
            {
                return;
            }

            var claimRemarks = _miaRemarks.Length == 0 ? _moaRemarks : _moaRemarks.Length == 0 ? _miaRemarks : [.. _miaRemarks, .. _moaRemarks];
            foreach (var rule in _claimPending)
            {
                _claimCoded += rule.Decide(NoRemarks, claimRemarks) ? 0 : 1;
            }

            foreach (var (rule, lineRemarks) in _deferred)
            {
                _lineDenials += rule.Decide(lineRemarks, claimRemarks) ? 0 : 1;
            }

            _claimPending.Clear();
            _deferred.Clear();
        }

        /// <summary>The codes of elements <paramref name="from"/>..<paramref name="to"/> (and <paramref name="single"/>) that a remark condition names.</summary>
        private string[] ConditionCodes(X12Segment s, int from, int to, int single = 0)
        {
            List<string>? codes = null;
            if (single > 0)
            {
                AddConditionCode(ref codes, s, single);
            }

            for (var i = from; i <= to; i++)
            {
                AddConditionCode(ref codes, s, i);
            }

            return codes is null ? [] : [.. codes];
        }

        private void AddConditionCode(ref List<string>? codes, X12Segment s, int index)
        {
            if (s.GetCode(index) is { } code && _nonDenials.ConditionRemarks.Contains(code))
            {
                (codes ??= []).Add(code);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void FinishClaim()
        {
            if (!_inClaim)
            {
                return;
            }

            FinishLine();
            _inClaim = false;
            _reader.ClaimContext = null;
            if (_options.CheckBalances && Math.Abs(_charge - (_claimAdjustments + _linesAdjustments) - _paid) >= Cent)
            {
                Warn();
            }

            ResolveConditional();
            var isReversal = _status == "22";
            var denials = 0;
            if (!isReversal && _status != "25")
            {
                denials = _claimCoded + _lineDenials;
                var residue = _charge - _paid - _claimAdjustments - _linesAccountFor;
                if (residue > Cent || (denials == 0 && _status == "4" && _charge - _paid - _share > Cent))
                {
                    denials++;
                }
            }

            if (_window.Length == 0 || _pcn.Length == 0)
            {
                Summary.Denials += denials;
                if (_window.Length == 0)
                {
                    return;
                }
            }
            else
            {
                Summary.Denials += denials;
                if (isReversal)
                {
                    // An original payment still in the window that this reversal cancels loses its denials.
                    for (var k = 0; k < _windowCount; k++)
                    {
                        var index = (_windowNext - 1 - k + _window.Length) % _window.Length;
                        ref var w = ref _window[index];
                        if (!w.IsReversal && !w.Reversed && string.Equals(w.Pcn, _pcn, StringComparison.Ordinal) && w.Charge == -_charge && w.Paid == -_paid)
                        {
                            w.Reversed = true;
                            Summary.Denials -= w.Denials;
                            break;
                        }
                    }
                }
            }

            ref var slot = ref _window[_windowNext];
            slot.Pcn = _pcn;
            slot.Charge = _charge;
            slot.Paid = _paid;
            slot.IsReversal = isReversal;
            slot.Reversed = false;
            slot.Denials = denials;
            _windowNext = (_windowNext + 1) % _window.Length;
            _windowCount = Math.Min(_windowCount + 1, _window.Length);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Cas(X12Segment s)
        {
            if (!_inClaim)
            {
                Warn();
                return;
            }

            Summary.AdjustmentSegments++;
            var group = s.GetCode(1);
            if (group is not ("CO" or "PR" or "OA" or "PI" or "CR"))
            {
                Warn();
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
                        Warn();
                    }

                    continue;
                }

                if (status != X12ValueStatus.Valid)
                {
                    Warn();
                    continue;
                }

                Num(s, reasonIndex + 2);
                var nonDenial = _nonDenials.IsNonDenial(group, reason, out var conditional);
                var coded = amount > 0m && !nonDenial;
                if (conditional is not null && amount > 0m)
                {
                    coded = false;
                    (_inLine ? _linePending : _claimPending).Add(conditional);
                }
                if (reason == "23" || (group == "PR" && nonDenial))
                {
                    _share += amount;
                }

                if (_inLine)
                {
                    _lineAdjustments += amount;
                    _lineCoded += coded ? 1 : 0;
                }
                else
                {
                    _claimAdjustments += amount;
                    _claimCoded += coded ? 1 : 0;
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Svc(X12Segment s)
        {
            if (!_inClaim)
            {
                Warn();
                return;
            }

            FinishLine();
            Summary.ServiceLines++;
            var separator = ComponentSeparator(s, 1);
            var noCode = X12Text.Trim(s.Component(1, 2, separator)).IsEmpty;
            var charge = Num(s, 2);
            var paid = Num(s, 3);
            Num(s, 5);
            if (!X12Text.Trim(s[6]).IsEmpty)
            {
                ComponentSeparator(s, 6);
            }

            Num(s, 7);
            _inLine = true;
            _lineMissing = charge is null && paid is null;
            _lineCharge = charge ?? 0m;
            _linePaid = paid ?? 0m;
            _lineAdjustments = 0;
            _lineCoded = 0;
            _linePending.Clear();
            _lineRemarks.Clear();
            if (noCode || _lineMissing)
            {
                Warn();
            }
        }

        private void Plb(X12Segment s)
        {
            Summary.ProviderAdjustmentSegments++;
            Date(s, 2);
            for (var k = 0; k < 6; k++)
            {
                var codeIndex = 3 + (2 * k);
                if (X12Text.Trim(s[codeIndex]).IsEmpty && X12Text.Trim(s[codeIndex + 1]).IsEmpty)
                {
                    continue;
                }

                var separator = ComponentSeparator(s, codeIndex);
                var noReason = X12Text.Trim(s.Component(codeIndex, 1, separator)).IsEmpty;
                if (noReason || s.TryGetDecimal(codeIndex + 1, out var amount) != X12ValueStatus.Valid)
                {
                    Warn();
                    continue;
                }

                _plbTotal += amount;
            }
        }

        private byte ComponentSeparator(X12Segment s, int index)
        {
            var declared = s.Delimiters.Component;
            var element = s[index];
            if (element.Length < 4 || element.IndexOf(declared) >= 0)
            {
                return declared;
            }

            var candidate = element[2];
            if (X12Text.IsAlphaNumeric(element[0]) && X12Text.IsAlphaNumeric(element[1]) && !X12Text.IsAlphaNumeric(candidate)
                && candidate is not ((byte)' ' or (byte)'-' or (byte)'.' or (byte)'/' or (byte)',') && candidate > 0x20 && candidate < 0x7F)
            {
                if (!_componentWarned)
                {
                    _componentWarned = true;
                    Warn();
                }

                return candidate;
            }

            return declared;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private decimal? Num(X12Segment s, int index)
        {
            switch (s.TryGetDecimal(index, out var value))
            {
                case X12ValueStatus.Valid:
                    return value;
                case X12ValueStatus.Invalid:
                    Warn();
                    return null;
                default:
                    return null;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Date(X12Segment s, int index)
        {
            if (s.TryGetDate(index, out _) == X12ValueStatus.Invalid)
            {
                Warn();
            }
        }
    }
}
