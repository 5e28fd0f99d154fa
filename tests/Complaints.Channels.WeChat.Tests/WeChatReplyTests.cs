using System.Text;
using System.Xml.Linq;
using Complaints.Channels.WeChat.Protocol;

namespace Complaints.Channels.WeChat.Tests;

public sealed class WeChatReplyTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1718000100);

    [Fact]
    public void Text_reply_has_the_exact_shape_wechat_expects() =>
        WeChatReply.BuildText("oUser", "gh_account", Now, "已受理，编号 TS-2024-0001")
            .ShouldBe("<xml><ToUserName><![CDATA[oUser]]></ToUserName><FromUserName><![CDATA[gh_account]]></FromUserName>"
                + "<CreateTime>1718000100</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                + "<Content><![CDATA[已受理，编号 TS-2024-0001]]></Content></xml>");

    [Theory]
    [InlineData("a]]>b")]
    [InlineData("]]>")]
    [InlineData("]]>]]>")]
    [InlineData("x]]]>>y")]
    [InlineData("<![CDATA[nested]]>")]
    [InlineData("</Content></xml><xml>")]
    [InlineData("& < > \" '")]
    public void Content_survives_an_xml_parser_verbatim(string content)
    {
        var xml = WeChatReply.BuildText("oUser", "gh_account", Now, content);

        XDocument.Parse(xml).Root!.Element("Content")!.Value.ShouldBe(content);
        WeChatXml.ParseMessage(xml).ShouldBeOfType<WeChatTextMessage>().Content.ShouldBe(content);
    }

    [Fact]
    public void Text_reply_parses_back_into_a_message()
    {
        var message = WeChatXml.ParseMessage(WeChatReply.BuildText("oUser", "gh_account", Now, "好的")).ShouldBeOfType<WeChatTextMessage>();

        message.ToUserName.ShouldBe("oUser");
        message.FromUserName.ShouldBe("gh_account");
        message.CreateTime.ShouldBe(Now);
    }

    [Fact]
    public void Characters_xml_cannot_carry_are_refused() =>
        Should.Throw<ArgumentException>(() => WeChatReply.BuildText("oUser", "gh_account", Now, "bell\u0007"));

    [Fact]
    public void Encrypted_wrapper_has_the_exact_shape() =>
        WeChatReply.BuildEncrypted("ENC", "SIG", "1713424427", "415670741")
            .ShouldBe("<xml><Encrypt><![CDATA[ENC]]></Encrypt><MsgSignature><![CDATA[SIG]]></MsgSignature>"
                + "<TimeStamp>1713424427</TimeStamp><Nonce><![CDATA[415670741]]></Nonce></xml>");

    [Fact]
    public void Vector_E_reply_is_sealed_exactly()
    {
        var safeMode = new WeChatSafeMode(Vectors.E.Token, Vectors.E.EncodingAesKey, Vectors.E.AppId);

        var xml = safeMode.Seal(Vectors.E.ReplyMessage, Vectors.E.ReplyTimestamp, Vectors.E.ReplyNonce, Encoding.ASCII.GetBytes(Vectors.E.ReplyRandom));

        var root = XDocument.Parse(xml).Root!;
        root.Element("Encrypt")!.Value.ShouldBe(Vectors.E.ReplyEncrypt);
        root.Element("MsgSignature")!.Value.ShouldBe(Vectors.E.ReplyMsgSignature);
        root.Element("TimeStamp")!.Value.ShouldBe(Vectors.E.ReplyTimestamp);
        root.Element("Nonce")!.Value.ShouldBe(Vectors.E.ReplyNonce);
    }
}
