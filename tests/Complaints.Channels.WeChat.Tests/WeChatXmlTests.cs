using System.Globalization;
using Complaints.Channels.WeChat.Protocol;

namespace Complaints.Channels.WeChat.Tests;

public sealed class WeChatXmlTests
{
    private const string OpenId = "oXz1a5Ee9c1Yv_k2WcIcT6mPq-8M";
    private const string Account = "gh_3f2c1e0a9b87";

    [Fact]
    public void Text_message()
    {
        var xml = $"""
            <xml>
              <ToUserName><![CDATA[{Account}]]></ToUserName>
              <FromUserName><![CDATA[{OpenId}]]></FromUserName>
              <CreateTime>1718000000</CreateTime>
              <MsgType><![CDATA[text]]></MsgType>
              <Content><![CDATA[小区停水三天了，请尽快处理 <急> & 谢谢]]></Content>
              <MsgId>24602987642348567</MsgId>
              <MsgDataId>xxxx</MsgDataId>
              <Idx>xxxx</Idx>
            </xml>
            """;

        var message = WeChatXml.ParseMessage(xml).ShouldBeOfType<WeChatTextMessage>();

        message.ToUserName.ShouldBe(Account);
        message.FromUserName.ShouldBe(OpenId);
        message.CreateTime.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1718000000));
        message.CreateTime.Offset.ShouldBe(TimeSpan.Zero);
        message.MsgType.ShouldBe("text");
        message.Content.ShouldBe("小区停水三天了，请尽快处理 <急> & 谢谢");
        message.MsgId.ShouldBe(24602987642348567L);
        message.DeduplicationKey.ShouldBe("24602987642348567");
    }

    [Fact]
    public void Image_message()
    {
        var xml = $"""
            <xml><ToUserName><![CDATA[{Account}]]></ToUserName><FromUserName><![CDATA[{OpenId}]]></FromUserName>
            <CreateTime>1718000001</CreateTime><MsgType><![CDATA[image]]></MsgType>
            <PicUrl><![CDATA[http://mmbiz.qpic.cn/mmbiz_jpg/abc/0]]></PicUrl>
            <MediaId><![CDATA[kq3K8_mediaid_9r]]></MediaId><MsgId>24602987642348568</MsgId></xml>
            """;

        var message = WeChatXml.ParseMessage(xml).ShouldBeOfType<WeChatImageMessage>();

        message.PicUrl.ShouldBe("http://mmbiz.qpic.cn/mmbiz_jpg/abc/0");
        message.MediaId.ShouldBe("kq3K8_mediaid_9r");
        message.MsgId.ShouldBe(24602987642348568L);
    }

    [Fact]
    public void Voice_message_with_recognition()
    {
        var xml = $"""
            <xml><ToUserName><![CDATA[{Account}]]></ToUserName><FromUserName><![CDATA[{OpenId}]]></FromUserName>
            <CreateTime>1718000002</CreateTime><MsgType><![CDATA[voice]]></MsgType>
            <MediaId><![CDATA[voice_media_1]]></MediaId><Format><![CDATA[amr]]></Format>
            <Recognition><![CDATA[燃气表不走了]]></Recognition><MsgId>24602987642348569</MsgId></xml>
            """;

        var message = WeChatXml.ParseMessage(xml).ShouldBeOfType<WeChatVoiceMessage>();

        message.MediaId.ShouldBe("voice_media_1");
        message.Format.ShouldBe("amr");
        message.Recognition.ShouldBe("燃气表不走了");
    }

    [Fact]
    public void Voice_message_without_recognition()
    {
        var xml = $"""
            <xml><ToUserName><![CDATA[{Account}]]></ToUserName><FromUserName><![CDATA[{OpenId}]]></FromUserName>
            <CreateTime>1718000002</CreateTime><MsgType><![CDATA[voice]]></MsgType>
            <MediaId><![CDATA[voice_media_1]]></MediaId><Format><![CDATA[speex]]></Format><MsgId>1</MsgId></xml>
            """;

        var message = WeChatXml.ParseMessage(xml).ShouldBeOfType<WeChatVoiceMessage>();

        message.Format.ShouldBe("speex");
        message.Recognition.ShouldBeNull();
    }

    [Fact]
    public void Location_message_uses_invariant_culture()
    {
        var xml = $"""
            <xml><ToUserName><![CDATA[{Account}]]></ToUserName><FromUserName><![CDATA[{OpenId}]]></FromUserName>
            <CreateTime>1718000003</CreateTime><MsgType><![CDATA[location]]></MsgType>
            <Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y><Scale>20</Scale>
            <Label><![CDATA[广州市天河区体育西路]]></Label><MsgId>24602987642348570</MsgId></xml>
            """;

        var previous = CultureInfo.CurrentCulture;
        WeChatLocationMessage message;
        try
        {
            // A culture with a decimal comma must not change the reading.
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            message = WeChatXml.ParseMessage(xml).ShouldBeOfType<WeChatLocationMessage>();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        message.LocationX.ShouldBe(23.134521);
        message.LocationY.ShouldBe(113.358803);
        message.Scale.ShouldBe(20);
        message.Label.ShouldBe("广州市天河区体育西路");
    }

    [Fact]
    public void Subscribe_event_is_deduplicated_on_sender_and_time()
    {
        var xml = $"""
            <xml><ToUserName><![CDATA[{Account}]]></ToUserName><FromUserName><![CDATA[{OpenId}]]></FromUserName>
            <CreateTime>1718000004</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event></xml>
            """;

        var message = WeChatXml.ParseMessage(xml).ShouldBeOfType<WeChatEventMessage>();

        message.Event.ShouldBe("subscribe");
        message.EventKey.ShouldBeNull();
        message.MsgId.ShouldBeNull();
        message.DeduplicationKey.ShouldBe($"{OpenId}:1718000004");
    }

    [Fact]
    public void Click_event_carries_its_key()
    {
        var xml = $"""
            <xml><ToUserName><![CDATA[{Account}]]></ToUserName><FromUserName><![CDATA[{OpenId}]]></FromUserName>
            <CreateTime>1718000005</CreateTime><MsgType><![CDATA[event]]></MsgType>
            <Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[MY_CASES]]></EventKey></xml>
            """;

        var message = WeChatXml.ParseMessage(xml).ShouldBeOfType<WeChatEventMessage>();

        message.Event.ShouldBe("CLICK");
        message.EventKey.ShouldBe("MY_CASES");
    }

    [Fact]
    public void Retries_of_one_push_share_a_key_and_different_pushes_do_not()
    {
        const string template = "<xml><ToUserName>a</ToUserName><FromUserName>{0}</FromUserName><CreateTime>{1}</CreateTime><MsgType>event</MsgType><Event>unsubscribe</Event></xml>";
        var first = WeChatXml.ParseMessage(string.Format(CultureInfo.InvariantCulture, template, OpenId, 100));
        var retry = WeChatXml.ParseMessage(string.Format(CultureInfo.InvariantCulture, template, OpenId, 100));
        var later = WeChatXml.ParseMessage(string.Format(CultureInfo.InvariantCulture, template, OpenId, 101));

        retry.DeduplicationKey.ShouldBe(first.DeduplicationKey);
        later.DeduplicationKey.ShouldNotBe(first.DeduplicationKey);
        retry.ShouldBe(first);
    }

    [Fact]
    public void Unhandled_types_parse_as_unsupported()
    {
        var xml = $"""
            <xml><ToUserName><![CDATA[{Account}]]></ToUserName><FromUserName><![CDATA[{OpenId}]]></FromUserName>
            <CreateTime>1718000006</CreateTime><MsgType><![CDATA[video]]></MsgType>
            <MediaId><![CDATA[m]]></MediaId><ThumbMediaId><![CDATA[t]]></ThumbMediaId><MsgId>7</MsgId></xml>
            """;

        var message = WeChatXml.ParseMessage(xml).ShouldBeOfType<WeChatUnsupportedMessage>();

        message.MsgType.ShouldBe("video");
        message.DeduplicationKey.ShouldBe("7");
    }

    [Fact]
    public void Safe_mode_envelope()
    {
        var envelope = WeChatXml.ParseEnvelope(Vectors.E.Body);

        envelope.ToUserName.ShouldBe("gh_97417a04a28d");
        envelope.Encrypt.ShouldBe(Vectors.E.Encrypt);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not xml")]
    [InlineData("<xml><ToUserName>a</ToUserName>")]
    [InlineData("<xml><ToUserName>a</ToUserName><Encrypt></Encrypt></xml>")]
    [InlineData("<xml><ToUserName>a</ToUserName></xml>")]
    [InlineData("<envelope><Encrypt>abc</Encrypt></envelope>")]
    [InlineData("<xml><Encrypt>abc</Encrypt><Encrypt>def</Encrypt></xml>")]
    public void Malformed_envelopes_are_refused(string xml) =>
        Should.Throw<WeChatProtocolException>(() => WeChatXml.ParseEnvelope(xml)).Reason.ShouldBe(WeChatProtocolFailure.Malformed);

    [Theory]
    [InlineData("<xml><ToUserName>a</ToUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>x</Content></xml>")] // no FromUserName
    [InlineData("<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><Content>x</Content></xml>")] // no MsgType
    [InlineData("<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>yesterday</CreateTime><MsgType>text</MsgType><Content>x</Content></xml>")]
    [InlineData("<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>-5</CreateTime><MsgType>text</MsgType><Content>x</Content></xml>")]
    [InlineData("<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>99999999999999999</CreateTime><MsgType>text</MsgType><Content>x</Content></xml>")]
    [InlineData("<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType></xml>")] // no Content
    [InlineData("<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>x</Content><MsgId>12ab</MsgId></xml>")]
    [InlineData("<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><FromUserName>c</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>x</Content></xml>")]
    [InlineData("<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content><b>x</b></Content></xml>")]
    [InlineData("<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>image</MsgType><MediaId>m</MediaId></xml>")] // no PicUrl
    [InlineData("<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>voice</MsgType><MediaId>m</MediaId></xml>")] // no Format
    [InlineData("<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>location</MsgType><Location_X>23,1</Location_X><Location_Y>113.3</Location_Y></xml>")]
    [InlineData("<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>location</MsgType><Location_X>NaN</Location_X><Location_Y>113.3</Location_Y></xml>")]
    [InlineData("<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType></xml>")] // no Event
    [InlineData("<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>x</Content></xml><xml/>")]
    [InlineData("<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>x &nbsp;</Content></xml>")]
    public void Malformed_messages_are_refused(string xml) =>
        Should.Throw<WeChatProtocolException>(() => WeChatXml.ParseMessage(xml)).Reason.ShouldBe(WeChatProtocolFailure.Malformed);

    [Fact]
    public void A_dtd_with_an_external_entity_is_refused()
    {
        const string xml = """
            <?xml version="1.0"?>
            <!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&xxe;</Content></xml>
            """;

        Should.Throw<WeChatProtocolException>(() => WeChatXml.ParseMessage(xml)).Reason.ShouldBe(WeChatProtocolFailure.Malformed);
    }

    [Fact]
    public void An_entity_expansion_bomb_is_refused()
    {
        const string xml = """
            <!DOCTYPE xml [
              <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
              <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
              <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
            ]>
            <xml><Encrypt>&c;</Encrypt></xml>
            """;

        Should.Throw<WeChatProtocolException>(() => WeChatXml.ParseEnvelope(xml)).Reason.ShouldBe(WeChatProtocolFailure.Malformed);
    }

    [Fact]
    public void An_oversize_body_is_refused_and_the_cap_is_inclusive()
    {
        var body = Vectors.E.Body;
        var size = System.Text.Encoding.UTF8.GetByteCount(body);

        WeChatXml.ParseEnvelope(body, maxBytes: size).Encrypt.ShouldBe(Vectors.E.Encrypt);
        Should.Throw<WeChatProtocolException>(() => WeChatXml.ParseEnvelope(body, maxBytes: size - 1))
            .Reason.ShouldBe(WeChatProtocolFailure.TooLarge);
    }

    [Fact]
    public void The_cap_counts_utf8_bytes_not_characters()
    {
        var xml = "<xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>"
            + new string('投', 100) + "</Content></xml>";

        Should.Throw<WeChatProtocolException>(() => WeChatXml.ParseMessage(xml, maxBytes: xml.Length + 10))
            .Reason.ShouldBe(WeChatProtocolFailure.TooLarge);
        WeChatXml.ParseMessage(xml, maxBytes: xml.Length + 200).ShouldBeOfType<WeChatTextMessage>();
    }

    [Fact]
    public void The_default_cap_refuses_a_megabyte()
    {
        var xml = "<xml><Encrypt>" + new string('A', 1024 * 1024) + "</Encrypt></xml>";

        Should.Throw<WeChatProtocolException>(() => WeChatXml.ParseEnvelope(xml)).Reason.ShouldBe(WeChatProtocolFailure.TooLarge);
    }
}
