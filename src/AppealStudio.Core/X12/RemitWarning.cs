namespace AppealStudio.Core.X12;

/// <summary>What kind of problem a <see cref="RemitWarning"/> reports, so callers and tests need not parse sentences.</summary>
public enum RemitWarningCode
{
    /// <summary>SE01, GE01 or IEA01 does not match the number of segments, transactions or groups actually present.</summary>
    CountMismatch,

    /// <summary>SE02, GE02 or IEA02 does not repeat the control number of its header (ST02, GS06, ISA13).</summary>
    ControlNumberMismatch,

    /// <summary>An envelope was not closed (no SE, GE or IEA) before the next one or before the end of the file.</summary>
    MissingTrailer,

    /// <summary>A trailer (SE, GE, IEA) appeared without its header.</summary>
    UnexpectedTrailer,

    /// <summary>The same interchange control number (ISA13) appears more than once: the file may repeat a payment.</summary>
    DuplicateControlNumber,

    /// <summary>A segment could not be read (its name is not a segment id); it was skipped.</summary>
    UnreadableSegment,

    /// <summary>The last segment of the file has no segment terminator.</summary>
    MissingTerminator,

    /// <summary>A transaction set other than 835 (e.g. 999, 837) was skipped.</summary>
    NotARemittance,

    /// <summary>A number element holds something that is not a number; it was read as absent.</summary>
    InvalidNumber,

    /// <summary>A date element holds something that is not a CCYYMMDD date; it was read as absent.</summary>
    InvalidDate,

    /// <summary>A code or structure is not what the 835 allows (e.g. a CAS group code that does not exist).</summary>
    InvalidValue,

    /// <summary>A composite uses a different component separator than the ISA declares; the one found was used.</summary>
    ComponentSeparatorMismatch,

    /// <summary>A segment appeared where the 835 does not allow it and was ignored.</summary>
    UnexpectedSegment,

    /// <summary>Claim charge minus adjustments does not equal the claim payment (CLP03 - CAS = CLP04).</summary>
    ClaimOutOfBalance,

    /// <summary>Line charge minus line adjustments does not equal the line payment (SVC02 - CAS = SVC03).</summary>
    LineOutOfBalance,

    /// <summary>BPR02 does not equal the claim payments minus the provider-level adjustments.</summary>
    TransactionOutOfBalance,

    /// <summary>A service line has no procedure code or no amounts.</summary>
    IncompleteServiceLine,

    /// <summary>Too many warnings: later ones were counted but not kept.</summary>
    TooManyWarnings,
}

/// <summary>
/// Something in a remittance that a specialist should know about but that does not stop the file from being read
/// (envelope count mismatches, failed balances, unreadable values).
/// </summary>
/// <param name="SegmentNumber">1-based position in the file of the segment concerned (0 for the file as a whole).</param>
/// <param name="Code">The kind of problem.</param>
/// <param name="Message">A plain sentence saying what is wrong and, where useful, what to do.</param>
public sealed record RemitWarning(long SegmentNumber, RemitWarningCode Code, string Message)
{
    public override string ToString() =>
        SegmentNumber > 0
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"segment {SegmentNumber}: {Message}")
            : Message;
}
