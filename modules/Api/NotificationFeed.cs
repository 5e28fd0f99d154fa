using System.Collections.Concurrent;
using System.Threading.Channels;
using Complaints.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Complaints.Api;

/// <summary>How the notification stream reads the store (configuration section <c>Notifications</c>).</summary>
public sealed class NotificationStreamOptions
{
    /// <summary>How often a host reads a tenant's new notifications while a client of that tenant is connected.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How far back each read looks again (ids already handed on are skipped): a row whose transaction committed after
    /// a later-stamped row (several hosts write at once) is still found.
    /// </summary>
    public TimeSpan Lookback { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often an idle stream sends a comment line, so proxies keep the connection open.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// The host's one reader of new notifications, per tenant: while at least one client of a tenant is connected, one
/// loop reads the tenant's notifications stored after its cursor (every <see cref="NotificationStreamOptions.PollInterval"/>)
/// and hands each to the subscribers it is addressed to. A notification written on any host of a cluster reaches the
/// clients of every host through the shared store; idle clients cost nothing but their connection.
/// </summary>
public sealed partial class NotificationFeed(IClockRecords records, IOptions<NotificationStreamOptions> options, ILogger<NotificationFeed> logger) : IAsyncDisposable
{
    private const int BatchSize = 500;
    private readonly ConcurrentDictionary<string, TenantFeed> _tenants = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();

    /// <summary>
    /// Subscribes to the tenant's notifications addressed to any of <paramref name="recipients"/>, from the moment the
    /// returned subscription is started (the tenant's cursor is placed before it returns). Dispose it to leave.
    /// </summary>
    public async Task<NotificationSubscription> SubscribeAsync(string tenant, IReadOnlySet<string> recipients, CancellationToken cancellationToken)
    {
        var subscription = new NotificationSubscription(recipients, Leave);
        TenantFeed feed;
        lock (_gate)
        {
            feed = _tenants.GetOrAdd(tenant, t => new TenantFeed(t));
            feed.Subscribers.Add(subscription);
            subscription.Feed = feed;
            if (feed.Loop is null)
            {
                feed.Stop = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                feed.Loop = Task.Run(() => RunAsync(feed, feed.Stop.Token), CancellationToken.None);
            }
        }

        try
        {
            await feed.Started.Task.WaitAsync(cancellationToken);
            return subscription;
        }
        catch
        {
            subscription.Dispose(); // the client left or the store failed: a loop must not run on for nobody
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        foreach (var feed in _tenants.Values)
        {
            if (feed.Loop is { } loop)
            {
                await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        _stopping.Dispose();
    }

    private void Leave(NotificationSubscription subscription)
    {
        lock (_gate)
        {
            var feed = subscription.Feed!;
            feed.Subscribers.Remove(subscription);
            if (feed.Subscribers.Count == 0 && feed.Stop is { } stop)
            {
                // The last client left: the loop stops; the next client starts a new one at the store's end.
                stop.Cancel();
                stop.Dispose();
                feed.Stop = null;
                feed.Loop = null;
                _tenants.TryRemove(new KeyValuePair<string, TenantFeed>(feed.Tenant, feed));
            }
        }
    }

    private async Task RunAsync(TenantFeed feed, CancellationToken cancellationToken)
    {
        var interval = options.Value.PollInterval;
        var lookback = options.Value.Lookback;
        var seen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        DateTimeOffset cursor;
        try
        {
            // Start at the store's end: what was there before is in the list; a resumed stream replays its gap itself.
            cursor = await records.FeedEndAsync(feed.Tenant, cancellationToken) ?? DateTimeOffset.UnixEpoch;
            foreach (var item in await records.FeedAsync(feed.Tenant, cursor - lookback, BatchSize, cancellationToken))
            {
                seen[item.Notification.Id] = item.StoredAt;
            }

            feed.Started.TrySetResult();
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            feed.Started.TrySetException(exception);
            Leave(feed);
            return;
        }
        catch (OperationCanceledException)
        {
            feed.Started.TrySetCanceled(cancellationToken);
            return;
        }

        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    // Look back again (late commits), then page on while a burst fills whole batches.
                    var from = cursor - lookback;
                    while (true)
                    {
                        var items = await records.FeedAsync(feed.Tenant, from, BatchSize, cancellationToken);
                        foreach (var item in items.Where(i => seen.TryAdd(i.Notification.Id, i.StoredAt)))
                        {
                            Publish(feed, item.Notification);
                        }

                        if (items.Count > 0 && items[^1].StoredAt > cursor)
                        {
                            cursor = items[^1].StoredAt;
                        }

                        if (items.Count < BatchSize || items[^1].StoredAt <= from)
                        {
                            break;
                        }

                        from = items[^1].StoredAt;
                    }

                    foreach (var old in seen.Where(s => s.Value < cursor - lookback - lookback).Select(s => s.Key).ToList())
                    {
                        seen.Remove(old);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The store is briefly unreachable: clients keep their connection; the next tick reads the gap.
                    LogReadFailed(logger, exception, feed.Tenant);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the last subscriber left, or the host stops
        }
    }

    private void Leave(TenantFeed feed)
    {
        lock (_gate)
        {
            feed.Stop?.Dispose();
            feed.Stop = null;
            feed.Loop = null;
            _tenants.TryRemove(new KeyValuePair<string, TenantFeed>(feed.Tenant, feed));
        }
    }

    private void Publish(TenantFeed feed, Notification notification)
    {
        NotificationSubscription[] subscribers;
        lock (_gate)
        {
            subscribers = [.. feed.Subscribers];
        }

        foreach (var subscriber in subscribers.Where(s => s.Recipients.Contains(notification.Recipient)))
        {
            subscriber.Offer(notification);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read new notifications of tenant {Tenant}; trying again")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, string tenant);

    internal sealed class TenantFeed(string tenant)
    {
        public string Tenant { get; } = tenant;

        public List<NotificationSubscription> Subscribers { get; } = [];

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenSource? Stop { get; set; }

        public Task? Loop { get; set; }
    }
}

/// <summary>One connected client's share of a tenant's feed: the notifications addressed to it, as they come.</summary>
public sealed class NotificationSubscription : IDisposable
{
    // Bounded: a client that stops reading loses its oldest pushes (the list still has them), never the host's memory.
    private readonly Channel<Notification> _queue = Channel.CreateBounded<Notification>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly Action<NotificationSubscription> _leave;
    private int _disposed;

    internal NotificationSubscription(IReadOnlySet<string> recipients, Action<NotificationSubscription> leave) => (Recipients, _leave) = (recipients, leave);

    public IReadOnlySet<string> Recipients { get; }

    public ChannelReader<Notification> Notifications => _queue.Reader;

    internal NotificationFeed.TenantFeed? Feed { get; set; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _queue.Writer.TryComplete();
            _leave(this);
        }
    }

    internal void Offer(Notification notification) => _queue.Writer.TryWrite(notification);
}
