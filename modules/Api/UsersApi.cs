using Complaints.Grains;
using Complaints.Storage;
using Complaints.Tenants;
using Complaints.Texts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Complaints.Api;

public sealed record NewUserRequest(string? Login, string? DisplayName, string? Role, string? Department, string? Password);

public sealed record PasswordRequest(string? Password);

/// <summary>A user as its tenant's admin sees it: never its password hash. <c>username</c> is what the user types to log in.</summary>
public sealed record UserResponse(string Login, string Username, string DisplayName, string Role, string? Department, bool Enabled, DateTimeOffset? LockedUntil, DateTimeOffset CreatedAt)
{
    public static UserResponse Of(UserAccount user) =>
        new(user.Login, UserDirectory.LoginOf(user.Tenant, user.Login), user.DisplayName, user.Role, user.Department, user.Enabled, user.LockedUntil, user.CreatedAt);
}

public sealed record UserListResponse(IReadOnlyList<UserResponse> Items);

/// <summary>
/// <c>/api/v1/tenants/{tenant}/users</c>: a tenant's admin manages the tenant's own users (the group already holds the
/// caller to its tenant). Platform operators are not made here: only by the host's <c>create-user</c> command.
/// Disabling a user or resetting its password ends its sessions at once (new security stamp, refresh tokens revoked).
/// </summary>
internal static class UsersApi
{
    public static void MapUsersApi(this RouteGroupBuilder tenant)
    {
        var users = tenant.MapGroup("/users").RequireAuthorization(ApiModule.AdminPolicy).WithTags("users");
        users.MapGet("", List)
            .Produces<UserListResponse>()
            .WithSummary("The tenant's users (admin).");
        users.MapPost("", Create)
            .Accepts<NewUserRequest>("application/json")
            .Produces<UserResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Create a user of the tenant (admin); the password must have 10 characters or more and not be the login.");
        users.MapPost("/{login}/disable", (string tenant, string login, Logins logins, IUserAccounts store, TimeProvider time, CancellationToken ct) =>
                ChangeAsync(logins, store, new StandingChange(tenant, login.ToLowerInvariant(), UserDirectory.NewStamp(), time.GetUtcNow()) { Enabled = false }, ct))
            .Produces<UserResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Disable a user (admin): its tokens stop working at once.");
        users.MapPost("/{login}/enable", (string tenant, string login, Logins logins, IUserAccounts store, TimeProvider time, CancellationToken ct) =>
                ChangeAsync(logins, store, new StandingChange(tenant, login.ToLowerInvariant(), UserDirectory.NewStamp(), time.GetUtcNow()) { Enabled = true }, ct))
            .Produces<UserResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Enable a disabled user again (admin).");
        users.MapPost("/{login}/reset-password", ResetPassword)
            .Accepts<PasswordRequest>("application/json")
            .Produces<UserResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Set a new password (admin): the user's tokens stop working at once.");
        users.MapPost("/{login}/unlock", Unlock)
            .Produces<UserResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Lift a lockout after too many wrong passwords (admin).");
    }

    private static async Task<IResult> List(string tenant, IUserAccounts store, CancellationToken ct) =>
        TypedResults.Ok(new UserListResponse([.. (await store.UsersAsync(tenant, ct)).Select(UserResponse.Of)]));

    private static async Task<IResult> Create(string tenant, HttpRequest request, TenantDirectory tenants, UserDirectory directory, IUserAccounts store, TimeProvider time, IOptions<JsonOptions> json)
    {
        var (body, error) = await ApiResults.ReadBodyAsync<NewUserRequest>(request, json.Value.SerializerOptions);
        if (error is not null)
        {
            return error;
        }

        var login = body!.Login?.Trim().ToLowerInvariant() ?? "";
        if (!UserDirectory.IsValidName(login))
        {
            return ApiResults.Invalid("login", new Text(string.IsNullOrEmpty(login) ? TextKeys.Input.Required : TextKeys.Users.LoginFormat));
        }

        if (string.IsNullOrWhiteSpace(body.DisplayName))
        {
            return ApiResults.Invalid("displayName", new Text(TextKeys.Input.Required));
        }

        if (InputText.Problem(body.DisplayName, InputLimits.Name) is { } displayNameProblem)
        {
            return ApiResults.Invalid("displayName", displayNameProblem); // the one rule every stored name follows
        }

        if (body.Role is not { } role || !Roles.Staff.Contains(role))
        {
            return ApiResults.Invalid("role", string.IsNullOrEmpty(body.Role)
                ? new Text(TextKeys.Input.Required)
                : new Text(TextKeys.Input.Unknown, body.Role, string.Join(", ", Roles.Staff.Order(StringComparer.Ordinal))));
        }

        var departments = tenants.Find(tenant)!.Departments;
        if (role == Roles.Handler && (body.Department is not { } department || !departments.ContainsKey(department)))
        {
            return ApiResults.Invalid("department", string.IsNullOrEmpty(body.Department)
                ? new Text(TextKeys.Users.HandlerDepartment)
                : new Text(TextKeys.Input.Unknown, body.Department, string.Join(", ", departments.Keys.Order(StringComparer.Ordinal))));
        }

        if (role != Roles.Handler && !string.IsNullOrEmpty(body.Department))
        {
            return ApiResults.Invalid("department", new Text(TextKeys.Users.HandlerDepartment));
        }

        if (PasswordPolicy.Problem(login, body.Password) is { } problem)
        {
            return ApiResults.Invalid("password", problem);
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
        if (directory.Demo(UserDirectory.LoginOf(tenant, login)) is not null || !await store.AddUserAsync(user, request.HttpContext.RequestAborted))
        {
            return ApiResults.Problem(StatusCodes.Status409Conflict, new Text(TextKeys.Users.Exists, login));
        }

        return TypedResults.Created($"/api/v1/tenants/{tenant}/users/{login}", UserResponse.Of(user));
    }

    private static async Task<IResult> ResetPassword(string tenant, string login, HttpRequest request, Logins logins, IUserAccounts store, TimeProvider time, IOptions<JsonOptions> json)
    {
        var (body, error) = await ApiResults.ReadBodyAsync<PasswordRequest>(request, json.Value.SerializerOptions);
        if (error is not null)
        {
            return error;
        }

        if (PasswordPolicy.Problem(login, body!.Password) is { } problem)
        {
            return ApiResults.Invalid("password", problem);
        }

        var change = new StandingChange(tenant, login.ToLowerInvariant(), UserDirectory.NewStamp(), time.GetUtcNow()) { PasswordHash = PasswordHashing.Hash(body.Password!) };
        return await ChangeAsync(logins, store, change, request.HttpContext.RequestAborted);
    }

    private static async Task<IResult> Unlock(string tenant, string login, IUserAccounts store, CancellationToken ct) =>
        await store.UnlockAsync(tenant, login.ToLowerInvariant(), ct) && await store.FindUserAsync(tenant, login.ToLowerInvariant(), ct) is { } user
            ? TypedResults.Ok(UserResponse.Of(user))
            : NotFound(login);

    private static async Task<IResult> ChangeAsync(Logins logins, IUserAccounts store, StandingChange change, CancellationToken ct)
    {
        if (await store.ChangeStandingAsync(change, ct) is not { } user)
        {
            return NotFound(change.Login);
        }

        logins.Changed(user);
        return TypedResults.Ok(UserResponse.Of(user));
    }

    private static IResult NotFound(string login) => ApiResults.Problem(StatusCodes.Status404NotFound, new Text(TextKeys.Users.NotFound, login));
}
