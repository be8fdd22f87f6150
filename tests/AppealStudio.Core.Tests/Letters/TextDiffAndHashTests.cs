using AppealStudio.Core.Letters;

namespace AppealStudio.Core.Tests.Letters;

public class TextDiffAndHashTests
{
    [Fact]
    public void Lines_ChangedMiddleLine_ShowsRemovedThenAddedWithLineNumbers()
    {
        var diff = TextDiff.Lines("a\nb\nc\n", "a\nB\nc\nd\n");

        Assert.Equal(
            [
                new DiffLine(DiffKind.Unchanged, "a", 1, 1),
                new DiffLine(DiffKind.Removed, "b", 2, null),
                new DiffLine(DiffKind.Added, "B", null, 2),
                new DiffLine(DiffKind.Unchanged, "c", 3, 3),
                new DiffLine(DiffKind.Added, "d", null, 4),
            ],
            diff);
    }

    [Fact]
    public void Lines_InsertAndDelete_KeepsTheLongestCommonRun()
    {
        var diff = TextDiff.Lines("x\na\nb\nc\ny", "a\nb\nz\nc");

        Assert.Equal(["- x", "  a", "  b", "+ z", "  c", "- y"], diff.Select(d => d.ToString()));
    }

    [Fact]
    public void Lines_SameTextWithDifferentLineEndings_IsUnchanged()
    {
        Assert.All(TextDiff.Lines("one\r\ntwo", "one\ntwo\n"), d => Assert.Equal(DiffKind.Unchanged, d.Kind));
    }

    [Fact]
    public void Lines_FromEmpty_IsAllAdded()
    {
        Assert.Equal([DiffKind.Added, DiffKind.Added], TextDiff.Lines(string.Empty, "a\nb").Select(d => d.Kind));
    }

    [Fact]
    public void Lines_TwoLongTextsWithOneEdit_FindsTheEditInsteadOfReplacingEverything()
    {
        // 6,000 x 6,000 lines: the hand-written LCS table (36 million cells) gave up above 25 million and showed every
        // line removed and added; DiffPlex finds the one changed line.
        var old = string.Join('\n', Enumerable.Range(0, 6000).Select(i => $"line {i}"));
        var edited = old.Replace("line 3000\n", "line three thousand\n", StringComparison.Ordinal);

        var diff = TextDiff.Lines(old, edited);

        Assert.Equal(6001, diff.Count);
        Assert.Equal([new DiffLine(DiffKind.Removed, "line 3000", 3001, null), new DiffLine(DiffKind.Added, "line three thousand", null, 3001)],
            diff.Where(d => d.Kind != DiffKind.Unchanged));
    }

    [Fact]
    public void Lines_AnyTwoTexts_RebuildBothSidesWithConsecutiveLineNumbers()
    {
        var random = new Random(12);
        for (var round = 0; round < 200; round++)
        {
            string Text() => string.Join('\n', Enumerable.Range(0, random.Next(0, 12)).Select(_ => "abc"[random.Next(3)].ToString()));
            var (a, b) = (Text(), Text());

            var diff = TextDiff.Lines(a, b);

            var oldSide = diff.Where(d => d.Kind != DiffKind.Added).ToList();
            var newSide = diff.Where(d => d.Kind != DiffKind.Removed).ToList();
            Assert.Equal(a, string.Join('\n', oldSide.Select(d => d.Text)));
            Assert.Equal(b, string.Join('\n', newSide.Select(d => d.Text)));
            Assert.Equal(Enumerable.Range(1, oldSide.Count).Cast<int?>(), oldSide.Select(d => d.OldLine));
            Assert.Equal(Enumerable.Range(1, newSide.Count).Cast<int?>(), newSide.Select(d => d.NewLine));
        }
    }

    [Fact]
    public void Sha256_KnownVector_IsLowerCaseHex()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", SignatureHash.Sha256("abc"));
    }

    [Fact]
    public void Sha256_LineEndings_AreNormalizedButContentIsNot()
    {
        var lf = SignatureHash.Sha256("line one\nline two\n");

        Assert.Equal(lf, SignatureHash.Sha256("line one\r\nline two\r\n"));
        Assert.Equal(lf, SignatureHash.Sha256("line one\rline two\r"));
        Assert.NotEqual(lf, SignatureHash.Sha256("line one\nline two \n"));
        Assert.True(SignatureHash.Matches("line one\r\nline two\r\n", lf.ToUpperInvariant()));
        Assert.Equal(lf[..12], SignatureHash.Short(lf));
    }

    [Fact]
    public void ToHtml_RawHtml_IsEscaped()
    {
        var html = MarkdownRendering.ToHtml("Hello <script>alert('x')</script> **there**\n\n<img src=x onerror=alert(1)>");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<strong>there</strong>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_ScriptLinks_AreNeutralizedAndWebLinksKept()
    {
        var html = MarkdownRendering.ToHtml("[click](javascript:alert(1)) [policy](https://payer.example.com/p/112) <JAVASCRIPT:alert(2)>");

        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"https://payer.example.com/p/112\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_ClaimReferenceTable_RendersAsTable()
    {
        var html = MarkdownRendering.ToHtml("| RE: | Appeal |\n|---|---|\n| Claim number | AH1 |\n");

        Assert.Contains("<table>", html, StringComparison.Ordinal);
        Assert.Contains("<td>AH1</td>", html, StringComparison.Ordinal);
    }
}
