using System.Globalization;
using Complaints.Channels.Hotline.Sms;
using Microsoft.Extensions.Configuration;

namespace Complaints.Channels.Hotline;

/// <summary>One tenant's hotline settings: <c>Tenants:{tenant}:Channels:hotline:…</c>.</summary>
public sealed class HotlineSettings
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public string? AccessKeyId { get; init; }

    public string? AccessKeySecret { get; init; }

    public string? SignName { get; init; }

    public string RegionId { get; init; } = AliyunSendSmsRequestBuilder.DefaultRegionId;

    /// <summary>The gateway; the real Aliyun endpoint unless set (tests and development point it at the simulator).</summary>
    public Uri Endpoint { get; init; } = AliyunSendSmsRequestBuilder.DefaultEndpoint;

    /// <summary>How long one send may take; after that the send counts as possibly delivered and is never repeated.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>TemplateCode per reply moment (<c>accepted</c>, <c>result-reported</c>, <c>closed</c>).</summary>
    public IReadOnlyDictionary<string, string> Templates { get; init; } = new Dictionary<string, string>();

    /// <summary>The shared key a CTI system sends in <c>X-Cti-Key</c>; CTI pushes are refused without one.</summary>
    public string? CtiKey { get; init; }

    public bool CanSendSms =>
        !string.IsNullOrWhiteSpace(AccessKeyId) && !string.IsNullOrWhiteSpace(AccessKeySecret) && !string.IsNullOrWhiteSpace(SignName);

    public static HotlineSettings Read(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var endpoint = section["Endpoint"];
        var timeout = section["Timeout"];
        return new HotlineSettings
        {
            AccessKeyId = section["AccessKeyId"],
            AccessKeySecret = section["AccessKeySecret"],
            SignName = section["SignName"],
            RegionId = string.IsNullOrWhiteSpace(section["RegionId"]) ? AliyunSendSmsRequestBuilder.DefaultRegionId : section["RegionId"]!,
            Endpoint = string.IsNullOrWhiteSpace(endpoint) ? AliyunSendSmsRequestBuilder.DefaultEndpoint : new Uri(endpoint, UriKind.Absolute),
            Timeout = string.IsNullOrWhiteSpace(timeout) ? DefaultTimeout : TimeSpan.Parse(timeout, CultureInfo.InvariantCulture),
            Templates = section.GetSection("Templates").GetChildren()
                .Where(t => !string.IsNullOrWhiteSpace(t.Value))
                .ToDictionary(t => t.Key, t => t.Value!, StringComparer.Ordinal),
            CtiKey = section["CtiKey"],
        };
    }
}
