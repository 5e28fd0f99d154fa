using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Complaints.Channels.Gov12345;

/// <summary>
/// One tenant's 12345 platform, read once at start-up from <c>Tenants:{tenant}:Channels:gov-12345:…</c>:
/// where the platform is, how to authenticate, which paths and field names it uses (see docs/channels/gov-12345.md).
/// </summary>
internal sealed class Gov12345Settings
{
    /// <summary>Our names → the platform's names; each city overrides what differs under <c>Fields</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultFields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Number"] = "gdbh",
        ["Content"] = "sqnr",
        ["Deadline"] = "processlimited",
        ["Urgency"] = "jjcd",
        ["Address"] = "sqdz",
        ["Phone"] = "lxdh",
        ["Name"] = "sqr",
        ["DispatchedAt"] = "pdsj",
        ["Title"] = "bt",
        // The order's files (附件): a list of objects with a name and an address (or of bare addresses).
        ["Attachments"] = "fj",
        ["AttachmentName"] = "fjmc",
        ["AttachmentUrl"] = "fjdz",
        // Report bodies.
        ["Reason"] = "yy",
        ["Until"] = "yqrq",
        ["Result"] = "bljg",
        ["OperatedAt"] = "czsj",
        ["RequestId"] = "qqid",
    };

    public static readonly IReadOnlyDictionary<string, string> DefaultPaths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["List"] = "api/orders/new",
        ["Ack"] = "api/orders/ack",
        ["Sign"] = "api/orders/sign",
        ["Return"] = "api/orders/return",
        ["Extend"] = "api/orders/extend",
        ["Reply"] = "api/orders/reply",
    };

    public required string Tenant { get; init; }

    public Uri? BaseUrl { get; init; }

    /// <summary>Zero: no pulling (push only).</summary>
    public required TimeSpan PollInterval { get; init; }

    public required int MaxPerPoll { get; init; }

    public string? AppKey { get; init; }

    public string? Secret { get; init; }

    public string? Token { get; init; }

    /// <summary>The key the platform sends in <c>X-Push-Key</c>; pushes are refused when none is configured.</summary>
    public string? PushKey { get; init; }

    public required IReadOnlyDictionary<string, string> Fields { get; init; }

    public required IReadOnlyDictionary<string, string> Paths { get; init; }

    /// <summary>The envelope: <c>{ code, msg, data }</c> by default.</summary>
    public required string ItemsField { get; init; }

    public required string CodeField { get; init; }

    public required string SuccessCode { get; init; }

    /// <summary>Offset of the platform's local times without an offset (China: +08:00).</summary>
    public required TimeSpan TimeZoneOffset { get; init; }

    /// <summary>Category preset for every order (e.g. Fangyang's <c>gov-transfer</c>), or null.</summary>
    public string? Category { get; init; }

    public required TimeSpan RequestTimeout { get; init; }

    public required int MaxBodyBytes { get; init; }

    /// <summary>How long one file of an order may take to download, its body included.</summary>
    public required TimeSpan AttachmentTimeout { get; init; }

    /// <summary>
    /// How long a pulled order whose file the platform does not serve for now (no answer, 5xx, 429) waits for the
    /// next polls before it is registered without that file. Zero: at once.
    /// </summary>
    public required TimeSpan AttachmentRetryFor { get; init; }

    public string Field(string ours) => Fields[ours];

    public static IReadOnlyDictionary<string, Gov12345Settings> LoadAll(IConfiguration configuration) =>
        ChannelSettings.TenantsOf(configuration, Gov12345Plugin.ChannelId)
            .ToDictionary(t => t.Tenant, t => Load(t.Tenant, t.Settings), StringComparer.OrdinalIgnoreCase);

    public static Gov12345Settings Load(string tenant, IConfigurationSection settings)
    {
        string Where(string key) => $"Tenants:{tenant}:Channels:{Gov12345Plugin.ChannelId}:{key}";

        Uri? baseUrl = null;
        if (Value(settings, "BaseUrl") is { } url)
        {
            baseUrl = Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"
                ? parsed
                : throw new InvalidOperationException($"{Where("BaseUrl")} is not an absolute http(s) URL.");
        }

        var fields = new Dictionary<string, string>(DefaultFields, StringComparer.OrdinalIgnoreCase);
        foreach (var field in settings.GetSection("Fields").GetChildren())
        {
            if (!DefaultFields.ContainsKey(field.Key))
            {
                throw new InvalidOperationException($"{Where("Fields:" + field.Key)}: unknown field; known: {string.Join(", ", DefaultFields.Keys)}.");
            }

            fields[field.Key] = Value(settings.GetSection("Fields"), field.Key) ?? throw new InvalidOperationException($"{Where("Fields:" + field.Key)} is empty.");
        }

        var paths = new Dictionary<string, string>(DefaultPaths, StringComparer.OrdinalIgnoreCase);
        foreach (var path in settings.GetSection("Paths").GetChildren())
        {
            paths[path.Key] = (path.Value ?? "").TrimStart('/');
        }

        var poll = Duration(settings, "PollInterval", TimeSpan.FromMinutes(1), Where);
        if (poll > TimeSpan.Zero && poll < TimeSpan.FromMilliseconds(100))
        {
            throw new InvalidOperationException($"{Where("PollInterval")} must be 0 (push only) or at least 100 ms.");
        }

        return new Gov12345Settings
        {
            Tenant = tenant,
            BaseUrl = baseUrl,
            PollInterval = baseUrl is null ? TimeSpan.Zero : poll,
            MaxPerPoll = int.TryParse(settings["MaxPerPoll"], NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max > 0 ? max : 100,
            AppKey = Value(settings, "AppKey"),
            Secret = Value(settings, "Secret"),
            Token = Value(settings, "Token"),
            PushKey = Value(settings, "PushKey"),
            Fields = fields,
            Paths = paths,
            ItemsField = Value(settings, "Response:ItemsField") ?? "data",
            CodeField = Value(settings, "Response:CodeField") ?? "code",
            SuccessCode = Value(settings, "Response:SuccessCode") ?? "0",
            TimeZoneOffset = Value(settings, "TimeZoneOffset") is { } offset
                ? (TimeSpan.TryParse(offset.TrimStart('+'), CultureInfo.InvariantCulture, out var o) ? o : throw new InvalidOperationException($"{Where("TimeZoneOffset")} must look like 08:00."))
                : ChinaTime.Offset,
            Category = Value(settings, "Category"),
            RequestTimeout = Duration(settings, "RequestTimeout", TimeSpan.FromSeconds(15), Where),
            AttachmentTimeout = Duration(settings, "AttachmentTimeout", TimeSpan.FromMinutes(1), Where) is { } t && t > TimeSpan.Zero
                ? t
                : throw new InvalidOperationException($"{Where("AttachmentTimeout")} must be longer than 0."),
            AttachmentRetryFor = Duration(settings, "AttachmentRetryFor", TimeSpan.FromHours(1), Where),
            MaxBodyBytes = int.TryParse(settings["MaxBodyBytes"], NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes > 0 ? bytes : 256 * 1024,
        };
    }

    private static TimeSpan Duration(IConfigurationSection settings, string key, TimeSpan fallback, Func<string, string> where)
    {
        var value = Value(settings, key);
        if (value is null)
        {
            return fallback;
        }

        return value == "0" ? TimeSpan.Zero
            : TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero ? span
            : throw new InvalidOperationException($"{where(key)} must be a non-negative TimeSpan such as 00:01:00 (or 0), not '{value}'.");
    }

    private static string? Value(IConfiguration settings, string key) => string.IsNullOrWhiteSpace(settings[key]) ? null : settings[key]!.Trim();
}
