using System.Data.Common;
using System.Globalization;
using Complaints.Storage.Relational;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Complaints.Storage.Postgres;

/// <summary>
/// Events, ledger, notifications, breaches, calendar years and case numbers on PostgreSQL: the same semantics as the
/// embedded SQLite store. An append claims the case first (inserts the ledger row of a new case, or moves an existing
/// row's <c>last_seq</c> on from the expected one), so concurrent writers — in this process or on other hosts — are
/// serialised by the row and the unique intake index, and a loser writes nothing.
/// </summary>
public sealed partial class PostgresCaseStore(PostgresDatabase database) : RelationalCaseStore(PostgresDialect.Instance), ICaseEventStore, ILedger, ICaseNumberBlocks, IStorageProbe, IClockRecords, ICalendarYears
{
    private const string InsertCase = """
        INSERT INTO cases (tenant, number, last_seq, channel, kind, category, status, department, content,
            complainant_name, complainant_phone_masked, address, external_id, recomplaint_of,
            received_at, registered_at, updated_at, closed_at, satisfaction, redispatches, next_due_at, overdue, wake_at,
            owner, handler, target_type, target_name, location, dispatched_at, resolution_due_at, result, callback_at,
            callbacks, resolution_breached, warned, extension_requested_at)
        VALUES (@tenant, @number, @last_seq, @channel, @kind, @category, @status, @department, @content,
            @complainant_name, @complainant_phone_masked, @address, @external_id, @recomplaint_of,
            @received_at, @registered_at, @updated_at, @closed_at, @satisfaction, @redispatches, @next_due_at, @overdue, @wake_at,
            @owner, @handler, @target_type, @target_name, @location, @dispatched_at, @resolution_due_at, @result, @callback_at,
            @callbacks, @resolution_breached, @warned, @extension_requested_at)
        ON CONFLICT DO NOTHING
        """;

    // The columns an existing case's append replaces (the same as the SQLite store's upsert).
    private const string UpdateCase = """
        UPDATE cases SET last_seq = @last_seq, kind = @kind, category = @category, status = @status, department = @department,
            updated_at = @updated_at, closed_at = @closed_at, satisfaction = @satisfaction, redispatches = @redispatches,
            next_due_at = @next_due_at, overdue = @overdue, wake_at = @wake_at, owner = @owner, handler = @handler,
            target_type = @target_type, target_name = @target_name, location = @location, dispatched_at = @dispatched_at,
            resolution_due_at = @resolution_due_at, result = @result, callback_at = @callback_at, callbacks = @callbacks,
            resolution_breached = @resolution_breached, warned = @warned, extension_requested_at = @extension_requested_at
        WHERE tenant = @tenant AND number = @number AND last_seq = @expected_seq
        """;

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
        var ledger = append.Ledger;
        var lastSeq = append.Events.Count == 0 ? append.ExpectedSeq : append.Events[^1].Seq;

        // Claim the case: a new case inserts its row (nothing if the number or the intake is taken), an existing
        // case moves last_seq on (nothing if someone else moved it first).
        await using (var claim = new NpgsqlCommand(append.ExpectedSeq == 0 ? InsertCase : UpdateCase, connection, transaction))
        {
            var p = claim.Parameters;
            p.AddWithValue("tenant", append.Tenant);
            p.AddWithValue("number", append.Number);
            p.AddWithValue("last_seq", lastSeq);
            p.AddWithValue("expected_seq", append.ExpectedSeq);
            p.AddWithValue("channel", ledger.Channel);
            p.AddWithValue("kind", ledger.Kind);
            p.Add(Text("category", ledger.Category));
            p.AddWithValue("status", (object?)ledger.Status ?? DBNull.Value);
            p.Add(Text("department", ledger.Department));
            p.AddWithValue("content", (object?)ledger.Content ?? DBNull.Value);
            p.Add(Text("complainant_name", ledger.ComplainantName));
            p.Add(Text("complainant_phone_masked", ledger.ComplainantPhoneMasked));
            p.Add(Text("address", ledger.Address));
            p.Add(Text("external_id", ledger.ExternalId));
            p.Add(Text("recomplaint_of", ledger.RecomplaintOf));
            p.Add(Time("received_at", ledger.ReceivedAt));
            p.Add(Time("registered_at", ledger.RegisteredAt));
            p.Add(Time("updated_at", ledger.UpdatedAt));
            p.Add(Time("closed_at", ledger.ClosedAt));
            p.Add(Text("satisfaction", ledger.Satisfaction));
            p.AddWithValue("redispatches", ledger.Redispatches);
            p.Add(Time("next_due_at", ledger.NextDueAt));
            p.AddWithValue("overdue", ledger.Overdue);
            p.Add(Time("wake_at", ledger.WakeAt));
            p.Add(Text("owner", ledger.Owner));
            p.Add(Text("handler", ledger.Handler));
            p.Add(Text("target_type", ledger.TargetType));
            p.Add(Text("target_name", ledger.TargetName));
            p.Add(Text("location", ledger.Location));
            p.Add(Time("dispatched_at", ledger.DispatchedAt));
            p.Add(Time("resolution_due_at", ledger.ResolutionDueAt));
            p.Add(Text("result", ledger.Result));
            p.Add(Time("callback_at", ledger.CallbackAt));
            p.AddWithValue("callbacks", ledger.Callbacks);
            p.AddWithValue("resolution_breached", ledger.ResolutionBreached);
            p.AddWithValue("warned", ledger.Warned);
            p.Add(Time("extension_requested_at", ledger.ExtensionRequestedAt));
            if (await claim.ExecuteNonQueryAsync() == 0)
            {
                return await LostClaimAsync(connection, transaction, append);
            }
        }

        var batch = new NpgsqlBatch(connection, transaction);
        await using (batch)
        {
            foreach (var e in append.Events)
            {
                var insert = new NpgsqlBatchCommand("INSERT INTO case_events (tenant, number, seq, type, at, actor, data) VALUES ($1, $2, $3, $4, $5, $6, $7)");
                insert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = append.Tenant });
                insert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = append.Number });
                insert.Parameters.Add(new NpgsqlParameter<int>() { TypedValue = e.Seq });
                insert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = e.Type });
                insert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = e.At.ToString("O", CultureInfo.InvariantCulture) });
                insert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = e.Actor });
                insert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = e.Data });
                batch.BatchCommands.Add(insert);
            }

            foreach (var n in append.Notifications)
            {
                var insert = new NpgsqlBatchCommand("INSERT INTO notifications (id, tenant, recipient, number, type, clock, due_at, at, message, text_key, text_args) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)");
                insert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = n.Id });
                insert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = n.Tenant });
                insert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = n.Recipient });
                insert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = n.Number });
                insert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = n.Type });
                insert.Parameters.Add(Text(null, n.Clock));
                insert.Parameters.Add(Time(null, n.DueAt));
                insert.Parameters.Add(Time(null, n.At));
                insert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = n.Message });
                insert.Parameters.Add(Text(null, n.Text?.Key));
                insert.Parameters.Add(Text(null, NotificationTextColumns.Args(n.Text)));
                batch.BatchCommands.Add(insert);
            }

            foreach (var b in append.Breaches)
            {
                // The same breach twice (a retried tick) is one breach.
                var insert = new NpgsqlBatchCommand("INSERT INTO breaches (tenant, number, clock, due_at, department, breached_at, points, fine, person) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING");
                insert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = b.Tenant });
                insert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = b.Number });
                insert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = b.Clock });
                insert.Parameters.Add(Time(null, b.DueAt));
                insert.Parameters.Add(Text(null, b.Department));
                insert.Parameters.Add(Time(null, b.BreachedAt));
                insert.Parameters.Add(new NpgsqlParameter<int>() { TypedValue = b.Points });
                insert.Parameters.Add(new NpgsqlParameter<decimal>() { TypedValue = b.Fine });
                insert.Parameters.Add(Text(null, b.Person));
                batch.BatchCommands.Add(insert);
            }

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
