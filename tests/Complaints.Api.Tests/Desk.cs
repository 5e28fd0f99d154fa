using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Complaints.Api.Tests;

/// <summary>The people of one tenant, logged in, with the calls they make.</summary>
public sealed class Desk(PlatformInstance platform, string tenant = "fangyang-water")
{
    public string Tenant { get; } = tenant;

    private string Suffix => Tenant == "fangyang-water" ? "" : "@" + Tenant;

    public Task<HttpClient> As(string user) => platform.LoginAsync(user + Suffix);

    public string Complaints => $"/api/v1/tenants/{Tenant}/complaints";

    public async Task<JsonObject> RegisterAsync(object? body = null, string user = "agent")
    {
        var client = await As(user);
        body ??= new
        {
            channel = "hotline",
            kind = "complaint",
            content = "自来水水压太低，三楼以上没有水。",
            complainant = new { name = "张三", phone = "13812345678", address = "开发区黄河路 1 号" },
        };
        return await client.PostAsJsonAsync(Complaints, body).ExpectAsync(HttpStatusCode.Created);
    }

    public async Task<JsonObject> ActAsync(string number, string action, object? body, string user, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var client = await As(user);
        var call = body is null
            ? client.PostAsync($"{Complaints}/{number}/{action}", null)
            : client.PostAsJsonAsync($"{Complaints}/{number}/{action}", body);
        return await call.ExpectAsync(expected);
    }

    public async Task<JsonObject> GetAsync(string number, string user = "agent", HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await As(user)).GetAsync($"{Complaints}/{number}").ExpectAsync(expected);

    /// <summary>Registers, accepts and dispatches a case to <paramref name="department"/>.</summary>
    public async Task<string> DispatchedAsync(string category = "water-pressure", string department = "pipe-network")
    {
        var number = (await RegisterAsync()).Str("number");
        await ActAsync(number, "accept", new { category }, "agent");
        await ActAsync(number, "dispatch", new { department }, "agent");
        return number;
    }
}
