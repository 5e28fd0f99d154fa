using System.Reflection;
using System.Xml.Linq;
using Complaints.Testing;

namespace Complaints.Architecture.Tests;

/// <summary>
/// The rules, as functions returning the violations they find (empty = the rule holds). They read compiled
/// metadata — an assembly keeps a reference only to what its code really uses — and the project files.
/// </summary>
public static class Rules
{
    private static readonly string[] Io =
        ["Microsoft.AspNetCore", "Microsoft.Extensions", "Orleans", "Microsoft.Orleans", "Microsoft.Data", "System.Data", "Npgsql", "Dapper", "System.Net.Http", "Serilog", "Refit"];

    public static string RepositoryRoot => Repository.Root;

    /// <summary>Rule 3: the pure core (Cases, Sla) references nothing with I/O: no ASP.NET, Orleans, database or HTTP.</summary>
    public static IReadOnlyList<string> PureCore(Assembly assembly) =>
        [.. References(assembly).Where(r => Io.Any(p => r.StartsWith(p, StringComparison.Ordinal))).Select(r => $"{assembly.GetName().Name} references {r}")];

    /// <summary>Rule 4: a module reaches another only through its public contract (the listed assemblies).</summary>
    public static IReadOnlyList<string> OnlyThroughContracts(Assembly assembly, params string[] allowedSolutionAssemblies) =>
        [.. References(assembly)
            .Where(r => r.StartsWith("Complaints.", StringComparison.Ordinal) && !allowedSolutionAssemblies.Contains(r))
            .Select(r => $"{assembly.GetName().Name} references {r}, which is not a module contract it may use")];

    /// <summary>Rule 2: the intake contract (and anything a plugin shares with the host) uses no Orleans.</summary>
    public static IReadOnlyList<string> NoOrleans(Assembly assembly) =>
        [.. References(assembly).Where(r => r.StartsWith("Orleans", StringComparison.Ordinal)).Select(r => $"{assembly.GetName().Name} references {r}")];

    /// <summary>Rule 2 (and the storage contract): references no project of the solution and no I/O library.</summary>
    public static IReadOnlyList<string> StandsAlone(Assembly assembly) =>
        [.. OnlyThroughContracts(assembly), .. PureCore(assembly)];

    /// <summary>Rule 5: the host references modules, never a plugin project: plugins reach it as files.</summary>
    public static IReadOnlyList<string> NoPluginProjectReferences(string projectFile) =>
        [.. ProjectReferences(projectFile)
            .Where(p => p.Replace('\\', '/').Contains("/plugins/", StringComparison.Ordinal))
            .Select(p => $"{Path.GetFileName(projectFile)} references the plugin project {p}")];

    /// <summary>
    /// Rule 1: a plugin references no module and no host (only the intake contract, when it exists) and never Orleans.
    /// </summary>
    public static IReadOnlyList<string> PluginIsolation(string projectFile)
    {
        var violations = new List<string>();
        var contract = XDocument.Load(projectFile).Descendants("ProjectReference")
            .Where(p => ((string?)p.Attribute("Include") ?? "").Replace('\\', '/').EndsWith("Channels.Abstractions/Complaints.Channels.Abstractions.csproj", StringComparison.Ordinal));
        violations.AddRange(contract
            .Where(p => (string?)p.Attribute("Private") != "false" || (string?)p.Attribute("ExcludeAssets") != "runtime")
            .Select(_ => $"{Path.GetFileName(projectFile)} must reference the intake contract with Private=false and ExcludeAssets=runtime (the host's copy is the one loaded)"));
        foreach (var reference in ProjectReferences(projectFile))
        {
            var normalized = reference.Replace('\\', '/');
            if ((normalized.Contains("/modules/", StringComparison.Ordinal) && !normalized.Contains("/modules/Channels.Abstractions/", StringComparison.Ordinal))
                || normalized.Contains("/host/", StringComparison.Ordinal))
            {
                violations.Add($"{Path.GetFileName(projectFile)} references {Path.GetFileName(reference)}");
            }
        }

        violations.AddRange(XDocument.Load(projectFile).Descendants("PackageReference")
            .Select(p => (string?)p.Attribute("Include") ?? "")
            .Where(p => p.StartsWith("Microsoft.Orleans", StringComparison.Ordinal))
            .Select(p => $"{Path.GetFileName(projectFile)} references the package {p}"));
        return violations;
    }

    /// <summary>Grains are sealed (state injected, nothing to inherit).</summary>
    public static IReadOnlyList<string> GrainsAreSealed(IEnumerable<Type> types) =>
        [.. types.Where(t => typeof(Grain).IsAssignableFrom(t) && !t.IsAbstract && !t.IsSealed).Select(t => $"{t.FullName} is a grain that is not sealed")];

    public static IEnumerable<string> PluginProjects() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "plugins"), "*.csproj", SearchOption.AllDirectories);

    public static string Project(string relativePath) => Path.Combine(RepositoryRoot, relativePath);

    private static IEnumerable<string> References(Assembly assembly) => assembly.GetReferencedAssemblies().Select(a => a.Name!);

    private static IEnumerable<string> ProjectReferences(string projectFile) =>
        XDocument.Load(projectFile).Descendants("ProjectReference")
            .Select(p => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(projectFile)!, ((string?)p.Attribute("Include") ?? "").Replace('\\', '/'))));
}
