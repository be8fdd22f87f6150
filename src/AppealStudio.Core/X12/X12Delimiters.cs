namespace AppealStudio.Core.X12;

/// <summary>The separators of one interchange, read from its ISA header (or guessed for files that start at ST).</summary>
/// <param name="Element">Separates elements (ISA byte 4; usually <c>*</c>).</param>
/// <param name="Component">Separates the parts of a composite element (ISA16; usually <c>:</c>).</param>
/// <param name="Repetition">Separates repeated elements (ISA11 in 5010, e.g. <c>^</c>); 0 when the ISA declares none.</param>
/// <param name="Segment">Ends a segment (usually <c>~</c>); <c>\n</c> when segments end at line breaks.</param>
public readonly record struct X12Delimiters(byte Element, byte Component, byte Repetition, byte Segment)
{
    /// <summary>The delimiters assumed for files without an ISA header.</summary>
    public static X12Delimiters Default { get; } = new((byte)'*', (byte)':', 0, (byte)'~');

    /// <summary>True when segments end at a line break (CR, LF or CRLF) rather than at a terminator character.</summary>
    public bool SegmentEndsAtLineBreak => Segment is (byte)'\n' or (byte)'\r';
}
