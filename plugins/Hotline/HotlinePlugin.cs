using Complaints.Channels.Hotline.Cti;
using Complaints.Channels.Hotline.Sms;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace Complaints.Channels.Hotline;

/// <summary>
/// The <c>hotline</c> channel: call records pushed by a CTI system become cases (keyed by call id); replies to
/// callers go out by SMS through an Aliyun-compatible <c>SendSms</c> gateway, one Refit client per tenant.
/// </summary>
public sealed class HotlinePlugin : IChannelPlugin
{
    public const string ChannelId = "hotline";

    public string Id => ChannelId;

    /// <summary>The SMS AccessKeySecret with its AccessKeyId; the CTI key is optional (CTI pushes are refused without one).</summary>
    public IReadOnlyList<ChannelSecret> Secrets { get; } =
    [
        new("AccessKeySecret") { RequiredWhen = "AccessKeyId" },
        new("CtiKey") { Optional = true },
    ];

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        foreach (var (tenant, section) in ChannelSettings.TenantsOf(configuration, ChannelId))
        {
            var settings = HotlineSettings.Read(section);

            // No resilience handler on purpose: SendSms is not idempotent. The host's outbox retries RetryLater only.
            services.AddKeyedRefitGeneratedClient<IAliyunSmsApi>(tenant, SmsJsonContext.Default, _ => new RefitSettings(), $"hotline-sms:{tenant}", false)
                .ConfigureHttpClient(client =>
                {
                    client.BaseAddress = settings.Endpoint;
                    client.Timeout = settings.Timeout;
                });
        }

        services.AddSingleton<SmsReplySender>();
        services.AddSingleton<IChannelReplySender>(sp => sp.GetRequiredService<SmsReplySender>());
        // Staff SMS to departments' duty phones go through the same gateway client (docs/plugins.md, "Staff SMS").
        services.AddSingleton<IChannelReplySender, StaffSmsSender>();
    }

    public void MapEndpoints(IEndpointRouteBuilder channel) => CtiEndpoints.Map(channel);
}
