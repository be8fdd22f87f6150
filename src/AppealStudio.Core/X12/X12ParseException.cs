namespace AppealStudio.Core.X12;

/// <summary>
/// The file cannot be read as an 835 remittance: it holds no 835 content, it was cut off, or a segment is unreadable.
/// The message is a plain sentence a billing specialist can act on; the properties locate the problem.
/// </summary>
/// <remarks>
/// Readers in <see cref="X12"/> and <c>AppealStudio.Core.Remittance</c> throw only this exception for bad input; damaged
/// but usable content produces <see cref="RemitWarning"/>s instead. Errors of the underlying stream (I/O) are not wrapped.
/// </remarks>
public sealed class X12ParseException : Exception
{
    public X12ParseException()
        : this("The file could not be read as an X12 835 remittance.")
    {
    }

    public X12ParseException(string message)
        : base(message)
    {
    }

    public X12ParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public X12ParseException(string message, long segmentNumber, long byteOffset, string? segmentId, Exception? innerException = null)
        : base(message, innerException)
    {
        SegmentNumber = segmentNumber;
        ByteOffset = byteOffset;
        SegmentId = segmentId;
    }

    /// <summary>1-based position of the segment in the file (0 when the problem is before the first segment).</summary>
    public long SegmentNumber { get; }

    /// <summary>0-based byte offset in the file where the offending segment starts (or where the file ends).</summary>
    public long ByteOffset { get; }

    /// <summary>Id of the offending segment (e.g. "CLP"), when one could be read.</summary>
    public string? SegmentId { get; }
}
