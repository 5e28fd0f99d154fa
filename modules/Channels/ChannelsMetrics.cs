using System.Diagnostics.Metrics;
using Complaints.Storage;

namespace Complaints.Channels;

/// <summary>
/// The meter <c>Complaints.Channels</c> and its instruments: what the reply outbox does with each reply. Plain
/// System.Diagnostics.Metrics: the host decides whether and where they are exported.
/// </summary>
public static class ChannelsMetrics
{
    public const string MeterName = "Complaints.Channels";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>
    /// Each settled send, per channel and status: <c>sent</c>, <c>skipped</c>, <c>pending</c> (not delivered, tried
    /// again later) or <c>failed</c> (given up or fate unknown, never sent again).
    /// </summary>
    private static readonly Counter<long> Replies = Meter.CreateCounter<long>(
        "complaints.outbox.replies", "{reply}", "Replies the outbox tried to send, per channel and resulting status.");

    private static readonly Histogram<double> SendDuration = Meter.CreateHistogram<double>(
        "complaints.outbox.send.duration", "s", "How long a channel's sender took to send one reply.");

    internal static void Settled(string channel, OutboxStatus status, TimeSpan? took)
    {
        var channelTag = new KeyValuePair<string, object?>("channel", channel);
        Replies.Add(1, channelTag, new("status", status switch
        {
            OutboxStatus.Sent => "sent",
            OutboxStatus.Skipped => "skipped",
            OutboxStatus.Pending => "pending",
            _ => "failed",
        }));
        if (took is { } duration)
        {
            SendDuration.Record(duration.TotalSeconds, channelTag);
        }
    }
}
