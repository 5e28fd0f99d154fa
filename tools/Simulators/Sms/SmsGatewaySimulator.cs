using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Complaints.Channels.Hotline.Sms;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Simulators.Sms;

/// <summary>
/// An Aliyun-compatible <c>SendSms</c> gateway (API 2017-05-25, RPC signature V1) on one endpoint, <c>GET|POST /</c>.
/// Accounts come from <c>Sms:Accounts:{AccessKeyId}={secret}</c> (default <c>sim-key</c> / <c>sim-secret</c>).
/// Control: <c>GET /_sim/messages</c> (<c>?count=N&amp;waitSeconds=S</c> waits until N are there),
/// <c>DELETE /_sim/messages</c>, <c>POST /_sim/mode</c> <c>{"mode":"ok|error|hang|throttle","code":"…"}</c>.
/// </summary>
public static partial class SmsGatewaySimulator
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, SimulatorJsonContext.Default));
        builder.Services.AddSingleton(new SmsGatewayState(ReadAccounts(builder.Configuration)));
        var app = builder.Build();

        app.MapMethods("/", ["GET", "POST"], SendSmsAsync);
        app.MapGet("/_sim/messages", async (SmsGatewayState state, int? count, int? waitSeconds, CancellationToken ct) =>
        {
            if (count is > 0)
            {
                await state.WaitForAsync(count.Value, TimeSpan.FromSeconds(Math.Clamp(waitSeconds ?? 10, 0, 60)), ct);
            }

            return Results.Json(state.Messages(), SimulatorJsonContext.Default.IReadOnlyListSimulatedSms);
        });
        app.MapDelete("/_sim/messages", (SmsGatewayState state) =>
        {
            state.Clear();
            return Results.NoContent();
        });
        app.MapPost("/_sim/mode", (SimulatorMode mode, SmsGatewayState state) =>
        {
            if (mode.Mode is not ("ok" or "error" or "hang" or "throttle"))
            {
                return Results.Problem(statusCode: 400, title: "mode is ok, error, hang or throttle");
            }

            state.Mode = mode;
            return Results.NoContent();
        });
        return app;
    }

    private static Dictionary<string, string> ReadAccounts(IConfiguration configuration)
    {
        var accounts = configuration.GetSection("Sms:Accounts").GetChildren()
            .Where(a => !string.IsNullOrEmpty(a.Value))
            .ToDictionary(a => a.Key, a => a.Value!, StringComparer.Ordinal);
        if (accounts.Count == 0)
        {
            accounts["sim-key"] = "sim-secret";
        }

        return accounts;
    }

    private static async Task<IResult> SendSmsAsync(HttpContext http, SmsGatewayState state)
    {
        string raw;
        if (HttpMethods.IsPost(http.Request.Method))
        {
            using var reader = new StreamReader(http.Request.Body);
            raw = await reader.ReadToEndAsync(http.RequestAborted);
        }
        else
        {
            raw = http.Request.QueryString.Value ?? "";
        }

        var requestId = Guid.NewGuid().ToString("D").ToUpperInvariant();
        IReadOnlyList<KeyValuePair<string, string>> parameters;
        try
        {
            parameters = AliyunRpcSignatureVerifier.ParseQuery(raw);
        }
        catch (UriFormatException)
        {
            return Answer(400, "MissingParameter", "The request could not be parsed.", requestId);
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in parameters)
        {
            values.TryAdd(key, value);
        }

        string Get(string key) => values.TryGetValue(key, out var v) ? v : "";

        if (!state.Accounts.TryGetValue(Get("AccessKeyId"), out var secret))
        {
            return Answer(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.", requestId);
        }

        if (!AliyunRpcSignatureVerifier.Verify(http.Request.Method, parameters, secret))
        {
            state.CountRefused();
            return Answer(400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation.", requestId);
        }

        if (Get("Action") != AliyunSendSmsRequestBuilder.Action || Get("Version") != AliyunSendSmsRequestBuilder.ApiVersion)
        {
            return Answer(400, "InvalidAction.NotFound", "Specified api is not found.", requestId);
        }

        if (!state.TryUseNonce(Get("SignatureNonce")))
        {
            return Answer(400, "SignatureNonceUsed", "Specified signature nonce was used already.", requestId);
        }

        foreach (var required in new[] { "PhoneNumbers", "SignName", "TemplateCode" })
        {
            if (string.IsNullOrEmpty(Get(required)))
            {
                return Answer(400, "MissingParameter", $"{required} is mandatory for this action.", requestId);
            }
        }

        if (!Get("PhoneNumbers").Split(',').All(p => MobilePattern().IsMatch(p)))
        {
            return Answer(200, "isv.MOBILE_NUMBER_ILLEGAL", "非法手机号", requestId);
        }

        if (values.TryGetValue("TemplateParam", out var templateParam) && !IsJsonObject(templateParam))
        {
            return Answer(200, "isv.INVALID_JSON_PARAM", "JSON参数不合法，只接受字符串值", requestId);
        }

        var mode = state.Mode;
        if (mode.Mode == "throttle")
        {
            return Answer(200, "isv.BUSINESS_LIMIT_CONTROL", "业务限流", requestId);
        }

        if (mode.Mode == "error")
        {
            return Answer(200, mode.Code ?? "isp.SYSTEM_ERROR", "simulated error", requestId);
        }

        var bizId = $"{Random.Shared.NextInt64(100_000_000_000, 999_999_999_999)}^0";
        state.Record(new SimulatedSms(
            Get("PhoneNumbers"), Get("SignName"), Get("TemplateCode"), values.GetValueOrDefault("TemplateParam"),
            values.GetValueOrDefault("OutId"), bizId, requestId, http.Request.Method, Get("AccessKeyId"), DateTimeOffset.UtcNow));

        if (mode.Mode == "hang")
        {
            // The message is out, but the answer never comes: the client must time out and must not resend.
            await Task.Delay(Timeout.InfiniteTimeSpan, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return Results.Empty;
        }

        return Answer(200, AliyunSendSmsResponse.OkCode, "OK", requestId, bizId);
    }

    private static IResult Answer(int status, string code, string message, string requestId, string? bizId = null) =>
        Results.Json(new AliyunSendSmsResponse(code, message, bizId, requestId), SmsJsonContext.Default.AliyunSendSmsResponse, statusCode: status);

    private static bool IsJsonObject(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.String);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^(\+?86)?1[3-9]\d{9}$")]
    private static partial Regex MobilePattern();
}

/// <summary>One message the simulator accepted (recorded before the answer, as a real gateway sends before answering).</summary>
public sealed record SimulatedSms(
    string PhoneNumbers, string SignName, string TemplateCode, string? TemplateParam, string? OutId,
    string BizId, string RequestId, string Method, string AccessKeyId, DateTimeOffset ReceivedAt);

/// <summary>How the simulator answers: <c>ok</c>, <c>error</c> (with <c>code</c>), <c>hang</c> (record, never answer), <c>throttle</c>.</summary>
public sealed record SimulatorMode(string Mode, string? Code = null);

/// <summary>The simulator's memory: accounts, used nonces, messages and the answer mode.</summary>
public sealed class SmsGatewayState(IReadOnlyDictionary<string, string> accounts)
{
    private readonly Lock _gate = new();
    private readonly List<SimulatedSms> _messages = [];
    private readonly HashSet<string> _nonces = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _refused;

    public IReadOnlyDictionary<string, string> Accounts { get; } = accounts;

    public SimulatorMode Mode { get; set; } = new("ok");

    public int RefusedSignatures => Volatile.Read(ref _refused);

    public IReadOnlyList<SimulatedSms> Messages()
    {
        lock (_gate)
        {
            return [.. _messages];
        }
    }

    public void Record(SimulatedSms message)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _messages.Add(message);
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    public void Clear()
    {
        lock (_gate)
        {
            _messages.Clear();
        }
    }

    public bool TryUseNonce(string nonce)
    {
        lock (_gate)
        {
            return nonce.Length > 0 && _nonces.Add(nonce);
        }
    }

    public void CountRefused() => Interlocked.Increment(ref _refused);

    /// <summary>Returns when at least <paramref name="count"/> messages are recorded, or when <paramref name="timeout"/> passes.</summary>
    public async Task WaitForAsync(int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_messages.Count >= count)
                {
                    return;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<SimulatedSms>))]
[JsonSerializable(typeof(SimulatorMode))]
public sealed partial class SimulatorJsonContext : JsonSerializerContext;
