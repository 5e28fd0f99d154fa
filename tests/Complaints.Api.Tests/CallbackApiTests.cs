using System.Net;
using System.Text.Json.Nodes;

namespace Complaints.Api.Tests;

/// <summary>
/// The callback through the API: where an unsatisfied customer's case goes, a customer who cannot be reached, and the
/// people responsible (the first-contact owner and the handler) on the case and its ledger row.
/// </summary>
public sealed class CallbackApiTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private readonly Desk _desk = new(fixture.Platform);

    private async Task<string> ResolvedAsync()
    {
        var number = await _desk.DispatchedAsync();
        await _desk.ActAsync(number, "sign", null, "pipe-network");
        await _desk.ActAsync(number, "report-result", new { result = "已调整减压阀" }, "pipe-network");
        return number;
    }

    [Fact]
    public async Task The_desk_sends_an_unsatisfied_customer_s_case_to_another_department_charged_to_the_first()
    {
        var number = await ResolvedAsync();

        var sent = await _desk.ActAsync(number, "record-callback", new { satisfaction = "unsatisfied", note = "客户认为是水费问题", redispatchTo = "billing" }, "agent");

        sent.Str("status").ShouldBe("dispatched");
        sent.Str("department").ShouldBe("billing");
        sent["redispatches"]!.GetValue<int>().ShouldBe(1);
        sent["redispatchesAgainst"]!.AsArray().Select(d => d!.GetValue<string>()).ShouldBe(["pipe-network"]);
        sent["handler"].ShouldBeNull();
        var redispatched = sent["history"]!.AsArray().Single(h => h.Str("type") == "redispatched")!;
        redispatched["data"]!.Str("against").ShouldBe("pipe-network");

        var signed = await _desk.ActAsync(number, "sign", null, "billing");
        signed.Str("owner").ShouldBe("agent@fangyang-water");
        signed.Str("handler").ShouldBe("billing@fangyang-water");
        var row = await LedgerRowAsync(number);
        row.Str("owner").ShouldBe("agent@fangyang-water");
        row.Str("handler").ShouldBe("billing@fangyang-water");
    }

    [Fact]
    public async Task Routing_an_unsatisfied_case_is_checked_naming_the_field()
    {
        var number = await ResolvedAsync();

        var unknown = await _desk.ActAsync(number, "record-callback", new { satisfaction = "unsatisfied", redispatchTo = "nowhere" }, "agent", HttpStatusCode.BadRequest);
        unknown["errors"]!["redispatchTo"].ShouldNotBeNull();
        var satisfied = await _desk.ActAsync(number, "record-callback", new { satisfaction = "satisfied", escalate = true }, "agent", HttpStatusCode.BadRequest);
        satisfied["errors"]!["escalate"].ShouldNotBeNull();
        var missing = await _desk.ActAsync(number, "record-callback", new { note = "客户说还行" }, "agent", HttpStatusCode.BadRequest);
        missing["errors"]!["satisfaction"].ShouldNotBeNull();
        var outcome = await _desk.ActAsync(number, "record-callback", new { outcome = "busy" }, "agent", HttpStatusCode.BadRequest);
        outcome["errors"]!["outcome"].ShouldNotBeNull();

        (await _desk.GetAsync(number)).Str("status").ShouldBe("resolved");
    }

    [Fact]
    public async Task An_escalated_case_waits_for_the_leader_who_sends_it_to_a_department()
    {
        var number = await ResolvedAsync();

        var escalated = await _desk.ActAsync(number, "record-callback", new { satisfaction = "unsatisfied", note = "客户要求领导处理", escalate = true }, "supervisor");

        escalated.Str("status").ShouldBe("pending-approval");
        escalated["redispatchesAgainst"]!.AsArray().Select(d => d!.GetValue<string>()).ShouldBe(["pipe-network"]);
        escalated["history"]!.AsArray().Select(h => h.Str("type")).ShouldContain("escalated");
        await _desk.ActAsync(number, "sign", null, "pipe-network", HttpStatusCode.Conflict);
        var unknown = await _desk.ActAsync(number, "approve-dispatch", new { department = "nowhere" }, "leader", HttpStatusCode.BadRequest);
        unknown["errors"]!["department"].ShouldNotBeNull();

        var approved = await _desk.ActAsync(number, "approve-dispatch", new { note = "转抄收部复核水费", department = "billing" }, "leader");

        approved.Str("status").ShouldBe("dispatched");
        approved.Str("department").ShouldBe("billing");
        approved["clocks"]!.AsArray().ShouldContain(c => c.Str("name") == "sign-for" && c.Str("state") == "running" && c.Str("department") == "billing");
        (await _desk.ActAsync(number, "sign", null, "billing")).Str("status").ShouldBe("in-progress");
    }

    [Fact]
    public async Task Callbacks_that_do_not_reach_the_customer_are_counted_and_the_tenant_s_last_attempt_closes_the_case()
    {
        var number = await ResolvedAsync();

        var first = await _desk.ActAsync(number, "record-callback", new { outcome = "not-reached", note = "无人接听" }, "agent");

        first.Str("status").ShouldBe("resolved");
        first["callbackAttempts"]!.GetValue<int>().ShouldBe(1);
        first["clocks"]!.AsArray().ShouldContain(c => c.Str("name") == "callback" && c!["stoppedAt"] == null);
        await _desk.ActAsync(number, "record-callback", new { outcome = "not-reached", satisfaction = "satisfied" }, "agent", HttpStatusCode.BadRequest);
        (await _desk.ActAsync(number, "record-callback", new { outcome = "not-reached", note = "关机" }, "agent"))["callbackAttempts"]!.GetValue<int>().ShouldBe(2);

        // fangyang-water's policy: the third failed attempt closes it (Policy:Callback:NotReachedAttempts).
        var closed = await _desk.ActAsync(number, "record-callback", new { outcome = "not-reached", note = "仍无人接听" }, "agent");

        closed.Str("status").ShouldBe("closed");
        closed["satisfaction"].ShouldBeNull();
        closed["closedAt"].ShouldNotBeNull();
        var types = closed["history"]!.AsArray().Select(h => h.Str("type")).Where(t => !t.StartsWith("clock-", StringComparison.Ordinal)).ToList();
        types.TakeLast(4).ShouldBe(["callback-not-reached", "callback-not-reached", "callback-not-reached", "closed"]);
    }

    private async Task<JsonNode> LedgerRowAsync(string number)
    {
        var page = await (await _desk.As("supervisor")).GetAsync($"{_desk.Complaints}?q={number}").ExpectAsync(HttpStatusCode.OK);
        return page["items"]!.AsArray().Single(i => i.Str("number") == number)!;
    }
}
