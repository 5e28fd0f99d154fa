using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Complaints.Security.Tests;

/// <summary>What a forgery is made from: a genuine token of a caller the endpoint admits, other callers' genuine tokens, the host's real key.</summary>
public sealed record ForgeryMaterial(string Genuine, Func<Caller, string> TokenOf, byte[] RealKey, string RealKeyFileText, DateTimeOffset Now)
{
    public JsonObject Claims => Jwt.Payload(Genuine);
}

/// <summary>
/// Tokens an attacker can make: each must be refused with 401 and a body that tells nothing. The value is the whole
/// Authorization header.
/// </summary>
public static class Forgeries
{
    private static readonly byte[] AttackerKey = RandomNumberGenerator.GetBytes(64);

    public static IReadOnlyDictionary<string, Func<ForgeryMaterial, string>> All { get; } = new Dictionary<string, Func<ForgeryMaterial, string>>
    {
        ["alg none (unsigned)"] = m => Bearer($"{Jwt.Encode(new JsonObject { ["alg"] = "none", ["typ"] = "JWT" })}.{Jwt.Encode(Jwt.Fresh(m.Claims, m.Now))}."),
        ["alg none with the genuine signature kept"] = m => Bearer($"{Jwt.Encode(new JsonObject { ["alg"] = "none", ["typ"] = "JWT" })}.{m.Genuine.Split('.')[1]}.{Jwt.Signature(m.Genuine)}"),
        ["signed with another key"] = m => Bearer(Jwt.Sign(Jwt.Hs256, Jwt.Fresh(m.Claims, m.Now), AttackerKey)),
        ["tenant edited after signing (fuyang-gas admin made fangyang-water's)"] = m => Bearer(Edited(m.TokenOf(Caller.OtherTenantAdmin), p => p["tenant"] = Callers.Tenant)),
        ["role edited to admin after signing"] = m => Bearer(Edited(m.TokenOf(Caller.Agent), p => p["role"] = "admin")),
        ["role edited to operator after signing"] = m => Bearer(Edited(m.TokenOf(Caller.Agent), p => { p["role"] = "operator"; p.Remove("tenant"); })),
        ["caller's claims pasted over another's signature"] = m => Bearer($"{m.TokenOf(Caller.Agent).Split('.')[0]}.{m.Genuine.Split('.')[1]}.{Jwt.Signature(m.TokenOf(Caller.OtherTenantAdmin))}"),
        ["expired (real key)"] = m => Bearer(Jwt.Sign(Jwt.Hs256, With(m.Claims, ("iat", m.Now.AddHours(-2)), ("nbf", m.Now.AddHours(-2)), ("exp", m.Now.AddMinutes(-10))), m.RealKey)),
        ["not yet valid (real key)"] = m => Bearer(Jwt.Sign(Jwt.Hs256, With(m.Claims, ("iat", m.Now), ("nbf", m.Now.AddMinutes(10)), ("exp", m.Now.AddHours(1))), m.RealKey)),
        ["no expiry (real key)"] = m => Bearer(Jwt.Sign(Jwt.Hs256, Without(Jwt.Fresh(m.Claims, m.Now), "exp"), m.RealKey)),
        ["wrong issuer (real key)"] = m => Bearer(Jwt.Sign(Jwt.Hs256, Set(Jwt.Fresh(m.Claims, m.Now), "iss", "someone-else"), m.RealKey)),
        ["wrong audience (real key)"] = m => Bearer(Jwt.Sign(Jwt.Hs256, Set(Jwt.Fresh(m.Claims, m.Now), "aud", "someone-else"), m.RealKey)),
        ["no audience (real key)"] = m => Bearer(Jwt.Sign(Jwt.Hs256, Without(Jwt.Fresh(m.Claims, m.Now), "aud"), m.RealKey)),
        ["unknown user ghost@nowhere (real key)"] = m => Bearer(Jwt.Sign(Jwt.Hs256, Set(Set(Jwt.Fresh(m.Claims, m.Now), "sub", "ghost@nowhere"), "name", "ghost"), m.RealKey)),
        ["HS256 keyed with the key file's text instead of its bytes"] = m => Bearer(Jwt.Sign(Jwt.Hs256, Jwt.Fresh(m.Claims, m.Now), Encoding.UTF8.GetBytes(m.RealKeyFileText))),
        ["RS256 header over an HMAC of the real key (algorithm confusion)"] = m => Bearer(Jwt.Sign(new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT" }, Jwt.Fresh(m.Claims, m.Now), m.RealKey)),
        ["HS256 with the attacker's key embedded as jwk"] = m => Bearer(Jwt.Sign(
            new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT", ["jwk"] = new JsonObject { ["kty"] = "oct", ["k"] = Base64Url.EncodeToString(AttackerKey) } },
            Jwt.Fresh(m.Claims, m.Now),
            AttackerKey)),
        ["garbage"] = _ => Bearer("garbage"),
        ["empty"] = _ => "Bearer ",
        ["two dots"] = _ => Bearer(".."),
        ["three parts, none of them base64"] = _ => Bearer("not.a.token"),
        ["header and payload, no signature part"] = m => Bearer(string.Join('.', m.Genuine.Split('.')[..2])),
    };

    private static string Bearer(string token) => $"Bearer {token}";

    /// <summary>A genuine token whose payload is changed, its header and signature kept.</summary>
    private static string Edited(string genuine, Action<JsonObject> edit)
    {
        var parts = genuine.Split('.');
        var payload = Jwt.Payload(genuine);
        edit(payload);
        return $"{parts[0]}.{Jwt.Encode(payload)}.{parts[2]}";
    }

    private static JsonObject With(JsonObject claims, params (string Name, DateTimeOffset At)[] times)
    {
        var copy = claims.DeepClone().AsObject();
        foreach (var (name, at) in times)
        {
            copy[name] = Jwt.Seconds(at);
        }

        return copy;
    }

    private static JsonObject Set(JsonObject claims, string name, string value)
    {
        claims[name] = value;
        return claims;
    }

    private static JsonObject Without(JsonObject claims, string name)
    {
        claims.Remove(name);
        return claims;
    }
}
