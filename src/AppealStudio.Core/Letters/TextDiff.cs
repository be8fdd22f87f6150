using DiffPlex;

namespace AppealStudio.Core.Letters;

public enum DiffKind
{
    Unchanged,
    Removed,
    Added,
}

/// <summary>One line of a diff, with its 1-based line numbers in the old and new text (null where it does not exist).</summary>
public sealed record DiffLine(DiffKind Kind, string Text, int? OldLine, int? NewLine)
{
    public override string ToString() => Kind switch
    {
        DiffKind.Added => "+ " + Text,
        DiffKind.Removed => "- " + Text,
        DiffKind.Unchanged => "  " + Text,
    };
}

/// <summary>Line diffs for version history and for showing a physician's edits against the draft.</summary>
/// <remarks>
/// DiffPlex computes the edit script (Myers' algorithm: memory grows with the size of the difference, not with the
/// product of the two lengths as the LCS table it replaces did); this class only numbers the lines for display.
/// </remarks>
public static class TextDiff
{
    /// <summary>
    /// A line diff. Line endings are normalized first (a final line break does not count as an empty line); within a
    /// changed region removed lines come before added ones.
    /// </summary>
    public static IReadOnlyList<DiffLine> Lines(string oldText, string newText)
    {
        ArgumentNullException.ThrowIfNull(oldText);
        ArgumentNullException.ThrowIfNull(newText);
        var diff = Differ.Instance.CreateDiffs(oldText, newText, ignoreWhiteSpace: false, ignoreCase: false, LetterLines.Instance);
        var a = diff.PiecesOld;
        var b = diff.PiecesNew;
        var result = new List<DiffLine>(Math.Max(a.Count, b.Count));
        int x = 0, y = 0;
        foreach (var block in diff.DiffBlocks)
        {
            for (; x < block.DeleteStartA; x++, y++)
            {
                result.Add(new DiffLine(DiffKind.Unchanged, a[x], x + 1, y + 1));
            }

            for (var i = 0; i < block.DeleteCountA; i++, x++)
            {
                result.Add(new DiffLine(DiffKind.Removed, a[x], x + 1, null));
            }

            for (var j = 0; j < block.InsertCountB; j++, y++)
            {
                result.Add(new DiffLine(DiffKind.Added, b[y], null, y + 1));
            }
        }

        for (; x < a.Count; x++, y++)
        {
            result.Add(new DiffLine(DiffKind.Unchanged, a[x], x + 1, y + 1));
        }

        return result;
    }

    /// <summary>Splits as letters are compared: CRLF and CR count as LF, and a final line break adds no empty line.</summary>
    private sealed class LetterLines : IChunker
    {
        public static readonly LetterLines Instance = new();

        public IReadOnlyList<string> Chunk(string text)
        {
            if (text.Length == 0)
            {
                return [];
            }

            var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
            if (normalized.EndsWith('\n'))
            {
                normalized = normalized[..^1];
            }

            return normalized.Split('\n');
        }
    }
}
