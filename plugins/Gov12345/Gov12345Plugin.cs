using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Refit;

namespace Complaints.Channels.Gov12345;

/// <summary>
/// The <c>gov-12345</c> channel: work orders from a city's 12345 government hotline platform. Settings per tenant
/// under <c>Tenants:{tenant}:Channels:gov-12345:</c> (see docs/channels/gov-12345.md).
/// </summary>
public sealed class Gov12345Plugin : IChannelPlugin
{
    public const string ChannelId = "gov-12345";

    public string Id => ChannelId;

    /// <summary>The push key always (the platform pushes); AppKey and Secret when pulling, unless a bearer Token is used.</summary>
    public IReadOnlyList<ChannelSecret> Secrets { get; } =
    [
        new("PushKey"),
        new("AppKey") { RequiredWhen = "BaseUrl", Unless = "Token" },
        new("Secret") { RequiredWhen = "BaseUrl", Unless = "Token" },
        new("Token") { Optional = true },
    ];

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        var tenants = Gov12345Settings.LoadAll(configuration);
        services.TryAddSingleton(TimeProvider.System);
        var clientNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var settings in tenants.Values.Where(s => s.BaseUrl is not null))
        {
            // One generated client per tenant (its platform, its credentials); no resilience handler: reports are
            // non-idempotent POSTs. No redirect is followed: an order's file address is checked to be on the platform,
            // and a redirect must not lead the download (or a signed call) anywhere else.
            var client = services.AddKeyedRefitGeneratedClient<IGov12345Api>(Gov12345Platforms.KeyOf(settings), Gov12345JsonContext.Default)
                .ConfigureHttpClient(client =>
                {
                    client.BaseAddress = settings.BaseUrl;
                    client.Timeout = settings.RequestTimeout;
                })
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
                .AddHttpMessageHandler(sp => new Gov12345AuthHandler(settings, sp.GetRequiredService<TimeProvider>()));
            clientNames[Gov12345Platforms.KeyOf(settings)] = client.Name;
        }

        services.AddSingleton(sp => new Gov12345Platforms(
            tenants, clientNames, sp, sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<Gov12345Platforms>>()));
        services.AddSingleton<Gov12345Reachability>();
        services.AddHealthChecks().AddCheck<Gov12345HealthCheck>(Gov12345HealthCheck.Name);
        services.AddSingleton<Gov12345Poller>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<Gov12345Poller>());
        services.AddSingleton<IChannelReplySender, Gov12345ReplySender>();
    }

    public void MapEndpoints(IEndpointRouteBuilder channel) => Gov12345Endpoints.Map(channel);
}
