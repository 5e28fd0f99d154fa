using System.Text;
using System.Xml.Linq;
using Complaints.Channels.WeChat.Protocol;

namespace Complaints.Channels.WeChat.Tests;

public sealed class WeChatSafeModeTests
{
    private static readonly WeChatSafeMode SafeModeE = new(Vectors.E.Token, Vectors.E.EncodingAesKey, Vectors.E.AppId);

    [Fact]
    public void Opens_vector_E()
    {
        var plain = SafeModeE.Open(Vectors.E.MsgSignature, Vectors.E.Timestamp, Vectors.E.Nonce, Vectors.E.Body);

        Encoding.ASCII.GetString(plain.Random).ShouldBe(Vectors.E.RandomPrefix);
        Encoding.UTF8.GetByteCount(plain.Message).ShouldBe(Vectors.E.MessageBytes);
        plain.Message.ShouldContain("debug_demo");
    }

    [Fact]
    public void A_wrong_token_fails_the_signature_before_decryption()
    {
        var other = new WeChatSafeMode("BBBBB", Vectors.E.EncodingAesKey, Vectors.E.AppId);

        Should.Throw<WeChatProtocolException>(() => other.Open(Vectors.E.MsgSignature, Vectors.E.Timestamp, Vectors.E.Nonce, Vectors.E.Body))
            .Reason.ShouldBe(WeChatProtocolFailure.BadSignature);
    }

    [Theory]
    [InlineData("6c12a4205838198b8fa631b3220723bb07f1015d", "1715943329", "1590219412")]
    [InlineData("6c12a4205838198b8fa631b3220723bb07f1015c", "1715943330", "1590219412")]
    [InlineData("6c12a4205838198b8fa631b3220723bb07f1015c", "1715943329", "1590219413")]
    [InlineData(null, "1715943329", "1590219412")]
    public void Altered_query_parameters_fail_the_signature(string? msgSignature, string? timestamp, string? nonce) =>
        Should.Throw<WeChatProtocolException>(() => SafeModeE.Open(msgSignature, timestamp, nonce, Vectors.E.Body))
            .Reason.ShouldBe(WeChatProtocolFailure.BadSignature);

    [Fact]
    public void A_tampered_ciphertext_fails_the_signature()
    {
        var body = Vectors.E.Body.Replace("D7yz", "D7yy", StringComparison.Ordinal);

        Should.Throw<WeChatProtocolException>(() => SafeModeE.Open(Vectors.E.MsgSignature, Vectors.E.Timestamp, Vectors.E.Nonce, body))
            .Reason.ShouldBe(WeChatProtocolFailure.BadSignature);
    }

    [Fact]
    public void A_validly_signed_ciphertext_for_another_appid_is_refused()
    {
        var otherAccount = new WeChatSafeMode(Vectors.E.Token, Vectors.E.EncodingAesKey, "wx0000000000000000");

        Should.Throw<WeChatProtocolException>(() => otherAccount.Open(Vectors.E.MsgSignature, Vectors.E.Timestamp, Vectors.E.Nonce, Vectors.E.Body))
            .Reason.ShouldBe(WeChatProtocolFailure.BadAppId);
    }

    [Fact]
    public void Malformed_and_oversize_bodies_are_refused_before_anything_else()
    {
        Should.Throw<WeChatProtocolException>(() => SafeModeE.Open(Vectors.E.MsgSignature, Vectors.E.Timestamp, Vectors.E.Nonce, "<xml><Encrypt>"))
            .Reason.ShouldBe(WeChatProtocolFailure.Malformed);
        Should.Throw<WeChatProtocolException>(() => SafeModeE.Open(Vectors.E.MsgSignature, Vectors.E.Timestamp, Vectors.E.Nonce, Vectors.E.Body, maxBytes: 100))
            .Reason.ShouldBe(WeChatProtocolFailure.TooLarge);
    }

    [Fact]
    public void Seal_then_open_round_trips()
    {
        var reply = WeChatReply.BuildText("oUser", "gh_account", DateTimeOffset.FromUnixTimeSeconds(1718000100), "已收到 ]]> 谢谢");

        var sealedXml = SafeModeE.Seal(reply, "1718000100", "77889900");
        var signature = XDocument.Parse(sealedXml).Root!.Element("MsgSignature")!.Value;
        var opened = SafeModeE.Open(signature, "1718000100", "77889900", sealedXml);

        opened.Message.ShouldBe(reply);
        WeChatXml.ParseMessage(opened.Message).ShouldBeOfType<WeChatTextMessage>().Content.ShouldBe("已收到 ]]> 谢谢");
    }
}
