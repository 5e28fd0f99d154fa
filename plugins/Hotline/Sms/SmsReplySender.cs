using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Refit;

namespace Complaints.Channels.Hotline.Sms;

/// <summary>
/// Sends hotline replies by SMS. <c>SendSms</c> is not idempotent: the client never retries, and an answer that
/// may have been delivered (a timeout, a broken connection after sending, an unreadable answer) is
/// <see cref="ReplyOutcome.Failed"/>, never retried. Only what certainly did not reach the gateway (no connection
/// could be made, or the gateway refused on flow control before sending) is <see cref="ReplyOutcome.RetryLater"/>.
/// </summary>
public sealed class SmsReplySender(IServiceProvider services, IConfiguration configuration, ILogger<SmsReplySender> logger) : IChannelReplySender
{
    /// <summary>The moments that go out by SMS: the acknowledgement and the final answer. Every other moment is skipped.</summary>
    public static readonly IReadOnlySet<string> SmsMoments = new HashSet<string>(StringComparer.Ordinal) { ReplyMoments.Accepted, ReplyMoments.ResultReported, ReplyMoments.Closed };

    /// <summary>Gateway codes that say the message was refused before sending (flow control): safe to try again later.</summary>
    private static readonly HashSet<string> RefusedBeforeSending = new(StringComparer.Ordinal)
    {
        "isv.BUSINESS_LIMIT_CONTROL", "Throttling.User", "Throttling.Api", "isv.DAY_LIMIT_CONTROL", "ServiceUnavailable",
    };

    public string ChannelId => HotlinePlugin.ChannelId;

    /// <summary>True only when no connection to the gateway could be made (refused, no such host, TLS handshake): nothing was sent.</summary>
    public static bool CertainlyNotSent(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError })
            {
                return true;
            }
        }

        return false;
    }

    public async Task<ReplyOutcome> SendAsync(ChannelReply reply, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reply);
        cancellationToken.ThrowIfCancellationRequested();

        if (!SmsMoments.Contains(reply.Moment) || string.IsNullOrWhiteSpace(reply.ReplyTo))
        {
            return ReplyOutcome.Skipped;
        }

        var settings = ChannelSettings.For(configuration, reply.Tenant, HotlinePlugin.ChannelId);
        var options = settings is null ? null : HotlineSettings.Read(settings);
        var api = services.GetKeyedService<IAliyunSmsApi>(reply.Tenant);
        if (options is null || api is null || !options.CanSendSms)
        {
            logger.LogWarning("Hotline SMS for {Tenant} {Number} not sent: the tenant has no complete SMS settings", reply.Tenant, reply.Number);
            return ReplyOutcome.Failed;
        }

        if (!options.Templates.TryGetValue(reply.Moment, out var templateCode) || string.IsNullOrWhiteSpace(templateCode))
        {
            return ReplyOutcome.Skipped;
        }

        return await SendSmsAsync(reply, reply.ReplyTo, templateCode, options, api, cancellationToken);
    }

    /// <summary>
    /// One SMS through the tenant's gateway client: the reply's data, its number and its text as template variables, the
    /// reply's id as <c>OutId</c>; the answer classified as above. Shared by the customer replies and the staff SMS.
    /// </summary>
    internal async Task<ReplyOutcome> SendSmsAsync(ChannelReply reply, string phone, string templateCode, HotlineSettings options, IAliyunSmsApi api, CancellationToken cancellationToken)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in reply.Data)
        {
            variables[key] = value;
        }

        variables["number"] = reply.Number;
        variables["text"] = reply.Text;
        var request = new AliyunSendSmsRequest(
            PhoneNumbers: phone,
            SignName: options.SignName!,
            TemplateCode: templateCode,
            TemplateParam: AliyunSendSmsRequestBuilder.SerializeTemplateParam(variables),
            OutId: reply.Id);
        var timeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var builder = new AliyunSendSmsRequestBuilder(options.AccessKeyId!, options.AccessKeySecret!, options.RegionId);
        var form = builder.BuildSignedQuery(request, timeProvider, "POST");

        HttpResponseMessage response;
        try
        {
            using var content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
            response = await api.SendSmsAsync(content, cancellationToken);
        }
        catch (Exception e) when (e is ApiRequestException or HttpRequestException or OperationCanceledException)
        {
            if (CertainlyNotSent(e))
            {
                logger.LogWarning(e, "SMS gateway unreachable for {Tenant} {Number} ({Moment}): will try again", reply.Tenant, reply.Number, reply.Moment);
                return ReplyOutcome.RetryLater;
            }

            // A timeout, a connection broken after sending, or the host stopping mid-send: the gateway may have sent
            // the message. SendSms is not idempotent: never resend.
            logger.LogError(e, "SMS to {Tenant} {Number} ({Moment}) broke off: may have been delivered, not resent", reply.Tenant, reply.Number, reply.Moment);
            return ReplyOutcome.Failed;
        }

        using (response)
        {
            AliyunSendSmsResponse? answer = null;
            try
            {
                answer = await response.Content.ReadFromJsonAsync(SmsJsonContext.Default.AliyunSendSmsResponse, CancellationToken.None);
            }
            catch (JsonException)
            {
                // Not the gateway's JSON (a proxy's error page): classified below by the status alone.
            }
            catch (NotSupportedException)
            {
                // Not JSON at all.
            }

            if (answer?.IsSuccess == true)
            {
                logger.LogInformation("SMS sent for {Tenant} {Number} ({Moment}): BizId {BizId}", reply.Tenant, reply.Number, reply.Moment, answer.BizId);
                return ReplyOutcome.Sent;
            }

            if (answer?.Code is { } code && RefusedBeforeSending.Contains(code))
            {
                logger.LogWarning("SMS gateway refused {Tenant} {Number} ({Moment}) with {Code}: will try again", reply.Tenant, reply.Number, reply.Moment, code);
                return ReplyOutcome.RetryLater;
            }

            logger.LogError(
                "SMS for {Tenant} {Number} ({Moment}) failed: HTTP {Status}, {Code} {Message}",
                reply.Tenant, reply.Number, reply.Moment, (int)response.StatusCode, answer?.Code, answer?.Message);
            return ReplyOutcome.Failed;
        }
    }
}
