using System.Text.Json;
using Complaints.Channels.WeChat.Protocol;

namespace Complaints.Channels.WeChat.Tests;

public sealed class WeChatJsonTests
{
    [Fact]
    public void Custom_text_message_serializes_as_the_api_expects()
    {
        var body = new WeChatCustomTextMessage("oUser", new WeChatTextContent("您的投诉已办结"));

        JsonSerializer.Serialize(body, WeChatJsonContext.Default.WeChatCustomTextMessage)
            .ShouldBe("""{"touser":"oUser","msgtype":"text","text":{"content":"\u60A8\u7684\u6295\u8BC9\u5DF2\u529E\u7ED3"}}""");
    }

    [Fact]
    public void Template_message_serializes_its_data_and_omits_unset_options()
    {
        var body = new WeChatTemplateMessage("oUser", "tmpl-1", new Dictionary<string, WeChatTemplateValue>
        {
            ["case"] = new("TS-0001"),
            ["status"] = new("done"),
        });

        JsonSerializer.Serialize(body, WeChatJsonContext.Default.WeChatTemplateMessage)
            .ShouldBe("""{"touser":"oUser","template_id":"tmpl-1","data":{"case":{"value":"TS-0001"},"status":{"value":"done"}}}""");

        JsonSerializer.Serialize(body with { Url = "https://example.test/c/1", ClientMsgId = "case-1-closed" }, WeChatJsonContext.Default.WeChatTemplateMessage)
            .ShouldContain("""
                "url":"https://example.test/c/1","client_msg_id":"case-1-closed"
                """);
    }

    [Fact]
    public void Token_response_reads_both_shapes()
    {
        var ok = JsonSerializer.Deserialize("""{"access_token":"ACCESS_TOKEN","expires_in":7200}""", WeChatJsonContext.Default.WeChatAccessTokenResponse)!;
        ok.IsSuccess.ShouldBeTrue();
        ok.AccessToken.ShouldBe("ACCESS_TOKEN");
        ok.ExpiresIn.ShouldBe(7200);

        var error = JsonSerializer.Deserialize("""{"errcode":40013,"errmsg":"invalid appid"}""", WeChatJsonContext.Default.WeChatAccessTokenResponse)!;
        error.IsSuccess.ShouldBeFalse();
        error.ErrCode.ShouldBe(40013);
        error.ErrMsg.ShouldBe("invalid appid");
    }

    [Fact]
    public void Api_results_read()
    {
        var result = JsonSerializer.Deserialize("""{"errcode":45015,"errmsg":"response out of time limit"}""", WeChatJsonContext.Default.WeChatApiResult)!;
        result.IsSuccess.ShouldBeFalse();
        result.ErrCode.ShouldBe(45015);

        var sent = JsonSerializer.Deserialize("""{"errcode":0,"errmsg":"ok","msgid":200228332}""", WeChatJsonContext.Default.WeChatTemplateSendResult)!;
        sent.IsSuccess.ShouldBeTrue();
        sent.MsgId.ShouldBe(200228332L);
    }
}
