using Complaints.Grains;
using Complaints.Storage;
using Complaints.Tenants;
using Complaints.Texts;
using Microsoft.AspNetCore.Http;

namespace Complaints.Api;

/// <summary>
/// What a tenant's admin's change to a user came to: the user as it now is, or the refusal — the HTTP status the API
/// answers with, the field it names (null when it names none) and its message.
/// </summary>
public sealed record UserChange(UserResponse? User, int Status, string? Field = null, Text? Message = null)
{
    public bool Succeeded => User is not null;

    internal static UserChange Done(UserResponse user, int status = StatusCodes.Status200OK) => new(user, status);

    internal static UserChange Invalid(string field, Text message) => new(null, StatusCodes.Status400BadRequest, field, message);
}

/// <summary>
/// A tenant's admin manages the tenant's own users: list, create, disable, enable, reset a password, lift a lockout.
/// The one copy of these rules, read by <c>/api/v1/tenants/{tenant}/users</c> and the workbench's <c>/admin/users</c>
/// alike. Disabling a user or resetting its password ends its sessions at once (new security stamp, refresh tokens
/// revoked, the cached standing forgotten).
/// </summary>
public sealed class UserAdministration(TenantDirectory tenants, UserDirectory directory, IUserAccounts store, Logins logins, TimeProvider time)
{
    public async Task<IReadOnlyList<UserResponse>> ListAsync(string tenant, CancellationToken cancellationToken = default) =>
        [.. (await store.UsersAsync(tenant, cancellationToken)).Select(UserResponse.Of)];

    public async Task<UserChange> CreateAsync(string tenant, NewUserRequest body, CancellationToken cancellationToken = default)
    {
        var login = body.Login?.Trim().ToLowerInvariant() ?? "";
        if (!UserDirectory.IsValidName(login))
        {
            return UserChange.Invalid("login", new Text(string.IsNullOrEmpty(login) ? TextKeys.Input.Required : TextKeys.Users.LoginFormat));
        }

        if (string.IsNullOrWhiteSpace(body.DisplayName))
        {
            return UserChange.Invalid("displayName", new Text(TextKeys.Input.Required));
        }

        if (InputText.Problem(body.DisplayName, InputLimits.Name) is { } displayNameProblem)
        {
            return UserChange.Invalid("displayName", displayNameProblem); // the one rule every stored name follows
        }

        if (body.Role is not { } role || !Roles.Staff.Contains(role))
        {
            return UserChange.Invalid("role", string.IsNullOrEmpty(body.Role)
                ? new Text(TextKeys.Input.Required)
                : new Text(TextKeys.Input.Unknown, body.Role, string.Join(", ", Roles.Staff.Order(StringComparer.Ordinal))));
        }

        var departments = tenants.Find(tenant)!.Departments;
        if (role == Roles.Handler && (body.Department is not { } department || !departments.ContainsKey(department)))
        {
            return UserChange.Invalid("department", string.IsNullOrEmpty(body.Department)
                ? new Text(TextKeys.Users.HandlerDepartment)
                : new Text(TextKeys.Input.Unknown, body.Department, string.Join(", ", departments.Keys.Order(StringComparer.Ordinal))));
        }

        if (role != Roles.Handler && !string.IsNullOrEmpty(body.Department))
        {
            return UserChange.Invalid("department", new Text(TextKeys.Users.HandlerDepartment));
        }

        if (PasswordPolicy.Problem(login, body.Password) is { } problem)
        {
            return UserChange.Invalid("password", problem);
        }

        var now = time.GetUtcNow();
        var user = new UserAccount
        {
            Tenant = tenant,
            Login = login,
            DisplayName = body.DisplayName.Trim(),
            Role = role,
            Department = role == Roles.Handler ? body.Department : null,
            PasswordHash = PasswordHashing.Hash(body.Password!),
            SecurityStamp = UserDirectory.NewStamp(),
            CreatedAt = now,
            ChangedAt = now,
        };

        // A demo user of that name (demo mode) would be found first at login: refused like an existing one.
        if (directory.Demo(UserDirectory.LoginOf(tenant, login)) is not null || !await store.AddUserAsync(user, cancellationToken))
        {
            return new UserChange(null, StatusCodes.Status409Conflict, Message: new Text(TextKeys.Users.Exists, login));
        }

        return UserChange.Done(UserResponse.Of(user), StatusCodes.Status201Created);
    }

    public Task<UserChange> DisableAsync(string tenant, string login, CancellationToken cancellationToken = default) =>
        ChangeAsync(new StandingChange(tenant, login.ToLowerInvariant(), UserDirectory.NewStamp(), time.GetUtcNow()) { Enabled = false }, cancellationToken);

    public Task<UserChange> EnableAsync(string tenant, string login, CancellationToken cancellationToken = default) =>
        ChangeAsync(new StandingChange(tenant, login.ToLowerInvariant(), UserDirectory.NewStamp(), time.GetUtcNow()) { Enabled = true }, cancellationToken);

    public async Task<UserChange> ResetPasswordAsync(string tenant, string login, string? password, CancellationToken cancellationToken = default)
    {
        if (PasswordPolicy.Problem(login, password) is { } problem)
        {
            return UserChange.Invalid("password", problem);
        }

        var change = new StandingChange(tenant, login.ToLowerInvariant(), UserDirectory.NewStamp(), time.GetUtcNow()) { PasswordHash = PasswordHashing.Hash(password!) };
        return await ChangeAsync(change, cancellationToken);
    }

    public async Task<UserChange> UnlockAsync(string tenant, string login, CancellationToken cancellationToken = default) =>
        await store.UnlockAsync(tenant, login.ToLowerInvariant(), cancellationToken) && await store.FindUserAsync(tenant, login.ToLowerInvariant(), cancellationToken) is { } user
            ? UserChange.Done(UserResponse.Of(user))
            : NotFound(login);

    private async Task<UserChange> ChangeAsync(StandingChange change, CancellationToken cancellationToken)
    {
        if (await store.ChangeStandingAsync(change, cancellationToken) is not { } user)
        {
            return NotFound(change.Login);
        }

        logins.Changed(user);
        return UserChange.Done(UserResponse.Of(user));
    }

    private static UserChange NotFound(string login) => new(null, StatusCodes.Status404NotFound, Message: new Text(TextKeys.Users.NotFound, login));
}
