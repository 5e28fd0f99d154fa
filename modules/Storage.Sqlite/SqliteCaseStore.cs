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
    /// <summary>
    /// The ledger row's columns in one place: the new case's UPSERT, the read of a stored row and the UPDATE of what
    /// changed are all built from it, and <see cref="LedgerValues"/> gives the values in the same order.
    /// </summary>
    private static readonly string[] LedgerColumns =
    [
        "tenant", "number", "last_seq", "channel", "kind", "category", "status", "department", "content",
        "complainant_name", "complainant_phone_masked", "address", "external_id", "recomplaint_of",
        "received_at", "registered_at", "updated_at", "closed_at", "satisfaction", "redispatches", "next_due_at", "overdue", "wake_at",
        "owner", "handler", "target_type", "target_name", "location", "dispatched_at", "resolution_due_at", "result", "callback_at",
        "callbacks", "resolution_breached", "warned", "extension_requested_at",
    ];

    /// <summary>The columns a later commit may change; the others are the registration's and stay as first written.</summary>
    private static readonly HashSet<string> Changeable =
    [
        "last_seq", "kind", "category", "status", "department", "updated_at", "closed_at", "satisfaction", "redispatches",
        "next_due_at", "overdue", "wake_at", "owner", "handler", "target_type", "target_name", "location", "dispatched_at",
        "resolution_due_at", "result", "callback_at", "callbacks", "resolution_breached", "warned", "extension_requested_at",
    ];

    private static readonly string UpsertCase =
        $"INSERT INTO cases ({string.Join(", ", LedgerColumns)}) VALUES ({string.Join(", ", LedgerColumns.Select(c => "$" + c))}) " +
        $"ON CONFLICT (tenant, number) DO UPDATE SET {string.Join(", ", LedgerColumns.Where(Changeable.Contains).Select(c => $"{c} = excluded.{c}"))}";

    private static readonly int LastSeq = Array.IndexOf(LedgerColumns, "last_seq");

    /// <summary>The stored row's columns, in <see cref="LedgerColumns"/>' order (last_seq among them).</summary>
    private static readonly string SelectStored =
        $"SELECT {string.Join(", ", LedgerColumns)} FROM cases WHERE tenant = $tenant AND number = $number";

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

        var stored = ReadStored(transaction, append.Tenant, append.Number);
        var lastSeq = stored is null ? 0 : (long)stored[LastSeq]!;
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

        WriteLedger(transaction, LedgerValues(append), stored);

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

    /// <summary>The case's stored ledger row (values as SQLite returns them, null for NULL), or null when there is none.</summary>
    private static object?[]? ReadStored(SqliteTransaction transaction, string tenant, string number)
    {
        var select = WriterStatements.Command(transaction, SelectStored);
        select.Parameters.AddWithValue("$tenant", tenant);
        select.Parameters.AddWithValue("$number", number);
        using var reader = select.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var values = new object?[LedgerColumns.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        }

        return values;
    }

    /// <summary>
    /// A new case's row is inserted whole. A stored row gets an UPDATE of only the columns whose value changed: SQLite
    /// rewrites every index over a column an UPDATE sets, changed or not, and the ledger has a dozen indexes (the queues,
    /// the reports, the overdue lists), so a breach that sets every column rewrote all of them.
    /// </summary>
    private static void WriteLedger(SqliteTransaction transaction, object?[] values, object?[]? stored)
    {
        SqliteCommand command;
        if (stored is null)
        {
            command = WriterStatements.Command(transaction, UpsertCase);
            for (var i = 0; i < LedgerColumns.Length; i++)
            {
                command.Parameters.AddWithValue("$" + LedgerColumns[i], values[i] ?? DBNull.Value);
            }
        }
        else
        {
            var changed = Enumerable.Range(0, LedgerColumns.Length)
                .Where(i => Changeable.Contains(LedgerColumns[i]) && !SameValue(stored[i], values[i]))
                .ToList();
            if (changed.Count == 0)
            {
                return;
            }

            command = WriterStatements.Command(
                transaction,
                $"UPDATE cases SET {string.Join(", ", changed.Select(i => $"{LedgerColumns[i]} = ${LedgerColumns[i]}"))} WHERE tenant = $tenant AND number = $number");
            command.Parameters.AddWithValue("$tenant", values[0]);
            command.Parameters.AddWithValue("$number", values[1]);
            foreach (var i in changed)
            {
                command.Parameters.AddWithValue("$" + LedgerColumns[i], values[i] ?? DBNull.Value);
            }
        }

        command.ExecuteNonQuery();
    }

    /// <summary>Integers compare as 64-bit (SQLite returns every INTEGER as a long), text ordinally.</summary>
    private static bool SameValue(object? stored, object? value) => (stored, value) switch
    {
        (null, null) => true,
        (long a, long b) => a == b,
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>The ledger row's values as stored, in <see cref="LedgerColumns"/>' order: times in Unix milliseconds, flags 0/1, integers as longs.</summary>
    private static object?[] LedgerValues(CaseAppend append)
    {
        var l = append.Ledger;
        static long? Ms(DateTimeOffset? at) => at?.ToUnixTimeMilliseconds();
        return
        [
            l.Tenant, l.Number, (long)(append.Events.Count == 0 ? append.ExpectedSeq : append.Events[^1].Seq), l.Channel, l.Kind, l.Category,
            l.Status, l.Department, l.Content, l.ComplainantName, l.ComplainantPhoneMasked, l.Address, l.ExternalId, l.RecomplaintOf,
            Ms(l.ReceivedAt), Ms(l.RegisteredAt), Ms(l.UpdatedAt), Ms(l.ClosedAt), l.Satisfaction, (long)l.Redispatches, Ms(l.NextDueAt),
            l.Overdue ? 1L : 0L, Ms(l.WakeAt), l.Owner, l.Handler, l.TargetType, l.TargetName, l.Location, Ms(l.DispatchedAt),
            Ms(l.ResolutionDueAt), l.Result, Ms(l.CallbackAt), (long)l.Callbacks, l.ResolutionBreached ? 1L : 0L, l.Warned ? 1L : 0L,
            Ms(l.ExtensionRequestedAt),
        ];
    }

    public Task SaveAsync(int year, string scheduleJson, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => connection.Execute(
            RelationalQueries.SaveCalendarYear,
            new { Year = year, Schedule = scheduleJson },
            transaction), cancellationToken);

}
