using Complaints.Storage;

namespace Complaints.Host;

internal static class PlatformConfiguration
{
    /// <summary>
    /// Adds the tenant preset files (<c>tenants/*.json</c> beside the host, or <c>Platform:TenantsDirectory</c>)
    /// under the environment and command line, so a deployment can still override any setting.
    /// </summary>
    public static void AddPlatformConfiguration(this WebApplicationBuilder builder, string[] args)
    {
        var directory = builder.Configuration["Platform:TenantsDirectory"] ?? Path.Combine(AppContext.BaseDirectory, "tenants");
        if (Directory.Exists(directory))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
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

        // The platform's own account only (0700 on Unix), tightened on an older installation.
        var data = PrivateFiles.Directory(builder.Configuration["Storage:DataDirectory"] ?? "data");
        builder.Configuration["Storage:DataDirectory"] = data;
        builder.Configuration["Auth:SigningKeyFile"] ??= Path.Combine(data, "signing.key");

        if (builder.Configuration.IsCluster())
        {
            // Cluster mode: no demo users, and one signing key shared by every host, so any host accepts any host's token.
            builder.Configuration["Auth:DemoUsers"] = "false";
            if (string.IsNullOrWhiteSpace(builder.Configuration["Auth:SigningKey"]))
            {
                throw new InvalidOperationException(
                    "Cluster mode (Storage:Provider=postgres) needs Auth:SigningKey (base64, at least 32 bytes), the same on every host.");
            }
        }
    }

    public static string DataDirectory(this IConfiguration configuration) =>
        configuration["Storage:DataDirectory"] ?? throw new InvalidOperationException("Storage:DataDirectory is not set.");
}
