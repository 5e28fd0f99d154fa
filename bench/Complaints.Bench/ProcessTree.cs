using System.Globalization;

namespace Complaints.Bench;

/// <summary>CPU time of processes the benchmark starts but does not own a handle to (the database, the browsers), from /proc.</summary>
internal static class ProcessTree
{
    /// <summary>
    /// CPU seconds (user + system) of the given processes and every process below them, including children already
    /// gone and waited for, from one pass over /proc; NaN when a root cannot be read.
    /// </summary>
    public static double CpuSeconds(IReadOnlyCollection<int> roots)
    {
        var parents = new Dictionary<int, int>();
        var ticks = new Dictionary<int, long>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Stat(pid) is { } stat)
            {
                // Fields after the command: state (0), ppid (1), ..., utime (11), stime (12), cutime (13), cstime (14).
                parents[pid] = (int)stat[1];
                ticks[pid] = stat[11] + stat[12] + stat[13] + stat[14];
            }
        }

        if (!roots.All(ticks.ContainsKey))
        {
            return double.NaN;
        }

        var total = 0L;
        foreach (var (pid, own) in ticks)
        {
            for (var up = pid; up > 1; up = parents.GetValueOrDefault(up))
            {
                if (roots.Contains(up))
                {
                    total += own;
                    break;
                }
            }
        }

        return total / 100.0; // clock ticks, 100 a second on Linux
    }

    /// <summary>Every live process below <paramref name="root"/> (its children, theirs, and so on), from /proc.</summary>
    public static IEnumerable<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Stat(pid) is { } stat)
            {
                parents[pid] = (int)stat[1];
            }
        }

        foreach (var pid in parents.Keys)
        {
            for (var up = parents[pid]; up > 1; up = parents.GetValueOrDefault(up))
            {
                if (up == root)
                {
                    yield return pid;
                    break;
                }
            }
        }
    }

    /// <summary>The numeric fields of /proc/pid/stat after the command (index 0 is the state, which reads as 0); null if gone.</summary>
    public static long[]? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return [.. stat[(stat.LastIndexOf(')') + 2)..].Split(' ').Select(f => long.TryParse(f, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0)];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
