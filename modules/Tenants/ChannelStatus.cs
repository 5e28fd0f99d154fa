namespace Complaints.Tenants;

/// <summary>
/// The channel plugins the host found and their state, as <c>GET /api/v1/channels</c> shows them: read by the
/// workbench's admin pages, which see the tenants' contract and not the channels module.
/// </summary>
public interface IChannelStatus
{
    /// <summary>Every plugin, with every tenant's part (<paramref name="tenant"/> null) or one tenant's.</summary>
    IReadOnlyList<ChannelResponse> Plugins(string? tenant);
}

/// <summary>A plugin as the channel views show it: <c>tenants</c> have the channel; <c>refused</c> enable it but are refused it.</summary>
public sealed record ChannelResponse(string Id, string? Version, string Status, string? Error, IReadOnlyList<string> Tenants, IReadOnlyList<ChannelRefusalResponse> Refused);

/// <summary>A tenant refused a channel: the secret setting (never its value) and <c>missing</c> or <c>demo-value</c>.</summary>
public sealed record ChannelRefusalResponse(string Tenant, string Setting, string Reason);
