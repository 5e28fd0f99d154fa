using Complaints.Reminders.Sqlite;
using Complaints.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Complaints.Reminders.Tests;

/// <summary>A real SQLite file in its own temporary folder, deleted (with its WAL files) when the test ends.</summary>
internal sealed class TemporaryDatabase : IAsyncDisposable
{
    private readonly List<SqliteDatabase> _opened = [];

    public TemporaryDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "complaints-reminders-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string FilePath => Path.Combine(Folder, "complaints.db");

    /// <summary>Opens the file; the database is disposed with this object unless the test disposes it first.</summary>
    public SqliteDatabase Open()
    {
        var database = new SqliteDatabase(FilePath, NullLogger<SqliteDatabase>.Instance);
        _opened.Add(database);
        return database;
    }

    /// <summary>A started table over <paramref name="database"/> for <paramref name="serviceId"/>, as Orleans' silo lifecycle would start it.</summary>
    public static async Task<SqliteReminderTable> StartTableAsync(SqliteDatabase database, string serviceId)
    {
        var table = new SqliteReminderTable(database, Options.Create(new ClusterOptions { ServiceId = serviceId, ClusterId = "test" }));
        await table.StartAsync(TestContext.Current.CancellationToken);
        return table;
    }

    public async ValueTask DisposeAsync()
    {
        // Disposing twice is harmless: a test may already have closed one to reopen the file.
        foreach (var database in _opened)
        {
            await database.DisposeAsync();
        }

        Directory.Delete(Folder, recursive: true);
    }
}
