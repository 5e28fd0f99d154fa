using System.Collections.Concurrent;
using System.Globalization;
using Complaints.Channels.WeChat.Api;
using Complaints.Channels.WeChat.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Complaints.Channels.WeChat;

/// <summary>What to answer to one push: a passive text reply, or <c>success</c> when <see cref="Text"/> is null.</summary>
internal sealed record InboxAnswer(string? Text)
{
    public static readonly InboxAnswer Success = new((string?)null);
}

/// <summary>
/// Turns verified pushes into intake submissions and remembers each push's handling for a while, so WeChat's
/// retries of one push (same MsgId; events: FromUserName + CreateTime) share one handling and get the same answer.
/// The handling runs apart from the request: when intake is slow the request answers <c>success</c> in time and the
/// handling still completes; a handling that fails is forgotten so that a retry tries again (intake is idempotent).
/// </summary>
internal sealed partial class WeChatInbox(IServiceScopeFactory scopes, WeChatAccounts accounts, TimeProvider time, ILogger<WeChatInbox> logger, WeChatConversations? conversations = null)
{
    /// <summary>WeChat retries within about 15 seconds; remember pushes much longer than that.</summary>
    private static readonly TimeSpan Remember = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, Entry> _handled = new(StringComparer.Ordinal);
    private long _lastSweep;

    /// <summary>How many distinct pushes were handled (retries not counted); for tests and diagnostics.</summary>
    public int Handlings => Volatile.Read(ref _handlings);

    private int _handlings;

    /// <summary>The handling of <paramref name="message"/>, shared by all its retries.</summary>
    public Task<InboxAnswer> HandleAsync(WeChatAccount account, WeChatInboundMessage message)
    {
        Sweep();
        var key = string.Concat(account.Tenant, "|", message.DeduplicationKey);
        var entry = _handled.GetOrAdd(key, _ => new Entry(time.GetUtcNow(), new Lazy<Task<InboxAnswer>>(() => Start(key, account, message))));
        return entry.Handling.Value;
    }

    private Task<InboxAnswer> Start(string key, WeChatAccount account, WeChatInboundMessage message)
    {
        Interlocked.Increment(ref _handlings);
        var handling = Task.Run(() => ProcessAsync(account, message));
        _ = handling.ContinueWith(
            t =>
            {
                LogHandlingFailed(t.Exception, account.Tenant, key);
                _handled.TryRemove(key, out _);
            },
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return handling;
    }

    private async Task<InboxAnswer> ProcessAsync(WeChatAccount account, WeChatInboundMessage message)
    {
        if (message is WeChatEventMessage e)
        {
            return await HandleEventAsync(account, e).ConfigureAwait(false);
        }

        // A user's message opens (or keeps open) the 48-hour customer-service window.
        conversations?.Wrote(account.Tenant, message.FromUserName, message.CreateTime);

        if (ToSubmission(account.Tenant, message) is not { } submission)
        {
            return InboxAnswer.Success;
        }

        // A photo or voice message comes as a media id: its bytes are fetched and go in as the case's attachment. A fetch
        // that fails registers the message without it (the content names the media id; WeChat keeps it for 3 days).
        if (message is WeChatImageMessage or WeChatVoiceMessage && account.CanSend)
        {
            var mediaId = message is WeChatImageMessage image ? image.MediaId : ((WeChatVoiceMessage)message).MediaId;
            try
            {
                var file = await WeChatMedia.FetchAsync(accounts.Api(account), accounts.TokenHolder(account), mediaId, CancellationToken.None).ConfigureAwait(false);
                submission = submission with { Attachments = [file] };
            }
            catch (Exception ex) when (ex is WeChatApiException or HttpRequestException or TaskCanceledException or InvalidDataException)
            {
                LogMediaFailed(ex, account.Tenant, submission.ExternalId);
            }
        }

        await using var scope = scopes.CreateAsyncScope();
        var intake = scope.ServiceProvider.GetRequiredService<IChannelIntake>();
        var receipt = await intake.SubmitAsync(submission).ConfigureAwait(false);
        if (!receipt.Accepted || receipt.Number is null)
        {
            LogRefused(account.Tenant, submission.ExternalId, receipt.Field, receipt.Problem);
            return new InboxAnswer(account.Refused);
        }

        LogRegistered(account.Tenant, submission.ExternalId, receipt.Number, receipt.Status);
        return new InboxAnswer(account.AcknowledgementFor(receipt.Number));
    }

    private async Task<InboxAnswer> HandleEventAsync(WeChatAccount account, WeChatEventMessage e)
    {
        switch (e.Event.ToUpperInvariant())
        {
            case "SUBSCRIBE":
                return new InboxAnswer(account.Welcome);
            case "UNSUBSCRIBE":
                await using (var scope = scopes.CreateAsyncScope())
                {
                    var intake = scope.ServiceProvider.GetRequiredService<IChannelIntake>();
                    var cases = await intake.ForgetReplyAddressAsync(account.Tenant, WeChatPlugin.ChannelId, e.FromUserName).ConfigureAwait(false);
                    conversations?.Forget(account.Tenant, e.FromUserName);
                    LogForgotten(account.Tenant, cases);
                }

                return InboxAnswer.Success;
            default:
                return InboxAnswer.Success;
        }
    }

    /// <summary>The intake submission for an ordinary message, or null for a type this channel does not register.</summary>
    internal static IntakeSubmission? ToSubmission(string tenant, WeChatInboundMessage message)
    {
        var (content, location) = message switch
        {
            WeChatTextMessage text => (text.Content.Trim(), (string?)null),
            WeChatVoiceMessage voice => (string.IsNullOrWhiteSpace(voice.Recognition)
                ? $"[语音留言，未能识别文字] 媒体编号 {voice.MediaId}（格式 {voice.Format}）"
                : voice.Recognition.Trim(), null),
            WeChatImageMessage image => ($"[图片留言] {image.PicUrl}（媒体编号 {image.MediaId}）", null),
            WeChatLocationMessage place => (
                $"[位置] {place.Label} ({Coordinate(place.LocationX)}, {Coordinate(place.LocationY)})".Replace("  ", " ", StringComparison.Ordinal),
                string.IsNullOrWhiteSpace(place.Label)
                    ? $"{Coordinate(place.LocationX)},{Coordinate(place.LocationY)}"
                    : $"{place.Label} ({Coordinate(place.LocationX)},{Coordinate(place.LocationY)})"),
            _ => (null, null),
        };
        if (content is null)
        {
            return null;
        }

        return new IntakeSubmission
        {
            Tenant = tenant,
            Channel = WeChatPlugin.ChannelId,
            ExternalId = message.DeduplicationKey,
            // A message to a utility's account is a complaint or report; agents set the kind and category on acceptance.
            Kind = "complaint",
            Content = content,
            ReceivedAt = message.CreateTime,
            Location = location,
            ReplyTo = message.FromUserName,
            // The user's contact, shown masked; the full OpenID stays only the reply address, which unsubscribe forgets.
            OpenId = message.FromUserName,
        };
    }

    private static string Coordinate(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private void Sweep()
    {
        var now = time.GetUtcNow();
        var last = Interlocked.Read(ref _lastSweep);
        if (now.UtcTicks - last < TimeSpan.TicksPerMinute || Interlocked.CompareExchange(ref _lastSweep, now.UtcTicks, last) != last)
        {
            return;
        }

        foreach (var (key, entry) in _handled)
        {
            if (now - entry.At > Remember)
            {
                _handled.TryRemove(key, out _);
            }
        }
    }

    private sealed record Entry(DateTimeOffset At, Lazy<Task<InboxAnswer>> Handling);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeChat message {ExternalId} of tenant {Tenant} registered as {Number} ({Status})")]
    private partial void LogRegistered(string tenant, string externalId, string number, IntakeStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeChat message {ExternalId} of tenant {Tenant} refused by intake: {Field} {Problem}")]
    private partial void LogRefused(string tenant, string externalId, string? field, string? problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeChat message {ExternalId} of tenant {Tenant}: its media could not be fetched; registered without the file")]
    private partial void LogMediaFailed(Exception ex, string tenant, string externalId);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeChat unsubscribe for tenant {Tenant}: reply address forgotten in {Cases} case(s)")]
    private partial void LogForgotten(string tenant, int cases);

    [LoggerMessage(Level = LogLevel.Error, Message = "WeChat push {Key} of tenant {Tenant} could not be handled; a retry will try again")]
    private partial void LogHandlingFailed(Exception? ex, string tenant, string key);
}
