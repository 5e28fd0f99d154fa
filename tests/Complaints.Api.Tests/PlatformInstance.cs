using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Complaints.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Api.Tests;

/// <summary>
/// One running platform: the real host on a free loopback port over a data folder that outlives restarts, started as
/// the explicit demo (<c>--Platform:Mode demo</c>: demo users and channel keys) unless the extra arguments say
/// otherwise (<see cref="Production"/>; the command line's last value wins).
/// </summary>
public sealed class PlatformInstance : IAsyncDisposable
{
    private readonly List<HttpClient> _clients = [];
    private WebApplication? _app;

    private readonly string[] _extraArgs;

    /// <summary>
    /// The demo (its users) and login limits for tests that log in many times a minute from one loopback address; a
    /// test's own arguments come after and win (<c>--Platform:Mode production</c>, the production limits).
    /// </summary>
    public static readonly string[] DemoArgs =
        ["--Platform:Mode", "demo", "--Auth:LoginsPerUserPerMinute", "100000", "--Auth:LoginsPerAddressPerMinute", "100000"];

    private PlatformInstance(string dataDirectory, string[] extraArgs) => (DataDirectory, _extraArgs) = (dataDirectory, extraArgs);

    /// <summary>Extra arguments for a production start: no demo users, no demo channel keys.</summary>
    public static readonly string[] Production = ["--Platform:Mode", "production"];

    /// <summary>The repository's <c>artifacts/plugins</c>, where the built channel plugins are.</summary>
    public static string BuiltPlugins => Repository.BuiltPlugins;

    public string DataDirectory { get; }

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public static async Task<PlatformInstance> StartAsync(string? dataDirectory = null, params string[] extraArgs)
    {
        var instance = new PlatformInstance(dataDirectory ?? Path.Combine(Path.GetTempPath(), "complaints-tests", Guid.NewGuid().ToString("N")), extraArgs);
        await instance.StartHostAsync();
        return instance;
    }

    /// <summary>Stops the process's host and starts a new one over the same data folder.</summary>
    public async Task RestartAsync()
    {
        await StopHostAsync();
        await StartHostAsync();
    }

    public HttpClient Anonymous()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        _clients.Add(client);
        return client;
    }

    public async Task<HttpClient> LoginAsync(string username, string password = "demo")
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await StopHostAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A log file may still be closing; the temp folder is cleaned by the OS.
        }
    }

    private async Task StartHostAsync()
    {
        _app = Program.Build(["--urls", "http://127.0.0.1:0", "--Storage:DataDirectory", DataDirectory, "--Serilog:MinimumLevel:Default", "Warning", "--Plugins:Directory", BuiltPlugins, .. DemoArgs, .. _extraArgs]);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    private async Task StopHostAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _clients.Clear();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }
}

public static class Json
{
    public static async Task<JsonObject> ObjectAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonObject>())!;

    public static async Task<JsonObject> ExpectAsync(this Task<HttpResponseMessage> call, System.Net.HttpStatusCode status)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        return body.Length == 0 ? [] : JsonNode.Parse(body)!.AsObject();
    }

    public static string Str(this JsonNode? node, string name) => node![name]!.GetValue<string>();

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}

/// <summary>Waits for something the platform does on its own (a reminder, the outbox), polling with a deadline.</summary>
public static class Eventually
{
    public static async Task<T> Async<T>(Func<Task<T?>> probe, int seconds = 30)
        where T : class
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } result)
            {
                return result;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Not reached within {seconds} s.");
            }

            await Task.Delay(100);
        }
    }
}
