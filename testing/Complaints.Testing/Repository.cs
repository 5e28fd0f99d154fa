namespace Complaints.Testing;

/// <summary>The repository the running binaries were built in, found by its solution file above them.</summary>
public static class Repository
{
    private const string Solution = "Complaints.Platform.sln";
    private static readonly Lazy<string?> Found = new(() => FindRoot(AppContext.BaseDirectory));

    /// <summary>The repository's root folder; throws when the binaries do not lie inside a checkout.</summary>
    public static string Root => Found.Value
        ?? throw new DirectoryNotFoundException($"The repository root ({Solution}) was not found above {AppContext.BaseDirectory}.");

    /// <summary>The root, or null outside a checkout (the benchmark then falls back to the current folder).</summary>
    public static string? RootOrNull => Found.Value;

    /// <summary>Where the built channel plugins are copied (<c>artifacts/plugins</c>), as the host loads them.</summary>
    public static string BuiltPlugins => Path.Combine(Root, "artifacts", "plugins");

    /// <summary>The host's build output for <paramref name="configuration"/> (it may not be built yet).</summary>
    public static string HostDll(string root, string configuration) =>
        Path.Combine(root, "host", "Complaints.Host", "bin", configuration, "net10.0", "Complaints.Host.dll");

    /// <summary>The first folder at or above <paramref name="start"/> holding the solution file, or null.</summary>
    public static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, Solution)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
