using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Complaints.Simulators.WeChat;

/// <summary>
/// The simulator's own, independent implementation of WeChat's signatures and safe-mode cipher (docs/channels/wechat.md),
/// so the platform's implementation is checked against a second one and the simulator never loads a plugin.
/// </summary>
public static class WeChatCrypto
{
    /// <summary><c>sha1(sort(parts).join(""))</c>, lowercase hex.</summary>
    public static string Sign(params string[] parts)
    {
        var sorted = parts.Order(StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(sorted))));
    }

    /// <summary>random(16) + length(4, big-endian) + message + appid, PKCS#7 to 32 bytes, AES-256-CBC, IV = key[..16].</summary>
    public static string Encrypt(string encodingAesKey, string appId, string message)
    {
        var key = Convert.FromBase64String(encodingAesKey + "=");
        var body = Encoding.UTF8.GetBytes(message);
        var id = Encoding.UTF8.GetBytes(appId);
        var length = 16 + 4 + body.Length + id.Length;
        var pad = 32 - (length % 32);
        var plain = new byte[length + pad];
        RandomNumberGenerator.Fill(plain.AsSpan(0, 16));
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(16, 4), body.Length);
        body.CopyTo(plain, 20);
        id.CopyTo(plain, 20 + body.Length);
        plain.AsSpan(length).Fill((byte)pad);
        using var aes = Aes.Create();
        aes.Key = key;
        return Convert.ToBase64String(aes.EncryptCbc(plain, key.AsSpan(0, 16), PaddingMode.None));
    }

    /// <summary>The inverse of <see cref="Encrypt"/>; throws when the padding, length or AppID is wrong.</summary>
    public static string Decrypt(string encodingAesKey, string appId, string encrypt)
    {
        var key = Convert.FromBase64String(encodingAesKey + "=");
        using var aes = Aes.Create();
        aes.Key = key;
        var plain = aes.DecryptCbc(Convert.FromBase64String(encrypt), key.AsSpan(0, 16), PaddingMode.None);
        var pad = plain[^1];
        if (pad is < 1 or > 32 || plain.AsSpan(plain.Length - pad).ContainsAnyExcept(pad))
        {
            throw new InvalidDataException("Bad padding.");
        }

        var content = plain.AsSpan(0, plain.Length - pad);
        var length = BinaryPrimitives.ReadInt32BigEndian(content.Slice(16, 4));
        if (length < 0 || 20 + length > content.Length || Encoding.UTF8.GetString(content[(20 + length)..]) != appId)
        {
            throw new InvalidDataException("Bad length or AppID.");
        }

        return Encoding.UTF8.GetString(content.Slice(20, length));
    }
}
