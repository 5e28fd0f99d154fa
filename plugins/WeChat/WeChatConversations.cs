using System.Collections.Concurrent;

namespace Complaints.Channels.WeChat;

/// <summary>
/// When each user last wrote to the account, as this host saw it: WeChat lets the account send customer-service
/// messages only within 48 hours of the user's last message (the customer-service window). Kept in memory: after a
/// restart, or for a message another host received, the time is unknown and WeChat's own refusal (errcode 45015)
/// tells the reply sender that the window has closed.
/// </summary>
internal sealed class WeChatConversations
{
    /// <summary>The customer-service window of the published protocol.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(48);

    private readonly ConcurrentDictionary<(string Tenant, string OpenId), DateTimeOffset> _last = new();

    public void Wrote(string tenant, string openId, DateTimeOffset at) =>
        _last.AddOrUpdate((tenant, openId), at, (_, seen) => at > seen ? at : seen);

    /// <summary>True when the user's last message is known and older than 48 hours at <paramref name="now"/>.</summary>
    public bool WindowClosed(string tenant, string openId, DateTimeOffset now) =>
        _last.TryGetValue((tenant, openId), out var last) && now - last > Window;

    /// <summary>Forgets the user (unsubscribe).</summary>
    public void Forget(string tenant, string openId) => _last.TryRemove((tenant, openId), out _);
}
