using System.Diagnostics;
using System.Globalization;
using AppealStudio.Bench;
using AppealStudio.Core.Remittance;
using AppealStudio.Core.X12;

// Commands:
//   replicate --out FILE [--mb 40] [--corpus DIR]   corpus transactions repeated in fresh envelopes to about N MB
//   synthetic --out FILE [--claims 1000000] [--seed 835]   generated remits with a realistic denial mix
//   inspect FILE... [--json]   the library's summary (or JSON inspection to nowhere), with MB/s and peak memory
//   hostile --shape NAME --out FILE [--mb 50]   a file built to exhaust the server (HostileFiles.Shapes lists them)
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: replicate --out FILE [--mb 40] [--corpus DIR] | synthetic --out FILE [--claims N] [--seed N] | inspect FILE... [--json] | hostile --shape NAME --out FILE [--mb 50]");
    return 2;
}

try
{
    return args[0] switch
    {
        "replicate" => Replicate(args),
        "synthetic" => Synthetic(args),
        "inspect" => Inspect(args),
        "hostile" => Hostile(args),
        _ => Usage($"unknown command {args[0]}"),
    };
}
catch (X12ParseException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 1;
}
catch (ArgumentException ex)
{
    return Usage(ex.Message);
}

static int Usage(string message)
{
    Console.Error.WriteLine(message);
    return 2;
}

static string Option(string[] args, string name, string? fallback = null)
{
    var index = Array.IndexOf(args, name);
    if (index >= 0 && index + 1 < args.Length)
    {
        return args[index + 1];
    }

    return fallback ?? throw new ArgumentException($"{name} is required");
}

static int Replicate(string[] args)
{
    var output = Option(args, "--out");
    var megabytes = double.Parse(Option(args, "--mb", "40"), CultureInfo.InvariantCulture);
    var corpus = Option(args, "--corpus", Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "..", "shared", "corpus", "835"));
    var written = Replicator.Write(corpus, output, (long)(megabytes * 1_000_000));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"replicate: {output} {written / 1e6:F1} MB"));
    return 0;
}

static int Hostile(string[] args)
{
    var shape = Option(args, "--shape");
    var output = Option(args, "--out");
    var megabytes = int.Parse(Option(args, "--mb", "50"), CultureInfo.InvariantCulture);
    HostileFiles.Write(shape, output, megabytes);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"hostile {shape}: {output} {new FileInfo(output).Length / 1048576.0:F1} MiB ({HostileFiles.Shapes[shape]})"));
    return 0;
}

static int Synthetic(string[] args)
{
    var output = Option(args, "--out");
    var claims = int.Parse(Option(args, "--claims", "1000000"), CultureInfo.InvariantCulture);
    var seed = int.Parse(Option(args, "--seed", "835"), CultureInfo.InvariantCulture);
    var stats = SyntheticRemit.Write(output, claims, seed);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"synthetic: {output} {new FileInfo(output).Length / 1e6:F1} MB, {stats}"));
    return 0;
}

static int Inspect(string[] args)
{
    var files = args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
    var json = args.Contains("--json");
    var inspector = new RemittanceInspector();
    var clock = Stopwatch.StartNew();
    string counts;
    long bytes;
    if (json)
    {
        long claims = 0, denials = 0, warnings = 0;
        bytes = 0;
        foreach (var file in files)
        {
            using var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var result = inspector.WriteJson(input, Stream.Null);
            (claims, denials, warnings) = (claims + result.Claims, denials + result.Denials, warnings + result.Warnings);
            bytes += input.Length;
        }

        counts = string.Create(CultureInfo.InvariantCulture, $"claims {claims} denials {denials} warnings {warnings}");
    }
    else
    {
        var s = inspector.Summarize(files);
        bytes = s.Bytes;
        counts = string.Create(CultureInfo.InvariantCulture, $"files {s.Files} isa {s.Interchanges} st {s.Transactions} clp {s.Claims} svc {s.ServiceLines} cas {s.AdjustmentSegments} denials {s.Denials} warnings {s.Warnings}");
    }

    var seconds = clock.Elapsed.TotalSeconds;
    using var self = Process.GetCurrentProcess();
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"inspect{(json ? " --json" : " --summary")}: {counts} | {bytes / 1e6:F1} MB in {seconds:F3} s = {bytes / 1e6 / seconds:F0} MB/s (in-process), peak RSS {self.PeakWorkingSet64 / 1e6:F0} MB"));
    return 0;
}
