using Complaints.Storage.Relational;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Complaints.Storage.Postgres;

/// <summary>
/// One PostgreSQL database through a pooled <see cref="NpgsqlDataSource"/>. Reads open a pooled connection each;
/// writes are queued and a few writer loops of the shared <see cref="BatchWriter{TConnection, TTransaction}"/>
/// (<see cref="PostgresDatabaseOptions.Writers"/>) each commit whatever is
/// waiting in one short transaction (group commit), so each caller's write is durable when its task completes while
/// the server sees one commit per batch, not per write. A batch runs without savepoints first; if a unit fails, it is
/// rolled back and run again with each unit under its own savepoint: one failing unit does not spoil the batch; a unit
/// hit by a deadlock or serialization failure is run again.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly bool _ownsDataSource;
    private readonly Writer _writer;

    public PostgresDatabase(NpgsqlDataSource dataSource, PostgresDatabaseOptions options, ILogger<PostgresDatabase> logger, bool ownsDataSource = false)
    {
        DataSource = dataSource;
        _logger = logger;
        _ownsDataSource = ownsDataSource;
        _writer = new Writer(this, options);
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>Queues a unit of work; completes after the transaction holding it has committed.</summary>
    public Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync(work, WriteLane.Requests, cancellationToken);

    /// <summary>Queues a unit of work in <paramref name="lane"/>; completes after the transaction holding it has committed.</summary>
    public Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, WriteLane lane, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync(work, lane, cancellationToken);

    /// <summary>Stops taking writes, commits what is queued, then closes (and disposes the data source if it owns it).</summary>
    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        if (_ownsDataSource)
        {
            await DataSource.DisposeAsync();
        }
    }

    /// <summary>
    /// The writer loops: each batch on a pooled connection; a unit hit by a transient failure (deadlock, serialization
    /// failure) is run again; a broken transaction fails every unanswered unit.
    /// </summary>
    private sealed class Writer : BatchWriter<NpgsqlConnection, NpgsqlTransaction>
    {
        private readonly PostgresDatabase _database;
        private readonly TimeSpan _interval;

        public Writer(PostgresDatabase database, PostgresDatabaseOptions options)
            : base(PostgresDialect.Instance.MetricsTag, options.Writers, options.MaxBatch)
        {
            _database = database;
            _interval = options.CommitInterval;
            Start();
        }

        /// <summary>Each savepoint and its release is a round trip: two per unit, more than a case's own append.</summary>
        protected override bool SavepointsOnFailureOnly => true;

        protected override TimeSpan CommitInterval => _interval;

        protected override ValueTask<NpgsqlConnection> OpenAsync() => _database.DataSource.OpenConnectionAsync();

        protected override ValueTask<NpgsqlTransaction> BeginAsync(NpgsqlConnection connection) => connection.BeginTransactionAsync();

        protected override bool IsTransient(Exception exception) => exception is PostgresException { IsTransient: true };

        protected override void OnRetrying(Exception exception) =>
            _database._logger.LogDebug(exception, "A write hit a transient failure; trying it again");

        protected override void OnRunningWithSavepoints(Exception exception) =>
            _database._logger.LogDebug(exception, "A write failed in a batch without savepoints; running the batch again with them");

        protected override void OnBatchFailed(Exception exception, int units) =>
            _database._logger.LogError(exception, "A write batch of {Count} units failed to commit", units);

        protected override void OnEndedTransactionNotDisposed(Exception exception) =>
            _database._logger.LogDebug(exception, "Disposing a broken transaction");
    }
}

/// <summary>How the PostgreSQL store writes (<c>Storage:Postgres:*</c>).</summary>
public sealed class PostgresDatabaseOptions
{
    /// <summary>Writer loops, each with its own connection and transaction at a time.</summary>
    public int Writers { get; set; } = 4;

    /// <summary>The most units of work one transaction commits.</summary>
    public int MaxBatch { get; set; } = 256;

    /// <summary>The least time between the starts of two batches, over all writer loops (group commit under load; zero: none).</summary>
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromMilliseconds(2);
}
