using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Complaints.Storage.Sqlite;

/// <summary>Events, ledger and case numbers in the embedded SQLite file.</summary>
public sealed partial class SqliteCaseStore(SqliteDatabase database) : ICaseEventStore, ILedger, ICaseNumberBlocks, IStorageProbe, IClockRecords, ICalendarYears
{
    private const string UpsertCase = """
        INSERT INTO cases (tenant, number, last_seq, channel, kind, category, status, department, content,
            complainant_name, complainant_phone_masked, address, external_id, recomplaint_of,
            received_at, registered_at, updated_at, closed_at, satisfaction, redispatches, next_due_at, overdue, wake_at)
        VALUES ($tenant, $number, $last_seq, $channel, $kind, $category, $status, $department, $content,
            $complainant_name, $complainant_phone_masked, $address, $external_id, $recomplaint_of,
            $received_at, $registered_at, $updated_at, $closed_at, $satisfaction, $redispatches, $next_due_at, $overdue, $wake_at)
        ON CONFLICT (tenant, number) DO UPDATE SET
            last_seq = excluded.last_seq, category = excluded.category, status = excluded.status,
            department = excluded.department, updated_at = excluded.updated_at, closed_at = excluded.closed_at,
            satisfaction = excluded.satisfaction, redispatches = excluded.redispatches,
            next_due_at = excluded.next_due_at, overdue = excluded.overdue, wake_at = excluded.wake_at;
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

    public async Task<IReadOnlyList<(string Tenant, string Number)>> DueForWakeUpAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<(string Tenant, string Number)>(new CommandDefinition(
            "SELECT tenant, number FROM cases WHERE wake_at IS NOT NULL AND wake_at <= @now ORDER BY wake_at LIMIT @limit",
            new { now = now.ToUnixTimeMilliseconds(), limit },
            cancellationToken: cancellationToken));
        return [.. rows];
    }

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
            p.AddWithValue("$wake_at", Db(ledger.WakeAt?.ToUnixTimeMilliseconds()));
            upsert.ExecuteNonQuery();
        }

        foreach (var n in append.Notifications)
        {
            connection.Execute(
                "INSERT INTO notifications (id, tenant, recipient, number, type, clock, due_at, at, message) VALUES (@Id, @Tenant, @Recipient, @Number, @Type, @Clock, @DueAt, @At, @Message)",
                new { n.Id, n.Tenant, n.Recipient, n.Number, n.Type, n.Clock, DueAt = n.DueAt?.ToUnixTimeMilliseconds(), At = n.At.ToUnixTimeMilliseconds(), n.Message },
                transaction);
        }

        foreach (var b in append.Breaches)
        {
            // The same breach twice (a retried tick) is one breach.
            connection.Execute(
                "INSERT OR IGNORE INTO breaches (tenant, number, clock, due_at, department, breached_at, points, fine) VALUES (@Tenant, @Number, @Clock, @DueAt, @Department, @BreachedAt, @Points, @Fine)",
                new { b.Tenant, b.Number, b.Clock, DueAt = b.DueAt.ToUnixTimeMilliseconds(), b.Department, BreachedAt = b.BreachedAt.ToUnixTimeMilliseconds(), b.Points, Fine = b.Fine.ToString(CultureInfo.InvariantCulture) },
                transaction);
        }

        InsertOutbox(connection, transaction, append.Outbox);
        if (append.ReplyAddress is { } reply)
        {
            SaveReplyAddress(connection, transaction, append.Tenant, append.Number, reply.Channel, reply.Address);
        }

        return new AppendResult(AppendStatus.Appended);
    }

    public async Task<NotificationPage> NotificationsAsync(NotificationQuery query, CancellationToken cancellationToken = default)
    {
        var since = query.Since?.ToUnixTimeMilliseconds() ?? 0;
        var parameters = new { query.Tenant, Recipients = query.Recipients, Since = since, Limit = query.PageSize, Offset = (query.Page - 1) * query.PageSize };
        const string Where = "tenant = @Tenant AND recipient IN @Recipients AND at >= @Since";
        await using var connection = database.Open();
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition($"SELECT COUNT(*) FROM notifications WHERE {Where}", parameters, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<(string Id, string Tenant, string Recipient, string Number, string Type, string? Clock, long? DueAt, long At, string Message)>(
            new CommandDefinition($"SELECT id, tenant, recipient, number, type, clock, due_at, at, message FROM notifications WHERE {Where} ORDER BY at DESC, id LIMIT @Limit OFFSET @Offset", parameters, cancellationToken: cancellationToken));
        return new NotificationPage(
            [.. rows.Select(r => new Notification(r.Id, r.Tenant, r.Recipient, r.Number, r.Type, r.Clock, r.DueAt is { } d ? DateTimeOffset.FromUnixTimeMilliseconds(d) : null, DateTimeOffset.FromUnixTimeMilliseconds(r.At), r.Message))],
            total);
    }

    public async Task<IReadOnlyList<BreachRecord>> BreachesAsync(string tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<(string Tenant, string Number, string Clock, string? Department, long DueAt, long BreachedAt, long Points, string Fine)>(
            new CommandDefinition(
                "SELECT tenant, number, clock, department, due_at, breached_at, points, fine FROM breaches WHERE tenant = @tenant AND breached_at >= @from AND breached_at < @to ORDER BY breached_at, number",
                new { tenant, from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() },
                cancellationToken: cancellationToken));
        return [.. rows.Select(r => new BreachRecord(r.Tenant, r.Number, r.Clock, r.Department, DateTimeOffset.FromUnixTimeMilliseconds(r.DueAt), DateTimeOffset.FromUnixTimeMilliseconds(r.BreachedAt), (int)r.Points, decimal.Parse(r.Fine, CultureInfo.InvariantCulture)))];
    }

    public IReadOnlyDictionary<int, string> Load()
    {
        using var connection = database.Open();
        return connection.Query<(long Year, string Schedule)>("SELECT year, schedule FROM calendar_years").ToDictionary(r => (int)r.Year, r => r.Schedule);
    }

    public Task SaveAsync(int year, string scheduleJson, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => connection.Execute(
            "INSERT INTO calendar_years (year, schedule) VALUES (@year, @scheduleJson) ON CONFLICT (year) DO UPDATE SET schedule = excluded.schedule",
            new { year, scheduleJson },
            transaction), cancellationToken);

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
        public long? wake_at { get; set; }

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
            WakeAt = wake_at is { } w ? DateTimeOffset.FromUnixTimeMilliseconds(w) : null,
        };
    }
}
