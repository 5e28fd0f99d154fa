using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Complaints.Channels.WeChat.Protocol;

/// <summary>What a safe-mode ciphertext carried: the sender's 16 random bytes and the message itself.</summary>
/// <param name="Random">The 16-byte random prefix (kept for diagnostics and test vectors).</param>
/// <param name="Message">The inner message, usually the plain-mode XML.</param>
public sealed record WeChatPlaintext(byte[] Random, string Message);

/// <summary>
/// The safe-mode (<c>encrypt_type=aes</c>) cipher: AES-256-CBC with IV = first 16 bytes of the key and
/// PKCS#7 padding to a 32-byte block, done by hand because .NET's PKCS#7 only pads to the 16-byte AES block.
/// Plaintext layout: random(16) + length(4, big-endian) + message (UTF-8) + appid.
/// Verify <c>msg_signature</c> before calling <see cref="Decrypt"/>: the signature covers the ciphertext,
/// which is what keeps the padding checks here from being a padding oracle.
/// </summary>
public sealed class WeChatMessageCrypt
{
    /// <summary>Length of the random prefix.</summary>
    public const int RandomLength = 16;

    private const int PadBlock = 32;
    private const int AesBlock = 16;
    private const int HeaderLength = RandomLength + 4;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly byte[] _key;
    private readonly byte[] _iv;
    private readonly byte[] _appId;

    /// <param name="encodingAesKey">The 43-character EncodingAESKey from the official-account console.</param>
    /// <param name="appId">The official account's AppID; decryption refuses payloads for any other account.</param>
    public WeChatMessageCrypt(string encodingAesKey, string appId)
    {
        ArgumentException.ThrowIfNullOrEmpty(appId);
        _key = DecodeAesKey(encodingAesKey);
        _iv = _key[..16];
        _appId = Encoding.UTF8.GetBytes(appId);
        AppId = appId;
    }

    /// <summary>The AppID this crypt encrypts for and accepts.</summary>
    public string AppId { get; }

    /// <summary>
    /// <c>AESKey = Base64Decode(EncodingAESKey + "=")</c>; throws <see cref="ArgumentException"/> on a
    /// misconfigured key, so a bad setting fails at start-up rather than on the first message.
    /// </summary>
    public static byte[] DecodeAesKey(string encodingAesKey)
    {
        ArgumentNullException.ThrowIfNull(encodingAesKey);
        if (encodingAesKey.Length != 43)
        {
            throw new ArgumentException("The EncodingAESKey must be 43 characters long.", nameof(encodingAesKey));
        }

        var key = new byte[32];
        if (!Convert.TryFromBase64String(encodingAesKey + "=", key, out var written) || written != 32)
        {
            throw new ArgumentException("The EncodingAESKey is not valid base64 for a 32-byte key.", nameof(encodingAesKey));
        }

        return key;
    }

    /// <summary>Encrypts with fresh random bytes from <see cref="RandomNumberGenerator"/>.</summary>
    public string Encrypt(string message)
    {
        Span<byte> random = stackalloc byte[RandomLength];
        RandomNumberGenerator.Fill(random);
        return Encrypt(message, random);
    }

    /// <summary>Encrypts with the given 16 random bytes (deterministic; for test vectors).</summary>
    public string Encrypt(string message, ReadOnlySpan<byte> random)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (random.Length != RandomLength)
        {
            throw new ArgumentException($"Exactly {RandomLength} random bytes are required.", nameof(random));
        }

        var messageLength = StrictUtf8.GetByteCount(message);
        var contentLength = HeaderLength + messageLength + _appId.Length;
        var padding = PadBlock - (contentLength % PadBlock); // 1..32, never 0
        var plain = new byte[contentLength + padding];

        random.CopyTo(plain);
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(RandomLength, 4), messageLength);
        StrictUtf8.GetBytes(message, plain.AsSpan(HeaderLength, messageLength));
        _appId.CopyTo(plain.AsSpan(HeaderLength + messageLength));
        plain.AsSpan(contentLength).Fill((byte)padding);

        using var aes = CreateAes();
        return Convert.ToBase64String(aes.EncryptCbc(plain, _iv, PaddingMode.None));
    }

    /// <summary>
    /// Decrypts and checks padding, length and AppID; any deviation throws <see cref="WeChatProtocolException"/>.
    /// </summary>
    public WeChatPlaintext Decrypt(string encrypt)
    {
        ArgumentNullException.ThrowIfNull(encrypt);

        byte[] cipher;
        try
        {
            cipher = Convert.FromBase64String(encrypt);
        }
        catch (FormatException ex)
        {
            throw new WeChatProtocolException(WeChatProtocolFailure.Malformed, "Encrypt is not valid base64.", ex);
        }

        // WeChat pads to 32 bytes; only the AES block size (16) is required here, the padding check does the rest.
        if (cipher.Length == 0 || cipher.Length % AesBlock != 0)
        {
            throw new WeChatProtocolException(WeChatProtocolFailure.Malformed, "The ciphertext is not a whole number of AES blocks.");
        }

        byte[] plain;
        using (var aes = CreateAes())
        {
            plain = aes.DecryptCbc(cipher, _iv, PaddingMode.None);
        }

        var content = Unpad(plain);
        if (content.Length < HeaderLength)
        {
            throw new WeChatProtocolException(WeChatProtocolFailure.BadLength, "The payload is shorter than its header.");
        }

        var messageLength = BinaryPrimitives.ReadInt32BigEndian(content.Slice(RandomLength, 4));
        if (messageLength < 0 || messageLength > content.Length - HeaderLength)
        {
            throw new WeChatProtocolException(WeChatProtocolFailure.BadLength, "The message length prefix exceeds the payload.");
        }

        var appId = content[(HeaderLength + messageLength)..];
        if (!appId.SequenceEqual(_appId))
        {
            throw new WeChatProtocolException(WeChatProtocolFailure.BadAppId, "The payload is addressed to another AppID.");
        }

        string message;
        try
        {
            message = StrictUtf8.GetString(content.Slice(HeaderLength, messageLength));
        }
        catch (DecoderFallbackException ex)
        {
            throw new WeChatProtocolException(WeChatProtocolFailure.Malformed, "The message is not valid UTF-8.", ex);
        }

        return new WeChatPlaintext(content[..RandomLength].ToArray(), message);
    }

    private static ReadOnlySpan<byte> Unpad(byte[] plain)
    {
        var pad = plain[^1];
        if (pad is < 1 or > PadBlock || pad > plain.Length)
        {
            throw new WeChatProtocolException(WeChatProtocolFailure.BadPadding, "Invalid padding.");
        }

        foreach (var b in plain.AsSpan(plain.Length - pad))
        {
            if (b != pad)
            {
                throw new WeChatProtocolException(WeChatProtocolFailure.BadPadding, "Invalid padding.");
            }
        }

        return plain.AsSpan(0, plain.Length - pad);
    }

    private Aes CreateAes()
    {
        var aes = Aes.Create();
        aes.Key = _key;
        return aes;
    }
}
