using System.Security.Cryptography;
using System.Text;

namespace Complaints.Channels.Hotline.Sms;

/// <summary>
/// Aliyun RPC-style signature, version 1.0 (HMAC-SHA1), used by SendSms. Every step is exposed so the
/// published vector can be checked stage by stage and a simulator can verify what a client sent.
/// </summary>
public static class AliyunRpcSignature
{
    /// <summary>The query parameter that carries the signature; never part of what is signed.</summary>
    public const string SignatureParameter = "Signature";

    public const string SignatureMethod = "HMAC-SHA1";
    public const string SignatureVersion = "1.0";

    private const string HexUpper = "0123456789ABCDEF";

    /// <summary>
    /// Aliyun's percent-encoding: UTF-8, RFC 3986 unreserved characters (A–Z a–z 0–9 - _ . ~) kept, all else
    /// as upper-case <c>%XX</c>; hence space → <c>%20</c> (not <c>+</c>), <c>*</c> → <c>%2A</c>, <c>~</c> kept.
    /// </summary>
    public static string PercentEncode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bytes = Encoding.UTF8.GetBytes(value);
        var encoded = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (IsUnreserved(b))
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(HexUpper[b >> 4]).Append(HexUpper[b & 0xF]);
            }
        }

        return encoded.ToString();
    }

    /// <summary>
    /// <c>k=v</c> pairs, each side percent-encoded, sorted by encoded key (ordinal), joined by <c>&amp;</c>.
    /// Duplicate keys are refused: the signature would depend on an order nobody specified.
    /// </summary>
    public static string CanonicalizeQuery(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var encoded = parameters
            .Select(p => (Key: PercentEncode(p.Key), Value: PercentEncode(p.Value ?? string.Empty)))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ToList();

        for (var i = 1; i < encoded.Count; i++)
        {
            if (string.Equals(encoded[i - 1].Key, encoded[i].Key, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Duplicate parameter '{encoded[i].Key}'.", nameof(parameters));
            }
        }

        return string.Join('&', encoded.Select(p => p.Key + "=" + p.Value));
    }

    /// <summary><c>METHOD + "&amp;" + percentEncode("/") + "&amp;" + percentEncode(canonicalizedQuery)</c>.</summary>
    public static string BuildStringToSign(string httpMethod, string canonicalizedQuery)
    {
        ArgumentNullException.ThrowIfNull(canonicalizedQuery);
        return NormalizeMethod(httpMethod) + "&" + PercentEncode("/") + "&" + PercentEncode(canonicalizedQuery);
    }

    /// <summary><c>Base64(HMAC-SHA1(accessKeySecret + "&amp;", stringToSign))</c>.</summary>
    public static string Sign(string stringToSign, string accessKeySecret)
    {
        ArgumentNullException.ThrowIfNull(stringToSign);
        ArgumentNullException.ThrowIfNull(accessKeySecret);
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(accessKeySecret + "&"), Encoding.UTF8.GetBytes(stringToSign));
        return Convert.ToBase64String(mac);
    }

    /// <summary>The signature of a parameter set (which must not already contain <c>Signature</c>).</summary>
    public static string ComputeSignature(string httpMethod, IEnumerable<KeyValuePair<string, string>> parameters, string accessKeySecret) =>
        Sign(BuildStringToSign(httpMethod, CanonicalizeQuery(parameters)), accessKeySecret);

    /// <summary>The wire query: <c>Signature=…&amp;</c> followed by the canonicalized query (no leading <c>?</c>).</summary>
    public static string BuildSignedQuery(string httpMethod, IEnumerable<KeyValuePair<string, string>> parameters, string accessKeySecret)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var list = parameters.ToList();
        if (list.Exists(p => p.Key == SignatureParameter))
        {
            throw new ArgumentException("The parameters already contain a Signature.", nameof(parameters));
        }

        var canonicalized = CanonicalizeQuery(list);
        var signature = Sign(BuildStringToSign(httpMethod, canonicalized), accessKeySecret);
        return SignatureParameter + "=" + PercentEncode(signature) + "&" + canonicalized;
    }

    /// <summary>Ordinal comparison whose time does not depend on where the strings differ.</summary>
    internal static bool FixedTimeEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));

    internal static string NormalizeMethod(string httpMethod)
    {
        ArgumentException.ThrowIfNullOrEmpty(httpMethod);
        if (!httpMethod.All(char.IsAsciiLetter))
        {
            throw new ArgumentException("The HTTP method must be letters only.", nameof(httpMethod));
        }

        return httpMethod.ToUpperInvariant();
    }

    private static bool IsUnreserved(byte b) =>
        b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';
}
