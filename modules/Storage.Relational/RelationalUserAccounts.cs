using System.Data.Common;
using System.Globalization;
using Dapper;

namespace Complaints.Storage.Relational;

/// <summary>
/// The users and refresh tokens (<see cref="IUserAccounts"/>), the same SQL on both databases. A user's key is its
/// tenant (<c>''</c> for operators, so that the unique index and the lookups treat "no tenant" as one value) and login.
/// </summary>
public abstract partial class RelationalCaseStore : IUserAccounts
{
    private const string UserKey = "COALESCE(tenant, '') = @Tenant AND login = @Login";

    private const string UserColumns =
        "tenant, login, display_name, role, department, password_hash, enabled, security_stamp, failed_attempts, locked_until, created_at, changed_at";

    private const string TokenColumns = "hash, tenant, login, family, expires_at, revoked_at";

    /// <summary>Runs one unit of work in a write transaction of this store's writer (see each store).</summary>
    protected abstract Task<T> WriteUnitAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken);

    public Task<bool> AddUserAsync(UserAccount user, CancellationToken cancellationToken = default) =>
        WriteUnitAsync(
            async (connection, transaction) => await connection.ExecuteAsync(
                $"INSERT INTO users ({UserColumns}) VALUES (@Tenant, @Login, @DisplayName, @Role, @Department, @PasswordHash, @Enabled, @SecurityStamp, @FailedAttempts, @LockedUntil, @CreatedAt, @ChangedAt) ON CONFLICT DO NOTHING",
                new
                {
                    user.Tenant,
                    user.Login,
                    user.DisplayName,
                    user.Role,
                    user.Department,
                    user.PasswordHash,
                    user.Enabled,
                    user.SecurityStamp,
                    user.FailedAttempts,
                    LockedUntil = Dialect.Time(user.LockedUntil),
                    CreatedAt = Dialect.Time(user.CreatedAt),
                    ChangedAt = Dialect.Time(user.ChangedAt),
                },
                transaction) == 1,
            cancellationToken);

    public async Task<UserAccount?> FindUserAsync(string? tenant, string login, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        return await FindUserAsync(connection, null, tenant, login, cancellationToken);
    }

    public async Task<IReadOnlyList<UserAccount>> UsersAsync(string? tenant, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<UserRow>(new CommandDefinition(
            $"SELECT {UserColumns} FROM users WHERE COALESCE(tenant, '') = @Tenant ORDER BY login", new { Tenant = tenant ?? "" }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToAccount(Dialect))];
    }

    public async Task<IReadOnlyList<UserAccount>> ChangedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<UserRow>(new CommandDefinition(
            $"SELECT {UserColumns} FROM users WHERE changed_at >= @Since", new { Since = Dialect.Time(since < DateTimeOffset.UnixEpoch ? DateTimeOffset.UnixEpoch : since) }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToAccount(Dialect))];
    }

    public Task<UserAccount?> ChangeStandingAsync(StandingChange change, CancellationToken cancellationToken = default) =>
        WriteUnitAsync(
            async (connection, transaction) =>
            {
                var key = new { Tenant = change.Tenant ?? "", change.Login, change.SecurityStamp, change.Enabled, change.PasswordHash, At = Dialect.Time(change.At) };
                var changed = await connection.ExecuteAsync(
                    $"UPDATE users SET security_stamp = @SecurityStamp, enabled = COALESCE(@Enabled, enabled), password_hash = COALESCE(@PasswordHash, password_hash), changed_at = @At WHERE {UserKey}",
                    key,
                    transaction);
                if (changed == 0)
                {
                    return null;
                }

                await connection.ExecuteAsync($"UPDATE refresh_tokens SET revoked_at = @At WHERE {UserKey} AND revoked_at IS NULL", key, transaction);
                return await FindUserAsync(connection, transaction, change.Tenant, change.Login, cancellationToken);
            },
            cancellationToken);

    public Task<UserAccount?> RecordFailedLoginAsync(string? tenant, string login, int lockAfter, DateTimeOffset lockUntil, CancellationToken cancellationToken = default) =>
        WriteUnitAsync(
            async (connection, transaction) =>
            {
                // Both assignments read the row's old values: the lock and the restarted count are decided together.
                await connection.ExecuteAsync(
                    $"""
                    UPDATE users SET
                        locked_until = CASE WHEN failed_attempts + 1 >= @LockAfter THEN @LockUntil ELSE locked_until END,
                        failed_attempts = CASE WHEN failed_attempts + 1 >= @LockAfter THEN 0 ELSE failed_attempts + 1 END
                    WHERE {UserKey}
                    """,
                    new { Tenant = tenant ?? "", Login = login, LockAfter = lockAfter, LockUntil = Dialect.Time(lockUntil) },
                    transaction);
                return await FindUserAsync(connection, transaction, tenant, login, cancellationToken);
            },
            cancellationToken);

    public Task RecordLoginAsync(string? tenant, string login, string? rehashedPassword, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        WriteUnitAsync(
            (connection, transaction) => connection.ExecuteAsync(
                rehashedPassword is null
                    ? $"UPDATE users SET failed_attempts = 0 WHERE {UserKey} AND failed_attempts > 0"
                    : $"UPDATE users SET failed_attempts = 0, password_hash = @Hash WHERE {UserKey}",
                new { Tenant = tenant ?? "", Login = login, Hash = rehashedPassword },
                transaction),
            cancellationToken);

    public Task<bool> UnlockAsync(string? tenant, string login, CancellationToken cancellationToken = default) =>
        WriteUnitAsync(
            async (connection, transaction) => await connection.ExecuteAsync(
                $"UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE {UserKey}", new { Tenant = tenant ?? "", Login = login }, transaction) == 1,
            cancellationToken);

    public Task AddRefreshTokenAsync(RefreshTokenRecord token, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        WriteUnitAsync(
            async (connection, transaction) =>
            {
                await connection.ExecuteAsync(
                    $"DELETE FROM refresh_tokens WHERE {UserKey} AND expires_at < @At", new { Tenant = token.Tenant ?? "", token.Login, At = Dialect.Time(at) }, transaction);
                return await InsertTokenAsync(connection, transaction, token);
            },
            cancellationToken);

    public async Task<RefreshTokenRecord?> FindRefreshTokenAsync(string hash, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TokenRow>(new CommandDefinition(
            $"SELECT {TokenColumns} FROM refresh_tokens WHERE hash = @Hash", new { Hash = hash }, cancellationToken: cancellationToken));
        return row?.ToRecord(Dialect);
    }

    public Task<bool> RotateRefreshTokenAsync(string hash, RefreshTokenRecord next, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        WriteUnitAsync(
            async (connection, transaction) =>
            {
                // The row lock (PostgreSQL) or the single writer (SQLite) lets one of two concurrent rotations win.
                if (await connection.ExecuteAsync("UPDATE refresh_tokens SET revoked_at = @At WHERE hash = @Hash AND revoked_at IS NULL", new { Hash = hash, At = Dialect.Time(at) }, transaction) == 0)
                {
                    return false;
                }

                await InsertTokenAsync(connection, transaction, next);
                return true;
            },
            cancellationToken);

    public Task<bool> RevokeRefreshTokenAsync(string hash, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        WriteUnitAsync(
            async (connection, transaction) => await connection.ExecuteAsync(
                "UPDATE refresh_tokens SET revoked_at = @At WHERE hash = @Hash AND revoked_at IS NULL", new { Hash = hash, At = Dialect.Time(at) }, transaction) == 1,
            cancellationToken);

    public Task<int> RevokeRefreshTokenFamilyAsync(string family, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        WriteUnitAsync(
            (connection, transaction) => connection.ExecuteAsync(
                "UPDATE refresh_tokens SET revoked_at = @At WHERE family = @Family AND revoked_at IS NULL", new { Family = family, At = Dialect.Time(at) }, transaction),
            cancellationToken);

    private async Task<UserAccount?> FindUserAsync(DbConnection connection, DbTransaction? transaction, string? tenant, string login, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {UserColumns} FROM users WHERE {UserKey}", new { Tenant = tenant ?? "", Login = login }, transaction, cancellationToken: cancellationToken));
        return row?.ToAccount(Dialect);
    }

    private async Task<bool> InsertTokenAsync(DbConnection connection, DbTransaction transaction, RefreshTokenRecord token) =>
        await connection.ExecuteAsync(
            $"INSERT INTO refresh_tokens ({TokenColumns}) VALUES (@Hash, @Tenant, @Login, @Family, @ExpiresAt, @RevokedAt)",
            new { token.Hash, token.Tenant, token.Login, token.Family, ExpiresAt = Dialect.Time(token.ExpiresAt), RevokedAt = Dialect.Time(token.RevokedAt) },
            transaction) == 1;

    private sealed class UserRow
    {
        public string? tenant { get; set; }
        public string login { get; set; } = "";
        public string display_name { get; set; } = "";
        public string role { get; set; } = "";
        public string? department { get; set; }
        public string password_hash { get; set; } = "";
        public object enabled { get; set; } = true;
        public string security_stamp { get; set; } = "";
        public object failed_attempts { get; set; } = 0;
        public object? locked_until { get; set; }
        public object created_at { get; set; } = 0L;
        public object changed_at { get; set; } = 0L;

        public UserAccount ToAccount(RelationalDialect dialect) => new()
        {
            Tenant = tenant,
            Login = login,
            DisplayName = display_name,
            Role = role,
            Department = department,
            PasswordHash = password_hash,
            Enabled = Convert.ToBoolean(enabled, CultureInfo.InvariantCulture),
            SecurityStamp = security_stamp,
            FailedAttempts = Convert.ToInt32(failed_attempts, CultureInfo.InvariantCulture),
            LockedUntil = dialect.ReadTimeOrNull(locked_until),
            CreatedAt = dialect.ReadTime(created_at),
            ChangedAt = dialect.ReadTime(changed_at),
        };
    }

    private sealed class TokenRow
    {
        public string hash { get; set; } = "";
        public string? tenant { get; set; }
        public string login { get; set; } = "";
        public string family { get; set; } = "";
        public object expires_at { get; set; } = 0L;
        public object? revoked_at { get; set; }

        public RefreshTokenRecord ToRecord(RelationalDialect dialect) => new(hash, tenant, login, family, dialect.ReadTime(expires_at), dialect.ReadTimeOrNull(revoked_at));
    }
}
