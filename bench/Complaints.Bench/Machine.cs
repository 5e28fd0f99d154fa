using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Complaints.Bench;

/// <summary>Where and on what the benchmark ran.</summary>
internal sealed record Machine(string Cpu, int Cores, double MemoryGiB, string Os, string Runtime, string Commit, bool Dirty, DateTimeOffset Started, string LoadAverageAtStart)
{
    public static Machine Describe(string repositoryRoot) => new(
        ProcLine("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Environment.ProcessorCount,
        Math.Round((ProcLine("/proc/meminfo", "MemTotal") is { } kb ? double.Parse(kb.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) : 0) / 1048576.0, 1),
        OsName(),
        RuntimeInformation.FrameworkDescription,
        Git(repositoryRoot, "rev-parse HEAD") ?? "unknown",
        !string.IsNullOrWhiteSpace(Git(repositoryRoot, "status --porcelain --untracked-files=no")),
        DateTimeOffset.UtcNow,
        LoadAverage());

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string? ProcLine(string file, string key) =>
        File.Exists(file)
            ? File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;

    private static string OsName()
    {
        var pretty = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"')
            : null;
        return $"{pretty ?? RuntimeInformation.OSDescription} (kernel {Environment.OSVersion.Version})";
    }

    private static string? Git(string root, string arguments)
    {
        try
        {
            var info = new ProcessStartInfo("git", arguments) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
            using var git = Process.Start(info)!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
