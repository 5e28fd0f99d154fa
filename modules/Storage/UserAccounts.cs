namespace Complaints.Storage;

/// <summary>
/// A person who logs in, kept in the store: a tenant's staff member, or (no tenant) a platform operator. The login is
/// unique within its tenant (operators among themselves); the password only as a KDF hash.
/// </summary>
public sealed record UserAccount
{
    /// <summary>The user's tenant; null for a platform operator.</summary>
    public string? Tenant { get; init; }

    /// <summary>The name within the tenant, lower case (<c>zhang</c>; logs in as <c>zhang@tenant</c>).</summary>
    public required string Login { get; init; }

    public required string DisplayName { get; init; }

    public required string Role { get; init; }

    public string? Department { get; init; }

    public required string PasswordHash { get; init; }

    public bool Enabled { get; init; } = true;

    /// <summary>Changes whenever what the user's tokens stand for is withdrawn (disabled, password reset): older access tokens stop working.</summary>
    public required string SecurityStamp { get; init; }

    /// <summary>Wrong passwords since the last good login or lockout.</summary>
    public int FailedAttempts { get; init; }

    public DateTimeOffset? LockedUntil { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the user's standing (enabled, stamp, role, hash) last changed; hosts poll it to learn of changes.</summary>
    public required DateTimeOffset ChangedAt { get; init; }
}

/// <summary>One refresh token, kept only as the hash of its value; its family is the chain of tokens rotated from one login.</summary>
public sealed record RefreshTokenRecord(string Hash, string? Tenant, string Login, string Family, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt = null);

/// <summary>A change of a user's standing: a new stamp, and every refresh token of the user revoked in the same transaction.</summary>
public sealed record StandingChange(string? Tenant, string Login, string SecurityStamp, DateTimeOffset At)
{
    /// <summary>Enables or disables; null keeps it.</summary>
    public bool? Enabled { get; init; }

    /// <summary>A new password hash; null keeps it.</summary>
    public string? PasswordHash { get; init; }
}

/// <summary>The users and their refresh tokens.</summary>
public interface IUserAccounts
{
    /// <summary>Adds the user; false (and nothing written) when its tenant has that login already.</summary>
    Task<bool> AddUserAsync(UserAccount user, CancellationToken cancellationToken = default);

    Task<UserAccount?> FindUserAsync(string? tenant, string login, CancellationToken cancellationToken = default);

    /// <summary>A tenant's users (null: the operators), by login.</summary>
    Task<IReadOnlyList<UserAccount>> UsersAsync(string? tenant, CancellationToken cancellationToken = default);

    /// <summary>Every user whose standing changed at or after <paramref name="since"/> (all of them for <see cref="DateTimeOffset.MinValue"/>).</summary>
    Task<IReadOnlyList<UserAccount>> ChangedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>Applies the change and revokes the user's refresh tokens; the user as it is now, or null when there is none.</summary>
    Task<UserAccount?> ChangeStandingAsync(StandingChange change, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts a wrong password; at <paramref name="lockAfter"/> consecutive ones the user is locked until
    /// <paramref name="lockUntil"/> (and the count starts again). The user as it is now, or null when there is none.
    /// </summary>
    Task<UserAccount?> RecordFailedLoginAsync(string? tenant, string login, int lockAfter, DateTimeOffset lockUntil, CancellationToken cancellationToken = default);

    /// <summary>A good login: the count of wrong passwords starts again; a new hash (a rehash with today's KDF) is stored when given.</summary>
    Task RecordLoginAsync(string? tenant, string login, string? rehashedPassword, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Lifts a lockout; false when there is no such user.</summary>
    Task<bool> UnlockAsync(string? tenant, string login, CancellationToken cancellationToken = default);

    /// <summary>Adds a token (a login); the user's tokens expired before <paramref name="at"/> are forgotten meanwhile.</summary>
    Task AddRefreshTokenAsync(RefreshTokenRecord token, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task<RefreshTokenRecord?> FindRefreshTokenAsync(string hash, CancellationToken cancellationToken = default);

    /// <summary>
    /// Revokes <paramref name="hash"/> and adds <paramref name="next"/> in one transaction; false (nothing added) when
    /// the token was revoked already (a reuse, or a concurrent rotation).
    /// </summary>
    Task<bool> RotateRefreshTokenAsync(string hash, RefreshTokenRecord next, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Revokes one token (logout); false when it was revoked already or does not exist.</summary>
    Task<bool> RevokeRefreshTokenAsync(string hash, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Revokes every token of a family (a revoked token was used again: it may have been stolen).</summary>
    Task<int> RevokeRefreshTokenFamilyAsync(string family, DateTimeOffset at, CancellationToken cancellationToken = default);
}
