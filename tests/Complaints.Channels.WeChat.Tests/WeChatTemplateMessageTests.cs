using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Complaints.Simulators.WeChat;
using Complaints.Testing.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Channels.WeChat.Tests;

/// <summary>
/// Replies after the 48-hour customer-service window has closed go as template messages
/// (<c>POST /cgi-bin/message/template/send</c>), against the simulator, which refuses customer-service messages then
/// (errcode 45015) as WeChat does.
/// </summary>
public sealed class WeChatTemplateMessageTests : IAsyncLifetime
{
    private const string Tenant = "fangyang-water";
    private const string AppId = "wx0fa9e7c1d2b3a4f5";
    private const string Secret = "sim-secret";
    private const string User = "oUserWindow0000000000000xyz1";

    private readonly HttpClient _http = new();
    private LoopbackApp _simulator = null!;

    public async ValueTask InitializeAsync() =>
        _simulator = await LoopbackApp.StartAsync(WeChatSimulator.Build(["--urls", "http://127.0.0.1:0", $"--Accounts:{AppId}={Secret}"]));

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _simulator.DisposeAsync();
    }

    private Task<LoopbackApp> StartPluginAsync(bool template = true)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"Tenants:{Tenant}:Channels:wechat:Token"] = "t",
            [$"Tenants:{Tenant}:Channels:wechat:AppId"] = AppId,
            [$"Tenants:{Tenant}:Channels:wechat:AppSecret"] = Secret,
            [$"Tenants:{Tenant}:Channels:wechat:ApiBaseUrl"] = _simulator.Address.ToString(),
        };
        if (template)
        {
            settings[$"Tenants:{Tenant}:Channels:wechat:Template:Id"] = "TPL_CASE_PROGRESS";
            settings[$"Tenants:{Tenant}:Channels:wechat:Template:Data:character_string1"] = "{number}";
            settings[$"Tenants:{Tenant}:Channels:wechat:Template:Data:thing2"] = "{text}";
            settings[$"Tenants:{Tenant}:Channels:wechat:Template:Url"] = "https://fangyang-water.example/cases";
        }

        return LoopbackApp.StartPluginAsync(new WeChatPlugin(), settings, new RecordingIntake());
    }

    private static IChannelReplySender Sender(LoopbackApp plugin) => plugin.Services.GetServices<IChannelReplySender>().Single(s => s.ChannelId == "wechat");

    private static ChannelReply Reply(string id = "reply-tpl-1") =>
        new(id, Tenant, "FYW-2026-000077", "wechat", "7001", ReplyMoments.ResultReported, "您反映的水压问题已处理完毕。", User, new Dictionary<string, string> { ["result"] = "已更换减压阀" });

    private async Task UserWroteAsync(TimeSpan ago) =>
        (await _http.PostAsync(new Uri(_simulator.Address, $"_sim/users/{User}/wrote?at={Uri.EscapeDataString((DateTimeOffset.UtcNow - ago).ToString("O", CultureInfo.InvariantCulture))}"), null)).EnsureSuccessStatusCode();

    private async Task<List<JsonObject>> MessagesAsync() =>
        (await _http.GetFromJsonAsync<List<JsonObject>>(new Uri(_simulator.Address, "_sim/messages")))!;

    [Fact]
    public async Task After_48_hours_wechat_refuses_the_customer_service_message_and_the_reply_goes_as_a_template_message()
    {
        await using var plugin = await StartPluginAsync();
        await UserWroteAsync(TimeSpan.FromHours(49));

        (await Sender(plugin).SendAsync(Reply())).ShouldBe(ReplyOutcome.Sent);

        var message = (await MessagesAsync()).ShouldHaveSingleItem();
        message["kind"]!.GetValue<string>().ShouldBe("template");
        message["toUser"]!.GetValue<string>().ShouldBe(User);
        var body = JsonNode.Parse(message["body"]!.GetValue<string>())!;
        var expected = JsonNode.Parse($$$"""
            {"touser":"{{{User}}}","template_id":"TPL_CASE_PROGRESS","data":{"character_string1":{"value":"FYW-2026-000077"},"thing2":{"value":"您反映的水压问题已处理完毕。"}},
             "url":"https://fangyang-water.example/cases","client_msg_id":"reply-tpl-1"}
            """);
        JsonNode.DeepEquals(body, expected).ShouldBeTrue(body.ToJsonString());
    }

    [Fact]
    public async Task Within_48_hours_the_reply_stays_a_customer_service_message()
    {
        await using var plugin = await StartPluginAsync();
        await UserWroteAsync(TimeSpan.FromHours(47));

        (await Sender(plugin).SendAsync(Reply())).ShouldBe(ReplyOutcome.Sent);

        (await MessagesAsync()).ShouldHaveSingleItem()["kind"]!.GetValue<string>().ShouldBe("custom");
    }

    [Fact]
    public async Task A_user_the_plugin_saw_write_more_than_48_hours_ago_gets_the_template_message_without_a_refused_attempt()
    {
        await using var plugin = await StartPluginAsync();
        plugin.Services.GetRequiredService<WeChatConversations>().Wrote(Tenant, User, DateTimeOffset.UtcNow.AddHours(-50));

        (await Sender(plugin).SendAsync(Reply())).ShouldBe(ReplyOutcome.Sent);

        (await MessagesAsync()).ShouldHaveSingleItem()["kind"]!.GetValue<string>().ShouldBe("template");
    }

    [Fact]
    public async Task Without_a_template_a_reply_outside_the_window_fails_instead_of_being_retried()
    {
        await using var plugin = await StartPluginAsync(template: false);
        await UserWroteAsync(TimeSpan.FromHours(49));

        (await Sender(plugin).SendAsync(Reply())).ShouldBe(ReplyOutcome.Failed);

        (await MessagesAsync()).ShouldBeEmpty();
    }
}
