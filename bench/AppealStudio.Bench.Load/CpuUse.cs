using System.Globalization;

namespace AppealStudio.Bench.Load;

/// <summary>
/// CPU time read from /proc, so a run can say who used the cores: the whole machine (/proc/stat), the driver (this
/// process and its descendants: the Playwright driver and Chromium) and each server process tree. A tree's time is its
/// live processes' user + system time plus the root's reaped children (PostgreSQL's exited backends).
/// </summary>
public static class CpuUse
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>Busy and total jiffies of all cores together.</summary>
    public static (long Busy, long Total) Machine()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var idle = fields[3] + fields[4]; // idle + iowait
        var total = fields.Take(8).Sum(); // user nice system idle iowait irq softirq steal
        return (total - idle, total);
    }

    /// <summary>CPU seconds of a process and its descendants (0 when it is gone).</summary>
    public static double TreeSeconds(int root)
    {
        var parents = new Dictionary<int, int>();
        var ticks = new Dictionary<int, long>();
        long reaped = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (IOException)
            {
                continue; // exited meanwhile
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            // After the ")" that closes the command name: state ppid ... utime(14) stime(15) cutime(16) cstime(17).
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            parents[pid] = int.Parse(rest[1], CultureInfo.InvariantCulture);
            ticks[pid] = long.Parse(rest[11], CultureInfo.InvariantCulture) + long.Parse(rest[12], CultureInfo.InvariantCulture);
            if (pid == root)
            {
                reaped = long.Parse(rest[13], CultureInfo.InvariantCulture) + long.Parse(rest[14], CultureInfo.InvariantCulture);
            }
        }

        if (!ticks.ContainsKey(root))
        {
            return 0;
        }

        long sum = reaped;
        foreach (var pid in ticks.Keys)
        {
            // Walk up to the root (or to init): is this process in the tree?
            for (var p = pid; p > 1; p = parents.GetValueOrDefault(p, 1))
            {
                if (p == root)
                {
                    sum += ticks[pid];
                    break;
                }
            }
        }

        return sum / TicksPerSecond;
    }

    /// <summary>Load average as /proc/loadavg gives it (1, 5 and 15 minutes).</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}

/// <summary>
/// The CPU used over a timed window (both drivers' windows): by the machine, by this process and its descendants (the
/// driver), and by each server process tree, started when created and read by <see cref="Close"/>.
/// </summary>
public sealed class CpuWindow(IReadOnlyList<(string Name, int Pid)> servers)
{
    private readonly (long Busy, long Total) machine = CpuUse.Machine();
    private readonly double driver = CpuUse.TreeSeconds(Environment.ProcessId);
    private readonly double[] before = servers.Select(s => CpuUse.TreeSeconds(s.Pid)).ToArray();
    private (long Busy, long Total) machineAfter;
    private double driverAfter;
    private double[] after = [];

    /// <summary>Reads the counters at the window's end.</summary>
    public void Close()
    {
        machineAfter = CpuUse.Machine();
        driverAfter = CpuUse.TreeSeconds(Environment.ProcessId);
        after = servers.Select(s => CpuUse.TreeSeconds(s.Pid)).ToArray();
    }

    /// <summary>Prints who used the cores over <paramref name="elapsed"/> seconds and per interaction.</summary>
    public void Print(double elapsed, int done, string driverName)
    {
        var jiffies = Math.Max(1, machineAfter.Total - machine.Total);
        var used = driverAfter - driver;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CPU over the {elapsed:0} s window ({Environment.ProcessorCount} cores, {done} interactions): machine busy {100.0 * (machineAfter.Busy - machine.Busy) / jiffies:0}%"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  driver ({driverName}): {used:0.0} s = {100 * used / elapsed:0}% of one core, {1000 * used / done:0} ms per interaction"));
        var total = 0.0;
        for (var s = 0; s < servers.Count; s++)
        {
            var server = after[s] - before[s];
            total += server;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {servers[s].Name} (pid {servers[s].Pid}): {server:0.0} s = {100 * server / elapsed:0}% of one core"));
        }

        if (servers.Count > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  server side together: {total:0.0} s = {100 * total / elapsed:0}% of one core, {1000 * total / done:0} ms per interaction"));
        }
    }
}
