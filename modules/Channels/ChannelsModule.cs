using Microsoft.AspNetCore.Builder;
using Complaints.Tenants;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Complaints.Channels;

public static class ChannelsModule
{
    /// <summary>
    /// Loads the channel plugins from <c>Plugins:Directory</c> (the bundled ones, default <c>plugins</c> beside the host)
    /// and every directory of <c>Plugins:Directories</c> — before
    /// Orleans starts —, refuses each tenant whose channel secrets are missing or (in production) equal to one of
    /// <paramref name="demoValues"/> (the values the demo settings ship), lets each plugin register its services, and
    /// adds the intake, the reply outbox and its sender loop.
    /// </summary>
    public static void AddChannels(this WebApplicationBuilder builder, ILogger? logger = null, IReadOnlySet<string>? demoValues = null)
    {
        logger ??= NullLogger.Instance;
        var catalog = PluginCatalog.Load(PluginCatalog.Directories(builder.Configuration, AppContext.BaseDirectory), logger);
        var demo = builder.Configuration.IsDemo();
        catalog.Each(nameof(IChannelPlugin.Secrets), p => catalog.Refuse(ChannelRefusals.Decide(builder.Configuration, p.Id, p.Secrets, demoValues ?? new HashSet<string>(), demo)), logger);
        foreach (var refusal in catalog.Refused)
        {
            // The plugin never sees the tenant: its section reads as disabled from here on.
            builder.Configuration[$"Tenants:{refusal.Tenant}:Channels:{refusal.Channel}:Enabled"] = "false";
            logger.LogWarning(
                "Channel {Channel} refused for tenant {Tenant}: {Setting} is {Reason}",
                refusal.Channel,
                refusal.Tenant,
                $"Tenants:{refusal.Tenant}:Channels:{refusal.Channel}:{refusal.Setting}",
                refusal.Reason == ChannelRefusal.Missing ? "missing" : "a demo value (set this tenant's own)");
        }

        catalog.Each(nameof(IChannelPlugin.ConfigureServices), p => p.ConfigureServices(builder.Services, builder.Configuration), logger);
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton<IChannelStatus>(new CatalogChannelStatus(catalog, builder.Configuration));
        builder.Services.AddSingleton<IChannelIntake, ChannelIntake>();
        builder.Services.AddSingleton<ReplyTemplates>();
        builder.Services.AddHostedService<ReplyDispatcher>();
    }

    /// <summary>
    /// Maps each plugin's endpoints under <c>/channels/{id}</c>; <c>GET /api/v1/channels</c>, every tenant's view, for
    /// <paramref name="operatorPolicy"/>; and <c>GET /api/v1/tenants/{tenant}/channels</c>, the same for one tenant,
    /// on <paramref name="tenant"/> (the group that admits only the tenant's own users) for <paramref name="adminPolicy"/>.
    /// </summary>
    public static void MapChannels(this WebApplication app, IEndpointRouteBuilder tenant, string operatorPolicy, string adminPolicy)
    {
        var catalog = app.Services.GetRequiredService<PluginCatalog>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Complaints.Channels");
        catalog.Each(nameof(IChannelPlugin.MapEndpoints), p => p.MapEndpoints(app.MapGroup($"/channels/{p.Id}").WithTags($"channel: {p.Id}")), logger);

        app.MapGet("/api/v1/channels", (IConfiguration configuration) => TypedResults.Ok(View(catalog, configuration, null)))
            .RequireAuthorization(operatorPolicy)
            .WithTags("channels")
            .WithSummary("Every channel plugin the host found, loaded or not and why not, the tenants that have it and those refused it (operator).");
        tenant.MapGet("/channels", (string tenant, IConfiguration configuration) => TypedResults.Ok(View(catalog, configuration, tenant)))
            .RequireAuthorization(adminPolicy)
            .WithTags("channels")
            .WithSummary("The channel plugins as GET /api/v1/channels shows them, for this tenant only (its admin).");
    }

    /// <summary>The plugins as the channel views show them, every tenant's (<paramref name="tenant"/> null) or one tenant's (<see cref="IChannelStatus"/> too).</summary>
    internal static List<ChannelResponse> View(PluginCatalog catalog, IConfiguration configuration, string? tenant) =>
        [.. catalog.Plugins.Select(p => new ChannelResponse(
            p.Id,
            p.Version,
            p.Status,
            p.Error,
            [.. ChannelSettings.TenantsOf(configuration, p.Id).Select(t => t.Tenant).Where(t => tenant is null || string.Equals(t, tenant, StringComparison.OrdinalIgnoreCase))],
            [.. catalog.Refused.Where(r => r.Channel == p.Id && (tenant is null || string.Equals(r.Tenant, tenant, StringComparison.OrdinalIgnoreCase))).Select(r => new ChannelRefusalResponse(r.Tenant, r.Setting, r.Reason))]))];
}
