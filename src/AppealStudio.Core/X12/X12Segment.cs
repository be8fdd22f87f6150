using System.Text;
using System.Runtime.CompilerServices;

namespace AppealStudio.Core.X12;

/// <summary>
/// The current segment of an <see cref="X12Reader"/>: a view over the reader's buffer, valid until the next
/// <see cref="X12Reader.Read"/>. Elements are exposed as byte spans and converted to strings or numbers only on request,
/// so that scanning a large file allocates almost nothing.
/// </summary>
/// <remarks>Element indexes are 1-based as in X12 notation: <c>segment[1]</c> of a CLP segment is CLP01.</remarks>
public sealed class X12Segment
{
    private int[] _bounds = new int[64];
    private int _count = -1;
    private byte[] _buffer = [];
    private int _start;
    private int _length;
    private int _idLength;
    private readonly X12CodeCache _codes;

    internal X12Segment(X12CodeCache codes)
    {
        _codes = codes;
    }

    /// <summary>1-based position of this segment in the file.</summary>
    public long Number { get; private set; }

    /// <summary>0-based byte offset of the segment's first byte in the file.</summary>
    public long ByteOffset { get; private set; }

    /// <summary>The separators in force for this segment.</summary>
    public X12Delimiters Delimiters { get; private set; }

    /// <summary>The segment id packed into an int (see <see cref="Key(string)"/>), for fast dispatch.</summary>
    public int IdKey { get; private set; }

    /// <summary>The segment id bytes ("CLP").</summary>
    public ReadOnlySpan<byte> Id => _buffer.AsSpan(_start, _idLength);

    /// <summary>The whole segment without its terminator.</summary>
    public ReadOnlySpan<byte> Raw => _buffer.AsSpan(_start, _length);

    /// <summary>The segment id as a string.</summary>
    public string IdText => Encoding.ASCII.GetString(Id);

    /// <summary>The number of elements after the id (trailing empty elements included when the sender wrote them).</summary>
    public int ElementCount
    {
        get
        {
            EnsureSplit();
            return _count;
        }
    }

    /// <summary>Element <paramref name="index"/> (1-based); empty when the segment has fewer elements.</summary>
    public ReadOnlySpan<byte> this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        get
        {
            EnsureSplit();
            if (index < 1 || index > _count)
            {
                return [];
            }

            var start = _bounds[index * 2];
            return _buffer.AsSpan(start, _bounds[(index * 2) + 1] - start);
        }
    }

    /// <summary>Packs a 2- or 3-character segment id the way <see cref="IdKey"/> does.</summary>
    public static int Key(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return id.Length switch
        {
            2 => (id[0] << 16) | (id[1] << 8),
            3 => (id[0] << 16) | (id[1] << 8) | id[2],
            _ => throw new ArgumentException("A segment id has 2 or 3 characters.", nameof(id)),
        };
    }

    /// <summary>True when the segment id equals <paramref name="id"/>.</summary>
    public bool Is(string id) => id is not null && (id.Length is 2 or 3) && IdKey == Key(id);

    /// <summary>Trimmed text of element <paramref name="index"/>, or null when it is empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? GetString(int index) => X12Text.ToText(this[index]);

    /// <summary>
    /// Trimmed text of a short code element (qualifier, group code, CARC, status), or null when empty. Repeated codes
    /// share one string instance.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? GetCode(int index)
    {
        var value = X12Text.Trim(this[index]);
        return value.IsEmpty ? null : _codes.Get(value);
    }

    /// <summary>Like <see cref="GetCode(int)"/> for component <paramref name="component"/> of a composite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string? GetComponentCode(int index, int component, byte separator)
    {
        var value = X12Text.Trim(Component(index, component, separator));
        return value.IsEmpty ? null : _codes.Get(value);
    }

    /// <summary>Reads element <paramref name="index"/> as a decimal number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public X12ValueStatus TryGetDecimal(int index, out decimal value) => X12Text.TryParseDecimal(this[index], out value);

    /// <summary>Reads element <paramref name="index"/> as a CCYYMMDD date.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public X12ValueStatus TryGetDate(int index, out DateOnly value) => X12Text.TryParseDate(this[index], out value);

    /// <summary>The number of components of a composite element (1 for a simple element, 0 when empty).</summary>
    public int ComponentCount(int index) => ComponentCount(index, Delimiters.Component);

    /// <summary>The number of components of element <paramref name="index"/> split by <paramref name="separator"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int ComponentCount(int index, byte separator)
    {
        var element = this[index];
        return element.IsEmpty ? 0 : element.Count(separator) + 1;
    }

    /// <summary>Component <paramref name="component"/> (1-based) of element <paramref name="index"/>; empty when absent.</summary>
    public ReadOnlySpan<byte> Component(int index, int component) => Component(index, component, Delimiters.Component);

    /// <summary>Component <paramref name="component"/> (1-based) of element <paramref name="index"/>, split by <paramref name="separator"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<byte> Component(int index, int component, byte separator)
    {
        var rest = this[index];
        for (var i = 1; ; i++)
        {
            var cut = rest.IndexOf(separator);
            if (i == component)
            {
                return cut < 0 ? rest : rest[..cut];
            }

            if (cut < 0)
            {
                return [];
            }

            rest = rest[(cut + 1)..];
        }
    }

    /// <summary>The segment as text, for messages and tests.</summary>
    public override string ToString() => Encoding.UTF8.GetString(Raw);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Set(byte[] buffer, int start, int length, int idLength, int idKey, long number, long byteOffset, X12Delimiters delimiters)
    {
        _buffer = buffer;
        _start = start;
        _length = length;
        _idLength = idLength;
        IdKey = idKey;
        Number = number;
        ByteOffset = byteOffset;
        Delimiters = delimiters;
        _count = -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EnsureSplit()
    {
        if (_count >= 0)
        {
            return;
        }

        var span = _buffer.AsSpan(_start, _length);
        var separator = Delimiters.Element;
        var count = 0;
        var position = 0;
        while (true)
        {
            var cut = span[position..].IndexOf(separator);
            var end = cut < 0 ? span.Length : position + cut;
            if ((count * 2) + 1 >= _bounds.Length)
            {
                Array.Resize(ref _bounds, _bounds.Length * 2);
            }

            _bounds[count * 2] = _start + position;
            _bounds[(count * 2) + 1] = _start + end;
            if (cut < 0)
            {
                break;
            }

            count++;
            position = end + 1;
        }

        _count = count;
    }
}
