using Complaints.Channels.WeChat.Api;
using Complaints.Channels.WeChat.Protocol;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Refit;

namespace Complaints.Channels.WeChat;

/// <summary>
/// The <c>wechat</c> channel: a WeChat official account (微信公众号). Settings per tenant under
/// <c>Tenants:{tenant}:Channels:wechat:</c> <c>Token</c>, <c>EncodingAesKey</c>, <c>AppId</c>, <c>AppSecret</c>,
/// <c>ApiBaseUrl</c>, <c>MaxClockSkew</c> (see docs/channels/wechat.md).
/// </summary>
public sealed class WeChatPlugin : IChannelPlugin
{
    public const string ChannelId = "wechat";

    public string Id => ChannelId;

    /// <summary>The console's token always; the AES key and the AppSecret with an AppId (safe mode, sending).</summary>
    public IReadOnlyList<ChannelSecret> Secrets { get; } =
    [
        new("Token"),
        new("EncodingAesKey") { RequiredWhen = "AppId" },
        new("AppSecret") { RequiredWhen = "AppId" },
    ];

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        var accounts = WeChatAccount.LoadAll(configuration);
        services.TryAddSingleton(TimeProvider.System);
        foreach (var account in accounts.Values)
        {
            // One generated client per tenant, keyed: each tenant may point at its own API (the simulator in tests).
            // No resilience handler: a customer-service send is not idempotent (WeChatReplySender decides on retries).
            services.AddKeyedRefitGeneratedClient<IWeChatApi>(WeChatAccounts.KeyOf(account), WeChatJsonContext.Default)
                .ConfigureHttpClient(client =>
                {
                    client.BaseAddress = account.ApiBaseUrl;
                    client.Timeout = account.RequestTimeout;
                });
        }

        services.AddSingleton(sp => new WeChatAccounts(accounts, sp, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<WeChatInbox>();
        services.AddSingleton<WeChatConversations>();
        services.AddSingleton(new WeChatNonceLedger());
        services.AddSingleton<IChannelReplySender, WeChatReplySender>();
    }

    public void MapEndpoints(IEndpointRouteBuilder channel) => WeChatEndpoints.Map(channel);
}
