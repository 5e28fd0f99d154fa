using System.Reflection;
using System.Xml.Linq;
using Complaints.Grains;
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

    /// <summary>
    /// Rule 3 for the commit plan: pure like the core, and it sees only the core, the storage contract's records (it
    /// builds what a store appends, never calls one) and the texts' keys (its notices are keys, rendered when read).
    /// </summary>
    public static IReadOnlyList<string> PureCommitPlan(Assembly assembly) =>
        [.. PureCore(assembly), .. OnlyThroughContracts(assembly, "Complaints.Cases", "Complaints.Sla", "Complaints.Storage", "Complaints.Texts")];

    /// <summary>
    /// Rule 4: a module reaches another only through its public contract (the listed assemblies). The resource set
    /// (<c>Complaints.Texts</c>, no dependencies of its own) is every module's: whatever a person reads comes from it.
    /// </summary>
    public static IReadOnlyList<string> OnlyThroughContracts(Assembly assembly, params string[] allowedSolutionAssemblies) =>
        [.. References(assembly)
            .Where(r => r.StartsWith("Complaints.", StringComparison.Ordinal) && r != "Complaints.Texts" && !allowedSolutionAssemblies.Contains(r))
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

    /// <summary>Commands that are neither an action-table entry nor listed as not being an action.</summary>
    public static IReadOnlyList<string> CommandsWithoutAction(IEnumerable<Type> commands, IReadOnlyList<CaseAction> table, IReadOnlySet<Type> notActions) =>
        [.. commands
            .Where(c => !notActions.Contains(c) && table.All(a => a.Command != c))
            .Select(c => $"{c.Name} has no entry in CaseActions.All and is not listed in CaseActions.NotActions")
            .Order()];

    /// <summary>Request types without an entry, or with more than one, and routes declared more than once.</summary>
    public static IReadOnlyList<string> ActionTableFaults(IEnumerable<Type> requests, IReadOnlyList<CaseAction> table) =>
        [.. requests.Select(r => (Request: r, Count: table.Count(a => a.Request == r)))
            .Where(p => p.Count != 1)
            .Select(p => p.Count == 0 ? $"{p.Request.Name} has no entry in CaseActions.All" : $"{p.Request.Name} has {p.Count} entries in CaseActions.All"),
         .. table.GroupBy(a => a.Route).Where(g => g.Count() > 1).Select(g => $"the route '{g.Key}' is declared {g.Count()} times")];

    /// <summary>
    /// Where a copy of a vocabulary (name → word) differs from its owner: a word missing, extra or spelled otherwise.
    /// </summary>
    public static IReadOnlyList<string> Drift(string copy, IReadOnlyDictionary<string, string> copied, IReadOnlyDictionary<string, string> owner) =>
        [.. owner.Keys.Union(copied.Keys).Order(StringComparer.Ordinal).SelectMany(name =>
            (copied.TryGetValue(name, out var a), owner.TryGetValue(name, out var b)) switch
            {
                (false, _) => [$"{copy} lacks {name} = \"{b}\""],
                (_, false) => [$"{copy}.{name} = \"{a}\" has no owner"],
                _ when a != b => [$"{copy}.{name} is \"{a}\", its owner says \"{b}\""],
                _ => Array.Empty<string>(),
            })];

    /// <summary>A static class's string constants, name → value.</summary>
    public static IReadOnlyDictionary<string, string> ConstantsOf(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);

    public static IEnumerable<string> PluginProjects() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "plugins"), "*.csproj", SearchOption.AllDirectories);

    public static string Project(string relativePath) => Path.Combine(RepositoryRoot, relativePath);

    private static IEnumerable<string> References(Assembly assembly) => assembly.GetReferencedAssemblies().Select(a => a.Name!);

    private static IEnumerable<string> ProjectReferences(string projectFile) =>
        XDocument.Load(projectFile).Descendants("ProjectReference")
            .Select(p => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(projectFile)!, ((string?)p.Attribute("Include") ?? "").Replace('\\', '/'))));
}
