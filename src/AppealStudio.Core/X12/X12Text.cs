using System.Buffers.Text;
using System.Text;
using System.Runtime.CompilerServices;

namespace AppealStudio.Core.X12;

/// <summary>Outcome of reading a typed value from an element.</summary>
public enum X12ValueStatus
{
    /// <summary>The element is absent or empty.</summary>
    Missing,

    /// <summary>The element holds a valid value.</summary>
    Valid,

    /// <summary>The element holds text that is not a valid value of the requested type.</summary>
    Invalid,
}

/// <summary>Culture-free parsing of X12 element bytes: numbers (R/N types), CCYYMMDD dates, trimmed text.</summary>
public static class X12Text
{
    /// <summary>Removes leading and trailing spaces and tabs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> value)
    {
        var start = 0;
        while (start < value.Length && (value[start] == (byte)' ' || value[start] == (byte)'\t'))
        {
            start++;
        }

        var end = value.Length;
        while (end > start && (value[end - 1] == (byte)' ' || value[end - 1] == (byte)'\t'))
        {
            end--;
        }

        return value[start..end];
    }

    /// <summary>The trimmed text of an element, or null when it is empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string? ToText(ReadOnlySpan<byte> value)
    {
        var trimmed = Trim(value);
        return trimmed.IsEmpty ? null : Encoding.UTF8.GetString(trimmed);
    }

    /// <summary>Reads an X12 decimal number (optional sign, digits, optional point; exponent tolerated).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static X12ValueStatus TryParseDecimal(ReadOnlySpan<byte> value, out decimal result)
    {
        result = 0m;
        var s = Trim(value);
        if (s.IsEmpty)
        {
            return X12ValueStatus.Missing;
        }

        var i = 0;
        var negative = false;
        if (s[0] == (byte)'-')
        {
            negative = true;
            i = 1;
        }
        else if (s[0] == (byte)'+')
        {
            i = 1;
        }

        ulong mantissa = 0;
        var significant = 0;
        var digits = 0;
        var scale = 0;
        var seenPoint = false;
        for (; i < s.Length; i++)
        {
            var b = s[i];
            if (b is >= (byte)'0' and <= (byte)'9')
            {
                digits++;
                if (mantissa == 0 && b == (byte)'0')
                {
                    if (seenPoint)
                    {
                        scale++;
                    }

                    continue;
                }

                if (++significant > 19)
                {
                    return Fallback(s, out result);
                }

                mantissa = (mantissa * 10) + (ulong)(b - (byte)'0');
                if (seenPoint)
                {
                    scale++;
                }
            }
            else if (b == (byte)'.' && !seenPoint)
            {
                seenPoint = true;
            }
            else
            {
                return Fallback(s, out result);
            }
        }

        if (digits == 0)
        {
            return X12ValueStatus.Invalid;
        }

        if (scale > 28)
        {
            return Fallback(s, out result);
        }

        result = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative && mantissa != 0, (byte)scale);
        return X12ValueStatus.Valid;
    }

    private static X12ValueStatus Fallback(ReadOnlySpan<byte> s, out decimal result)
    {
        // Exponents ("1.5E2") and very long digit strings are rare; the framework parser handles them exactly.
        if (Utf8Parser.TryParse(s, out result, out var consumed, 'E') && consumed == s.Length)
        {
            return X12ValueStatus.Valid;
        }

        if (Utf8Parser.TryParse(s, out result, out consumed) && consumed == s.Length)
        {
            return X12ValueStatus.Valid;
        }

        result = 0m;
        return X12ValueStatus.Invalid;
    }

    /// <summary>Reads a CCYYMMDD date (DTM02, BPR16, PLB02 ...).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static X12ValueStatus TryParseDate(ReadOnlySpan<byte> value, out DateOnly result)
    {
        result = default;
        var s = Trim(value);
        if (s.IsEmpty)
        {
            return X12ValueStatus.Missing;
        }

        if (s.Length != 8)
        {
            return X12ValueStatus.Invalid;
        }

        var n = 0;
        foreach (var b in s)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return X12ValueStatus.Invalid;
            }

            n = (n * 10) + (b - (byte)'0');
        }

        var year = n / 10000;
        var month = n / 100 % 100;
        var day = n % 100;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return X12ValueStatus.Invalid;
        }

        result = new DateOnly(year, month, day);
        return X12ValueStatus.Valid;
    }

    /// <summary>Reads a whole number (segment counts, control numbers).</summary>
    public static X12ValueStatus TryParseLong(ReadOnlySpan<byte> value, out long result)
    {
        result = 0;
        var s = Trim(value);
        if (s.IsEmpty)
        {
            return X12ValueStatus.Missing;
        }

        if (s.Length > 18)
        {
            return X12ValueStatus.Invalid;
        }

        foreach (var b in s)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                result = 0;
                return X12ValueStatus.Invalid;
            }

            result = (result * 10) + (b - (byte)'0');
        }

        return X12ValueStatus.Valid;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool IsAlphaNumeric(byte b) => b is >= (byte)'0' and <= (byte)'9' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z';

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool IsLineBreakOrSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    /// <summary>A short printable rendering of raw bytes for messages.</summary>
    internal static string Preview(ReadOnlySpan<byte> bytes, int max = 40)
    {
        var sb = new StringBuilder();
        foreach (var b in bytes[..Math.Min(bytes.Length, max)])
        {
            sb.Append(b is >= 0x20 and < 0x7F ? (char)b : '?');
        }

        if (bytes.Length > max)
        {
            sb.Append('…');
        }

        return sb.ToString();
    }
}
