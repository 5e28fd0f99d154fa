using System.Globalization;
using System.Resources;
using Complaints.Channels.WeChat.Protocol;
using Microsoft.Extensions.Configuration;

namespace Complaints.Channels.WeChat;

/// <summary>
/// One tenant's official account, read once at start-up from <c>Tenants:{tenant}:Channels:wechat:…</c>.
/// A misconfigured account (an EncodingAesKey that is not 43 base64 characters, an unreadable skew) stops the
/// plugin from loading with a message naming the setting, rather than failing on the first message.
/// </summary>
internal sealed class WeChatAccount
{
    /// <summary>
    /// The plugin's own customer texts (it may not see the host's resource set): WeChatTexts.resx in zh-CN, the
    /// customers' language, and WeChatTexts.en.resx; a test fails when a text is in one language only.
    /// </summary>
    private static readonly ResourceManager Texts = new("Complaints.Channels.WeChat.WeChatTexts", typeof(WeChatAccount).Assembly);

    private static readonly CultureInfo Customers = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>Seed 001 §5.3: the acknowledgement answered to every message; <c>{number}</c> is the case number.</summary>
    public static string DefaultAcknowledgement => Texts.GetString("acknowledgement", Customers)!;

    public static string DefaultWelcome => Texts.GetString("welcome", Customers)!;

    public static string DefaultRefused => Texts.GetString("refused", Customers)!;

    public static readonly Uri DefaultApiBaseUrl = new("https://api.weixin.qq.com");

    public static readonly TimeSpan DefaultMaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>WeChat waits 5 seconds for the answer; intake gets this long, then the push is answered <c>success</c>.</summary>
    public static readonly TimeSpan DefaultReplyWithin = TimeSpan.FromSeconds(4);

    public required string Tenant { get; init; }

    public required string Token { get; init; }

    public string? AppId { get; init; }

    public string? AppSecret { get; init; }

    /// <summary>Set when an EncodingAesKey and an AppId are configured: safe mode (<c>encrypt_type=aes</c>) is then accepted.</summary>
    public WeChatSafeMode? SafeMode { get; init; }

    public required Uri ApiBaseUrl { get; init; }

    public required TimeSpan MaxClockSkew { get; init; }

    public required TimeSpan ReplyWithin { get; init; }

    public required TimeSpan RequestTimeout { get; init; }

    public required int MaxBodyBytes { get; init; }

    public required string Acknowledgement { get; init; }

    public required string Welcome { get; init; }

    public required string Refused { get; init; }

    /// <summary>
    /// The template message for replies outside the 48-hour window (<c>Template:Id</c>), null: none (such a reply fails).
    /// </summary>
    public string? TemplateId { get; init; }

    /// <summary>
    /// The template's fields (<c>Template:Data:{field}</c>): each a text with placeholders, <c>{text}</c> (the reply),
    /// <c>{number}</c> and the reply's data (<c>{result}</c>, <c>{reason}</c>, …). Default: <c>first</c> = {text},
    /// <c>keyword1</c> = {number}.
    /// </summary>
    public IReadOnlyDictionary<string, string> TemplateData { get; init; } = new Dictionary<string, string>();

    /// <summary>The page a tapped template notice opens (<c>Template:Url</c>), optional.</summary>
    public string? TemplateUrl { get; init; }

    /// <summary>Outbound messages need the AppID and AppSecret (the access token).</summary>
    public bool CanSend => !string.IsNullOrEmpty(AppId) && !string.IsNullOrEmpty(AppSecret);

    public string AcknowledgementFor(string number) => Acknowledgement.Replace("{number}", number, StringComparison.Ordinal);

    /// <summary>Every tenant that enables the channel, keyed by tenant id (case-insensitive, like routes).</summary>
    public static IReadOnlyDictionary<string, WeChatAccount> LoadAll(IConfiguration configuration) =>
        ChannelSettings.TenantsOf(configuration, WeChatPlugin.ChannelId)
            .ToDictionary(t => t.Tenant, t => Load(t.Tenant, t.Settings), StringComparer.OrdinalIgnoreCase);

    public static WeChatAccount Load(string tenant, IConfigurationSection settings)
    {
        string Where(string key) => $"Tenants:{tenant}:Channels:{WeChatPlugin.ChannelId}:{key}";

        var token = settings["Token"];
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new InvalidOperationException($"{Where("Token")} is required (the token entered in the WeChat console).");
        }

        var appId = NullIfEmpty(settings["AppId"]);
        var aesKey = NullIfEmpty(settings["EncodingAesKey"]);
        WeChatSafeMode? safeMode = null;
        if (aesKey is not null)
        {
            if (appId is null)
            {
                throw new InvalidOperationException($"{Where("AppId")} is required with an EncodingAesKey (safe mode checks it).");
            }

            try
            {
                safeMode = new WeChatSafeMode(token, aesKey, appId);
            }
            catch (ArgumentException ex)
            {
                throw new InvalidOperationException($"{Where("EncodingAesKey")}: {ex.Message}", ex);
            }
        }

        var baseUrl = NullIfEmpty(settings["ApiBaseUrl"]) is { } url
            ? (Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"
                ? parsed
                : throw new InvalidOperationException($"{Where("ApiBaseUrl")} is not an absolute http(s) URL."))
            : DefaultApiBaseUrl;

        return new WeChatAccount
        {
            Tenant = tenant,
            Token = token,
            AppId = appId,
            AppSecret = NullIfEmpty(settings["AppSecret"]),
            SafeMode = safeMode,
            ApiBaseUrl = baseUrl,
            MaxClockSkew = Duration(settings, "MaxClockSkew", DefaultMaxClockSkew, Where),
            ReplyWithin = Duration(settings, "ReplyWithin", DefaultReplyWithin, Where),
            RequestTimeout = Duration(settings, "RequestTimeout", TimeSpan.FromSeconds(10), Where),
            MaxBodyBytes = int.TryParse(settings["MaxBodyBytes"], NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max > 0 ? max : WeChatXml.DefaultMaxBytes,
            Acknowledgement = NullIfEmpty(settings["Acknowledgement"]) ?? DefaultAcknowledgement,
            Welcome = NullIfEmpty(settings["Welcome"]) ?? DefaultWelcome,
            Refused = NullIfEmpty(settings["Refused"]) ?? DefaultRefused,
            TemplateId = NullIfEmpty(settings["Template:Id"]),
            TemplateData = settings.GetSection("Template:Data").GetChildren().Any()
                ? settings.GetSection("Template:Data").GetChildren().Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value!, StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal) { ["first"] = "{text}", ["keyword1"] = "{number}" },
            TemplateUrl = NullIfEmpty(settings["Template:Url"]),
        };
    }

    /// <summary>A TimeSpan (<c>00:05:00</c>) or <c>0</c>; negative values are refused.</summary>
    private static TimeSpan Duration(IConfigurationSection settings, string key, TimeSpan fallback, Func<string, string> where)
    {
        var value = NullIfEmpty(settings[key]);
        if (value is null)
        {
            return fallback;
        }

        if (value == "0")
        {
            return TimeSpan.Zero;
        }

        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero
            ? span
            : throw new InvalidOperationException($"{where(key)} must be a non-negative TimeSpan such as 00:05:00 (or 0), not '{value}'.");
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
