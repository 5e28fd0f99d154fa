using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Simulators.WeChat;

/// <summary>
/// The simulated WeChat API. Accounts come from configuration (<c>Accounts:{appid}={secret}</c>); issuing a token
/// invalidates the account's previous one, as WeChat does. Send endpoints check the token (40001 unknown, 42001
/// expired) and record what they accept; <c>GET /_sim/messages</c> reads the record.
/// </summary>
public static class WeChatSimulator
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Services.AddSingleton(sp => new WeChatSimulatorState(
            builder.Configuration.GetSection("Accounts").GetChildren().ToDictionary(c => c.Key, c => c.Value ?? "", StringComparer.Ordinal),
            TimeSpan.FromSeconds(builder.Configuration.GetValue("TokenLifetimeSeconds", 7200)),
            TimeProvider.System));
        builder.Services.AddHttpClient();
        var app = builder.Build();
        Map(app);
        return app;
    }

    private static void Map(WebApplication app)
    {
        app.MapGet("/cgi-bin/token", (string? grant_type, string? appid, string? secret, WeChatSimulatorState state) =>
            Results.Json(state.IssueToken(grant_type, appid, secret)));

        app.MapPost("/cgi-bin/message/custom/send", async (HttpRequest request, WeChatSimulatorState state) =>
            await AnswerAsync(state, state.Accept("custom", request.Query["access_token"], await ReadJsonAsync(request)), request.HttpContext.RequestAborted));

        app.MapPost("/cgi-bin/message/template/send", async (HttpRequest request, WeChatSimulatorState state) =>
            await AnswerAsync(state, state.Accept("template", request.Query["access_token"], await ReadJsonAsync(request)), request.HttpContext.RequestAborted));

        // Temporary material as WeChat serves it: the bytes with Content-Type and Content-disposition, or a JSON error.
        app.MapGet("/cgi-bin/media/get", (HttpContext context, string? access_token, string? media_id, WeChatSimulatorState state) =>
        {
            var (error, bytes, type, name) = state.Media(access_token, media_id);
            if (error is not null)
            {
                return Results.Json(error);
            }

            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
            return Results.Bytes(bytes, type);
        });

        // What a user's phone uploads before WeChat pushes an image or voice message: kept under a new media id.
        app.MapPost("/_sim/media", async (HttpRequest request, string? type, string? ext, WeChatSimulatorState state) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            return Results.Json(new { media_id = state.AddMedia(buffer.ToArray(), type ?? "image/jpeg", ext ?? "jpg") });
        });

        app.MapGet("/_sim/messages", (string? touser, WeChatSimulatorState state) =>
            Results.Json(state.Messages.Where(m => touser is null || m.ToUser == touser).ToList()));

        // Plays a user's last message to the account at a given time (the 48-hour customer-service window).
        app.MapPost("/_sim/users/{openId}/wrote", (string openId, DateTimeOffset at, WeChatSimulatorState state) =>
        {
            state.UserWrote(openId, at);
            return Results.NoContent();
        });

        app.MapGet("/_sim/tokens", (WeChatSimulatorState state) => Results.Json(new { issued = state.TokensIssued }));

        // Make the next sends slow (after recording them): a response that arrives after the caller gave up.
        app.MapPost("/_sim/behaviour", (SimulatorBehaviour behaviour, WeChatSimulatorState state) =>
        {
            state.Behaviour = behaviour;
            return Results.Json(behaviour);
        });

        app.MapPost("/_sim/expire-tokens", (WeChatSimulatorState state) =>
        {
            state.ExpireTokens();
            return Results.NoContent();
        });

        // Plays the WeChat server pushing a user's message to the platform; answers what the platform answered.
        app.MapPost("/_sim/push", async (PushRequest push, IHttpClientFactory clients, WeChatSimulatorState state) =>
        {
            state.UserWrote(push.FromUser, DateTimeOffset.UtcNow);
            var user = new WeChatUserClient(clients.CreateClient(), new Uri(push.Url), push.Token, push.EncodingAesKey, push.AppId);
            var answer = await user.SendTextAsync(push.FromUser, push.ToUser ?? "gh_simulator", push.Content, push.MsgId);
            return Results.Json(new { status = (int)answer.Status, body = answer.Body, content = answer.ReplyContent });
        });
    }

    /// <summary>A configured delay is served after recording: the message counts as sent even if the caller gave up.</summary>
    private static async Task<IResult> AnswerAsync(WeChatSimulatorState state, JsonObject result, CancellationToken cancellationToken)
    {
        if (state.Behaviour.SendDelayMs > 0 && (int?)result["errcode"] == 0)
        {
            await Task.Delay(state.Behaviour.SendDelayMs, cancellationToken);
        }

        return Results.Json(result);
    }

    /// <summary>The body as sent (kept verbatim in the record) and parsed.</summary>
    private static async Task<(string Raw, JsonObject? Json)> ReadJsonAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var raw = await reader.ReadToEndAsync();
        try
        {
            return (raw, JsonNode.Parse(raw) as JsonObject);
        }
        catch (System.Text.Json.JsonException)
        {
            return (raw, null);
        }
    }
}

/// <summary>Fault injection: delay the answer to sends by <see cref="SendDelayMs"/> after recording the message.</summary>
public sealed record SimulatorBehaviour(int SendDelayMs = 0);

/// <summary>Body of <c>POST /_sim/push</c>: where the platform listens and the account's settings.</summary>
public sealed record PushRequest(string Url, string Token, string FromUser, string Content, string? ToUser = null, long? MsgId = null, string? EncodingAesKey = null, string? AppId = null);
