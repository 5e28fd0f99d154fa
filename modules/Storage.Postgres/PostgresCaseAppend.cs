using System.Globalization;
using System.Text;
using Complaints.Storage.Relational;
using Npgsql;
using NpgsqlTypes;

namespace Complaints.Storage.Postgres;

/// <summary>
/// A case's append as one statement: the claim of its ledger row (insert for a new case, a move of <c>last_seq</c> on
/// for an existing one) and, in data-modifying CTEs that select from the claim, its events, notifications and
/// breaches. If the claim writes nothing, neither do they. One round trip and one statement per append, not a claim
/// and then a batch of a statement per row: a deadline's warning and breach were about nine statements in four round
/// trips, and in a storm their per-statement costs were much of the database's and the host's time. Rows are passed
/// as one array per column (<c>unnest</c>), so the text depends only on the append's shape and stays prepared.
/// </summary>
public sealed partial class PostgresCaseStore
{
    /// <summary>A ledger column, its value in an append, and whether an existing case's append replaces it.</summary>
    private sealed record LedgerColumn(string Name, Func<CaseAppend, NpgsqlParameter> Value, bool Replaced = true);

    // tenant and number come first in both claims; the same order as the SQLite store's upsert.
    private static readonly LedgerColumn[] LedgerColumns =
    [
        new("last_seq", a => Int(LastSeq(a))),
        new("channel", a => Text(a.Ledger.Channel), Replaced: false),
        new("kind", a => Text(a.Ledger.Kind)),
        new("category", a => Text(a.Ledger.Category)),
        new("status", a => Text(a.Ledger.Status)),
        new("department", a => Text(a.Ledger.Department)),
        new("content", a => Text(a.Ledger.Content), Replaced: false),
        new("complainant_name", a => Text(a.Ledger.ComplainantName), Replaced: false),
        new("complainant_phone_masked", a => Text(a.Ledger.ComplainantPhoneMasked), Replaced: false),
        new("address", a => Text(a.Ledger.Address), Replaced: false),
        new("external_id", a => Text(a.Ledger.ExternalId), Replaced: false),
        new("recomplaint_of", a => Text(a.Ledger.RecomplaintOf), Replaced: false),
        new("received_at", a => Time(a.Ledger.ReceivedAt), Replaced: false),
        new("registered_at", a => Time(a.Ledger.RegisteredAt), Replaced: false),
        new("updated_at", a => Time(a.Ledger.UpdatedAt)),
        new("closed_at", a => Time(a.Ledger.ClosedAt)),
        new("satisfaction", a => Text(a.Ledger.Satisfaction)),
        new("redispatches", a => Int(a.Ledger.Redispatches)),
        new("next_due_at", a => Time(a.Ledger.NextDueAt)),
        new("overdue", a => new NpgsqlParameter<bool> { TypedValue = a.Ledger.Overdue }),
        new("wake_at", a => Time(a.Ledger.WakeAt)),
        new("owner", a => Text(a.Ledger.Owner)),
        new("handler", a => Text(a.Ledger.Handler)),
        new("target_type", a => Text(a.Ledger.TargetType)),
        new("target_name", a => Text(a.Ledger.TargetName)),
        new("location", a => Text(a.Ledger.Location)),
        new("dispatched_at", a => Time(a.Ledger.DispatchedAt)),
        new("resolution_due_at", a => Time(a.Ledger.ResolutionDueAt)),
        new("result", a => Text(a.Ledger.Result)),
        new("callback_at", a => Time(a.Ledger.CallbackAt)),
        new("callbacks", a => Int(a.Ledger.Callbacks)),
        new("resolution_breached", a => new NpgsqlParameter<bool> { TypedValue = a.Ledger.ResolutionBreached }),
        new("warned", a => new NpgsqlParameter<bool> { TypedValue = a.Ledger.Warned }),
        new("extension_requested_at", a => Time(a.Ledger.ExtensionRequestedAt)),
    ];

    private static readonly LedgerColumn[] ReplacedColumns = [.. LedgerColumns.Where(c => c.Replaced)];

    /// <summary>A new case: its row is inserted, or nothing if the number or the intake (channel + external id) is taken.</summary>
    private static readonly string NewCaseClaim = $"""
        INSERT INTO cases (tenant, number, {string.Join(", ", LedgerColumns.Select(c => c.Name))})
            VALUES ($1, $2, {string.Join(", ", LedgerColumns.Select((_, i) => $"${i + 3}"))})
            ON CONFLICT DO NOTHING RETURNING 1
        """;

    /// <summary>An existing case: its row moves on from the seq the writer saw, or nothing if someone else moved it first.</summary>
    private static readonly string ExistingCaseClaim = $"""
        UPDATE cases SET {string.Join(", ", ReplacedColumns.Select((c, i) => $"{c.Name} = ${i + 4}"))}
            WHERE tenant = $1 AND number = $2 AND last_seq = $3 RETURNING 1
        """;

    /// <summary>
    /// The rows an append adds beside the claim, a CTE per table, in this order. A table without rows in an append has
    /// no CTE in its statement: a data-modifying CTE opens its table and every index of it even to insert nothing
    /// (a registration has no breaches, a warning none either).
    /// </summary>
    private static readonly ChildRows[] Children =
    [
        new(
            "events",
            5,
            a => a.Events.Count,
            k => $"""
                INSERT INTO case_events (tenant, number, seq, type, at, actor, data)
                SELECT $1, $2, e.* FROM claim, unnest(${k}::integer[], ${k + 1}::text[], ${k + 2}::text[], ${k + 3}::text[], ${k + 4}::text[]) AS e
                """,
            (a, p) =>
            {
                var events = a.Events;
                p.Add(ColumnOf(events, e => e.Seq));
                p.Add(ColumnOf(events, e => e.Type));
                p.Add(ColumnOf(events, e => e.At.ToString("O", CultureInfo.InvariantCulture)));
                p.Add(ColumnOf(events, e => e.Actor));
                p.Add(ColumnOf(events, e => e.Data));
            }),
        new(
            "notices",
            11,
            a => a.Notifications.Count,
            k => $"""
                INSERT INTO notifications (id, tenant, recipient, number, type, clock, due_at, at, message, text_key, text_args)
                SELECT n.* FROM claim, unnest(${k}::text[], ${k + 1}::text[], ${k + 2}::text[], ${k + 3}::text[], ${k + 4}::text[],
                    ${k + 5}::text[], ${k + 6}::timestamptz[], ${k + 7}::timestamptz[], ${k + 8}::text[], ${k + 9}::text[], ${k + 10}::text[]) AS n
                """,
            (a, p) =>
            {
                var notices = a.Notifications;
                p.Add(ColumnOf(notices, n => n.Id));
                p.Add(ColumnOf(notices, n => n.Tenant));
                p.Add(ColumnOf(notices, n => n.Recipient));
                p.Add(ColumnOf(notices, n => n.Number));
                p.Add(ColumnOf(notices, n => n.Type));
                p.Add(ColumnOf(notices, n => n.Clock));
                p.Add(Times(notices, n => n.DueAt));
                p.Add(Times(notices, n => n.At));
                p.Add(ColumnOf(notices, n => n.Message));
                p.Add(ColumnOf(notices, n => n.Text?.Key));
                p.Add(ColumnOf(notices, n => NotificationTextColumns.Args(n.Text)));
            }),
        new(
            "breached",
            9,
            a => a.Breaches.Count,
            // The same breach twice (a retried tick) is one breach.
            k => $"""
                INSERT INTO breaches (tenant, number, clock, due_at, department, breached_at, points, fine, person)
                SELECT b.* FROM claim, unnest(${k}::text[], ${k + 1}::text[], ${k + 2}::text[], ${k + 3}::timestamptz[], ${k + 4}::text[],
                    ${k + 5}::timestamptz[], ${k + 6}::integer[], ${k + 7}::numeric[], ${k + 8}::text[]) AS b
                ON CONFLICT DO NOTHING
                """,
            (a, p) =>
            {
                var breaches = a.Breaches;
                p.Add(ColumnOf(breaches, b => b.Tenant));
                p.Add(ColumnOf(breaches, b => b.Number));
                p.Add(ColumnOf(breaches, b => b.Clock));
                p.Add(Times(breaches, b => b.DueAt));
                p.Add(ColumnOf(breaches, b => b.Department));
                p.Add(Times(breaches, b => b.BreachedAt));
                p.Add(ColumnOf(breaches, b => b.Points));
                p.Add(ColumnOf(breaches, b => b.Fine));
                p.Add(ColumnOf(breaches, b => b.Person));
            }),
    ];

    /// <summary>The statement of each shape (new or existing case × which child tables have rows), made once.</summary>
    private static readonly string?[] Statements = new string?[2 << Children.Length];

    /// <summary>The append's statement with its parameters in the statement's order.</summary>
    private static NpgsqlCommand AppendCommand(CaseAppend append, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        var isNew = append.ExpectedSeq == 0;
        var present = 0;
        for (var i = 0; i < Children.Length; i++)
        {
            present |= Children[i].Count(append) > 0 ? 1 << i : 0;
        }

        var shape = (present << 1) | (isNew ? 1 : 0);
        var command = new NpgsqlCommand(Statements[shape] ??= Statement(isNew, present), connection, transaction);
        var p = command.Parameters;
        p.Add(Text(append.Tenant));
        p.Add(Text(append.Number));
        if (!isNew)
        {
            p.Add(Int(append.ExpectedSeq));
        }

        foreach (var column in isNew ? LedgerColumns : ReplacedColumns)
        {
            p.Add(column.Value(append));
        }

        for (var i = 0; i < Children.Length; i++)
        {
            if ((present & (1 << i)) != 0)
            {
                Children[i].Add(append, p);
            }
        }

        return command;
    }

    /// <summary>The claim, then a CTE for each child table with rows (bit i of <paramref name="present"/>: <see cref="Children"/>[i]), selecting from the claim.</summary>
    private static string Statement(bool isNew, int present)
    {
        var sql = new StringBuilder($"WITH claim AS ({(isNew ? NewCaseClaim : ExistingCaseClaim)})");
        var next = isNew ? LedgerColumns.Length + 3 : ReplacedColumns.Length + 4;
        for (var i = 0; i < Children.Length; i++)
        {
            if ((present & (1 << i)) != 0)
            {
                sql.Append($",\n{Children[i].Name} AS (\n{Children[i].Insert(next)})");
                next += Children[i].Columns;
            }
        }

        return sql.Append("\nSELECT count(*) FROM claim").ToString();
    }

    /// <summary>A child table's CTE (its insert, numbered from the first of its <see cref="Columns"/> parameters) and its parameters.</summary>
    private sealed record ChildRows(string Name, int Columns, Func<CaseAppend, int> Count, Func<int, string> Insert, Action<CaseAppend, NpgsqlParameterCollection> Add);

    private static int LastSeq(CaseAppend append) => append.Events.Count == 0 ? append.ExpectedSeq : append.Events[^1].Seq;

    private static NpgsqlParameter<T[]> ColumnOf<TRow, T>(IReadOnlyList<TRow> rows, Func<TRow, T> value)
    {
        var values = new T[rows.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = value(rows[i]);
        }

        return new NpgsqlParameter<T[]> { TypedValue = values };
    }

    /// <summary>A time column: UTC, typed explicitly (an empty or all-null array says nothing of its type).</summary>
    private static NpgsqlParameter<DateTime?[]> Times<TRow>(IReadOnlyList<TRow> rows, Func<TRow, DateTimeOffset?> value)
    {
        var times = ColumnOf(rows, r => value(r)?.UtcDateTime);
        times.NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz;
        return times;
    }

    private static NpgsqlParameter Int(int value) => new NpgsqlParameter<int> { TypedValue = value };

    private static NpgsqlParameter Text(string? value) => Text(null, value);

    private static NpgsqlParameter Time(DateTimeOffset? value) => Time(null, value);
}
