using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Complaints.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Complaints.Api;

/// <summary>Logins, sessions and their limits (<c>Auth:*</c>).</summary>
public sealed class LoginOptions
{
    /// <summary>Consecutive wrong passwords that lock a user of the store.</summary>
    public int LockoutAfter { get; set; } = 5;

    /// <summary>How long a lockout lasts unless an admin lifts it (<c>unlock</c>).</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Login attempts per minute for one login name, whoever tries it.</summary>
    public int LoginsPerUserPerMinute { get; set; } = 10;

    /// <summary>Login attempts per minute from one client address, whatever the name.</summary>
    public int LoginsPerAddressPerMinute { get; set; } = 60;

    /// <summary>How long a login's session may be refreshed: a refresh token's expiry, kept by each rotation.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How often the store is asked for users changed on other hosts: the bound on how late another host stops a disabled user's token.</summary>
    public TimeSpan StandingRefresh { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>A session as the client gets it: a short-lived access token and the refresh token that renews it.</summary>
public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt, string RefreshToken, DateTimeOffset RefreshExpiresAt);

/// <summary>
/// Checks passwords and keeps sessions. Every password check costs one KDF run, whether the user exists, is locked or
/// disabled (a dummy hash of the same cost when there is none), so the answer's time tells nothing; only demo users
/// (demo mode) are compared without it. A locked, disabled or unknown user gets the same refusal as a wrong password.
/// Every refusal is logged (login and address, never the password) and counted (<see cref="LoginMetrics"/>).
/// </summary>
public sealed class Logins(UserDirectory directory, IUserAccounts store, UserStanding standing, TokenIssuer tokens, IOptions<LoginOptions> options, TimeProvider time, ILogger<Logins> logger)
{
    /// <summary>The rate limiting policy of every login form and endpoint: attempts per client address (<see cref="LoginOptions.LoginsPerAddressPerMinute"/>).</summary>
    public const string PerAddressPolicy = "login";

    private readonly PartitionedRateLimiter<string> _perUser = PartitionedRateLimiter.Create<string, string>(login =>
        RateLimitPartition.GetFixedWindowLimiter(login, _ => PerMinute(options.Value.LoginsPerUserPerMinute)));

    /// <summary>A fixed one-minute window of <paramref name="permits"/> attempts, none queued.</summary>
    public static FixedWindowRateLimiterOptions PerMinute(int permits) =>
        new() { PermitLimit = Math.Max(1, permits), Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true };

    /// <summary>Takes one attempt of <paramref name="login"/>'s per-minute allowance; when there is none left, how long until there is.</summary>
    public TimeSpan? Throttle(string login, string? address)
    {
        using var lease = _perUser.AttemptAcquire(login.Trim().ToLowerInvariant());
        if (lease.IsAcquired)
        {
            return null;
        }

        Refused("throttled", login, address);
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    /// <summary>The user whose password this is, or null (unknown, wrong, locked or disabled: the caller cannot tell which).</summary>
    public async Task<PlatformUser?> CheckPasswordAsync(string login, string password, string? address, CancellationToken cancellationToken)
    {
        if (directory.Demo(login) is { } demo)
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(UserDirectory.DemoPassword)))
            {
                return demo;
            }

            Refused("wrong-password", login, address);
            return null;
        }

        UserAccount? user = null;
        foreach (var (tenant, name) in directory.Candidates(login))
        {
            if ((user = await store.FindUserAsync(tenant, name, cancellationToken)) is not null)
            {
                break;
            }
        }

        var check = user is null ? PasswordHashing.VerifyNobody(password) : PasswordHashing.Verify(user.PasswordHash, password);
        var now = time.GetUtcNow();
        if (user is null)
        {
            Refused("unknown-user", login, address);
            return null;
        }

        if (user.LockedUntil > now)
        {
            Refused("locked", login, address);
            return null;
        }

        if (check == PasswordCheck.Wrong)
        {
            var after = await store.RecordFailedLoginAsync(user.Tenant, user.Login, options.Value.LockoutAfter, now + options.Value.LockoutDuration, cancellationToken);
            Refused("wrong-password", login, address);
            if (after?.LockedUntil > now)
            {
                LoginMetrics.LockedOut();
                logger.LogWarning("Locked the user {Login} until {Until} after {Count} wrong passwords in a row (the last from {Address})", login, after.LockedUntil, options.Value.LockoutAfter, address);
            }

            return null;
        }

        if (!user.Enabled)
        {
            Refused("disabled", login, address);
            return null;
        }

        if (user.FailedAttempts > 0 || check == PasswordCheck.RightButOutdated)
        {
            await store.RecordLoginAsync(user.Tenant, user.Login, check == PasswordCheck.RightButOutdated ? PasswordHashing.Hash(password) : null, now, cancellationToken);
        }

        return PlatformUser.Of(user);
    }

    /// <summary>A new session for a user who just logged in: an access token and the first refresh token of a new family.</summary>
    public async Task<TokenResponse> StartAsync(PlatformUser user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (refresh, hash) = NewRefreshToken();
        var expires = now + options.Value.RefreshTokenLifetime;
        expires = expires.AddTicks(-(expires.Ticks % TimeSpan.TicksPerSecond)); // whole seconds: as the store keeps it, every rotation says the same
        var record = new RefreshTokenRecord(hash, user.Tenant, user.Name, Guid.NewGuid().ToString("N"), expires);
        await store.AddRefreshTokenAsync(record, now, cancellationToken);
        var (access, expiresAt) = tokens.Issue(user);
        return new TokenResponse(access, expiresAt, refresh, record.ExpiresAt);
    }

    /// <summary>
    /// Exchanges a refresh token for a new pair; the old one is revoked. A token revoked before (stolen and used by
    /// someone else, or replayed) revokes its whole family. Null when refused.
    /// </summary>
    public async Task<TokenResponse?> RefreshAsync(string refreshToken, string? address, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var hash = HashOf(refreshToken);
        if (await store.FindRefreshTokenAsync(hash, cancellationToken) is not { } old || old.ExpiresAt <= now)
        {
            Refused("refresh-invalid", null, address);
            return null;
        }

        var login = UserDirectory.LoginOf(old.Tenant, old.Login);
        if (old.RevokedAt is not null)
        {
            await RevokeFamilyAsync(old, login, address, now, cancellationToken);
            return null;
        }

        if (await CurrentAsync(old, cancellationToken) is not { } user)
        {
            Refused("disabled", login, address);
            return null;
        }

        var (refresh, nextHash) = NewRefreshToken();
        var next = old with { Hash = nextHash, RevokedAt = null }; // the session's end stays where the login set it
        if (!await store.RotateRefreshTokenAsync(hash, next, now, cancellationToken))
        {
            await RevokeFamilyAsync(old, login, address, now, cancellationToken);
            return null;
        }

        var (access, expiresAt) = tokens.Issue(user);
        return new TokenResponse(access, expiresAt, refresh, next.ExpiresAt);
    }

    /// <summary>Ends the session of a refresh token (its whole family); unknown tokens are ignored.</summary>
    public async Task LogoutAsync(string refreshToken, CancellationToken cancellationToken)
    {
        if (await store.FindRefreshTokenAsync(HashOf(refreshToken), cancellationToken) is { } token)
        {
            await store.RevokeRefreshTokenFamilyAsync(token.Family, time.GetUtcNow(), cancellationToken);
        }
    }

    /// <summary>Applies a change of a user's standing (made through the store) to this host's view at once.</summary>
    public void Changed(UserAccount user) => standing.Apply(user);

    /// <summary>The refresh token's user as it stands now: a demo user, or an enabled user of the store.</summary>
    private async Task<PlatformUser?> CurrentAsync(RefreshTokenRecord token, CancellationToken cancellationToken)
    {
        if (directory.Demo(UserDirectory.LoginOf(token.Tenant, token.Login)) is { } demo && demo.Tenant == token.Tenant)
        {
            return demo;
        }

        return await store.FindUserAsync(token.Tenant, token.Login, cancellationToken) is { Enabled: true } user ? PlatformUser.Of(user) : null;
    }

    private async Task RevokeFamilyAsync(RefreshTokenRecord token, string login, string? address, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var revoked = await store.RevokeRefreshTokenFamilyAsync(token.Family, now, cancellationToken);
        LoginMetrics.Failed("refresh-reused");
        logger.LogWarning("A revoked refresh token of {Login} was used again from {Address}: revoked its session ({Count} live tokens)", login, address, revoked);
    }

    private void Refused(string reason, string? login, string? address)
    {
        LoginMetrics.Failed(reason);
        logger.LogWarning("Login refused ({Reason}) for {Login} from {Address}", reason, login is null ? null : Printable(login), address);
    }

    /// <summary>A typed login as a log may show it: no control characters (no forged lines), at most 64 characters.</summary>
    private static string Printable(string login)
    {
        var printable = string.Concat(login.Where(c => !char.IsControl(c) && !char.IsSurrogate(c)));
        return printable.Length > 64 ? printable[..64] + "…" : printable;
    }

    private static (string Token, string Hash) NewRefreshToken()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, HashOf(token));
    }

    /// <summary>What the store keeps of a refresh token: its SHA-256 (the token is 256 random bits, so no salt or KDF is needed).</summary>
    private static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
