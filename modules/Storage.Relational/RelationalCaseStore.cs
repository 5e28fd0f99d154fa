using System.Data.Common;
using System.Globalization;
using Dapper;

namespace Complaints.Storage.Relational;

/// <summary>
/// What both relational stores do the same way: every read of the storage contract (events, ledger, notifications,
/// breaches, calendar years, reply addresses, the probe), with the database's types mapped by its
/// <see cref="RelationalDialect"/>. A store adds its connection and its writes (its own single-writer or multi-writer
/// commit loop, and the SQL that differs).
/// </summary>
public abstract partial class RelationalCaseStore(RelationalDialect dialect)
{
    /// <summary>The storage interfaces a relational store implements, each registered as the one store instance.</summary>
    public static IReadOnlyList<Type> Contracts { get; } =
    [
        typeof(ICaseEventStore), typeof(ILedger), typeof(ICaseNumberBlocks), typeof(IStorageProbe),
        typeof(IClockRecords), typeof(ICalendarYears), typeof(IChannelOutbox), typeof(IReplyAddresses), typeof(IUserAccounts),
        typeof(ICallbackLedger),
        typeof(IStatistics),
        typeof(IReportSnapshots),
        typeof(IScorecards),
        typeof(IOpenCases),
        typeof(IHotSpots),
        typeof(IRelatedCases),
        typeof(ICallerHistory),
        typeof(IAttachments),
    ];

    protected RelationalDialect Dialect { get; } = dialect;

    /// <summary>An open pooled connection for reading; disposing it returns it to the pool.</summary>
    protected abstract ValueTask<DbConnection> OpenReadAsync(CancellationToken cancellationToken);

    protected abstract DbConnection OpenRead();

    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM number_blocks", cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadAsync(string tenant, string number, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<(object Seq, string Type, string At, string Actor, string Data)>(
            new CommandDefinition(
                "SELECT seq, type, at, actor, data FROM case_events WHERE tenant = @tenant AND number = @number ORDER BY seq",
                new { tenant, number },
                cancellationToken: cancellationToken));

        // Event times are kept as ISO 8601 text on both databases: the offset and every tick read back as written.
        return [.. rows.Select(r => new StoredEvent(Convert.ToInt32(r.Seq, CultureInfo.InvariantCulture), r.Type, DateTimeOffset.Parse(r.At, CultureInfo.InvariantCulture), r.Actor, r.Data))];
    }

    public async Task<IReadOnlyList<(string Tenant, string Number)>> DueForWakeUpAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Tenant, string Number)>(new CommandDefinition(
            "SELECT tenant, number FROM cases WHERE wake_at IS NOT NULL AND wake_at <= @now ORDER BY wake_at LIMIT @limit",
            new { now = Dialect.Time(now), limit },
            cancellationToken: cancellationToken));
        return [.. rows];
    }

    public async Task<string?> FindByExternalIdAsync(string tenant, string channel, string externalId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT number FROM cases WHERE tenant = @tenant AND channel = @channel AND external_id = @externalId",
            new { tenant, channel, externalId },
            cancellationToken: cancellationToken));
    }

    public async Task<LedgerPage> QueryAsync(LedgerQuery query, CancellationToken cancellationToken = default)
    {
        var (where, parameters) = LedgerFilter.Build(query, Dialect);
        await using var connection = await OpenReadAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT COUNT(*) FROM cases WHERE {where}", parameters, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<CaseRow>(new CommandDefinition(
            $"SELECT * FROM cases WHERE {where} ORDER BY registered_at DESC, number DESC LIMIT @Limit OFFSET @Offset",
            parameters,
            cancellationToken: cancellationToken));
        return new LedgerPage([.. rows.Select(r => r.ToLedgerRow(Dialect))], total);
    }

    public async Task<NotificationPage> NotificationsAsync(NotificationQuery query, CancellationToken cancellationToken = default)
    {
        var parameters = new
        {
            query.Tenant,
            Recipients = Dialect.List(query.Recipients),
            Since = Dialect.Time(query.Since ?? DateTimeOffset.UnixEpoch),
            query.Reader,
            Limit = query.PageSize,
            Offset = (query.Page - 1) * query.PageSize,
        };
        const string IsRead = "EXISTS (SELECT 1 FROM notification_reads r WHERE r.tenant = notifications.tenant AND r.reader = @Reader AND r.id = notifications.id)";
        var mine = $"tenant = @Tenant AND {Dialect.RecipientIsAnyOf}";
        var where = $"{mine} AND at >= @Since" + (query.UnreadOnly ? $" AND NOT {IsRead}" : "");
        await using var connection = await OpenReadAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition($"SELECT COUNT(*) FROM notifications WHERE {where}", parameters, cancellationToken: cancellationToken));
        var unread = query.Reader is null
            ? 0
            : await connection.ExecuteScalarAsync<int>(new CommandDefinition($"SELECT COUNT(*) FROM notifications WHERE {mine} AND NOT {IsRead}", parameters, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<NotificationRow>(new CommandDefinition(
            $"SELECT {NotificationRow.Columns}, {IsRead} AS is_read FROM notifications WHERE {where} ORDER BY at DESC, id LIMIT @Limit OFFSET @Offset", parameters, cancellationToken: cancellationToken));
        var items = rows.ToList();
        return new NotificationPage([.. items.Select(r => r.ToNotification(Dialect))], total)
        {
            Read = items.Where(r => Convert.ToBoolean(r.is_read, CultureInfo.InvariantCulture)).Select(r => r.id).ToHashSet(StringComparer.Ordinal),
            Unread = unread,
        };
    }

    public async Task<IReadOnlyList<FeedItem>> FeedAsync(string tenant, DateTimeOffset after, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<NotificationRow>(new CommandDefinition(
            $"SELECT {NotificationRow.Columns}, NULL AS is_read FROM notifications WHERE tenant = @tenant AND stored_at > @after ORDER BY stored_at, id LIMIT @limit",
            new { tenant, after = Dialect.Time(after), limit },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => new FeedItem(r.ToNotification(Dialect), Dialect.ReadTime(r.stored_at)))];
    }

    public async Task<DateTimeOffset?> FeedEndAsync(string tenant, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        var end = await connection.ExecuteScalarAsync<object?>(new CommandDefinition(
            "SELECT MAX(stored_at) FROM notifications WHERE tenant = @tenant", new { tenant }, cancellationToken: cancellationToken));
        return Dialect.ReadTimeOrNull(end);
    }

    public async Task<DateTimeOffset?> StoredAtAsync(string tenant, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        var at = await connection.ExecuteScalarAsync<object?>(new CommandDefinition(
            "SELECT stored_at FROM notifications WHERE tenant = @tenant AND id = @id", new { tenant, id }, cancellationToken: cancellationToken));
        return Dialect.ReadTimeOrNull(at);
    }

    /// <summary>
    /// The statement of <see cref="IClockRecords.MarkReadAsync"/>: marks the reader's notifications (all, or those of
    /// <c>@Ids</c>) read; a mark made before stays as it was.
    /// </summary>
    protected string MarkReadSql(bool all) =>
        "INSERT INTO notification_reads (tenant, reader, id, read_at) SELECT tenant, @Reader, id, @At FROM notifications " +
        $"WHERE tenant = @Tenant AND {Dialect.RecipientIsAnyOf}" + (all ? "" : $" AND {Dialect.IsAnyOf("id", "Ids")}") +
        " ON CONFLICT (tenant, reader, id) DO NOTHING";

    /// <summary>The parameters of <see cref="MarkReadSql"/>.</summary>
    protected object MarkReadParameters(string tenant, string reader, IReadOnlyList<string> recipients, IReadOnlyList<string>? ids, DateTimeOffset at) =>
        new { Tenant = tenant, Reader = reader, Recipients = Dialect.List(recipients), Ids = Dialect.List(ids ?? []), At = Dialect.Time(at) };

    public async Task<IReadOnlyList<BreachRecord>> BreachesAsync(string tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Tenant, string Number, string Clock, string? Department, object DueAt, object BreachedAt, object Points, object Fine, string? Person)>(
            new CommandDefinition(
                "SELECT tenant, number, clock, department, due_at, breached_at, points, fine, person FROM breaches WHERE tenant = @tenant AND breached_at >= @from AND breached_at < @to ORDER BY breached_at, number",
                new { tenant, from = Dialect.Time(from), to = Dialect.Time(to) },
                cancellationToken: cancellationToken));
        return [.. rows.Select(r => new BreachRecord(
            r.Tenant, r.Number, r.Clock, r.Department, Dialect.ReadTime(r.DueAt), Dialect.ReadTime(r.BreachedAt),
            Convert.ToInt32(r.Points, CultureInfo.InvariantCulture), Dialect.ReadDecimal(r.Fine)) { Person = r.Person })];
    }

    public async Task<IReadOnlyList<(string Tenant, int Year)>> HeldAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Tenant, object Year)>(
            new CommandDefinition("SELECT tenant, year FROM number_blocks WHERE held_from IS NOT NULL ORDER BY tenant, year", cancellationToken: cancellationToken));
        return [.. rows.Select(r => (r.Tenant, Convert.ToInt32(r.Year, CultureInfo.InvariantCulture)))];
    }

    public async Task<IReadOnlyList<NumberGap>> GapsAsync(string tenant, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Tenant, object Year, object First, object Last, object DetectedAt, string Reason)>(
            new CommandDefinition(CaseNumberHolds.SelectGaps, new { tenant }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new NumberGap(
            r.Tenant, Convert.ToInt32(r.Year, CultureInfo.InvariantCulture), Convert.ToInt64(r.First, CultureInfo.InvariantCulture),
            Convert.ToInt64(r.Last, CultureInfo.InvariantCulture), Dialect.ReadTime(r.DetectedAt), r.Reason))];
    }

    public IReadOnlyDictionary<int, string> Load()
    {
        using var connection = OpenRead();
        return connection.Query<(object Year, string Schedule)>("SELECT year, schedule FROM calendar_years")
            .ToDictionary(r => Convert.ToInt32(r.Year, CultureInfo.InvariantCulture), r => r.Schedule);
    }

    public async Task<string?> FindAsync(string tenant, string number, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT address FROM reply_addresses WHERE tenant = @tenant AND number = @number", new { tenant, number }, cancellationToken: cancellationToken));
    }

    /// <summary>The parameters of <see cref="RelationalQueries.AddNotification"/>.</summary>
    protected object NotificationParameters(Notification n) =>
        new { n.Id, n.Tenant, n.Recipient, n.Number, n.Type, n.Clock, DueAt = Dialect.Time(n.DueAt), At = Dialect.Time(n.At), n.Message, TextKey = n.Text?.Key, TextArgs = NotificationTextColumns.Args(n.Text) };

    /// <summary>The parameters of <see cref="RelationalQueries.SettleOutbox"/>.</summary>
    protected object SettleParameters(string id, OutboxStatus status, int attempts, DateTimeOffset? nextAttemptAt, string? error) =>
        new { Id = id, Status = status.ToString().ToLowerInvariant(), Attempts = attempts, Next = Dialect.Time(nextAttemptAt), Error = error };
}

/// <summary>A <c>notifications</c> row as Dapper reads it (properties named as the columns; times mapped by the dialect).</summary>
internal sealed class NotificationRow
{
    public const string Columns = "id, tenant, recipient, number, type, clock, due_at, at, message, text_key, text_args, stored_at";

    public string id { get; set; } = "";
    public string tenant { get; set; } = "";
    public string recipient { get; set; } = "";
    public string number { get; set; } = "";
    public string type { get; set; } = "";
    public string? clock { get; set; }
    public object? due_at { get; set; }
    public object at { get; set; } = 0L;
    public string message { get; set; } = "";
    public string? text_key { get; set; }
    public string? text_args { get; set; }
    public object stored_at { get; set; } = 0L;

    /// <summary>Whether the query's reader has read it (0/1 in SQLite, a boolean in PostgreSQL; null in a feed).</summary>
    public object? is_read { get; set; }

    public Notification ToNotification(RelationalDialect dialect) =>
        new(id, tenant, recipient, number, type, clock, dialect.ReadTimeOrNull(due_at), dialect.ReadTime(at), message)
        {
            Text = NotificationTextColumns.Read(text_key, text_args),
        };
}
