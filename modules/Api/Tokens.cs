using System.Security.Claims;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Complaints.Api;

public static class PlatformClaims
{
    public const string Tenant = "tenant";
    public const string Role = "role";
    public const string Department = "department";
    public const string Name = "name";
    public const string Subject = "sub";

    /// <summary>The user's security stamp when the token was issued: a token whose stamp is no longer the user's is refused.</summary>
    public const string Stamp = "sst";
}

/// <summary>Issues the platform's own bearer tokens (the embedded default's identity provider).</summary>
public sealed class TokenIssuer
{
    public const string Issuer = "complaints-platform";

    /// <summary>The longest an access token may live (<c>Auth:AccessTokenLifetime</c> is capped at it).</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(15);

    private readonly SigningCredentials _credentials;
    private readonly TimeProvider _time;

    public TokenIssuer(SigningKeys keys, IConfiguration configuration, TimeProvider time)
    {
        _credentials = new SigningCredentials(keys.Current, SecurityAlgorithms.HmacSha256);
        _time = time;
        var lifetime = configuration.GetValue("Auth:AccessTokenLifetime", MaxLifetime);
        Lifetime = lifetime <= TimeSpan.Zero || lifetime > MaxLifetime ? MaxLifetime : lifetime;
    }

    /// <summary>How long an access token lives: <c>Auth:AccessTokenLifetime</c>, at most (and by default) 15 minutes.</summary>
    public TimeSpan Lifetime { get; }

    public (string Token, DateTimeOffset ExpiresAt) Issue(PlatformUser user)
    {
        var now = _time.GetUtcNow();
        var expires = now + Lifetime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            Subject = new ClaimsIdentity(user.Claims()),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = _credentials,
        });
        return (token, expires);
    }
}
