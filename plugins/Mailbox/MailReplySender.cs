using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Complaints.Channels.Mailbox;

/// <summary>
/// Sends a case's replies to the sender by SMTP, in the thread of their message: <c>In-Reply-To</c> and
/// <c>References</c> name the original Message-ID, the subject is <c>Re: </c> and the original's. The reply's
/// Message-ID is made from <see cref="ChannelReply.Id"/>, so a repeated send is recognisably the same message.
/// Repeated (by the host's outbox) only when it certainly did not go out: no connection, refused login, or a 4xx
/// answer before the message was accepted; a connection lost while sending is <see cref="ReplyOutcome.Failed"/>.
/// Internal moments (signed, returned, extension decided) are not sent.
/// </summary>
internal sealed partial class MailReplySender(MailboxSettingsCatalog catalog, ILogger<MailReplySender> logger) : IChannelReplySender
{
    private static readonly HashSet<string> Internal = new(StringComparer.OrdinalIgnoreCase) { ReplyMoments.Signed, ReplyMoments.Returned, ReplyMoments.ExtensionDecided, ReplyMoments.ReturnedToSource };

    public string ChannelId => MailboxPlugin.ChannelId;

    /// <summary>The message a reply becomes (pure).</summary>
    internal static MimeMessage Compose(MailboxSettings settings, ChannelReply reply, MailThread thread)
    {
        var message = new MimeMessage();
        message.From.Add(settings.From!);
        message.To.Add(MailboxAddress.Parse(thread.Address));
        message.Subject = MailThread.ReplySubject(thread.Subject, reply.Number);
        message.MessageId = $"{reply.Id}.{reply.Number}@{settings.From!.Domain}";
        if (thread.MessageId is { } original)
        {
            message.InReplyTo = original;
            message.References.Add(original);
        }

        message.Body = new TextPart("plain") { Text = reply.Text };
        return message;
    }

    public async Task<ReplyOutcome> SendAsync(ChannelReply reply, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (Internal.Contains(reply.Moment) || string.IsNullOrWhiteSpace(reply.Text) || MailThread.Parse(reply.ReplyTo) is not { } thread)
        {
            return ReplyOutcome.Skipped;
        }

        if (catalog.Find(reply.Tenant) is not { SmtpHost: not null } settings)
        {
            LogNoSmtp(reply.Id, reply.Tenant);
            return ReplyOutcome.Skipped;
        }

        MimeMessage message;
        try
        {
            message = Compose(settings, reply, thread);
        }
        catch (ParseException)
        {
            LogBadAddress(reply.Id, reply.Tenant);
            return ReplyOutcome.Failed;
        }

        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.SmtpHost, settings.SmtpPort, settings.SmtpSecurity, cancellationToken).ConfigureAwait(false);
            if (settings.SmtpPassword is not null && client.Capabilities.HasFlag(SmtpCapabilities.Authentication))
            {
                await client.AuthenticateAsync(settings.SmtpUser ?? settings.User, settings.SmtpPassword, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or SslHandshakeException or AuthenticationException or SmtpProtocolException or SmtpCommandException or TimeoutException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Nothing was sent: the message had not been offered yet.
            LogNotSent(reply.Id, reply.Tenant, ex.GetType().Name, ex.Message);
            return ReplyOutcome.RetryLater;
        }

        try
        {
            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode is >= 400 and < 500)
        {
            // A temporary refusal (greylisting, mailbox busy): the server did not take the message.
            LogNotSent(reply.Id, reply.Tenant, ex.GetType().Name, ex.Message);
            return ReplyOutcome.RetryLater;
        }
        catch (SmtpCommandException ex)
        {
            LogRefused(reply.Id, reply.Tenant, (int)ex.StatusCode, ex.ErrorCode.ToString());
            return ReplyOutcome.Failed;
        }
        catch (Exception ex) when (ex is SocketException or IOException or SmtpProtocolException or ServiceNotConnectedException or TimeoutException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnknown(reply.Id, reply.Tenant, ex.GetType().Name, ex.Message);
            return ReplyOutcome.Failed;
        }

        try
        {
            await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or IOException or SmtpProtocolException or OperationCanceledException)
        {
            // Sent already; a server that hangs up without answering QUIT changes nothing.
        }

        return ReplyOutcome.Sent;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail reply {ReplyId}: tenant {Tenant} has no SMTP server configured; skipped")]
    private partial void LogNoSmtp(string replyId, string tenant);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail reply {ReplyId} (tenant {Tenant}): the reply address is not an e-mail address; not sent")]
    private partial void LogBadAddress(string replyId, string tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail reply {ReplyId} (tenant {Tenant}): not sent ({Error}: {Reason}); will retry")]
    private partial void LogNotSent(string replyId, string tenant, string error, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail reply {ReplyId} (tenant {Tenant}): refused by the server ({Status} {Code}); not repeated")]
    private partial void LogRefused(string replyId, string tenant, int status, string code);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail reply {ReplyId} (tenant {Tenant}): outcome unknown after sending ({Error}: {Reason}); not repeated")]
    private partial void LogUnknown(string replyId, string tenant, string error, string reason);
}
