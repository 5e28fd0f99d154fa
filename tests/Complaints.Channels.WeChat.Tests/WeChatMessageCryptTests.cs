using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Complaints.Channels.WeChat.Protocol;

namespace Complaints.Channels.WeChat.Tests;

public sealed class WeChatMessageCryptTests
{
    private static readonly WeChatMessageCrypt CryptA = new(Vectors.A.EncodingAesKey, Vectors.A.AppId);
    private static readonly WeChatMessageCrypt CryptE = new(Vectors.E.EncodingAesKey, Vectors.E.AppId);

    [Fact]
    public void Vector_A_encrypts_to_the_published_ciphertext() =>
        CryptA.Encrypt(Vectors.A.Message, Encoding.ASCII.GetBytes(Vectors.A.Random)).ShouldBe(Vectors.A.Encrypt);

    [Fact]
    public void Vector_A_decrypts_back()
    {
        var plain = CryptA.Decrypt(Vectors.A.Encrypt);

        plain.Message.ShouldBe(Vectors.A.Message);
        Encoding.ASCII.GetString(plain.Random).ShouldBe(Vectors.A.Random);
    }

    [Fact]
    public void Vector_E_decrypts_to_the_debug_demo_event()
    {
        var plain = CryptE.Decrypt(Vectors.E.Encrypt);

        Encoding.UTF8.GetByteCount(plain.Message).ShouldBe(Vectors.E.MessageBytes);
        Encoding.ASCII.GetString(plain.Random).ShouldBe(Vectors.E.RandomPrefix);
        plain.Message.ShouldContain("debug_demo");
    }

    [Fact]
    public void Vector_E_decrypted_message_parses()
    {
        var message = WeChatXml.ParseMessage(CryptE.Decrypt(Vectors.E.Encrypt).Message);

        var evt = message.ShouldBeOfType<WeChatEventMessage>();
        evt.Event.ShouldBe("debug_demo");
    }

    [Fact]
    public void Vector_E_reply_encrypts_to_the_published_ciphertext() =>
        CryptE.Encrypt(Vectors.E.ReplyMessage, Encoding.ASCII.GetBytes(Vectors.E.ReplyRandom)).ShouldBe(Vectors.E.ReplyEncrypt);

    [Fact]
    public void Vector_E_reply_signature_matches() =>
        WeChatSignature.ComputeMessageSignature(Vectors.E.Token, Vectors.E.ReplyTimestamp, Vectors.E.ReplyNonce, Vectors.E.ReplyEncrypt)
            .ShouldBe(Vectors.E.ReplyMsgSignature);

    [Fact]
    public void Random_overload_round_trips_and_differs_each_time()
    {
        var first = CryptA.Encrypt("投诉：水压低");
        var second = CryptA.Encrypt("投诉：水压低");

        first.ShouldNotBe(second);
        CryptA.Decrypt(first).Message.ShouldBe("投诉：水压低");
        CryptA.Decrypt(second).Message.ShouldBe("投诉：水压低");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(25)]
    [InlineData(26)] // 16 + 4 + 26 + 18 = 64: a whole block of padding, value 32
    [InlineData(27)]
    [InlineData(1000)]
    public void Pads_to_32_bytes_including_a_full_block_of_32(int messageLength)
    {
        var message = new string('x', messageLength);
        var encrypt = CryptA.Encrypt(message, new byte[16]);
        var plain = RawDecrypt(Vectors.A.EncodingAesKey, encrypt);

        plain.Length.ShouldBe(((16 + 4 + messageLength + 18) / 32 + 1) * 32);
        var pad = plain[^1];
        pad.ShouldBeInRange((byte)1, (byte)32);
        if (messageLength == 26)
        {
            pad.ShouldBe((byte)32);
        }

        CryptA.Decrypt(encrypt).Message.ShouldBe(message);
    }

    [Fact]
    public void Wrong_appid_is_refused() =>
        Should.Throw<WeChatProtocolException>(() => new WeChatMessageCrypt(Vectors.A.EncodingAesKey, "wx0000000000000000").Decrypt(Vectors.A.Encrypt))
            .Reason.ShouldBe(WeChatProtocolFailure.BadAppId);

    [Fact]
    public void Wrong_key_is_refused()
    {
        var otherKey = new WeChatMessageCrypt(Vectors.E.EncodingAesKey, Vectors.A.AppId);

        var ex = Should.Throw<WeChatProtocolException>(() => otherKey.Decrypt(Vectors.A.Encrypt));
        ex.Reason.ShouldBeOneOf(WeChatProtocolFailure.BadPadding, WeChatProtocolFailure.BadLength, WeChatProtocolFailure.BadAppId);
    }

    [Fact]
    public void Tampering_with_the_last_block_breaks_the_padding()
    {
        var cipher = Convert.FromBase64String(Vectors.A.Encrypt);
        cipher[^17] ^= 0x01; // flips the last plaintext byte, i.e. the pad value

        Should.Throw<WeChatProtocolException>(() => CryptA.Decrypt(Convert.ToBase64String(cipher)))
            .Reason.ShouldBe(WeChatProtocolFailure.BadPadding);
    }

    [Fact]
    public void Tampering_with_the_appid_bytes_is_refused()
    {
        var cipher = Convert.FromBase64String(Vectors.A.Encrypt);
        // Plaintext: 16 random + 4 length + 19 message bytes + 18 appid = 57; byte 50 is inside the appid, in block 3 (32..47 precede it).
        cipher[50 - 16] ^= 0x01;

        Should.Throw<WeChatProtocolException>(() => CryptA.Decrypt(Convert.ToBase64String(cipher)))
            .Reason.ShouldBe(WeChatProtocolFailure.BadAppId);
    }

    [Fact]
    public void Any_single_bit_flip_is_refused()
    {
        // From the second block on: a flip in block 0 only garbles the random prefix, which nothing checks;
        // integrity against that is msg_signature's job, not the cipher's.
        var original = Convert.FromBase64String(Vectors.A.Encrypt);
        for (var i = 16; i < original.Length; i++)
        {
            var cipher = (byte[])original.Clone();
            cipher[i] ^= 0x80;
            Should.Throw<WeChatProtocolException>(() => CryptA.Decrypt(Convert.ToBase64String(cipher)));
        }
    }

    [Theory]
    [InlineData(new byte[] { 0 })]
    [InlineData(new byte[] { 33 })]
    [InlineData(new byte[] { 3, 3, 4 })]
    public void Invalid_padding_is_refused(byte[] tail)
    {
        var plain = Payload(Vectors.A.AppId, "hello");
        var padded = new byte[((plain.Length / 32) + 1) * 32];
        plain.CopyTo(padded, 0);
        tail.CopyTo(padded, padded.Length - tail.Length);

        Should.Throw<WeChatProtocolException>(() => CryptA.Decrypt(RawEncrypt(Vectors.A.EncodingAesKey, padded)))
            .Reason.ShouldBe(WeChatProtocolFailure.BadPadding);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(-1)]
    [InlineData(5 + 18 + 1)] // one byte beyond message + appid
    public void An_impossible_length_prefix_is_refused(int declaredLength)
    {
        var plain = Payload(Vectors.A.AppId, "hello");
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(16, 4), declaredLength);

        var ex = Should.Throw<WeChatProtocolException>(() => CryptA.Decrypt(RawEncrypt(Vectors.A.EncodingAesKey, Pad(plain))));
        ex.Reason.ShouldBe(WeChatProtocolFailure.BadLength);
    }

    [Fact]
    public void A_length_prefix_that_shifts_the_appid_is_refused()
    {
        var plain = Payload(Vectors.A.AppId, "hello");
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(16, 4), 4);

        Should.Throw<WeChatProtocolException>(() => CryptA.Decrypt(RawEncrypt(Vectors.A.EncodingAesKey, Pad(plain))))
            .Reason.ShouldBe(WeChatProtocolFailure.BadAppId);
    }

    [Fact]
    public void A_payload_shorter_than_its_header_is_refused()
    {
        var padded = new byte[32];
        padded.AsSpan(16).Fill(16);

        Should.Throw<WeChatProtocolException>(() => CryptA.Decrypt(RawEncrypt(Vectors.A.EncodingAesKey, padded)))
            .Reason.ShouldBe(WeChatProtocolFailure.BadLength);
    }

    [Fact]
    public void Invalid_utf8_in_the_message_is_refused()
    {
        var plain = Payload(Vectors.A.AppId, "hello");
        plain[20] = 0xFF;

        Should.Throw<WeChatProtocolException>(() => CryptA.Decrypt(RawEncrypt(Vectors.A.EncodingAesKey, Pad(plain))))
            .Reason.ShouldBe(WeChatProtocolFailure.Malformed);
    }

    [Theory]
    [InlineData(1)]   // no longer valid base64
    [InlineData(4)]   // valid base64, 63 bytes: not whole AES blocks
    [InlineData(24)]  // 48 bytes: whole blocks, but the padding is gone
    [InlineData(44)]  // 32 bytes
    [InlineData(88)]  // nothing left
    public void Truncated_base64_is_refused(int charsRemoved) =>
        Should.Throw<WeChatProtocolException>(() => CryptA.Decrypt(Vectors.A.Encrypt[..^charsRemoved]));

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("====")]
    public void Garbage_is_malformed(string encrypt) =>
        Should.Throw<WeChatProtocolException>(() => CryptA.Decrypt(encrypt)).Reason.ShouldBe(WeChatProtocolFailure.Malformed);

    [Theory]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789ABCDEF")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789ABCDEF!")]
    [InlineData("")]
    public void A_misconfigured_key_fails_at_construction(string encodingAesKey) =>
        Should.Throw<ArgumentException>(() => new WeChatMessageCrypt(encodingAesKey, Vectors.A.AppId));

    [Fact]
    public void Random_must_be_16_bytes() =>
        Should.Throw<ArgumentException>(() => CryptA.Encrypt("x", new byte[15]));

    /// <summary>random(16) + length + message + appid, unpadded.</summary>
    private static byte[] Payload(string appId, string message)
    {
        var body = Encoding.UTF8.GetBytes(message);
        var app = Encoding.UTF8.GetBytes(appId);
        var plain = new byte[20 + body.Length + app.Length];
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(16, 4), body.Length);
        body.CopyTo(plain, 20);
        app.CopyTo(plain, 20 + body.Length);
        return plain;
    }

    private static byte[] Pad(byte[] plain)
    {
        var pad = 32 - (plain.Length % 32);
        var padded = new byte[plain.Length + pad];
        plain.CopyTo(padded, 0);
        padded.AsSpan(plain.Length).Fill((byte)pad);
        return padded;
    }

    private static string RawEncrypt(string encodingAesKey, byte[] padded)
    {
        var key = WeChatMessageCrypt.DecodeAesKey(encodingAesKey);
        using var aes = Aes.Create();
        aes.Key = key;
        return Convert.ToBase64String(aes.EncryptCbc(padded, key.AsSpan(0, 16), PaddingMode.None));
    }

    private static byte[] RawDecrypt(string encodingAesKey, string encrypt)
    {
        var key = WeChatMessageCrypt.DecodeAesKey(encodingAesKey);
        using var aes = Aes.Create();
        aes.Key = key;
        return aes.DecryptCbc(Convert.FromBase64String(encrypt), key.AsSpan(0, 16), PaddingMode.None);
    }
}
