using Complaints.Storage.Postgres;
using Complaints.Storage.Sqlite;
using Npgsql;

namespace Complaints.Host;

internal static class PlatformStorage
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    /// <summary>
    /// Events, ledger and clock records: one SQLite file under Storage:DataDirectory (embedded, the default), or the
    /// PostgreSQL database of Storage:ConnectionString (cluster mode; its schema made by the <c>schema</c> command).
    /// </summary>
    public static void AddPlatformStorage(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (configuration.IsCluster())
        {
            var options = configuration.GetSection("Storage:Postgres").Get<PostgresDatabaseOptions>() ?? new PostgresDatabaseOptions();
            var connectionString = configuration.PostgresConnectionString();
            // The first use of the database, whoever it is, finds out whether the schema command has prepared it.
            builder.Services.AddSingleton(sp => PostgresSchemaCheck.Verified(
                PostgresStorageExtensions.CreateDataSource(connectionString, sp.GetRequiredService<ILoggerFactory>())));
            builder.Services.AddPostgresStorage(connectionString, options);
            return;
        }

        builder.Services.AddSqliteStorage(configuration.DataDirectory());
    }

    /// <summary>True when Storage:Provider is <c>postgres</c> (cluster mode); false for <c>sqlite</c>; anything else is refused.</summary>
    public static bool IsCluster(this IConfiguration configuration)
    {
        var provider = configuration["Storage:Provider"] ?? Sqlite;
        return provider.ToLowerInvariant() switch
        {
            Sqlite => false,
            Postgres => true,
            _ => throw new InvalidOperationException($"Storage:Provider '{provider}' is not supported; use '{Sqlite}' (embedded) or '{Postgres}' (cluster)."),
        };
    }

    public static string PostgresConnectionString(this IConfiguration configuration) =>
        configuration["Storage:ConnectionString"] is { Length: > 0 } connectionString
            ? connectionString
            : throw new InvalidOperationException("Storage:Provider is 'postgres' but Storage:ConnectionString is not set.");
}

/// <summary>Refuses to run on a database that lacks any schema script (run <c>Complaints.Host.dll schema</c> first).</summary>
internal static class PostgresSchemaCheck
{
    public static NpgsqlDataSource Verified(NpgsqlDataSource dataSource)
    {
        var missing = PostgresSchema.MissingAsync(dataSource, includeOrleans: true).GetAwaiter().GetResult();
        if (missing.Count > 0)
        {
            dataSource.Dispose();
            throw new InvalidOperationException(
                $"The PostgreSQL database is not ready: {missing.Count} schema script(s) not applied ({string.Join(", ", missing)}). " +
                "Run `dotnet Complaints.Host.dll schema` with the same Storage settings first.");
        }

        return dataSource;
    }
}

/// <summary><c>dotnet Complaints.Host.dll schema</c>: creates or upgrades the platform's and Orleans' tables; safe to run again.</summary>
internal static class PlatformSchemaCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        try
        {
            if (!configuration.IsCluster())
            {
                Console.Error.WriteLine("Nothing to do: the embedded SQLite store makes its own tables. Set Storage:Provider=postgres and Storage:ConnectionString.");
                return 2;
            }

            await using var dataSource = NpgsqlDataSource.Create(configuration.PostgresConnectionString());
            var applied = await PostgresSchema.EnsureAsync(dataSource);
            Console.WriteLine(applied.Count == 0 ? "The schema is up to date." : $"Applied: {string.Join(", ", applied)}.");
            return 0;
        }
        catch (Exception exception) when (exception is InvalidOperationException or NpgsqlException)
        {
            Console.Error.WriteLine($"schema: {exception.Message}");
            return 1;
        }
    }
}
