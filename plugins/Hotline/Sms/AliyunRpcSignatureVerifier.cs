namespace Complaints.Channels.Hotline.Sms;

/// <summary>
/// Server side of the RPC signature, for the local SMS simulator: recompute from the received parameters
/// and compare in constant time. It checks the signature only; nonce reuse and timestamp age are the caller's.
/// </summary>
public static class AliyunRpcSignatureVerifier
{
    /// <summary>Verifies a raw query string (with or without the leading <c>?</c>).</summary>
    public static bool Verify(string httpMethod, string rawQuery, string accessKeySecret) =>
        Verify(httpMethod, ParseQuery(rawQuery), accessKeySecret);

    /// <summary>
    /// Verifies decoded parameters (e.g. ASP.NET Core's <c>Request.Query</c> flattened). False when the
    /// signature is missing or duplicated, a key is duplicated, the method/version is not HMAC-SHA1 / 1.0,
    /// or the signature differs.
    /// </summary>
    public static bool Verify(string httpMethod, IEnumerable<KeyValuePair<string, string>> parameters, string accessKeySecret)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(accessKeySecret);

        string? received = null;
        var signed = new List<KeyValuePair<string, string>>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            if (!keys.Add(parameter.Key))
            {
                return false;
            }

            if (parameter.Key == AliyunRpcSignature.SignatureParameter)
            {
                received = parameter.Value;
            }
            else
            {
                signed.Add(parameter);
            }
        }

        if (string.IsNullOrEmpty(received)
            || !HasValue(signed, "SignatureMethod", AliyunRpcSignature.SignatureMethod)
            || !HasValue(signed, "SignatureVersion", AliyunRpcSignature.SignatureVersion))
        {
            return false;
        }

        var expected = AliyunRpcSignature.ComputeSignature(httpMethod, signed, accessKeySecret);
        return AliyunRpcSignature.FixedTimeEquals(expected, received);
    }

    /// <summary>
    /// Splits and percent-decodes a query string. <c>+</c> decodes to a space, as ASP.NET Core does, so both
    /// entry points agree; Aliyun clients never send a bare <c>+</c> (they encode it as <c>%2B</c>).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ParseQuery(string rawQuery)
    {
        ArgumentNullException.ThrowIfNull(rawQuery);
        var query = rawQuery.StartsWith('?') ? rawQuery[1..] : rawQuery;
        var result = new List<KeyValuePair<string, string>>();
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
            result.Add(new(Decode(key), Decode(value)));
        }

        return result;
    }

    private static string Decode(string component) => Uri.UnescapeDataString(component.Replace('+', ' '));

    private static bool HasValue(List<KeyValuePair<string, string>> parameters, string key, string value) =>
        parameters.Exists(p => p.Key == key && p.Value == value);
}
