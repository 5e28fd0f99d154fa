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
        new("events", "case_events", a => a.Events.Count, OfTheCase: true, Columns:
        [
            new("seq", "integer", a => ColumnOf(a.Events, e => e.Seq)),
            new("type", "text", a => ColumnOf(a.Events, e => e.Type)),
            new("at", "text", a => ColumnOf(a.Events, e => e.At.ToString("O", CultureInfo.InvariantCulture))),
            new("actor", "text", a => ColumnOf(a.Events, e => e.Actor)),
            new("data", "text", a => ColumnOf(a.Events, e => e.Data)),
        ]),
        new("notices", "notifications", a => a.Notifications.Count, Columns:
        [
            new("id", "text", a => ColumnOf(a.Notifications, n => n.Id)),
            new("tenant", "text", a => ColumnOf(a.Notifications, n => n.Tenant)),
            new("recipient", "text", a => ColumnOf(a.Notifications, n => n.Recipient)),
            new("number", "text", a => ColumnOf(a.Notifications, n => n.Number)),
            new("type", "text", a => ColumnOf(a.Notifications, n => n.Type)),
            new("clock", "text", a => ColumnOf(a.Notifications, n => n.Clock)),
            new("due_at", "timestamptz", a => Times(a.Notifications, n => n.DueAt)),
            new("at", "timestamptz", a => Times(a.Notifications, n => n.At)),
            new("message", "text", a => ColumnOf(a.Notifications, n => n.Message)),
            new("text_key", "text", a => ColumnOf(a.Notifications, n => n.Text?.Key)),
            new("text_args", "text", a => ColumnOf(a.Notifications, n => NotificationTextColumns.Args(n.Text))),
        ]),
        // The same breach twice (a retried tick) is one breach.
        new("breached", "breaches", a => a.Breaches.Count, OnConflict: " ON CONFLICT DO NOTHING", Columns:
        [
            new("tenant", "text", a => ColumnOf(a.Breaches, b => b.Tenant)),
            new("number", "text", a => ColumnOf(a.Breaches, b => b.Number)),
            new("clock", "text", a => ColumnOf(a.Breaches, b => b.Clock)),
            new("due_at", "timestamptz", a => Times(a.Breaches, b => b.DueAt)),
            new("department", "text", a => ColumnOf(a.Breaches, b => b.Department)),
            new("breached_at", "timestamptz", a => Times(a.Breaches, b => b.BreachedAt)),
            new("points", "integer", a => ColumnOf(a.Breaches, b => b.Points)),
            new("fine", "numeric", a => ColumnOf(a.Breaches, b => b.Fine)),
            new("person", "text", a => ColumnOf(a.Breaches, b => b.Person)),
        ]),
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
                foreach (var column in Children[i].Columns)
                {
                    p.Add(column.Values(append));
                }
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
                next += Children[i].Columns.Length;
            }
        }

        return sql.Append("\nSELECT count(*) FROM claim").ToString();
    }

    /// <summary>
    /// A child table: its CTE's name, its table, how many rows an append has for it, and its columns, each passed as one
    /// array; <paramref name="OfTheCase"/>: its rows also take the append's tenant and number ($1, $2).
    /// </summary>
    private sealed record ChildRows(string Name, string Table, Func<CaseAppend, int> Count, ArrayColumn[] Columns, bool OfTheCase = false, string OnConflict = "")
    {
        /// <summary>The insert, its arrays numbered from <paramref name="first"/> in the order of <see cref="Columns"/>.</summary>
        public string Insert(int first) =>
            $"""
            INSERT INTO {Table} ({(OfTheCase ? "tenant, number, " : "")}{string.Join(", ", Columns.Select(c => c.Name))})
            SELECT {(OfTheCase ? "$1, $2, " : "")}r.* FROM claim, unnest({string.Join(", ", Columns.Select((c, i) => $"${first + i}::{c.Type}[]"))}) AS r{OnConflict}
            """;
    }

    /// <summary>A child table's column: its name, its SQL type, and its values in an append as one array parameter.</summary>
    private sealed record ArrayColumn(string Name, string Type, Func<CaseAppend, NpgsqlParameter> Values);

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
