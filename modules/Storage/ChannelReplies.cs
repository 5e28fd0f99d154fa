namespace Complaints.Storage;

public enum OutboxStatus
{
    /// <summary>Waiting for its (next) attempt.</summary>
    Pending,
    Sent,
    /// <summary>Not deliverable, or unknown whether delivered: never sent again.</summary>
    Failed,
    /// <summary>Not for this channel or case (no sender, no reply address).</summary>
    Skipped,
}

public sealed record OutboxEntry(OutboxMessage Message, int Attempts);

/// <summary>
/// The durable outbox of channel replies. <see cref="ClaimAsync"/> hands each due message to one sender at a time;
/// a message claimed and never settled (its host died while sending) is failed, not sent again, because the send
/// may have gone through and most channel sends are not idempotent.
/// </summary>
public interface IChannelOutbox
{
    Task<IReadOnlyList<OutboxEntry>> ClaimAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken = default);

    Task SettleAsync(string id, OutboxStatus status, int attempts, DateTimeOffset? nextAttemptAt, string? error, CancellationToken cancellationToken = default);
}

/// <summary>Where a channel answers a case's customer (an OpenID, a phone), kept apart from the case so it can be forgotten.</summary>
public interface IReplyAddresses
{
    Task SaveAsync(string tenant, string number, string channel, string address, CancellationToken cancellationToken = default);

    Task<string?> FindAsync(string tenant, string number, CancellationToken cancellationToken = default);

    /// <summary>Forgets the address everywhere for the tenant and channel; returns how many cases held it.</summary>
    Task<int> ForgetAsync(string tenant, string channel, string address, CancellationToken cancellationToken = default);
}

/// <summary>A reply to send through a channel. <see cref="Data"/> is a JSON object of strings for the template.</summary>
public sealed record OutboxMessage(string Id, string Tenant, string Number, string Channel, string? ExternalId, string Moment, string Data, DateTimeOffset CreatedAt);
