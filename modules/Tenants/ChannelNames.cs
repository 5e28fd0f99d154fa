using System.Collections.Frozen;

namespace Complaints.Tenants;

/// <summary>The usual channels' names as staff say them (GLOSSARY), and the offline channels a tenant gets by default.</summary>
public static class ChannelNames
{
    private static readonly FrozenDictionary<string, string> Known = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["hotline"] = "24小时客服热线",
        ["gov-12345"] = "12345政务服务热线",
        ["wechat"] = "微信公众号",
        ["website"] = "公司网站",
        ["suggestion-box"] = "意见箱/意见簿",
        ["mailbox"] = "董事长信箱",
        ["walk-in"] = "来访",
        ["letter"] = "来信",
        ["media"] = "媒体/网络舆情",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>What an agent types in when the tenant configures no <c>OfflineChannels</c>: phone calls, visits, letters, mailboxes, media.</summary>
    public static IReadOnlyDictionary<string, string> DefaultOffline { get; } =
        new[] { "hotline", "walk-in", "letter", "mailbox", "media" }.ToFrozenDictionary(id => id, id => Known[id], StringComparer.Ordinal);

    /// <summary>The usual name of <paramref name="id"/>, or the id itself for a channel this table does not know.</summary>
    public static string Of(string id) => Known.GetValueOrDefault(id, id);

    /// <summary>Channel ids are lower-case kebab-case, as plugin ids are.</summary>
    public static bool IsId(string id) =>
        id.Length > 0 && id[0] != '-' && id[^1] != '-' && !id.Contains("--", StringComparison.Ordinal)
        && id.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '-');
}
