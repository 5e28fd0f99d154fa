using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Refit;

namespace Complaints.Channels.Gov12345;

/// <summary>
/// Reports the company's operations on a 12345 order back to the platform: signed → sign for (签收),
/// returned-to-source (the desk's decision) → return with reason (退单), extension-decided (approved) → extension
/// request (申请延期), result-reported → reply with the result (办结回复); a department's internal return is not reported. Each is a non-idempotent POST: it is repeated (by the host's outbox) only when it certainly did
/// not arrive (no connection, 503/429); a timeout or a lost connection is <see cref="ReplyOutcome.Failed"/>.
/// The reply's <see cref="ChannelReply.Id"/> goes in the <c>RequestId</c> field for platforms that deduplicate.
/// Data keys read: <c>reason</c> (returned-to-source, extension-decided), <c>until</c> (extension-decided),
/// <c>result</c> (result-reported); the reply text stands in for a missing reason or result.
/// </summary>
internal sealed partial class Gov12345ReplySender(Gov12345Platforms platforms, TimeProvider time, ILogger<Gov12345ReplySender> logger) : IChannelReplySender
{
    public string ChannelId => Gov12345Plugin.ChannelId;

    public async Task<ReplyOutcome> SendAsync(ChannelReply reply, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var operation = reply.Moment switch
        {
            ReplyMoments.Signed => "Sign",
            // A department's return to the desk is internal (the order stays with the company): only the desk's return
            // to the platform is a 退单. An extension is reported once approved, never when merely asked for.
            ReplyMoments.ReturnedToSource => "Return",
            ReplyMoments.ExtensionDecided => "Extend",
            ReplyMoments.ResultReported => "Reply",
            _ => null,
        };
        var order = reply.ExternalId ?? reply.ReplyTo;
        if (operation is null || string.IsNullOrWhiteSpace(order))
        {
            return ReplyOutcome.Skipped;
        }

        if (platforms.Find(reply.Tenant) is not { BaseUrl: not null } settings)
        {
            LogNoPlatform(reply.Id, reply.Tenant);
            return ReplyOutcome.Skipped;
        }

        var body = new JsonObject
        {
            [settings.Field("Number")] = order,
            [settings.Field("OperatedAt")] = time.GetUtcNow().ToOffset(settings.TimeZoneOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            [settings.Field("RequestId")] = reply.Id,
        };
        switch (operation)
        {
            case "Return":
                body[settings.Field("Reason")] = Data(reply, "reason") ?? reply.Text;
                break;
            case "Extend":
                body[settings.Field("Reason")] = Data(reply, "reason") ?? reply.Text;
                if (Data(reply, "until") is { } until)
                {
                    // The host writes "yyyy-MM-dd HH:mm" in China time; ISO times with an offset are converted too.
                    body[settings.Field("Until")] = Gov12345OrderMapper.ParseTime(until, ChinaTime.Offset) is { } at
                        ? at.ToOffset(settings.TimeZoneOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
                        : until;
                }

                break;
            case "Reply":
                body[settings.Field("Result")] = Data(reply, "result") ?? reply.Text;
                break;
        }

        JsonObject answer;
        try
        {
            answer = await platforms.Api(settings).PostAsync(settings.Paths[operation], body, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTransport(ex, cancellationToken) && NeverConnected(ex))
        {
            LogNotSent(ex, reply.Id, operation, order);
            return ReplyOutcome.RetryLater;
        }
        catch (ApiException ex) when (ex.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests)
        {
            LogNotSent(ex, reply.Id, operation, order);
            return ReplyOutcome.RetryLater;
        }
        catch (Exception ex) when (ex is ApiException || IsTransport(ex, cancellationToken))
        {
            LogUnknown(ex, reply.Id, operation, order);
            return ReplyOutcome.Failed;
        }

        if (Gov12345Platforms.Succeeded(settings, answer))
        {
            return ReplyOutcome.Sent;
        }

        LogRefused(reply.Id, operation, order, answer.ToJsonString());
        return ReplyOutcome.Failed;
    }

    private static string? Data(ChannelReply reply, string key) =>
        reply.Data.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    private static Exception Unwrap(Exception ex) => ex is ApiRequestException { InnerException: { } inner } ? inner : ex;

    private static bool IsTransport(Exception ex, CancellationToken cancellationToken) =>
        Unwrap(ex) is HttpRequestException || (Unwrap(ex) is OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested);

    private static bool NeverConnected(Exception ex) =>
        Unwrap(ex) is HttpRequestException
        {
            HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError,
            InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.TryAgain },
        };

    [LoggerMessage(Level = LogLevel.Warning, Message = "12345 report {ReplyId}: tenant {Tenant} has no platform configured; skipped")]
    private partial void LogNoPlatform(string replyId, string tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "12345 report {ReplyId} ({Operation} {Order}): platform not reached; will retry")]
    private partial void LogNotSent(Exception ex, string replyId, string operation, string order);

    [LoggerMessage(Level = LogLevel.Error, Message = "12345 report {ReplyId} ({Operation} {Order}): outcome unknown after sending; not repeated")]
    private partial void LogUnknown(Exception ex, string replyId, string operation, string order);

    [LoggerMessage(Level = LogLevel.Warning, Message = "12345 report {ReplyId} ({Operation} {Order}) refused by the platform: {Answer}")]
    private partial void LogRefused(string replyId, string operation, string order, string answer);
}
