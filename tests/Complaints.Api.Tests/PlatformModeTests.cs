using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Complaints.Api;
using Complaints.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Api.Tests;

/// <summary>
/// Demo mode against production (issue 12): a production start has no demo users and refuses, per tenant, a channel
/// whose secret is missing or a demo value; the demo listens on loopback only and is never a cluster.
/// </summary>
public sealed class PlatformModeTests
{
    private const string WeChatToken = "--Tenants:fangyang-water:Channels:wechat:Token";

    [Fact]
    public async Task A_production_start_has_no_demo_users_and_refuses_the_preset_channels_that_have_no_keys_of_their_own()
    {
        var hash = UserDirectory.HashPassword("boss-password");
        await using var platform = await PlatformInstance.StartAsync(
            null,
            [
                .. PlatformInstance.Production,
                // fuyang-gas brings its own 12345 keys; fangyang-water's presets enable wechat and gov-12345 with none.
                "--Tenants:fuyang-gas:Channels:gov-12345:PushKey", "fuyang-own-push-key",
                "--Tenants:fangyang-water:Users:boss:Role", "admin",
                "--Tenants:fangyang-water:Users:boss:PasswordHash", hash,
            ]);
        var anonymous = platform.Anonymous();
        foreach (var user in new[] { "agent", "admin", "operator", "agent@fuyang-gas" })
        {
            (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = user, password = UserDirectory.DemoPassword }))
                .StatusCode.ShouldBe(HttpStatusCode.Unauthorized, user);
        }

        var refused = platform.Services.GetRequiredService<PluginCatalog>().Refused;
        refused.ShouldContain(new ChannelRefusal("wechat", "fangyang-water", "Token", ChannelRefusal.Missing));
        refused.ShouldContain(new ChannelRefusal("gov-12345", "fangyang-water", "PushKey", ChannelRefusal.Missing));
        refused.ShouldNotContain(r => r.Tenant == "fuyang-gas");

        // The plugins never see the refused tenant; the other tenant's channel works.
        (await anonymous.PostAsJsonAsync("/channels/gov-12345/fangyang-water/orders", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync("/channels/wechat/fangyang-water?signature=x&timestamp=1&nonce=1&echostr=1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.PostAsJsonAsync("/channels/gov-12345/fuyang-gas/orders", new { })).StatusCode.ShouldNotBe(HttpStatusCode.NotFound);

        // A configured tenant admin reads its tenant's view: the refusal named by its setting, never a value.
        var boss = await platform.LoginAsync("boss", "boss-password");
        var view = (await boss.GetFromJsonAsync<JsonArray>("/api/v1/tenants/fangyang-water/channels"))!;
        var wechat = view.Single(c => c!.Str("id") == "wechat")!;
        wechat["tenants"]!.AsArray().ShouldBeEmpty();
        var refusal = wechat["refused"]!.AsArray().Single()!;
        (refusal.Str("tenant"), refusal.Str("setting"), refusal.Str("reason")).ShouldBe(("fangyang-water", "Token", "missing"));
        view.SelectMany(c => c!["refused"]!.AsArray()).ShouldAllBe(r => r!.Str("tenant") == "fangyang-water");
        (await boss.GetAsync("/api/v1/channels")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await boss.GetAsync("/api/v1/tenants/fuyang-gas/channels")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_production_start_refuses_a_key_the_demo_ships_and_takes_the_tenants_own()
    {
        await using var platform = await PlatformInstance.StartAsync(
            null,
            [
                .. PlatformInstance.Production,
                WeChatToken, "fangyang-demo-token",
                "--Tenants:fangyang-water:Channels:gov-12345:PushKey", "fangyang-own-push-key",
            ]);
        var refused = platform.Services.GetRequiredService<PluginCatalog>().Refused;
        refused.ShouldContain(new ChannelRefusal("wechat", "fangyang-water", "Token", ChannelRefusal.DemoValue));
        refused.ShouldNotContain(r => r.Channel == "gov-12345");
        (await platform.Anonymous().PostAsJsonAsync("/channels/gov-12345/fangyang-water/orders", new { })).StatusCode.ShouldNotBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_demo_has_its_users_and_keys_and_refuses_nothing()
    {
        await using var platform = await PlatformInstance.StartAsync();
        platform.Services.GetRequiredService<PluginCatalog>().Refused.ShouldBeEmpty();
        var channels = (await (await platform.LoginAsync("operator")).GetFromJsonAsync<JsonArray>("/api/v1/channels"))!;
        channels.Single(c => c!.Str("id") == "wechat")!["tenants"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["fangyang-water"]);
    }

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://+:0")]
    [InlineData("http://*:0")]
    [InlineData("http://127.0.0.1:0;http://[::]:0")]
    public void The_demo_refuses_to_listen_beyond_loopback(string urls)
    {
        var exception = Should.Throw<InvalidOperationException>(() => Program.Build(["--Platform:Mode", "demo", "--urls", urls, "--Storage:DataDirectory", Data()]));
        exception.Message.ShouldContain("loopback only");
    }

    [Fact]
    public void The_demo_is_never_a_cluster()
    {
        var exception = Should.Throw<InvalidOperationException>(() => Program.Build(
            ["--Platform:Mode", "demo", "--urls", "http://127.0.0.1:0", "--Storage:DataDirectory", Data(), "--Storage:Provider", "postgres"]));
        exception.Message.ShouldContain("cluster mode");
    }

    private static string Data() => Path.Combine(Path.GetTempPath(), "complaints-tests", Guid.NewGuid().ToString("N"));
}

/// <summary>
/// Platform-wide endpoints are the platform operator's; a tenant admin has its own tenant only, and the operator none.
/// </summary>
public sealed class OperatorTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private static readonly string[] PlatformWide =
    [
        "GET /api/v1/calendar/years/2027",
        "PUT /api/v1/calendar/years/2027",
        "POST /api/v1/calendar/years/2027/import",
        "POST /api/v1/admin/diagnostics/memory",
        "GET /api/v1/channels",
    ];

    [Fact]
    public async Task A_tenants_admin_is_refused_every_platform_wide_endpoint_and_the_operator_is_let_through()
    {
        var gasAdmin = await fixture.Platform.LoginAsync("admin@fuyang-gas");
        var platformOperator = await fixture.Platform.LoginAsync("operator");
        foreach (var endpoint in PlatformWide)
        {
            (await SendAsync(gasAdmin, endpoint)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, endpoint);
            // Let through: an empty body is a 400 naming the field, never a 403.
            (await SendAsync(platformOperator, endpoint)).StatusCode.ShouldBeOneOf([HttpStatusCode.OK, HttpStatusCode.BadRequest], endpoint);
        }
    }

    [Fact]
    public async Task The_operator_belongs_to_no_tenant()
    {
        var platformOperator = await fixture.Platform.LoginAsync("operator");
        foreach (var tenant in new[] { "fangyang-water", "fuyang-gas" })
        {
            foreach (var path in new[] { "complaints", "directory", "channels", "calendar/days?from=2026-01-01&to=2026-01-02" })
            {
                (await platformOperator.GetAsync($"/api/v1/tenants/{tenant}/{path}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{tenant}/{path}");
            }
        }
    }

    [Fact]
    public async Task A_tenants_admin_sees_its_own_channels_only()
    {
        var gasAdmin = await fixture.Platform.LoginAsync("admin@fuyang-gas");
        var view = (await gasAdmin.GetFromJsonAsync<JsonArray>("/api/v1/tenants/fuyang-gas/channels"))!;
        view.Single(c => c!.Str("id") == "website")!["tenants"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["fuyang-gas"]);
        view.Single(c => c!.Str("id") == "wechat")!["tenants"]!.AsArray().ShouldBeEmpty(); // fangyang-water's, not shown
        (await gasAdmin.GetAsync("/api/v1/tenants/fangyang-water/channels")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await fixture.Platform.LoginAsync("agent@fuyang-gas")).GetAsync("/api/v1/tenants/fuyang-gas/channels")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string endpoint)
    {
        var (method, path) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
        // The memory collection deactivates grains; ask it to deactivate nothing idle for less than an hour.
        path = path.EndsWith("/memory", StringComparison.Ordinal) ? path + "?deactivateIdleSeconds=3600" : path;
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method != "GET")
        {
            request.Content = JsonContent.Create(new { });
        }

        return await client.SendAsync(request);
    }
}
