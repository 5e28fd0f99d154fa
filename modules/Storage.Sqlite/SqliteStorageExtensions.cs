using Complaints.Storage.Relational;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Complaints.Storage.Sqlite;

public static class SqliteStorageExtensions
{
    /// <summary>
    /// The embedded store: <c>{dataDirectory}/complaints.db</c>, created or upgraded to this build's schema version
    /// (<see cref="SqliteSchema"/>, a backup copy first) when first used; a failed upgrade stops the start. Attachment
    /// contents are files under <c>{dataDirectory}/attachments</c> (<see cref="DiskAttachmentContents"/>).
    /// </summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, string dataDirectory)
    {
        services.AddSingleton(sp =>
        {
            var database = new SqliteDatabase(Path.Combine(dataDirectory, "complaints.db"), sp.GetRequiredService<ILogger<SqliteDatabase>>());
            try
            {
                var migration = SqliteSchema.Migrate(database);
                if (migration.Applied.Count > 0)
                {
                    sp.GetRequiredService<ILogger<SqliteDatabase>>().LogInformation(
                        "Upgraded {Path} from schema version {From} to {To} ({Scripts}); the copy from before is {Backup}",
                        database.Path, migration.From, migration.To, string.Join(", ", migration.Applied), migration.BackupPath ?? "(new file)");
                }
            }
            catch
            {
                database.DisposeAsync().AsTask().GetAwaiter().GetResult();
                throw;
            }

            return database;
        });
        services.AddSingleton<SqliteCaseStore>();
        services.AddSingleton<IAttachmentContents>(_ => new DiskAttachmentContents(Path.Combine(dataDirectory, "attachments")));
        foreach (var contract in RelationalCaseStore.Contracts)
        {
            services.AddSingleton(contract, sp => sp.GetRequiredService<SqliteCaseStore>());
        }

        return services;
    }
}
