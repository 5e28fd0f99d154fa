using Complaints.Storage.Relational;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Complaints.Storage.Postgres;

public static class PostgresStorageExtensions
{
    /// <summary>
    /// The cluster store on the PostgreSQL database of <paramref name="connectionString"/>: one pooled
    /// <see cref="NpgsqlDataSource"/> for this host (also handed to Orleans' ADO.NET providers by the host), the tables
    /// made beforehand by the schema command (<see cref="PostgresSchema"/>). A data source already registered is used instead.
    /// </summary>
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services, string connectionString, PostgresDatabaseOptions? options = null)
    {
        // TryAdd: a host may register its own data source (e.g. one that checks the schema first).
        services.TryAddSingleton(sp => CreateDataSource(connectionString, sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(sp => new PostgresDatabase(
            sp.GetRequiredService<NpgsqlDataSource>(),
            options ?? new PostgresDatabaseOptions(),
            sp.GetRequiredService<ILogger<PostgresDatabase>>()));
        services.AddSingleton<PostgresCaseStore>();
        services.AddSingleton<IAttachmentContents, PostgresAttachmentContents>();
        foreach (var contract in RelationalCaseStore.Contracts)
        {
            services.AddSingleton(contract, sp => sp.GetRequiredService<PostgresCaseStore>());
        }

        return services;
    }

    /// <summary>
    /// The host's data source. Unless the connection string says otherwise, statements run often are prepared on each
    /// connection (<c>Max Auto Prepare</c>: the server parses and plans them once, not on every call), and a connection
    /// going back to the pool is not reset (<c>No Reset On Close</c>: the platform changes no session state, and the
    /// reset, <c>DISCARD ALL</c>, would also drop the prepared statements). Both save the database CPU on every request.
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString, ILoggerFactory loggerFactory)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString).UseLoggerFactory(loggerFactory);
        if (!Names(connectionString, "Max Auto Prepare"))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 128;
        }

        if (!Names(connectionString, "No Reset On Close"))
        {
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        }

        return builder.Build();
    }

    /// <summary>Whether the connection string sets <paramref name="keyword"/>, written with or without its spaces.</summary>
    private static bool Names(string connectionString, string keyword) =>
        new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(key => string.Equals(key.Replace(" ", "", StringComparison.Ordinal), keyword.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
}
