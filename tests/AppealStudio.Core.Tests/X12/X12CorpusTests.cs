using AppealStudio.Core.X12;
using AppealStudio.Tests.Shared;

namespace AppealStudio.Core.Tests.X12;

public class X12CorpusTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        if (SharedFolder.Path is not null)
        {
            foreach (var file in SharedFolder.CorpusFiles())
            {
                data.Add(Path.GetFileName(file));
            }
        }

        return data;
    }

    private static (X12Reader Reader, List<string> Ids) ReadAll(string name)
    {
        var reader = new X12Reader(File.OpenRead(Path.Combine(SharedFolder.CorpusDirectory, name)));
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.Segment.IdText);
        }

        return (reader, ids);
    }

    [SharedTheory]
    [MemberData(nameof(Files))]
    public void Read_EveryCorpusFile_ReadsToTheEndWithBalancedEnvelopes(string name)
    {
        var (reader, ids) = ReadAll(name);
        using (reader)
        {
            Assert.Equal(ids.Count(i => i == "ST"), ids.Count(i => i == "SE"));
            Assert.Equal(ids.Count(i => i == "ISA"), ids.Count(i => i == "IEA"));
            Assert.True(ids.Count(i => i == "ST") > 0);
            Assert.Equal(new FileInfo(Path.Combine(SharedFolder.CorpusDirectory, name)).Length, reader.BytesRead);
        }
    }

    [SharedFact]
    public void Read_NewlineTerminatedFile_FindsAllSegments()
    {
        var (reader, ids) = ReadAll("x12-parser__multi-line-not-delimited.edi");
        using (reader)
        {
            Assert.True(reader.Delimiters.SegmentEndsAtLineBreak);
            Assert.Equal(69, ids.Count);
            Assert.Equal(3, ids.Count(i => i == "CLP"));
            Assert.Empty(reader.Warnings);
        }
    }

    [SharedFact]
    public void Read_BomCrLfThreeInterchanges_ReadsEachEnvelope()
    {
        var (reader, ids) = ReadAll("X12Parser__835_WithMultipleInterchanges.txt");
        using (reader)
        {
            Assert.Equal(3, reader.InterchangeCount);
            Assert.Equal(3, reader.TransactionCount);
            Assert.Equal(56, ids.Count(i => i == "CLP"));
            Assert.Equal((byte)'>', reader.Delimiters.Component);
            Assert.Empty(reader.Warnings);
        }
    }

    [SharedFact]
    public void Read_PipeSeparatorsWithLineBreaksBeforeTerminator_ReadsDelimiters()
    {
        var (reader, ids) = ReadAll("TigerShark__835-example.txt");
        using (reader)
        {
            Assert.Equal(new X12Delimiters((byte)'|', (byte)'^', 0, (byte)'~'), reader.Delimiters);
            Assert.Equal(51, ids.Count);
            Assert.Contains(reader.Warnings, w => w.Code == RemitWarningCode.CountMismatch && w.Message.Contains("has 43 segments, but it has 47", StringComparison.Ordinal));
            Assert.Contains(reader.Warnings, w => w.Code == RemitWarningCode.MissingTerminator && w.SegmentNumber == 51);
        }
    }

    [SharedFact]
    public void Read_SameInterchangeRepeated156Times_WarnsOnceAboutTheDuplicateControlNumber()
    {
        var (reader, _) = ReadAll("x12-parser__profee-multiple.edi");
        using (reader)
        {
            Assert.Equal(156, reader.InterchangeCount);
            var warning = Assert.Single(reader.Warnings);
            Assert.Equal(RemitWarningCode.DuplicateControlNumber, warning.Code);
            Assert.Contains("006000600", warning.Message, StringComparison.Ordinal);
        }
    }

    [SharedFact]
    public void Read_TrimmedIsaWithWrongIeaControl_WarnsControlMismatch()
    {
        var (reader, _) = ReadAll("affect-therapeutics-edi-835-parser__nevada_medicaid.txt");
        using (reader)
        {
            var warning = Assert.Single(reader.Warnings);
            Assert.Equal(RemitWarningCode.ControlNumberMismatch, warning.Code);
            Assert.Contains("100000301", warning.Message, StringComparison.Ordinal);
        }
    }

    [SharedFact]
    public void Read_RepetitionSeparatorGreaterThan_IsTakenFromIsa11()
    {
        var (reader, _) = ReadAll("badX12__X221-secondary-payments.edi");
        using (reader)
        {
            Assert.Equal(new X12Delimiters((byte)'*', (byte)':', (byte)'>', (byte)'~'), reader.Delimiters);
            Assert.Empty(reader.Warnings);
        }
    }

    [SharedFact]
    public void Read_WrongSeAndGeCounts_AreWarnings()
    {
        var (reader, _) = ReadAll("x12-edi-parser__sample.txt");
        using (reader)
        {
            Assert.Equal(2, reader.Warnings.Count(w => w.Code == RemitWarningCode.CountMismatch));
            Assert.Single(reader.Warnings, w => w.Code == RemitWarningCode.ControlNumberMismatch);
        }
    }
}
