using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Complaints.Channels.WeChat.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Complaints.Channels.WeChat;

/// <summary>
/// <c>GET /channels/wechat/{tenant}</c>: the URL check. <c>POST /channels/wechat/{tenant}</c>: pushes, plain or safe
/// mode. Refusals: unknown tenant 404; bad signature, stale timestamp or a (timestamp, nonce) replayed with another
/// body 403 (<see cref="WeChatNonceLedger"/>); malformed input 400; oversize 413.
/// Refusal texts are short and the same for every cause of one status (no help for probing).
/// </summary>
internal static partial class WeChatEndpoints
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void Map(IEndpointRouteBuilder channel)
    {
        channel.MapGet("/{tenant}", VerifyUrl).AllowAnonymous().ExcludeFromDescription();
        channel.MapPost("/{tenant}", ReceiveAsync).AllowAnonymous().ExcludeFromDescription();
    }

    private static IResult VerifyUrl(string tenant, HttpContext http)
    {
        var services = http.RequestServices;
        if (services.GetRequiredService<WeChatAccounts>().Find(tenant) is not { } account)
        {
            return Results.Text("unknown tenant", statusCode: StatusCodes.Status404NotFound);
        }

        var query = http.Request.Query;
        string? timestamp = query["timestamp"], nonce = query["nonce"], echostr = query["echostr"];
        if (!WeChatSignature.VerifyUrlSignature(account.Token, timestamp, nonce, query["signature"]) || echostr is null)
        {
            return Forbidden();
        }

        if (WeChatFreshness.IsStale(timestamp, services.GetRequiredService<TimeProvider>().GetUtcNow(), account.MaxClockSkew))
        {
            return Stale();
        }

        return Results.Text(echostr, "text/plain", Encoding.UTF8);
    }

    private static async Task<IResult> ReceiveAsync(string tenant, HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var services = http.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WeChatEndpoints));
        if (services.GetRequiredService<WeChatAccounts>().Find(tenant) is not { } account)
        {
            return Results.Text("unknown tenant", statusCode: StatusCodes.Status404NotFound);
        }

        var time = services.GetRequiredService<TimeProvider>();
        var query = http.Request.Query;
        string? timestamp = query["timestamp"], nonce = query["nonce"];
        var safe = string.Equals(query["encrypt_type"], "aes", StringComparison.OrdinalIgnoreCase);

        var body = await ReadBodyAsync(http.Request, account.MaxBodyBytes, http.RequestAborted);
        if (body.Problem is { } problem)
        {
            LogRefused(logger, tenant, "body too large or not UTF-8");
            return problem;
        }

        WeChatInboundMessage message;
        try
        {
            string xml;
            if (safe)
            {
                if (account.SafeMode is null)
                {
                    // The account has no EncodingAesKey: it cannot be in safe mode, so this did not come from WeChat.
                    throw new WeChatProtocolException(WeChatProtocolFailure.BadSignature, "Safe mode is not configured.");
                }

                xml = account.SafeMode.Open(query["msg_signature"], timestamp, nonce, body.Text!, account.MaxBodyBytes).Message;
            }
            else
            {
                if (!WeChatSignature.VerifyUrlSignature(account.Token, timestamp, nonce, query["signature"]))
                {
                    throw new WeChatProtocolException(WeChatProtocolFailure.BadSignature, "signature does not match.");
                }

                xml = body.Text!;
            }

            WeChatFreshness.EnsureFresh(timestamp, time.GetUtcNow(), account.MaxClockSkew);
            switch (services.GetRequiredService<WeChatNonceLedger>().Check(account.Token, timestamp, nonce, body.Text!, time.GetUtcNow(), account.MaxClockSkew))
            {
                case NonceVerdict.Replay:
                    // Answered like a bad signature: the signature is no longer good for this body.
                    throw new WeChatProtocolException(WeChatProtocolFailure.BadSignature, "timestamp and nonce already used with another body.");
                case NonceVerdict.Full:
                    LogRefused(logger, tenant, "nonce ledger full");
                    return Results.Text("try again", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            message = WeChatXml.ParseMessage(xml, account.MaxBodyBytes);
        }
        catch (WeChatProtocolException ex)
        {
            LogRefused(logger, tenant, ex.Reason.ToString());
            return ex.Reason switch
            {
                WeChatProtocolFailure.BadSignature => Forbidden(),
                WeChatProtocolFailure.Stale => Stale(),
                WeChatProtocolFailure.TooLarge => TooLarge(),
                _ => Results.Text("bad request", statusCode: StatusCodes.Status400BadRequest),
            };
        }

        var handling = services.GetRequiredService<WeChatInbox>().HandleAsync(account, message);
        var budget = account.ReplyWithin - Stopwatch.GetElapsedTime(started);
        InboxAnswer answer;
        try
        {
            // WeChat's 5 seconds are wall-clock time, whatever clock the host's cases run on.
            answer = budget > TimeSpan.Zero
                ? await handling.WaitAsync(budget, TimeProvider.System, http.RequestAborted)
                : throw new TimeoutException();
        }
        catch (TimeoutException)
        {
            // Answer within WeChat's 5 seconds; the handling goes on and a retry gets its result.
            LogSlowIntake(logger, tenant);
            return Results.Text(WeChatReply.Success, "text/plain", Encoding.UTF8);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Intake failed: the push is forgotten, WeChat retries it.
            return Results.Text("try again", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (answer.Text is null)
        {
            return Results.Text(WeChatReply.Success, "text/plain", Encoding.UTF8);
        }

        var now = time.GetUtcNow();
        var reply = WeChatReply.BuildText(message.FromUserName, message.ToUserName, now, answer.Text);
        if (safe)
        {
            reply = account.SafeMode!.Seal(reply, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), NewNonce());
        }

        return Results.Text(reply, "application/xml", Encoding.UTF8);
    }

    private static async Task<(string? Text, IResult? Problem)> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge());
        }

        var buffer = new byte[maxBytes + 1];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        if (length > maxBytes)
        {
            return (null, TooLarge());
        }

        try
        {
            return (StrictUtf8.GetString(buffer, 0, length), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, Results.Text("bad request", statusCode: StatusCodes.Status400BadRequest));
        }
    }

    private static IResult Forbidden() => Results.Text("invalid signature", statusCode: StatusCodes.Status403Forbidden);

    private static IResult Stale() => Results.Text("stale request", statusCode: StatusCodes.Status403Forbidden);

    private static IResult TooLarge() => Results.Text("too large", statusCode: StatusCodes.Status413PayloadTooLarge);

    private static string NewNonce() => RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeChat push for tenant {Tenant} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string tenant, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeChat push for tenant {Tenant}: intake slower than the reply window; answered success")]
    private static partial void LogSlowIntake(ILogger logger, string tenant);
}
