using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Complaints.Cases;
using Complaints.Commits;
using Complaints.Simulators.Gov12345;
using Complaints.Storage;
using Complaints.Testing;
using Complaints.Testing.Channels;
using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace Complaints.Channels.Gov12345.Tests;

/// <summary>Pull, push and reports between the plugin (minimal loopback host, recording intake) and the simulator.</summary>
public sealed class Gov12345PlatformTests : IAsyncLifetime
{
    private const string Tenant = "fangyang-water";
    private const string PushKey = "push-key-for-tests";

    private readonly RecordingIntake _intake = new();
    private readonly HttpClient _http = new();
    private LoopbackApp _simulator = null!;
    private LoopbackApp _plugin = null!;

    public async ValueTask InitializeAsync()
    {
        _simulator = await LoopbackApp.StartAsync(Gov12345Simulator.Build(["--urls", "http://127.0.0.1:0", "--AppKey", "fy-key", "--Secret", "fy-secret", "--PushKey", PushKey]));
        _plugin = await StartPluginAsync("fy-secret", "00:00:00.200");
        _simulator.App.Configuration["PushUrl"] = new Uri(_plugin.Address, $"channels/gov-12345/{Tenant}/orders").ToString();
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _plugin.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    private Task<LoopbackApp> StartPluginAsync(string secret, string pollInterval, string? baseUrl = null, RecordingIntake? intake = null) =>
        LoopbackApp.StartPluginAsync(new Gov12345Plugin(), new Dictionary<string, string?>
        {
            [$"Tenants:{Tenant}:Channels:gov-12345:BaseUrl"] = baseUrl ?? _simulator.Address.ToString(),
            [$"Tenants:{Tenant}:Channels:gov-12345:PollInterval"] = pollInterval,
            [$"Tenants:{Tenant}:Channels:gov-12345:AppKey"] = "fy-key",
            [$"Tenants:{Tenant}:Channels:gov-12345:Secret"] = secret,
            [$"Tenants:{Tenant}:Channels:gov-12345:PushKey"] = PushKey,
            [$"Tenants:{Tenant}:Channels:gov-12345:RequestTimeout"] = "00:00:05",
        }, intake ?? _intake);

    private async Task<JsonObject> CreateOrderAsync(string content, string? limit = null, bool push = false) =>
        (await (await _http.PostAsJsonAsync(new Uri(_simulator.Address, "_sim/orders" + (push ? "?push=true" : "")),
            new JsonObject { ["sqnr"] = content, ["processlimited"] = limit, ["lxdh"] = "13900001111" })).Content.ReadFromJsonAsync<JsonObject>())!;

    private async Task<List<JsonObject>> ReportsAsync() =>
        (await _http.GetFromJsonAsync<List<JsonObject>>(new Uri(_simulator.Address, "_sim/reports")))!;

    private IChannelReplySender Sender(LoopbackApp? plugin = null) =>
        (plugin ?? _plugin).Services.GetServices<IChannelReplySender>().Single(s => s.ChannelId == "gov-12345");

    [Fact]
    public async Task New_orders_are_pulled_registered_with_the_platforms_deadline_and_acknowledged()
    {
        var first = (await CreateOrderAsync("管网漏水", "2026-06-01 18:00:00"))["order"]!.AsObject();
        var second = (await CreateOrderAsync("水费争议"))["order"]!.AsObject();

        var created = await LoopbackApp.EventuallyAsync(() => Task.FromResult(_intake.Created.ToList()), c => c.Count == 2);
        created.Count.ShouldBe(2);
        var byNumber = created.ToDictionary(s => s.ExternalId);
        byNumber[first["gdbh"]!.ToString()].ExternalDeadline.ShouldBe(DateTimeOffset.Parse("2026-06-01T18:00:00+08:00", CultureInfo.InvariantCulture));
        byNumber[second["gdbh"]!.ToString()].Phone.ShouldBe("13900001111");

        var orders = await LoopbackApp.EventuallyAsync(
            async () => (await _http.GetFromJsonAsync<List<JsonObject>>(new Uri(_simulator.Address, "_sim/orders")))!,
            o => o.All(x => x["acked"]!.GetValue<bool>()));
        orders.ShouldAllBe(o => o["acked"]!.GetValue<bool>());
        _intake.Calls.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_poll_with_wrong_credentials_registers_nothing()
    {
        var intake = new RecordingIntake();
        await using var plugin = await StartPluginAsync("wrong-secret", "0", intake: intake);
        await CreateOrderAsync("不应被拉取");
        var poller = plugin.Services.GetRequiredService<Gov12345Poller>();
        var settings = plugin.Services.GetRequiredService<Gov12345Platforms>().Find(Tenant)!;

        var refused = await Should.ThrowAsync<ApiException>(() => poller.PollOnceAsync(settings, CancellationToken.None));

        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        intake.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_pushed_order_is_registered_once_even_when_pushed_again()
    {
        var intake = new RecordingIntake();
        await using var plugin = await StartPluginAsync("fy-secret", "0", intake: intake);
        _simulator.App.Configuration["PushUrl"] = new Uri(plugin.Address, $"channels/gov-12345/{Tenant}/orders").ToString();

        var pushed = await CreateOrderAsync("井盖缺失", "2026-06-02 12:00:00", push: true);
        pushed["pushStatus"]!.GetValue<int>().ShouldBe(200, pushed.ToJsonString());
        var order = pushed["order"]!.AsObject();

        using var again = new HttpRequestMessage(HttpMethod.Post, new Uri(plugin.Address, $"channels/gov-12345/{Tenant}/orders")) { Content = JsonContent.Create(new JsonArray(order.DeepClone())) };
        again.Headers.Add("X-Push-Key", PushKey);
        (await _http.SendAsync(again)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var submission = intake.Created.ShouldHaveSingleItem();
        submission.ExternalId.ShouldBe(order["gdbh"]!.ToString());
        submission.ExternalDeadline.ShouldBe(DateTimeOffset.Parse("2026-06-02T12:00:00+08:00", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("wrong-key", "{\"gdbh\":\"x\",\"sqnr\":\"y\"}", HttpStatusCode.Unauthorized)]
    [InlineData("", "{\"gdbh\":\"x\",\"sqnr\":\"y\"}", HttpStatusCode.Unauthorized)]
    [InlineData(PushKey, "{\"gdbh\":", HttpStatusCode.BadRequest)]
    [InlineData(PushKey, "{\"gdbh\":\"x\"}", HttpStatusCode.UnprocessableEntity)]
    [InlineData(PushKey, "{\"gdbh\":\"x\",\"sqnr\":\"y\",\"sqnr\":\"z\"}", HttpStatusCode.BadRequest)]
    [InlineData(PushKey, "[{\"gdbh\":\"x\",\"sqnr\":\"y\"},{\"gdbh\":\"x2\",\"sqnr\":\"a\\ud800b\"}]", HttpStatusCode.BadRequest)]
    [InlineData(PushKey, "{\"gdbh\":\"x\",\"sqnr\":\"y\",\"processlimited\":\"0001-01-01 00:00:00\"}", HttpStatusCode.UnprocessableEntity)]
    public async Task A_bad_push_is_refused_and_creates_nothing(string key, string body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_plugin.Address, $"channels/gov-12345/{Tenant}/orders"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Push-Key", key);

        (await _http.SendAsync(request)).StatusCode.ShouldBe(expected);
        _intake.Created.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_oversize_push_is_413_and_an_unknown_tenant_404()
    {
        using var big = new HttpRequestMessage(HttpMethod.Post, new Uri(_plugin.Address, $"channels/gov-12345/{Tenant}/orders"))
        {
            Content = new StringContent("{\"gdbh\":\"x\",\"sqnr\":\"" + new string('x', 300_000) + "\"}", Encoding.UTF8, "application/json"),
        };
        big.Headers.Add("X-Push-Key", PushKey);
        (await _http.SendAsync(big)).StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);

        using var unknown = new HttpRequestMessage(HttpMethod.Post, new Uri(_plugin.Address, "channels/gov-12345/nobody/orders")) { Content = new StringContent("{}") };
        unknown.Headers.Add("X-Push-Key", PushKey);
        (await _http.SendAsync(unknown)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        _intake.Created.ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_operation_is_reported_to_the_platform_in_its_field_names()
    {
        var number = (await CreateOrderAsync("水质浑浊"))["order"]!["gdbh"]!.ToString();
        ChannelReply Reply(string moment, Dictionary<string, string> data) =>
            new(Guid.NewGuid().ToString("N"), Tenant, "FYW-1", "gov-12345", number, moment, $"text for {moment}", number, data);

        (await Sender().SendAsync(Reply("signed", []))).ShouldBe(ReplyOutcome.Sent);
        (await Sender().SendAsync(Reply("returned", new() { ["reason"] = "井盖属于管网部" }))).ShouldBe(ReplyOutcome.Skipped, "a department's return to the desk is internal");
        (await Sender().SendAsync(Reply("returned-to-source", new() { ["reason"] = "非本公司管辖" }))).ShouldBe(ReplyOutcome.Sent);
        (await Sender().SendAsync(Reply("extension-decided", new() { ["reason"] = "需更换管道", ["until"] = "2026-06-10 18:00" }))).ShouldBe(ReplyOutcome.Sent);
        (await Sender().SendAsync(Reply("result-reported", new() { ["result"] = "已更换水表" }))).ShouldBe(ReplyOutcome.Sent);
        (await Sender().SendAsync(Reply("accepted", []))).ShouldBe(ReplyOutcome.Skipped);
        (await Sender().SendAsync(Reply("closed", []))).ShouldBe(ReplyOutcome.Skipped);

        var reports = await ReportsAsync();
        reports.Select(r => r["operation"]!.ToString()).ShouldBe(["sign", "return", "extend", "reply"]);
        var bodies = reports.Select(r => JsonNode.Parse(r["body"]!.ToString())!.AsObject()).ToList();
        bodies.ShouldAllBe(b => b["gdbh"]!.ToString() == number && b["qqid"] != null && b["czsj"] != null);
        bodies[1]["yy"]!.ToString().ShouldBe("非本公司管辖");
        bodies[2]["yqrq"]!.ToString().ShouldBe("2026-06-10 18:00:00");
        bodies[3]["bljg"]!.ToString().ShouldBe("已更换水表");
    }

    [Fact]
    public async Task The_platform_hears_of_the_desks_return_and_of_an_approved_extension_only()
    {
        var returnedOrder = (await CreateOrderAsync("井盖松动"))["order"]!["gdbh"]!.ToString();
        var extendedOrder = (await CreateOrderAsync("管道漏水"))["order"]!["gdbh"]!.ToString();
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var handler = new Actor("handler@fangyang-water", Role.Handler, "pipe-network");
        var desk = new Actor("agent@fangyang-water", Role.Agent);
        var supervisor = new Actor("supervisor@fangyang-water", Role.Supervisor);

        // A mis-routed order: the department gives it back to the desk (internal), the desk returns it to 12345.
        var returned = new PlannedCase("FYW-2026-000001", returnedOrder, now);
        returned.Do(desk, new Accept("gov-transfer")).Do(desk, new Dispatch("pipe-network")).Do(handler, new Sign());
        returned.Do(handler, new Return("井盖属于管网部")).Do(desk, new ReturnToSource("非本公司管辖，请改派燃气公司"));

        // An extension asked for, denied, asked for again and approved.
        var extended = new PlannedCase("FYW-2026-000002", extendedOrder, now);
        extended.Do(desk, new Accept("gov-transfer")).Do(desk, new Dispatch("pipe-network")).Do(handler, new Sign());
        extended.Do(handler, new RequestExtension(now.AddDays(4), "需开挖路面")).Do(supervisor, new DecideExtension(false, "按期办结"));
        var until = new DateTimeOffset(now.Date.AddDays(5).AddHours(18), now.Offset);
        extended.Do(handler, new RequestExtension(until, "需更换主管")).Do(supervisor, new DecideExtension(true, "同意"));

        foreach (var message in returned.Outbox.Concat(extended.Outbox))
        {
            var data = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(message.Data)!;
            var reply = new ChannelReply(message.Id, message.Tenant, message.Number, message.Channel, message.ExternalId, message.Moment, $"text for {message.Moment}", message.ExternalId, data);
            (await Sender().SendAsync(reply)).ShouldBe(
                message.Moment is "signed" or "returned-to-source" or "extension-decided" ? ReplyOutcome.Sent : ReplyOutcome.Skipped,
                message.Moment);
        }

        returned.Outbox.Select(m => m.Moment).ShouldContain("returned", "an internal return is a moment (other channels may tell the customer)");
        var reports = (await ReportsAsync()).Select(r => (Operation: r["operation"]!.ToString(), Body: JsonNode.Parse(r["body"]!.ToString())!.AsObject())).ToList();
        reports.Where(r => r.Body["gdbh"]!.ToString() == returnedOrder).Select(r => r.Operation).ShouldBe(["sign", "return"]);
        reports.Single(r => r.Operation == "return").Body["yy"]!.ToString().ShouldBe("非本公司管辖，请改派燃气公司");
        reports.Where(r => r.Body["gdbh"]!.ToString() == extendedOrder).Select(r => r.Operation).ShouldBe(["sign", "extend"]);
        var extension = reports.Single(r => r.Operation == "extend").Body;
        extension["yqrq"]!.ToString().ShouldBe(until.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        extension["yy"]!.ToString().ShouldBe("需更换主管");
    }

    /// <summary>A 12345 case driven through the real decisions and commit plan, as the case grain drives it; collects its outbox.</summary>
    private sealed class PlannedCase
    {
        private static readonly CaseRules Rules = new(new HashSet<string> { "gov-transfer" }, new HashSet<string> { "pipe-network" });
        private CaseState? _state;
        private int _version;
        private DateTimeOffset _now;

        public PlannedCase(string number, string order, DateTimeOffset now)
        {
            _now = now;
            Do(new Actor("channel:gov-12345", Role.Channel), new Register(Tenant, number, "gov-12345", ComplaintKind.Complaint, "市民反映", ExternalId: order, ExternalDeadline: now.AddDays(3)));
        }

        public List<OutboxMessage> Outbox { get; } = [];

        public PlannedCase Do(Actor actor, CaseCommand command)
        {
            var (commit, refusal) = CasePlan.Decide(_state, _version, command, new DecisionContext(_now, actor, Rules), engine: null);
            refusal.ShouldBeNull(refusal?.Message.ToString());
            _state = commit!.Next;
            _version += commit.Events.Count;
            Outbox.AddRange(commit.Append.Outbox);
            _now = _now.AddMinutes(1);
            return this;
        }
    }

    [Fact]
    public async Task A_report_the_platform_refuses_is_failed_and_an_unreachable_platform_retry_later()
    {
        var unknown = new ChannelReply("r1", Tenant, "FYW-1", "gov-12345", "no-such-order", "signed", "t", "no-such-order", new Dictionary<string, string>());
        (await Sender().SendAsync(unknown)).ShouldBe(ReplyOutcome.Failed);

        await using var offline = await StartPluginAsync("fy-secret", "0", baseUrl: Loopback.RefusingAddress().ToString(), intake: new RecordingIntake());
        (await Sender(offline).SendAsync(unknown)).ShouldBe(ReplyOutcome.RetryLater);
        (await ReportsAsync()).ShouldBeEmpty();
    }
}
