using System.Text;
using System.Runtime.CompilerServices;

namespace AppealStudio.Core.X12;

/// <summary>
/// Shares the string of short codes (group codes, CARCs, qualifiers, statuses) that repeat on every claim, so that
/// reading a large file does not allocate the same "CO" a million times.
/// </summary>
internal sealed class X12CodeCache
{
    private const int MaxEntries = 8192;
    private readonly Dictionary<ulong, string> _codes = [];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string Get(ReadOnlySpan<byte> code)
    {
        if (code.Length > 7)
        {
            return Encoding.UTF8.GetString(code);
        }

        ulong key = (ulong)code.Length << 56;
        for (var i = 0; i < code.Length; i++)
        {
            key |= (ulong)code[i] << (i * 8);
        }

        if (_codes.TryGetValue(key, out var text))
        {
            return text;
        }

        text = Encoding.UTF8.GetString(code);
        if (_codes.Count < MaxEntries)
        {
            _codes[key] = text;
        }

        return text;
    }
}
