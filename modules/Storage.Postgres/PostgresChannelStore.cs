using Complaints.Storage.Relational;
using Dapper;
using Npgsql;

namespace Complaints.Storage.Postgres;

/// <summary>The channel side of the cluster store: the reply outbox (claimed across hosts), reply addresses, notices.</summary>
public sealed partial class PostgresCaseStore : IChannelOutbox, IReplyAddresses
{
    public Task<IReadOnlyList<OutboxEntry>> ClaimAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken = default) =>
        database.WriteAsync<IReadOnlyList<OutboxEntry>>(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(RelationalQueries.FailExpiredClaims, new { At = now.UtcDateTime }, transaction);
            // SKIP LOCKED: hosts polling at once each take different messages.
            var rows = await connection.QueryAsync<(string Id, string Tenant, string Number, string Channel, string? ExternalId, string Moment, string Data, DateTime CreatedAt, int Attempts)>(
                """
                UPDATE outbox SET status = 'sending', claimed_until = @Until
                WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= @At ORDER BY next_attempt_at LIMIT @Limit FOR UPDATE SKIP LOCKED)
                RETURNING id, tenant, number, channel, external_id, moment, data, created_at, attempts
                """,
                new { At = now.UtcDateTime, Until = (now + lease).UtcDateTime, Limit = limit },
                transaction);
            // RETURNING gives rows in no particular order: hand them out oldest first, as each case's replies were made.
            return [.. rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal)
                .Select(r => new OutboxEntry(new OutboxMessage(r.Id, r.Tenant, r.Number, r.Channel, r.ExternalId, r.Moment, r.Data, Utc(r.CreatedAt)), r.Attempts))];
        }, cancellationToken);

    public Task SettleAsync(string id, OutboxStatus status, int attempts, DateTimeOffset? nextAttemptAt, string? error, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(
            RelationalQueries.SettleOutbox, SettleParameters(id, status, attempts, nextAttemptAt, error), transaction), cancellationToken);

    public Task SaveAsync(string tenant, string number, string channel, string address, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(
            RelationalQueries.SaveReplyAddress, new { Tenant = tenant, Number = number, Channel = channel, Address = address }, transaction), cancellationToken);

    public Task<int> ForgetAsync(string tenant, string channel, string address, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(
            RelationalQueries.ForgetReplyAddress, new { Tenant = tenant, Channel = channel, Address = address }, transaction), cancellationToken);

    public Task AddNotificationAsync(Notification notification, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => connection.ExecuteAsync(
            RelationalQueries.AddNotification, NotificationParameters(notification), transaction), cancellationToken);

    public Task<int> MarkReadAsync(string tenant, string reader, IReadOnlyList<string> recipients, IReadOnlyList<string>? ids, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ids is { Count: 0 }
            ? Task.FromResult(0)
            : database.WriteAsync((connection, transaction) => connection.ExecuteAsync(
                MarkReadSql(ids is null), MarkReadParameters(tenant, reader, recipients, ids, at), transaction), cancellationToken);

    private static void AddOutbox(NpgsqlBatch batch, IReadOnlyList<OutboxMessage> outbox)
    {
        foreach (var m in outbox)
        {
            var insert = new NpgsqlBatchCommand("INSERT INTO outbox (id, tenant, number, channel, external_id, moment, data, created_at, status, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $8)");
            insert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = m.Id });
            insert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = m.Tenant });
            insert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = m.Number });
            insert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = m.Channel });
            insert.Parameters.Add(Text(null, m.ExternalId));
            insert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = m.Moment });
            insert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = m.Data });
            insert.Parameters.Add(Time(null, m.CreatedAt));
            batch.BatchCommands.Add(insert);
        }
    }

    private static void AddReplyAddress(NpgsqlBatch batch, string tenant, string number, ReplyAddress? reply)
    {
        if (reply is null)
        {
            return;
        }

        var upsert = new NpgsqlBatchCommand("INSERT INTO reply_addresses (tenant, number, channel, address) VALUES ($1, $2, $3, $4) ON CONFLICT (tenant, number) DO UPDATE SET channel = excluded.channel, address = excluded.address");
        upsert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = tenant });
        upsert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = number });
        upsert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = reply.Channel });
        upsert.Parameters.Add(new NpgsqlParameter<string>() { TypedValue = reply.Address });
        batch.BatchCommands.Add(upsert);
    }
}
