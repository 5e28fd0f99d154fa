using System.Net;
using Complaints.Tenants;

namespace Complaints.Host;

internal static class PlatformConfiguration
{
    /// <summary>
    /// Adds the tenant preset files (<c>tenants/*.json</c> beside the host, or <c>Platform:TenantsDirectory</c>) and,
    /// in demo mode only (<c>Platform:Mode=demo</c>), the demo settings (<c>demo/*.json</c>, or
    /// <c>Platform:DemoDirectory</c>: the demo channel keys and simulator URLs), under the environment and command
    /// line, so a deployment can still override any setting. Demo mode listens on loopback only.
    /// </summary>
    public static void AddPlatformConfiguration(this WebApplicationBuilder builder, string[] args)
    {
        foreach (var file in JsonFiles(builder.Configuration["Platform:TenantsDirectory"] ?? Path.Combine(AppContext.BaseDirectory, "tenants")))
        {
            builder.Configuration.AddJsonFile(file, optional: false, reloadOnChange: false);
        }

        if (builder.Configuration.IsDemo())
        {
            foreach (var file in DemoFiles(builder.Configuration))
            {
                builder.Configuration.AddJsonFile(file, optional: false, reloadOnChange: false);
            }
        }

        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);

        // ASPNETCORE_URLS, --urls or Urls win; otherwise a fixed, documented default.
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls("http://localhost:5080");
        }

        if (builder.Configuration.IsDemo())
        {
            RequireLoopback(builder.Configuration);
        }

        var data = Path.GetFullPath(builder.Configuration["Storage:DataDirectory"] ?? "data");
        Directory.CreateDirectory(data);
        builder.Configuration["Storage:DataDirectory"] = data;
        builder.Configuration["Auth:SigningKeyFile"] ??= Path.Combine(data, "signing.key");

        if (builder.Configuration.IsCluster())
        {
            // A cluster is a deployment: the demo (its users, its keys, one loopback process) has no place in it.
            if (builder.Configuration.IsDemo())
            {
                throw new InvalidOperationException(
                    "Platform:Mode=demo cannot run in cluster mode (Storage:Provider=postgres): the demo is one process on loopback. Start the cluster in production mode.");
            }

            // One signing key shared by every host, so any host accepts any host's token.
            if (string.IsNullOrWhiteSpace(builder.Configuration["Auth:SigningKey"]))
            {
                throw new InvalidOperationException(
                    "Cluster mode (Storage:Provider=postgres) needs Auth:SigningKey (base64, at least 32 bytes), the same on every host.");
            }
        }
    }

    /// <summary>
    /// Every value the demo settings ship for a channel (<c>Tenants:*:Channels:*:…</c>), read whatever the mode: a
    /// production start refuses a channel secret equal to one of them (see <c>ChannelRefusals</c>).
    /// </summary>
    public static IReadOnlySet<string> DemoChannelValues(IConfiguration configuration)
    {
        var demo = new ConfigurationBuilder();
        foreach (var file in DemoFiles(configuration))
        {
            demo.AddJsonFile(file, optional: false, reloadOnChange: false);
        }

        return demo.Build().GetSection("Tenants").GetChildren()
            .SelectMany(t => t.GetSection("Channels").AsEnumerable())
            .Select(setting => setting.Value?.Trim())
            .OfType<string>()
            .Where(value => value.Length > 0)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Says in the log which mode the host runs in; the demo at warning level, so it is seen at any level.</summary>
    public static void LogPlatformMode(this WebApplication app)
    {
        if (app.Configuration.IsDemo())
        {
            app.Logger.LogWarning(
                "Demo mode (Platform:Mode=demo): demo users (password \"demo\"), demo channel keys and simulator URLs, listening on loopback only. Not for production.");
        }
        else
        {
            app.Logger.LogInformation("Production mode: no demo users, no demo channel keys; channels without their own keys are refused.");
        }
    }

    /// <summary>The addresses the demo may listen on: loopback only (localhost, 127.0.0.0/8, ::1).</summary>
    public static bool IsLoopback(string url)
    {
        var rest = url.Trim();
        var scheme = rest.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0)
        {
            return false;
        }

        rest = rest[(scheme + 3)..];
        var end = rest.IndexOfAny(['/', '?']);
        var authority = end < 0 ? rest : rest[..end];
        var host = authority.StartsWith('[')
            ? authority[1..Math.Max(1, authority.IndexOf(']', StringComparison.Ordinal))]
            : authority.Split(':')[0];
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }

    public static string DataDirectory(this IConfiguration configuration) =>
        configuration["Storage:DataDirectory"] ?? throw new InvalidOperationException("Storage:DataDirectory is not set.");

    private static void RequireLoopback(IConfiguration configuration)
    {
        var urls = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>());
        var open = urls.Where(url => !IsLoopback(url)).ToList();
        if (open.Count > 0)
        {
            throw new InvalidOperationException(
                $"Demo mode (Platform:Mode=demo) listens on loopback only, but was asked to listen on {string.Join(", ", open)}. "
                + "Use http://localhost:<port> or http://127.0.0.1:<port>, or start in production mode with your own users and keys.");
        }
    }

    private static IEnumerable<string> DemoFiles(IConfiguration configuration) =>
        JsonFiles(configuration["Platform:DemoDirectory"] ?? Path.Combine(AppContext.BaseDirectory, "demo"));

    private static IEnumerable<string> JsonFiles(string directory) =>
        Directory.Exists(directory) ? Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal) : [];
}
