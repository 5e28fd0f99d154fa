using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Complaints.Security.Tests;

/// <summary>Compact JWTs taken apart and put together by hand, so a test can write what no library would sign.</summary>
public static class Jwt
{
    public static JsonObject Header(string token) => Part(token, 0);

    public static JsonObject Payload(string token) => Part(token, 1);

    public static string Signature(string token) => token.Split('.')[2];

    public static string Encode(JsonNode part) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(part.ToJsonString()));

    /// <summary><paramref name="header"/>.<paramref name="payload"/>, signed HMAC-SHA256 with <paramref name="key"/> whatever the header says.</summary>
    public static string Sign(JsonObject header, JsonObject payload, byte[] key)
    {
        var signed = $"{Encode(header)}.{Encode(payload)}";
        return $"{signed}.{Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signed)))}";
    }

    public static JsonObject Hs256 => new() { ["alg"] = "HS256", ["typ"] = "JWT" };

    /// <summary>The NumericDate (seconds since 1970) of <paramref name="at"/>.</summary>
    public static long Seconds(DateTimeOffset at) => at.ToUnixTimeSeconds();

    /// <summary>A copy of <paramref name="payload"/> valid from a minute ago for ten minutes.</summary>
    public static JsonObject Fresh(JsonObject payload, DateTimeOffset now)
    {
        var copy = payload.DeepClone().AsObject();
        copy["iat"] = Seconds(now.AddMinutes(-1));
        copy["nbf"] = Seconds(now.AddMinutes(-1));
        copy["exp"] = Seconds(now.AddMinutes(10));
        return copy;
    }

    private static JsonObject Part(string token, int index) =>
        JsonNode.Parse(Base64Url.DecodeFromChars(token.Split('.')[index]))!.AsObject();
}
