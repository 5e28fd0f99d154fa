using System.Net;
using System.Net.Sockets;
using Complaints.Simulators.Sms;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Channels.Hotline.Tests;

/// <summary>The SMS gateway simulator on a free loopback port.</summary>
public sealed class SmsSimulator : IAsyncDisposable
{
    public const string KeyId = "sim-key";
    public const string Secret = "sim-secret";

    private readonly WebApplication _app;

    private SmsSimulator(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public SmsGatewayState State => _app.Services.GetRequiredService<SmsGatewayState>();

    public static async Task<SmsSimulator> StartAsync()
    {
        var app = SmsGatewaySimulator.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "Warning", $"--Sms:Accounts:{KeyId}", Secret]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SmsSimulator(app, new Uri(address + "/"));
    }

    /// <summary>An address on which nothing listens: connecting is refused.</summary>
    public static Uri RefusingAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
