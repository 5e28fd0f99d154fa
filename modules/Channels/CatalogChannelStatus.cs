using Complaints.Tenants;
using Microsoft.Extensions.Configuration;

namespace Complaints.Channels;

/// <summary>The loaded catalog's view (<see cref="ChannelsModule.View"/>), the same the channels endpoints answer with.</summary>
internal sealed class CatalogChannelStatus(PluginCatalog catalog, IConfiguration configuration) : IChannelStatus
{
    public IReadOnlyList<ChannelResponse> Plugins(string? tenant) => ChannelsModule.View(catalog, configuration, tenant);
}
