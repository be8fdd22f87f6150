using AppealStudio.Core.Remittance;
using AppealStudio.Core.X12;
using AppealStudio.Tests.Shared;
using FsCheck;
using FsCheck.Fluent;

namespace AppealStudio.Core.Tests.Remittance;

/// <summary>
/// Damaged copies of the corpus (flipped bytes, truncation, swapped delimiters, duplicated, removed or scrambled
/// segments) must read to a result or fail with <see cref="X12ParseException"/>: never another exception, never a hang.
/// </summary>
public class MutationPropertyTests
{
    private static readonly TimeSpan PerCaseLimit = TimeSpan.FromSeconds(10);
    private static readonly Lazy<(string Name, byte[] Bytes)[]> Corpus = new(() =>
        SharedFolder.CorpusFiles().Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))).ToArray());

    public sealed record Mutation(int File, int Kind, int Seed)
    {
        public override string ToString() => $"{Corpus.Value[File].Name} kind {Kind} seed {Seed}";
    }

    internal static byte[] Apply(byte[] original, int kind, int seed)
    {
        var random = new Random(seed);
        var bytes = original.ToList();
        var terminator = (byte)(Array.IndexOf(original, (byte)'~') >= 0 ? '~' : '\n');
        switch (kind)
        {
            case 0:
                for (var i = random.Next(1, 12); i > 0; i--)
                {
                    bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
                }

                break;
            case 1:
                bytes = bytes.Take(random.Next(bytes.Count + 1)).ToList();
                break;
            case 2:
                byte[] delimiters = [(byte)'*', (byte)':', (byte)'~', (byte)'|', (byte)'^', (byte)'>', (byte)'\n'];
                var from = delimiters[random.Next(delimiters.Length)];
                var to = delimiters[random.Next(delimiters.Length)];
                var start = random.Next(bytes.Count);
                for (var i = start; i < bytes.Count; i++)
                {
                    if (bytes[i] == from)
                    {
                        bytes[i] = to;
                    }
                    else if (bytes[i] == to && random.Next(2) == 0)
                    {
                        bytes[i] = from;
                    }
                }

                break;
            default:
                var segments = Split(bytes, terminator);
                for (var i = random.Next(1, 6); i > 0 && segments.Count > 1; i--)
                {
                    var at = random.Next(segments.Count);
                    switch (kind)
                    {
                        case 3:
                            segments.Insert(at, segments[at]);
                            break;
                        case 4:
                            segments.RemoveAt(at);
                            break;
                        case 5:
                            (segments[at], segments[random.Next(segments.Count)]) = (segments[random.Next(segments.Count)], segments[at]);
                            break;
                        default:
                            var garbage = new byte[random.Next(1, 40)];
                            random.NextBytes(garbage);
                            segments.Insert(at, garbage);
                            break;
                    }
                }

                bytes = segments.SelectMany(s => s.Append(terminator)).ToList();
                break;
        }

        return [.. bytes];
    }

    private static List<byte[]> Split(List<byte> bytes, byte terminator)
    {
        var segments = new List<byte[]>();
        var current = new List<byte>();
        foreach (var b in bytes)
        {
            if (b == terminator)
            {
                segments.Add([.. current]);
                current.Clear();
            }
            else
            {
                current.Add(b);
            }
        }

        if (current.Count > 0)
        {
            segments.Add([.. current]);
        }

        return segments;
    }

    internal static string? ReadDamaged(byte[] bytes)
    {
        try
        {
            var file = RemittanceFile.Load(new MemoryStream(bytes), new ReadOptions { BufferSize = 4096 });
            foreach (var denial in new DenialDetector().Detect(file.Claims))
            {
                _ = denial.Facts;
            }

            using var reader = new RemittanceReader(new MemoryStream(bytes));
            _ = reader.ReadEvents().Count();
            return null;
        }
        catch (X12ParseException ex) when (ex.InnerException is null && ex.Message.Length > 0)
        {
            return null;
        }
        catch (Exception ex)
        {
            return ex.ToString();
        }
    }

    private static bool Holds(Mutation m)
    {
        var bytes = Apply(Corpus.Value[m.File].Bytes, m.Kind, m.Seed);
        var task = Task.Run(() => ReadDamaged(bytes));
        if (!task.Wait(PerCaseLimit))
        {
            throw new TimeoutException($"{m} did not finish within {PerCaseLimit.TotalSeconds} s");
        }

        return task.Result is null ? true : throw new InvalidOperationException($"{m} failed: {task.Result}");
    }

    [SharedFact]
    public void Load_MutatedCorpusFiles_ReturnOrThrowX12ParseExceptionOnly()
    {
        var mutations =
            from file in Gen.Choose(0, Corpus.Value.Length - 1)
            from kind in Gen.Choose(0, 6)
            from seed in Gen.Choose(0, int.MaxValue - 1)
            select new Mutation(file, kind, seed);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2500).WithQuietOnSuccess(true), Prop.ForAll(mutations.ToArbitrary(), Holds));
    }

    [SharedFact]
    public void Load_EveryTruncationPointOfASmallFile_ReturnsOrThrowsX12ParseException()
    {
        var bytes = File.ReadAllBytes(Path.Combine(SharedFolder.CorpusDirectory, "api-examples__835-denial.dat"));
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var length = 0; length <= bytes.Length; length++)
        {
            var cut = bytes[..length];
            Assert.Null(ReadDamaged(cut));
            string outcome;
            try
            {
                RemittanceFile.Load(new MemoryStream(cut));
                outcome = "read";
            }
            catch (X12ParseException ex)
            {
                outcome = ex.Message.Contains("cut off", StringComparison.Ordinal) ? "cut off" : "other";
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        // Cut inside the transaction: "cut off"; cut after SE (GE/IEA missing or partial): read with warnings.
        Assert.True(outcomes["cut off"] > bytes.Length / 2);
        Assert.True(outcomes["read"] > 0);
    }
}
