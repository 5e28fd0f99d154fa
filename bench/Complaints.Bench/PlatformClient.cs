using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Complaints.Bench;

/// <summary>
/// HTTP to the hosts: many pooled keep-alive connections per host, tokens per user (any host of a cluster accepts any
/// host's token), the bodies the benchmark sends, each request to the next host in turn (round-robin).
/// </summary>
internal sealed class PlatformClient : IDisposable
{
    public const string Water = "fangyang-water";
    public const string Gas = "fuyang-gas";

    private static readonly MediaTypeHeaderValue JsonType = new("application/json") { CharSet = "utf-8" };

    private readonly Dictionary<string, AuthenticationHeaderValue> _tokens = [];
    private readonly Uri[] _hosts;
    private long _next = -1;

    public PlatformClient(IReadOnlyList<Uri> hosts, int connections = 512)
    {
        _hosts = [.. hosts];
        Http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            BaseAddress = _hosts[0],
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public HttpClient Http { get; }

    /// <summary>The password of the operator a cluster run makes with <c>create-user</c> (it has no demo users).</summary>
    public const string OperatorPassword = "bench-operator-password";

    public async Task LoginAsync(params string[] users)
    {
        foreach (var user in users)
        {
            var response = await Http.PostAsJsonAsync(new Uri("/api/v1/auth/token", UriKind.Relative), new { username = user, password = "demo" });
            if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized && user == "operator")
            {
                response.Dispose();
                response = await Http.PostAsJsonAsync(new Uri("/api/v1/auth/token", UriKind.Relative), new { username = user, password = OperatorPassword });
            }

            using var answer = response;
            response.EnsureSuccessStatusCode();
            var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
            _tokens[user] = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    /// <summary>A hotline complaint for the water utility: its first-reply clock (1 h) starts at registration.</summary>
    public HttpRequestMessage HotlineComplaint(long i) => Post(
        $"/api/v1/tenants/{Water}/complaints",
        "agent",
        $$$"""{"channel":"hotline","kind":"complaint","content":"bench {{{i}}}: 三楼以上水压太低","complainant":{"name":"张三","phone":"138{{{(i % 100_000_000).ToString("D8", CultureInfo.InvariantCulture)}}}"},"location":"阜阳路 {{{i % 997}}} 号"}""");

    /// <summary>A 12345 work order for the gas utility with its own deadline; the resolution clock starts on accept.</summary>
    public HttpRequestMessage WorkOrder(string runId, long i, DateTimeOffset deadline) => Post(
        $"/api/v1/tenants/{Gas}/complaints",
        "agent@fuyang-gas",
        $$$"""{"channel":"gov-12345","kind":"complaint","content":"bench {{{i}}}: 燃气表漏气","externalId":"GD-{{{runId}}}-{{{i}}}","externalDeadline":"{{{deadline.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}}}","complainant":{"name":"李四","phone":"139{{{(i % 100_000_000).ToString("D8", CultureInfo.InvariantCulture)}}}"}}""");

    public HttpRequestMessage Accept(string number) => Post(
        $"/api/v1/tenants/{Gas}/complaints/{number}/accept",
        "agent@fuyang-gas",
        """{"category":"gas-repair"}""");

    /// <summary>Registers and accepts one 12345 work order; its number, or null on any error.</summary>
    public async Task<string?> OpenWorkOrderAsync(string runId, long i, DateTimeOffset deadline)
    {
        using var registered = await Http.SendAsync(WorkOrder(runId, i, deadline));
        if (registered.StatusCode != HttpStatusCode.Created)
        {
            return null;
        }

        var number = await NumberOfAsync(registered);
        using var accepted = await Http.SendAsync(Accept(number));
        return accepted.StatusCode == HttpStatusCode.OK ? number : null;
    }

    /// <summary>Registers one hotline complaint; true on 201.</summary>
    public async Task<bool> RegisterHotlineAsync(long i)
    {
        using var response = await Http.SendAsync(HotlineComplaint(i));
        return response.StatusCode == HttpStatusCode.Created;
    }

    /// <summary>The memory diagnostics of the host at <paramref name="host"/>.</summary>
    public async Task<JsonObject> MemoryAsync(Uri host, int? deactivateIdleSeconds = null)
    {
        var query = deactivateIdleSeconds is { } s ? $"?deactivateIdleSeconds={s}" : "";
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host, $"/api/v1/admin/diagnostics/memory{query}"));
        request.Headers.Authorization = _tokens["operator"]; // diagnostics are the platform operator's
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        using var response = await Http.SendAsync(request, cts.Token);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>The bearer token of a logged-in <paramref name="user"/>.</summary>
    public AuthenticationHeaderValue Authorization(string user) => _tokens[user];

    /// <summary>A GET as <paramref name="user"/> to the next host in turn.</summary>
    public Task<HttpResponseMessage> GetAsync(string path, string user, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var host = _hosts[(int)((ulong)Interlocked.Increment(ref _next) % (ulong)_hosts.Length)];
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host, path));
        request.Headers.Authorization = _tokens[user];
        return Http.SendAsync(request, completion);
    }

    public void Dispose() => Http.Dispose();

    private static async Task<string> NumberOfAsync(HttpResponseMessage response)
    {
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var json = await JsonDocument.ParseAsync(stream);
        return json.RootElement.GetProperty("number").GetString()!;
    }

    private HttpRequestMessage Post(string path, string user, string json)
    {
        var host = _hosts[(int)((ulong)Interlocked.Increment(ref _next) % (ulong)_hosts.Length)];
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host, path)) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json)) };
        request.Content.Headers.ContentType = JsonType;
        request.Headers.Authorization = _tokens[user];
        return request;
    }
}
