using System.Security.Claims;
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
}

/// <summary>Issues the platform's own bearer tokens (the embedded default's identity provider).</summary>
public sealed class TokenIssuer
{
    public const string Issuer = "complaints-platform";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private readonly SigningCredentials _credentials;
    private readonly TimeProvider _time;

    public TokenIssuer(SigningKeys keys, TimeProvider time)
    {
        Key = keys.Current;
        _credentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256);
        _time = time;
    }

    public SymmetricSecurityKey Key { get; }

    public (string Token, DateTimeOffset ExpiresAt) Issue(PlatformUser user)
    {
        var now = _time.GetUtcNow();
        var expires = now + Lifetime;
        var claims = new List<Claim>
        {
            new(PlatformClaims.Subject, user.Login),
            new(PlatformClaims.Name, user.DisplayName),
            new(PlatformClaims.Tenant, user.Tenant),
            new(PlatformClaims.Role, user.Role),
        };
        if (user.Department is { } department)
        {
            claims.Add(new Claim(PlatformClaims.Department, department));
        }

        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = _credentials,
        });
        return (token, expires);
    }
}
