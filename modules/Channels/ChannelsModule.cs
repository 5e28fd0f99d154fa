using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Complaints.Channels;

public static class ChannelsModule
{
    /// <summary>
    /// Loads the channel plugins from <c>Plugins:Directory</c> (default <c>plugins</c> beside the host) — before
    /// Orleans starts — lets each register its services, and adds the intake, the reply outbox and its sender loop.
    /// </summary>
    public static void AddChannels(this WebApplicationBuilder builder, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        var directory = builder.Configuration["Plugins:Directory"] ?? Path.Combine(AppContext.BaseDirectory, "plugins");
        var catalog = PluginCatalog.Load(Path.GetFullPath(directory), logger);
        catalog.Each(nameof(IChannelPlugin.ConfigureServices), p => p.ConfigureServices(builder.Services, builder.Configuration), logger);
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton<IChannelIntake, ChannelIntake>();
        builder.Services.AddSingleton<ReplyTemplates>();
        builder.Services.AddHostedService<ReplyDispatcher>();
    }

    /// <summary>Maps each plugin's endpoints under <c>/channels/{id}</c>, and <c>GET /api/v1/channels</c> (admin).</summary>
    public static void MapChannels(this WebApplication app, string adminPolicy)
    {
        var catalog = app.Services.GetRequiredService<PluginCatalog>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Complaints.Channels");
        catalog.Each(nameof(IChannelPlugin.MapEndpoints), p => p.MapEndpoints(app.MapGroup($"/channels/{p.Id}").WithTags($"channel: {p.Id}")), logger);

        app.MapGet("/api/v1/channels", (IConfiguration configuration) =>
            TypedResults.Ok(catalog.Plugins.Select(p => new ChannelResponse(
                p.Id,
                p.Version,
                p.Status,
                p.Error,
                [.. ChannelSettings.TenantsOf(configuration, p.Id).Select(t => t.Tenant)])).ToList()))
            .RequireAuthorization(adminPolicy)
            .WithTags("channels")
            .WithSummary("Every channel plugin the host found, loaded or not and why not, and the tenants that enable it (admin).");
    }
}

public sealed record ChannelResponse(string Id, string? Version, string Status, string? Error, IReadOnlyList<string> Tenants);
