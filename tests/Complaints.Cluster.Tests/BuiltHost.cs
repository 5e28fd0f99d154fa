using System.Reflection;
using Complaints.Testing;

namespace Complaints.Cluster.Tests;

/// <summary>The host's build output (same configuration as these tests), started as its own process per cluster member.</summary>
public static class BuiltHost
{
    public static string Dll { get; } = Find();

    /// <summary>A host on a free loopback port and a fresh data folder, started (not yet healthy).</summary>
    public static HostProcess Start(string name, IReadOnlyDictionary<string, string> settings)
    {
        var host = new HostProcess(name, Dll, settings);
        host.Start();
        return host;
    }

    private static string Find()
    {
        var configuration = typeof(BuiltHost).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var dll = Repository.HostDll(Repository.Root, configuration);
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the host first ({configuration}).", dll);
    }
}
