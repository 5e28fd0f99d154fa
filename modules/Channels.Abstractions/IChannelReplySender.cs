namespace Complaints.Channels;

/// <summary>
/// Sends the host's replies back through the channel a complaint came from (an SMS, a WeChat customer-service
/// message, a call to the 12345 platform). Register one per plugin as a singleton <see cref="IChannelReplySender"/>.
/// The host keeps every reply in a durable outbox and calls the sender until it reports an outcome.
/// </summary>
public interface IChannelReplySender
{
    /// <summary>The plugin's channel id: replies of cases from this channel come here.</summary>
    string ChannelId { get; }

    Task<ReplyOutcome> SendAsync(ChannelReply reply, CancellationToken cancellationToken = default);
}

/// <summary>
/// One reply. <see cref="Moment"/> is what happened to the case, in the case history's words: one of
/// <see cref="ReplyMoments"/>. <see cref="Text"/> is the tenant's template for that moment, filled in.
/// <see cref="Id"/> is stable across attempts: use it as the send's idempotency key where the far side has one.
/// </summary>
public sealed record ChannelReply(
    string Id,
    string Tenant,
    string Number,
    string Channel,
    string? ExternalId,
    string Moment,
    string Text,
    string? ReplyTo,
    IReadOnlyDictionary<string, string> Data);

public enum ReplyOutcome
{
    /// <summary>Delivered (or accepted by the far side).</summary>
    Sent,
    /// <summary>Certainly not delivered (e.g. connection refused, 5xx before sending): the host tries again later.</summary>
    RetryLater,
    /// <summary>Not deliverable, or unknown whether delivered (a timeout on a non-idempotent send): never retried.</summary>
    Failed,
    /// <summary>This reply does not apply to this channel or case (e.g. no reply address): dropped.</summary>
    Skipped,
}
