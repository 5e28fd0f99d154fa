using System.Diagnostics;
using System.Text.Json;
using Complaints.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Complaints.Channels;

/// <summary>
/// Sends the outbox: each due reply once to its channel's sender, with the tenant's template filled in. Cases are
/// sent side by side, but one case's replies one at a time in the order they happened (a 12345 platform refuses a
/// result before the sign-for). A reply the sender says was certainly not delivered is tried again later (backing
/// off) and holds back that case's later replies; one that failed or whose fate is unknown is never sent again, so a
/// customer never gets the same SMS twice.
/// </summary>
internal sealed class ReplyDispatcher(
    IChannelOutbox outbox,
    IReplyAddresses addresses,
    IEnumerable<IChannelReplySender> senders,
    ReplyTemplates templates,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<ReplyDispatcher> logger) : BackgroundService
{
    private const int MaxAttempts = 12;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, IChannelReplySender> _senders = senders.GroupBy(s => s.ChannelId).ToDictionary(g => g.Key, g => g.First());

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMilliseconds(configuration.GetValue("Channels:OutboxPollMilliseconds", 500));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var due = await outbox.ClaimAsync(time.GetUtcNow(), Lease, 100, stoppingToken);
                await Task.WhenAll(due
                    .GroupBy(entry => (entry.Message.Tenant, entry.Message.Number))
                    .Select(replies => SendInOrderAsync([.. replies.OrderBy(r => r.Message.CreatedAt)], stoppingToken)));
                if (due.Count == 100)
                {
                    continue;
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "The reply outbox could not be read");
            }

            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task SendInOrderAsync(IReadOnlyList<OutboxEntry> replies, CancellationToken stoppingToken)
    {
        for (var i = 0; i < replies.Count; i++)
        {
            if (await SendAsync(replies[i], stoppingToken) == OutboxStatus.Pending)
            {
                // Not delivered yet: the later replies of this case wait for it.
                foreach (var later in replies.Skip(i + 1))
                {
                    await outbox.SettleAsync(later.Message.Id, OutboxStatus.Pending, later.Attempts, time.GetUtcNow() + TimeSpan.FromSeconds(1), null, CancellationToken.None);
                }

                return;
            }
        }
    }

    private async Task<OutboxStatus> SendAsync(OutboxEntry entry, CancellationToken stoppingToken)
    {
        var m = entry.Message;
        var attempts = entry.Attempts + 1;
        if (!_senders.TryGetValue(m.Channel, out var sender))
        {
            await outbox.SettleAsync(m.Id, OutboxStatus.Skipped, attempts, null, $"No plugin sends replies for channel '{m.Channel}'.", CancellationToken.None);
            ChannelsMetrics.Settled(m.Channel, OutboxStatus.Skipped, null);
            return OutboxStatus.Skipped;
        }

        var data = JsonSerializer.Deserialize<Dictionary<string, string>>(m.Data) ?? [];
        var reply = new ChannelReply(
            m.Id,
            m.Tenant,
            m.Number,
            m.Channel,
            m.ExternalId,
            m.Moment,
            templates.Render(m.Tenant, m.Channel, m.Moment, data),
            await addresses.FindAsync(m.Tenant, m.Number, stoppingToken),
            data);
        ReplyOutcome outcome;
        string? error = null;
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(SendTimeout);
            outcome = await sender.SendAsync(reply, timeout.Token);
        }
        catch (Exception exception)
        {
            // Thrown mid-send: we cannot know whether it was delivered, so it is not sent again.
            logger.LogError(exception, "Channel {Channel} failed sending the {Moment} reply of {Number}", m.Channel, m.Moment, m.Number);
            (outcome, error) = (ReplyOutcome.Failed, exception.Message);
        }

        var (status, next) = outcome switch
        {
            ReplyOutcome.Sent => (OutboxStatus.Sent, (DateTimeOffset?)null),
            ReplyOutcome.Skipped => (OutboxStatus.Skipped, null),
            ReplyOutcome.RetryLater when attempts < MaxAttempts => (OutboxStatus.Pending, time.GetUtcNow() + TimeSpan.FromSeconds(Math.Min(600, Math.Pow(2, attempts)))),
            _ => (OutboxStatus.Failed, null),
        };
        var took = Stopwatch.GetElapsedTime(started);
        await outbox.SettleAsync(m.Id, status, attempts, next, error ?? (outcome == ReplyOutcome.RetryLater && status == OutboxStatus.Failed ? "gave up after retries" : null), CancellationToken.None);
        ChannelsMetrics.Settled(m.Channel, status, took);
        return status;
    }
}

/// <summary>
/// Reply texts per tenant: <c>Tenants:{t}:Replies:{channel}:{moment}</c>, else <c>Tenants:{t}:Replies:{moment}</c>,
/// else the standard texts of seed 001 §5.3. <c>{number}</c>, <c>{result}</c>, <c>{reason}</c>, … are filled in.
/// </summary>
public sealed class ReplyTemplates(IConfiguration configuration)
{
    private static readonly Dictionary<string, string> Standard = new()
    {
        [ReplyMoments.Accepted] = "您好！您的投诉已登记（编号 {number}），我们已将您的投诉转达给相关部门，有关人员将为您进行处理。感谢您的来电！祝您生活愉快！",
        [ReplyMoments.Rejected] = "您好！您反映的问题（编号 {number}）：{reason}",
        [ReplyMoments.Answered] = "您好！{reply}",
        [ReplyMoments.Signed] = "编号 {number} 已由 {department} 签收。",
        [ReplyMoments.Returned] = "编号 {number} 已退回：{reason}",
        [ReplyMoments.ReturnedToSource] = "编号 {number} 已退回来件平台：{reason}",
        [ReplyMoments.ExtensionDecided] = "编号 {number} 已延期至 {until}：{reason}",
        [ReplyMoments.ResultReported] = "您好！您反映的问题（编号 {number}）已处理：{result}",
        [ReplyMoments.Closed] = "您好！您反映的问题（编号 {number}）已办结，感谢您的监督与支持！",
    };

    public string Render(string tenant, string channel, string moment, IReadOnlyDictionary<string, string> data)
    {
        var replies = configuration.GetSection("Tenants").GetSection(tenant).GetSection("Replies");
        var template = replies.GetSection(channel)[moment] ?? replies[moment] ?? Standard.GetValueOrDefault(moment) ?? "{number}";
        foreach (var (key, value) in data)
        {
            template = template.Replace("{" + key + "}", value, StringComparison.Ordinal);
        }

        return template;
    }
}
