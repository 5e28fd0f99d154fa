using Complaints.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Complaints.Testing.Channels;

/// <summary>A real web app on a free loopback port: a plugin under a minimal host, or a simulator.</summary>
public sealed class LoopbackApp : IAsyncDisposable
{
    private LoopbackApp(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>Starts a built app (e.g. a simulator's <c>Build(["--urls", "http://127.0.0.1:0", …])</c>).</summary>
    public static async Task<LoopbackApp> StartAsync(WebApplication app)
    {
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackApp(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>
    /// The plugin as the host will run it: ConfigureServices with the whole configuration, endpoints on
    /// <c>/channels/{id}</c>, the intake from DI.
    /// </summary>
    public static Task<LoopbackApp> StartPluginAsync(IChannelPlugin plugin, IDictionary<string, string?> settings, IChannelIntake intake, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(intake);
        plugin.ConfigureServices(builder.Services, builder.Configuration);
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        plugin.MapEndpoints(app.MapGroup($"/channels/{plugin.Id}"));
        return StartAsync(app);
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or the deadline passes (no blind sleeps).</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var value = await probe();
            if (condition(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
