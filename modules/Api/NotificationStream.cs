using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Complaints.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Complaints.Api;

/// <summary>
/// <c>GET …/notifications/stream</c>: the reader's notifications as Server-Sent Events, written here rather than with
/// <c>TypedResults.ServerSentEvents</c> because that cannot send the comment lines that keep an idle connection open
/// through proxies. Each event is <c>event: notification</c>, <c>id:</c> the notification's id, <c>data:</c> the
/// notification as the list gives it. A client that reconnects with <c>Last-Event-ID</c> first gets what it missed.
/// </summary>
internal static class NotificationStream
{
    private const int ReplayBatch = 500;

    public static async Task StreamAsync(
        string tenant,
        HttpContext http,
        ClaimsPrincipal user,
        NotificationFeed feed,
        IClockRecords records,
        IOptions<NotificationStreamOptions> options,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        IHostApplicationLifetime lifetime,
        CancellationToken aborted)
    {
        // A stream never ends by itself: it ends when the client leaves or the host stops (not after its shutdown timeout).
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(aborted, lifetime.ApplicationStopping);
        var cancellationToken = ending.Token;
        var culture = ApiResults.Reader;
        var recipients = NotificationReader.RecipientsOf(user).ToHashSet(StringComparer.Ordinal);
        var jsonOptions = json.Value.SerializerOptions;
        using var subscription = await feed.SubscribeAsync(tenant, recipients, cancellationToken);

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/event-stream; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no"; // nginx: do not hold events back
        await WriteAsync(http, ": connected\n\n", cancellationToken);

        // Sent ids, so what both the replay and the live feed carry goes out once.
        var sent = new HashSet<string>(StringComparer.Ordinal);
        if (http.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } lastId
            && await records.StoredAtAsync(tenant, lastId, cancellationToken) is { } after)
        {
            sent.Add(lastId);
            var from = after - TimeSpan.FromMilliseconds(1); // rows stored in the same millisecond
            while (true)
            {
                var batch = await records.FeedAsync(tenant, from, ReplayBatch, cancellationToken);
                foreach (var item in batch.Where(i => recipients.Contains(i.Notification.Recipient) && sent.Add(i.Notification.Id)))
                {
                    await SendAsync(http, item.Notification, culture, jsonOptions, cancellationToken);
                }

                if (batch.Count < ReplayBatch || batch[^1].StoredAt <= from)
                {
                    break;
                }

                from = batch[^1].StoredAt;
            }
        }

        var heartbeat = options.Value.HeartbeatInterval;
        var reader = subscription.Notifications;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                wait.CancelAfter(heartbeat);
                bool more;
                try
                {
                    more = await reader.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    await WriteAsync(http, ": heartbeat\n\n", cancellationToken);
                    continue;
                }

                if (!more)
                {
                    return;
                }

                while (reader.TryRead(out var notification))
                {
                    if (sent.Add(notification.Id))
                    {
                        await SendAsync(http, notification, culture, jsonOptions, cancellationToken);
                    }
                }

                if (sent.Count > 10_000)
                {
                    sent.Clear(); // only the replay's overlap needs it, long past by now
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the client went away
        }
    }

    private static Task SendAsync(HttpContext http, Notification notification, CultureInfo culture, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        var data = JsonSerializer.Serialize(NotificationReader.Response(notification, culture, read: false), options);
        return WriteAsync(http, $"id: {notification.Id}\nevent: notification\ndata: {data}\n\n", cancellationToken);
    }

    private static async Task WriteAsync(HttpContext http, string text, CancellationToken cancellationToken)
    {
        await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
    }
}
