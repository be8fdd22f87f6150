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
public static class TextDiff
{
    // Above this many cells the quadratic table is not worth building; such texts are not letters.
    private const long MaxTableCells = 25_000_000;

    /// <summary>
    /// A longest-common-subsequence line diff. Line endings are normalized first; within a changed region removed
    /// lines come before added ones. Common leading and trailing lines are matched before the table is built, so
    /// typical edits to a letter cost little.
    /// </summary>
    public static IReadOnlyList<DiffLine> Lines(string oldText, string newText)
    {
        ArgumentNullException.ThrowIfNull(oldText);
        ArgumentNullException.ThrowIfNull(newText);
        var a = SplitLines(oldText);
        var b = SplitLines(newText);
        var result = new List<DiffLine>(Math.Max(a.Length, b.Length));

        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[a.Length - 1 - suffix] == b[b.Length - 1 - suffix])
        {
            suffix++;
        }

        for (var i = 0; i < prefix; i++)
        {
            result.Add(new DiffLine(DiffKind.Unchanged, a[i], i + 1, i + 1));
        }

        var aMid = a[prefix..(a.Length - suffix)];
        var bMid = b[prefix..(b.Length - suffix)];
        if ((long)aMid.Length * bMid.Length > MaxTableCells)
        {
            result.AddRange(aMid.Select((line, i) => new DiffLine(DiffKind.Removed, line, prefix + i + 1, null)));
            result.AddRange(bMid.Select((line, j) => new DiffLine(DiffKind.Added, line, null, prefix + j + 1)));
        }
        else
        {
            Middle(aMid, bMid, prefix, result);
        }

        for (var k = 0; k < suffix; k++)
        {
            var i = a.Length - suffix + k;
            var j = b.Length - suffix + k;
            result.Add(new DiffLine(DiffKind.Unchanged, a[i], i + 1, j + 1));
        }

        return result;
    }

    private static void Middle(string[] a, string[] b, int offset, List<DiffLine> result)
    {
        // lcs[i, j] = length of the LCS of a[i..] and b[j..].
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                result.Add(new DiffLine(DiffKind.Unchanged, a[x], offset + x + 1, offset + y + 1));
                x++;
                y++;
            }
            else if (y >= b.Length || (x < a.Length && lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                result.Add(new DiffLine(DiffKind.Removed, a[x], offset + x + 1, null));
                x++;
            }
            else
            {
                result.Add(new DiffLine(DiffKind.Added, b[y], null, offset + y + 1));
                y++;
            }
        }
    }

    private static string[] SplitLines(string text)
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
