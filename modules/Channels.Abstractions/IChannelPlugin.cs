using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Channels;

/// <summary>
/// A channel plugin's entry point: exactly one public, non-abstract class implementing it per plugin assembly,
/// with a public parameterless constructor. The host finds plugins as files at start-up, calls
/// <see cref="ConfigureServices"/> before the host is built and <see cref="MapEndpoints"/> after.
/// </summary>
public interface IChannelPlugin
{
    /// <summary>The channel id, lower-case kebab-case (e.g. <c>wechat</c>): in routes, configuration and complaints.</summary>
    string Id { get; }

    /// <summary>
    /// Registers the plugin's services. <paramref name="configuration"/> is the host's whole configuration: a plugin
    /// reads its per-tenant settings under <c>Tenants:{tenant}:Channels:{Id}:…</c> (see <see cref="ChannelSettings"/>).
    /// </summary>
    void ConfigureServices(IServiceCollection services, IConfiguration configuration);

    /// <summary>
    /// The settings of a tenant's section that are secrets (keys, tokens, passwords), checked by the host before
    /// <see cref="ConfigureServices"/>: a tenant missing a required one, or (in production) carrying a demo value,
    /// is refused the channel and never appears in the plugin's configuration. None by default.
    /// </summary>
    IReadOnlyList<ChannelSecret> Secrets => [];

    /// <summary>Maps the plugin's public endpoints on <paramref name="channel"/>, the route group <c>/channels/{Id}</c>.</summary>
    void MapEndpoints(IEndpointRouteBuilder channel);
}
