using System.Data.Common;
using System.Globalization;
using Complaints.Storage.Relational;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Complaints.Storage.Sqlite;

/// <summary>
/// Events, ledger and case numbers in the embedded SQLite file: the reads are the relational core's, the writes go
/// through the file's single writer (<see cref="SqliteDatabase"/>).
/// </summary>
public sealed partial class SqliteCaseStore(SqliteDatabase database) : RelationalCaseStore(SqliteDialect.Instance), ICaseEventStore, ILedger, ICaseNumberBlocks, IStorageProbe, IClockRecords, ICalendarYears
{
    private const string UpsertCase = """
        INSERT INTO cases (tenant, number, last_seq, channel, kind, category, status, department, content,
            complainant_name, complainant_phone_masked, address, external_id, recomplaint_of,
            received_at, registered_at, updated_at, closed_at, satisfaction, redispatches, next_due_at, overdue, wake_at,
            owner, handler, target_type, target_name, location, dispatched_at, resolution_due_at, result, callback_at,
            callbacks, resolution_breached, warned, extension_requested_at)
        VALUES ($tenant, $number, $last_seq, $channel, $kind, $category, $status, $department, $content,
            $complainant_name, $complainant_phone_masked, $address, $external_id, $recomplaint_of,
            $received_at, $registered_at, $updated_at, $closed_at, $satisfaction, $redispatches, $next_due_at, $overdue, $wake_at,
            $owner, $handler, $target_type, $target_name, $location, $dispatched_at, $resolution_due_at, $result, $callback_at,
            $callbacks, $resolution_breached, $warned, $extension_requested_at)
        ON CONFLICT (tenant, number) DO UPDATE SET
            last_seq = excluded.last_seq, kind = excluded.kind, category = excluded.category, status = excluded.status,
            department = excluded.department, updated_at = excluded.updated_at, closed_at = excluded.closed_at,
            satisfaction = excluded.satisfaction, redispatches = excluded.redispatches,
            next_due_at = excluded.next_due_at, overdue = excluded.overdue, wake_at = excluded.wake_at,
            owner = excluded.owner, handler = excluded.handler, target_type = excluded.target_type,
            target_name = excluded.target_name, location = excluded.location, dispatched_at = excluded.dispatched_at,
            resolution_due_at = excluded.resolution_due_at, result = excluded.result, callback_at = excluded.callback_at,
            callbacks = excluded.callbacks, resolution_breached = excluded.resolution_breached, warned = excluded.warned,
            extension_requested_at = excluded.extension_requested_at;
        """;

    protected override ValueTask<DbConnection> OpenReadAsync(CancellationToken cancellationToken) => ValueTask.FromResult<DbConnection>(database.Open());

    protected override DbConnection OpenRead() => database.Open();

    // Microsoft.Data.Sqlite's async calls complete synchronously: waiting on them inside the writer blocks nothing.
    protected override Task<T> WriteUnitAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken) =>
        database.WriteAsync((connection, transaction) => work(connection, transaction).GetAwaiter().GetResult(), cancellationToken);

    public Task<AppendResult> AppendAsync(CaseAppend append, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => Append(connection, transaction, append), append.Lane, cancellationToken);

    public Task<long> ReserveAsync(string tenant, int year, int size, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteScalar<long>(
            """
            INSERT INTO number_blocks (tenant, year, next, held_from) VALUES (@tenant, @year, 1 + @size, 1)
            ON CONFLICT (tenant, year) DO UPDATE SET next = next + @size, held_from = COALESCE(held_from, next)
            RETURNING next - @size;
            """,
            new { tenant, year, size },
            transaction), cancellationToken);

    // The writer's unit of work is synchronous; Microsoft.Data.Sqlite's async calls complete synchronously, so
    // waiting on them here blocks nothing.
    public Task HandBackAsync(string tenant, int year, long next, long end, IReadOnlyCollection<long> unused, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            (connection, transaction) =>
            {
                CaseNumberHolds.HandBackAsync(connection, transaction, Dialect, tenant, year, next, end, unused, at).GetAwaiter().GetResult();
                return true;
            },
            cancellationToken);

    public Task<IReadOnlyList<NumberGap>> RecoverAsync(string tenant, int year, Func<long, string> caseNumber, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        database.WriteAsync(
            (connection, transaction) => CaseNumberHolds.RecoverAsync(connection, transaction, Dialect, tenant, year, caseNumber, at).GetAwaiter().GetResult(),
            cancellationToken);

    private static AppendResult Append(SqliteConnection connection, SqliteTransaction transaction, CaseAppend append)
    {
        var ledger = append.Ledger;
        if (append.ExpectedSeq == 0 && ledger.ExternalId is not null)
        {
            var existing = connection.ExecuteScalar<string?>(
                "SELECT number FROM cases WHERE tenant = @Tenant AND channel = @Channel AND external_id = @ExternalId",
                new { ledger.Tenant, ledger.Channel, ledger.ExternalId },
                transaction);
            if (existing is not null)
            {
                return new AppendResult(AppendStatus.DuplicateIntake, existing);
            }
        }

        var select = WriterStatements.Command(transaction, "SELECT last_seq FROM cases WHERE tenant = $tenant AND number = $number");
        select.Parameters.AddWithValue("$tenant", append.Tenant);
        select.Parameters.AddWithValue("$number", append.Number);
        var lastSeq = select.ExecuteScalar() is long stored ? stored : 0;
        if (lastSeq != append.ExpectedSeq)
        {
            StorageMetrics.Conflict(SqliteDialect.Instance.MetricsTag);
            return new AppendResult(AppendStatus.Conflict);
        }

        {
            var insert = WriterStatements.Command(transaction, "INSERT INTO case_events (tenant, number, seq, type, at, actor, data) VALUES ($tenant, $number, $seq, $type, $at, $actor, $data)");
            var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
            var type = insert.Parameters.Add("$type", SqliteType.Text);
            var at = insert.Parameters.Add("$at", SqliteType.Text);
            var actor = insert.Parameters.Add("$actor", SqliteType.Text);
            var data = insert.Parameters.Add("$data", SqliteType.Text);
            insert.Parameters.AddWithValue("$tenant", append.Tenant);
            insert.Parameters.AddWithValue("$number", append.Number);
            foreach (var e in append.Events)
            {
                seq.Value = e.Seq;
                type.Value = e.Type;
                at.Value = e.At.ToString("O", CultureInfo.InvariantCulture);
                actor.Value = e.Actor;
                data.Value = e.Data;
                insert.ExecuteNonQuery();
            }
        }

        {
            var upsert = WriterStatements.Command(transaction, UpsertCase);
            object Db(object? value) => value ?? DBNull.Value;
            var p = upsert.Parameters;
            p.AddWithValue("$tenant", ledger.Tenant);
            p.AddWithValue("$number", ledger.Number);
            p.AddWithValue("$last_seq", append.Events.Count == 0 ? append.ExpectedSeq : append.Events[^1].Seq);
            p.AddWithValue("$channel", ledger.Channel);
            p.AddWithValue("$kind", ledger.Kind);
            p.AddWithValue("$category", Db(ledger.Category));
            p.AddWithValue("$status", ledger.Status);
            p.AddWithValue("$department", Db(ledger.Department));
            p.AddWithValue("$content", ledger.Content);
            p.AddWithValue("$complainant_name", Db(ledger.ComplainantName));
            p.AddWithValue("$complainant_phone_masked", Db(ledger.ComplainantPhoneMasked));
            p.AddWithValue("$address", Db(ledger.Address));
            p.AddWithValue("$external_id", Db(ledger.ExternalId));
            p.AddWithValue("$recomplaint_of", Db(ledger.RecomplaintOf));
            p.AddWithValue("$received_at", ledger.ReceivedAt.ToUnixTimeMilliseconds());
            p.AddWithValue("$registered_at", ledger.RegisteredAt.ToUnixTimeMilliseconds());
            p.AddWithValue("$updated_at", ledger.UpdatedAt.ToUnixTimeMilliseconds());
            p.AddWithValue("$closed_at", Db(ledger.ClosedAt?.ToUnixTimeMilliseconds()));
            p.AddWithValue("$satisfaction", Db(ledger.Satisfaction));
            p.AddWithValue("$redispatches", ledger.Redispatches);
            p.AddWithValue("$next_due_at", Db(ledger.NextDueAt?.ToUnixTimeMilliseconds()));
            p.AddWithValue("$overdue", ledger.Overdue ? 1 : 0);
            p.AddWithValue("$wake_at", Db(ledger.WakeAt?.ToUnixTimeMilliseconds()));
            p.AddWithValue("$owner", Db(ledger.Owner));
            p.AddWithValue("$handler", Db(ledger.Handler));
            p.AddWithValue("$target_type", Db(ledger.TargetType));
            p.AddWithValue("$target_name", Db(ledger.TargetName));
            p.AddWithValue("$location", Db(ledger.Location));
            p.AddWithValue("$dispatched_at", Db(ledger.DispatchedAt?.ToUnixTimeMilliseconds()));
            p.AddWithValue("$resolution_due_at", Db(ledger.ResolutionDueAt?.ToUnixTimeMilliseconds()));
            p.AddWithValue("$result", Db(ledger.Result));
            p.AddWithValue("$callback_at", Db(ledger.CallbackAt?.ToUnixTimeMilliseconds()));
            p.AddWithValue("$callbacks", ledger.Callbacks);
            p.AddWithValue("$resolution_breached", ledger.ResolutionBreached ? 1 : 0);
            p.AddWithValue("$warned", ledger.Warned ? 1 : 0);
            p.AddWithValue("$extension_requested_at", Db(ledger.ExtensionRequestedAt?.ToUnixTimeMilliseconds()));
            upsert.ExecuteNonQuery();
        }

        foreach (var n in append.Notifications)
        {
            var insert = WriterStatements.Command(transaction, RelationalQueries.AddNotification);
            var p = insert.Parameters;
            p.AddWithValue("@Id", n.Id);
            p.AddWithValue("@Tenant", n.Tenant);
            p.AddWithValue("@Recipient", n.Recipient);
            p.AddWithValue("@Number", n.Number);
            p.AddWithValue("@Type", n.Type);
            p.AddWithValue("@Clock", (object?)n.Clock ?? DBNull.Value);
            p.AddWithValue("@DueAt", (object?)n.DueAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
            p.AddWithValue("@At", n.At.ToUnixTimeMilliseconds());
            p.AddWithValue("@Message", n.Message);
            p.AddWithValue("@TextKey", (object?)n.Text?.Key ?? DBNull.Value);
            p.AddWithValue("@TextArgs", (object?)NotificationTextColumns.Args(n.Text) ?? DBNull.Value);
            insert.ExecuteNonQuery();
        }

        foreach (var b in append.Breaches)
        {
            // The same breach twice (a retried tick) is one breach.
            var insert = WriterStatements.Command(
                transaction,
                "INSERT OR IGNORE INTO breaches (tenant, number, clock, due_at, department, breached_at, points, fine, person) VALUES (@Tenant, @Number, @Clock, @DueAt, @Department, @BreachedAt, @Points, @Fine, @Person)");
            var p = insert.Parameters;
            p.AddWithValue("@Tenant", b.Tenant);
            p.AddWithValue("@Number", b.Number);
            p.AddWithValue("@Clock", b.Clock);
            p.AddWithValue("@DueAt", b.DueAt.ToUnixTimeMilliseconds());
            p.AddWithValue("@Department", (object?)b.Department ?? DBNull.Value);
            p.AddWithValue("@BreachedAt", b.BreachedAt.ToUnixTimeMilliseconds());
            p.AddWithValue("@Points", b.Points);
            p.AddWithValue("@Fine", b.Fine.ToString(CultureInfo.InvariantCulture));
            p.AddWithValue("@Person", (object?)b.Person ?? DBNull.Value);
            insert.ExecuteNonQuery();
        }

        InsertOutbox(connection, transaction, append.Outbox);
        foreach (var a in append.Attachments)
        {
            connection.Execute(
                RelationalQueries.AddAttachment,
                new { a.Tenant, a.Number, a.Id, a.Name, a.ContentType, a.Size, a.Sha256, AddedAt = a.AddedAt.ToUnixTimeMilliseconds(), a.AddedBy },
                transaction);
        }

        if (append.ReplyAddress is { } reply)
        {
            SaveReplyAddress(connection, transaction, append.Tenant, append.Number, reply.Channel, reply.Address);
        }

        return new AppendResult(AppendStatus.Appended);
    }

    public Task SaveAsync(int year, string scheduleJson, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => connection.Execute(
            RelationalQueries.SaveCalendarYear,
            new { Year = year, Schedule = scheduleJson },
            transaction), cancellationToken);

}
