using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Complaints.Simulators.Gov12345;
using Complaints.Testing.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Channels.Gov12345.Tests;

/// <summary>
/// An order's files (附件): read through the field map, only from the tenant's own platform, downloaded with its signed
/// client within the tenant's limits, and what happens to the order when one cannot come (plugin on loopback with a
/// recording intake, the simulator serving the files).
/// </summary>
public sealed class Gov12345OrderFilesTests : IAsyncLifetime
{
    private const string Tenant = "fangyang-water";
    private const string PushKey = "push-key-for-files";

    // A JPEG and a PDF by their first bytes, then anything.
    private static readonly byte[] Photo = [0xFF, 0xD8, 0xFF, 0xE0, .. "JFIF 井盖缺失现场"u8.ToArray()];
    private static readonly byte[] Scan = [.. "%PDF-1.7\n"u8.ToArray(), .. "1 0 obj << >> endobj\n%%EOF"u8.ToArray()];

    private readonly HttpClient _http = new();
    private LoopbackApp _simulator = null!;

    public async ValueTask InitializeAsync() =>
        _simulator = await LoopbackApp.StartAsync(Gov12345Simulator.Build(["--urls", "http://127.0.0.1:0", "--AppKey", "fy-key", "--Secret", "fy-secret", "--PushKey", PushKey]));

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _simulator.DisposeAsync();
    }

    private Task<LoopbackApp> StartPluginAsync(
        RecordingIntake intake, string pollInterval = "00:00:00.100", string retryFor = "01:00:00", string timeout = "00:01:00", bool pushOnly = false, RecordingLoggerProvider? logs = null) =>
        LoopbackApp.StartPluginAsync(new Gov12345Plugin(), new Dictionary<string, string?>
        {
            [$"Tenants:{Tenant}:Channels:gov-12345:BaseUrl"] = pushOnly ? null : _simulator.Address.ToString(),
            [$"Tenants:{Tenant}:Channels:gov-12345:AttachmentTimeout"] = timeout,
            [$"Tenants:{Tenant}:Channels:gov-12345:PollInterval"] = pollInterval,
            [$"Tenants:{Tenant}:Channels:gov-12345:AppKey"] = "fy-key",
            [$"Tenants:{Tenant}:Channels:gov-12345:Secret"] = "fy-secret",
            [$"Tenants:{Tenant}:Channels:gov-12345:PushKey"] = PushKey,
            [$"Tenants:{Tenant}:Channels:gov-12345:RequestTimeout"] = "00:00:05",
            [$"Tenants:{Tenant}:Channels:gov-12345:AttachmentRetryFor"] = retryFor,
        }, intake, services =>
        {
            if (logs is not null)
            {
                services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs);
            }
        });

    private static JsonObject Served(string name, byte[] content, bool chunked = false) =>
        new() { ["fjmc"] = name, ["content"] = Convert.ToBase64String(content), ["chunked"] = chunked };

    private static JsonObject Linked(string name, string address) => new() { ["fjmc"] = name, ["fjdz"] = address };

    private async Task<JsonObject> CreateOrderAsync(string content, JsonArray files, bool push = false) =>
        (await (await _http.PostAsJsonAsync(new Uri(_simulator.Address, "_sim/orders" + (push ? "?push=true" : "")),
            new JsonObject { ["sqnr"] = content, ["fj"] = files })).Content.ReadFromJsonAsync<JsonObject>())!;

    private async Task<List<string>> FileRequestsAsync() =>
        (await _http.GetFromJsonAsync<List<string>>(new Uri(_simulator.Address, "_sim/files/requests")))!;

    private static string IdOf(JsonObject order, int index) => order["fj"]![index]!["fjdz"]!.ToString().Split('/')[^1];

    private static Gov12345Settings Settings(Dictionary<string, string?> values) =>
        Gov12345Settings.LoadAll(new ConfigurationBuilder().AddInMemoryCollection(values).Build())["city"];

    [Theory]
    [InlineData("api/files/1", "https://12345.city.gov.cn/gateway/api/files/1")]
    [InlineData("/files/1?sign=x", "https://12345.city.gov.cn/files/1?sign=x")]
    [InlineData("https://12345.city.gov.cn/files/2", "https://12345.city.gov.cn/files/2")]
    [InlineData("HTTPS://12345.CITY.GOV.CN:443/files/3", "https://12345.city.gov.cn/files/3")]
    [InlineData("https://evil.example/files/1", null)]
    [InlineData("//evil.example/files/1", null)]
    [InlineData("http://12345.city.gov.cn/files/1", null)]
    [InlineData("https://12345.city.gov.cn:8443/files/1", null)]
    [InlineData("https://12345.city.gov.cn@evil.example/files/1", null)]
    [InlineData("https://user:pw@12345.city.gov.cn/files/1", null)]
    [InlineData("file:///etc/passwd", null)]
    [InlineData("\\\\evil.example\\share\\x.jpg", null)]
    [InlineData("http://169.254.169.254/latest/meta-data/", null)]
    [InlineData("  ", null)]
    public void Only_an_address_on_the_tenants_own_platform_is_fetched(string address, string? expected) =>
        Gov12345OrderFiles.Resolve(new Uri("https://12345.city.gov.cn/gateway/"), address)?.AbsoluteUri.ShouldBe(expected);

    [Fact]
    public void Without_a_platform_address_no_file_is_fetched() =>
        Gov12345OrderFiles.Resolve(null, "api/files/1").ShouldBeNull();

    [Fact]
    public void The_files_are_read_through_the_field_map_as_objects_or_bare_addresses()
    {
        var defaults = Settings(new() { ["Tenants:city:Channels:gov-12345:Enabled"] = "true" });
        var order = JsonNode.Parse("""{"gdbh":"1","sqnr":"x","fj":[{"fjmc":"现场.jpg","fjdz":"api/files/1"},"api/files/2",{"fjmc":"无地址.pdf"},3]}""")!.AsObject();
        Gov12345OrderFiles.Of(defaults, order).ShouldBe(
        [
            new OrderFile(0, "现场.jpg", "api/files/1"),
            new OrderFile(1, null, "api/files/2"),
            new OrderFile(2, "无地址.pdf", null),
            new OrderFile(3, null, null),
        ]);

        var city = Settings(new()
        {
            ["Tenants:city:Channels:gov-12345:Fields:Attachments"] = "attachments",
            ["Tenants:city:Channels:gov-12345:Fields:AttachmentName"] = "fileName",
            ["Tenants:city:Channels:gov-12345:Fields:AttachmentUrl"] = "filePath",
        });
        var other = JsonNode.Parse("""{"gdbh":"1","sqnr":"x","attachments":{"fileName":"a.png","filePath":"/f/a.png"},"fj":["ignored"]}""")!.AsObject();
        Gov12345OrderFiles.Of(city, other).ShouldBe([new OrderFile(0, "a.png", "/f/a.png")]);
    }

    [Fact]
    public async Task A_pulled_orders_image_and_pdf_arrive_as_its_attachments_fetched_with_the_platforms_signature()
    {
        var intake = new RecordingIntake();
        await using var plugin = await StartPluginAsync(intake);
        var order = (await CreateOrderAsync("井盖缺失", [Served("现场照片.jpg", Photo), Served("情况说明.pdf", Scan, chunked: true)]))["order"]!.AsObject();

        var created = await LoopbackApp.EventuallyAsync(() => Task.FromResult(intake.Created.ToList()), c => c.Count == 1);

        var submission = created.ShouldHaveSingleItem();
        submission.ExternalId.ShouldBe(order["gdbh"]!.ToString());
        submission.Content.ShouldBe("[一般] 井盖缺失");
        submission.Attachments.Select(a => a.Name).ShouldBe(["现场照片.jpg", "情况说明.pdf"]);
        submission.Attachments.Select(a => Convert.ToHexStringLower(SHA256.HashData(a.Content.Span))).ShouldBe(
            [Convert.ToHexStringLower(SHA256.HashData(Photo)), Convert.ToHexStringLower(SHA256.HashData(Scan))]);
        // The simulator answers a file only to a signed request: both were asked for once and served.
        (await FileRequestsAsync()).ShouldBe([IdOf(order, 0), IdOf(order, 1)]);
    }

    [Fact]
    public async Task A_foreign_host_a_redirect_a_missing_file_and_files_beyond_the_tenants_limits_are_left_out_with_a_note_and_the_order_registered()
    {
        var intake = new RecordingIntake { Limits = new IntakeAttachmentLimits(MaxBytes: 100, MaxCount: 2) };
        var logs = new RecordingLoggerProvider();
        await using var plugin = await StartPluginAsync(intake, pollInterval: "0", logs: logs);
        var big = new byte[101];
        Photo.CopyTo(big, 0);
        var order = (await CreateOrderAsync("水表漏水",
        [
            Served("现场照片.jpg", Photo),
            Linked("外站.jpg", "http://127.0.0.2:9/evil.jpg"),
            new JsonObject { ["fjmc"] = "转走.jpg", ["redirect"] = "http://127.0.0.2:9/evil.jpg" },
            Linked("已删除.pdf", new Uri(_simulator.Address, "api/files/no-such-file").ToString()),
            Served("过大.jpg", big),
            Served("过大流式.jpg", big, chunked: true),
            Served("说明.pdf", Scan),
            Served("多余.jpg", Photo),
        ]))["order"]!.AsObject();
        var poller = plugin.Services.GetRequiredService<Gov12345Poller>();
        var settings = plugin.Services.GetRequiredService<Gov12345Platforms>().Find(Tenant)!;

        (await poller.PollOnceAsync(settings, CancellationToken.None)).ShouldBe(1);

        var submission = intake.Created.ShouldHaveSingleItem();
        submission.Attachments.Select(a => a.Name).ShouldBe(["现场照片.jpg", "说明.pdf"]);
        submission.Content.ShouldBe(string.Join('\n',
            "[一般] 水表漏水",
            "（工单附件“外站.jpg”未随工单登记：地址不在本市12345平台上，未下载；原件请到12345平台查看。）",
            "（工单附件“转走.jpg”未随工单登记：平台未提供该文件（HTTP 302）；原件请到12345平台查看。）",
            "（工单附件“已删除.pdf”未随工单登记：平台未提供该文件（HTTP 404）；原件请到12345平台查看。）",
            "（工单附件“过大.jpg”未随工单登记：超过100 B的大小限制；原件请到12345平台查看。）",
            "（工单附件“过大流式.jpg”未随工单登记：超过100 B的大小限制；原件请到12345平台查看。）",
            "（工单附件“多余.jpg”未随工单登记：超过每件最多2个附件的限制；原件请到12345平台查看。）"));
        // A warning per file left out, naming its position and why, never its name (a name may carry personal data).
        var number = order["gdbh"]!.ToString();
        logs.Lines.Where(l => l.Message.Contains("registered without its file", StringComparison.Ordinal)).Select(l => l.Message).ShouldBe(
        [
            $"12345 order {number} of tenant {Tenant} registered without its file 2 (Address not on the platform); noted on the case",
            $"12345 order {number} of tenant {Tenant} registered without its file 3 (NotServed HTTP 302); noted on the case",
            $"12345 order {number} of tenant {Tenant} registered without its file 4 (NotServed HTTP 404); noted on the case",
            $"12345 order {number} of tenant {Tenant} registered without its file 5 (TooLarge 100); noted on the case",
            $"12345 order {number} of tenant {Tenant} registered without its file 6 (TooLarge 100); noted on the case",
            $"12345 order {number} of tenant {Tenant} registered without its file 8 (TooMany 2); noted on the case",
        ]);
        logs.Lines.ShouldNotContain(l => l.Message.Contains(".jpg", StringComparison.Ordinal) || l.Message.Contains(".pdf", StringComparison.Ordinal));

        // Nothing asked of another host (no redirect followed), and nothing beyond the count.
        (await FileRequestsAsync()).ShouldBe([IdOf(order, 0), IdOf(order, 2), "no-such-file", IdOf(order, 4), IdOf(order, 5), IdOf(order, 6)]);
        var orders = await _http.GetFromJsonAsync<List<JsonObject>>(new Uri(_simulator.Address, "_sim/orders"));
        orders!.Single(o => o["gdbh"]!.ToString() == order["gdbh"]!.ToString())["acked"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task A_file_the_platform_does_not_serve_for_now_leaves_the_order_for_the_next_poll_until_it_does()
    {
        var intake = new RecordingIntake();
        await using var plugin = await StartPluginAsync(intake, pollInterval: "0");
        var poller = plugin.Services.GetRequiredService<Gov12345Poller>();
        var settings = plugin.Services.GetRequiredService<Gov12345Platforms>().Find(Tenant)!;
        var order = (await CreateOrderAsync("停水三天", [Served("现场照片.jpg", Photo)]))["order"]!.AsObject();
        await _http.PostAsync(new Uri(_simulator.Address, "_sim/files/down?down=true"), null);

        (await poller.PollOnceAsync(settings, CancellationToken.None)).ShouldBe(0);
        (await poller.PollOnceAsync(settings, CancellationToken.None)).ShouldBe(0);

        intake.Calls.ShouldBeEmpty("nothing half-registered: the order waits whole");
        (await FileRequestsAsync()).ShouldBe([IdOf(order, 0), IdOf(order, 0)]);
        var listed = await _http.GetFromJsonAsync<List<JsonObject>>(new Uri(_simulator.Address, "_sim/orders"));
        listed!.Single()["acked"]!.GetValue<bool>().ShouldBeFalse();

        await _http.PostAsync(new Uri(_simulator.Address, "_sim/files/down?down=false"), null);
        (await poller.PollOnceAsync(settings, CancellationToken.None)).ShouldBe(1);

        var submission = intake.Created.ShouldHaveSingleItem();
        submission.Content.ShouldBe("[一般] 停水三天");
        submission.Attachments.ShouldHaveSingleItem().Content.ToArray().ShouldBe(Photo);
        listed = await _http.GetFromJsonAsync<List<JsonObject>>(new Uri(_simulator.Address, "_sim/orders"));
        listed!.Single()["acked"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task After_the_wait_an_order_whose_file_is_still_not_served_is_registered_without_it()
    {
        var intake = new RecordingIntake();
        await using var plugin = await StartPluginAsync(intake, pollInterval: "0", retryFor: "0");
        var poller = plugin.Services.GetRequiredService<Gov12345Poller>();
        var settings = plugin.Services.GetRequiredService<Gov12345Platforms>().Find(Tenant)!;
        await CreateOrderAsync("水压低", [Served("现场照片.jpg", Photo)]);
        await _http.PostAsync(new Uri(_simulator.Address, "_sim/files/down?down=true"), null);

        (await poller.PollOnceAsync(settings, CancellationToken.None)).ShouldBe(1);

        var submission = intake.Created.ShouldHaveSingleItem();
        submission.Attachments.ShouldBeEmpty();
        submission.Content.ShouldBe("[一般] 水压低\n（工单附件“现场照片.jpg”未随工单登记：平台一直未提供该文件；原件请到12345平台查看。）");
    }

    [Fact]
    public async Task A_pushed_order_brings_its_files_and_is_registered_at_once_when_one_is_not_served()
    {
        var intake = new RecordingIntake();
        await using var plugin = await StartPluginAsync(intake, pollInterval: "0");
        _simulator.App.Configuration["PushUrl"] = new Uri(plugin.Address, $"channels/gov-12345/{Tenant}/orders").ToString();

        var pushed = await CreateOrderAsync("路面积水", [Served("现场照片.jpg", Photo), Served("说明.pdf", Scan)], push: true);
        pushed["pushStatus"]!.GetValue<int>().ShouldBe(200, pushed.ToJsonString());
        intake.Created.ShouldHaveSingleItem().Attachments.Select(a => a.Content.ToArray()).ShouldBe([Photo, Scan]);

        await _http.PostAsync(new Uri(_simulator.Address, "_sim/files/down?down=true"), null);
        var second = await CreateOrderAsync("管道破裂", [Served("现场照片.jpg", Photo)], push: true);
        second["pushStatus"]!.GetValue<int>().ShouldBe(200, second.ToJsonString());
        var registered = intake.Created[1];
        registered.ExternalId.ShouldBe(second["order"]!["gdbh"]!.ToString());
        registered.Attachments.ShouldBeEmpty();
        registered.Content.ShouldBe("[一般] 管道破裂\n（工单附件“现场照片.jpg”未随工单登记：平台一直未提供该文件；原件请到12345平台查看。）");
    }

    [Fact]
    public void Every_note_reads_in_both_languages()
    {
        foreach (var problem in Enum.GetValues<FileProblem>())
        {
            var file = new FileLeft(0, "a.jpg", problem, problem is FileProblem.TooLarge or FileProblem.TooMany ? "10485760" : "HTTP 404");
            var english = Gov12345OrderFiles.Note(file, System.Globalization.CultureInfo.GetCultureInfo("en"));
            english.ShouldStartWith("(The order's file \"a.jpg\" was not registered with it: ");
            Gov12345OrderFiles.Note(file).ShouldStartWith("（工单附件“a.jpg”未随工单登记：");
        }

        Gov12345OrderFiles.Note(new FileLeft(0, "a.jpg", FileProblem.TooLarge, "10485760")).ShouldContain("超过10 MB的大小限制");
    }

    [Fact]
    public async Task A_file_server_that_hangs_mid_file_is_given_up_at_the_timeout_and_the_order_registered_without_it()
    {
        var intake = new RecordingIntake();
        await using var plugin = await StartPluginAsync(intake, pollInterval: "0", retryFor: "0", timeout: "00:00:00.300");
        var poller = plugin.Services.GetRequiredService<Gov12345Poller>();
        var settings = plugin.Services.GetRequiredService<Gov12345Platforms>().Find(Tenant)!;
        // 5,000 bytes: the first 4,096 are sent, then the server waits (the headers came long before the timeout).
        var stalling = new JsonObject { ["fjmc"] = "卡住.pdf", ["content"] = Convert.ToBase64String(new byte[5000]), ["stalls"] = true };
        await CreateOrderAsync("水质异味", [Served("现场照片.jpg", Photo), stalling]);

        (await poller.PollOnceAsync(settings, CancellationToken.None)).ShouldBe(1);

        var submission = intake.Created.ShouldHaveSingleItem();
        submission.Attachments.Select(a => a.Name).ShouldBe(["现场照片.jpg"]);
        submission.Content.ShouldBe("[一般] 水质异味\n（工单附件“卡住.pdf”未随工单登记：平台一直未提供该文件；原件请到12345平台查看。）");
    }

    [Fact]
    public async Task A_push_only_tenant_fetches_no_file_and_registers_the_order_with_a_note()
    {
        var intake = new RecordingIntake();
        await using var plugin = await StartPluginAsync(intake, pushOnly: true);
        _simulator.App.Configuration["PushUrl"] = new Uri(plugin.Address, $"channels/gov-12345/{Tenant}/orders").ToString();

        var pushed = await CreateOrderAsync("消火栓漏水", [Served("现场照片.jpg", Photo)], push: true);

        pushed["pushStatus"]!.GetValue<int>().ShouldBe(200, pushed.ToJsonString());
        var submission = intake.Created.ShouldHaveSingleItem();
        submission.Attachments.ShouldBeEmpty();
        submission.Content.ShouldBe("[一般] 消火栓漏水\n（工单附件“现场照片.jpg”未随工单登记：地址不在本市12345平台上，未下载；原件请到12345平台查看。）");
        (await FileRequestsAsync()).ShouldBeEmpty();
    }
}
