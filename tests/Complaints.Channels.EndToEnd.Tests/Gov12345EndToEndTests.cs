using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Complaints.Api.Tests;
using Complaints.Simulators.Gov12345;
using Complaints.Testing.Channels;

namespace Complaints.Channels.EndToEnd.Tests;

/// <summary>
/// A 12345 work order pulled by the gov-12345 plugin loaded from disk, handled, and every operation reported back; an
/// order's files stored as the case's attachments.
/// </summary>
public sealed class Gov12345EndToEndTests
{
    [Fact]
    public async Task A_pulled_order_runs_on_the_platforms_deadline_and_every_operation_is_reported()
    {
        await using var simulator = await LoopbackApp.StartAsync(Gov12345Simulator.Build(["--urls", "http://127.0.0.1:0", "--AppKey", "fy-e2e", "--Secret", "fy-e2e-secret"]));
        await using var platform = await PlatformInstance.StartAsync(
            null,
            "--Tenants:fangyang-water:Channels:gov-12345:BaseUrl", simulator.Address.ToString(),
            "--Tenants:fangyang-water:Channels:gov-12345:PollInterval", "00:00:00.300",
            "--Tenants:fangyang-water:Channels:gov-12345:AppKey", "fy-e2e",
            "--Tenants:fangyang-water:Channels:gov-12345:Secret", "fy-e2e-secret");
        using var http = new HttpClient();
        var marker = "E2E" + Guid.NewGuid().ToString("N")[..8];
        var limit = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Date.AddDays(2).AddHours(17);
        var created = await (await http.PostAsJsonAsync(new Uri(simulator.Address, "_sim/orders"), new JsonObject
        {
            ["sqnr"] = $"市民反映自来水发黄 {marker}",
            ["processlimited"] = limit.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ["jjcd"] = "紧急",
            ["lxdh"] = "13700001234",
        })).Content.ReadFromJsonAsync<JsonObject>();
        var order = created!["order"]!["gdbh"]!.GetValue<string>();

        var desk = new Desk(platform);
        var agent = await desk.As("agent");
        var (number, registered) = await RegisteredAsync(desk, agent, marker, order);
        registered.Str("content").ShouldContain("[紧急]");

        await desk.ActAsync(number, "accept", new { category = "gov-transfer" }, "agent");
        var deadline = new DateTimeOffset(limit, TimeSpan.FromHours(8));
        var resolution = (await desk.GetAsync(number))["clocks"]!.AsArray().Single(c => c!.Str("name") == "resolution")!;
        DateTimeOffset.Parse(resolution.Str("dueAt"), CultureInfo.InvariantCulture).ShouldBe(deadline);

        await desk.ActAsync(number, "dispatch", new { department = "pipe-network" }, "agent");
        await desk.ActAsync(number, "return", new { reason = "不属于管网部职责" }, "pipe-network");
        await desk.ActAsync(number, "dispatch", new { department = "water-quality" }, "agent");
        await desk.ActAsync(number, "sign", null, "water-quality");
        var until = deadline.AddDays(3);
        await desk.ActAsync(number, "request-extension", new { until, reason = "需取样化验" }, "water-quality");
        await desk.ActAsync(number, "decide-extension", new { approve = true, note = "同意" }, "supervisor");
        // The platform's deadline stays the resolution deadline until the platform itself moves it.
        resolution = (await desk.GetAsync(number))["clocks"]!.AsArray().Single(c => c!.Str("name") == "resolution")!;
        DateTimeOffset.Parse(resolution.Str("dueAt"), CultureInfo.InvariantCulture).ShouldBe(deadline);
        await desk.ActAsync(number, "report-result", new { result = "管网冲洗后水质合格" }, "water-quality");

        var reports = await LoopbackApp.EventuallyAsync(
            async () => (await http.GetFromJsonAsync<List<JsonObject>>(new Uri(simulator.Address, $"_sim/reports?gdbh={order}")))!,
            r => r.Count >= 3);
        // The host's outbox sends a batch of due replies in parallel, so the platform may see them in any order
        // (reported to the host side: a real platform refuses a result before the sign-for). The department's return
        // to the desk is internal: no 退单 reaches the platform.
        reports.Select(r => r["operation"]!.GetValue<string>()).ShouldBe(["sign", "extend", "reply"], ignoreOrder: true);
        var bodies = reports.ToDictionary(r => r["operation"]!.GetValue<string>(), r => JsonNode.Parse(r["body"]!.GetValue<string>())!.AsObject());
        bodies["extend"]["yy"]!.GetValue<string>().ShouldBe("需取样化验");
        bodies["extend"]["yqrq"]!.GetValue<string>().ShouldBe(until.ToString("yyyy-MM-dd HH:mm:00", CultureInfo.InvariantCulture));
        bodies["reply"]["bljg"]!.GetValue<string>().ShouldBe("管网冲洗后水质合格");
        bodies.Values.Select(b => b["qqid"]!.GetValue<string>()).Distinct().Count().ShouldBe(3);
    }

    [Fact]
    public async Task An_orders_image_and_pdf_become_the_cases_attachments_and_the_files_that_cannot_come_are_noted_on_the_case()
    {
        await using var simulator = await LoopbackApp.StartAsync(Gov12345Simulator.Build(["--urls", "http://127.0.0.1:0", "--AppKey", "fy-e2e", "--Secret", "fy-e2e-secret"]));
        await using var platform = await PlatformInstance.StartAsync(
            null,
            "--Tenants:fangyang-water:Channels:gov-12345:BaseUrl", simulator.Address.ToString(),
            "--Tenants:fangyang-water:Channels:gov-12345:PollInterval", "00:00:00.300",
            "--Tenants:fangyang-water:Channels:gov-12345:AppKey", "fy-e2e",
            "--Tenants:fangyang-water:Channels:gov-12345:Secret", "fy-e2e-secret",
            "--Tenants:fangyang-water:Attachments:MaxBytes", "4096");
        using var http = new HttpClient();
        var marker = "E2E" + Guid.NewGuid().ToString("N")[..8];
        byte[] photo = [0xFF, 0xD8, 0xFF, 0xE0, .. "JFIF 水表井冒水"u8.ToArray()];
        byte[] scan = [.. "%PDF-1.4\n"u8.ToArray(), .. "1 0 obj << >> endobj\n%%EOF"u8.ToArray()];
        byte[] big = [0xFF, 0xD8, 0xFF, 0xE0, .. new byte[4096]];
        JsonObject Served(string name, byte[] content, string type) => new() { ["fjmc"] = name, ["content"] = Convert.ToBase64String(content), ["type"] = type };
        var created = await (await http.PostAsJsonAsync(new Uri(simulator.Address, "_sim/orders"), new JsonObject
        {
            ["sqnr"] = $"水表井冒水 {marker}",
            ["fj"] = new JsonArray(
                Served("现场照片.jpg", photo, "image/jpeg"),
                Served("情况说明.pdf", scan, "application/pdf"),
                new JsonObject { ["fjmc"] = "外站.jpg", ["fjdz"] = "http://127.0.0.2:9/x.jpg" },
                new JsonObject { ["fjmc"] = "已删除.pdf", ["fjdz"] = "api/files/no-such-file" },
                Served("过大.jpg", big, "image/jpeg"),
                // Named and typed as a photo, but text: the host's sniffing refuses it.
                Served("伪装.jpg", "echo not a photo"u8.ToArray(), "image/jpeg")),
        })).Content.ReadFromJsonAsync<JsonObject>();
        var order = created!["order"]!["gdbh"]!.GetValue<string>();

        var desk = new Desk(platform);
        var agent = await desk.As("agent");
        var (number, registered) = await RegisteredAsync(desk, agent, marker, order);

        var files = (await agent.GetFromJsonAsync<JsonArray>($"{desk.Complaints}/{number}/attachments")).ShouldNotBeNull();
        files.Select(f => f!).Select(f => (f.Str("name"), f.Str("contentType"), f["size"]!.GetValue<long>(), f.Str("sha256"), f.Str("addedBy"))).ShouldBe(
        [
            ("现场照片.jpg", "image/jpeg", (long)photo.Length, Convert.ToHexStringLower(SHA256.HashData(photo)), "channel:gov-12345"),
            ("情况说明.pdf", "application/pdf", (long)scan.Length, Convert.ToHexStringLower(SHA256.HashData(scan)), "channel:gov-12345"),
        ], ignoreOrder: true);
        foreach (var (file, bytes) in files.Zip(files.Select(f => f!.Str("name") == "现场照片.jpg" ? photo : scan)))
        {
            (await agent.GetByteArrayAsync($"{desk.Complaints}/{number}/attachments/{file!.Str("id")}")).ShouldBe(bytes);
        }

        var content = registered.Str("content");
        content.ShouldStartWith($"[一般] 水表井冒水 {marker}\n");
        content.ShouldContain("（工单附件“外站.jpg”未随工单登记：地址不在本市12345平台上，未下载；原件请到12345平台查看。）");
        content.ShouldContain("（工单附件“已删除.pdf”未随工单登记：平台未提供该文件（HTTP 404）；原件请到12345平台查看。）");
        content.ShouldContain("（工单附件“过大.jpg”未随工单登记：超过4 KB的大小限制；原件请到12345平台查看。）");
        content.ShouldContain("（工单附件“伪装.jpg”未随工单登记：");
    }

    /// <summary>The case the order became, once the poll has brought it (found by the marker in its content).</summary>
    private static async Task<(string Number, JsonObject Case)> RegisteredAsync(Desk desk, HttpClient agent, string marker, string order)
    {
        var found = await LoopbackApp.EventuallyAsync(
            async () => (await agent.GetFromJsonAsync<JsonObject>($"{desk.Complaints}?channel=gov-12345&q={marker}"))!,
            l => l["total"]!.GetValue<int>() == 1);
        var number = found["items"]!.AsArray().Single()!.Str("number");
        var registered = await desk.GetAsync(number);
        registered.Str("externalId").ShouldBe(order);
        return (number, registered);
    }
}
