using System.Net;
using System.Net.Sockets;
using Complaints.Channels.WeChat.Api;
using Complaints.Channels.WeChat.Protocol;
using Microsoft.Extensions.Logging;
using Refit;

namespace Complaints.Channels.WeChat;

/// <summary>
/// Sends the host's replies to the customer as a WeChat customer-service text message. A send is not idempotent
/// (WeChat has no key for it), so it is repeated only when it certainly did not go out: a refused token
/// (refresh once, send once more), a connection that was never made, or WeChat's explicit "busy" answer.
/// A timeout or a broken connection after the request left is reported <see cref="ReplyOutcome.Failed"/>.
/// </summary>
internal sealed partial class WeChatReplySender(WeChatAccounts accounts, ILogger<WeChatReplySender> logger) : IChannelReplySender
{
    /// <summary>Moments between the company's departments, not for the customer.</summary>
    private static readonly HashSet<string> Internal = new(StringComparer.OrdinalIgnoreCase) { ReplyMoments.Signed, ReplyMoments.Returned, ReplyMoments.ExtensionDecided };

    public string ChannelId => WeChatPlugin.ChannelId;

    public async Task<ReplyOutcome> SendAsync(ChannelReply reply, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (Internal.Contains(reply.Moment) || string.IsNullOrWhiteSpace(reply.ReplyTo) || string.IsNullOrWhiteSpace(reply.Text))
        {
            return ReplyOutcome.Skipped;
        }

        if (accounts.Find(reply.Tenant) is not { } account)
        {
            LogNoAccount(reply.Id, reply.Tenant);
            return ReplyOutcome.Skipped;
        }

        if (!account.CanSend)
        {
            LogCannotSend(reply.Id, reply.Tenant);
            return ReplyOutcome.Failed;
        }

        var api = accounts.Api(account);
        var holder = accounts.TokenHolder(account);
        var message = new WeChatCustomTextMessage(reply.ReplyTo, new WeChatTextContent(reply.Text));

        string token;
        try
        {
            token = await holder.GetAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WeChatApiException or ApiException || IsTransport(ex, cancellationToken))
        {
            // Nothing was sent yet.
            LogTokenFailed(ex, reply.Id, reply.Tenant);
            return ReplyOutcome.RetryLater;
        }

        var first = await TrySendAsync(api, token, message, reply, cancellationToken).ConfigureAwait(false);
        if (first is not { Result: { } refused } || !IsTokenProblem(refused.ErrCode))
        {
            return first.Outcome;
        }

        // The token was refused, so the message was certainly not delivered: renew once and send once more.
        try
        {
            token = await holder.RefreshAsync(token, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WeChatApiException or ApiException || IsTransport(ex, cancellationToken))
        {
            LogTokenFailed(ex, reply.Id, reply.Tenant);
            return ReplyOutcome.RetryLater;
        }

        var second = await TrySendAsync(api, token, message, reply, cancellationToken).ConfigureAwait(false);
        return second.Result is { } again && IsTokenProblem(again.ErrCode) ? ReplyOutcome.RetryLater : second.Outcome;
    }

    private async Task<(ReplyOutcome Outcome, WeChatApiResult? Result)> TrySendAsync(
        IWeChatApi api, string token, WeChatCustomTextMessage message, ChannelReply reply, CancellationToken cancellationToken)
    {
        WeChatApiResult result;
        try
        {
            result = await api.SendCustomAsync(token, message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTransport(ex, cancellationToken) && NeverConnected(ex))
        {
            LogNotSent(ex, reply.Id, reply.Tenant);
            return (ReplyOutcome.RetryLater, null);
        }
        catch (ApiException ex) when (ex.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests)
        {
            // Refused at the door: the request was not processed.
            LogNotSent(ex, reply.Id, reply.Tenant);
            return (ReplyOutcome.RetryLater, null);
        }
        catch (Exception ex) when (ex is ApiException || IsTransport(ex, cancellationToken))
        {
            // The request may have reached WeChat (a timeout, a connection lost): never send it again.
            LogUnknown(ex, reply.Id, reply.Tenant);
            return (ReplyOutcome.Failed, null);
        }

        if (result.IsSuccess)
        {
            return (ReplyOutcome.Sent, result);
        }

        LogRefused(reply.Id, reply.Tenant, result.ErrCode, result.ErrMsg);
        // -1: "system busy, try again later": explicitly not processed.
        return (result.ErrCode == -1 ? ReplyOutcome.RetryLater : ReplyOutcome.Failed, result);
    }

    /// <summary>40001 invalid credential, 40014 invalid access_token, 42001 access_token expired.</summary>
    internal static bool IsTokenProblem(int errCode) => errCode is 40001 or 40014 or 42001;

    /// <summary>A transport failure or a timeout (Refit 16 wraps them in <see cref="ApiRequestException"/>), not the caller's cancellation.</summary>
    internal static bool IsTransport(Exception ex, CancellationToken cancellationToken) =>
        Unwrap(ex) is HttpRequestException || (Unwrap(ex) is OperationCanceledException or TimeoutException && !cancellationToken.IsCancellationRequested);

    /// <summary>Connection refused, unknown host, unreachable network: the request never left this machine.</summary>
    internal static bool NeverConnected(Exception ex) =>
        Unwrap(ex) is HttpRequestException
        {
            HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError,
            InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.TryAgain },
        };

    private static Exception Unwrap(Exception ex) => ex is ApiRequestException { InnerException: { } inner } ? inner : ex;

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeChat reply {ReplyId}: tenant {Tenant} no longer enables the channel; skipped")]
    private partial void LogNoAccount(string replyId, string tenant);

    [LoggerMessage(Level = LogLevel.Error, Message = "WeChat reply {ReplyId}: tenant {Tenant} has no AppId/AppSecret; cannot send")]
    private partial void LogCannotSend(string replyId, string tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeChat reply {ReplyId} (tenant {Tenant}): no access token; not sent, will retry")]
    private partial void LogTokenFailed(Exception ex, string replyId, string tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeChat reply {ReplyId} (tenant {Tenant}): WeChat not reached; not sent, will retry")]
    private partial void LogNotSent(Exception ex, string replyId, string tenant);

    [LoggerMessage(Level = LogLevel.Error, Message = "WeChat reply {ReplyId} (tenant {Tenant}): outcome unknown after sending; not repeated")]
    private partial void LogUnknown(Exception ex, string replyId, string tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeChat reply {ReplyId} (tenant {Tenant}): refused, errcode {ErrCode} ({ErrMsg})")]
    private partial void LogRefused(string replyId, string tenant, int errCode, string? errMsg);
}
