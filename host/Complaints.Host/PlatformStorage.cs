using Complaints.Storage.Sqlite;

namespace Complaints.Host;

internal static class PlatformStorage
{
    /// <summary>The embedded default: one SQLite file under Storage:DataDirectory.</summary>
    public static void AddPlatformStorage(this WebApplicationBuilder builder)
    {
        var provider = builder.Configuration["Storage:Provider"] ?? "sqlite";
        if (!string.Equals(provider, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Storage:Provider '{provider}' is not supported by this build; use 'sqlite'.");
        }

        builder.Services.AddSqliteStorage(builder.Configuration.DataDirectory());
    }
}
