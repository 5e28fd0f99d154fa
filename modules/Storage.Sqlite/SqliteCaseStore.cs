using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Complaints.Storage.Sqlite;

/// <summary>Events, ledger and case numbers in the embedded SQLite file.</summary>
public sealed class SqliteCaseStore(SqliteDatabase database) : ICaseEventStore, ILedger, ICaseNumberBlocks, IStorageProbe
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS case_events (
            tenant TEXT NOT NULL, number TEXT NOT NULL, seq INTEGER NOT NULL,
            type TEXT NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL, data TEXT NOT NULL,
            PRIMARY KEY (tenant, number, seq)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS cases (
            tenant TEXT NOT NULL, number TEXT NOT NULL, last_seq INTEGER NOT NULL,
            channel TEXT NOT NULL, kind TEXT NOT NULL, category TEXT, status TEXT NOT NULL, department TEXT,
            content TEXT NOT NULL, complainant_name TEXT, complainant_phone_masked TEXT, address TEXT,
            external_id TEXT, recomplaint_of TEXT,
            received_at INTEGER NOT NULL, registered_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
            closed_at INTEGER, satisfaction TEXT, redispatches INTEGER NOT NULL DEFAULT 0,
            next_due_at INTEGER, overdue INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (tenant, number)) WITHOUT ROWID;
        CREATE UNIQUE INDEX IF NOT EXISTS ux_cases_intake ON cases (tenant, channel, external_id) WHERE external_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS ix_cases_registered ON cases (tenant, registered_at);
        CREATE INDEX IF NOT EXISTS ix_cases_status ON cases (tenant, status, registered_at);
        CREATE INDEX IF NOT EXISTS ix_cases_department ON cases (tenant, department, registered_at);
        CREATE INDEX IF NOT EXISTS ix_cases_overdue ON cases (tenant, registered_at) WHERE overdue = 1;
        CREATE TABLE IF NOT EXISTS number_blocks (
            tenant TEXT NOT NULL, year INTEGER NOT NULL, next INTEGER NOT NULL,
            PRIMARY KEY (tenant, year)) WITHOUT ROWID;
        """;

    private const string UpsertCase = """
        INSERT INTO cases (tenant, number, last_seq, channel, kind, category, status, department, content,
            complainant_name, complainant_phone_masked, address, external_id, recomplaint_of,
            received_at, registered_at, updated_at, closed_at, satisfaction, redispatches, next_due_at, overdue)
        VALUES ($tenant, $number, $last_seq, $channel, $kind, $category, $status, $department, $content,
            $complainant_name, $complainant_phone_masked, $address, $external_id, $recomplaint_of,
            $received_at, $registered_at, $updated_at, $closed_at, $satisfaction, $redispatches, $next_due_at, $overdue)
        ON CONFLICT (tenant, number) DO UPDATE SET
            last_seq = excluded.last_seq, category = excluded.category, status = excluded.status,
            department = excluded.department, updated_at = excluded.updated_at, closed_at = excluded.closed_at,
            satisfaction = excluded.satisfaction, redispatches = excluded.redispatches,
            next_due_at = excluded.next_due_at, overdue = excluded.overdue;
        """;

    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM number_blocks", cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadAsync(string tenant, string number, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<(long Seq, string Type, string At, string Actor, string Data)>(
            new CommandDefinition(
                "SELECT seq, type, at, actor, data FROM case_events WHERE tenant = @tenant AND number = @number ORDER BY seq",
                new { tenant, number },
                cancellationToken: cancellationToken));
        return [.. rows.Select(r => new StoredEvent((int)r.Seq, r.Type, DateTimeOffset.Parse(r.At, CultureInfo.InvariantCulture), r.Actor, r.Data))];
    }

    public Task<AppendResult> AppendAsync(CaseAppend append, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => Append(connection, transaction, append), cancellationToken);

    public Task<long> ReserveAsync(string tenant, int year, int size, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteScalar<long>(
            """
            INSERT INTO number_blocks (tenant, year, next) VALUES (@tenant, @year, 1 + @size)
            ON CONFLICT (tenant, year) DO UPDATE SET next = next + @size
            RETURNING next - @size;
            """,
            new { tenant, year, size },
            transaction), cancellationToken);

    public async Task<string?> FindByExternalIdAsync(string tenant, string channel, string externalId, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT number FROM cases WHERE tenant = @tenant AND channel = @channel AND external_id = @externalId",
            new { tenant, channel, externalId },
            cancellationToken: cancellationToken));
    }

    public async Task<LedgerPage> QueryAsync(LedgerQuery query, CancellationToken cancellationToken = default)
    {
        var where = new StringBuilder("tenant = @Tenant");
        var parameters = new DynamicParameters();
        parameters.Add("Tenant", query.Tenant);
        void Filter(string? value, string clause, string name)
        {
            if (value is not null)
            {
                where.Append(" AND ").Append(clause);
                parameters.Add(name, value);
            }
        }

        Filter(query.Status, "status = @Status", "Status");
        Filter(query.Department, "department = @Department", "Department");
        Filter(query.Category, "category = @Category", "Category");
        Filter(query.Channel, "channel = @Channel", "Channel");
        if (query.Overdue is { } overdue)
        {
            where.Append(overdue ? " AND overdue = 1" : " AND overdue = 0");
        }

        if (query.From is { } from)
        {
            where.Append(" AND registered_at >= @From");
            parameters.Add("From", from.ToUnixTimeMilliseconds());
        }

        if (query.To is { } to)
        {
            where.Append(" AND registered_at < @To");
            parameters.Add("To", to.ToUnixTimeMilliseconds());
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            where.Append(" AND (number LIKE @Text ESCAPE '\\' OR content LIKE @Text ESCAPE '\\' OR complainant_name LIKE @Text ESCAPE '\\')");
            parameters.Add("Text", "%" + EscapeLike(query.Text.Trim()) + "%");
        }

        parameters.Add("Limit", query.PageSize);
        parameters.Add("Offset", (query.Page - 1) * query.PageSize);

        await using var connection = database.Open();
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT COUNT(*) FROM cases WHERE {where}", parameters, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<CaseRow>(new CommandDefinition(
            $"SELECT * FROM cases WHERE {where} ORDER BY registered_at DESC, number DESC LIMIT @Limit OFFSET @Offset",
            parameters,
            cancellationToken: cancellationToken));
        return new LedgerPage([.. rows.Select(r => r.ToLedgerRow())], total);
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

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

        var lastSeq = connection.ExecuteScalar<long?>(
            "SELECT last_seq FROM cases WHERE tenant = @Tenant AND number = @Number",
            new { append.Tenant, append.Number },
            transaction) ?? 0;
        if (lastSeq != append.ExpectedSeq)
        {
            return new AppendResult(AppendStatus.Conflict);
        }

        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO case_events (tenant, number, seq, type, at, actor, data) VALUES ($tenant, $number, $seq, $type, $at, $actor, $data)";
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

        using (var upsert = connection.CreateCommand())
        {
            upsert.Transaction = transaction;
            upsert.CommandText = UpsertCase;
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
            upsert.ExecuteNonQuery();
        }

        return new AppendResult(AppendStatus.Appended);
    }

    /// <summary>Column-shaped row for Dapper; times are unix milliseconds.</summary>
    private sealed class CaseRow
    {
        public string tenant { get; set; } = "";
        public string number { get; set; } = "";
        public string channel { get; set; } = "";
        public string kind { get; set; } = "";
        public string? category { get; set; }
        public string status { get; set; } = "";
        public string? department { get; set; }
        public string content { get; set; } = "";
        public string? complainant_name { get; set; }
        public string? complainant_phone_masked { get; set; }
        public string? address { get; set; }
        public string? external_id { get; set; }
        public string? recomplaint_of { get; set; }
        public long received_at { get; set; }
        public long registered_at { get; set; }
        public long updated_at { get; set; }
        public long? closed_at { get; set; }
        public string? satisfaction { get; set; }
        public long redispatches { get; set; }
        public long? next_due_at { get; set; }
        public long overdue { get; set; }

        public LedgerRow ToLedgerRow() => new()
        {
            Tenant = tenant,
            Number = number,
            Channel = channel,
            Kind = kind,
            Category = category,
            Status = status,
            Department = department,
            Content = content,
            ComplainantName = complainant_name,
            ComplainantPhoneMasked = complainant_phone_masked,
            Address = address,
            ExternalId = external_id,
            RecomplaintOf = recomplaint_of,
            ReceivedAt = DateTimeOffset.FromUnixTimeMilliseconds(received_at),
            RegisteredAt = DateTimeOffset.FromUnixTimeMilliseconds(registered_at),
            UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(updated_at),
            ClosedAt = closed_at is { } c ? DateTimeOffset.FromUnixTimeMilliseconds(c) : null,
            Satisfaction = satisfaction,
            Redispatches = (int)redispatches,
            NextDueAt = next_due_at is { } d ? DateTimeOffset.FromUnixTimeMilliseconds(d) : null,
            Overdue = overdue != 0,
        };
    }
}
