using System.Diagnostics;
using System.Globalization;

namespace Complaints.Bench;

/// <summary>
/// <c>--taskset=H1/H2/…/DB</c>: each host, and the PostgreSQL server, on CPUs of its own (<c>taskset</c> CPU lists, e.g.
/// <c>0/0/1</c>: both hosts on CPU 0, the database on CPU 1). Every thread of a host and every process of the server is
/// pinned once it runs; what they start afterwards (threads, backends forked by the postmaster) inherits it. The load
/// client is not pinned.
/// </summary>
internal sealed record CpuPinning(IReadOnlyList<string> Hosts, string Database)
{
    public static CpuPinning? Parse(string? value, int hosts)
    {
        if (value is null)
        {
            return null;
        }

        var lists = value.Split('/');
        if (lists.Length != hosts + 1 || lists.Any(list => list.Length == 0 || !list.All(c => char.IsAsciiDigit(c) || c is ',' or '-')))
        {
            throw new ArgumentException($"--taskset={value}: one CPU list per host and one for the database, separated by '/' (e.g. 0/0/1 for --hosts=2).");
        }

        return new CpuPinning(lists[..^1], lists[^1]);
    }

    public string Description => string.Join(", ", Hosts.Select((cpus, i) => $"host {i + 1} on CPU {cpus}")) + $", the database on CPU {Database}, the load client unpinned";

    /// <summary>Pins every thread of <paramref name="processId"/> to <paramref name="cpus"/>.</summary>
    public static void Pin(int processId, string cpus)
    {
        using var taskset = Process.Start(new ProcessStartInfo("taskset", ["-a", "-p", "-c", cpus, processId.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("taskset did not start.");
        var error = taskset.StandardError.ReadToEnd();
        taskset.WaitForExit();
        if (taskset.ExitCode != 0)
        {
            throw new InvalidOperationException($"taskset -a -p -c {cpus} {processId} failed ({taskset.ExitCode}): {error}");
        }
    }

    /// <summary>Pins <paramref name="root"/> and every process under it (a postmaster and its backends).</summary>
    public static void PinTree(int root, string cpus)
    {
        foreach (var pid in ProcessTree.Descendants(root).Prepend(root))
        {
            Pin(pid, cpus);
        }
    }
}
