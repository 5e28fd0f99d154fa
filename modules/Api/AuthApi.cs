using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.Json;

namespace Complaints.Api;

public sealed record TokenRequest(string? Username, string? Password);

public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt);

internal static class AuthApi
{
    public static void MapAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/auth/token", IssueToken)
            .AllowAnonymous()
            .Accepts<TokenRequest>("application/json")
            .Produces<TokenResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithTags("auth")
            .WithSummary("Exchange a user name and password for a bearer token.");
    }

    private static async Task<IResult> IssueToken(HttpRequest request, UserDirectory users, TokenIssuer tokens, IOptions<JsonOptions> json)
    {
        var (body, error) = await ApiResults.ReadBodyAsync<TokenRequest>(request, json.Value.SerializerOptions);
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrWhiteSpace(body!.Username))
        {
            return ApiResults.Invalid("username", "This field is required.");
        }

        if (string.IsNullOrEmpty(body.Password))
        {
            return ApiResults.Invalid("password", "This field is required.");
        }

        if (users.Authenticate(body.Username, body.Password) is not { } user)
        {
            return ApiResults.Problem(StatusCodes.Status401Unauthorized, "Unknown user name or wrong password.");
        }

        var (token, expiresAt) = tokens.Issue(user);
        return TypedResults.Ok(new TokenResponse(token, expiresAt));
    }
}
