using Complaints.Storage.Relational;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Complaints.Storage.Sqlite;

/// <summary>The channel side of the embedded store: the reply outbox, reply addresses, notices.</summary>
public sealed partial class SqliteCaseStore : IChannelOutbox, IReplyAddresses
{
    public Task<IReadOnlyList<OutboxEntry>> ClaimAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken = default) =>
        database.WriteAsync<IReadOnlyList<OutboxEntry>>((connection, transaction) =>
        {
            var at = now.ToUnixTimeMilliseconds();
            connection.Execute(RelationalQueries.FailExpiredClaims, new { At = at }, transaction);
            var rows = connection.Query<(string Id, string Tenant, string Number, string Channel, string? ExternalId, string Moment, string Data, long CreatedAt, long Attempts)>(
                """
                UPDATE outbox SET status = 'sending', claimed_until = @until
                WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= @at ORDER BY next_attempt_at LIMIT @limit)
                RETURNING id, tenant, number, channel, external_id, moment, data, created_at, attempts
                """,
                new { at, until = (now + lease).ToUnixTimeMilliseconds(), limit },
                transaction);
            // RETURNING gives rows in no particular order: hand them out oldest first, as each case's replies were made.
            return [.. rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal)
                .Select(r => new OutboxEntry(new OutboxMessage(r.Id, r.Tenant, r.Number, r.Channel, r.ExternalId, r.Moment, r.Data, DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt)), (int)r.Attempts))];
        }, cancellationToken);

    public Task SettleAsync(string id, OutboxStatus status, int attempts, DateTimeOffset? nextAttemptAt, string? error, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => connection.Execute(
            RelationalQueries.SettleOutbox, SettleParameters(id, status, attempts, nextAttemptAt, error), transaction), cancellationToken);

    public Task SaveAsync(string tenant, string number, string channel, string address, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => SaveReplyAddress(connection, transaction, tenant, number, channel, address), cancellationToken);

    public Task<int> ForgetAsync(string tenant, string channel, string address, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => connection.Execute(
            RelationalQueries.ForgetReplyAddress, new { Tenant = tenant, Channel = channel, Address = address }, transaction), cancellationToken);

    public Task AddNotificationAsync(Notification notification, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction) => connection.Execute(
            RelationalQueries.AddNotification, NotificationParameters(notification), transaction), cancellationToken);

    public Task<int> MarkReadAsync(string tenant, string reader, IReadOnlyList<string> recipients, IReadOnlyList<string>? ids, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ids is { Count: 0 }
            ? Task.FromResult(0)
            : database.WriteAsync((connection, transaction) => connection.Execute(
                MarkReadSql(ids is null), MarkReadParameters(tenant, reader, recipients, ids, at), transaction), cancellationToken);

    private static int SaveReplyAddress(SqliteConnection connection, SqliteTransaction transaction, string tenant, string number, string channel, string address) =>
        connection.Execute(RelationalQueries.SaveReplyAddress, new { Tenant = tenant, Number = number, Channel = channel, Address = address }, transaction);

    private static void InsertOutbox(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<OutboxMessage> outbox)
    {
        foreach (var m in outbox)
        {
            connection.Execute(
                "INSERT INTO outbox (id, tenant, number, channel, external_id, moment, data, created_at, status, next_attempt_at) VALUES (@Id, @Tenant, @Number, @Channel, @ExternalId, @Moment, @Data, @CreatedAt, 'pending', @CreatedAt)",
                new { m.Id, m.Tenant, m.Number, m.Channel, m.ExternalId, m.Moment, m.Data, CreatedAt = m.CreatedAt.ToUnixTimeMilliseconds() },
                transaction);
        }
    }
}
