using System.Globalization;
using System.Net;
using Complaints.Channels.WeChat.Protocol;
using Complaints.Simulators.WeChat;
using Complaints.Testing.Channels;

namespace Complaints.Channels.WeChat.Tests;

/// <summary>The plugin's endpoints on a real loopback host, pushed to by the simulator's signing client.</summary>
public sealed class WeChatEndpointTests : IAsyncLifetime
{
    private const string Tenant = "fangyang-water";
    private const string Token = "endpoint-token";
    private const string AesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private const string AppId = "wxb11529c136998cb6";
    private const string OpenId = "oUser_endpoint_1";

    private readonly RecordingIntake _intake = new();
    private readonly HttpClient _http = new();
    private LoopbackApp _app = null!;

    public async ValueTask InitializeAsync() =>
        _app = await LoopbackApp.StartPluginAsync(new WeChatPlugin(), new Dictionary<string, string?>
        {
            [$"Tenants:{Tenant}:Channels:wechat:Token"] = Token,
            [$"Tenants:{Tenant}:Channels:wechat:EncodingAesKey"] = AesKey,
            [$"Tenants:{Tenant}:Channels:wechat:AppId"] = AppId,
            [$"Tenants:{Tenant}:Channels:wechat:MaxClockSkew"] = "00:05:00",
            [$"Tenants:{Tenant}:Channels:wechat:ReplyWithin"] = "00:00:01",
            [$"Tenants:{Tenant}:Channels:wechat:MaxBodyBytes"] = "4096",
            ["Tenants:off-tenant:Channels:wechat:Token"] = "x",
            ["Tenants:off-tenant:Channels:wechat:Enabled"] = "false",
        }, _intake);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    private Uri Url(string tenant = Tenant) => new(_app.Address, $"channels/wechat/{tenant}");

    private WeChatUserClient Plain(string tenant = Tenant, string token = Token) => new(_http, Url(tenant), token);

    private WeChatUserClient Safe(string token = Token) => new(_http, Url(), token, AesKey, AppId);

    private static string Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_url_check_echoes_echostr_when_the_signature_matches()
    {
        var ts = Now();
        var signature = WeChatSignature.ComputeUrlSignature(Token, ts, "42");
        var response = await _http.GetAsync(new Uri(Url(), $"?signature={signature}&timestamp={ts}&nonce=42&echostr=hello-echo"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("hello-echo");
    }

    [Theory]
    [InlineData("bad-signature")]
    [InlineData("stale")]
    public async Task The_url_check_refuses_a_bad_signature_and_a_stale_timestamp(string defect)
    {
        var ts = defect == "stale" ? DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) : Now();
        var signature = defect == "bad-signature" ? WeChatSignature.ComputeUrlSignature("wrong", ts, "42") : WeChatSignature.ComputeUrlSignature(Token, ts, "42");
        var response = await _http.GetAsync(new Uri(Url(), $"?signature={signature}&timestamp={ts}&nonce=42&echostr=hello-echo"));
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("hello-echo");
    }

    [Theory]
    [InlineData("no-such-tenant")]
    [InlineData("off-tenant")]
    public async Task An_unknown_or_disabled_tenant_is_404(string tenant)
    {
        var answer = await Plain(tenant, tenant == "off-tenant" ? "x" : Token).SendTextAsync(OpenId, "gh_1", "水压太低");
        answer.Status.ShouldBe(HttpStatusCode.NotFound);
        _intake.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_plain_text_message_becomes_a_complaint_and_is_answered_with_the_acknowledgement_and_number()
    {
        var answer = await Plain().SendTextAsync(OpenId, "gh_fangyang", "小区停水三天了", msgId: 7001);

        answer.Status.ShouldBe(HttpStatusCode.OK);
        var submission = _intake.Created.ShouldHaveSingleItem();
        submission.ShouldSatisfyAllConditions(
            () => submission.Tenant.ShouldBe(Tenant),
            () => submission.Channel.ShouldBe("wechat"),
            () => submission.ExternalId.ShouldBe("7001"),
            () => submission.Kind.ShouldBe("complaint"),
            () => submission.Content.ShouldBe("小区停水三天了"),
            () => submission.ReplyTo.ShouldBe(OpenId),
            () => submission.OpenId.ShouldBe(OpenId));
        answer.ReplyContent.ShouldNotBeNull();
        answer.ReplyContent.ShouldStartWith("您好！您的留言已收悉，客服人员已将您的留言转达给相关部门");
        answer.ReplyContent.ShouldEndWith("T00001");
        answer.Body.ShouldContain($"<ToUserName><![CDATA[{OpenId}]]></ToUserName>");
        answer.Body.ShouldContain("<FromUserName><![CDATA[gh_fangyang]]></FromUserName>");
    }

    [Fact]
    public async Task A_safe_mode_message_is_decrypted_and_answered_encrypted()
    {
        var answer = await Safe().SendTextAsync(OpenId, "gh_fangyang", "水表漏水", msgId: 7002);

        answer.Status.ShouldBe(HttpStatusCode.OK);
        answer.Body.ShouldContain("<Encrypt>");
        answer.Body.ShouldNotContain("水表");
        answer.ReplyContent.ShouldNotBeNull().ShouldContain("您的留言已收悉");
        _intake.Created.ShouldHaveSingleItem().Content.ShouldBe("水表漏水");
    }

    [Fact]
    public async Task A_retried_message_creates_nothing_more_and_gets_the_same_reply()
    {
        var first = await Plain().SendTextAsync(OpenId, "gh_1", "路面冒水", msgId: 7003);
        var second = await Plain().SendTextAsync(OpenId, "gh_1", "路面冒水", msgId: 7003);
        var third = await Safe().SendTextAsync(OpenId, "gh_1", "路面冒水", msgId: 7003);

        _intake.Created.Count.ShouldBe(1);
        _intake.Calls.Count.ShouldBe(1);
        second.ReplyContent.ShouldBe(first.ReplyContent);
        third.ReplyContent.ShouldBe(first.ReplyContent);
    }

    [Fact]
    public async Task A_bad_signature_is_refused_and_creates_nothing()
    {
        var plain = await Plain(token: "forged").SendTextAsync(OpenId, "gh_1", "伪造", msgId: 7004);
        var safe = await Safe(token: "forged").SendTextAsync(OpenId, "gh_1", "伪造", msgId: 7005);

        plain.Status.ShouldBe(HttpStatusCode.Forbidden);
        safe.Status.ShouldBe(HttpStatusCode.Forbidden);
        _intake.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_stale_timestamp_is_refused_and_creates_nothing()
    {
        var client = Plain();
        client.Now = DateTimeOffset.UtcNow.AddMinutes(-10);
        var answer = await client.SendTextAsync(OpenId, "gh_1", "重放", msgId: 7006);

        answer.Status.ShouldBe(HttpStatusCode.Forbidden);
        _intake.Calls.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("<xml><ToUserName>gh</ToUserName>")]
    [InlineData("<!DOCTYPE xml [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><Content>&e;</Content></xml>")]
    [InlineData("<xml><ToUserName>gh</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType></xml>")]
    public async Task Malformed_xml_is_400_and_creates_nothing(string xml)
    {
        var answer = await Plain().PushAsync(xml);
        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        _intake.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_oversize_body_is_413_and_creates_nothing()
    {
        var answer = await Plain().SendTextAsync(OpenId, "gh_1", new string('水', 2000), msgId: 7007);
        answer.Status.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        _intake.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_is_400()
    {
        var ts = Now();
        var signature = WeChatSignature.ComputeUrlSignature(Token, ts, "1");
        using var content = new ByteArrayContent([0x3c, 0xff, 0xfe, 0x3e]);
        var response = await _http.PostAsync(new Uri(Url(), $"?signature={signature}&timestamp={ts}&nonce=1"), content);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        _intake.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task When_intake_is_slow_the_push_is_answered_success_in_time_and_the_retry_gets_the_acknowledgement()
    {
        _intake.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = await Plain().SendTextAsync(OpenId, "gh_1", "慢", msgId: 7008);
        first.Body.ShouldBe("success");

        _intake.Gate.SetResult();
        var retry = await Plain().SendTextAsync(OpenId, "gh_1", "慢", msgId: 7008);

        retry.ReplyContent.ShouldNotBeNull().ShouldContain("您的留言已收悉");
        _intake.Calls.Count.ShouldBe(1);
        _intake.Created.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Subscribe_is_welcomed_and_unsubscribe_forgets_the_openid()
    {
        // Events are deduplicated on FromUserName + CreateTime: each event here has its own second.
        var at = DateTimeOffset.UtcNow;
        var welcome = await Plain().SendEventAsync("oUser_events", "gh_1", "subscribe", at);
        welcome.ReplyContent.ShouldNotBeNull().ShouldContain("欢迎关注");

        var bye = await Safe().SendEventAsync("oUser_events", "gh_1", "unsubscribe", at.AddSeconds(1));
        bye.Body.ShouldBe("success");
        _intake.Forgotten.ShouldHaveSingleItem().ShouldBe((Tenant, "wechat", "oUser_events"));

        var click = await Plain().SendEventAsync("oUser_events", "gh_1", "CLICK", at.AddSeconds(2));
        click.Body.ShouldBe("success");
        _intake.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Voice_image_and_location_messages_become_submissions()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string Xml(string type, string fields, long id) =>
            $"<xml><ToUserName>gh_1</ToUserName><FromUserName>{OpenId}</FromUserName><CreateTime>{now}</CreateTime><MsgType>{type}</MsgType>{fields}<MsgId>{id}</MsgId></xml>";

        (await Plain().PushAsync(Xml("voice", "<MediaId>m1</MediaId><Format>amr</Format><Recognition>井盖丢了</Recognition>", 7101))).Status.ShouldBe(HttpStatusCode.OK);
        (await Plain().PushAsync(Xml("image", "<PicUrl>http://img.example/1.jpg</PicUrl><MediaId>m2</MediaId>", 7102))).Status.ShouldBe(HttpStatusCode.OK);
        (await Plain().PushAsync(Xml("location", "<Location_X>31.5</Location_X><Location_Y>120.3</Location_Y><Scale>15</Scale><Label>方洋路</Label>", 7103))).Status.ShouldBe(HttpStatusCode.OK);
        (await Plain().PushAsync(Xml("video", "<MediaId>v</MediaId>", 7104))).Body.ShouldBe("success");

        var created = _intake.Created.ToDictionary(s => s.ExternalId);
        created.Count.ShouldBe(3);
        created["7101"].Content.ShouldBe("井盖丢了");
        created["7102"].Content.ShouldContain("http://img.example/1.jpg");
        created["7103"].Location.ShouldBe("方洋路 (31.5,120.3)");
    }

    private static string TextXml(string content, long msgId) =>
        WeChatUserClient.TextXml(OpenId, "gh_1", content, msgId, DateTimeOffset.UtcNow);

    private async Task<HttpResponseMessage> PostSignedAsync(string query, string xml)
    {
        using var content = new StringContent(xml, System.Text.Encoding.UTF8, "text/xml");
        return await _http.PostAsync(new Uri(Url(), "?" + query), content);
    }

    [Fact]
    public async Task A_captured_plain_signature_replayed_with_another_body_is_refused_like_a_bad_signature()
    {
        var ts = Now();
        var query = $"signature={WeChatSignature.ComputeUrlSignature(Token, ts, "777001")}&timestamp={ts}&nonce=777001";
        (await PostSignedAsync(query, TextXml("第一条真实留言", 7201))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var replay = await PostSignedAsync(query, TextXml("伪造的第二条留言", 7202));

        replay.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await replay.Content.ReadAsStringAsync()).ShouldBe("invalid signature");
        _intake.Created.ShouldHaveSingleItem().Content.ShouldBe("第一条真实留言");
        _intake.Calls.Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_same_signed_push_again_is_wechats_retry_and_gets_the_same_reply_without_a_second_case()
    {
        var ts = Now();
        var query = $"signature={WeChatSignature.ComputeUrlSignature(Token, ts, "777002")}&timestamp={ts}&nonce=777002";
        var xml = TextXml("重试的留言", 7203);
        var first = await PostSignedAsync(query, xml);

        var retry = await PostSignedAsync(query, xml);

        retry.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        _intake.Created.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_captured_safe_mode_push_replayed_with_another_body_is_refused()
    {
        var ts = Now();
        var encrypt = new WeChatMessageCrypt(AesKey, AppId).Encrypt(TextXml("安全模式留言", 7204));
        var body = $"<xml><ToUserName><![CDATA[gh_1]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>";
        var query = $"signature={WeChatSignature.ComputeUrlSignature(Token, ts, "777003")}&timestamp={ts}&nonce=777003&encrypt_type=aes&msg_signature={WeChatSignature.ComputeMessageSignature(Token, ts, "777003", encrypt)}";
        (await PostSignedAsync(query, body)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var forged = new WeChatMessageCrypt(AesKey, AppId).Encrypt(TextXml("伪造", 7205));
        var replay = await PostSignedAsync(query, body.Replace(encrypt, forged, StringComparison.Ordinal));

        replay.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        _intake.Created.ShouldHaveSingleItem().Content.ShouldBe("安全模式留言");
    }
}
