namespace Complaints.Channels.WeChat.Protocol;

/// <summary>
/// Safe mode end to end for one official account: envelope → msg_signature → decrypt on the way in,
/// encrypt → sign → wrapper on the way out. The order matters: the signature is checked before any
/// decryption so that tampered ciphertexts never reach the padding checks.
/// </summary>
public sealed class WeChatSafeMode
{
    private readonly string _token;
    private readonly WeChatMessageCrypt _crypt;

    public WeChatSafeMode(string token, string encodingAesKey, string appId)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        _token = token;
        _crypt = new WeChatMessageCrypt(encodingAesKey, appId);
    }

    /// <summary>The underlying cipher, for callers that handle envelopes themselves.</summary>
    public WeChatMessageCrypt Crypt => _crypt;

    /// <summary>Opens an encrypted push; throws <see cref="WeChatProtocolException"/> on any defect.</summary>
    /// <param name="msgSignature">The <c>msg_signature</c> query parameter.</param>
    /// <param name="timestamp">The <c>timestamp</c> query parameter (check freshness separately).</param>
    /// <param name="nonce">The <c>nonce</c> query parameter.</param>
    /// <param name="body">The POST body.</param>
    /// <param name="maxBytes">Size cap for the body.</param>
    public WeChatPlaintext Open(string? msgSignature, string? timestamp, string? nonce, string body, int maxBytes = WeChatXml.DefaultMaxBytes)
    {
        var envelope = WeChatXml.ParseEnvelope(body, maxBytes);
        if (!WeChatSignature.VerifyMessageSignature(_token, timestamp, nonce, envelope.Encrypt, msgSignature))
        {
            throw new WeChatProtocolException(WeChatProtocolFailure.BadSignature, "msg_signature does not match.");
        }

        return _crypt.Decrypt(envelope.Encrypt);
    }

    /// <summary>Encrypts and signs a passive reply with fresh random bytes.</summary>
    public string Seal(string replyXml, string timestamp, string nonce) =>
        Wrap(_crypt.Encrypt(replyXml), timestamp, nonce);

    /// <summary>Encrypts and signs a passive reply with the given 16 random bytes (deterministic; for tests).</summary>
    public string Seal(string replyXml, string timestamp, string nonce, ReadOnlySpan<byte> random) =>
        Wrap(_crypt.Encrypt(replyXml, random), timestamp, nonce);

    private string Wrap(string encrypt, string timestamp, string nonce) =>
        WeChatReply.BuildEncrypted(encrypt, WeChatSignature.ComputeMessageSignature(_token, timestamp, nonce, encrypt), timestamp, nonce);
}
