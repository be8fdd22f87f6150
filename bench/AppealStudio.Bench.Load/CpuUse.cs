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
