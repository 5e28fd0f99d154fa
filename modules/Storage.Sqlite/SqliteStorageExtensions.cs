using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Complaints.Storage.Sqlite;

public static class SqliteStorageExtensions
{
    /// <summary>The embedded store: <c>{dataDirectory}/complaints.db</c>, schema created on first start.</summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, string dataDirectory)
    {
        services.AddSingleton(sp =>
        {
            var database = new SqliteDatabase(Path.Combine(dataDirectory, "complaints.db"), sp.GetRequiredService<ILogger<SqliteDatabase>>());
            database.EnsureSchema(SqliteCaseStore.Schema);
            return database;
        });
        services.AddSingleton<SqliteCaseStore>();
        services.AddSingleton<ICaseEventStore>(sp => sp.GetRequiredService<SqliteCaseStore>());
        services.AddSingleton<ILedger>(sp => sp.GetRequiredService<SqliteCaseStore>());
        services.AddSingleton<ICaseNumberBlocks>(sp => sp.GetRequiredService<SqliteCaseStore>());
        services.AddSingleton<IStorageProbe>(sp => sp.GetRequiredService<SqliteCaseStore>());
        services.AddSingleton<IClockRecords>(sp => sp.GetRequiredService<SqliteCaseStore>());
        services.AddSingleton<ICalendarYears>(sp => sp.GetRequiredService<SqliteCaseStore>());
        services.AddSingleton<IChannelOutbox>(sp => sp.GetRequiredService<SqliteCaseStore>());
        services.AddSingleton<IReplyAddresses>(sp => sp.GetRequiredService<SqliteCaseStore>());
        return services;
    }
}
