using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Complaints.Channels.Website;

/// <summary>One tenant's website settings: <c>Tenants:{tenant}:Channels:website:…</c>.</summary>
public sealed class WebsiteSettings
{
    /// <summary>The largest request body accepted (bytes); larger → 413.</summary>
    public int MaxBodyBytes { get; init; } = 16 * 1024;

    /// <summary>Submissions one client address may make per <see cref="RateLimitWindow"/>; more → 429 with Retry-After.</summary>
    public int RateLimitPermits { get; init; } = 10;

    public TimeSpan RateLimitWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The company's name on the page (the tenant's <c>Name</c> unless <c>Title</c> is set).</summary>
    public string Title { get; init; } = "";

    public static WebsiteSettings Read(IConfiguration configuration, string tenant, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(section);
        var window = section["RateLimit:Window"];
        return new WebsiteSettings
        {
            MaxBodyBytes = int.TryParse(section["MaxBodyBytes"], NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max > 0 ? max : 16 * 1024,
            RateLimitPermits = int.TryParse(section["RateLimit:PermitLimit"], NumberStyles.None, CultureInfo.InvariantCulture, out var permits) && permits > 0 ? permits : 10,
            RateLimitWindow = string.IsNullOrWhiteSpace(window) ? TimeSpan.FromMinutes(1) : TimeSpan.Parse(window, CultureInfo.InvariantCulture),
            Title = section["Title"] ?? configuration[$"Tenants:{tenant}:Name"] ?? tenant,
        };
    }
}
