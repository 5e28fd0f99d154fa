using System.Security.Cryptography;
using System.Text;

namespace Complaints.Channels.WeChat.Protocol;

/// <summary>
/// The two SHA-1 signatures WeChat uses: the plain URL check (<c>signature</c>) and the safe-mode
/// <c>msg_signature</c>. SHA-1 is mandated by the protocol, not chosen here.
/// </summary>
public static class WeChatSignature
{
    /// <summary>URL-check signature: <c>sha1(sort([token, timestamp, nonce]).join(""))</c>, lowercase hex.</summary>
    public static string ComputeUrlSignature(string token, string timestamp, string nonce)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(nonce);
        return SortedSha1(token, timestamp, nonce);
    }

    /// <summary>Safe-mode signature: <c>sha1(sort([token, timestamp, nonce, encrypt]).join(""))</c>, lowercase hex.</summary>
    public static string ComputeMessageSignature(string token, string timestamp, string nonce, string encrypt)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(encrypt);
        return SortedSha1(token, timestamp, nonce, encrypt);
    }

    /// <summary>Checks the URL-check <c>signature</c> in constant time; null inputs simply fail.</summary>
    public static bool VerifyUrlSignature(string token, string? timestamp, string? nonce, string? signature) =>
        timestamp is not null && nonce is not null && signature is not null
        && FixedTimeEquals(ComputeUrlSignature(token, timestamp, nonce), signature);

    /// <summary>Checks the safe-mode <c>msg_signature</c> in constant time; null inputs simply fail.</summary>
    public static bool VerifyMessageSignature(string token, string? timestamp, string? nonce, string? encrypt, string? msgSignature) =>
        timestamp is not null && nonce is not null && encrypt is not null && msgSignature is not null
        && FixedTimeEquals(ComputeMessageSignature(token, timestamp, nonce, encrypt), msgSignature);

    /// <summary>
    /// Ordinal comparison whose time does not depend on where the strings differ, so a forger cannot
    /// learn a signature byte by byte. Only the length may leak, and signature lengths are public.
    /// </summary>
    public static bool FixedTimeEquals(string? expected, string? actual)
    {
        if (expected is null || actual is null)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
    }

    private static string SortedSha1(params string[] parts)
    {
        // Byte-wise (ordinal) sort, as the reference PHP sort(SORT_STRING) does.
        Array.Sort(parts, StringComparer.Ordinal);
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(parts)));
        return Convert.ToHexStringLower(hash);
    }
}
