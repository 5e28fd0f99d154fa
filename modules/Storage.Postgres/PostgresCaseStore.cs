using System.Data.Common;
using Complaints.Storage.Relational;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Complaints.Storage.Postgres;

/// <summary>
/// Events, ledger, notifications, breaches, calendar years and case numbers on PostgreSQL: the same semantics as the
/// embedded SQLite store. An append claims the case (inserts the ledger row of a new case, or moves an existing
/// row's <c>last_seq</c> on from the expected one), so concurrent writers — in this process or on other hosts — are
/// serialised by the row and the unique intake index, and a loser writes nothing (one statement: <see cref="AppendCommand"/>).
/// </summary>
public sealed partial class PostgresCaseStore(PostgresDatabase database) : RelationalCaseStore(PostgresDialect.Instance), ICaseEventStore, ILedger, ICaseNumberBlocks, IStorageProbe, IClockRecords, ICalendarYears
{
    private NpgsqlDataSource DataSource => database.DataSource;

    protected override async ValueTask<DbConnection> OpenReadAsync(CancellationToken cancellationToken) => await DataSource.OpenConnectionAsync(cancellationToken);

    protected override DbConnection OpenRead() => DataSource.OpenConnection();

    protected override Task<T> WriteUnitAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        database.WriteAsync<T>((connection, transaction) => work(connection, transaction), cancellationToken);

    public Task<AppendResult> AppendAsync(CaseAppend append, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => AppendAsync(connection, transaction, append), append.Lane, cancellationToken);

    public async Task<long> ReserveAsync(string tenant, int year, int size, CancellationToken cancellationToken = default)
    {
        // One statement, committed on its own: the row lock serialises concurrent reservations on every host.
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO number_blocks (tenant, year, next, held_from) VALUES (@tenant, @year, 1 + @size, 1)
            ON CONFLICT (tenant, year) DO UPDATE SET next = number_blocks.next + @size, held_from = COALESCE(number_blocks.held_from, number_blocks.next)
            RETURNING next - @size
            """,
            new { tenant, year, size = (long)size },
            cancellationToken: cancellationToken));
    }

    public async Task HandBackAsync(string tenant, int year, long next, long end, IReadOnlyCollection<long> unused, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        // Like a reservation, on its own connection: the row lock it takes must not wait behind the writer's batches.
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await CaseNumberHolds.HandBackAsync(connection, transaction, Dialect, tenant, year, next, end, unused, at);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<NumberGap>> RecoverAsync(string tenant, int year, Func<long, string> caseNumber, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var gaps = await CaseNumberHolds.RecoverAsync(connection, transaction, Dialect, tenant, year, caseNumber, at);
        await transaction.CommitAsync(cancellationToken);
        return gaps;
    }

    public Task SaveAsync(int year, string scheduleJson, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            (connection, transaction) => connection.ExecuteAsync(
                RelationalQueries.SaveCalendarYear,
                new { Year = year, Schedule = scheduleJson },
                transaction),
            cancellationToken);

    private static async Task<AppendResult> AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CaseAppend append)
    {
        await using (var command = AppendCommand(append, connection, transaction))
        {
            if ((long)(await command.ExecuteScalarAsync())! == 0)
            {
                return await LostClaimAsync(connection, transaction, append);
            }
        }

        // Rarer rows (a channel's replies and reply address, a file's metadata): a second round trip, only when there are some.
        var batch = new NpgsqlBatch(connection, transaction);
        await using (batch)
        {
            AddOutbox(batch, append.Outbox);
            AddReplyAddress(batch, append.Tenant, append.Number, append.ReplyAddress);
            foreach (var a in append.Attachments)
            {
                var insert = new NpgsqlBatchCommand("INSERT INTO attachments (tenant, number, id, name, content_type, size, sha256, added_at, added_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");
                insert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = a.Tenant });
                insert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = a.Number });
                insert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = a.Id });
                insert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = a.Name });
                insert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = a.ContentType });
                insert.Parameters.Add(new NpgsqlParameter<long>() { TypedValue = a.Size });
                insert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = a.Sha256 });
                insert.Parameters.Add(Time(null, a.AddedAt));
                insert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = a.AddedBy });
                batch.BatchCommands.Add(insert);
            }

            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync();
            }
        }

        return new AppendResult(AppendStatus.Appended);
    }

    /// <summary>Why a claim wrote nothing: the intake is already registered (a new case only), or someone else was first.</summary>
    private static async Task<AppendResult> LostClaimAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CaseAppend append)
    {
        var ledger = append.Ledger;
        if (append.ExpectedSeq == 0 && ledger.ExternalId is not null)
        {
            var existing = await connection.ExecuteScalarAsync<string?>(
                "SELECT number FROM cases WHERE tenant = @Tenant AND channel = @Channel AND external_id = @ExternalId",
                new { ledger.Tenant, ledger.Channel, ledger.ExternalId },
                transaction);
            if (existing is not null)
            {
                return new AppendResult(AppendStatus.DuplicateIntake, existing);
            }
        }

        StorageMetrics.Conflict(PostgresDialect.Instance.MetricsTag);
        return new AppendResult(AppendStatus.Conflict);
    }

    private static NpgsqlParameter Text(string? name, string? value) =>
        new() { ParameterName = name ?? "", NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Time(string? name, DateTimeOffset? value) =>
        new() { ParameterName = name ?? "", NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = value is { } v ? v.UtcDateTime : DBNull.Value };

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

}
