using Complaints.Simulators.Sms;
using Complaints.Testing.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Channels.Hotline.Tests;

/// <summary>The SMS gateway simulator on a free loopback port.</summary>
public sealed class SmsSimulator : IAsyncDisposable
{
    public const string KeyId = "sim-key";
    public const string Secret = "sim-secret";

    private readonly LoopbackApp _app;

    private SmsSimulator(LoopbackApp app) => _app = app;

    public Uri Address => _app.Address;

    public SmsGatewayState State => _app.Services.GetRequiredService<SmsGatewayState>();

    public static async Task<SmsSimulator> StartAsync() =>
        new(await LoopbackApp.StartAsync(SmsGatewaySimulator.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "Warning", $"--Sms:Accounts:{KeyId}", Secret])));

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
