using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Complaints.Simulators.WeChat;
using Complaints.Testing;
using Complaints.Testing.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Channels.WeChat.Tests;

/// <summary>The reply sender and the token holder against the WeChat simulator on loopback.</summary>
public sealed class WeChatReplySenderTests : IAsyncLifetime
{
    private const string Tenant = "fangyang-water";
    private const string AppId = "wx0fa9e7c1d2b3a4f5";
    private const string Secret = "sim-secret";

    private readonly HttpClient _http = new();
    private LoopbackApp _simulator = null!;
    private LoopbackApp _plugin = null!;

    public async ValueTask InitializeAsync()
    {
        _simulator = await LoopbackApp.StartAsync(WeChatSimulator.Build(["--urls", "http://127.0.0.1:0", $"--Accounts:{AppId}={Secret}"]));
        _plugin = await StartPluginAsync(_simulator.Address.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _plugin.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    private static Task<LoopbackApp> StartPluginAsync(string apiBaseUrl, string requestTimeout = "00:00:05", string secret = Secret) =>
        LoopbackApp.StartPluginAsync(new WeChatPlugin(), new Dictionary<string, string?>
        {
            [$"Tenants:{Tenant}:Channels:wechat:Token"] = "t",
            [$"Tenants:{Tenant}:Channels:wechat:AppId"] = AppId,
            [$"Tenants:{Tenant}:Channels:wechat:AppSecret"] = secret,
            [$"Tenants:{Tenant}:Channels:wechat:ApiBaseUrl"] = apiBaseUrl,
            [$"Tenants:{Tenant}:Channels:wechat:RequestTimeout"] = requestTimeout,
        }, new RecordingIntake());

    private IChannelReplySender Sender(LoopbackApp? plugin = null) =>
        (plugin ?? _plugin).Services.GetServices<IChannelReplySender>().Single(s => s.ChannelId == "wechat");

    private static ChannelReply Reply(string moment, string? replyTo = "oUser_1", string text = "您反映的问题已处理完毕。") =>
        new(Guid.NewGuid().ToString("N"), Tenant, "FYW20260001", "wechat", "7001", moment, text, replyTo, new Dictionary<string, string>());

    private async Task<List<JsonObject>> MessagesAsync(string? touser = null) =>
        (await _http.GetFromJsonAsync<List<JsonObject>>(new Uri(_simulator.Address, "_sim/messages" + (touser is null ? "" : $"?touser={touser}"))))!;

    private async Task<int> TokensIssuedAsync() =>
        (await _http.GetFromJsonAsync<JsonObject>(new Uri(_simulator.Address, "_sim/tokens")))!["issued"]!.GetValue<int>();

    [Theory]
    [InlineData("accepted")]
    [InlineData("result-reported")]
    [InlineData("closed")]
    public async Task A_reply_for_the_customer_arrives_as_a_customer_service_text_message(string moment)
    {
        (await Sender().SendAsync(Reply(moment, text: $"回复 {moment}"))).ShouldBe(ReplyOutcome.Sent);

        var message = (await MessagesAsync()).ShouldHaveSingleItem();
        message["touser"]!.GetValue<string>().ShouldBe("oUser_1");
        message["msgType"]!.GetValue<string>().ShouldBe("text");
        message["content"]!.GetValue<string>().ShouldBe($"回复 {moment}");
        var expected = JsonNode.Parse("""{"touser":"oUser_1","msgtype":"text","text":{"content":"回复 MOMENT"}}""".Replace("MOMENT", moment, StringComparison.Ordinal));
        JsonNode.DeepEquals(JsonNode.Parse(message["body"]!.GetValue<string>()), expected).ShouldBeTrue(message["body"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("signed", "oUser_1")]
    [InlineData("returned", "oUser_1")]
    [InlineData("extension-decided", "oUser_1")]
    [InlineData("accepted", null)]
    public async Task Internal_moments_and_replies_without_an_address_are_skipped(string moment, string? replyTo)
    {
        (await Sender().SendAsync(Reply(moment, replyTo))).ShouldBe(ReplyOutcome.Skipped);
        (await MessagesAsync()).ShouldBeEmpty();
        (await TokensIssuedAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Concurrent_sends_share_one_token_fetch()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Sender().SendAsync(Reply("accepted", $"oUser_c{i}"))));

        outcomes.ShouldAllBe(o => o == ReplyOutcome.Sent);
        (await TokensIssuedAsync()).ShouldBe(1);
        (await MessagesAsync()).Count.ShouldBe(12);
    }

    [Fact]
    public async Task A_token_invalidated_by_another_fetch_is_refreshed_once_and_the_message_sent_once()
    {
        (await Sender().SendAsync(Reply("accepted", "oUser_a"))).ShouldBe(ReplyOutcome.Sent);
        // Someone else fetches a token for the account: WeChat invalidates ours (the next send gets 40001).
        (await _http.GetFromJsonAsync<JsonObject>(new Uri(_simulator.Address, $"cgi-bin/token?grant_type=client_credential&appid={AppId}&secret={Secret}")))!
            .ContainsKey("access_token").ShouldBeTrue();

        (await Sender().SendAsync(Reply("closed", "oUser_b"))).ShouldBe(ReplyOutcome.Sent);

        (await TokensIssuedAsync()).ShouldBe(3);
        (await MessagesAsync("oUser_b")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_expired_token_is_refreshed_and_the_message_sent_once()
    {
        (await Sender().SendAsync(Reply("accepted", "oUser_a"))).ShouldBe(ReplyOutcome.Sent);
        (await _http.PostAsync(new Uri(_simulator.Address, "_sim/expire-tokens"), null)).EnsureSuccessStatusCode();

        (await Sender().SendAsync(Reply("closed", "oUser_b"))).ShouldBe(ReplyOutcome.Sent);

        (await TokensIssuedAsync()).ShouldBe(2);
        (await MessagesAsync("oUser_b")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_timeout_after_sending_is_failed_and_never_resent()
    {
        await using var impatient = await StartPluginAsync(_simulator.Address.ToString(), requestTimeout: "00:00:01");
        (await Sender(impatient).SendAsync(Reply("accepted", "oUser_warm"))).ShouldBe(ReplyOutcome.Sent);
        (await _http.PostAsJsonAsync(new Uri(_simulator.Address, "_sim/behaviour"), new { sendDelayMs = 4000 })).EnsureSuccessStatusCode();

        (await Sender(impatient).SendAsync(Reply("closed"))).ShouldBe(ReplyOutcome.Failed);

        (await MessagesAsync("oUser_1")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_unreachable_api_is_retry_later()
    {
        await using var plugin = await StartPluginAsync(Loopback.RefusingAddress().ToString().TrimEnd('/'));

        (await Sender(plugin).SendAsync(Reply("accepted"))).ShouldBe(ReplyOutcome.RetryLater);
    }

    [Fact]
    public async Task A_refused_secret_is_retry_later_and_sends_nothing()
    {
        await using var plugin = await StartPluginAsync(_simulator.Address.ToString(), secret: "wrong");

        (await Sender(plugin).SendAsync(Reply("accepted"))).ShouldBe(ReplyOutcome.RetryLater);
        (await MessagesAsync()).ShouldBeEmpty();
    }
}
