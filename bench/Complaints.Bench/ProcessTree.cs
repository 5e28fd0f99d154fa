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
        var live = Live();
        if (!roots.All(live.ContainsKey))
        {
            return double.NaN;
        }

        // Fields after the command: state (0), ppid (1), ..., utime (11), stime (12), cutime (13), cstime (14).
        var total = live.Where(p => roots.Contains(p.Key) || Below(p.Key, roots, live))
            .Sum(p => p.Value[11] + p.Value[12] + p.Value[13] + p.Value[14]);
        return total / 100.0; // clock ticks, 100 a second on Linux
    }

    /// <summary>Every live process below <paramref name="root"/> (its children, theirs, and so on), from /proc.</summary>
    public static IEnumerable<int> Descendants(int root)
    {
        var live = Live();
        return [.. live.Keys.Where(pid => Below(pid, [root], live))];
    }

    /// <summary>Every live process's stat fields (<see cref="Stat"/>), by process id, from one pass over /proc.</summary>
    private static Dictionary<int, long[]> Live()
    {
        var live = new Dictionary<int, long[]>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && Stat(pid) is { } stat)
            {
                live[pid] = stat;
            }
        }

        return live;
    }

    /// <summary>Whether one of <paramref name="roots"/> is an ancestor of <paramref name="pid"/> (field 1 is the parent).</summary>
    private static bool Below(int pid, IReadOnlyCollection<int> roots, Dictionary<int, long[]> live)
    {
        for (var up = live.TryGetValue(pid, out var stat) ? (int)stat[1] : 0; up > 1; up = live.TryGetValue(up, out var parent) ? (int)parent[1] : 0)
        {
            if (roots.Contains(up))
            {
                return true;
            }
        }

        return false;
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
