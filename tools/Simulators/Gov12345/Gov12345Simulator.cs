using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Simulators.Gov12345;

/// <summary>
/// The simulated 12345 platform. Its API (what the plugin calls) checks <c>X-App-Key</c>/<c>X-Timestamp</c>/<c>X-Sign</c>
/// (HMAC-SHA256 of <c>AppKey\ntimestamp</c> with <c>Secret</c>) or <c>Authorization: Bearer {Token}</c>:
/// <list type="bullet">
/// <item><c>GET /api/orders/new</c> → <c>{code:0, msg, data:[orders not yet acknowledged]}</c></item>
/// <item><c>POST /api/orders/ack</c> <c>{gdbh}</c>; <c>/sign</c> <c>{gdbh, czsj}</c>; <c>/return</c> <c>{gdbh, yy}</c>;
/// <c>/extend</c> <c>{gdbh, yqrq, yy}</c>; <c>/reply</c> <c>{gdbh, bljg}</c>: each report recorded</item>
/// <item><c>GET /api/files/{id}</c> → an order's file (附件) with its Content-Type and Content-Disposition; 404 for an
/// unknown id, 503 while <c>POST /_sim/files/down?down=true</c></item>
/// </list>
/// Control: <c>POST /_sim/orders</c> (create; <c>?push=true</c> also pushes it to <c>PushUrl</c> with <c>PushKey</c>; each
/// item of its <c>fj</c> list given with <c>content</c> (base64, optional <c>type</c>, <c>chunked</c>, <c>stalls</c>) or <c>redirect</c>
/// (an address the file answers a 302 to) is kept by the
/// platform and becomes <c>{fjmc, fjdz}</c> with the file's absolute address; an item with a <c>fjdz</c> stays as given),
/// <c>GET /_sim/orders</c>, <c>GET /_sim/reports</c>, <c>GET /_sim/files/requests</c> (the file ids asked for).
/// </summary>
public static class Gov12345Simulator
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Services.AddSingleton<Gov12345SimulatorState>();
        builder.Services.AddHttpClient();
        var app = builder.Build();
        var config = app.Configuration;

        var api = app.MapGroup("/api/orders").AddEndpointFilter(async (context, next) =>
            Authorized(context.HttpContext.Request, config) ? await next(context) : Results.Json(new { code = 401, msg = "unauthorized" }, statusCode: 401));

        app.MapGet("/api/files/{id}", async (string id, HttpContext http, Gov12345SimulatorState state) =>
        {
            if (!Authorized(http.Request, config))
            {
                return Results.Json(new { code = 401, msg = "unauthorized" }, statusCode: 401);
            }

            var file = state.FindFile(id);
            if (state.FilesDown)
            {
                return Results.Json(new { code = 503, msg = "file service unavailable" }, statusCode: 503);
            }

            if (file is null)
            {
                return Results.Json(new { code = 404, msg = "no such file" }, statusCode: 404);
            }

            if (file.RedirectTo is { } elsewhere)
            {
                return Results.Redirect(elsewhere);
            }

            if (!file.Chunked && !file.Stalls)
            {
                return Results.File(file.Content, file.ContentType, file.Name);
            }

            // Streamed without a Content-Length: the reader finds the size only by reading.
            http.Response.ContentType = file.ContentType;
            await http.Response.StartAsync();
            for (var at = 0; at < file.Content.Length; at += 4096)
            {
                await http.Response.Body.WriteAsync(file.Content.AsMemory(at, Math.Min(4096, file.Content.Length - at)));
                await http.Response.Body.FlushAsync();
                if (file.Stalls)
                {
                    // Until the reader gives up; a stopped simulator ends the wait too.
                    await Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                    return Results.Empty;
                }
            }

            return Results.Empty;
        });

        api.MapGet("/new", (Gov12345SimulatorState state) => Results.Json(new { code = 0, msg = "ok", data = state.Unacknowledged() }));
        api.MapPost("/{operation}", async (string operation, HttpRequest request, Gov12345SimulatorState state) =>
        {
            var body = await request.ReadFromJsonAsync<JsonObject>();
            var number = body?["gdbh"]?.ToString();
            if (body is null || number is null || !state.Exists(number))
            {
                return Results.Json(new { code = 404, msg = "no such order" });
            }

            if (operation == "ack")
            {
                state.Acknowledge(number);
            }
            else if (operation is "sign" or "return" or "extend" or "reply")
            {
                var required = operation switch { "return" => "yy", "extend" => "yqrq", "reply" => "bljg", _ => "czsj" };
                if (string.IsNullOrWhiteSpace(body[required]?.ToString()))
                {
                    return Results.Json(new { code = 400, msg = $"{required} is required" });
                }

                state.Record(operation, number, body);
            }
            else
            {
                return Results.NotFound();
            }

            return Results.Json(new { code = 0, msg = "ok" });
        });

        app.MapPost("/_sim/orders", async (JsonObject order, bool? push, HttpRequest incoming, Gov12345SimulatorState state, IHttpClientFactory clients) =>
        {
            if (order["fj"] is JsonArray files)
            {
                foreach (var item in files.OfType<JsonObject>().Where(f => f["content"] is not null || f["redirect"] is not null).ToList())
                {
                    var kept = state.AddFile(
                        item["fjmc"]?.ToString() ?? "file",
                        item["type"]?.ToString() ?? "application/octet-stream",
                        Convert.FromBase64String(item["content"]?.ToString() ?? ""),
                        item["chunked"]?.GetValue<bool>() == true,
                        item["redirect"]?.ToString(),
                        item["stalls"]?.GetValue<bool>() == true);
                    files[files.IndexOf(item)] = new JsonObject
                    {
                        ["fjmc"] = kept.Name,
                        ["fjdz"] = $"{incoming.Scheme}://{incoming.Host}/api/files/{kept.Id}",
                    };
                }
            }

            var created = state.Create(order);
            if (push == true)
            {
                var url = config["PushUrl"] ?? throw new InvalidOperationException("PushUrl is not configured.");
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(created) };
                request.Headers.Add("X-Push-Key", config["PushKey"] ?? "");
                using var response = await clients.CreateClient().SendAsync(request);
                var answer = await response.Content.ReadAsStringAsync();
                return Results.Json(new { order = created, pushStatus = (int)response.StatusCode, pushAnswer = answer });
            }

            return Results.Json(new { order = created });
        });
        app.MapGet("/_sim/orders", (Gov12345SimulatorState state) => Results.Json(state.All()));
        app.MapPost("/_sim/files/down", (bool down, Gov12345SimulatorState state) => state.FilesDown = down);
        app.MapGet("/_sim/files/requests", (Gov12345SimulatorState state) => Results.Json(state.FileRequests));
        app.MapGet("/_sim/reports", (string? gdbh, Gov12345SimulatorState state) => Results.Json(state.Reports.Where(r => gdbh is null || r.Gdbh == gdbh)));
        return app;
    }

    private static bool Authorized(HttpRequest request, IConfiguration config)
    {
        if (config["Token"] is { Length: > 0 } token)
        {
            return Equal(request.Headers.Authorization.ToString(), "Bearer " + token);
        }

        var appKey = config["AppKey"] ?? "sim-key";
        var secret = config["Secret"] ?? "sim-secret";
        var timestamp = request.Headers["X-Timestamp"].ToString();
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) > 300)
        {
            return false;
        }

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(appKey + "\n" + timestamp)));
        return Equal(request.Headers["X-App-Key"].ToString(), appKey) && Equal(request.Headers["X-Sign"].ToString(), expected);
    }

    private static bool Equal(string a, string b) => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
