using AppealStudio.Core.Remittance;
using AppealStudio.Core.X12;
using AppealStudio.Tests.Shared;
using FsCheck;
using FsCheck.Fluent;

namespace AppealStudio.Core.Tests.Remittance;

/// <summary>The fast scanner behind <c>--summary</c> must count exactly what the full reader and detector find.</summary>
public class ScannerEquivalenceTests
{
    private static readonly Lazy<byte[][]> Corpus = new(() => SharedFolder.CorpusFiles().Select(File.ReadAllBytes).ToArray());

    internal static RemitSummary FullCounts(byte[] bytes, ReadOptions? options = null)
    {
        using var reader = new RemittanceReader(new MemoryStream(bytes), options);
        var detector = new DenialDetector();
        var denials = 0L;
        foreach (var claim in reader.ReadClaims())
        {
            denials += detector.Detect(claim).Count;
        }

        var c = reader.Counts;
        return new RemitSummary
        {
            Files = 1,
            Bytes = c.Bytes,
            Segments = c.Segments,
            Interchanges = c.Interchanges,
            FunctionalGroups = c.FunctionalGroups,
            Transactions = c.Transactions,
            Claims = c.Claims,
            ServiceLines = c.ServiceLines,
            AdjustmentSegments = c.AdjustmentSegments,
            ProviderAdjustmentSegments = c.ProviderAdjustmentSegments,
            Denials = denials,
            Warnings = reader.WarningCount,
        };
    }

    private static string Outcome(Func<RemitSummary> run)
    {
        try
        {
            var s = run();
            return $"files {s.Files} bytes {s.Bytes} segments {s.Segments} isa {s.Interchanges} gs {s.FunctionalGroups} st {s.Transactions} clp {s.Claims} svc {s.ServiceLines} cas {s.AdjustmentSegments} plb {s.ProviderAdjustmentSegments} denials {s.Denials} warnings {s.Warnings}";
        }
        catch (X12ParseException ex)
        {
            return $"error at {ex.SegmentNumber}/{ex.ByteOffset}: {ex.Message}";
        }
    }

    internal static void AssertSame(byte[] bytes, ReadOptions? options = null) =>
        Assert.Equal(
            Outcome(() => FullCounts(bytes, options)),
            Outcome(() => new RemittanceScanner(options).Scan(new MemoryStream(bytes))));

    [SharedTheory]
    [MemberData(nameof(RemittanceCorpusTests.Files), MemberType = typeof(RemittanceCorpusTests))]
    public void Scan_CorpusFile_CountsWhatTheFullReaderFinds(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(SharedFolder.CorpusDirectory, name));

        AssertSame(bytes);
        AssertSame(bytes, new ReadOptions { ReversalWindow = 0, CheckBalances = false });
    }

    [Fact]
    public void Scan_ReversalOfAnOriginalInTheWindow_SubtractsTheOriginalsDenials()
    {
        var text = RemitText.Transaction(
            "CLP*PT-5*1*100*0**12*A~CAS*CO*97*100~CLP*PT-6*4*10*0**12~CLP*PT-5*22*-100*0**12*A~CAS*CO*97*-100~CLP*PT-5*1*100*40**12*B~CAS*CO*45*30~CAS*CO*16*30~",
            40);
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);

        var summary = new RemittanceScanner().Scan(new MemoryStream(bytes));

        Assert.Equal(2, summary.Denials);
        AssertSame(bytes);
    }

    [Theory]
    [InlineData("CLP*Q-1*1*100*80**12~SVC*HC:99213*100*80~CAS*PR*2*20~LQ*HE*N782~", 80, 1)]
    [InlineData("CLP*Q-2*1*100*80**12~MOA***N781~SVC*HC:99213*100*80~CAS*PR*1*20~", 80, 1)]
    [InlineData("CLP*Q-3*1*100*0**12~CAS*PR*1*100~MOA***N781~", 0, 1)]
    [InlineData("CLP*Q-4*1*100*80**12~SVC*HC:99213*100*80~CAS*PR*2*20~LQ*RX*N782~", 80, 0)]
    [InlineData("CLP*Q-5*4*100*0**12~SVC*HC:99213*100*0~CAS*PR*2*100~LQ*HE*M15~", 0, 0)]
    [InlineData("CLP*Q-6*1*100*98**12~SVC*HC:99213*100*98~CAS*CO*237*2~LQ*HE*N807~CLP*Q-7*1*100*98**12~SVC*HC:99213*100*98~CAS*CO*237*2~", 196, 1)]
    [InlineData("CLP*Q-8*1*100*80**12~SVC*HC:99213*100*80~CAS*PR*2*20~LQ*HE*N782~CLP*Q-9*1*100*80**12~SVC*HC:99213*100*80~CAS*PR*2*20~", 160, 1)]
    public void Scan_RemarkConditionalAdjustments_CountLikeTheDetector(string body, decimal payment, int denials)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(RemitText.Transaction(body, payment));

        Assert.Equal(denials, new RemittanceScanner().Scan(new MemoryStream(bytes)).Denials);
        AssertSame(bytes);
    }

    [Fact]
    public void Scan_SeveralFiles_AddsTheirCounts()
    {
        var folder = Directory.CreateTempSubdirectory();
        try
        {
            var one = Path.Combine(folder.FullName, "a.835");
            File.WriteAllText(one, RemitText.Transaction("CLP*PT-1*4*75*0**12~", 0));
            var two = Path.Combine(folder.FullName, "b.835");
            File.WriteAllText(two, RemitText.Transaction("CLP*PT-1*1*75*75**12~CLP*PT-2*1*10*0**12~CAS*CO*29*10~", 75));

            var summary = new RemittanceScanner().Scan([one, two]);

            // a.835's denied claim has no adjustment at all: one silent denial and one balance warning.
            Assert.Equal((2, 2L, 3L, 2L, 1L), (summary.Files, summary.Transactions, summary.Claims, summary.Denials, summary.Warnings));
            Assert.Equal(new FileInfo(one).Length + new FileInfo(two).Length, summary.Bytes);
        }
        finally
        {
            folder.Delete(true);
        }
    }

    [SharedFact]
    public void Scan_MutatedCorpusFiles_CountOrFailExactlyLikeTheFullReader()
    {
        var cases =
            from file in Gen.Choose(0, Corpus.Value.Length - 1)
            from kind in Gen.Choose(0, 6)
            from seed in Gen.Choose(0, int.MaxValue - 1)
            select (file, kind, seed);

        Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(1500).WithQuietOnSuccess(true),
            Prop.ForAll(cases.ToArbitrary(), c =>
            {
                AssertSame(MutationPropertyTests.Apply(Corpus.Value[c.file], c.kind, c.seed));
                return true;
            }));
    }
}
