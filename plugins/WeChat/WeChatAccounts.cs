using System.Collections.Concurrent;
using Complaints.Channels.WeChat.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Channels.WeChat;

/// <summary>
/// The configured accounts and, per account, its API client and its single token holder. Two tenants that
/// share one official account (same API and AppID) share one holder: a second holder would invalidate the first's token.
/// </summary>
internal sealed class WeChatAccounts(IReadOnlyDictionary<string, WeChatAccount> accounts, IServiceProvider services, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, WeChatTokenHolder> _holders = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, WeChatAccount> All => accounts;

    public WeChatAccount? Find(string tenant) => accounts.GetValueOrDefault(tenant);

    /// <summary>The tenant's API client (a keyed Refit generated client whose base address is the tenant's ApiBaseUrl).</summary>
    public IWeChatApi Api(WeChatAccount account) => services.GetRequiredKeyedService<IWeChatApi>(KeyOf(account));

    public WeChatTokenHolder TokenHolder(WeChatAccount account)
    {
        var api = Api(account);
        return _holders.GetOrAdd(
            $"{account.ApiBaseUrl}|{account.AppId}",
            _ => new WeChatTokenHolder(ct => api.GetTokenAsync(account.AppId!, account.AppSecret!, ct), time));
    }

    public static string KeyOf(WeChatAccount account) => $"{WeChatPlugin.ChannelId}:{account.Tenant}";
}
