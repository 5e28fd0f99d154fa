using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Complaints.Api.Tests;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Security.Tests;

/// <summary>
/// One host in demo mode for a test class, every caller logged in once, and the values the routes need: a case
/// dispatched to <see cref="Callers.CaseDepartment"/>, a notification of that department, the year 2026.
/// </summary>
public sealed class SecuredPlatform : IAsyncLifetime
{
    private readonly Dictionary<Caller, (string? Token, string Failure)> _logins = [];

    public PlatformInstance Platform { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> RouteValues { get; private set; } = null!;

    private HttpClient Client { get; set; } = null!;

    public async ValueTask InitializeAsync()
    {
        // Demo mode gives the demo users (operator included) and channel keys. /metrics is mapped only when enabled:
        // enabled, so that it is in the endpoint list.
        Platform = await PlatformInstance.StartAsync(null, "--Platform:Mode=demo", "--Telemetry:Prometheus:Enabled=true");
        Client = Platform.Anonymous();
        foreach (var caller in Callers.WithToken)
        {
            _logins[caller] = await LoginAsync(Callers.Login(caller));
        }

        var number = await DispatchedCaseAsync();
        RouteValues = new Dictionary<string, string>
        {
            ["tenant"] = Callers.Tenant,
            ["number"] = number,
            ["id"] = await NotificationOfTheCaseDepartmentAsync(number),
            ["year"] = "2026",
            ["documentName"] = "v1",
            ["path"] = "no-such-file.txt",
            ["login"] = "matrix-nobody", // no such user: the admin's calls change no one (404), the others' are refused before
        };
    }

    public async ValueTask DisposeAsync() => await Platform.DisposeAsync();

    /// <summary>Every endpoint the running host serves, as <c>METHOD /pattern</c> (<c>ANY</c> when it takes every method).</summary>
    public IReadOnlyList<string> Endpoints() =>
        [.. Platform.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            // The workbench's static files (one endpoint per file and encoding): public by nature.
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods : ["ANY"])
                .Select(m => $"{m} {AccessMatrix.Normalize(e.RoutePattern.RawText ?? "")}"))
            .Distinct()
            .Order(StringComparer.Ordinal)];

    /// <summary>The caller's access token, or why it has none.</summary>
    public string Token(Caller caller) =>
        _logins.TryGetValue(caller, out var login) && login.Token is { } token ? token : throw new InvalidOperationException(LoginFailure(caller));

    public bool HasToken(Caller caller) => _logins.TryGetValue(caller, out var login) && login.Token is not null;

    public string LoginFailure(Caller caller) => _logins.TryGetValue(caller, out var login) ? login.Failure : $"{caller} never logged in";

    /// <summary>The signing key file the host reads (Auth:SigningKeyFile, in its data folder).</summary>
    public string SigningKeyFile => Platform.Services.GetRequiredService<IConfiguration>()["Auth:SigningKeyFile"] ?? Path.Combine(Platform.DataDirectory, "signing.key");

    public string PathOf(AccessRule rule) => AccessMatrix.Fill(rule.Pattern, RouteValues);

    public Task<Answer> SendAsync(AccessRule rule, Caller caller) =>
        SendAsync(rule, caller == Caller.NoToken ? null : $"Bearer {Token(caller)}");

    /// <summary>
    /// The rule's endpoint with its route filled, the rule's body (<c>{}</c>) for a POST or PUT, and <paramref name="authorization"/>
    /// as the header as given. A streamed answer (Server-Sent Events) is not read.
    /// </summary>
    public async Task<Answer> SendAsync(AccessRule rule, string? authorization)
    {
        var method = rule.Method == "ANY" ? HttpMethods.Get : rule.Method;
        using var request = new HttpRequestMessage(new HttpMethod(method), PathOf(rule));
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent(rule.Body, Encoding.UTF8, "application/json");
        }

        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var body = response.Content.Headers.ContentType?.MediaType == "text/event-stream" ? "" : await response.Content.ReadAsStringAsync();
        return new Answer((int)response.StatusCode, body);
    }

    /// <summary>Any request with a JSON body (or none) and an Authorization header as given.</summary>
    public async Task<Answer> SendAsync(HttpMethod method, string path, object? body, string? authorization)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await Client.SendAsync(request);
        return new Answer((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Logs in; the access token, or null with why not.</summary>
    public async Task<(string? Token, string Failure)> LoginAsync(string username, string password = "demo")
    {
        using var response = await Client.PostAsJsonAsync("/api/v1/auth/token", new { username, password });
        return response.IsSuccessStatusCode
            ? ((await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>(), "")
            : (null, $"'{username}' cannot log in (demo mode): {(int)response.StatusCode}");
    }

    private async Task<JsonObject> CallAsync(Caller caller, HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(caller));
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return JsonNode.Parse(text)!.AsObject();
    }

    private async Task<string> DispatchedCaseAsync()
    {
        var complaints = $"/api/v1/tenants/{Callers.Tenant}/complaints";
        var registered = await CallAsync(Caller.Agent, HttpMethod.Post, complaints, new
        {
            channel = "hotline",
            kind = "complaint",
            content = "自来水水压太低，三楼以上没有水。",
            complainant = new { name = "张三", phone = "13812345678", address = "开发区黄河路 1 号" },
        }, HttpStatusCode.Created);
        var number = registered["number"]!.GetValue<string>();
        await CallAsync(Caller.Agent, HttpMethod.Post, $"{complaints}/{number}/accept", new { category = "water-pressure" }, HttpStatusCode.OK);
        await CallAsync(Caller.Agent, HttpMethod.Post, $"{complaints}/{number}/dispatch", new { department = Callers.CaseDepartment }, HttpStatusCode.OK);
        return number;
    }

    /// <summary>A supervision notifies the holding department; its id is a real notification id.</summary>
    private async Task<string> NotificationOfTheCaseDepartmentAsync(string number)
    {
        await CallAsync(Caller.Supervisor, HttpMethod.Post, $"/api/v1/tenants/{Callers.Tenant}/complaints/{number}/supervise", new { note = "督办" }, HttpStatusCode.OK);
        return await Eventually.Async(async () =>
        {
            var page = await CallAsync(Caller.Handler, HttpMethod.Get, $"/api/v1/tenants/{Callers.Tenant}/notifications", null, HttpStatusCode.OK);
            return page["items"]!.AsArray().FirstOrDefault(n => n!["number"]?.GetValue<string>() == number)?["id"]!.GetValue<string>();
        });
    }
}

/// <summary>A status and the body that came with it.</summary>
public sealed record Answer(int Status, string Body)
{
    public override string ToString() => $"{Status} {(Body.Length > 200 ? Body[..200] + "…" : Body)}";
}
