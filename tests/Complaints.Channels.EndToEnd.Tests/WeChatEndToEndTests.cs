using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Complaints.Api.Tests;
using Complaints.Simulators.WeChat;
using Complaints.Testing.Channels;

namespace Complaints.Channels.EndToEnd.Tests;

/// <summary>A WeChat user's message through the real host and the wechat plugin loaded from disk, to the final answer.</summary>
public sealed partial class WeChatEndToEndTests
{
    private const string Token = "e2e-token";
    private const string AppId = "wxe2e0000000000001";
    private const string Secret = "e2e-secret";

    [Fact]
    public async Task A_message_becomes_a_complaint_and_the_customer_gets_the_acknowledgement_and_the_answers_by_customer_service_message()
    {
        await using var simulator = await LoopbackApp.StartAsync(WeChatSimulator.Build(["--urls", "http://127.0.0.1:0", $"--Accounts:{AppId}={Secret}"]));
        await using var platform = await PlatformInstance.StartAsync(
            null,
            "--Tenants:fangyang-water:Channels:wechat:Token", Token,
            "--Tenants:fangyang-water:Channels:wechat:AppId", AppId,
            "--Tenants:fangyang-water:Channels:wechat:AppSecret", Secret,
            "--Tenants:fangyang-water:Channels:wechat:EncodingAesKey", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
            "--Tenants:fangyang-water:Channels:wechat:ApiBaseUrl", simulator.Address.ToString());
        using var http = new HttpClient();
        var openId = "oE2E_" + Guid.NewGuid().ToString("N")[..12];
        var user = new WeChatUserClient(http, new Uri(platform.BaseAddress, "/channels/wechat/fangyang-water"), Token);
        var msgId = WeChatUserClient.NextMsgId();

        var channels = await (await platform.LoginAsync("operator")).GetFromJsonAsync<JsonArray>("/api/v1/channels");
        channels!.Single(c => c!["id"]!.GetValue<string>() == "wechat")!.Str("status").ShouldBe("loaded");

        var first = await user.SendTextAsync(openId, "gh_fangyang", "小区停水三天了，一直没人来修", msgId);
        first.Status.ShouldBe(HttpStatusCode.OK, first.Body);
        first.ReplyContent.ShouldNotBeNull().ShouldStartWith("您好！您的留言已收悉");
        var number = CaseNumber().Match(first.ReplyContent).Groups[1].Value;

        // WeChat's retry of the same push: the same answer, nothing new.
        var retry = await user.SendTextAsync(openId, "gh_fangyang", "小区停水三天了，一直没人来修", msgId);
        retry.ReplyContent.ShouldBe(first.ReplyContent);
        var desk = new Desk(platform);
        var registered = await desk.GetAsync(number);
        registered.Str("channel").ShouldBe("wechat");
        registered.Str("externalId").ShouldBe(msgId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var listed = await (await desk.As("agent")).GetFromJsonAsync<JsonObject>($"{desk.Complaints}?channel=wechat&q={number}");
        listed!["total"]!.GetValue<int>().ShouldBe(1);

        await desk.ActAsync(number, "accept", new { category = "general" }, "agent");
        await desk.ActAsync(number, "dispatch", new { department = "customer-service" }, "agent");
        await desk.ActAsync(number, "sign", null, "customer-service");
        await desk.ActAsync(number, "report-result", new { result = "已修复破损管道，恢复供水" }, "customer-service");
        await desk.ActAsync(number, "record-callback", new { satisfaction = "satisfied" }, "agent");

        var messages = await LoopbackApp.EventuallyAsync(
            async () => (await http.GetFromJsonAsync<List<JsonObject>>(new Uri(simulator.Address, $"_sim/messages?touser={openId}")))!,
            m => m.Count >= 3);
        var texts = messages.Select(m => m["content"]!.GetValue<string>()).ToList();
        texts.Count.ShouldBe(3, string.Join(" | ", texts));
        // accepted, result-reported, closed; not signed (not for the customer). The host's outbox sends due replies
        // in parallel, so their order at WeChat is not fixed (reported to the host side).
        texts.ShouldContain(t => t.Contains("已登记", StringComparison.Ordinal) && t.Contains(number, StringComparison.Ordinal) && t.Contains("感谢您的留言", StringComparison.Ordinal));
        texts.ShouldNotContain(t => t.Contains("来电", StringComparison.Ordinal)); // a WeChat customer wrote; they did not call
        texts.ShouldContain(t => t.Contains("已修复破损管道，恢复供水", StringComparison.Ordinal));
        texts.ShouldContain(t => t.Contains("已办结", StringComparison.Ordinal));
        messages.ShouldAllBe(m => m["kind"]!.GetValue<string>() == "custom" && m["appId"]!.GetValue<string>() == AppId);
    }

    [Fact]
    public async Task A_photo_and_a_voice_message_are_fetched_through_the_media_api_and_arrive_as_the_cases_attachments()
    {
        await using var simulator = await LoopbackApp.StartAsync(WeChatSimulator.Build(["--urls", "http://127.0.0.1:0", $"--Accounts:{AppId}={Secret}"]));
        await using var platform = await PlatformInstance.StartAsync(
            null,
            "--Tenants:fangyang-water:Channels:wechat:Token", Token,
            "--Tenants:fangyang-water:Channels:wechat:AppId", AppId,
            "--Tenants:fangyang-water:Channels:wechat:AppSecret", Secret,
            "--Tenants:fangyang-water:Channels:wechat:EncodingAesKey", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
            "--Tenants:fangyang-water:Channels:wechat:ApiBaseUrl", simulator.Address.ToString());
        using var http = new HttpClient();
        var user = new WeChatUserClient(http, new Uri(platform.BaseAddress, "/channels/wechat/fangyang-water"), Token);
        var openId = "oE2E_" + Guid.NewGuid().ToString("N")[..12];
        var desk = new Desk(platform);
        var agent = await desk.As("agent");

        // A JPEG (its magic bytes, then anything) and an AMR voice message, as the phone uploaded them to WeChat.
        byte[] photo = [0xFF, 0xD8, 0xFF, 0xE0, .. "JFIF burst pipe"u8.ToArray()];
        byte[] voice = [.. "#!AMR\n"u8.ToArray(), 0x3C, 0x48, 0xF5, 0x1F];
        foreach (var (bytes, type, ext, contentType, xml) in new (byte[], string, string, string, Func<string, string>)[]
        {
            (photo, "image/jpeg", "jpg", "image/jpeg", id => WeChatUserClient.ImageXml(openId, "gh_fangyang", "http://mmbiz.qpic.cn/sim/0", id, WeChatUserClient.NextMsgId(), DateTimeOffset.UtcNow)),
            (voice, "audio/amr", "amr", "audio/amr", id => WeChatUserClient.VoiceXml(openId, "gh_fangyang", id, "amr", "楼道水管漏水", WeChatUserClient.NextMsgId(), DateTimeOffset.UtcNow)),
        })
        {
            var uploaded = await (await http.PostAsync(new Uri(simulator.Address, $"_sim/media?type={type}&ext={ext}"), new ByteArrayContent(bytes))).Content.ReadFromJsonAsync<JsonObject>();
            var mediaId = uploaded!.Str("media_id");

            var answer = await user.PushAsync(xml(mediaId));
            answer.Status.ShouldBe(HttpStatusCode.OK, answer.Body);
            var number = CaseNumber().Match(answer.ReplyContent.ShouldNotBeNull()).Groups[1].Value;

            var files = await agent.GetFromJsonAsync<JsonArray>($"{desk.Complaints}/{number}/attachments");
            var file = files.ShouldNotBeNull().ShouldHaveSingleItem()!;
            file.Str("name").ShouldBe($"{mediaId}.{ext}");
            file.Str("contentType").ShouldBe(contentType);
            file.Str("sha256").ShouldBe(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
            file.Str("addedBy").ShouldBe("channel:wechat");
            (await agent.GetByteArrayAsync($"{desk.Complaints}/{number}/attachments/{file.Str("id")}")).ShouldBe(bytes);
        }
    }

    [GeneratedRegex("受理编号：(\\S+)$")]
    private static partial Regex CaseNumber();
}
