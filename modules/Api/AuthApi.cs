using Complaints.Texts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

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
            return ApiResults.Invalid("username", new Text(TextKeys.Input.Required));
        }

        if (string.IsNullOrEmpty(body.Password))
        {
            return ApiResults.Invalid("password", new Text(TextKeys.Input.Required));
        }

        if (users.Authenticate(body.Username, body.Password) is not { } user)
        {
            return ApiResults.Problem(StatusCodes.Status401Unauthorized, new Text(TextKeys.Access.LoginFailed));
        }

        var (token, expiresAt) = tokens.Issue(user);
        return TypedResults.Ok(new TokenResponse(token, expiresAt));
    }
}
