using System.Text;
using AppealStudio.Core.X12;

namespace AppealStudio.Core.Tests.X12;

public class X12ReaderTests
{
    internal const string Isa = "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240101*1200*^*00501*000000001*0*P*:~";

    internal static X12Reader Open(string text, int bufferSize = X12Reader.DefaultBufferSize) =>
        new(new MemoryStream(Encoding.UTF8.GetBytes(text)), bufferSize: bufferSize);

    internal static List<string> Segments(X12Reader reader)
    {
        var list = new List<string>();
        while (reader.Read())
        {
            list.Add(reader.Segment.ToString());
        }

        return list;
    }

    private static string Envelope(string body, int segmentCount) =>
        $"{Isa}GS*HP*S*R*20240101*1200*1*X*005010X221A1~ST*835*0001~{body}SE*{segmentCount}*0001~GE*1*1~IEA*1*000000001~";

    [Fact]
    public void Read_StandardInterchange_ReadsDelimitersFromIsa()
    {
        using var reader = Open(Envelope("BPR*I*10*C*CHK~", 3));

        var segments = Segments(reader);

        Assert.Equal(["ISA", "GS", "ST", "BPR", "SE", "GE", "IEA"], segments.Select(s => s.Split('*')[0]));
        Assert.Equal(new X12Delimiters((byte)'*', (byte)':', (byte)'^', (byte)'~'), reader.Delimiters);
        Assert.Empty(reader.Warnings);
        Assert.Equal(1, reader.TransactionCount);
    }

    [Fact]
    public void Read_TrimmedIsaFields_CountsSeparatorsInsteadOfAssumingFixedWidth()
    {
        using var reader = Open("ISA*00* *00* *ZZ*NVMED *ZZ*99999999*180613*1230*^*00501*100000300*0*P*:~GS*HP*A*B*20180613*1230*1*X*005010X221A1~ST*835*1~SE*2*1~GE*1*1~IEA*1*100000300~");

        var segments = Segments(reader);

        Assert.Equal(6, segments.Count);
        Assert.Equal((byte)':', reader.Delimiters.Component);
        Assert.Equal((byte)'~', reader.Delimiters.Segment);
    }

    [Fact]
    public void Read_NewlineTerminator_TreatsEachLineAsASegment()
    {
        var text = Isa.TrimEnd('~') + "\nGS*HP*S*R*20240101*1200*1*X*005010X221A1\r\nST*835*0001\nBPR*I*10*C*CHK\nSE*3*0001\nGE*1*1\nIEA*1*000000001";
        using var reader = Open(text);

        var segments = Segments(reader);

        Assert.True(reader.Delimiters.SegmentEndsAtLineBreak);
        Assert.Equal(["ISA", "GS", "ST", "BPR", "SE", "GE", "IEA"], segments.Select(s => s.Split('*')[0]));
        Assert.Equal("BPR*I*10*C*CHK", segments[3]);
        Assert.Empty(reader.Warnings);
    }

    [Fact]
    public void Read_LineBreakBeforeTerminator_FindsTheRealTerminator()
    {
        var text = "ISA|00|          |00|          |ZZ|A              |ZZ|B              |120323|1938|U|00401|000015442|1|P|^\n~GS|HP|A|B|20120323|1938|1|X|004010X091A1\n~ST|835|0001\n~SVC|HC^88888|1|1\n~SE|3|0001\n~GE|1|1\n~IEA|1|000015442";
        using var reader = Open(text);

        var segments = Segments(reader);

        Assert.Equal((byte)'~', reader.Delimiters.Segment);
        Assert.Equal((byte)'|', reader.Delimiters.Element);
        Assert.Equal((byte)'^', reader.Delimiters.Component);
        Assert.Equal((byte)0, reader.Delimiters.Repetition);
        Assert.Equal("SVC|HC^88888|1|1", segments[3]);
        Assert.Single(reader.Warnings, w => w.Code == RemitWarningCode.MissingTerminator);
    }

    [Fact]
    public void Read_BomCrLfAndIndentation_AreSkipped()
    {
        var text = "\uFEFF" + Isa + "\r\n  GS*HP*S*R*20240101*1200*1*X*005010X221A1~\r\n    ST*835*0001~\r\n\r\n      BPR*I*10*C*CHK~\r\n    SE*3*0001~\r\n  GE*1*1~\r\nIEA*1*000000001~\r\n";
        using var reader = Open(text);

        var segments = Segments(reader);

        Assert.Equal(7, segments.Count);
        Assert.Equal("BPR*I*10*C*CHK", segments[3]);
        Assert.Empty(reader.Warnings);
    }

    [Fact]
    public void Read_FileStartingAtSt_AssumesDefaultDelimiters()
    {
        using var reader = Open("ST*835*1234~BPR*I*1*C*CHK~SVC*HC:99213*1*1~SE*4*1234~");

        var segments = Segments(reader);

        Assert.Equal(4, segments.Count);
        Assert.Equal(X12Delimiters.Default, reader.Delimiters);
        Assert.Empty(reader.Warnings);
    }

    [Fact]
    public void Read_FileStartingAtStWithNewlines_DetectsLineBreakTerminator()
    {
        using var reader = Open("ST*835*1234\nBPR*I*1*C*CHK\nSE*3*1234\n");

        var segments = Segments(reader);

        Assert.Equal(["ST*835*1234", "BPR*I*1*C*CHK", "SE*3*1234"], segments);
    }

    [Fact]
    public void Read_SegmentsWrappedAcrossLines_JoinsTheLines()
    {
        using var reader = Open(Envelope("CLP*PT-1*1*100\r\n.00*80*20*12*ICN~", 3));

        var segments = Segments(reader);

        Assert.Equal("CLP*PT-1*1*100.00*80*20*12*ICN", segments[3]);
    }

    [Fact]
    public void Read_InterchangesWithDifferentDelimiters_RedetectsAtEachIsa()
    {
        var second = "ISA|00|          |00|          |ZZ|SENDER         |ZZ|RECEIVER       |240101|1200|^|00501|000000002|0|P|>!GS|HP|S|R|20240101|1200|2|X|005010X221A1!ST|835|0002!SVC|HC>99213>25|1|1!SE|3|0002!GE|1|2!IEA|1|000000002!";
        using var reader = Open(Envelope(string.Empty, 2) + "\n" + second);
        var components = new List<string>();
        while (reader.Read())
        {
            if (reader.Segment.Is("SVC"))
            {
                components.Add(Encoding.ASCII.GetString(reader.Segment.Component(1, 3)));
            }
        }

        Assert.Equal(["25"], components);
        Assert.Equal(2, reader.InterchangeCount);
        Assert.Equal((byte)'!', reader.Delimiters.Segment);
        Assert.Empty(reader.Warnings);
    }

    [Fact]
    public void Segment_ElementsAndComposites_AreOneBasedAndEmptyWhenAbsent()
    {
        using var reader = Open("ST*835*1~SVC*HC:99213:25:59*150.00*80**2*HC:99214~SE*3*1~");
        reader.Read();
        reader.Read();
        var s = reader.Segment;

        Assert.True(s.Is("SVC"));
        Assert.Equal(SegmentKeys.SVC, s.IdKey);
        Assert.Equal(6, s.ElementCount);
        Assert.Equal("HC", Encoding.ASCII.GetString(s.Component(1, 1)));
        Assert.Equal("59", Encoding.ASCII.GetString(s.Component(1, 4)));
        Assert.True(s.Component(1, 5).IsEmpty);
        Assert.Equal(4, s.ComponentCount(1));
        Assert.Equal(X12ValueStatus.Valid, s.TryGetDecimal(2, out var charge));
        Assert.Equal(150.00m, charge);
        Assert.Null(s.GetString(4));
        Assert.True(s[9].IsEmpty);
    }

    [Fact]
    public void GetCode_RepeatedCodes_ShareOneString()
    {
        using var reader = Open("ST*835*1~CAS*CO*45*1~CAS*CO*45*2~SE*4*1~");
        reader.Read();
        reader.Read();
        var first = reader.Segment.GetCode(1);
        reader.Read();
        var second = reader.Segment.GetCode(1);

        Assert.Equal("CO", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Read_RepetitionSeparator_IsReadFromIsa11OnlyWhenItIsPunctuation()
    {
        using var fiveOhTen = Open(Envelope(string.Empty, 2));
        fiveOhTen.Read();
        using var fourOhTen = Open(Isa.Replace("*^*00501*", "*U*00401*", StringComparison.Ordinal) + "ST*835*1~SE*2*1~");
        fourOhTen.Read();

        Assert.Equal((byte)'^', fiveOhTen.Delimiters.Repetition);
        Assert.Equal((byte)0, fourOhTen.Delimiters.Repetition);
    }

    [Fact]
    public void Read_WrongTrailerCounts_WarnsWithSegmentNumbers()
    {
        var text = $"{Isa}GS*HP*S*R*20240101*1200*7*X*005010X221A1~ST*835*0001~BPR*I*10*C*CHK~SE*9*0002~GE*2*8~IEA*3*000000009~";
        using var reader = Open(text);

        Segments(reader);

        var warnings = reader.Warnings;
        Assert.Contains(warnings, w => w.Code == RemitWarningCode.CountMismatch && w.SegmentNumber == 5 && w.Message.Contains("has 9 segments, but it has 3", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Code == RemitWarningCode.ControlNumberMismatch && w.SegmentNumber == 5 && w.Message.Contains("0002", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Code == RemitWarningCode.CountMismatch && w.SegmentNumber == 6);
        Assert.Contains(warnings, w => w.Code == RemitWarningCode.ControlNumberMismatch && w.SegmentNumber == 6);
        Assert.Contains(warnings, w => w.Code == RemitWarningCode.CountMismatch && w.SegmentNumber == 7 && w.Message.Contains("has 3 functional groups, but it has 1", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Code == RemitWarningCode.ControlNumberMismatch && w.SegmentNumber == 7);
        Assert.Equal(6, warnings.Count);
    }

    [Fact]
    public void Read_MissingSeBeforeNextSt_WarnsAndGoesOn()
    {
        using var reader = Open("ST*835*1~BPR*I*1*C*CHK~ST*835*2~BPR*I*1*C*CHK~SE*3*2~");

        var segments = Segments(reader);

        Assert.Equal(5, segments.Count);
        var warning = Assert.Single(reader.Warnings);
        Assert.Equal(RemitWarningCode.MissingTrailer, warning.Code);
        Assert.Equal(1, warning.SegmentNumber);
    }

    [Fact]
    public void Read_MissingGeAndIea_WarnsAtTheEnd()
    {
        using var reader = Open($"{Isa}GS*HP*S*R*20240101*1200*1*X*005010X221A1~ST*835*0001~SE*2*0001~");

        Segments(reader);

        Assert.Equal(2, reader.Warnings.Count(w => w.Code == RemitWarningCode.MissingTrailer));
    }

    [Fact]
    public void Read_RepeatedInterchangeControlNumber_WarnsOncePerNumber()
    {
        var one = Envelope(string.Empty, 2);
        using var reader = Open(one + one + one);

        Segments(reader);

        var warning = Assert.Single(reader.Warnings);
        Assert.Equal(RemitWarningCode.DuplicateControlNumber, warning.Code);
        Assert.Equal(7, warning.SegmentNumber);
        Assert.Contains("000000001", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_JunkSegment_IsSkippedWithAWarning()
    {
        using var reader = Open("ST*835*1~resnCode>adjID>5***~BPR*I*1*C*CHK~SE*3*1~");

        var segments = Segments(reader);

        Assert.Equal(["ST*835*1", "BPR*I*1*C*CHK", "SE*3*1"], segments);
        Assert.Contains(reader.Warnings, w => w.Code == RemitWarningCode.UnreadableSegment && w.SegmentNumber == 2);
    }

    [Fact]
    public void Read_PlainText_ThrowsNotX12WithAnActionableMessage()
    {
        using var reader = Open("Dear provider,\nplease find attached your remittance.\n");

        var ex = Assert.Throws<X12ParseException>(() => reader.Read());

        Assert.Contains("not an X12 835 remittance", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Dear provider", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, ex.ByteOffset);
    }

    [Fact]
    public void Read_EmptyFile_Throws()
    {
        using var reader = Open("  \r\n ");

        var ex = Assert.Throws<X12ParseException>(() => reader.Read());

        Assert.Contains("empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FileEndsAfterCompleteSegmentInsideTransaction_ThrowsTruncatedNamingTheClaim()
    {
        var text = $"{Isa}ST*835*0001~CLP*PT-123*1*100*80~CAS*CO*45*20~";
        using var reader = Open(text);
        var ex = Assert.Throws<X12ParseException>(() =>
        {
            while (reader.Read())
            {
                if (reader.Segment.Is("CLP"))
                {
                    reader.ClaimContext = reader.Segment.GetString(1);
                }
            }
        });

        Assert.Equal($"The file ends in the middle of claim PT-123 (segment 5, byte {text.Length}): the remittance was cut off; ask the payer or clearinghouse to resend it.", ex.Message);
        Assert.Equal(5, ex.SegmentNumber);
        Assert.Equal(text.Length, ex.ByteOffset);
    }

    [Fact]
    public void Read_FileEndsInsideASegment_ThrowsTruncatedAtThatSegment()
    {
        using var reader = Open($"{Isa}ST*835*0001~CLP*PT-9*1*100*8");

        var ex = Assert.Throws<X12ParseException>(() => Segments(reader));

        Assert.Equal("CLP", ex.SegmentId);
        Assert.Equal(3, ex.SegmentNumber);
        Assert.Equal(Isa.Length + "ST*835*0001~".Length, ex.ByteOffset);
        Assert.Contains("cut off", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FileCutInsideIsa_ThrowsIncompleteHeader()
    {
        using var reader = Open("ISA*00*          *00*     ");

        var ex = Assert.Throws<X12ParseException>(() => reader.Read());

        Assert.Equal("ISA", ex.SegmentId);
        Assert.Contains("incomplete", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SegmentLongerThanBuffer_Throws()
    {
        using var reader = Open("ST*835*1~NTE*" + new string('A', 5000) + "~SE*3*1~", bufferSize: 1024);

        var ex = Assert.Throws<X12ParseException>(() => Segments(reader));

        Assert.Equal(2, ex.SegmentNumber);
        Assert.Contains("longer than", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SmallBuffer_ReadsSegmentsAcrossRefills()
    {
        var body = string.Concat(Enumerable.Range(1, 500).Select(i => $"CLP*PT-{i}*1*100*80~"));
        using var reader = Open(Envelope(body, 502), bufferSize: 256);

        var segments = Segments(reader);

        Assert.Equal(506, segments.Count);
        Assert.Equal("CLP*PT-500*1*100*80", segments[502]);
        Assert.Empty(reader.Warnings);
        Assert.Equal(Encoding.UTF8.GetByteCount(Envelope(body, 502)), reader.BytesRead);
    }
}
