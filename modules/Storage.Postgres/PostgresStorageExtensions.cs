using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Complaints.Storage.Postgres;

public static class PostgresStorageExtensions
{
    /// <summary>
    /// The cluster store on the PostgreSQL database of <paramref name="connectionString"/>: one pooled
    /// <see cref="NpgsqlDataSource"/> for this host (also handed to Orleans' ADO.NET providers by the host), the tables
    /// made beforehand by the schema command (<see cref="PostgresSchema"/>).
    /// </summary>
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services, string connectionString, PostgresDatabaseOptions? options = null)
    {
        services.AddSingleton(sp => new NpgsqlDataSourceBuilder(connectionString)
            .UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>())
            .Build());
        services.AddSingleton(sp => new PostgresDatabase(
            sp.GetRequiredService<NpgsqlDataSource>(),
            options ?? new PostgresDatabaseOptions(),
            sp.GetRequiredService<ILogger<PostgresDatabase>>()));
        services.AddSingleton<PostgresCaseStore>();
        services.AddSingleton<ICaseEventStore>(sp => sp.GetRequiredService<PostgresCaseStore>());
        services.AddSingleton<ILedger>(sp => sp.GetRequiredService<PostgresCaseStore>());
        services.AddSingleton<ICaseNumberBlocks>(sp => sp.GetRequiredService<PostgresCaseStore>());
        services.AddSingleton<IStorageProbe>(sp => sp.GetRequiredService<PostgresCaseStore>());
        services.AddSingleton<IClockRecords>(sp => sp.GetRequiredService<PostgresCaseStore>());
        services.AddSingleton<ICalendarYears>(sp => sp.GetRequiredService<PostgresCaseStore>());
        return services;
    }
}
