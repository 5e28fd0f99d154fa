using Complaints.Channels.WeChat.Protocol;
using Complaints.Simulators.WeChat;

namespace Complaints.Channels.WeChat.Tests;

/// <summary>The simulator's independent implementation agrees with the published vectors and with the plugin's.</summary>
public sealed class SimulatorCryptoTests
{
    [Fact]
    public void The_simulator_signs_the_url_check_vector() =>
        WeChatCrypto.Sign(Vectors.UrlCheck.Token, Vectors.UrlCheck.Timestamp, Vectors.UrlCheck.Nonce).ShouldBe(Vectors.UrlCheck.Signature);

    [Fact]
    public void The_simulator_opens_vectors_A_and_E()
    {
        WeChatCrypto.Decrypt(Vectors.A.EncodingAesKey, Vectors.A.AppId, Vectors.A.Encrypt).ShouldBe(Vectors.A.Message);
        WeChatCrypto.Sign(Vectors.E.Token, Vectors.E.Timestamp, Vectors.E.Nonce, Vectors.E.Encrypt).ShouldBe(Vectors.E.MsgSignature);
        System.Text.Encoding.UTF8.GetByteCount(WeChatCrypto.Decrypt(Vectors.E.EncodingAesKey, Vectors.E.AppId, Vectors.E.Encrypt)).ShouldBe(Vectors.E.MessageBytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("短")]
    [InlineData("一段刚好跨过三十二字节边界的中文留言内容abc")]
    public void What_the_simulator_encrypts_the_plugin_decrypts(string message)
    {
        var encrypt = WeChatCrypto.Encrypt(Vectors.A.EncodingAesKey, Vectors.A.AppId, message);
        new WeChatMessageCrypt(Vectors.A.EncodingAesKey, Vectors.A.AppId).Decrypt(encrypt).Message.ShouldBe(message);
    }
}
