using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace AppealStudio.Core.X12;

/// <summary>
/// Reads X12 segments one at a time from a stream with a fixed, pooled buffer, so memory stays flat whatever the file
/// size. It finds the separators in each ISA header (counting element separators, so trimmed non-fixed-width headers
/// work), tolerates a UTF-8 BOM, blank lines, indentation, line breaks around the terminator, several interchanges in
/// one file, and files that start at ST. It checks the envelopes (ISA/IEA, GS/GE, ST/SE counts and control numbers)
/// and reports mismatches as <see cref="RemitWarning"/>s.
/// </summary>
/// <remarks>
/// Unrecoverable input (not X12 at all, a damaged ISA, a file that ends inside a transaction, a segment longer than the
/// buffer) throws <see cref="X12ParseException"/>. The <see cref="Segment"/> view is only valid until the next
/// <see cref="Read"/>.
/// </remarks>
public sealed class X12Reader : IDisposable
{
    /// <summary>Default buffer size; it is also the longest segment the reader accepts.</summary>
    public const int DefaultBufferSize = 1 << 20;

    private const int MaxKeptWarnings = 10_000;
    private const int MaxDuplicateControlWarnings = 20;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly X12Segment _segment;
    private readonly List<RemitWarning> _warnings = [];
    private readonly Dictionary<string, long> _interchangeControls = new(StringComparer.Ordinal);
    private byte[] _buffer;
    private int _pos;
    private int _end;
    private bool _eof;
    private long _bufferOffset;
    private bool _haveDelimiters;
    private X12Delimiters _delimiters = X12Delimiters.Default;
    private bool _finished;
    private bool _disposed;
    private bool _lineBreakInSegment;

    private bool _inInterchange;
    private bool _inGroup;
    private bool _inTransaction;
    private string? _isaControl;
    private string? _gsControl;
    private string? _stControl;
    private long _isaSegment;
    private long _gsSegment;
    private long _stSegment;
    private long _groupsInInterchange;
    private long _transactionsInGroup;
    private long _segmentsInTransaction;
    private int _duplicateControlWarnings;

    /// <summary>Creates a reader over <paramref name="stream"/>.</summary>
    /// <param name="stream">The X12 bytes; read forward only.</param>
    /// <param name="leaveOpen">When false (default) the stream is disposed with the reader.</param>
    /// <param name="bufferSize">Buffer size in bytes, also the longest accepted segment (default 1 MiB).</param>
    public X12Reader(Stream stream, bool leaveOpen = false, int bufferSize = DefaultBufferSize)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 256);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        _segment = new X12Segment(new X12CodeCache());
    }

    /// <summary>The current segment (after <see cref="Read"/> returned true).</summary>
    public X12Segment Segment => _segment;

    /// <summary>The separators of the current interchange.</summary>
    public X12Delimiters Delimiters => _delimiters;

    /// <summary>Number of segments read so far (the current one included).</summary>
    public long SegmentCount { get; private set; }

    /// <summary>Bytes consumed so far.</summary>
    public long BytesRead => _bufferOffset + _pos;

    /// <summary>ISA headers seen.</summary>
    public long InterchangeCount { get; private set; }

    /// <summary>GS headers seen.</summary>
    public long GroupCount { get; private set; }

    /// <summary>ST headers seen.</summary>
    public long TransactionCount { get; private set; }

    /// <summary>True between an ST and its SE.</summary>
    public bool InTransaction => _inTransaction;

    /// <summary>
    /// The patient control number of the claim being read, set by the 835 mapper so that a truncation message can say
    /// which claim was cut off.
    /// </summary>
    public string? ClaimContext { get; set; }

    /// <summary>
    /// Receives each warning as it is found. When null, warnings are kept in <see cref="Warnings"/> (the first 10,000).
    /// </summary>
    public Action<RemitWarning>? WarningHandler { get; set; }

    /// <summary>Warnings kept when no <see cref="WarningHandler"/> is set.</summary>
    public IReadOnlyList<RemitWarning> Warnings => _warnings;

    /// <summary>Advances to the next segment; false at the end of the file.</summary>
    /// <exception cref="X12ParseException">The input cannot be read as X12 (see the class remarks).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Read()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_finished)
        {
            return false;
        }

        while (true)
        {
            if (!SkipFiller())
            {
                Finish();
                return false;
            }

            if (!_haveDelimiters)
            {
                DetectFirstDelimiters();
            }
            else if (AtIsa())
            {
                DetectIsaDelimiters();
            }

            var terminator = FindTerminator();
            var start = _pos;
            var terminated = terminator >= 0;
            var end = terminated ? terminator : _end;
            _pos = terminated ? terminator + 1 : _end;
            while (end > start && X12Text.IsLineBreakOrSpace(_buffer[end - 1]))
            {
                end--;
            }

            if (_lineBreakInSegment || !terminated)
            {
                end = RemoveLineBreaks(start, end);
            }

            if (end == start)
            {
                continue;
            }

            SegmentCount++;
            var offset = _bufferOffset + start;
            var idLength = 0;
            while (idLength < 4 && start + idLength < end && _buffer[start + idLength] != _delimiters.Element)
            {
                idLength++;
            }

            if (!IsSegmentId(_buffer.AsSpan(start, idLength)))
            {
                WarnUnreadable(start, end, offset);
                if (!terminated)
                {
                    Finish();
                    return false;
                }

                continue;
            }

            var key = (_buffer[start] << 16) | (_buffer[start + 1] << 8) | (idLength == 3 ? _buffer[start + 2] : 0);
            _segment.Set(_buffer, start, end - start, idLength, key, SegmentCount, offset, _delimiters);
            if (!terminated && !_delimiters.SegmentEndsAtLineBreak)
            {
                LastSegmentWithoutTerminator(key, offset);
            }

            if (key is SegmentKeys.ISA or SegmentKeys.GS or SegmentKeys.ST or SegmentKeys.SE or SegmentKeys.GE or SegmentKeys.IEA)
            {
                TrackEnvelope();
            }
            else if (_inTransaction)
            {
                _segmentsInTransaction++;
            }

            return true;
        }
    }

    /// <summary>Reports a warning through the same channel as the reader's own warnings.</summary>
    public void Warn(RemitWarning warning)
    {
        ArgumentNullException.ThrowIfNull(warning);
        if (WarningHandler is { } handler)
        {
            handler(warning);
        }
        else if (_warnings.Count < MaxKeptWarnings)
        {
            _warnings.Add(warning);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    // Cold paths live in their own methods so that the optimized hot loop stays small and quick to compile.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void WarnUnreadable(int start, int end, long offset) =>
        Warn(new RemitWarning(
            SegmentCount,
            RemitWarningCode.UnreadableSegment,
            string.Create(CultureInfo.InvariantCulture, $"Segment {SegmentCount} (byte {offset}) could not be read (\"{X12Text.Preview(_buffer.AsSpan(start, end - start))}\") and was skipped.")));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void LastSegmentWithoutTerminator(int key, long offset)
    {
        if (_inTransaction && key != SegmentKeys.SE)
        {
            throw Truncated(SegmentCount, offset, _segment.IdText);
        }

        Warn(new RemitWarning(
            SegmentCount,
            RemitWarningCode.MissingTerminator,
            string.Create(CultureInfo.InvariantCulture, $"The last segment ({_segment.IdText}) has no segment terminator; it was read as complete.")));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private X12ParseException TooLong()
    {
        var offset = _bufferOffset + _pos;
        return new X12ParseException(
            string.Create(CultureInfo.InvariantCulture, $"Segment {SegmentCount + 1} (byte {offset}) is longer than {_buffer.Length} bytes and cannot be read: the file is damaged or its segment terminator is wrong."),
            SegmentCount + 1,
            offset,
            null);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsSegmentId(ReadOnlySpan<byte> id)
    {
        if (id.Length is not (2 or 3) || id[0] is < (byte)'A' or > (byte)'Z')
        {
            return false;
        }

        for (var i = 1; i < id.Length; i++)
        {
            if (id[i] is not (>= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'))
            {
                return false;
            }
        }

        return true;
    }

    private X12ParseException Truncated(long segmentNumber, long offset, string? segmentId)
    {
        var where = ClaimContext is { } claim
            ? $"claim {claim}"
            : _stControl is { } st ? $"transaction {st}" : "a transaction";
        return new X12ParseException(
            string.Create(CultureInfo.InvariantCulture, $"The file ends in the middle of {where} (segment {segmentNumber}, byte {offset}): the remittance was cut off; ask the payer or clearinghouse to resend it."),
            segmentNumber,
            offset,
            segmentId);
    }

    private void Finish()
    {
        _finished = true;
        if (SegmentCount == 0)
        {
            throw new X12ParseException("The file is empty: it holds no remittance data.", 0, BytesRead, null);
        }

        if (_inTransaction)
        {
            throw Truncated(SegmentCount + 1, BytesRead, null);
        }

        if (_inGroup)
        {
            Warn(new RemitWarning(_gsSegment, RemitWarningCode.MissingTrailer, $"The functional group {_gsControl} has no GE trailer: the file may be incomplete after its last transaction."));
        }

        if (_inInterchange)
        {
            Warn(new RemitWarning(_isaSegment, RemitWarningCode.MissingTrailer, $"The interchange {_isaControl} has no IEA trailer: the file may be incomplete after its last transaction."));
        }
    }

    private void TrackEnvelope()
    {
        var s = _segment;
        switch (s.IdKey)
        {
            case SegmentKeys.ISA:
                CloseOpenTransaction("before the next interchange");
                CloseOpenGroup("before the next interchange");
                if (_inInterchange)
                {
                    Warn(new RemitWarning(_isaSegment, RemitWarningCode.MissingTrailer, $"The interchange {_isaControl} has no IEA trailer before the next interchange."));
                }

                _inInterchange = true;
                _isaControl = s.GetString(13) ?? string.Empty;
                _isaSegment = s.Number;
                _groupsInInterchange = 0;
                InterchangeCount++;
                if (!_interchangeControls.TryGetValue(_isaControl, out var first))
                {
                    _interchangeControls[_isaControl] = s.Number;
                }
                else if (first > 0 && _duplicateControlWarnings++ < MaxDuplicateControlWarnings)
                {
                    // One warning per repeated number: a file that concatenates the same interchange 100 times needs saying once.
                    _interchangeControls[_isaControl] = 0;
                    Warn(new RemitWarning(s.Number, RemitWarningCode.DuplicateControlNumber, string.Create(CultureInfo.InvariantCulture, $"The interchange control number {_isaControl} of segment {s.Number} was already used by the interchange at segment {first}: the same remittance may have been sent twice, so check for duplicate postings.")));
                }

                break;
            case SegmentKeys.GS:
                CloseOpenTransaction("before the next functional group");
                CloseOpenGroup("before the next functional group");
                _inGroup = true;
                _gsControl = s.GetString(6) ?? string.Empty;
                _gsSegment = s.Number;
                _transactionsInGroup = 0;
                _groupsInInterchange++;
                GroupCount++;
                break;
            case SegmentKeys.ST:
                CloseOpenTransaction("before the next transaction");
                _inTransaction = true;
                _stControl = s.GetString(2) ?? string.Empty;
                _stSegment = s.Number;
                _segmentsInTransaction = 1;
                _transactionsInGroup++;
                TransactionCount++;
                break;
            case SegmentKeys.SE:
                if (!_inTransaction)
                {
                    Warn(new RemitWarning(s.Number, RemitWarningCode.UnexpectedTrailer, "An SE trailer appears without a matching ST header; it was ignored."));
                    break;
                }

                _segmentsInTransaction++;
                CheckCount(s, "SE", $"transaction {_stControl}", _segmentsInTransaction, "segments");
                CheckControl(s, "SE", "ST", _stControl);
                _inTransaction = false;
                ClaimContext = null;
                break;
            case SegmentKeys.GE:
                CloseOpenTransaction("before its GE trailer");
                if (!_inGroup)
                {
                    Warn(new RemitWarning(s.Number, RemitWarningCode.UnexpectedTrailer, "A GE trailer appears without a matching GS header; it was ignored."));
                    break;
                }

                CheckCount(s, "GE", $"functional group {_gsControl}", _transactionsInGroup, "transactions");
                CheckControl(s, "GE", "GS", _gsControl);
                _inGroup = false;
                break;
            case SegmentKeys.IEA:
                CloseOpenTransaction("before its IEA trailer");
                CloseOpenGroup("before its IEA trailer");
                if (!_inInterchange)
                {
                    Warn(new RemitWarning(s.Number, RemitWarningCode.UnexpectedTrailer, "An IEA trailer appears without a matching ISA header; it was ignored."));
                    break;
                }

                CheckCount(s, "IEA", $"interchange {_isaControl}", _groupsInInterchange, "functional groups");
                CheckControl(s, "IEA", "ISA", _isaControl);
                _inInterchange = false;
                break;
            default:
                break;
        }
    }

    private void CloseOpenTransaction(string where)
    {
        if (!_inTransaction)
        {
            return;
        }

        Warn(new RemitWarning(_stSegment, RemitWarningCode.MissingTrailer, $"Transaction {_stControl} has no SE trailer {where}; its content was read as far as it goes."));
        _inTransaction = false;
        ClaimContext = null;
    }

    private void CloseOpenGroup(string where)
    {
        if (!_inGroup)
        {
            return;
        }

        Warn(new RemitWarning(_gsSegment, RemitWarningCode.MissingTrailer, $"The functional group {_gsControl} has no GE trailer {where}."));
        _inGroup = false;
    }

    private void CheckCount(X12Segment s, string trailer, string what, long actual, string unit)
    {
        var status = s.TryGetDecimal(1, out var declared);
        if (status != X12ValueStatus.Valid || declared != actual)
        {
            var said = s.GetString(1) ?? "nothing";
            Warn(new RemitWarning(
                s.Number,
                RemitWarningCode.CountMismatch,
                string.Create(CultureInfo.InvariantCulture, $"The {trailer} trailer says {what} has {said} {unit}, but it has {actual}.")));
        }
    }

    private void CheckControl(X12Segment s, string trailer, string header, string? expected)
    {
        var actual = s.GetString(2) ?? string.Empty;
        if (!string.Equals(actual.TrimStart('0'), (expected ?? string.Empty).TrimStart('0'), StringComparison.Ordinal))
        {
            Warn(new RemitWarning(
                s.Number,
                RemitWarningCode.ControlNumberMismatch,
                $"The {trailer} trailer's control number {actual} does not match the {header} header's control number {expected}."));
        }
    }

    // Skips line breaks, spaces, BOMs and padding between segments; false at the end of the input.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool SkipFiller()
    {
        while (true)
        {
            while (_pos < _end)
            {
                var b = _buffer[_pos];
                if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0 or 0x1A)
                {
                    _pos++;
                    continue;
                }

                if (b == 0xEF)
                {
                    if (!Ensure(3))
                    {
                        return true;
                    }

                    if (_buffer[_pos + 1] == 0xBB && _buffer[_pos + 2] == 0xBF)
                    {
                        _pos += 3;
                        continue;
                    }
                }

                return true;
            }

            if (_eof)
            {
                return false;
            }

            Compact();
            Fill();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool AtIsa()
    {
        if (_buffer[_pos] != (byte)'I' || !Ensure(4))
        {
            return false;
        }

        return _buffer[_pos + 1] == (byte)'S' && _buffer[_pos + 2] == (byte)'A' && IsSeparatorCandidate(_buffer[_pos + 3]);
    }

    private static bool IsSeparatorCandidate(byte b) => b > 0x20 && b != 0x7F && !X12Text.IsAlphaNumeric(b) || b is 0x1C or 0x1D or 0x1E or 0x1F;

    private void DetectIsaDelimiters()
    {
        Ensure(1024);
        var p = _pos;
        var offset = _bufferOffset + p;
        var element = _buffer[p + 3];
        var count = 0;
        var i = p + 3;
        int e11Start = -1, e11End = -1;
        for (; i < _end && count < 16; i++)
        {
            if (_buffer[i] == element)
            {
                count++;
                if (count == 11)
                {
                    e11Start = i + 1;
                }
                else if (count == 12)
                {
                    e11End = i;
                }
            }
        }

        if (count < 16 || i >= _end)
        {
            throw new X12ParseException(
                string.Create(CultureInfo.InvariantCulture, $"The interchange header (ISA) at byte {offset} is incomplete: the file was cut off or damaged; ask the payer or clearinghouse to resend it."),
                SegmentCount + 1,
                offset,
                "ISA");
        }

        // A fixed-width wrap can fall between ISA15's separator and ISA16.
        while (i < _end - 1 && _buffer[i] is (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        var component = _buffer[i];
        byte terminator = (byte)'~';
        var j = i + 1;
        if (j < _end)
        {
            var t = _buffer[j];
            if (X12Text.IsLineBreakOrSpace(t))
            {
                var k = j;
                while (k < _end && X12Text.IsLineBreakOrSpace(_buffer[k]))
                {
                    k++;
                }

                // "…*:\nGS*…" ends segments at line breaks; "…*:\n~GS*…" only has a line break before the real terminator.
                terminator = k >= _end || _buffer[k] is >= (byte)'A' and <= (byte)'Z' ? (byte)'\n' : _buffer[k];
            }
            else
            {
                terminator = t;
            }
        }

        var repetition = e11End - e11Start == 1 && !X12Text.IsAlphaNumeric(_buffer[e11Start]) && _buffer[e11Start] != (byte)' '
            ? _buffer[e11Start]
            : (byte)0;
        if (!IsSeparatorCandidate(element) || X12Text.IsAlphaNumeric(component) || component == element
            || X12Text.IsAlphaNumeric(terminator) || terminator == element || terminator == component)
        {
            throw new X12ParseException(
                string.Create(CultureInfo.InvariantCulture, $"The interchange header (ISA) at byte {offset} is damaged: its separators cannot be read; ask the payer or clearinghouse to resend the file."),
                SegmentCount + 1,
                offset,
                "ISA");
        }

        if (repetition == component || repetition == terminator || repetition == element)
        {
            repetition = 0;
        }

        _delimiters = new X12Delimiters(element, component, repetition, terminator);
        _haveDelimiters = true;
    }

    private void DetectFirstDelimiters()
    {
        if (AtIsa())
        {
            DetectIsaDelimiters();
            return;
        }

        Ensure(4096);
        var p = _pos;
        var idLength = 0;
        while (p + idLength < _end && idLength < 4 && X12Text.IsAlphaNumeric(_buffer[p + idLength]))
        {
            idLength++;
        }

        if (idLength is not (2 or 3) || p + idLength >= _end || !IsSeparatorCandidate(_buffer[p + idLength])
            || !IsSegmentId(_buffer.AsSpan(p, idLength)))
        {
            throw new X12ParseException(
                $"This is not an X12 835 remittance: it does not begin with an ISA interchange header or an ST transaction header (it begins with \"{X12Text.Preview(_buffer.AsSpan(p, Math.Min(40, _end - p)))}\"). Check that you picked the 835 (ERA) file.",
                0,
                _bufferOffset + p,
                null);
        }

        var element = _buffer[p + idLength];
        var terminator = (byte)'~';
        var limit = Math.Min(_end, p + 4096);
        for (var k = p + idLength + 1; k < limit; k++)
        {
            var b = _buffer[k];
            if (b == element)
            {
                continue;
            }

            if (b is (byte)'\r' or (byte)'\n')
            {
                var m = k;
                while (m < limit && X12Text.IsLineBreakOrSpace(_buffer[m]))
                {
                    m++;
                }

                terminator = m >= limit || _buffer[m] is >= (byte)'A' and <= (byte)'Z' ? (byte)'\n' : _buffer[m];
                break;
            }

            if (b is (byte)'~' or (byte)'\'' or (byte)'!' || (b < 0x20 && b != (byte)'\t'))
            {
                terminator = b;
                break;
            }
        }

        var component = element == (byte)':' || terminator == (byte)':' ? (byte)'>' : (byte)':';
        _delimiters = new X12Delimiters(element, component, 0, terminator);
        _haveDelimiters = true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int FindTerminator()
    {
        var searchFrom = _pos;
        var lineBreak = _delimiters.SegmentEndsAtLineBreak;
        var terminator = _delimiters.Segment;
        _lineBreakInSegment = false;
        while (true)
        {
            // One scan finds the terminator and tells whether a line break hides inside the segment (wrapped lines).
            var span = _buffer.AsSpan(searchFrom, _end - searchFrom);
            var index = lineBreak ? span.IndexOfAny((byte)'\r', (byte)'\n') : span.IndexOfAny(terminator, (byte)'\r', (byte)'\n');
            if (index >= 0 && !lineBreak && span[index] != terminator)
            {
                _lineBreakInSegment = true;
                var rest = span[index..].IndexOf(terminator);
                index = rest >= 0 ? index + rest : -1;
            }

            if (index >= 0)
            {
                return searchFrom + index;
            }

            if (_eof)
            {
                return -1;
            }

            var shift = _pos;
            searchFrom = _end - shift;
            Compact();
            if (_end == _buffer.Length)
            {
                throw TooLong();
            }

            Fill();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int RemoveLineBreaks(int start, int end)
    {
        var span = _buffer.AsSpan(start, end - start);
        if (span.IndexOfAny((byte)'\r', (byte)'\n') < 0)
        {
            return end;
        }

        // Some senders wrap segments at a fixed width; line breaks are never data in X12.
        var write = start;
        for (var read = start; read < end; read++)
        {
            var b = _buffer[read];
            if (b is not ((byte)'\r' or (byte)'\n'))
            {
                _buffer[write++] = b;
            }
        }

        return write;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Ensure(int count)
    {
        while (_end - _pos < count && !_eof)
        {
            Compact();
            if (_end == _buffer.Length)
            {
                break;
            }

            Fill();
        }

        return _end - _pos >= count;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Compact()
    {
        if (_pos == 0)
        {
            return;
        }

        var remaining = _end - _pos;
        if (remaining > 0)
        {
            Buffer.BlockCopy(_buffer, _pos, _buffer, 0, remaining);
        }

        _bufferOffset += _pos;
        _pos = 0;
        _end = remaining;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Fill()
    {
        if (_end == _buffer.Length)
        {
            return;
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read <= 0)
        {
            _eof = true;
        }
        else
        {
            _end += read;
        }
    }
}

/// <summary>Packed segment ids (<see cref="X12Segment.IdKey"/>) of the segments the 835 uses.</summary>
public static class SegmentKeys
{
#pragma warning disable CA1707 // Names mirror the X12 segment ids.
    public const int ISA = ('I' << 16) | ('S' << 8) | 'A';
    public const int IEA = ('I' << 16) | ('E' << 8) | 'A';
    public const int GS = ('G' << 16) | ('S' << 8);
    public const int GE = ('G' << 16) | ('E' << 8);
    public const int ST = ('S' << 16) | ('T' << 8);
    public const int SE = ('S' << 16) | ('E' << 8);
    public const int BPR = ('B' << 16) | ('P' << 8) | 'R';
    public const int TRN = ('T' << 16) | ('R' << 8) | 'N';
    public const int CUR = ('C' << 16) | ('U' << 8) | 'R';
    public const int REF = ('R' << 16) | ('E' << 8) | 'F';
    public const int DTM = ('D' << 16) | ('T' << 8) | 'M';
    public const int N1 = ('N' << 16) | ('1' << 8);
    public const int N3 = ('N' << 16) | ('3' << 8);
    public const int N4 = ('N' << 16) | ('4' << 8);
    public const int PER = ('P' << 16) | ('E' << 8) | 'R';
    public const int RDM = ('R' << 16) | ('D' << 8) | 'M';
    public const int LX = ('L' << 16) | ('X' << 8);
    public const int TS3 = ('T' << 16) | ('S' << 8) | '3';
    public const int TS2 = ('T' << 16) | ('S' << 8) | '2';
    public const int CLP = ('C' << 16) | ('L' << 8) | 'P';
    public const int CAS = ('C' << 16) | ('A' << 8) | 'S';
    public const int NM1 = ('N' << 16) | ('M' << 8) | '1';
    public const int MIA = ('M' << 16) | ('I' << 8) | 'A';
    public const int MOA = ('M' << 16) | ('O' << 8) | 'A';
    public const int AMT = ('A' << 16) | ('M' << 8) | 'T';
    public const int QTY = ('Q' << 16) | ('T' << 8) | 'Y';
    public const int SVC = ('S' << 16) | ('V' << 8) | 'C';
    public const int LQ = ('L' << 16) | ('Q' << 8);
    public const int PLB = ('P' << 16) | ('L' << 8) | 'B';
#pragma warning restore CA1707
}
