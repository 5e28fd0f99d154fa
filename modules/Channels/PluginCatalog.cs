using System.Reflection;
using System.Text.RegularExpressions;
using McMaster.NETCore.Plugins;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Complaints.Channels;

/// <summary>One plugin folder the host found, loaded or not, and why not.</summary>
public sealed record PluginInfo(string Id, string? Version, string Status, string? Error, string Folder)
{
    public const string Loaded = "loaded";
    public const string Failed = "failed";
}

/// <summary>
/// The channel plugins found at start-up: each folder of each plugins directory holding <c>{folder}.dll</c> is loaded
/// in its own load context (McMaster.NETCore.Plugins) sharing the contract and ASP.NET Core with the host. A
/// broken plugin is reported and skipped; it never stops the others or the host. Plugins change on restart.
/// </summary>
public sealed partial class PluginCatalog
{
    private static readonly Type[] SharedTypes =
    [
        typeof(IChannelPlugin), typeof(IServiceCollection), typeof(IEndpointRouteBuilder), typeof(IConfiguration), typeof(ILogger), typeof(HttpContext),
    ];

    private readonly List<(PluginInfo Info, IChannelPlugin? Plugin)> _plugins = [];
    private readonly List<ChannelRefusal> _refused = [];

    public IReadOnlyList<PluginInfo> Plugins => [.. _plugins.Select(p => p.Info)];

    /// <summary>The tenants refused a channel at start-up (<see cref="ChannelRefusals"/>); the plugins never see them.</summary>
    public IReadOnlyList<ChannelRefusal> Refused => _refused;

    public IEnumerable<IChannelPlugin> Loaded => _plugins.Where(p => p.Info.Status == PluginInfo.Loaded).Select(p => p.Plugin!);

    /// <summary>
    /// The plugin directories in the order searched: the bundled one (<c>Plugins:Directory</c>, default <c>plugins</c>
    /// beside the host; an empty value removes it), then each of <c>Plugins:Directories</c>. Full paths, each once.
    /// </summary>
    public static IReadOnlyList<string> Directories(IConfiguration configuration, string hostDirectory)
    {
        var bundled = configuration["Plugins:Directory"] ?? Path.Combine(hostDirectory, "plugins");
        var extra = configuration.GetSection("Plugins:Directories").GetChildren().OrderBy(c => int.TryParse(c.Key, out var i) ? i : int.MaxValue).Select(c => c.Value);
        return [.. new[] { bundled }.Concat(extra)
            .Where(d => !string.IsNullOrWhiteSpace(d))
            .Select(d => Path.TrimEndingDirectorySeparator(Path.GetFullPath(d!, hostDirectory)))
            .Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Loads every plugin folder of every directory; a plugin id already loaded from an earlier folder is refused.</summary>
    public static PluginCatalog Load(IEnumerable<string> directories, ILogger logger)
    {
        var catalog = new PluginCatalog();
        foreach (var directory in directories)
        {
            if (!Directory.Exists(directory))
            {
                logger.LogWarning("No plugins directory at {Directory}: no channel plugins from there", directory);
                continue;
            }

            foreach (var folder in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
            {
                var (info, plugin) = LoadOne(folder);
                if (plugin is not null && catalog._plugins.Any(p => p.Info.Id == info.Id && p.Info.Status == PluginInfo.Loaded))
                {
                    (info, plugin) = (info with { Status = PluginInfo.Failed, Error = $"Another plugin already has the id '{info.Id}'." }, null);
                }

                catalog._plugins.Add((info, plugin));
                if (plugin is null)
                {
                    logger.LogError("Channel plugin in {Folder} not loaded: {Error}", folder, info.Error);
                }
                else
                {
                    logger.LogInformation("Channel plugin {Id} {Version} loaded from {Folder}", info.Id, info.Version, folder);
                }
            }
        }

        return catalog;
    }

    internal void Refuse(IEnumerable<ChannelRefusal> refusals) => _refused.AddRange(refusals);

    /// <summary>Runs one plugin step; a plugin that throws is marked failed and left out from then on.</summary>
    public void Each(string step, Action<IChannelPlugin> action, ILogger logger)
    {
        for (var i = 0; i < _plugins.Count; i++)
        {
            var (info, plugin) = _plugins[i];
            if (plugin is null || info.Status != PluginInfo.Loaded)
            {
                continue;
            }

            try
            {
                action(plugin);
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Channel plugin {Id} failed in {Step}", info.Id, step);
                _plugins[i] = (info with { Status = PluginInfo.Failed, Error = $"{step} failed: {exception.Message}" }, null);
            }
        }
    }

    private static (PluginInfo Info, IChannelPlugin? Plugin) LoadOne(string folder)
    {
        var name = Path.GetFileName(folder);
        var file = Path.Combine(folder, name + ".dll");
        PluginInfo Fail(string error) => new(name, null, PluginInfo.Failed, error, name);
        if (!File.Exists(file))
        {
            return (Fail($"No {name}.dll in the folder."), null);
        }

        // A plugin carrying its own Orleans would crash the host's silo: refuse it before loading anything.
        var orleans = Directory.GetFiles(folder, "Orleans.*.dll").Concat(Directory.GetFiles(folder, "Microsoft.Orleans.*.dll")).Select(Path.GetFileName).ToList();
        if (orleans.Count > 0)
        {
            return (Fail($"It carries Orleans assemblies ({string.Join(", ", orleans)}); a plugin may reference only the intake contract."), null);
        }

        try
        {
            var loader = PluginLoader.CreateFromAssemblyFile(file, SharedTypes, config => config.PreferSharedTypes = true);
            var assembly = loader.LoadDefaultAssembly();
            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0]
                ?? assembly.GetName().Version?.ToString();
            var entries = assembly.GetExportedTypes().Where(t => typeof(IChannelPlugin).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false }).ToList();
            if (entries.Count != 1)
            {
                return (Fail($"It must export exactly one IChannelPlugin; found {entries.Count}.") with { Version = version }, null);
            }

            var plugin = (IChannelPlugin)Activator.CreateInstance(entries[0])!;
            if (!ChannelId().IsMatch(plugin.Id ?? ""))
            {
                return (Fail($"Its id '{plugin.Id}' is not lower-case kebab-case.") with { Version = version }, null);
            }

            return (new PluginInfo(plugin.Id!, version, PluginInfo.Loaded, null, name), plugin);
        }
        catch (Exception exception) when (exception is BadImageFormatException or FileLoadException or FileNotFoundException or ReflectionTypeLoadException or TypeLoadException or MissingMethodException or TargetInvocationException or InvalidOperationException)
        {
            return (Fail($"{exception.GetType().Name}: {exception.Message}"), null);
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex ChannelId();
}
