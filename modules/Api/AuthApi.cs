using System.Globalization;
using Complaints.Texts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Complaints.Api;

public sealed record TokenRequest(string? Username, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

internal static class AuthApi
{
    /// <summary>The rate limiting policy of the login: attempts per client address (<see cref="LoginOptions.LoginsPerAddressPerMinute"/>).</summary>
    public const string LoginPolicy = Logins.PerAddressPolicy;

    /// <summary>Login throttling per client address (the per-name limit is taken once the body names the user).</summary>
    public static IServiceCollection AddLoginThrottling(this IServiceCollection services) =>
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(LoginPolicy, http =>
            {
                var address = http.Connection.RemoteIpAddress?.ToString() ?? "";
                var permits = http.RequestServices.GetRequiredService<IOptions<LoginOptions>>().Value.LoginsPerAddressPerMinute;
                return System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(address, _ => Logins.PerMinute(permits));
            });
            o.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                LoginMetrics.Failed("throttled");
                context.HttpContext.RequestServices.GetRequiredService<ILogger<Logins>>().LogWarning(
                    "Login refused (throttled) from {Address}: too many attempts from that address", context.HttpContext.Connection.RemoteIpAddress?.ToString());
                await TooMany(context.HttpContext, retryAfter).ExecuteAsync(context.HttpContext);
            };
        });

    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/auth/token", IssueToken)
            .AllowAnonymous()
            .RequireRateLimiting(LoginPolicy)
            .Accepts<TokenRequest>("application/json")
            .Produces<TokenResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithTags("auth")
            .WithSummary("Exchange a user name and password for an access token (15 min at most) and a refresh token.");
        app.MapPost("/api/v1/auth/refresh", Refresh)
            .AllowAnonymous()
            .Accepts<RefreshRequest>("application/json")
            .Produces<TokenResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithTags("auth")
            .WithSummary("Exchange a refresh token for a new access token and a new refresh token (the old one is revoked).");
        app.MapPost("/api/v1/auth/logout", Logout)
            .AllowAnonymous()
            .Accepts<RefreshRequest>("application/json")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .WithTags("auth")
            .WithSummary("End the session of a refresh token (it and every token rotated from the same login are revoked).");
    }

    private static async Task<IResult> IssueToken(HttpContext http, Logins logins, IOptions<JsonOptions> json)
    {
        var (body, error) = await ApiResults.ReadBodyAsync<TokenRequest>(http.Request, json.Value.SerializerOptions);
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrWhiteSpace(body!.Username))
        {
            return ApiResults.Invalid("username", new Text(TextKeys.Input.Required));
        }

        if (string.IsNullOrEmpty(body.Password))
        {
            return ApiResults.Invalid("password", new Text(TextKeys.Input.Required));
        }

        var address = http.Connection.RemoteIpAddress?.ToString();
        if (logins.Throttle(body.Username, address) is { } retryAfter)
        {
            return TooMany(http, retryAfter);
        }

        if (await logins.CheckPasswordAsync(body.Username, body.Password, address, http.RequestAborted) is not { } user)
        {
            return ApiResults.Problem(StatusCodes.Status401Unauthorized, new Text(TextKeys.Access.LoginFailed));
        }

        return TypedResults.Ok(await logins.StartAsync(user, http.RequestAborted));
    }

    private static async Task<IResult> Refresh(HttpContext http, Logins logins, IOptions<JsonOptions> json)
    {
        var (refreshToken, error) = await ReadRefreshTokenAsync(http, json);
        if (error is not null)
        {
            return error;
        }

        return await logins.RefreshAsync(refreshToken!, http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted) is { } session
            ? TypedResults.Ok(session)
            : ApiResults.Problem(StatusCodes.Status401Unauthorized, new Text(TextKeys.Access.SessionEnded));
    }

    private static async Task<IResult> Logout(HttpContext http, Logins logins, IOptions<JsonOptions> json)
    {
        var (refreshToken, error) = await ReadRefreshTokenAsync(http, json);
        if (error is not null)
        {
            return error;
        }

        await logins.LogoutAsync(refreshToken!, http.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>The <c>refreshToken</c> of a refresh or logout body, or the problem with the body.</summary>
    private static async Task<(string? RefreshToken, IResult? Error)> ReadRefreshTokenAsync(HttpContext http, IOptions<JsonOptions> json)
    {
        var (body, error) = await ApiResults.ReadBodyAsync<RefreshRequest>(http.Request, json.Value.SerializerOptions);
        if (error is not null)
        {
            return (null, error);
        }

        return string.IsNullOrWhiteSpace(body!.RefreshToken)
            ? (null, ApiResults.Invalid("refreshToken", new Text(TextKeys.Input.Required)))
            : (body.RefreshToken, null);
    }

    /// <summary>429 with <c>Retry-After</c> (whole seconds): too many login attempts, for the address or the name.</summary>
    private static IResult TooMany(HttpContext http, TimeSpan retryAfter)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return ApiResults.Problem(StatusCodes.Status429TooManyRequests, new Text(TextKeys.Access.TooManyLogins));
    }
}
