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
        users.MapPost("/{login}/disable", async (string tenant, string login, UserAdministration users, CancellationToken ct) => Result(await users.DisableAsync(tenant, login, ct)))
            .Produces<UserResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Disable a user (admin): its tokens stop working at once.");
        users.MapPost("/{login}/enable", async (string tenant, string login, UserAdministration users, CancellationToken ct) => Result(await users.EnableAsync(tenant, login, ct)))
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

    private static async Task<IResult> List(string tenant, UserAdministration users, CancellationToken ct) =>
        TypedResults.Ok(new UserListResponse(await users.ListAsync(tenant, ct)));

    private static async Task<IResult> Create(string tenant, HttpRequest request, UserAdministration users, IOptions<JsonOptions> json)
    {
        var (body, error) = await ApiResults.ReadBodyAsync<NewUserRequest>(request, json.Value.SerializerOptions);
        if (error is not null)
        {
            return error;
        }

        var change = await users.CreateAsync(tenant, body!, request.HttpContext.RequestAborted);
        return change.User is { } user ? TypedResults.Created($"/api/v1/tenants/{tenant}/users/{user.Login}", user) : Result(change);
    }

    private static async Task<IResult> ResetPassword(string tenant, string login, HttpRequest request, UserAdministration users, IOptions<JsonOptions> json)
    {
        var (body, error) = await ApiResults.ReadBodyAsync<PasswordRequest>(request, json.Value.SerializerOptions);
        if (error is not null)
        {
            return error;
        }

        return Result(await users.ResetPasswordAsync(tenant, login, body!.Password, request.HttpContext.RequestAborted));
    }

    private static async Task<IResult> Unlock(string tenant, string login, UserAdministration users, CancellationToken ct) =>
        Result(await users.UnlockAsync(tenant, login, ct));

    /// <summary>The change as the API answers it: the user, or the refusal as problem details naming its field.</summary>
    private static IResult Result(UserChange change) => change switch
    {
        { User: { } user } => TypedResults.Ok(user),
        { Field: { } field } => ApiResults.Invalid(field, change.Message!),
        _ => ApiResults.Problem(change.Status, change.Message!),
    };
}
