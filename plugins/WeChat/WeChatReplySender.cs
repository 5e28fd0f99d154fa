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
internal sealed partial class WeChatReplySender(WeChatAccounts accounts, ILogger<WeChatReplySender> logger, WeChatConversations? conversations = null, TimeProvider? time = null) : IChannelReplySender
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

        // Outside the 48-hour customer-service window (the user's last message known to be older, or WeChat saying so
        // with 45015) the reply goes as a template message, the one kind WeChat delivers then.
        if (conversations?.WindowClosed(reply.Tenant, reply.ReplyTo, (time ?? TimeProvider.System).GetUtcNow()) != true)
        {
            var message = new WeChatCustomTextMessage(reply.ReplyTo, new WeChatTextContent(reply.Text));
            var (outcome, errCode) = await WithTokenAsync(holder, reply, token => TrySendAsync(api, token, message, reply, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (!IsWindowClosed(errCode))
            {
                return outcome;
            }

            LogWindowClosed(reply.Id, reply.Tenant);
        }

        if (account.TemplateId is not { } templateId)
        {
            LogNoTemplate(reply.Id, reply.Tenant);
            return ReplyOutcome.Failed;
        }

        var template = Template(account, templateId, reply);
        return (await WithTokenAsync(holder, reply, token => TrySendTemplateAsync(api, token, template, reply, cancellationToken), cancellationToken).ConfigureAwait(false)).Outcome;
    }

    /// <summary>The template message of <paramref name="reply"/>: each configured field filled in; the reply's id as <c>client_msg_id</c>.</summary>
    internal static WeChatTemplateMessage Template(WeChatAccount account, string templateId, ChannelReply reply)
    {
        string Fill(string pattern)
        {
            var value = pattern.Replace("{text}", reply.Text, StringComparison.Ordinal).Replace("{number}", reply.Number, StringComparison.Ordinal);
            foreach (var (key, data) in reply.Data)
            {
                value = value.Replace("{" + key + "}", data, StringComparison.Ordinal);
            }

            return value;
        }

        return new WeChatTemplateMessage(reply.ReplyTo!, templateId, account.TemplateData.ToDictionary(f => f.Key, f => new WeChatTemplateValue(Fill(f.Value)), StringComparer.Ordinal))
        {
            Url = account.TemplateUrl,
            ClientMsgId = reply.Id,
        };
    }

    /// <summary>45015: the user has not written within 48 hours (or unsubscribed); 45047: over the window's message count.</summary>
    internal static bool IsWindowClosed(int? errCode) => errCode is 45015 or 45047;

    /// <summary>Sends with the account's token; a refused token (certainly not delivered) is renewed once and the send made once more.</summary>
    private async Task<(ReplyOutcome Outcome, int? ErrCode)> WithTokenAsync(
        WeChatTokenHolder holder, ChannelReply reply, Func<string, Task<(ReplyOutcome Outcome, int? ErrCode)>> send, CancellationToken cancellationToken)
    {
        string token;
        try
        {
            token = await holder.GetAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WeChatApiException or ApiException || IsTransport(ex, cancellationToken))
        {
            // Nothing was sent yet.
            LogTokenFailed(ex, reply.Id, reply.Tenant);
            return (ReplyOutcome.RetryLater, null);
        }

        var first = await send(token).ConfigureAwait(false);
        if (first.ErrCode is not { } refused || !IsTokenProblem(refused))
        {
            return first;
        }

        try
        {
            token = await holder.RefreshAsync(token, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WeChatApiException or ApiException || IsTransport(ex, cancellationToken))
        {
            LogTokenFailed(ex, reply.Id, reply.Tenant);
            return (ReplyOutcome.RetryLater, null);
        }

        var second = await send(token).ConfigureAwait(false);
        return second.ErrCode is { } again && IsTokenProblem(again) ? (ReplyOutcome.RetryLater, again) : second;
    }

    private Task<(ReplyOutcome Outcome, int? ErrCode)> TrySendAsync(
        IWeChatApi api, string token, WeChatCustomTextMessage message, ChannelReply reply, CancellationToken cancellationToken) =>
        ClassifyAsync(
            async () =>
            {
                var r = await api.SendCustomAsync(token, message, cancellationToken).ConfigureAwait(false);
                return (r.IsSuccess, r.ErrCode, r.ErrMsg);
            },
            reply,
            cancellationToken);

    private Task<(ReplyOutcome Outcome, int? ErrCode)> TrySendTemplateAsync(
        IWeChatApi api, string token, WeChatTemplateMessage message, ChannelReply reply, CancellationToken cancellationToken) =>
        ClassifyAsync(
            async () =>
            {
                var r = await api.SendTemplateAsync(token, message, cancellationToken).ConfigureAwait(false);
                return (r.IsSuccess, r.ErrCode, r.ErrMsg);
            },
            reply,
            cancellationToken);

    private async Task<(ReplyOutcome Outcome, int? ErrCode)> ClassifyAsync(
        Func<Task<(bool IsSuccess, int ErrCode, string? ErrMsg)>> send, ChannelReply reply, CancellationToken cancellationToken)
    {
        (bool IsSuccess, int ErrCode, string? ErrMsg) result;
        try
        {
            result = await send().ConfigureAwait(false);
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
            return (ReplyOutcome.Sent, null);
        }

        LogRefused(reply.Id, reply.Tenant, result.ErrCode, result.ErrMsg);
        // -1: "system busy, try again later": explicitly not processed.
        return (result.ErrCode == -1 ? ReplyOutcome.RetryLater : ReplyOutcome.Failed, result.ErrCode);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "WeChat reply {ReplyId} (tenant {Tenant}): the 48-hour customer-service window has closed; sending a template message")]
    private partial void LogWindowClosed(string replyId, string tenant);

    [LoggerMessage(Level = LogLevel.Error, Message = "WeChat reply {ReplyId} (tenant {Tenant}): outside the 48-hour window and no Template:Id configured; not sent")]
    private partial void LogNoTemplate(string replyId, string tenant);

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
