using Microsoft.Extensions.Configuration;

namespace Complaints.Channels;

/// <summary>Per-tenant channel settings: <c>Tenants:{tenant}:Channels:{channel}:…</c>, ordinary .NET configuration.</summary>
public static class ChannelSettings
{
    /// <summary>The tenants that enable <paramref name="channel"/> (a section with <c>Enabled</c> not false), with their sections.</summary>
    public static IEnumerable<(string Tenant, IConfigurationSection Settings)> TenantsOf(IConfiguration configuration, string channel) =>
        configuration.GetSection("Tenants").GetChildren()
            .Select(t => (t.Key, t.GetSection("Channels").GetSection(channel)))
            .Where(t => t.Item2.Exists() && !string.Equals(t.Item2["Enabled"], "false", StringComparison.OrdinalIgnoreCase));

    /// <summary>The section of one tenant's channel, or null when the tenant does not enable it.</summary>
    public static IConfigurationSection? For(IConfiguration configuration, string tenant, string channel)
    {
        var section = configuration.GetSection("Tenants").GetSection(tenant).GetSection("Channels").GetSection(channel);
        return section.Exists() && !string.Equals(section["Enabled"], "false", StringComparison.OrdinalIgnoreCase) ? section : null;
    }
}
