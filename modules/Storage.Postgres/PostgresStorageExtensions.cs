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

    public static NpgsqlDataSource CreateDataSource(string connectionString, ILoggerFactory loggerFactory) =>
        new NpgsqlDataSourceBuilder(connectionString).UseLoggerFactory(loggerFactory).Build();
}
