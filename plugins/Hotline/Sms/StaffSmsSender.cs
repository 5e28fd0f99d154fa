using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Complaints.Channels.Hotline.Sms;

/// <summary>
/// Staff SMS (seed 001 §3.3: 电话通知相关部门负责人): the host plans an outbox message of the channel <c>staff-sms</c>
/// when a case is dispatched to a department with a duty phone, or one of its clocks is breached; this sender texts the
/// department's duty phone through the tenant's SMS gateway client (the hotline's: its <c>AccessKeyId</c>,
/// <c>AccessKeySecret</c>, <c>SignName</c>, <c>Endpoint</c>). Settings: <c>Tenants:{t}:Notifications:Sms:DutyPhones:{department}</c>
/// and the gateway's template per moment, <c>Tenants:{t}:Notifications:Sms:Templates:{dispatched|clock-breached}</c>;
/// the template gets <c>number</c>, <c>department</c>, <c>text</c> (and <c>clock</c>, <c>dueAt</c> on a breach).
/// A moment without a template, or a department without a duty phone, is skipped.
/// </summary>
internal sealed class StaffSmsSender(IServiceProvider services, IConfiguration configuration, SmsReplySender sms, ILogger<StaffSmsSender> logger) : IChannelReplySender
{
    /// <summary>The outbox channel of staff SMS (a copy of the host's <c>StaffSms.Channel</c>).</summary>
    public const string StaffChannelId = "staff-sms";

    public string ChannelId => StaffChannelId;

    public async Task<ReplyOutcome> SendAsync(ChannelReply reply, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var notifications = configuration.GetSection("Tenants").GetSection(reply.Tenant).GetSection("Notifications").GetSection("Sms");
        var department = reply.Data.GetValueOrDefault("department");
        var phone = department is null ? null : notifications.GetSection("DutyPhones")[department];
        var templateCode = notifications.GetSection("Templates")[reply.Moment];
        if (string.IsNullOrWhiteSpace(phone) || string.IsNullOrWhiteSpace(templateCode) || string.Equals(notifications["Enabled"], "false", StringComparison.OrdinalIgnoreCase))
        {
            return ReplyOutcome.Skipped;
        }

        var hotline = ChannelSettings.For(configuration, reply.Tenant, HotlinePlugin.ChannelId);
        var options = hotline is null ? null : HotlineSettings.Read(hotline);
        var api = services.GetKeyedService<IAliyunSmsApi>(reply.Tenant);
        if (options is null || api is null || !options.CanSendSms)
        {
            logger.LogWarning("Staff SMS for {Tenant} {Number} not sent: the tenant's hotline channel has no complete SMS gateway settings", reply.Tenant, reply.Number);
            return ReplyOutcome.Failed;
        }

        return await sms.SendSmsAsync(reply, phone.Trim(), templateCode.Trim(), options, api, cancellationToken);
    }
}
